"""`make demo`'s data: the command a new user runs first."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from questionnaire.models import Campaign


def _seed(password: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", password=password, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_demo_seeds_once_and_a_second_run_says_it_kept_the_data():
    first = _seed("first-pass-123")
    assert "campaigns" in first and "responses created" in first
    campaigns = Campaign.objects.count()
    assert campaigns == 2 and any(c.is_open() for c in Campaign.objects.all())
    spring = Campaign.objects.get(name="Demo: spring round")
    assert spring.closed_at == spring.closes_at  # closed months ago, not "today"

    second = _seed("second-pass-456")
    assert "already here" in second and Campaign.objects.count() == campaigns
    for login in ("admin", "leader", "sales-lead"):
        assert login in second
        assert authenticate(username=login, password="second-pass-456") is not None


@pytest.mark.django_db
def test_the_demo_prints_a_working_link_to_answer_the_test(client, settings):
    """A newcomer had to find the open link in the admin to see the test as staff see it."""
    settings.SITE_URL = "http://127.0.0.1:8123"
    printed = _seed("third-pass-789")
    link = printed.split("Answer the test yourself, as anyone in the company would: ")[1].split()[0]
    assert link.startswith("http://127.0.0.1:8123/")
    page = client.get(link.removeprefix(settings.SITE_URL))
    assert page.status_code == 200 and 'name="department"' in page.content.decode()
