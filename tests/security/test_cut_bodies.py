"""A body that ends before its Content-Length stores nothing (cxassess.middleware.CompleteBodies).

Sent through the WSGI application gunicorn runs (cxassess.wsgi), as a connection closed part-way
through a POST arrives: gunicorn hands Django the shorter body and says nothing.
"""

import io
import sys
from urllib.parse import urlencode

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import UnreadablePostError
from django.middleware.csrf import _get_new_csrf_string

from cxassess.middleware import _CompleteBody
from cxassess.wsgi import application
from questionnaire.models import Pillar, PillarComment, Response
from tests import factories

COMMENT = "The platform team blocks every release. Do NOT ship anything until we fix approvals."


def _post(path: str, body: bytes, *, declared: int, secret: str) -> tuple[str, dict]:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": f"csrftoken={secret}",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(declared),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    # As Django's test client does: the request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"]


@pytest.mark.django_db
def test_a_form_cut_short_is_refused_and_its_retry_keeps_the_whole_comment(campaign, sales):
    secret = _get_new_csrf_string()
    last_pillar = Pillar.objects.order_by("order").last()
    data = factories.form_data(campaign, department=str(sales.pk), role="contributor")
    data |= {"csrfmiddlewaretoken": secret, f"comment_{last_pillar.pk}": COMMENT}
    body = urlencode(data).encode()  # the comment last, as a browser sends the form
    path = campaign.get_open_link_path()

    cut = body[: body.index(b"Do+NOT")]
    status, _headers = _post(path, cut, declared=len(body), secret=secret)
    assert status.startswith("400")
    assert not Response.objects.exists() and not PillarComment.objects.exists()

    status, headers = _post(path, body, declared=len(body), secret=secret)  # the browser's retry
    assert status.startswith("302") and headers["Location"].startswith("/result/")
    assert PillarComment.objects.get().text == COMMENT
    assert Response.objects.get().answers.count() == 15


@pytest.mark.parametrize(
    ("body", "declared", "whole_lines"),
    [(b"a=1\nb=2", 10, 1), (b"a=1\n", 10, 1), (b"a=1", 10, 0)],
)
def test_the_read_that_returns_the_last_short_line_notices_the_end(body, declared, whole_lines):
    """Not one call later: a reader that stops at the line without a newline never makes it."""
    stream = _CompleteBody(io.BytesIO(body), declared)
    for _ in range(whole_lines):
        assert stream.readline().endswith(b"\n")
    with pytest.raises(UnreadablePostError):
        stream.readline()


def test_a_complete_body_reads_line_by_line_to_the_end():
    stream = _CompleteBody(io.BytesIO(b"a=1\nb=2"), 7)
    assert stream.readline() + stream.readline() + stream.readline() == b"a=1\nb=2"
