"""Security headers and cookies as production serves them.

The production values come from cxassess/settings.py run under .env.example (the helper of
tests/test_settings.py, which also runs `check --deploy` on that environment); they are applied
to this test run and pages are fetched over HTTPS as the proxy forwards them.
"""

import pytest
from django.test import Client
from django.urls import reverse

from questionnaire import services
from tests import factories
from tests.test_settings import _example, load_settings

HTTPS = {"secure": True}
COPIED = (
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
)


@pytest.fixture
def production(settings, monkeypatch):
    with monkeypatch.context() as env:
        prod = load_settings(env, **{**_example(), "DJANGO_SECRET_KEY": "x" * 60})
    for name in COPIED:
        if hasattr(prod, name):
            setattr(settings, name, getattr(prod, name))
    settings.ALLOWED_HOSTS = ["testserver"]
    return prod


def _pages(campaign, sales) -> list[str]:
    response = factories.make_response(campaign, sales)
    invitation = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    return [
        reverse("questionnaire:home"),
        reverse("questionnaire:open_link", args=[campaign.open_link_key]),
        reverse("questionnaire:result", args=[response.result_key]),
        reverse("questionnaire:invitation", args=[invitation.token]),
        reverse("questionnaire:privacy", args=[campaign.pk]),
        reverse("login"),
        "/admin/login/",
    ]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (d.split() for d in header.split(";") if d.strip())
    return {name: sources for name, *sources in parts}


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client, production, campaign, sales):
    for path in _pages(campaign, sales):
        page = client.get(path, **HTTPS)
        assert page.status_code == 200, path
        assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert page["X-Frame-Options"] == "DENY", path
        assert page["X-Content-Type-Options"] == "nosniff", path
        # Result and invitation links are secrets: never sent on to another site, and their
        # own pages do not even tell our server (its logs) where a request came from.
        private = path.startswith(("/result/", "/i/"))
        assert page["Referrer-Policy"] == ("strict-origin" if private else "same-origin"), path
        assert page["Cross-Origin-Opener-Policy"] == "same-origin", path
        policy = _directives(page["Content-Security-Policy"])
        # No inline or foreign script can run, the page cannot be framed or post elsewhere.
        assert policy["script-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert policy["form-action"] == ["'self'"], path


@pytest.mark.django_db
def test_error_pages_of_private_links_keep_their_referrer_policy(production, campaign, sales):
    """Set by the views, it was missing from an invitation page's CSRF 403 and 404: their
    stylesheet requests then carried the invitation link as Referer."""
    issued = services.invitation_issue(
        campaign=campaign, email="b@example.com", department=sales, role="manager"
    )
    strict = Client(enforce_csrf_checks=True)
    url = reverse("questionnaire:invitation", args=[issued.token])
    forbidden = strict.post(url, {"q_1": "3"}, **HTTPS)  # no CSRF cookie: an expired session
    missing = strict.get("/i/not-a-token/", **HTTPS)
    gone = strict.get("/result/" + "x" * 32 + "/", **HTTPS)
    assert (forbidden.status_code, missing.status_code, gone.status_code) == (403, 404, 404)
    for page in (forbidden, missing, gone):
        assert page["Referrer-Policy"] == "strict-origin"


@pytest.mark.django_db
def test_responses_made_before_any_view_cannot_be_framed_either(client, production, campaign):
    """The redirect to the slashed address and the 413 for an oversized body had the policy's
    frame-ancestors but no X-Frame-Options, which older browsers read instead."""
    redirect = client.get("/reports", **HTTPS)
    assert redirect.status_code == 301
    too_large = client.generic("POST", "/accounts/login/", b"", CONTENT_LENGTH=str(10**9), **HTTPS)
    assert too_large.status_code == 413
    for page in (redirect, too_large):
        assert page["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.django_db
def test_reports_pages_send_them_too_and_are_not_cached(leader_client, production, campaign):
    page = leader_client.get(reverse("reports:campaign_dashboard", args=[campaign.pk]), **HTTPS)
    assert page.status_code == 200
    assert page["X-Frame-Options"] == "DENY"
    assert _directives(page["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, production):
    page = client.get(reverse("questionnaire:home"))
    assert page.status_code == 301
    assert page["Location"].startswith("https://")


@pytest.mark.django_db
def test_behind_the_proxy_forwarded_https_counts_as_https(client, production):
    page = client.get(reverse("questionnaire:home"), HTTP_X_FORWARDED_PROTO="https")
    assert page.status_code == 200


@pytest.mark.django_db
def test_cookies_are_secure_and_the_session_cookie_is_http_only(
    client, settings, production, leader
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    leader.set_password("pw-for-tests-1")
    leader.save()
    form = client.get(reverse("login"), **HTTPS)
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    client.post(reverse("login"), {"username": "leader", "password": "pw-for-tests-1"}, **HTTPS)
    session = client.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_production_settings_turn_debug_off_and_keep_the_upload_limit(production):
    assert production.DEBUG is False
    assert production.DATA_UPLOAD_MAX_MEMORY_SIZE == 256 * 1024
    assert production.CXASSESS_RATELIMIT_LOGIN and production.CXASSESS_RATELIMIT_SUBMIT
