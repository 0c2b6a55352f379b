"""Django's Redis cache, keeping one redis.Redis per connection pool, and skipping a Redis that
has just failed.

Django's client builds a new redis.Redis, with its table of ~200 response callbacks, for every
cache call: about 55 µs each, and the rate limit makes two per answer sent (SET NX, INCRBY). A
redis.Redis holds nothing but its pool and may be shared between threads, so one per pool is
enough.

Its incr() asks twice, EXISTS and then INCRBY: two round trips for the rate limit's count on every
answer sent, and a key that expired between the two was made again by INCRBY with no expiry, to
stay in Redis for good. Here one script does both at once, unless Redis refuses scripts (an
ACL without @scripting, a proxy that does not pass EVALSHA on): then Django's two steps again.

A Redis that stops answering (its process stalled, a network partition) cost each cache call
its 2-second socket timeout, twice per answer: about one answer a second per process, for as
long as it lasted. After a connection error or a timeout, or a Redis that refuses writes (out
of memory under "noeviction", read-only as a replica after a failover: every answer then wrote
three warnings, two with tracebacks, 15-25 MB of log in 35 s), this process now fails every
cache call at once for SKIP_SECONDS, and then tries Redis again. Every caller already copes with a
cache that fails (the rate limit lets the request through, the refresh is left to the sweep,
dashboards are computed from the database).
"""

import logging
import time

from django.core.cache.backends import redis as django_redis
from redis import Redis
from redis.commands.core import Script
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoPermissionError as RedisNoPermissionError
from redis.exceptions import OutOfMemoryError as RedisOutOfMemoryError
from redis.exceptions import ReadOnlyError as RedisReadOnlyError
from redis.exceptions import ResponseError as RedisResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

SKIP_SECONDS = 5.0
SKIP_ON = (RedisConnectionError, RedisTimeoutError, RedisOutOfMemoryError, RedisReadOnlyError)


class CacheSkipped(RedisConnectionError):
    """Raised at once, without asking Redis, while it is being skipped: the failure that started
    the skip was logged once, so callers log this without a traceback."""


# Django's incr(): the key's value plus delta, or nothing (ValueError) for a key that is not there.
_INCR_IF_THERE = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self.skipped_until = 0.0  # time.monotonic(): Redis failed, do not wait on it before
        self._client = _breaking_redis(self)
        # Sent by its SHA1 (EVALSHA), and whole only when a Redis does not know it yet.
        self._incr_if_there = Script(None, _INCR_IF_THERE.encode())
        self.scripts_refused = False

    def incr(self, key, delta):
        if self.scripts_refused:
            return super().incr(key, delta)
        client = self.get_client(key, write=True)
        try:
            value = self._incr_if_there(keys=[key], args=[delta], client=client)
        except RedisResponseError as error:
            if not _refuses_scripts(error):
                raise  # e.g. the key holds something other than a number, as Django's would
            # Refused every time, it would fail the rate limit open on every request.
            logger.warning("Redis refuses scripts (%s): counting in two steps instead", error)
            self.scripts_refused = True
            return super().incr(key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def get_client(self, key=None, *, write=False):
        if time.monotonic() < self.skipped_until:
            raise CacheSkipped("Redis failed a moment ago; skipped for a few seconds")
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _refuses_scripts(error: RedisResponseError) -> bool:
    # Redis versions and the proxies in front of Redis word it differently, but all say this.
    return isinstance(error, RedisNoPermissionError) or "unknown command" in str(error).lower()


def _breaking_redis(owner: _Client) -> type[Redis]:
    """redis.Redis that, on one of SKIP_ON, tells `owner` to skip Redis."""

    class BreakingRedis(Redis):
        def execute_command(self, *args, **options):
            try:
                return super().execute_command(*args, **options)
            except SKIP_ON as error:
                if time.monotonic() >= owner.skipped_until:
                    logger.warning(
                        "Redis failed (%s: %s): cache skipped for %.0f s",
                        type(error).__name__,
                        error,
                        SKIP_SECONDS,
                    )
                owner.skipped_until = time.monotonic() + SKIP_SECONDS
                raise

    return BreakingRedis


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _Client
