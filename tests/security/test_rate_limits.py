"""Limits on login and submission POSTs (cxassess/ratelimit.py), answered with 429: per account
tried and per address for logins, per link and per address for answers."""

from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from cxassess.cache import CacheSkipped
from questionnaire.models import Answer, Response
from tests import factories

OTHER_ADDRESS = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """Counts live in fixed windows: pin the clock so a test never straddles two of them."""
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1.8e9))


@pytest.fixture
def limits(settings):
    settings.CXASSESS_RATELIMIT_LOGIN = "10/m"
    settings.CXASSESS_RATELIMIT_SUBMIT = "30/m"
    # Every login attempt hashes a password, even for unknown users: use a fast hasher here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def _wrong_login(client, path="/accounts/login/", username="leader", **extra):
    return client.post(path, {"username": username, "password": "guess"}, **extra)


@pytest.fixture
def address_limits(limits):
    """One login a minute per account, so ten per address: a different account each time
    leaves only the address's limit to count."""
    limits.CXASSESS_RATELIMIT_LOGIN = "1/m"
    return limits


def _guesses(client, count, **extra):
    """`count` logins from one client, each naming another account; the last page."""
    for n in range(count):
        page = _wrong_login(client, username=f"person{n}", **extra)
    return page


def test_counts_live_in_the_default_cache_which_the_tests_clear():
    # tests/conftest.py clears the default cache around every test, so no count leaks across.
    assert getattr(django_settings, "RATELIMIT_USE_CACHE", "default") == "default"


@pytest.mark.django_db
def test_eleventh_login_attempt_in_a_minute_gets_429_with_a_clear_page(client, limits):
    for _ in range(10):
        assert _wrong_login(client).status_code == 200  # the form again, with an error
    refused = _wrong_login(client)
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])  # the rest of the window, not always a whole minute
    assert 1 <= wait <= 60
    page = refused.content.decode()
    assert "Too many attempts" in page and f"try again in {wait} second" in page
    assert "answers" not in page  # "your answers were not saved" is for the answer forms


@pytest.mark.django_db
def test_leaders_behind_one_address_all_sign_in_at_nine(client, limits, django_user_model):
    """Counted per address alone, 19 of 30 leaders signing in from one office were refused."""
    for n in range(30):
        django_user_model.objects.create_user(f"lead{n}", password="pw-for-tests-1")
    for n in range(30):
        page = client.post(
            "/accounts/login/", {"username": f"lead{n}", "password": "pw-for-tests-1"}
        )
        assert page.status_code == 302
        client.logout()


@pytest.mark.django_db
def test_one_account_guessed_at_from_many_addresses_is_limited(client, limits):
    for n in range(10):
        _wrong_login(client, REMOTE_ADDR=f"203.0.113.{n}")
    assert _wrong_login(client, **OTHER_ADDRESS).status_code == 429
    assert _wrong_login(client, username="Leader ").status_code == 429  # any spelling
    assert _wrong_login(client, username="other", **OTHER_ADDRESS).status_code == 200


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_limited(client, limits):
    assert _guesses(client, 100).status_code == 200
    assert _wrong_login(client, username="one-more").status_code == 429
    assert _wrong_login(client, username="one-more", **OTHER_ADDRESS).status_code == 200


@pytest.mark.django_db
def test_admin_login_shares_the_login_budget(client, limits):
    for _ in range(10):
        _wrong_login(client)
    assert _wrong_login(client, "/admin/login/").status_code == 429


@pytest.mark.django_db
def test_correct_password_is_refused_too_once_the_limit_is_reached(client, limits, leader):
    leader.set_password("pw-for-tests-1")
    leader.save()
    for _ in range(10):
        _wrong_login(client)
    page = client.post("/accounts/login/", {"username": "leader", "password": "pw-for-tests-1"})
    assert page.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_reading_the_login_page_is_not_limited(client, limits):
    assert all(client.get("/accounts/login/").status_code == 200 for _ in range(15))


def _open_url(campaign):
    return reverse("questionnaire:open_link", args=[campaign.open_link_key])


def _valid(campaign, department):
    return factories.form_data(campaign, department=str(department.pk), role="contributor")


