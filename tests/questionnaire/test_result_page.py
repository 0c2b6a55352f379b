import time

import pytest
from django.urls import reverse

from questionnaire.models import Campaign
from tests import factories


def _result(client, response):
    return client.get(reverse("questionnaire:result", args=[response.result_key])).content.decode()


@pytest.mark.django_db
def test_result_shows_own_scores_and_band(client, campaign, sales):
    response = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, response)
    assert ">100<" in html.replace("<strong>", "").replace("</strong>", "") or "100" in html
    assert "Customer-centric core" in html or "core" in html.lower()


@pytest.mark.django_db
def test_small_department_average_is_hidden_without_saying_how_many_answered(
    client, campaign, sales, support
):
    factories.make_responses(campaign, support, 5, (2,) * 15)
    mine = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, mine)
    # Sales has 1 of 5: its average must not appear, and the complement rule hides Support too,
    # so the company (6 answers) is shown but not Sales.
    assert "Sales's average is not shown yet" in html
    assert html.count("not shown") == 6  # the sentence and the five pillars
    assert "4 more" not in html and "1 of 5" not in html  # the hidden group's size stays unknown


@pytest.mark.django_db
def test_department_average_appears_once_the_group_is_large_enough(
    client, campaign, sales, support
):
    factories.make_responses(campaign, support, 5, (1,) * 15)
    factories.make_responses(campaign, sales, 4, (3,) * 15)
    mine = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, mine)
    assert "not shown" not in html
    # Sales: four 3s and one 5 per question → mean 3.4 → score 60.
    assert ">60<" in html


@pytest.mark.django_db
def test_unknown_result_key_is_not_found(client, campaign):
    assert client.get(reverse("questionnaire:result", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_result_page_is_never_kept_by_a_browser_or_proxy(client, campaign, sales):
    """The page shows one person's own answers: a shared computer's back button or a caching
    proxy must not serve it to the next person."""
    response = factories.make_response(campaign, sales, (4,) * 15)
    page = client.get(reverse("questionnaire:result", args=[response.result_key]))
    cache_control = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


@pytest.mark.django_db
def test_a_pillar_everyone_left_unanswered_says_so_instead_of_not_shown_yet(
    client, campaign, sales
):
    """Sales and the company are shown, but nobody gave Leadership a number: "not shown yet"
    would promise a score that never comes."""
    dont_know_leadership = (None,) * 3 + (4,) * 12
    factories.make_responses(campaign, sales, 4, dont_know_leadership)
    mine = factories.make_response(campaign, sales, dont_know_leadership)
    html = _result(client, mine)
    assert "not shown yet" not in html
    assert html.count("everyone answered “I don't know”") == 2  # Sales and the company


@pytest.fixture
def kept_snapshot(campaign, sales, support, monkeypatch):
    """A round whose dashboard a leader opened at 5 + 5 responses; refreshes are left queued."""
    from reports import snapshots, tasks

    monkeypatch.setattr(tasks.refresh_snapshot, "apply_async", lambda *a, **kw: None)
    factories.make_responses(campaign, support, 5, (1,) * 15)
    factories.make_responses(campaign, sales, 5, (3,) * 15)
    snapshots.campaign_dashboard(campaign)
    return snapshots


def _reading_every_answer_fails(monkeypatch):
    from reports.dashboards import rounds

    def refuse(**kwargs):
        raise AssertionError("the round's answers were read")

    monkeypatch.setattr(rounds, "round_load", refuse)


@pytest.mark.django_db
def test_in_a_large_round_the_page_shows_the_last_refresh_instead_of_reading_every_answer(
    client, campaign, sales, kept_snapshot, monkeypatch
):
    monkeypatch.setattr(kept_snapshot, "RESULT_LAG_FROM", 10)  # 10 responses count as large
    mine = factories.make_response(campaign, sales, (5,) * 15)
    _reading_every_answer_fails(monkeypatch)
    html = _result(client, mine)
    # Sales as the dashboard showed it a moment ago, five 3s: 50. Own answers are always now.
    assert ">50<" in html and ">100<" in html
    assert "not shown" not in html


@pytest.mark.django_db
def test_the_page_is_worked_out_afresh_in_a_small_round_after_the_lag_or_a_new_threshold(
    client, campaign, sales, kept_snapshot, monkeypatch
):
    mine = factories.make_response(campaign, sales, (5,) * 15)
    # Sales now: five 3s and one 5 per question, mean 10/3 → score 58.
    assert ">58<" in _result(client, mine)  # a round of 11 is small
    monkeypatch.setattr(kept_snapshot, "RESULT_LAG_FROM", 10)
    assert ">50<" in _result(client, mine)  # large: the refresh of a moment ago
    later = time.time() + kept_snapshot.RESULT_LAG
    monkeypatch.setattr(kept_snapshot.time, "time", lambda: later)
    assert ">58<" in _result(client, mine)  # too old
    monkeypatch.undo()
    monkeypatch.setattr(kept_snapshot, "RESULT_LAG_FROM", 10)
    Campaign.objects.filter(pk=campaign.pk).update(anonymity_threshold=6)
    html = _result(client, mine)
    # The refresh was audited under 5, so it is not used: under 6 Support (5) is hidden, and
    # Sales with it, or the company minus Sales would give Support away.
    assert "Sales's average is not shown yet" in html
    assert ">50<" not in html and ">58<" not in html


@pytest.mark.django_db
def test_in_a_large_round_a_page_worked_out_afresh_is_kept_for_the_next_reader(
    client, campaign, sales, kept_snapshot, monkeypatch
):
    """After a quiet minute every reload read every answer of the round again (0.5 s at 100,000
    responses, on a public page): the first page now keeps what it worked out."""
    monkeypatch.setattr(kept_snapshot, "RESULT_LAG_FROM", 10)
    mine = factories.make_response(campaign, sales, (5,) * 15)
    later = time.time() + kept_snapshot.RESULT_LAG
    monkeypatch.setattr(kept_snapshot.time, "time", lambda: later)
    assert ">58<" in _result(client, mine)  # too old to stand in: worked out afresh
    _reading_every_answer_fails(monkeypatch)
    assert ">58<" in _result(client, mine)  # the reload
    assert kept_snapshot.campaign_dashboard(campaign).department(sales.pk).size == 6  # a leader
