"""bench/run: the benchmark of issue 6, on PostgreSQL, printed as one table and saved as JSON.

1. Creates the database cx_bench (dropped first) on the shared PostgreSQL and a throw-away Redis
   (cache and broker, as in production), migrates, and generates rounds of 1,000 / 10,000 /
   100,000 responses with COPY.
2. Times the dashboard cold and warm beside the bare aggregate query.
3. Runs gunicorn on a free loopback port and measures submissions per second against the bare
   view (bench/bare_view.py) on the same server.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import arguments, stack

TARGETS = {"cold_ratio_max": 2.0, "warm_ms_max": 20.0, "submit_ratio_min": 0.6, "growth_max": 1.1}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=arguments.sizes,
        default="1000,10000,100000",
        help="responses per round, comma-separated",
    )
    parser.add_argument(
        "--seconds", type=arguments.positive_float, default=15.0, help="per load round"
    )
    parser.add_argument(
        "--rounds", type=arguments.positive_int, default=2, help="alternating app/bare rounds"
    )
    parser.add_argument("--clients", type=arguments.positive_int, default=16)
    parser.add_argument("--workers", type=arguments.positive_int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--server", default=stack.SHARED_POSTGRES, help="PostgreSQL, no db name")
    parser.add_argument(
        "--database",
        type=arguments.database_name,
        default="cx_bench",
        help="dropped and made again; one that bench/run did not make is refused",
    )
    parser.add_argument("--output", default=str(stack.REPO / "bench" / "results" / "latest.json"))
    parser.add_argument("--quick", action="store_true", help="1,000 responses, 3 s: a smoke run")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before measuring, wait up to this long for the 1-minute load average to drop below"
        " half the cores (a shared machine)",
    )
    parser.add_argument(
        "--reuse-data", action="store_true", help="keep the rounds a previous run generated"
    )
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--skip-submit", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.seconds, args.rounds = [1000], 3.0, 1
    # Found only when the table is written, an unwritable path would lose a whole run.
    output = Path(args.output)
    existed = output.exists()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("a"):
            pass
    except OSError as error:
        parser.error(f"--output {args.output}: cannot write there ({error.strerror})")
    if not existed:
        output.unlink()
    return args


def _machine(database_url: str) -> dict:
    import psycopg

    with psycopg.connect(database_url) as conn:
        (postgres,) = conn.execute("SHOW server_version").fetchone()
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=stack.REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "revision": revision,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def wait_quiet(seconds: float) -> None:
    deadline, quiet = time.monotonic() + seconds, (os.cpu_count() or 1) / 2
    while time.monotonic() < deadline and os.getloadavg()[0] > quiet:
        time.sleep(5)


def _rounds(database_url: str, sizes: list[int], reuse: bool) -> dict:
    from bench import generate
    from questionnaire.models import Campaign

    if reuse:  # main() made the database afresh unless every size was there
        found = {size: Campaign.objects.filter(name=f"Bench {size:,}").first() for size in sizes}
        if all(found.values()):
            generate.plain_copy_ensure(database_url)  # a database from before these tables
            return found
    started = time.monotonic()
    campaigns = generate.rounds_generate(database_url=database_url, sizes=sizes)
    print(f"generated {2 * sum(sizes):,} responses in {time.monotonic() - started:.0f} s")
    return campaigns


def _reports(database_url: str, sizes: list[int], args: argparse.Namespace) -> dict:
    from bench import bench_reports

    campaigns = _rounds(database_url, sizes, args.reuse_data)
    quiet = args.wait_quiet
    results = {}
    for size, campaign in campaigns.items():
        wait_quiet(quiet)
        results[size] = bench_reports.campaign_measure(campaign, size, profile=size == max(sizes))
        timings = {k: v for k, v in results[size].items() if k.endswith("ms")}
        print(f"  {size:>7,}: {timings}")
    return {
        "sizes": results,
        "growth_cold": bench_reports.growth(results, "cold_ms"),
        "growth_bare": bench_reports.growth(results, "bare_aggregate_ms"),
    }


def _submissions(env: dict[str, str], args: argparse.Namespace) -> dict:
    from bench import bench_submit, seed

    seeded = seed.campaign_open(name="Bench submissions")
    return bench_submit.measure(
        env=env,
        seeded=seeded,
        clients=args.clients,
        workers=args.workers,
        seconds=args.seconds,
        rounds=args.rounds,
    )


def _verdicts(result: dict) -> dict[str, bool]:
    verdicts = {}
    if dashboard := result.get("dashboard"):
        sizes = dashboard["sizes"].values()
        verdicts["cold within 2x of bare aggregate"] = all(
            s["cold_ratio"] <= TARGETS["cold_ratio_max"] for s in sizes
        )
        verdicts["warm under 20 ms (own copy or Redis, all or 2 departments)"] = all(
            s[key] < TARGETS["warm_ms_max"]
            for s in sizes
            for key in (
                "warm_ms",
                "warm_limited_leader_ms",
                "warm_shared_ms",
                "warm_shared_limited_leader_ms",
            )
        )
        verdicts["no faster than linear"] = all(
            g <= TARGETS["growth_max"] for g in dashboard["growth_cold"].values()
        )
    if submit := result.get("submissions"):
        verdicts["submissions >= 60% of bare"] = submit["ratio"] >= TARGETS["submit_ratio_min"]
    return verdicts


def table(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"cxassess benchmark · {m['date']} · rev {m['revision']} · {m['cores']} cores"
        f" · PostgreSQL {m['postgresql']} · Python {m['python']}"
        f" · load at start {m['load_average_at_start']}, at end {m['load_average_at_end']}",
    ]
    if dashboard := result.get("dashboard"):
        sizes = dashboard["sizes"]
        head = "".join(f"{size:>12,}" for size in sizes)
        rows = [
            ("bare aggregate, ms (1 GROUP BY)", "bare_aggregate_ms"),
            ("cold dashboard, ms (round read)", "cold_ms"),
            ("cold / bare   (target <= 2)", "cold_ratio"),
            ("bare, Django default indexes, ms", "bare_plain_ms"),
            ("  cold / that", "cold_plain_ratio"),
            ("cold, closed round's kept counts", "cold_closed_ms"),
            ("  / bare", "cold_closed_ratio"),
            ("first build ever, ms", "first_build_ms"),
            ("  / bare (previous round read too)", "first_build_ratio"),
            ("warm dashboard, ms (target < 20)", "warm_ms"),
            ("warm, leader of 2 departments, ms", "warm_limited_leader_ms"),
            ("warm from Redis (other worker), ms", "warm_shared_ms"),
            ("  … leader of 2 departments, ms", "warm_shared_limited_leader_ms"),
            ("cold: queries", "cold_queries"),
            ("cold: time in SQL, ms", "cold_sql_ms"),
            ("cold: time in Python, ms", "cold_python_ms"),
        ]
        lines += ["", f"{'Dashboard data (median)':<34}{head}"]
        lines += [
            f"  {label:<32}" + "".join(f"{s[k]:>12}" for s in sizes.values()) for label, k in rows
        ]
        lines.append(
            f"  growth exponent (1 = linear): cold {dashboard['growth_cold']}"
            f", bare {dashboard['growth_bare']}"
        )
    if submit := result.get("submissions"):
        lines += [
            "",
            f"Submissions ({submit['clients']} clients, {submit['workers']} gunicorn workers,"
            f" {submit['rounds']} x {submit['seconds_per_round']:g} s each)",
            f"  {'':<22}{'per s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'errors':>8}",
        ]
        series = (("app", "answer form"), ("flow", "  + result page"), ("bare", "bare view"))
        for name, label in series:
            s = submit[name]
            lines.append(
                f"  {label:<22}{s['per_second']:>8}{s['p50_ms']:>9}{s['p90_ms']:>9}"
                f"{s['p99_ms']:>9}{s['errors']:>8}"
            )
        lines.append(f"  answer form / bare view: {submit['ratio']}   (target >= 0.6)")
        lines.append(
            f"  answer form + result page / bare view: {submit['flow_ratio']}"
            f"   (the open round had {submit['responses_at_end']:,} responses at the end)"
        )
    lines += ["", "Targets:"] + [
        f"  {'PASS' if ok else 'MISS'}  {name}" for name, ok in result["verdicts"].items()
    ]
    return "\n".join(lines)


def _generated_sizes(server_url: str, name: str) -> set[int]:
    """The sizes a previous run generated in database `name` (none if there is no such)."""
    import psycopg

    try:
        with psycopg.connect(f"{server_url}/{name}") as conn:
            names = conn.execute(
                "SELECT name FROM questionnaire_campaign WHERE name LIKE 'Bench %'"
            ).fetchall()
    except psycopg.Error:  # no database yet, or not migrated
        return set()
    # "Bench 10,000", not its "(previous round)" nor the submissions' campaign
    sizes = (re.fullmatch(r"Bench ([\d,]+)", n) for (n,) in names)
    return {int(m.group(1).replace(",", "")) for m in sizes if m}


def main() -> int:
    args = _arguments()
    try:
        return _run(args)
    except stack.DatabaseRefused as error:
        print(f"bench/run: {error}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    sizes = args.sizes
    if args.reuse_data and _generated_sizes(args.server, args.database) >= set(sizes):
        database_url = stack.database_ensure(args.server, args.database)
    else:
        # Adding a size to rounds generated before would place its rounds beside theirs in time
        # and leave the plain copy without them: a new size starts from an empty database.
        database_url = stack.database_recreate(args.server, args.database)
    with stack.Redis() as redis:
        env = stack.app_env(
            database_url=database_url,
            redis_url=redis.url,
            CXASSESS_BENCH_BARE_VIEW="1",
            CXASSESS_RATELIMIT_SUBMIT="1000000/m",  # one address sends everything
        )
        os.environ.update(env)
        stack.app_prepare(env)
        import django

        django.setup()
        result: dict = {"machine": _machine(database_url)}
        if not args.skip_reports:
            result["dashboard"] = _reports(database_url, sizes, args)
        if not args.skip_submit:
            wait_quiet(args.wait_quiet)
            result["submissions"] = _submissions(env, args)
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["verdicts"] = _verdicts(result)
    print(table(result))
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"\nwritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
