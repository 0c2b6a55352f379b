"""bench/run --quick and bench/steps still work end to end: the benchmark is a command, not a
document."""

import json
import subprocess

import psycopg
import pytest

from bench import stack

pytestmark = pytest.mark.fault


def test_quick_benchmark_prints_the_table_and_writes_json(tmp_path) -> None:
    output = tmp_path / "quick.json"
    done = subprocess.run(
        [str(stack.REPO / "bench" / "run"), "--quick", "--database", "cx_bench_smoke"]
        + ["--output", str(output)],
        cwd=stack.REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "cold / bare" in done.stdout and "answer form / bare view" in done.stdout
    assert "answer form + result page / bare view" in done.stdout
    result = json.loads(output.read_text())
    size = result["dashboard"]["sizes"]["1000"]
    assert size["responses"] == 1000 and size["cold_queries"] > 0
    assert result["submissions"]["app"]["accepted"] > 0
    # The respondent's whole way: every answer form accepted went on to a result page that loaded.
    flow = result["submissions"]["flow"]
    assert flow["accepted"] > 0 and flow["errors"] == 0
    assert result["submissions"]["bare"]["errors"] == 0
    # Where the cold build's time goes, on the round the quick run made: every step is found in
    # the build (a renamed one fails here), and took some time.
    steps = subprocess.run(
        [str(stack.REPO / "bench" / "steps"), "--database", "cx_bench_smoke"]
        + ["--sizes", "1000", "--builds", "3"],
        cwd=stack.REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert steps.returncode == 0, steps.stdout[-3000:] + steps.stderr[-3000:]
    timings = {
        line[:64].strip(): float(line[64:])
        for line in steps.stdout.splitlines()[1:]
        if line.startswith("  ")
    }
    assert "the anonymity audit of sizes and answers" in timings
    assert all(ms > 0 for step, ms in timings.items() if step != "rest of the build")


def _bench(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(stack.REPO / "bench" / "run"), *arguments],
        cwd=stack.REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--sizes", "1000,,10000"], "comma-separated list of response counts"),
        (["--sizes", "10"], "at least 100 responses"),
        (["--seconds", "0"], "more than 0"),
        (["--clients", "many"], "not a number"),
        (["--database", "test; DROP"], "letters, digits and underscores"),
        (["--output", "/proc/cx-bench.json"], "cannot write there"),  # known after minutes
        (["--server", "postgres://nobody@127.0.0.1:1"], "cannot reach PostgreSQL"),
    ],
)
def test_a_bad_argument_is_told_in_a_sentence_not_a_traceback(arguments, said) -> None:
    done = _bench(*arguments, "--database", "cx_bench_smoke", "--quick")
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr


@pytest.fixture
def someone_elses_database():
    name = "cx_someone_elses"
    with psycopg.connect(f"{stack.SHARED_POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(f"{stack.SHARED_POSTGRES}/{name}", autocommit=True) as conn:
        conn.execute("CREATE TABLE their_data (id int)")
    yield name
    with psycopg.connect(f"{stack.SHARED_POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_database_the_benchmark_did_not_make_is_never_dropped(someone_elses_database) -> None:
    """`--database` names the database bench/run drops and makes again: given the name of one
    in use (`test`, say), it dropped that."""
    done = _bench("--quick", "--database", someone_elses_database)
    assert done.returncode == 2 and "was not made by bench/run" in done.stderr
    with psycopg.connect(f"{stack.SHARED_POSTGRES}/{someone_elses_database}") as conn:
        assert conn.execute("SELECT count(*) FROM their_data").fetchone() == (0,)


def test_a_database_the_benchmark_made_is_made_again() -> None:
    name = "cx_bench_Made_Here"  # another name than the default, in both cases
    try:
        url = stack.database_recreate(stack.SHARED_POSTGRES, name)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE leftover (id int)")
        with psycopg.connect(stack.database_recreate(stack.SHARED_POSTGRES, name)) as conn:
            assert conn.execute("SELECT to_regclass('leftover')").fetchone() == (None,)
    finally:
        with psycopg.connect(f"{stack.SHARED_POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
