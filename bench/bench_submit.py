"""Submission throughput: the real answer form beside the bare view, on one gunicorn server.

The same load generator posts the same form body (15 answers, department, role, a fresh
submission key, the CSRF token) to the open link and to bench/bare_view.py, alternating rounds so
that noise from other processes on the machine falls on both alike.
"""

from bench import loadgen, stack


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
    runs: dict[str, list[loadgen.Run]] = {"app": [], "bare": []}
    with stack.Gunicorn(env, workers=workers) as server:
        for survey in (app, bare):  # warm both paths up, untimed
            loadgen.run(
                port=server.port,
                survey=survey,
                clients=clients,
                duration=warmup,
                csrf_path=seeded["open_path"],
            )
        for n in range(rounds):
            for name, survey in (("app", app), ("bare", bare)):
                runs[name].append(
                    loadgen.run(
                        port=server.port,
                        survey=survey,
                        clients=clients,
                        duration=seconds,
                        csrf_path=seeded["open_path"],
                        seed=n + 1,
                    )
                )
    result = {name: _merged(name_runs) for name, name_runs in runs.items()}
    result["ratio"] = round(result["app"]["per_second"] / result["bare"]["per_second"], 2)
    result.update(clients=clients, workers=workers, seconds_per_round=seconds, rounds=rounds)
    return result


def _merged(runs: list[loadgen.Run]) -> dict:
    merged = loadgen.Run()
    for run in runs:
        merged.attempts.extend(run.attempts)
        merged.elapsed += run.elapsed
    return merged.summary()
