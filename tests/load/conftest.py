"""Load and fault tests: real gunicorn, real PostgreSQL and Redis, all on 127.0.0.1.

They take a minute or two, so the default suite skips them; run them with
`.venv/bin/pytest -m fault tests/load` (CI does, after `make test`).
"""

import json
import os
import subprocess

import pytest

from bench import stack

LOAD_SECONDS = float(os.environ.get("CXASSESS_LOAD_SECONDS", "30"))


def _asked_for(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr") or ""
    return "fault" in expression and "not fault" not in expression


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    if not _asked_for(request.config):
        pytest.skip("load and fault tests run with: pytest -m fault tests/load")
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
