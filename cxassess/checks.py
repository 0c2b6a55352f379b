"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

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
