"""Sixteen clients submit for 30 seconds against gunicorn; no accepted answer may be lost.

"Accepted" means the app answered 302 to a result page. Afterwards every accepted submission
must be in the database exactly once and every stored response must hold its fifteen answers,
also when Redis is stopped half-way or PostgreSQL is restarted half-way.
"""

from collections import Counter
from dataclasses import dataclass, field

import psycopg
import pytest

from bench import loadgen, stack

from .conftest import LOAD_SECONDS, seed_survey

pytestmark = pytest.mark.fault

CLIENTS = 16
WORKERS = 4
QUESTIONS = 15
# Far above what 16 clients on one address send: the load test measures saving, not throttling.
UNTHROTTLED = {"CXASSESS_RATELIMIT_SUBMIT": "1000000/m"}


@dataclass
class Outage:
    """When a server was down, in seconds since the run began."""

    began: float | None = None
    ended: float | None = None
    notes: list[str] = field(default_factory=list)


def _survey(seeded: dict) -> loadgen.Survey:
    return loadgen.Survey(
        post_path=seeded["open_path"],
        question_ids=seeded["question_ids"],
        department_ids=seeded["department_ids"],
        invitation_tokens=seeded["invitation_tokens"],
    )


def _stored(database_url: str) -> tuple[Counter, list, int, int, int]:
    with psycopg.connect(database_url) as conn:
        keys = Counter(
            dict(
                conn.execute(
                    "SELECT submission_key::text, count(*) FROM questionnaire_response GROUP BY 1"
                ).fetchall()
            )
        )
        partial = conn.execute(
            "SELECT r.id, count(a.id) FROM questionnaire_response r"
            " LEFT JOIN questionnaire_answer a ON a.response_id = r.id"
            " GROUP BY r.id HAVING count(a.id) <> %s",
            [QUESTIONS],
        ).fetchall()
        (responses,) = conn.execute("SELECT count(*) FROM questionnaire_response").fetchone()
        (answers,) = conn.execute("SELECT count(*) FROM questionnaire_answer").fetchone()
        (used,) = conn.execute(
            "SELECT count(*) FROM questionnaire_invitation WHERE used"
        ).fetchone()
    return keys, partial, responses, answers, used


def _assert_nothing_lost(database_url: str, run: loadgen.Run) -> None:
    keys, partial, responses, answers, used = _stored(database_url)
    accepted = run.accepted()
    assert accepted, "no submission was accepted at all"
    assert [k for k, n in keys.items() if n > 1] == [], "a submission is stored twice"
    lost = [a for a in accepted if keys[a.key] != 1]
    assert lost == [], f"{len(lost)} accepted submissions are not in the database"
    assert partial == [], f"responses without exactly {QUESTIONS} answers: {partial[:5]}"
    assert answers == QUESTIONS * responses
    # Nothing is stored that the clients did not send (an unanswered attempt may be stored).
    sent = {a.key for a in run.attempts}
    assert set(keys) <= sent
    # An invitation is marked used in the same transaction that stores its answers.
    claimed = sum(1 for a in accepted if a.kind == "invitation")
    assert claimed <= used <= sum(1 for a in run.attempts if a.kind == "invitation")


def _start(database_url: str, redis_url: str, **extra: str) -> tuple[dict, dict]:
    env = stack.app_env(database_url=database_url, redis_url=redis_url, **UNTHROTTLED, **extra)
    stack.app_prepare(env)
    return env, seed_survey(env, invitations=4000)


def _failed(run: loadgen.Run) -> list[loadgen.Attempt]:
    return [a for a in run.attempts if not a.accepted]


def test_sixteen_clients_for_thirty_seconds_lose_nothing() -> None:
    database_url = stack.database_recreate(stack.SHARED_POSTGRES, "cx_load_plain")
    with stack.Redis() as redis:
        env, seeded = _start(database_url, redis.url)
        with stack.Gunicorn(env, workers=WORKERS) as server:
            run = loadgen.run(
                port=server.port, survey=_survey(seeded), clients=CLIENTS, duration=LOAD_SECONDS
            )
            log = server.log_tail()
    print(run.summary())
    assert _failed(run) == [], f"{run.summary()}\n{log}"
    _assert_nothing_lost(database_url, run)


def test_redis_stopped_half_way_loses_no_submission() -> None:
    database_url = stack.database_recreate(stack.SHARED_POSTGRES, "cx_load_redis")
    outage = Outage()
    with stack.Redis() as redis:
        env, seeded = _start(database_url, redis.url)

        def stop_redis_half_way(elapsed: float) -> None:
            if outage.began is None and elapsed >= LOAD_SECONDS / 2:
                outage.began = elapsed
                redis.stop()

        with stack.Gunicorn(env, workers=WORKERS) as server:
            run = loadgen.run(
                port=server.port,
                survey=_survey(seeded),
                clients=CLIENTS,
                duration=LOAD_SECONDS,
                on_tick=stop_redis_half_way,
            )
            log = server.log_tail()
    print(run.summary())
    assert outage.began is not None
    after = [a for a in run.accepted() if a.started > outage.began + 1]
    # The cache and the broker are down, the database is not: people can still answer.
    assert after, f"no submission accepted after Redis stopped: {run.summary()}\n{log}"
    assert _failed(run) == [], f"{run.summary()}\n{log}"
    _assert_nothing_lost(database_url, run)


def test_postgres_restarted_half_way_recovers_without_restarting_the_app() -> None:
    outage = Outage()
    with stack.PostgresCluster() as postgres, stack.Redis() as redis:
        database_url = stack.database_recreate(postgres.url, "cx_load_restart")
        # Persistent connections: the app must notice the dead ones (CONN_HEALTH_CHECKS).
        env, seeded = _start(database_url, redis.url, DATABASE_CONN_MAX_AGE="600")

        def restart_half_way(elapsed: float) -> None:
            if outage.began is None and elapsed >= LOAD_SECONDS / 2:
                outage.began = elapsed
                postgres.down()
            elif outage.ended is None and outage.began and elapsed >= outage.began + 2:
                postgres.up()
                outage.ended = elapsed

        with stack.Gunicorn(env, workers=WORKERS) as server:
            run = loadgen.run(
                port=server.port,
                survey=_survey(seeded),
                clients=CLIENTS,
                duration=LOAD_SECONDS,
                on_tick=restart_half_way,
            )
            log = server.log_tail()
        print(run.summary(), outage)
        _assert_nothing_lost(database_url, run)
    assert outage.began is not None and outage.ended is not None
    recovered = [a for a in run.accepted() if a.started > outage.ended + 1]
    assert len(recovered) > 10, f"few submissions after the restart: {run.summary()}\n{log}"
    # Failures are acceptable only for requests that overlapped the outage.
    outside = [a for a in _failed(run) if a.ended < outage.began or a.started > outage.ended + 1]
    assert outside == [], f"{outside[:5]} failed while the database was up\n{log}"
