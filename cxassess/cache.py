"""Django's Redis cache, keeping one redis.Redis per connection pool.

Django's client builds a new redis.Redis, with its table of ~200 response callbacks, for every
cache call: about 55 µs each, three times per answer sent (rate limit and refresh lock). A
redis.Redis holds nothing but its pool and may be shared between threads, so one per pool is
enough.
"""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _Client
