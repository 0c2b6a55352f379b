"""A health check for load balancers and compose: 200 while the app can serve, 503 when not.

The home page answered 200 with the database down, while every real page was a 503. Only the
database decides: without Redis the app still serves (rate limits and report snapshots wait for
it, answers are kept), so Redis is reported but does not fail the check.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    database = _database_answers()
    return JsonResponse(
        {"database": "ok" if database else "unavailable", "cache": _cache_state()},
        status=200 if database else 503,
    )


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check: database unavailable: %s", str(error).strip()[:200])
        return False
    return True


def _cache_state() -> str:
    try:
        cache.get("health-check")  # a skipped cache (cxassess/cache.py) raises while Redis is away
    except (RedisError, OSError):
        return "unavailable"
    return "ok"
