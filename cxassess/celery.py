import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxassess.settings")

app = Celery("cxassess")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job calls a service that is a no-op when there is nothing to do, so a beat that
# restarts, or runs twice for a minute during a deploy, does no harm.
app.conf.beat_schedule = {
    # Record closing as soon as closes_at passes (answering already stops at closes_at itself).
    "close-due-campaigns": {
        "task": "questionnaire.tasks.close_due_campaigns",
        "schedule": crontab(minute="*"),
    },
    # Invitations an admin asked to e-mail that are still unsent: the queue was down when they
    # were asked for, or the mail server outlasted the retries. Nobody is e-mailed twice.
    "send-requested-invitations": {
        "task": "questionnaire.tasks.send_requested_invitations",
        "schedule": crontab(minute="*/10"),
    },
    # Hourly: each campaign's own reminder_interval_days decides who is due; a person is reminded
    # at most once per interval, so the hour only bounds how late a reminder can be.
    "send-reminders": {"task": "questionnaire.tasks.send_reminders", "schedule": crontab(minute=7)},
    # Repairs snapshots whose refresh was lost (broker down when responses arrived); cheap when
    # everything is fresh: one COUNT and one cache read per running campaign.
    "refresh-stale-snapshots": {
        "task": "reports.tasks.refresh_stale_snapshots",
        "schedule": crontab(minute="*/10"),
    },
    # Exports asked for while the broker was down are still waiting: enqueue them again; builds
    # that died long ago (worker killed) are marked failed, so their page offers to try again.
    "requeue-waiting-exports": {
        "task": "reports.tasks.requeue_waiting_exports",
        "schedule": crontab(minute="*/5"),
    },
    # Nightly: PDF exports are kept a week.
    "purge-old-exports": {
        "task": "reports.tasks.purge_old_exports",
        "schedule": crontab(hour=3, minute=30),
    },
    # Nightly: sessions live in the database, one row per login, kept for ever once expired.
    "clear-expired-sessions": {
        "task": "cxassess.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=45),
    },
}


@app.task(name="cxassess.clear_expired_sessions")
def clear_expired_sessions() -> None:
    from django.core.management import call_command  # late: Django is set up by then

    call_command("clearsessions")


def queue_reachable(timeout: float = 2.0) -> bool:
    """Whether the broker answers now: work queued while it is down waits for a sweep, and the
    person who asked for it should hear so. Always true without a broker (tasks run in-process)."""
    if app.conf.task_always_eager:
        return True
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
    except Exception:  # any failure to connect means the same to the person waiting
        return False
    return True
