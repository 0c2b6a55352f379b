"""Load and fault tests: real gunicorn, real PostgreSQL and Redis, all on 127.0.0.1.

They take a minute or two, so the default suite skips them; run them with
`.venv/bin/pytest -m fault tests/load` (CI does, after `make test`).
"""

import json
import math
import os
import subprocess

import pytest

from bench import stack

LOAD_SECONDS_TEXT = os.environ.get("CXASSESS_LOAD_SECONDS", "30")


def _seconds(text: str) -> float | None:
    try:
        seconds = float(text)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds > 0 else None


# None when unreadable: the tests then fail with a sentence, and the default suite,
# which skips them, is not stopped by a setting it does not use.
LOAD_SECONDS = _seconds(LOAD_SECONDS_TEXT)


def _asked_for(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr") or ""
    return "fault" in expression and "not fault" not in expression


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if not _asked_for(request.config):
        pytest.skip("load and fault tests run with: pytest -m fault tests/load")
    if LOAD_SECONDS is None:
        pytest.fail(
            f"CXASSESS_LOAD_SECONDS must be a number of seconds above 0, not {LOAD_SECONDS_TEXT!r}",
            pytrace=False,
        )
    if reason := stack.binaries_missing():
        if os.environ.get("CI"):  # CI must run them: a missing server is a failure there
            pytest.fail(reason)
        pytest.skip(reason)


def seed_survey(env: dict[str, str], *, invitations: int) -> dict:
    done = subprocess.run(
        [stack.PYTHON, "-m", "bench.seed", "--invitations", str(invitations)],
        env=env,
        cwd=stack.REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)
