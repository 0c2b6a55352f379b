"""Settings from the environment, the example environment file, and the deployment files."""

import importlib.util
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

REPO = Path(__file__).resolve().parent.parent
SETTINGS = REPO / "cxassess" / "settings.py"
READ = re.compile(r'(?:env\.(?:str|list|bool|int)|env_bool|env_int|env_rate)\(\s*"([A-Z_]+)"')


def _settings_names() -> set[str]:
    return set(READ.findall(SETTINGS.read_text()))


def _example() -> dict[str, str]:
    """The uncommented KEY=value lines of .env.example: the example production environment."""
    lines = (REPO / ".env.example").read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    # Quotes are the file's, as docker compose and a shell's `.` read it: not the value's.
    return {key: value.removeprefix('"').removesuffix('"') for key, value in pairs}


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """A fresh copy of cxassess/settings.py executed under exactly `env` (plus the shell's
    unrelated variables); Django's own settings are untouched."""
    for name in _settings_names():
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_defaults_give_the_embedded_demo(monkeypatch):
    s = load_settings(monkeypatch)
    assert s.DEBUG is True
    assert s.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert s.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert s.CELERY_TASK_ALWAYS_EAGER is True and s.CELERY_BROKER_URL == "memory://"
    assert s.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def test_database_url_is_parsed(monkeypatch):
    s = load_settings(monkeypatch, DATABASE_URL="postgres://cx:p%40ss@db.internal:6543/cxdb")
    db = s.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "cx",
        "p@ss",
        "db.internal",
        6543,
        "cxdb",
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    # A request gives up on a database that does not answer, a connection that went dead
    # (partition, frozen host) or a table kept locked.
    assert db["OPTIONS"] == {
        "connect_timeout": 5,
        "tcp_user_timeout": 15_000,
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "options": "-c lock_timeout=10s",
    }
    s = load_settings(monkeypatch, DATABASE_URL="postgres://db/cx", DATABASE_LOCK_TIMEOUT="3")
    assert s.DATABASES["default"]["OPTIONS"]["options"] == "-c lock_timeout=3s"
    s = load_settings(monkeypatch, DATABASE_URL="postgres://db/cx", DATABASE_LOCK_TIMEOUT="0")
    assert "options" not in s.DATABASES["default"]["OPTIONS"]  # for PgBouncer
    url = "postgres://db/cx?options=-c%20search_path%3Dcx"  # the URL's own options are kept
    s = load_settings(monkeypatch, DATABASE_URL=url)
    options = s.DATABASES["default"]["OPTIONS"]["options"]
    assert options == "-c search_path=cx -c lock_timeout=10s"


def test_redis_url_gives_redis_cache_and_broker(monkeypatch):
    s = load_settings(monkeypatch, REDIS_URL="redis://cache:6379/0")
    assert s.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert s.CACHES["default"]["OPTIONS"]["socket_connect_timeout"] > 0
    assert s.CELERY_BROKER_URL == "redis://cache:6379/0"
    assert s.CELERY_TASK_ALWAYS_EAGER is False
    assert s.CELERY_TASK_ACKS_LATE is True and s.CELERY_TASK_REJECT_ON_WORKER_LOST is True


def test_a_redis_socket_is_the_broker_too_in_celerys_spelling(monkeypatch, tmp_path):
    """REDIS_URL=unix://… took the cache but no job: kombu knows no "unix" transport."""
    socket = tmp_path / "r.sock"
    server = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(socket), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        s = load_settings(monkeypatch, REDIS_URL=f"unix://{socket}?db=3")
        assert s.CELERY_BROKER_URL == f"redis+socket://{socket}?virtual_host=3"
        from kombu import Connection

        for _ in range(50):
            if socket.exists():
                break
            time.sleep(0.1)
        with Connection(s.CELERY_BROKER_URL) as connection:
            queue = connection.SimpleQueue("cxassess-test")
            queue.put({"job": 1})
            assert queue.get(timeout=5).payload == {"job": 1}
            queue.close()
    finally:
        server.terminate()
        server.wait()


