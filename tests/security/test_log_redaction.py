"""No log line holds a working private link (cxassess/log_redaction.py).

gunicorn's access log showed "POST /i/<token>/" and then "GET /result/<key>/" with the
invitation link as its Referer: the token's hash names the person, the key opens their scores.
"""

import io
import logging
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from cxassess.log_redaction import RedactingGunicornLogger, redacted
from questionnaire import services

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("POST /i/4dMMi7vn-xJ_G/ HTTP/1.1", "POST /i/…/ HTTP/1.1"),
        ("GET /result/hUjsneou_Hk-Z/ HTTP/1.1", "GET /result/…/ HTTP/1.1"),
        ('"https://cx.example/i/4dMMi7vn/?x=1"', '"https://cx.example/i/…/?x=1"'),
        ("Bad Request: /i/abc", "Bad Request: /i/…"),
        ("GET /reports/2/departments/3/ HTTP/1.1", "GET /reports/2/departments/3/ HTTP/1.1"),
        ("GET /c/Loedc-EUdFcyl7pJ/ HTTP/1.1", "GET /c/Loedc-EUdFcyl7pJ/ HTTP/1.1"),
        # Encoded paths that still open the page: the servers decode before routing.
        ("GET /result%2FIv7lFgKG/ HTTP/1.1", "GET /result/…/ HTTP/1.1"),
        ("GET /%72esult/Iv7lFgKG/ HTTP/1.1", "GET /result/…/ HTTP/1.1"),
        ("GET /%69%2fPYZFpr8O/ HTTP/1.1", "GET /i/…/ HTTP/1.1"),
    ],
)
def test_private_links_lose_their_secret_and_keep_their_shape(line, expected):
    assert redacted(line) == expected


def test_gunicorns_access_log_line_holds_neither_token_nor_key():
    logger = RedactingGunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": "/i/TOKEN123/",
        "PATH_INFO": "/i/TOKEN123/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://cx.example/i/TOKEN123/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Location", "/result/KEY9/")])
    request = SimpleNamespace(headers=[("REFERER", "https://cx.example/i/TOKEN123/")])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    # gunicorn's default format, plus the Location header a format may also print.
    line_format = Config().access_log_format + ' "%({location}o)s"'
    line = line_format % SafeAtoms(atoms)
    assert "TOKEN123" not in line and "KEY9" not in line
    assert '"POST /i/…/ HTTP/1.1" 302' in line and "/result/…/" in line


def test_gunicorns_error_log_holds_no_token_either():
    """gunicorn logs "Error handling request POST /i/<token>/" when the app fails."""
    logger = RedactingGunicornLogger(Config())
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.error_log.addHandler(handler)
    try:
        logger.error("Error handling request %s %s", "POST", "/i/TOKEN123/")
    finally:
        logger.error_log.removeHandler(handler)
    assert "Error handling request POST /i/…/" in stream.getvalue()
    assert "TOKEN123" not in stream.getvalue()


def test_gunicorn_started_from_the_project_uses_the_redacting_logger():
    printed = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "cxassess.wsgi:application"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "cxassess.log_redaction.RedactingGunicornLogger" in printed
    # Workers are replaced now and then, so none keeps the memory of its largest request.
    assert re.search(r"^max_requests\s*=\s*2000$", printed, re.M)


@pytest.mark.django_db
def test_djangos_request_warnings_do_not_print_the_invitation_token(client, campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    response, printed = _console_output(lambda: client.post(url, {"q_1": "9"}))
    assert response.status_code == 400  # logged: "Bad Request: …"
    assert "Bad Request: /i/…/" in printed
    assert issued.token not in printed


def _console_handler() -> logging.Handler:
    (handler,) = [h for h in logging.getLogger("django").handlers if h.get_name() == "console"]
    return handler


def _console_output(call):
    """What `call()` returns, and what Django's console handler prints while it runs."""
    handler = _console_handler()
    stream = io.StringIO()
    # Swapped, not setStream(): that flushes the old stream, which a test that configured
    # logging again (test_settings) may have left pointing at a capture pytest has closed.
    previous, handler.stream = handler.stream, stream
    try:
        returned = call()
    finally:
        handler.stream = previous
    return returned, stream.getvalue()


def test_a_foreign_host_header_is_one_log_line_not_a_traceback(client):
    response, printed = _console_output(lambda: client.get("/", HTTP_HOST="scanner.example"))
    assert response.status_code == 400
    assert (
        "WARNING django.security.DisallowedHost: Invalid HTTP_HOST header: 'scanner.exa" in printed
    )
    assert "Traceback" not in printed and "ERROR" not in printed
    assert len(printed.strip().splitlines()) == 1


def test_a_server_error_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    record.status_code = 500
    _none, printed = _console_output(lambda: _console_handler().handle(record))
    assert "Traceback" in printed and "RuntimeError: boom" in printed


@pytest.mark.parametrize("path", ["/i/TOKEN123/", "/c/Loedc-EUdFcyl7pJ/", "/result/KEY9/"])
def test_the_access_log_of_an_answer_page_holds_no_address_or_browser(path):
    """Logged to the second beside responses kept in the order they were saved, the address and
    browser of each "POST /c/…/" put a machine to each response."""
    logger = RedactingGunicornLogger(Config())
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
    }
    headers = [("USER-AGENT", "Edge/Dan-PC"), ("X-FORWARDED-FOR", "198.51.100.4")]
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])
    atoms = logger.atoms(response, SimpleNamespace(headers=headers), environ, timedelta(0))
    line = (Config().access_log_format + ' "%({x-forwarded-for}i)s"') % SafeAtoms(atoms)
    assert "203.0.113.7" not in line and "Dan-PC" not in line and "198.51.100.4" not in line
    assert '"POST ' in line and " 302 " in line
    # Elsewhere (a leader's pages, the admin) the address stays, for whoever runs the server.
    environ |= {"RAW_URI": "/reports/", "PATH_INFO": "/reports/"}
    atoms = logger.atoms(response, SimpleNamespace(headers=headers), environ, timedelta(0))
    assert "203.0.113.7" in Config().access_log_format % SafeAtoms(atoms)
