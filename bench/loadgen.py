"""A small, bounded load generator: N threads POST answer forms over loopback HTTP.

Every attempt is recorded with its submission key, status and timing, so a test can check each
accepted submission against the database afterwards. Bounded by a duration and a request cap.
With `follow_result`, a client then loads the result page it is sent to, as a browser does.
"""

import http.client
import random
import re
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

CSRF_COOKIE = re.compile(r"csrftoken=([A-Za-z0-9]+)")


@dataclass(frozen=True)
class Attempt:
    key: str  # the form's submission_key
    kind: str  # "open" or "invitation"
    status: int  # HTTP status; 0 = no answer (connection refused, reset or timed out)
    location: str
    started: float  # seconds since the run began
    ended: float  # after the result page too, when it was followed
    page_status: int | None = None  # the result page's status; None: not followed

    @property
    def accepted(self) -> bool:
        """A 302 to a result page: the app said the answers are saved."""
        return self.status == 302 and ("/result/" in self.location or "/bench/" in self.location)

    @property
    def completed(self) -> bool:
        """Accepted, and the result page shown if the client went on to it."""
        return self.accepted and self.page_status in (None, 200)

    @property
    def latency_ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass(frozen=True)
class Survey:
    """What a client needs to fill in the form: the campaign's ids and its links."""

    post_path: str  # the open link, or the bare view
    question_ids: Sequence[int]
    department_ids: Sequence[int]
    invitation_tokens: Sequence[str] = ()


@dataclass
class Run:
    attempts: list[Attempt] = field(default_factory=list)
    elapsed: float = 0.0

    def accepted(self) -> list[Attempt]:
        return [a for a in self.attempts if a.accepted]

    def summary(self) -> dict[str, float | int]:
        """Counts and latencies of completed attempts (result page included when followed)."""
        ok = sorted(a.latency_ms for a in self.attempts if a.completed)
        return {
            "attempts": len(self.attempts),
            "accepted": len(ok),
            "errors": len(self.attempts) - len(ok),
            "seconds": round(self.elapsed, 2),
            "per_second": round(len(ok) / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": _percentile(ok, 50),
            "p90_ms": _percentile(ok, 90),
            "p99_ms": _percentile(ok, 99),
            "mean_ms": round(statistics.fmean(ok), 1) if ok else 0.0,
        }


def _percentile(sorted_values: Sequence[float], pct: int) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(pct / 100 * (len(sorted_values) - 1)))
    return round(sorted_values[index], 1)


def answers_body(survey: Survey, rng: random.Random, csrf: str, key: str) -> dict[str, str]:
    """A complete answer form: fifteen answers on the scale, a department and a role."""
    data = {f"q_{q}": str(rng.choice("12345")) for q in survey.question_ids}
    data["department"] = str(rng.choice(survey.department_ids))
    data["role"] = rng.choice(["contributor"] * 8 + ["manager"] * 2 + ["leadership"])
    data["submission_key"] = key
    data["csrfmiddlewaretoken"] = csrf
    return data


class _Client:
    def __init__(self, port: int, timeout: float) -> None:
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookie = ""

    def request(self, method: str, path: str, body: dict[str, str] | None = None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        payload = None
        if body is not None:
            payload = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, payload, headers)
            reply = self.conn.getresponse()
            reply.read()
            return reply.status, reply.getheader("Location", ""), reply.getheader("Set-Cookie", "")
        except (OSError, http.client.HTTPException):
            self.conn.close()  # reconnects on the next request
            return 0, "", ""

    def csrf_token(self, path: str, deadline: float) -> str | None:
        """Visit a page once for the CSRF cookie; the cookie's value is a valid form token."""
        while time.monotonic() < deadline:
            status, _location, set_cookie = self.request("GET", path)
            if match := CSRF_COOKIE.search(set_cookie):
                self.cookie = f"csrftoken={match[1]}"
                return match[1]
            time.sleep(0.1)
        return None


def run(
    *,
    port: int,
    survey: Survey,
    clients: int = 16,
    duration: float = 30.0,
    max_requests: int = 100_000,
    csrf_path: str | None = None,
    timeout: float = 10.0,
    on_tick: Callable[[float], None] | None = None,
    seed: int = 1,
    follow_result: bool = False,
) -> Run:
    """`clients` threads submit forms for `duration` seconds (at most `max_requests` in all).

    Clients with an odd number use personal invitation links while tokens last. `on_tick` is
    called from the main thread about ten times a second with the seconds elapsed (fault tests
    stop servers from there). With `follow_result`, each accepted submission's attempt lasts
    until its result page has loaded, and records that page's status.
    """
    result = Run()
    lock = threading.Lock()
    tokens = list(survey.invitation_tokens)
    start = time.monotonic()
    stop_at = start + duration
    budget = [max_requests]

    def take_token() -> str | None:
        with lock:
            return tokens.pop() if tokens else None

    def take_budget() -> bool:
        with lock:
            budget[0] -= 1
            return budget[0] >= 0

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        http_client = _Client(port, timeout)
        csrf = http_client.csrf_token(csrf_path or survey.post_path, stop_at)
        while csrf and time.monotonic() < stop_at and take_budget():
            key = str(uuid.uuid4())
            body = answers_body(survey, rng, csrf, key)
            token = take_token() if number % 2 else None
            path, kind = (f"/i/{token}/", "invitation") if token else (survey.post_path, "open")
            if token:  # an invitation fixes department and role
                del body["department"], body["role"]
            began = time.monotonic() - start
            status, location, _cookie = http_client.request("POST", path, body)
            page_status = None
            if follow_result and status == 302:
                page_status, _location, _cookie = http_client.request(
                    "GET", urlsplit(location).path
                )
            ended = time.monotonic() - start
            attempt = Attempt(key, kind, status, location, began, ended, page_status)
            with lock:
                result.attempts.append(attempt)
            if status == 0 or status >= 500:
                time.sleep(0.05)  # the server is down: do not spin

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        if on_tick is not None:
            on_tick(time.monotonic() - start)
        time.sleep(0.1)
        if time.monotonic() > stop_at + timeout + 5:
            break  # a stuck connection must not hold the run: bounded in time
    result.elapsed = min(time.monotonic(), stop_at) - start
    return result
