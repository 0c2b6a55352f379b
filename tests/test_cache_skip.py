"""A Redis that stops answering costs one timeout, then is skipped for a few seconds
(cxassess/cache.py): it cost every cache call its 2-second timeout, twice per answer."""

import shutil
import socket
import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from cxassess import cache as cx_cache


@pytest.fixture
def silent_redis():
    """A port that accepts connections and never answers, as a stalled Redis does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


def _cache(location: str) -> cx_cache.RedisCache:
    options = {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}
    return cx_cache.RedisCache(location, {"OPTIONS": options})


def _seconds(call) -> float:
    started = time.monotonic()
    with pytest.raises(RedisError):
        call()
    return time.monotonic() - started


def test_after_one_timeout_calls_fail_at_once_then_redis_is_tried_again(silent_redis, monkeypatch):
    cache = _cache(silent_redis)
    first = _seconds(lambda: cache.add("k", 1))
    assert 0.3 <= first < 0.9  # the first call waits for its timeout, once, with no retries
    for call in (lambda: cache.add("k", 1), lambda: cache.get("k"), lambda: cache.incr("k")):
        assert _seconds(call) < 0.05
    with pytest.raises(RedisConnectionError, match="skipped"):
        cache.get("k")
    cache._cache.skipped_until = time.monotonic()  # as SKIP_SECONDS later
    assert _seconds(lambda: cache.get("k")) >= 0.3  # tried again once the pause is over


def test_a_redis_that_answers_is_never_skipped():
    from bench import stack

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with stack.Redis() as redis_server:
        cache = _cache(redis_server.url)
        assert cache.add("k", 1) and cache.incr("k") == 2 and cache.get("k") == 2


@pytest.mark.parametrize("refusal", ["out of memory", "read-only"])
def test_a_redis_that_refuses_writes_is_skipped_too(refusal, caplog):
    """Each answer wrote three warnings, two with tracebacks, while Redis refused writes."""
    import logging

    import redis

    from bench import stack

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with stack.Redis() as redis_server:
        cache = _cache(redis_server.url)
        admin = redis.Redis.from_url(redis_server.url)
        if refusal == "out of memory":  # "noeviction" is the default policy
            admin.config_set("maxmemory", 1)
        else:  # a replica of nothing, as after a failover: it only reads
            admin.replicaof("127.0.0.1", stack.free_port())
        with caplog.at_level(logging.WARNING, logger="cxassess.cache"):
            with pytest.raises(RedisError):
                cache.add("k", 1)
            for call in (lambda: cache.add("k", 1), lambda: cache.incr("k")):
                with pytest.raises(RedisConnectionError, match="skipped"):
                    call()
        assert len(caplog.records) == 1  # said once, when the skip began
