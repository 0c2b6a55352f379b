"""Middleware for what Django 5.2 does not do by itself: a Content-Security-Policy header, a
guard on request bodies, and a 503 while the database is away."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.template.loader import render_to_string

from cxassess.log_redaction import PRIVATE_PAGE
from questionnaire.imports import MAX_IMPORT_BYTES

logger = logging.getLogger(__name__)

# The largest body we accept, files included: the admin's invitation CSV (MAX_IMPORT_BYTES) with
# its multipart overhead, and room for a file somewhat over that limit to reach the import form,
# which then says "larger than 2 MB" rather than leaving the admin with a bare 413.
MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 1024 * 1024


class ContentSecurityPolicyMiddleware:
    """Sends settings.CXASSESS_CONTENT_SECURITY_POLICY on every response that has none yet.

    Every script is a file served from our own static folder, so an injected <script> or
    onclick= never runs, even where escaping failed. A header rather than a library: Django 6.0
    brings its own, and until then one fixed policy is all we need.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CXASSESS_CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RequestBodyMiddleware:
    """Refuses bodies over MAX_REQUEST_BYTES unread, and makes an unreadable form a clean 400.

    DATA_UPLOAD_MAX_MEMORY_SIZE does not count file parts, so a form with a file of any size
    attached was spooled to disk in full. Content-Length bounds what is read: Django reads
    nothing without one, and gunicorn de-chunks.

    A urlencoded body declaring a charset other than UTF-8 makes request.POST raise BadRequest
    without Django remembering that it failed. The 400 page reads request.POST again for its
    CSRF token, raises once more, and the visitor gets a bare 500. Parsing here, before
    CsrfViewMiddleware, and marking a failure as an empty form lets the 400 page render.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not (length.isascii() and length.isdigit()):
            request._mark_post_parse_error()  # Django's own int(length) would fail in the 400 page
            raise BadRequest("Malformed Content-Length header.")
        if int(length) > MAX_REQUEST_BYTES:
            return _too_large(request)
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (parsed for its exceptions)
            except (BadRequest, SuspiciousOperation):  # what Django answers with 400
                request._mark_post_parse_error()
                raise
            except UnreadablePostError as error:  # a body cut short (CompleteBodies)
                request._mark_post_parse_error()
                raise BadRequest(str(error)) from error
        return self.get_response(request)


def _too_large(request: HttpRequest) -> HttpResponse:
    """413 as a page in the visitor's language: an admin importing a 4 MB list of people saw a
    bare "Request body too large." instead of what to do."""
    page = render_to_string(
        "413.html",
        {"limit_mb": MAX_REQUEST_BYTES // 2**20, "import_mb": MAX_IMPORT_BYTES // 2**20},
        request=request,
    )
    return HttpResponse(page, status=413)


class CompleteBodies:
    """WSGI middleware (cxassess/wsgi.py): a request body that ends before its Content-Length
    is an error, not a shorter form.

    A connection closed part-way through a POST reached Django as a complete, shorter body:
    gunicorn and Django's LimitedStream both return a short read at the end silently. The form
    parsed, the last comment was saved cut off, and the browser's retry of the whole form found
    that copy (same one-time key) and said it was saved. Reading past the end now raises, which
    RequestBodyMiddleware answers with 400 before anything is stored.
    """

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable):
        length = environ.get("CONTENT_LENGTH") or ""
        if length.isascii() and length.isdigit() and int(length) > 0 and "wsgi.input" in environ:
            environ["wsgi.input"] = _CompleteBody(environ["wsgi.input"], int(length))
        return self.application(environ, start_response)


class _CompleteBody:
    """wsgi.input that raises when it ends before `length` bytes. A short read means the end:
    gunicorn's body reader and a buffered socket file both wait for what was asked or the end."""

    def __init__(self, stream, length: int) -> None:
        self._stream, self._length, self._seen = stream, length, 0

    def _checked(self, data: bytes, ended: bool) -> bytes:
        self._seen += len(data)
        if ended and self._seen < self._length:
            raise UnreadablePostError(
                f"The request body ended after {self._seen} of {self._length} bytes."
            )
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self._checked(self._stream.read(), ended=True)
        data = self._stream.read(size)
        return self._checked(data, ended=len(data) < size)

    def readline(self, size: int | None = -1) -> bytes:
        whole_line = size is None or size < 0
        data = self._stream.readline() if whole_line else self._stream.readline(size)
        # A line without its newline, shorter than asked, is the last one: the end.
        short = not data.endswith(b"\n") and (whole_line or len(data) < size)
        return self._checked(data, ended=not data or short)


class DatabaseUnavailableMiddleware:
    """A database that is away (restarting, refusing connections, a table locked past
    lock_timeout) is 503 with Retry-After and a line saying why (Django adds its own "Service
    Unavailable: <path>"), not a 500 with two tracebacks per request: a 25-second outage under
    load wrote 27 MB of identical tracebacks. The page is the 500 page, which already says that
    sending the same form again is safe. With DEBUG on, Django's own error page shows."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG or not database_is_away(exception):
            return None  # a bug (a missing table, too many parameters): a 500 with its traceback
        first_line = next(iter(str(exception).strip().splitlines()), "")
        logger.warning("database unavailable, 503 for %s: %s", request.method, first_line)
        response = HttpResponse(render_to_string("500.html"), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response


# SQLSTATEs that pass: connection failures (class 08), insufficient resources (class 53: disk
# full, out of memory, too many connections), the server shutting down or starting
# (57P01-57P03), a lock not granted in time, a deadlock or serialization failure, and a database
# that only reads (25006: a standby after a failover, or read-only while the disk is full).
# Anything else with a code is a bug that sending again will not cure.
PASSING_SQLSTATE_CLASSES = ("08", "53")
PASSING_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "55P03", "40001", "40P01", "25006"})


def database_is_away(exception: Exception) -> bool:
    """Whether a database error is one that passes (the database is away or busy), not a bug."""
    if isinstance(exception, InterfaceError):  # the connection is closed or unusable
        return True
    if not isinstance(exception, OperationalError | InternalError):
        return False
    cause = exception.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate.startswith(PASSING_SQLSTATE_CLASSES) or sqlstate in PASSING_SQLSTATES
    if isinstance(exception, InternalError):
        return False
    # No code: the client failed before or without the server (psycopg: "connection to server
    # … failed", "server closed the connection unexpectedly"), or SQLite is busy.
    text = str(exception).lower()
    return "connection" in text or "database is locked" in text


class PrivatePageReferrerMiddleware:
    """Requests made from an invitation or result page tell only the site, not the path: its
    path is a private link. With the site's "same-origin" the result page's Referer was the
    invitation link, so one log line joined the two. Keyed by path, not set by the views, so
    that these pages' error responses (a CSRF 403, a 400, a 404, the 503) keep it too. Not
    "no-referrer": a form's POST would then carry "Origin: null", which the CSRF check refuses.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if PRIVATE_PAGE.match(request.path_info):
            response.headers["Referrer-Policy"] = "strict-origin"
        return response


class MethodNotAllowedPageMiddleware:
    """405 as a page in the visitor's language: a bookmarked or typed address of something only
    a button does (log out, build a PDF) gave an empty 405, which the browser shows as its own
    "HTTP ERROR 405" page with no way back into the app. Only for empty 405s asked for by a
    browser; the Allow header stays."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or not request.accepts("text/html"):
            return response
        page = HttpResponse(
            render_to_string("405.html", {"logging_out": _is_logout(request)}, request=request),
            status=405,
        )
        page["Allow"] = response["Allow"]
        return page


def _is_logout(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name == "logout"