def test_broker_can_differ_from_the_cache(monkeypatch):
    s = load_settings(
        monkeypatch,
        REDIS_URL="redis://redis:6379/0",
        CELERY_BROKER_URL="redis://redis:6379/1",
        CELERY_VISIBILITY_TIMEOUT="900",
    )
    assert s.CELERY_BROKER_URL == "redis://redis:6379/1"
    assert s.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == 900


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_DEBUG": "nope"}, "DJANGO_DEBUG must be true or false"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS must be true or false"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be a whole number"),
        ({"CELERY_VISIBILITY_TIMEOUT": "0"}, "CELERY_VISIBILITY_TIMEOUT must be at least 1"),
        ({"DJANGO_DEBUG": "false"}, "Set DJANGO_SECRET_KEY"),
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "not both"),
        ({"LOG_LEVEL": "bogus"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL must start with redis://"),
        ({"CELERY_BROKER_URL": "redis:6379"}, "CELERY_BROKER_URL must be an address"),
        # The worker failed each batch with "smtp doesn't look like a module path".
        ({"EMAIL_BACKEND": "smtp"}, "EMAIL_BACKEND must be a class's dotted path"),
        # django-environ's warning, then KeyError: 'ENGINE' from deep inside Django.
        ({"DATABASE_URL": "garbage"}, "DATABASE_URL must look like postgres://"),
        ({"DATABASE_URL": "mysq://u@h/db"}, "DATABASE_URL must look like postgres://"),
    ],
)
def test_nonsense_is_refused(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        load_settings(monkeypatch, **env)


def test_example_production_environment_turns_on_https_settings(monkeypatch):
    s = load_settings(monkeypatch, **{**_example(), "DJANGO_SECRET_KEY": "x" * 60})
    assert s.DEBUG is False and s.SECURE_SSL_REDIRECT is True and s.SESSION_COOKIE_SECURE
    assert "localhost" in s.ALLOWED_HOSTS  # the container health check asks for it
    assert s.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_example_file_lists_every_variable_the_settings_read():
    text = (REPO / ".env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert _settings_names() - listed == set()


def _deploy_check(
    *, redis_url: str, static_root: Path | None = None, **extra: str
) -> subprocess.CompletedProcess:
    """`check --deploy` under the example production environment, failing on warnings; static
    files count as collected into `static_root` if it holds collectstatic's manifest."""
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")},
        **_example(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://cxassess:secret@db:5432/cxassess",  # as compose sets it
        "REDIS_URL": redis_url,
        **extra,
    }
    if static_root is not None:
        env["STATIC_ROOT"] = str(static_root)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_the_example_production_environment(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    done = _deploy_check(redis_url="redis://redis:6379/0", static_root=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_checks_say_to_collect_static_files_before_running_with_debug_off(tmp_path):
    """Without collectstatic every page was a bare "A server error occurred"."""
    done = _deploy_check(redis_url="redis://redis:6379/0", static_root=tmp_path / "empty")
    assert done.returncode != 0
    assert "cxassess.W002" in done.stderr + done.stdout
    assert "collectstatic" in done.stderr + done.stdout


# Docker is not installed where the tests run: these read the files as the engine would.


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_runs_every_service_from_one_image_with_health_checks(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert {services[s]["image"] for s in ("web", "worker", "beat")} == {"cxassess:latest"}
    assert all(services[s]["build"] == "." for s in ("web", "worker", "beat"))
    assert all("healthcheck" in service for service in services.values())
    assert services["db"]["image"].startswith("postgres:")
    assert "noeviction" in services["redis"]["command"]  # broker messages live in Redis too


def test_compose_web_migrates_then_serves_with_gunicorn(compose):
    command = " ".join(compose["services"]["web"]["command"])
    assert command.index("migrate --noinput") < command.index("gunicorn cxassess.wsgi")
    # Published for the proxy on this machine only: a client reaching gunicorn directly could
    # write its own X-Forwarded-For on every request.
    assert compose["services"]["web"]["ports"][0].startswith("127.0.0.1:")
    assert compose["services"]["web"]["ports"][0].endswith(":8000")


def test_compose_worker_and_beat_run_celery_after_the_migrations(compose):
    worker, beat = compose["services"]["worker"], compose["services"]["beat"]
    assert worker["command"][:4] == ["celery", "-A", "cxassess", "worker"]
    assert beat["command"][:4] == ["celery", "-A", "cxassess", "beat"]
    for service in (worker, beat):
        assert service["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_keeps_data_in_volumes_and_shares_exports(compose):
    services = compose["services"]
    assert set(compose["volumes"]) == {"postgres-data", "redis-data", "media"}
    assert "postgres-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "redis-data:/data" in services["redis"]["volumes"]
    for name in ("web", "worker"):  # the worker writes the PDF the web process serves
        assert "media:/app/var/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/app/var/media"


def test_compose_points_the_app_at_its_database_and_redis(compose):
    env = compose["services"]["web"]["environment"]
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/1"
    assert compose["services"]["web"]["env_file"] == ".env"


def test_dockerfile_builds_one_slim_image_with_static_files_and_pdf_libraries():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "collectstatic --noinput" in dockerfile and "DJANGO_DEBUG=false" in dockerfile
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-cjk"):
        assert package in dockerfile
    assert "USER app" in dockerfile


def test_deploy_check_warns_that_rate_limits_are_per_worker_without_redis(tmp_path):
    """Without REDIS_URL each gunicorn worker keeps its own count: the deploy check says so."""
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    done = _deploy_check(redis_url="", static_root=tmp_path)
    assert done.returncode != 0
    assert "cxassess.W001" in done.stderr + done.stdout


def test_deploy_check_warns_that_the_console_e_mail_backend_prints_the_links(tmp_path):
    """The default prints every invitation, its working link beside its address, to stdout."""
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    console = "django.core.mail.backends.console.EmailBackend"
    done = _deploy_check(
        redis_url="redis://redis:6379/0", static_root=tmp_path, EMAIL_BACKEND=console
    )
    assert done.returncode != 0
    assert "cxassess.W003" in done.stderr + done.stdout


def test_log_level_may_be_written_in_lower_case(monkeypatch):
    """`LOG_LEVEL=debug` stopped every command with "Unable to configure root logger"."""
    import logging.config

    s = load_settings(monkeypatch, LOG_LEVEL="debug")
    assert s.LOGGING["root"]["level"] == "DEBUG"
    logging.config.dictConfig(s.LOGGING)  # raised ValueError before
    logging.config.dictConfig(load_settings(monkeypatch).LOGGING)  # back to the suite's own


def test_debug_logging_does_not_copy_what_pages_show_into_the_log(monkeypatch, capsys):
    """At LOG_LEVEL=DEBUG one dashboard view wrote 20 MB: every variable a template could not
    resolve, logged with the whole context, respondents' comments verbatim among it."""
    import logging.config

    from django.template import Context, Template

    logging.config.dictConfig(load_settings(monkeypatch, LOG_LEVEL="debug").LOGGING)
    try:
        Template("{{ here.missing }}").render(Context({"here": {"c": "Our director never calls"}}))
        assert "Our director never calls" not in capsys.readouterr().err
    finally:
        logging.config.dictConfig(load_settings(monkeypatch).LOGGING)


@pytest.mark.django_db
def test_debug_logging_does_not_write_queries_and_their_values(monkeypatch, settings, capsys):
    """With DEBUG on, the debug log held an invitation marked used, then its response's result
    key and comments, line after line."""
    import logging.config

    from questionnaire.models import Department

    logging.config.dictConfig(load_settings(monkeypatch, LOG_LEVEL="debug").LOGGING)
    settings.DEBUG = True
    try:
        Department.objects.create(name="Our director never calls")  # DEBUG: queries logged
        assert "Our director never calls" not in capsys.readouterr().err
    finally:
        logging.config.dictConfig(load_settings(monkeypatch).LOGGING)


def test_the_demo_logs_no_noise_about_its_in_process_tasks(monkeypatch):
    demo = load_settings(monkeypatch)
    assert demo.LOGGING["loggers"]["kombu.connection"]["level"] == "ERROR"
    assert demo.LOGGING["loggers"]["celery.app.trace"]["level"] == "WARNING"
    production = load_settings(monkeypatch, REDIS_URL="redis://redis:6379/0")
    assert "celery.app.trace" not in production.LOGGING["loggers"]  # workers log each task


def test_an_empty_secret_key_is_refused_at_start(monkeypatch):
    """.env.example ships it empty: the app started, then answered every page with a 500."""
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        load_settings(monkeypatch, DJANGO_DEBUG="false", DJANGO_SECRET_KEY="")


@pytest.mark.parametrize(
    ("extra", "warning"),
    [
        ({"DATABASE_URL": ""}, "cxassess.W004"),  # the demo's SQLite in production
        ({"CELERY_BROKER_URL": ""}, "cxassess.W005"),  # with REDIS_URL empty too: no beat
        ({"CXASSESS_SITE_URL": "https://cx.acme.com"}, "cxassess.W006"),  # not an allowed host
        ({"CXASSESS_SITE_URL": "http://cx.example.com"}, "cxassess.W006"),  # not https
    ],
    ids=["sqlite", "no-broker", "other-host", "plain-http"],
)
def test_deploy_check_names_what_a_production_run_by_hand_still_lacks(tmp_path, extra, warning):
    """Run from .env.example alone, the app used SQLite and ran jobs in the request, and links
    went out to an address the site does not answer at: check --deploy said nothing."""
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    redis_url = "" if "CELERY_BROKER_URL" in extra else "redis://redis:6379/0"
    done = _deploy_check(redis_url=redis_url, static_root=tmp_path, **extra)
    assert done.returncode != 0
    assert warning in done.stdout + done.stderr


def test_log_lines_say_when_how_bad_and_from_where(monkeypatch):
    import logging

    s = load_settings(monkeypatch)
    plain = s.LOGGING["formatters"]["plain"]
    formatter = logging.Formatter(plain["format"], style=plain["style"])
    record = logging.LogRecord("cxassess.cache", logging.WARNING, "", 0, "Redis down", None, None)
    line = formatter.format(record)
    assert line.endswith("WARNING cxassess.cache: Redis down") and line[:4].isdigit()


def test_an_ipv6_site_address_on_an_allowed_host_passes_the_deploy_check(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    done = _deploy_check(
        redis_url="redis://redis:6379/0",
        static_root=tmp_path,
        CXASSESS_SITE_URL="https://[2001:db8::1]",
        DJANGO_ALLOWED_HOSTS="[2001:db8::1],localhost",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_email_backend_that_cannot_be_imported_stops_the_app_starting(settings):
    from cxassess.checks import email_backend_check

    settings.EMAIL_BACKEND = "django.core.mail.backends.smpt.EmailBackend"
    assert [e.id for e in email_backend_check(None)] == ["cxassess.E001"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert email_backend_check(None) == []
