"""Private links never reach a log: invitation tokens and result keys are cut out of log lines.

An invitation link names a person (its token's hash is stored beside the e-mail address) and a
result link opens that person's own scores. An access log line "POST /i/<token>/" followed by
"GET /result/<key>/" (its Referer the invitation link) joined the two, and a link still unused
sat there in plain text, working. Both kinds of path keep their shape and lose the secret:
"/i/…/", "/result/…/".

Also here: a client's bad request is logged on one line, without Django's traceback.
"""

import logging
import re
from urllib.parse import unquote

from gunicorn.glogging import Logger as GunicornLogger

PRIVATE_LINK = re.compile(r"/(i|result)/[^/\s?#\"']+")
PRIVATE_PAGE = re.compile(r"^/(i|result)/")  # a request path that holds a private link


def redacted(text: str) -> str:
    # gunicorn and Django decode the path before routing, so "/result%2F<key>/" opens the
    # result page too; its log line must not keep the key. Decoded once, as they decode it.
    if "%" in text:
        text = unquote(text)
    return PRIVATE_LINK.sub(r"/\1/…", text)


class PrivateLinksRedacted(logging.Filter):
    """For Django's loggers: "Bad Request: /i/<token>/", runserver's request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if PRIVATE_LINK.search(message):
            record.msg, record.args = redacted(message), ()
        return True


class ClientErrorsOnOneLine(logging.Filter):
    """A request refused as the client's fault (a 4xx: a foreign Host header, a multipart body
    without its boundary) is one line. Django adds a traceback through its own request handling,
    fourteen lines for every scanner that tries a Host header; a server error keeps its own.
    It is a WARNING, as Django's own 4xx lines are: its security logger says ERROR, and an
    operator watching for errors was woken by scanners trying Host headers."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = record.exc_text = None
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logs (gunicorn.conf.py): in the access log the request line, path, Referer,
    Location and every other header it could print; in the error log "Error handling request
    POST /i/<token>/" and, at debug level, every request's path."""

    def __init__(self, cfg) -> None:
        super().__init__(cfg)
        self.error_log.addFilter(PrivateLinksRedacted())

    def atoms(self, resp, req, environ, request_time):
        found = super().atoms(resp, req, environ, request_time)
        if ANSWER_PAGE.match(environ.get("PATH_INFO", "")):
            found = {k: "-" if k in WHO else v for k, v in found.items()}
        return {k: redacted(v) if isinstance(v, str) else v for k, v in found.items()}


# Pages where people answer or read their result. Responses keep the order they were saved in
# (their answers' ids), so the second each request was logged, with its address and browser,
# would put a machine, and a name, to each response: the privacy page says neither is kept.
ANSWER_PAGE = re.compile(r"^/(i|c|result)/")
WHO = frozenset({"h", "a", "{user-agent}i", "{x-forwarded-for}i", "{x-real-ip}i", "{forwarded}i"})
