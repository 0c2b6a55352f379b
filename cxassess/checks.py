"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host
from django.utils.module_loading import import_string

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, deploy=True)
def shared_cache_check(app_configs, **kwargs) -> list[Warning]:
    """Rate limits count in the default cache. Kept in each process's memory, every gunicorn
    worker counts alone, so three workers let three times the login attempts through."""
    if settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache is kept in each process's memory, so login and submission rate "
            "limits are counted per worker process.",
            hint="Set REDIS_URL so that every worker shares one count (see .env.example).",
            id="cxassess.W001",
        )
    ]


@register("cxassess")  # not the staticfiles tag: collectstatic itself must not be held up
def collected_static_check(app_configs, **kwargs) -> list[Warning]:
    """With debug off, pages name static files by their hashed names from collectstatic's
    manifest; without it every page, the error page included, fails with a bare 500."""
    storage = settings.STORAGES["staticfiles"]["BACKEND"]
    if settings.DEBUG or "Manifest" not in storage:
        return []
    if (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        return []
    return [
        Warning(
            f"Static files have not been collected into {settings.STATIC_ROOT}: with "
            "DJANGO_DEBUG off every page will fail with a server error.",
            hint="Run `python manage.py collectstatic --noinput` (the Docker image does this "
            "when it is built).",
            id="cxassess.W002",
        )
    ]


@register(Tags.security, deploy=True)
def console_email_check(app_configs, **kwargs) -> list[Warning]:
    """The console backend prints every e-mail to standard output, the container log: each
    invitation's working link beside its address, out of reach of the log redaction."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.console.EmailBackend":
        return []
    return [
        Warning(
            "E-mails are printed to standard output, invitation links and addresses included.",
            hint="Set EMAIL_BACKEND to the SMTP backend and its EMAIL_* settings "
            "(see .env.example).",
            id="cxassess.W003",
        )
    ]


@register(Tags.database, deploy=True)
def embedded_database_check(app_configs, **kwargs) -> list[Warning]:
    """With no DATABASE_URL the app runs on the demo's SQLite file: fine for one person trying
    it, not for a company answering at once (one writer at a time)."""
    if settings.DEBUG or settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return []
    return [
        Warning(
            "The database is the embedded SQLite file.",
            hint="Set DATABASE_URL to a PostgreSQL database (see .env.example).",
            id="cxassess.W004",
        )
    ]


@register(deploy=True)
def in_process_tasks_check(app_configs, **kwargs) -> list[Warning]:
    """With no broker, tasks run inside the request and nothing runs on a schedule: rounds are
    never recorded as closed, nobody is reminded, and lost jobs are never repeated."""
    if settings.DEBUG or not settings.CELERY_TASK_ALWAYS_EAGER:
        return []
    return [
        Warning(
            "Background jobs run inside web requests, and the scheduled ones (closing rounds, "
            "reminders, repeating lost jobs) never run.",
            hint="Set REDIS_URL (or CELERY_BROKER_URL) and run a Celery worker and beat "
            "(see docker-compose.yml).",
            id="cxassess.W005",
        )
    ]


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs) -> list[Warning]:
    """Invitation links are CXASSESS_SITE_URL plus a path: a wrong one goes out in every
    e-mail, and e-mails cannot be called back."""
    url = urlsplit(settings.SITE_URL)
    host = url.hostname or ""
    host = f"[{host}]" if ":" in host else host  # IPv6, as ALLOWED_HOSTS writes it
    allowed = settings.ALLOWED_HOSTS
    if url.scheme == "https" and ("*" in allowed or validate_host(host, allowed)):
        return []
    return [
        Warning(
            f"Invitation links would start with {settings.SITE_URL}, which is not https on a "
            "host this site answers to (DJANGO_ALLOWED_HOSTS).",
            hint="Set CXASSESS_SITE_URL to the address people reach this site at, such as "
            "https://cx.example.com.",
            id="cxassess.W006",
        )
    ]


@register("cxassess")
def email_backend_check(app_configs, **kwargs) -> list[Error]:
    """A backend that cannot be imported fails only in the worker, once per batch and sweep,
    while the admin is told the invitations are on their way: say so where the app starts."""
    try:
        import_string(settings.EMAIL_BACKEND)
    except ImportError as error:
        return [
            Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND!r} cannot be imported: {error}",
                hint="For a mail server: django.core.mail.backends.smtp.EmailBackend.",
                id="cxassess.E001",
            )
        ]
    return []
