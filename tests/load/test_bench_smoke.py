"""bench/run --quick still works end to end: the benchmark is a command, not a document."""

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
