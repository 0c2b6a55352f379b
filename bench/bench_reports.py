"""Dashboard timing: the full dashboard cold and warm beside the bare aggregate query.

Runs inside a configured Django process (bench/run sets it up). "Cold" builds the dashboard with
`build_campaign_dashboard` and an empty cache, for the round as it was while still open: its
answers are read, nothing is kept; the closed previous round comes from its kept counts. "Cold,
closed" is the round once closed, its counts kept since its first build; "first" keeps nothing at
all. "Warm" asks `reports.snapshots.campaign_dashboard` after a first call has stored the snapshot:
with this process's own copy, and ("shared") with only the copy in Redis, as a request reaching
another worker finds it. The bare aggregate is the one GROUP BY any implementation needs: answers
per department, question and option, on our tables and indexes; "bare plain" is the same query on
a copy with only Django's default indexes, for comparison with a straightforward stack. Only the
build is timed, never the emptying of caches before it, and PostgreSQL's buffers are warm for all
(one untimed run first), so the comparison is of work, not of disk.
"""

import copy
import cProfile
import io
import pstats
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext

from questionnaire.models import Answer, Campaign, Response

REPEATS = {1_000: 15, 10_000: 7, 100_000: 5}


def bare_aggregate(campaign: Campaign, *, plain: bool = False) -> list[tuple]:
    """Answers per department, question and option: on our tables, or (plain) on
    bench/generate.py's copy with Django's default indexes only, what the query costs where
    nobody added an index for it."""
    from bench.generate import PLAIN_ANSWER, PLAIN_RESPONSE

    answer, response = (
        (PLAIN_ANSWER, PLAIN_RESPONSE)
        if plain
        else (Answer._meta.db_table, Response._meta.db_table)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.department_id, a.question_id, a.value, count(*)"
            f" FROM {answer} a JOIN {response} r ON r.id = a.response_id"
            f" WHERE r.campaign_id = %s GROUP BY 1, 2, 3",
            [campaign.pk],
        )
        return cursor.fetchall()


Timed = Callable[[], object] | tuple[Callable[[], object], Callable[[], object]]


