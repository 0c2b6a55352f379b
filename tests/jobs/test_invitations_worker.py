"""Invitation e-mails through a real Redis broker and real Celery workers, counted in files."""

import time

import pytest

from .conftest import VISIBILITY_TIMEOUT, drive, recipients, wait_until

pytestmark = [pytest.mark.broker]

EVERYONE = 12


def _all_sent(env, campaign_id):
    return lambda: drive(env, "invitations", campaign_id)["sent"] == EVERYONE


def test_sending_a_campaign_twice_to_two_workers_emails_each_person_once(
    app_env, workers, mail_dir
):
    campaign_id = drive(app_env, "seed", EVERYONE)["campaign_id"]
    workers(app_env, "w1")
    workers(app_env, "w2")
    drive(app_env, "send", campaign_id)
    drive(app_env, "send", campaign_id)  # an impatient admin, or a redelivered message
    assert wait_until(_all_sent(app_env, campaign_id))
    time.sleep(1)  # a duplicate would be written by now
    assert recipients(mail_dir) == [f"p{i:03d}@example.com" for i in range(EVERYONE)]


@pytest.mark.fault
def test_worker_killed_mid_batch_loses_and_duplicates_no_email(
    app_env, workers, mail_dir, tmp_path
):
    campaign_id = drive(app_env, "seed", EVERYONE)["campaign_id"]
    marker = tmp_path / "stalled"
    stalling = {
        **app_env,
        "EMAIL_BACKEND": "tests.jobs.stalling_email.EmailBackend",
        "CX_STALL_AFTER": "5",
        "CX_STALL_MARKER": str(marker),
    }
    doomed = workers(stalling, "doomed")
    drive(app_env, "send", campaign_id)
    assert wait_until(marker.exists, timeout=60), doomed.log.read_text()[-3000:]
    doomed.kill()  # mid-batch: five written, the sixth claimed in an open transaction
    assert len(recipients(mail_dir)) == 5
    assert drive(app_env, "invitations", campaign_id)["sent"] == 5  # the sixth claim rolled back

    time.sleep(VISIBILITY_TIMEOUT + 1)  # the unacknowledged batch becomes visible again
    workers(app_env, "rescuer")
    assert wait_until(_all_sent(app_env, campaign_id), timeout=90)
    time.sleep(1)
    assert recipients(mail_dir) == [f"p{i:03d}@example.com" for i in range(EVERYONE)]
