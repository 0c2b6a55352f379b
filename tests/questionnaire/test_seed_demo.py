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
