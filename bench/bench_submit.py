"""Submission throughput: the real answer form beside the bare view, on one gunicorn server.

The same load generator posts the same form body (15 answers, department, role, a fresh
submission key, the CSRF token) to the open link and to bench/bare_view.py, alternating rounds so
that noise from other processes on the machine falls on both alike. A third series does what a
respondent's browser does, the answer form and then the result page it redirects to.

A Celery worker runs beside gunicorn, as in production: it rebuilds the dashboard snapshot that
result pages of a large round read (reports/snapshots.py), and competes for the same cores. Before
each round the tables are analysed, as autovacuum would have done by then in production (the
machine's shared PostgreSQL runs with autovacuum off, and unanalysed tables get bad plans).
"""

import tempfile
from pathlib import Path

from bench import generate, loadgen, stack


def measure(
    *,
    env: dict[str, str],
    seeded: dict,
    clients: int,
    workers: int,
    seconds: float,
    rounds: int,
    warmup: float = 3.0,
) -> dict:
    app = loadgen.Survey(seeded["open_path"], seeded["question_ids"], seeded["department_ids"])
    bare = loadgen.Survey(
        f"/bench/bare/{seeded['campaign_id']}/", seeded["question_ids"], seeded["department_ids"]
    )
    series = {"app": (app, False), "flow": (app, True), "bare": (bare, False)}
    runs: dict[str, list[loadgen.Run]] = {name: [] for name in series}
    worker_log = Path(tempfile.mkstemp(prefix="cx-worker-", suffix=".log")[1])
    server = stack.Gunicorn(env, workers=workers)
    with stack.running(stack.CeleryWorker(env, worker_log, "bench"), server):
        for survey, follow in series.values():  # warm every path up, untimed
            loadgen.run(
                port=server.port,
                survey=survey,
                clients=clients,
                duration=warmup,
                csrf_path=seeded["open_path"],
                follow_result=follow,
            )
        for n in range(rounds):
            for name, (survey, follow) in series.items():
                generate.vacuum_analyze(env["DATABASE_URL"])
                runs[name].append(
                    loadgen.run(
                        port=server.port,
                        survey=survey,
                        clients=clients,
                        duration=seconds,
                        csrf_path=seeded["open_path"],
                        seed=n + 1,
                        follow_result=follow,
                    )
                )
    worker_log.unlink(missing_ok=True)
    result = {name: _merged(name_runs) for name, name_runs in runs.items()}
    result["ratio"] = round(result["app"]["per_second"] / result["bare"]["per_second"], 2)
    result["flow_ratio"] = round(result["flow"]["per_second"] / result["bare"]["per_second"], 2)
    result.update(clients=clients, workers=workers, seconds_per_round=seconds, rounds=rounds)
    result["responses_at_end"] = _responses(seeded["campaign_id"])
    return result


def _responses(campaign_id: int) -> int:
    """How large the open round had grown: result pages of 2,000 or more read a snapshot."""
    from questionnaire.models import Response

    return Response.objects.filter(campaign_id=campaign_id).count()


def _merged(runs: list[loadgen.Run]) -> dict:
    merged = loadgen.Run()
    for run in runs:
        merged.attempts.extend(run.attempts)
        merged.elapsed += run.elapsed
    return merged.summary()
