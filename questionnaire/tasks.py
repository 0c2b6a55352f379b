"""Queue in, service call out. Each task is safe to run twice (see the services it calls)."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services

# OperationalError: the database was briefly unreachable. SMTPException and OSError: the mail
# server could not be reached or said to try later; nothing was claimed for the message that
# failed. (An address it refuses for good is skipped by the service and never reaches here.)
TRANSIENT = (OperationalError, SMTPException, OSError)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def send_invitations(campaign_id: int) -> int:
    """Fan a campaign's unsent invitations out into batches; returns the number of batches."""
    batches = services.invitation_batches_unsent(campaign_id=campaign_id, now=timezone.now())
    for ids in batches:
        send_invitation_batch.delay(ids)
    return len(batches)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def send_requested_invitations() -> int:
    """Beat: invitations an admin asked to e-mail whose first try was lost (queue down) or gave
    up (mail server down or limiting); returns the number of batches queued."""
    batches = services.invitation_batches_requested(now=timezone.now())
    for ids in batches:
        send_invitation_batch.delay(ids)
    return len(batches)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def send_invitation_batch(invitation_ids: list[int]) -> int:
    return services.invitations_send(invitation_ids=invitation_ids, now=timezone.now())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def send_reminders() -> int:
    """Beat: fan the reminders due now out into batches; returns the number of batches."""
    batches = services.reminder_batches_due(now=timezone.now())
    for ids in batches:
        send_reminder_batch.delay(ids)
    return len(batches)


@shared_task(autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5, acks_late=True)
def send_reminder_batch(invitation_ids: list[int]) -> int:
    return services.reminders_send(invitation_ids=invitation_ids, now=timezone.now())


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def close_due_campaigns() -> int:
    return services.campaigns_close_due(now=timezone.now())
