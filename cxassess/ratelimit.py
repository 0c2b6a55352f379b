"""Rate limits for the endpoints a script would hammer: login and submission per IP, PDF exports
per user.

django-ratelimit does the counting in the default cache (Redis when REDIS_URL is set, else local
memory). Its own decorator lets a cache outage escape as a 500, so this wrapper fails open: an
unreachable Redis must not stop people from answering (DESIGN.md: a broker outage never loses a
submission), and the limit comes back with Redis.
"""

import ipaddress
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError

from cxassess.cache import CacheSkipped

logger = logging.getLogger(__name__)


Key = Callable[[str, HttpRequest], str]


def ratelimit(
    *,
    group: str,
    setting: str,
    method: str = "POST",
    key: str | Key | None = None,
    times: int = 1,
    before_refusing: Callable[[HttpRequest], None] | None = None,
) -> Callable:
    """Refuse with 429 once a client exceeds the rate named by `setting` ("30/m"; "" = no limit),
    or `times` that rate.

    `key` counts by something other than the client's address, in django-ratelimit's terms:
    "user" counts per signed-in user. The rate is read per request, so tests and the load test
    can change it with settings alone. `before_refusing` may prepare the refusal page (its
    language) from the request.
    """

    def rate(_group: str, _request: HttpRequest) -> str | None:
        configured = getattr(settings, setting)
        if not configured:
            return None
        count, period = configured.split("/")
        return f"{int(count) * times}/{period}"

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                usage = get_usage(
                    request,
                    group=group,
                    key=key or client_address,
                    rate=rate,
                    method=method,
                    increment=True,
                )
            except (RedisError, OSError) as error:  # cache down: serve rather than refuse all
                # A skipped cache's outage was logged once, with its traceback, when it began.
                quiet = isinstance(error, CacheSkipped)
                logger.warning(
                    "rate limit cache unavailable; %s not limited", group, exc_info=not quiet
                )
                usage = None
            if usage is not None and usage["should_limit"]:
                _say_once_a_minute(group, setting)
                if before_refusing is not None:
                    before_refusing(request)
                return too_many_requests(request, group=group, seconds=usage["time_left"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def compose(*decorators: Callable) -> Callable:
    """Decorators applied as if stacked in this order, the first outermost."""

    def decorate(view: Callable) -> Callable:
        for decorator in reversed(decorators):
            view = decorator(view)
        return view

    return decorate


def account_tried(_group: str, request: HttpRequest) -> str:
    """The account a login attempt names, as authentication matches it (usernames are
    case-sensitive, but a guesser varying the case must not get a budget per spelling)."""
    return "account:" + request.POST.get("username", "").strip().casefold()[:150]


def _say_once_a_minute(group: str, setting: str) -> None:
    """An operator learns that people are being turned away, without an address (the answer
    pages' logs keep none): in a surge a line per refusal would bury everything else."""
    try:
        first = cache.add(f"ratelimit-said:{group}", 1, 60)
    except (RedisError, OSError):
        first = False
    if first:
        logger.warning(
            "rate limit reached: refusing %s requests (the limit is set by %s)", group, setting
        )


def client_address(_group: str, request: HttpRequest) -> str:
    """The address a limit counts against: the connection's, or behind a reverse proxy the one
    the proxy appended to CXASSESS_CLIENT_IP_HEADER. Only the last address in that header is
    trusted: anything before it was sent by the client and can be made up. And only from a
    connection on a private network or this machine, where a proxy sits: a client reaching the
    app directly could otherwise write a new address (or any word) into the header on every
    attempt. A unix socket counts as this machine. IPv6 counts per /64, as django-ratelimit's
    own "ip" key does, since one machine can hold a whole /64."""
    address = request.META.get("REMOTE_ADDR", "")
    connection = _ip(address)
    # A unix socket has no address (gunicorn writes ""), and only this machine reaches one: a
    # proxy in front on a socket put the whole company in one bucket, the 31st answer of a minute
    # refused.
    local = address == "" or (
        connection is not None and (connection.is_private or connection.is_loopback)
    )
    header = settings.CXASSESS_CLIENT_IP_HEADER
    if header and local:
        forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if (client := _ip(_without_port(forwarded.rsplit(",", 1)[-1].strip()))) is not None:
            address, connection = str(client), client
    if connection is None:
        return address  # not an address (a misconfigured server): still one shared bucket
    if connection.version == 6 and connection.ipv4_mapped:
        # "::ffff:198.51.100.7", as a dual-stack listener writes an IPv4 client: per /64 every
        # such client would share the bucket "::".
        connection = connection.ipv4_mapped
    prefix = 64 if connection.version == 6 else 32
    return str(ipaddress.ip_network(f"{connection}/{prefix}", strict=False).network_address)


def _without_port(text: str) -> str:
    """Some proxies append the client's port: "198.51.100.7:4433", "[2001:db8::1]:443". Read as
    no address at all, that put every client in the proxy's one bucket."""
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    if text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        return text.split(":", 1)[0]
    return text


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def too_many_requests(request: HttpRequest, *, group: str, seconds: int) -> HttpResponse:
    """The refusal, saying when to try again: the rest of the window, not a whole minute.
    (django-ratelimit gives −1 when it could not count; a minute then.)"""
    seconds = seconds if seconds > 0 else 60
    answering = group.startswith("submit")
    response = render(request, "429.html", {"answering": answering, "seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response
