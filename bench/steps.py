"""Where a cold dashboard build's time goes: `build_campaign_dashboard`'s steps, timed one by one.

Run after `bench/run` has made its rounds (same database), on the rounds of some sizes:

    bench/steps [--database cx_bench] [--sizes 1000,10000] [--builds 25]

Each function the build calls is wrapped with a timer in the build's own module, so the real
build is what is timed, with no copy of its steps here. A step called inside another (the
comparison reads the previous round with `round_load`) counts towards the outer one. Prints
the median per step over the builds, in milliseconds, with the whole build's median.
"""

import argparse
import copy
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager

from bench import arguments, stack

# What build_campaign_dashboard calls, by the name it calls it with, and the step it counts to.
STEPS = {
    "selectors.previous_round": "the previous round, from its kept counts (1 query)",
    "selectors.rounds_question_rows": "both rounds' questions (1 query)",
    "round_load": "this round's answers counted by department and role (1 query)",
    "round_visibility": "the anonymity audit of sizes and answers",
    "selectors.invitation_counts": "invitations and department names (2 queries)",
    "selectors.department_names": "invitations and department names (2 queries)",
    "visible_results": "statistics of the visible groups",
    "group_result": "statistics of the visible groups",
    "department_spreads": "spreads, gaps and hotspots",
    "hotspots_find": "spreads, gaps and hotspots",
    "_comparison": "the comparison with the previous round",
    "selectors.pillar_comments": "comments (1 query)",
    "comments_build": "comments (1 query)",
    "hidden_groups": "hidden groups and participation",
    "_participation": "hidden groups and participation",
}


@contextmanager
def _timed_steps(spent: dict[str, float]):
    """Wrap each of STEPS where the build looks it up; time spent goes to `spent` (seconds)."""
    from reports import selectors
    from reports.dashboards import campaign

    depth = [0]
    originals: list[tuple[object, str, Callable]] = []

    def timer(function: Callable, step: str) -> Callable:
        def timed(*args, **kwargs):
            depth[0] += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:  # an inner step belongs to the outer one
                    spent[step] = spent.get(step, 0.0) + time.perf_counter() - started

        return timed

    for name, step in STEPS.items():
        module, _dot, attribute = name.rpartition(".")
        owner = selectors if module == "selectors" else campaign
        original = getattr(owner, attribute)
        originals.append((owner, attribute, original))
        setattr(owner, attribute, timer(original, step))
    try:
        yield
    finally:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)


def steps_measure(campaign, builds: int) -> tuple[dict[str, float], float]:
    """Median ms per step and of the whole build, for the round as while it was open."""
    from reports.dashboards import build_campaign_dashboard

    running = copy.copy(campaign)
    running.closed_at = running.closes_at = None  # its answers read, as bench/run's "cold"
    per_step: dict[str, list[float]] = {}
    totals = []
    for build in range(builds + 2):  # two untimed builds first: imports, plans, buffers
        spent: dict[str, float] = {}
        with _timed_steps(spent):
            started = time.perf_counter()
            build_campaign_dashboard(campaign=running)
            total = time.perf_counter() - started
        if build >= 2:
            totals.append(total * 1000)
            for step, seconds in spent.items():
                per_step.setdefault(step, []).append(seconds * 1000)
    medians = {step: statistics.median(values) for step, values in per_step.items()}
    return medians, statistics.median(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=stack.SHARED_POSTGRES)
    parser.add_argument("--database", type=arguments.database_name, default="cx_bench")
    parser.add_argument("--sizes", type=arguments.sizes, default="1000,10000")
    parser.add_argument("--builds", type=arguments.positive_int, default=25)
    args = parser.parse_args()
    os.environ.update(stack.app_env(database_url=f"{args.server}/{args.database}"))
    import django

    django.setup()
    from django.db import DatabaseError

    from questionnaire.models import Campaign

    sizes = args.sizes
    try:
        rounds = {size: Campaign.objects.filter(name=f"Bench {size:,}").first() for size in sizes}
    except DatabaseError as error:  # no such database, or not one bench/run made
        sys.exit(f"bench/steps: cannot read the rounds in {args.database}: {error}".strip())
    if missing := [size for size, found in rounds.items() if found is None]:
        sys.exit(
            f"bench/steps: {args.database} has no round of {', '.join(f'{s:,}' for s in missing)}"
            f" responses; make it first with bench/run --database {args.database}"
            f" --sizes {','.join(map(str, sizes))}"
        )
    results = {size: steps_measure(campaign, args.builds) for size, campaign in rounds.items()}
    print(
        f"{'ms, median of ' + str(args.builds) + ' builds':<64}"
        + "".join(f"{s:>10,}" for s in sizes)
    )
    for step in dict.fromkeys(STEPS.values()):
        print(f"  {step:<62}" + "".join(f"{results[s][0].get(step, 0.0):>10.2f}" for s in sizes))
    print(
        f"  {'rest of the build':<62}"
        + "".join(f"{results[s][1] - sum(results[s][0].values()):>10.2f}" for s in sizes)
    )
    print(f"  {'the whole build':<62}" + "".join(f"{results[s][1]:>10.2f}" for s in sizes))


if __name__ == "__main__":
    main()
