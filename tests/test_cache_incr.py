"""The rate limit's count in Redis (cxassess/cache.py): one command per answer sent, and a count
that ran out is never made again without an expiry."""

import shutil

import pytest
import redis

from cxassess import cache as cx_cache


@pytest.fixture
def redis_url():
    from bench import stack

    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with stack.Redis() as server:
        yield server.url


def test_a_count_goes_up_in_one_command_and_keeps_its_expiry(redis_url, monkeypatch):
    cache = cx_cache.RedisCache(redis_url, {})
    admin = redis.Redis.from_url(redis_url)
    assert cache.add("hits", 1, timeout=60)
    cache.incr("hits")  # the first sends the script itself; later ones only its SHA1
    sent: list[str] = []
    real_send = redis.connection.AbstractConnection.send_command

    def send(connection, *args, **kwargs):
        sent.append(str(args[0]))
        return real_send(connection, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_command", send)
    assert cache.incr("hits") == 3
    assert cache.incr("hits", 10) == 13
    assert sent == ["EVALSHA", "EVALSHA"]  # Django's own asked EXISTS, then INCRBY
    assert 0 < admin.ttl(cache.make_key("hits")) <= 60


def test_a_count_that_ran_out_is_not_made_again(redis_url):
    """Django's EXISTS then INCRBY: a key expiring between the two was made again by INCRBY,
    with no expiry, and stayed in Redis for good."""
    cache = cx_cache.RedisCache(redis_url, {})
    admin = redis.Redis.from_url(redis_url)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("gone")
    assert admin.exists(cache.make_key("gone")) == 0


def test_a_redis_that_forgot_the_script_is_sent_it_again(redis_url):
    """After a restart or SCRIPT FLUSH, Redis knows the script no more: sent whole once."""
    cache = cx_cache.RedisCache(redis_url, {})
    cache.add("hits", 1)
    redis.Redis.from_url(redis_url).script_flush()
    assert cache.incr("hits") == 2


def test_a_redis_that_refuses_scripts_is_counted_in_two_steps(redis_url, caplog):
    """An ACL without @scripting refused every count: the rate limit then failed open, with a
    warning, on every answer sent."""
    admin = redis.Redis.from_url(redis_url)
    admin.acl_setuser(
        "app", enabled=True, passwords=["+pw"], keys=["*"], commands=["+@all", "-@scripting"]
    )
    cache = cx_cache.RedisCache(redis_url.replace("redis://", "redis://app:pw@"), {})
    assert cache.add("hits", 1, timeout=60)
    assert [cache.incr("hits") for _ in range(3)] == [2, 3, 4]
    assert 0 < admin.ttl(cache.make_key("hits")) <= 60
    refusals = [r for r in caplog.records if "refuses scripts" in r.getMessage()]
    assert len(refusals) == 1  # said once, not on every answer sent
    with pytest.raises(ValueError, match="not found"):
        cache.incr("gone")


def test_a_count_that_is_not_a_number_is_still_an_error(redis_url):
    cache = cx_cache.RedisCache(redis_url, {})
    cache.set("hits", "many")
    with pytest.raises(redis.ResponseError, match="not an integer"):
        cache.incr("hits")
