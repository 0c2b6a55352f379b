"""Redis stopped while people answer: every response saved, the result page shown, the snapshot
computed on demand and rebuilt by the sweep once Redis is back."""

import os
import signal
import time

import pytest

from bench import stack

from .conftest import drive

pytestmark = [pytest.mark.fault]

# A guard against a hang, not a speed test: publishing to a dead broker gives up after one quick
# retry (CELERY_BROKER_TRANSPORT_OPTIONS), typically in well under a second.
HANG = 5.0


# A broker that never answers costs its socket timeout (2 s) twice, the publish and its one
# retry: about 4 s, instead of waiting until gunicorn killed the worker.
HUNG_BROKER = 10.0


def _check(outcome: dict, hang: float = HANG) -> None:
    print("POST seconds:", [round(o["s"], 3) for o in outcome["outcomes"]])  # shown with -s
    assert all(o["post"] == 302 and o["page"] == 200 for o in outcome["outcomes"]), outcome
    assert max(o["s"] for o in outcome["outcomes"]) < hang, outcome


def test_submissions_are_saved_while_redis_is_down(app_env, redis_server):
    campaign_id = drive(app_env, "seed", 0)["campaign_id"]
    _check(drive(app_env, "submit", campaign_id, 2))  # Redis up: refresh queued

    redis_server.stop()
    down = drive(app_env, "submit", campaign_id, 4)
    _check(down)
    assert down["responses"] == 6
    board = drive(app_env, "dashboard", campaign_id)  # no cache: computed from the database
    assert board["size"] == 6 and board["fresh_after"] is False

    redis_server.start()  # back on the same port, empty (no persistence)
    assert drive(app_env, "sweep")["rebuilt"] >= 1  # ours, and any other test's running round
    assert drive(app_env, "dashboard", campaign_id) == {
        "fresh_before": True,
        "size": 6,
        "fresh_after": True,
    }


def test_submissions_are_saved_when_only_the_broker_is_down(app_env, redis_server):
    """Cache reachable, broker not: the refresh cannot be published and the request goes on."""
    dead_broker = f"redis://127.0.0.1:{stack.free_port()}/0"
    env = {**app_env, "CELERY_BROKER_URL": dead_broker}
    campaign_id = drive(env, "seed", 0)["campaign_id"]
    outcome = drive(env, "submit", campaign_id, 3)
    _check(outcome)
    assert outcome["responses"] == 3
    # The lock of the lost refresh expires; the next reader or the sweep repairs the snapshot.
    assert drive(env, "dashboard", campaign_id)["size"] is None  # 3 < threshold: nothing shown


def test_submissions_are_saved_when_the_broker_hangs(app_env, redis_server):
    """A broker that accepts connections and never answers (stopped, not gone): the publish
    after an answer waited on its reply until gunicorn killed the worker, and an answer already
    saved ended in a 500 after 30 s."""
    with stack.Redis() as broker:
        os.kill(broker.process.pid, signal.SIGSTOP)
        try:
            env = {**app_env, "CELERY_BROKER_URL": broker.url}
            campaign_id = drive(env, "seed", 0)["campaign_id"]
            outcome = drive(env, "submit", campaign_id, 2)
        finally:
            os.kill(broker.process.pid, signal.SIGCONT)
    _check(outcome, hang=HUNG_BROKER)
    assert outcome["responses"] == 2


def test_a_stalled_redis_costs_one_timeout_not_two_per_answer(app_env, redis_server):
    """Redis alive but not answering (its process stopped) cost every answer two 2-second
    timeouts, rate limit and refresh lock: about one answer a second per process. After the
    first timeout the cache is skipped for a few seconds (cxassess/cache.py)."""
    campaign_id = drive(app_env, "seed", 0)["campaign_id"]
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    try:
        outcome = drive(app_env, "submit", campaign_id, 4)
    finally:
        os.kill(redis_server.process.pid, signal.SIGCONT)
    _check(outcome, hang=HUNG_BROKER)
    assert outcome["responses"] == 4
    assert sum(o["s"] for o in outcome["outcomes"][1:]) < 1.0, outcome  # no timeout after the first


def test_a_worker_holding_a_delayed_refresh_survives_a_redis_restart(
    app_env, redis_server, workers, mail_dir
):
    """A live round nearly always has a dashboard refresh waiting its 30 s in a worker. Celery
    5.7.0's worker exited ("Unrecoverable error: AttributeError") when Redis restarted then,
    and stayed down: no e-mails, reminders or PDFs until someone restarted it."""
    import redis

    from .conftest import recipients, wait_until

    campaign_id = drive(app_env, "seed", 3)["campaign_id"]
    worker = workers(app_env, "w1")
    drive(app_env, "submit", campaign_id, 1)  # queues the refresh, due in 30 s
    broker = redis.Redis.from_url(redis_server.url)
    assert wait_until(lambda: broker.hlen("unacked") >= 1, timeout=20), worker.log.read_text()
    broker.close()

    redis_server.stop()
    redis_server.start()  # the same port, empty
    time.sleep(3)  # the worker notices and reconnects (or, before, exited)
    assert worker.process.poll() is None, worker.log.read_text()[-3000:]
    drive(app_env, "send", campaign_id)
    assert wait_until(lambda: len(recipients(mail_dir)) == 3, timeout=60), worker.log.read_text()
