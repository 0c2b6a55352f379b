"""State changes of the reports app: snapshot refreshes and PDF exports, each safe to repeat."""

import logging
from collections.abc import Collection
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone, translation

from questionnaire.models import Campaign

from . import pdf, selectors, snapshots
from .models import ClosedRoundCounts, ExportJob

logger = logging.getLogger(__name__)

SWEEP_AFTER_CLOSING = timedelta(days=2)  # late refreshes of a just-closed round still matter
EXPORT_KEPT_FOR = timedelta(days=7)
EXPORT_REQUEUE_AFTER = timedelta(minutes=3)


def snapshot_refresh(*, campaign_id: int) -> bool:
    """Make the campaign's full snapshot current; True if it had to be rebuilt."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return False  # deleted since the refresh was queued
    fresh = snapshots.snapshot_is_fresh(campaign)
    if not fresh:
        snapshots.snapshot_rebuild(campaign)
    return not fresh


def snapshots_refresh_stale(*, now: datetime) -> int:
    """The periodic sweep: rebuild the snapshots of running and just-closed rounds that are stale,
    e.g. because the broker was down when their last responses arrived."""
    recent = Q(closed_at__isnull=True) | Q(closed_at__gte=now - SWEEP_AFTER_CLOSING)
    campaigns = Campaign.objects.filter(recent, opens_at__lte=now)
    return sum(snapshot_refresh(campaign_id=pk) for pk in campaigns.values_list("pk", flat=True))


@transaction.atomic
def export_job_create(
    *,
    campaign: Campaign,
    user: AbstractBaseUser,
    departments: Collection[int] | None,
    language: str = "en",
) -> ExportJob:
    """A PDF export for this leader, or the one already under way (a double click makes one)."""
    from . import tasks

    scope = None if departments is None else sorted(departments)
    # One request of this leader's at a time: two sessions clicking at once made two PDFs.
    get_user_model().objects.select_for_update().get(pk=user.pk)
    mine = ExportJob.objects.filter(campaign=campaign, requested_by=user)
    # A job whose build died stays "running": asking again must not be sent to it for ever.
    mine.fail_abandoned(now=timezone.now())
    pending = mine.filter(status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING])
    for job in pending:
        if job.departments == scope:
            return job
    job = ExportJob.objects.create(
        campaign=campaign, requested_by=user, departments=scope, language=language
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: tasks.run_export.delay(job_id), robust=True)
    return job


def _progress(job: ExportJob, **changes: object) -> None:
    # A plain UPDATE, committed at once, so the status page sees each step while the PDF builds.
    ExportJob.objects.filter(pk=job.pk).update(**changes)


def export_job_run(*, job_id: str) -> ExportJob | None:
    """Build the PDF; a job already done or given up is left alone, one interrupted half-way
    starts over."""
    job = ExportJob.objects.select_related("campaign").filter(pk=job_id).first()
    if job is None or job.finished:
        # Failed includes abandoned (its worker was killed): the message of its dead build came
        # back an hour later and built it after all, beside the one the leader asked for again.
        return job
    _progress(job, status=ExportJob.Status.RUNNING, progress=10, error="")
    try:
        dashboard = snapshots.campaign_dashboard(job.campaign, departments=job.departments)
        _progress(job, progress=40)
        with translation.override(job.language):  # the leader's language when they asked
            content = pdf.dashboard_pdf(
                dashboard=dashboard, on_progress=lambda p: _progress(job, progress=p)
            )
        _export_file_save(job, content)
    except OperationalError:
        raise  # the database blinked: the task tries again, and the job is still "building"
    except Exception as error:
        logger.exception("PDF export %s failed", job.pk)
        _progress(
            job, status=ExportJob.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        raise
    _progress(
        job,
        file=job.file.name,
        status=ExportJob.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _export_file_save(job: ExportJob, content: bytes) -> None:
    """Write the PDF, or nothing: a full disk left a partial file that no job pointed to, so no
    purge ever removed it, and the job hung at "building" until the sweep gave up on it. The
    file is named after the job, so a file under that name can only be this job's: a partial
    one from an earlier attempt, or this attempt's."""
    storage = job.file.storage
    name = job.file.field.generate_filename(job, f"{job.pk}.pdf")
    if storage.exists(name):
        storage.delete(name)
    try:
        job.file.name = storage.save(name, ContentFile(content))
    except Exception:
        job.file.name = ""
        if storage.exists(name):
            storage.delete(name)
        raise


def export_jobs_fail_abandoned(*, now: datetime) -> int:
    """Builds that died (worker killed, out of memory, time limit) end as failed, so their page
    offers to try again. Waiting ones are left to export_jobs_waiting: after a broker outage they
    are built late rather than not at all."""
    return ExportJob.objects.filter(status=ExportJob.Status.RUNNING).fail_abandoned(now=now)


def export_jobs_waiting(*, now: datetime) -> list[str]:
    """Exports still waiting a few minutes after they were asked for: their message was lost
    (broker down when the leader asked). Running ones come back by themselves (acks_late)."""
    waiting = ExportJob.objects.filter(
        status=ExportJob.Status.PENDING, created_at__lt=now - EXPORT_REQUEUE_AFTER
    )
    return [str(pk) for pk in waiting.values_list("pk", flat=True)]


def export_jobs_purge(*, now: datetime) -> int:
    """Delete exports (rows and files) older than a week: they are snapshots, not archives."""
    old = list(ExportJob.objects.filter(created_at__lt=now - EXPORT_KEPT_FOR))
    folders = set()
    for job in old:
        if job.file:
            folders.add(_folder_on_disk(job.file))
            job.file.delete(save=False)
        job.delete()
    _empty_month_folders_removed(folders - {None})
    return len(old)


def _folder_on_disk(file) -> Path | None:
    try:
        return Path(file.path).parent
    except NotImplementedError:  # a storage without local paths (S3) has no folders to leave
        return None


def _empty_month_folders_removed(folders: set[Path]) -> None:
    """exports/2026/05/ and then exports/2026/, once empty: a year of weekly purges left a
    tree of empty folders behind. A folder a new export has just written to stays."""
    for month in folders:
        for folder in (month, month.parent):
            if folder.name == "exports" or "exports" not in folder.parts:
                break  # upload_to's folders only, never the media root
            try:
                folder.rmdir()  # only ever removes an empty folder
            except OSError:
                break


def closed_round_counts_keep(
    *,
    campaign: Campaign,
    responses_changed: int,
    sizes: dict[tuple[int, str], int],
    counts: selectors.CellCounts,
) -> ClosedRoundCounts:
    """Keep a closed round's respondents and counts (idempotent: the latest count overwrites).

    `responses_changed` is the campaign's change count as read before its answers were counted:
    a change since then raised it past the one kept here, so these counts are never taken for
    newer ones."""
    keys = {
        (*cell, q)
        for by_cell in (counts.counts, counts.dont_know)
        for cell, questions in by_cell.items()
        for q in questions
    }
    cells = [
        [
            d,
            role,
            q,
            list(counts.counts.get((d, role), {}).get(q, (0,) * 5)),
            counts.dont_know.get((d, role), {}).get(q, 0),
        ]
        for d, role, q in sorted(keys)
    ]
    kept, _created = ClosedRoundCounts.objects.update_or_create(
        campaign=campaign,
        defaults={
            "responses_changed": responses_changed,
            "cells": cells,
            "sizes": [[d, role, n] for (d, role), n in sorted(sizes.items())],
        },
    )
    return kept