@pytest.mark.django_db
def test_an_office_answers_the_open_link_together_and_a_flood_is_refused(
    client, limits, campaign, sales
):
    """The open link posted in the company chat: counted per address at 30 a minute, 90 of
    150 colleagues behind the office's one address were turned away. An address has ten times
    the rate; the 301st answer of a minute is refused, and nothing of it is stored."""
    url = _open_url(campaign)
    for _ in range(300):
        assert client.post(url, _valid(campaign, sales)).status_code == 302
    refused = client.post(url, _valid(campaign, sales))
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Your answers were not saved" in page and "Back button" in page
    assert "colleagues on the same office connection count together" in page
    assert Response.objects.count() == 300
    assert Answer.objects.count() == 300 * 15


@pytest.mark.django_db
def test_open_link_and_invitations_from_one_address_share_its_limit(
    client, limits, campaign, sales
):
    from questionnaire import services

    for _ in range(290):
        client.post(_open_url(campaign), {"junk": "1"})  # counted, nothing stored
    codes = []
    for n in range(11):
        issued = services.invitation_issue(
            campaign=campaign, email=f"p{n}@example.com", department=sales, role="contributor"
        )
        url = reverse("questionnaire:invitation", args=[issued.token])
        codes.append(client.post(url, factories.form_data(campaign)).status_code)
    assert codes == [302] * 10 + [429]
    assert Response.objects.count() == 10


