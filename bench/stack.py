"""Throw-away servers for the benchmark and the load and fault tests, all on 127.0.0.1.

Each helper starts its own process on a free port and stops only that process: the shared
PostgreSQL (5432) and Redis (6379) are never stopped or restarted. A PostgreSQL cluster of our own
(initdb + pg_ctl) is used where a test has to restart the database.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARED_POSTGRES = "postgres://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 20.0, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def _stop(process: subprocess.Popen, *, timeout: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def binaries_missing() -> str | None:
    """Why the throw-away servers cannot run here, or None when they can."""
    if shutil.which("redis-server") is None:
        return "redis-server is not installed"
    if _pg_bin("initdb") is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    return None


class Redis:
    """redis-server on its own port, without persistence; stop() ends only this process."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Redis":
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)
        return self

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)

    def __enter__(self) -> "Redis":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; elsewhere we already are an ordinary user.
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class PostgresCluster:
    """A PostgreSQL cluster of our own (initdb) on its own port, trust auth, user postgres."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}"
        self.root = Path(tempfile.mkdtemp(prefix="cx-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def _run(self, *args: str) -> None:
        subprocess.run(_as_postgres_user(list(args)), check=True, capture_output=True, timeout=60)

    def start(self) -> "PostgresCluster":
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.up()
        return self

    def up(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        pg_ctl = _pg_bin("pg_ctl")
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")
        wait_for_port(self.port)

    def down(self) -> None:
        self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.down()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "PostgresCluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# Written on every database these tools make: they drop and make again only a database that has
# it, or one of the names they used before they wrote it.
THROWAWAY = "cxassess throw-away database (bench/run, load tests): dropped on the next run"
_NAMES_BEFORE = {"cx_bench", "cx_bench_smoke", "cx_load_plain", "cx_load_redis", "cx_load_restart"}


class DatabaseRefused(RuntimeError):
    """The server cannot be reached, or the database named is not one these tools may drop."""


def _server(server_url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(f"{server_url}/postgres", autocommit=True, connect_timeout=10)
    except psycopg.Error as error:  # also a URL psycopg cannot read (ProgrammingError)
        raise DatabaseRefused(f"cannot reach PostgreSQL at {server_url}: {error}") from error


def database_recreate(server_url: str, name: str) -> str:
    """Drop and create database `name` on the server; returns its URL. Refuses to drop one that
    these tools did not make: `bench/run --database test` would have dropped someone's data."""
    with _server(server_url) as conn:
        found = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if found is not None and found[0] != THROWAWAY and name not in _NAMES_BEFORE:
            raise DatabaseRefused(
                f"database {name!r} exists and was not made by bench/run or the load tests;"
                " name another"
            )
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))
        _create(conn, name)
    return f"{server_url}/{name}"


def database_ensure(server_url: str, name: str) -> str:
    """Create database `name` unless it exists; returns its URL."""
    with _server(server_url) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            _create(conn, name)
    return f"{server_url}/{name}"


def _create(conn: psycopg.Connection, name: str) -> None:
    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(THROWAWAY))
    )


def app_env(*, database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of a production-like app process: DEBUG off, our database and Redis."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CXASSESS_", "CELERY_"))
        and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cxassess.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-and-load-tests-only-" + "x" * 40,
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        STATIC_ROOT=str(Path(tempfile.gettempdir()) / "cxassess-bench-static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [PYTHON, str(REPO / "manage.py"), *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def app_prepare(env: dict[str, str]) -> None:
    """Migrate and collect static files (the pages need the manifest with DEBUG off)."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")


class Gunicorn:
    """The app under gunicorn (sync workers, as in production) on a free loopback port."""

    def __init__(self, env: dict[str, str], *, workers: int = 4, port: int | None = None) -> None:
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.log = Path(tempfile.mkstemp(prefix="cx-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        command = [PYTHON, "-m", "gunicorn", "cxassess.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        command += ["--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning"]
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            )
        wait_for_port(self.port, timeout=30, process=self.process)
        return self

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process, timeout=15)
        self.log.unlink(missing_ok=True)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class CeleryWorker:
    """`celery worker` in a process group of its own, so that kill() takes its pool with it."""

    def __init__(self, env: dict[str, str], log: Path, name: str) -> None:
        self.log = log
        command = [sys.executable, "-m", "celery", "-A", "cxassess", "worker"]
        command += ["--loglevel=INFO", "--concurrency=2", "-n", f"{name}@%h"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=REPO,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> "CeleryWorker":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log.read_text()[-3000:]}")
            if " ready." in self.log.read_text(errors="replace"):
                return self
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL for the whole worker: no warm shutdown, no ack, no chance to clean up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "CeleryWorker":
        return self.wait_ready()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextlib.contextmanager
def running(*servers) -> Iterator[None]:
    """Start servers in order and stop them in reverse, whatever happens in between."""
    with contextlib.ExitStack() as stack:
        for server in servers:
            stack.enter_context(server)
        yield