def _timed(functions: dict[str, Timed], repeats: int) -> dict[str, list[float]]:
    """Milliseconds per call, the functions interleaved so that noise from other processes
    falls on all of them alike. A (prepare, function) pair times only the function. One untimed
    round first: imports, plans, PostgreSQL's buffers."""
    pairs = {
        name: f if isinstance(f, tuple) else (lambda: None, f) for name, f in functions.items()
    }
    for prepare, function in pairs.values():
        prepare()
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, (prepare, function) in pairs.items():
            prepare()
            started = time.perf_counter()
            function()
            times[name].append((time.perf_counter() - started) * 1000)
    return times


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _queries(function: Callable[[], object]) -> list[dict]:
    with CaptureQueriesContext(connection) as captured:
        function()
    return [{"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:160]} for q in captured]


def _sql_and_python(prepare: Callable[[], object], function: Callable[[], object], runs: int):
    """Medians of the time in SQL and of the rest, each run split into both, so that the two
    always add up to one run's time (a median of other runs minus this could go negative)."""
    sql, rest = [], []
    for _ in range(runs):
        prepare()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            total = (time.perf_counter() - started) * 1000
        in_sql = sum(float(q["time"]) for q in captured) * 1000
        sql.append(in_sql)
        rest.append(total - in_sql)
    return _median(sql), _median(rest)


def _profile(function: Callable[[], object], top: int = 18) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    function()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def campaign_measure(campaign: Campaign, size: int, *, profile: bool = False) -> dict:
    from django.core.cache import cache

    from reports import selectors, snapshots
    from reports.dashboards import build_campaign_dashboard
    from reports.models import ClosedRoundCounts

    repeats = REPEATS.get(size, 5)

    # The same round as while it still ran: open, so its answers are read and nothing is kept.
    running = copy.copy(campaign)
    running.closed_at = running.closes_at = None
    assert running.is_open()

    def nothing_cached() -> None:
        cache.clear()

    def nothing_kept() -> None:  # the very first build: the previous round is counted too
        cache.clear()
        ClosedRoundCounts.objects.all().delete()

    def cold() -> object:  # the previous, closed round comes from its kept counts
        return build_campaign_dashboard(campaign=running)

    def cold_closed() -> object:  # a closed round: its counts kept since its first build
        return build_campaign_dashboard(campaign=campaign)

    def warm() -> object:  # this process holds the snapshot (a leader's next click)
        return snapshots.campaign_dashboard(campaign)

    def warm_limited() -> object:  # a leader limited to the two largest departments
        return snapshots.campaign_dashboard(campaign, departments=largest)

    def warm_shared() -> object:  # another process built it: fetched from Redis and unpickled
        return snapshots.campaign_dashboard(campaign)

    def warm_shared_limited() -> object:
        return snapshots.campaign_dashboard(campaign, departments=largest)

    sizes: dict[int, int] = {}
    for (department, _role), n in selectors.group_sizes(campaign=campaign).items():
        sizes[department] = sizes.get(department, 0) + n
    largest = set(sorted(sizes, key=sizes.__getitem__)[-2:])
    times = _timed(
        {
            "bare": lambda: bare_aggregate(campaign),
            "bare_plain": lambda: bare_aggregate(campaign, plain=True),
            "first": (nothing_kept, cold_closed),
            "cold_closed": (nothing_cached, cold_closed),
            "cold": (nothing_cached, cold),
        },
        repeats,
    )
    cache.clear()
    warm()  # stores the snapshot
    times |= _timed(
        {
            "warm": warm,
            "warm_limited": warm_limited,
            "warm_shared": (snapshots.local_clear, warm_shared),
            "warm_shared_limited": (snapshots.local_clear, warm_shared_limited),
        },
        repeats * 3,
    )
    bare_ms, cold_ms, warm_ms = (_median(times[k]) for k in ("bare", "cold", "warm"))
    nothing_cached()
    queries = _queries(cold)
    cold_sql_ms, cold_python_ms = _sql_and_python(nothing_cached, cold, repeats)
    result = {
        "responses": Response.objects.filter(campaign=campaign).count(),
        "bare_aggregate_ms": bare_ms,
        "cold_ms": cold_ms,
        "cold_ratio": round(cold_ms / bare_ms, 2),
        "bare_plain_ms": _median(times["bare_plain"]),
        "cold_plain_ratio": round(cold_ms / _median(times["bare_plain"]), 2),
        "cold_closed_ms": _median(times["cold_closed"]),
        "cold_closed_ratio": round(_median(times["cold_closed"]) / bare_ms, 2),
        "first_build_ms": _median(times["first"]),
        "first_build_ratio": round(_median(times["first"]) / bare_ms, 2),
        "warm_ms": warm_ms,
        "warm_limited_leader_ms": _median(times["warm_limited"]),
        "warm_shared_ms": _median(times["warm_shared"]),
        "warm_shared_limited_leader_ms": _median(times["warm_shared_limited"]),
        "min_ms": {name: round(min(values), 2) for name, values in times.items()},
        "warm_queries": len(_queries(warm)),
        "cold_queries": len(queries),
        "cold_sql_ms": cold_sql_ms,
        "cold_python_ms": cold_python_ms,
        "queries": queries,
        "repeats": repeats,
    }
    if profile:
        result["profile"] = _profile(cold)
    return result


def growth(results: dict[int, dict], key: str) -> dict[str, float]:
    """Exponent of time against responses between consecutive sizes: 1.0 is linear."""
    from math import log

    sizes = sorted(results)
    return {
        f"{a}->{b}": round(log(results[b][key] / results[a][key]) / log(b / a), 2)
        for a, b in zip(sizes, sizes[1:], strict=False)
    }