@pytest.mark.django_db
def test_a_refused_invitation_is_told_so_in_its_own_language(client, limits, campaign, sales):
    """The limit answers before the view reads the invitation: a Romanian form was refused in
    English."""
    from questionnaire import services

    issued = services.invitation_issue(
        campaign=campaign,
        email="a@example.com",
        department=sales,
        role="contributor",
        language="ro",
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    for _ in range(30):
        client.post(url, {"junk": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    page = client.post(url, factories.form_data(campaign), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 429
    assert 'lang="ro"' in page.content.decode()
    assert "Răspunsurile dumneavoastră nu au fost salvate" in page.content.decode()


@pytest.mark.django_db
def test_an_operator_is_told_once_a_minute_that_people_are_refused(
    client, limits, campaign, sales, caplog
):
    url = _open_url(campaign)
    for _ in range(305):
        client.post(url, {"junk": "1"})
    said = [r for r in caplog.records if r.getMessage().startswith("rate limit reached")]
    assert len(said) == 1 and "CXASSESS_RATELIMIT_SUBMIT" in said[0].getMessage()
    assert "127.0.0.1" not in said[0].getMessage()


@pytest.mark.django_db
def test_made_up_invitation_links_from_one_address_are_limited(client, limits, campaign):
    """Counted per link only, every made-up token had a budget of its own."""
    codes = [
        client.post(reverse("questionnaire:invitation", args=[f"made-up-{n}"]), {}).status_code
        for n in range(301)
    ]
    assert set(codes[:300]) == {404} and codes[300] == 429


@pytest.mark.django_db
def test_one_invitation_link_sent_again_and_again_is_limited(client, limits, campaign, sales):
    from questionnaire import services

    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="contributor"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    for _ in range(30):
        assert client.post(url, {"junk": "1"}).status_code == 400  # counted, nothing stored
    page = client.post(url, factories.form_data(campaign))
    assert page.status_code == 429
    issued.invitation.refresh_from_db()
    assert not issued.invitation.used  # the claim did not happen either


@pytest.mark.django_db
def test_reading_the_form_is_not_limited(client, limits, campaign):
    assert all(client.get(_open_url(campaign)).status_code == 200 for _ in range(35))


@pytest.mark.django_db
def test_a_raised_limit_lets_the_load_test_through(client, settings, campaign, sales):
    settings.CXASSESS_RATELIMIT_SUBMIT = "1000/m"  # what the load tests set
    url = _open_url(campaign)
    assert all(client.post(url, _valid(campaign, sales)).status_code == 302 for _ in range(35))


@pytest.mark.django_db
def test_unreachable_cache_fails_open_instead_of_500(client, limits, campaign, sales, monkeypatch):
    def down(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(caches["default"], "add", down)
    monkeypatch.setattr(caches["default"], "incr", down)
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302
    assert _wrong_login(client).status_code == 200


@pytest.mark.django_db
def test_a_count_lost_between_add_and_incr_does_not_refuse_the_respondent(
    client, limits, campaign, sales, monkeypatch
):
    """A Redis flushed between django-ratelimit's add and incr (Django's Redis incr raises
    ValueError for a missing key) answered lawful respondents with 429 and saved nothing."""
    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(caches["default"], "incr", _raise_missing_key)
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302
    assert Response.objects.count() == 1


def _raise_missing_key(*args, **kwargs):
    raise ValueError("Key ':1:rl:…' not found.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "traceback"), [(CacheSkipped, False), (RedisConnectionError, True)]
)
def test_a_skipped_cache_is_logged_without_a_traceback_each_time(
    client, limits, campaign, sales, monkeypatch, caplog, error, traceback
):
    """While Redis is skipped every request fails its cache calls at once: one traceback per
    request would bury the one that said why."""

    def down(*args, **kwargs):
        raise error("Redis is down")

    monkeypatch.setattr(caches["default"], "add", down)
    monkeypatch.setattr(caches["default"], "incr", down)
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302
    warnings = [r for r in caplog.records if "rate limit cache unavailable" in r.getMessage()]
    assert warnings and all(bool(r.exc_info) is traceback for r in warnings)


@pytest.mark.django_db
def test_behind_a_proxy_each_client_has_its_own_budget(client, address_limits):
    address_limits.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request arrives from the proxy
    _guesses(client, 10, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    page = _wrong_login(client, username="x", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert page.status_code == 429
    page = _wrong_login(client, username="x", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert page.status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_address_does_not_escape_the_limit(client, address_limits):
    address_limits.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    for n in range(11):  # the client writes a new address each time; the proxy appends the real one
        page = _wrong_login(
            client, username=f"person{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7"
        )
    assert page.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("forged", ["spoof-{n}", "203.0.113.{n}"])
def test_a_client_reaching_the_app_directly_cannot_choose_its_address(
    client, address_limits, forged
):
    """With the header set (as .env.example does) and the app's port reachable from outside,
    40 logins each with a made-up X-Forwarded-For were never limited."""
    address_limits.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    direct = {"REMOTE_ADDR": "93.184.216.34"}  # a public address: no proxy of ours
    for n in range(11):
        page = _wrong_login(
            client, username=f"person{n}", HTTP_X_FORWARDED_FOR=forged.format(n=n), **direct
        )
    assert page.status_code == 429


@pytest.mark.parametrize(
    ("forwarded", "counted"),
    [
        ("198.51.100.7:4433", "198.51.100.7"),
        ("[2001:db8:1:2::1]:443", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("192.0.2.1, 198.51.100.7:80", "198.51.100.7"),
        # A dual-stack proxy writes IPv4 clients IPv4-mapped: per /64 they all shared "::".
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("[::ffff:203.0.113.78]:443", "203.0.113.78"),
    ],
)
def test_a_forwarded_address_with_a_port_counts_as_that_client(rf, settings, forwarded, counted):
    """Read as no address, it put every client in the proxy's one bucket: 30 answers a minute
    for the whole company."""
    from cxassess.ratelimit import client_address

    settings.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address("submit", request) == counted


def test_behind_a_proxy_on_a_unix_socket_each_client_counts_on_its_own(rf, settings):
    """gunicorn on a unix socket, nginx in front (a common setup by hand): REMOTE_ADDR is "", the
    header was never read, and the 31st answer of a minute, company-wide, was refused."""
    from cxassess.ratelimit import client_address

    settings.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    one = rf.post("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.5")
    other = rf.post("/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert (client_address("submit", one), client_address("submit", other)) == (
        "203.0.113.5",
        "203.0.113.6",
    )


@pytest.mark.django_db
def test_a_proxy_forwarding_something_other_than_an_address_counts_as_itself(
    client, address_limits
):
    address_limits.CXASSESS_CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(11):
        page = _wrong_login(
            client, username=f"person{n}", HTTP_X_FORWARDED_FOR=f"unknown-{n}", **proxy
        )
    assert page.status_code == 429


@pytest.mark.django_db
def test_without_the_setting_the_forwarded_header_is_ignored(client, address_limits):
    for n in range(11):
        page = _wrong_login(client, username=f"person{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert page.status_code == 429


def test_ipv6_clients_count_per_64_network(rf, settings):
    from cxassess.ratelimit import client_address

    settings.CXASSESS_CLIENT_IP_HEADER = ""
    one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_address("login", one) == client_address("login", other) == "2001:db8:1:2::"
