"""`make demo`'s data: the command a new user runs first."""

import io
from collections import Counter, defaultdict

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from questionnaire.demo import DEMO_COMMENTS
from questionnaire.models import Campaign, PillarComment


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


@pytest.mark.django_db
def test_the_demo_comments_cover_every_pillar_and_a_department_repeats_none_too_soon():
    """Leaders read a department's comments side by side: five copies of one sentence made the
    demo's comments page look like a bug."""
    _seed("fourth-pass-246")
    texts: dict[tuple, Counter] = defaultdict(Counter)
    for campaign, department, slug, text in PillarComment.objects.values_list(
        "campaign_id", "department_id", "pillar__slug", "text"
    ):
        texts[campaign, department, slug][text] += 1
    assert {slug for _c, _d, slug in texts} == set(DEMO_COMMENTS)
    for (_c, _d, slug), seen in texts.items():
        assert set(seen) <= set(DEMO_COMMENTS[slug])
        # Dealt like cards: a text comes round again only once every other one has been used.
        assert max(seen.values()) - min(seen[t] for t in DEMO_COMMENTS[slug]) <= 1


@pytest.mark.django_db
def test_the_demo_refuses_a_database_with_rounds_of_its_own(questions, django_user_model):
    """Run against production by mistake, it gave admin a known password, dropped leader's
    department scope and added made-up answers to the reports, and said "nothing added"."""
    from django.core.management.base import CommandError

    from tests import factories

    factories.make_campaign(name="Autumn 2026")
    real_admin = django_user_model.objects.create_user("admin", password="their-own-pass-1")
    with pytest.raises(CommandError, match=r"holds rounds of its own \(Autumn 2026\)"):
        _seed("known-pass-123")
    assert list(Campaign.objects.values_list("name", flat=True)) == ["Autumn 2026"]
    real_admin.refresh_from_db()
    assert real_admin.check_password("their-own-pass-1") and not real_admin.is_superuser
    assert not django_user_model.objects.filter(username="leader").exists()
