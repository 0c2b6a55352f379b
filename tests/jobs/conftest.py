"""Real-broker and fault tests: a throw-away redis-server, real Celery workers, a shared database.

Everything runs in child processes that share one database and one Redis, as in production; the
test process only starts, kills and asks them. The database is made for this session and dropped
after it: an SQLite file by default, or, when DATABASE_URL names PostgreSQL, a database of its own
on that server (`<name>_jobs`), so pytest-django's test database is never shared or flushed under
a running worker. Nothing here stops the machine's own Redis or PostgreSQL.

Skipped when redis-server is missing, except in CI (CI=true), where a missing Redis must fail.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from bench import stack

REPO = Path(__file__).resolve().parents[2]
VISIBILITY_TIMEOUT = 3  # seconds before a dead worker's message goes to another worker


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if shutil.which("redis-server") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="redis-server is not installed")
    for item in items:
        if "tests/jobs/" in item.nodeid:
            item.add_marker(skip)


def _postgres_database(url: str) -> Iterator[str]:
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'cxassess'}_jobs"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def jobs_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment entries naming a migrated database that every child process shares."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        databases = _postgres_database(url)
        env = {"DATABASE_URL": next(databases)}
    else:
        databases = iter(())
        path = tmp_path_factory.mktemp("jobs-db") / "jobs.sqlite3"
        env = {"DATABASE_URL": "", "CXASSESS_SQLITE_PATH": str(path)}
    base = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "cxassess.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env=base,
        cwd=REPO,
        check=True,
        timeout=300,
    )
    yield env
    next(databases, None)  # drops the PostgreSQL database


@pytest.fixture
def redis_server() -> Iterator[stack.Redis]:
    server = stack.Redis().start()
    yield server
    server.stop()


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def app_env(jobs_database, redis_server, mail_dir) -> dict[str, str]:
    """The environment of every child process: our database, our Redis, e-mail to files."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "EMAIL_", "REDIS_", "PYTEST_", "DJANGO_"))
    }
    return {
        **env,
        **jobs_database,
        "DJANGO_SETTINGS_MODULE": "cxassess.settings",
        "PYTHONPATH": str(REPO),
        "REDIS_URL": redis_server.url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
        "CXASSESS_RATELIMIT_SUBMIT": "10000/m",
        "LOG_LEVEL": "WARNING",
    }


def drive(env: dict[str, str], step: str, *args: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.jobs.driver", step, *map(str, args)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def workers(tmp_path: Path) -> Iterator:
    """start(env, name) -> a ready Worker; every one is stopped after the test."""
    started: list[stack.CeleryWorker] = []

    def start(env: dict[str, str], name: str = "w1") -> stack.CeleryWorker:
        worker = stack.CeleryWorker(env, tmp_path / f"{name}.log", name)
        started.append(worker)
        return worker.wait_ready()

    yield start
    for worker in started:
        worker.stop()


def recipients(mail_dir: Path) -> list[str]:
    """Every recipient of every e-mail written by any process, one entry per message."""
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        found += [
            line[4:].strip() for line in path.read_text().splitlines() if line.startswith("To: ")
        ]
    return sorted(found)


def wait_until(check, *, timeout: float = 60, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
