"""bench/run --quick and bench/steps still work end to end: the benchmark is a command, not a
document."""

import json
import subprocess

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
