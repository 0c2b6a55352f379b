"""Queue in, service call out. Each task is safe to run twice (see the services it calls)."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services

# OperationalError: the database was briefly unreachable; anything else is a bug.


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def refresh_snapshot(campaign_id: int) -> bool:
    return services.snapshot_refresh(campaign_id=campaign_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def refresh_stale_snapshots() -> int:
    return services.snapshots_refresh_stale(now=timezone.now())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3, acks_late=True)
def run_export(job_id: str) -> None:
    services.export_job_run(job_id=job_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def requeue_waiting_exports() -> int:
    """Beat: a second chance for exports whose message never reached a worker, and the end of
    those whose build died (their page then offers to try again). Waiting ones are never given
    up here: after a broker outage they are built late rather than not at all."""
    now = timezone.now()
    services.export_jobs_fail_abandoned(now=now)
    waiting = services.export_jobs_waiting(now=now)
    for job_id in waiting:
        run_export.delay(job_id)
    return len(waiting)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def purge_old_exports() -> int:
    return services.export_jobs_purge(now=timezone.now())
