"""A closed round's answer counts are read once and kept: building the next round's dashboard
(which compares with it) does not read all of its answers again, even with an empty cache."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from questionnaire.models import Response
from reports.dashboards.rounds import round_load
from tests import factories


def _answer_reads(campaign) -> int:
    with CaptureQueriesContext(connection) as captured:
        round_load(campaign=campaign)
    return sum('"questionnaire_answer"' in q["sql"] for q in captured.captured_queries)


@pytest.fixture
def closed_round(questions, sales):
    now = timezone.now()
    campaign = factories.make_campaign(
        name="Spring", opens_at=now - timedelta(days=30), closes_at=now + timedelta(days=1)
    )
    factories.make_responses(campaign, sales, 6, (4,) * 15)
    factories.make_response(campaign, sales, (None, 2) + (4,) * 13)
    campaign.closes_at = now - timedelta(days=1)
    campaign.save()
    return campaign


@pytest.mark.django_db
def test_closed_round_counts_are_read_once(closed_round):
    first = round_load(campaign=closed_round)
    cache.clear()
    assert _answer_reads(closed_round) == 0
    again = round_load(campaign=closed_round)
    assert (again.counts, again.dont_know) == (first.counts, first.dont_know)


@pytest.mark.django_db
def test_a_kept_round_takes_two_small_queries(closed_round, sales):
    first = round_load(campaign=closed_round)
    with CaptureQueriesContext(connection) as captured:
        again = round_load(campaign=closed_round)
    assert len(captured.captured_queries) == 2  # its questions; its kept counts, if still current
    assert again.sizes == first.sizes == {(sales.pk, "contributor"): 7}


@pytest.mark.django_db
def test_counts_kept_without_respondents_are_counted_afresh(closed_round, sales):
    from reports.models import ClosedRoundCounts

    round_load(campaign=closed_round)
    ClosedRoundCounts.objects.update(sizes=[])  # as kept before respondents were
    assert _answer_reads(closed_round) == 1
    assert ClosedRoundCounts.objects.get().sizes == [[sales.pk, "contributor", 7]]


@pytest.mark.django_db
def test_deleting_a_response_from_a_closed_round_is_seen(closed_round, sales):
    round_load(campaign=closed_round)
    Response.objects.filter(campaign=closed_round).first().delete()
    assert _answer_reads(closed_round) == 1
    after = round_load(campaign=closed_round)
    assert after.sizes[sales.pk, "contributor"] == 6
    assert max(sum(c) for c in after.counts[sales.pk, "contributor"].values()) == 6


@pytest.mark.django_db
def test_an_open_round_is_always_read_afresh(campaign, sales):
    factories.make_responses(campaign, sales, 5)
    round_load(campaign=campaign)
    assert _answer_reads(campaign) == 1


@pytest.mark.django_db
def test_an_open_round_reads_its_respondents_off_its_answers(campaign, sales, support):
    from reports import selectors

    factories.make_responses(campaign, sales, 4, (None,) * 15)  # "I don't know" to everything
    factories.make_responses(campaign, support, 3, role="manager")
    with CaptureQueriesContext(connection) as captured:
        data = round_load(campaign=campaign)
    assert data.sizes == selectors.group_sizes(campaign=campaign)
    assert data.sizes == {(sales.pk, "contributor"): 4, (support.pk, "manager"): 3}
    assert len(captured.captured_queries) == 2  # its questions; its answer counts


@pytest.mark.django_db
def test_respondents_are_counted_when_an_answer_is_missing(campaign, sales):
    from questionnaire.models import Answer

    factories.make_responses(campaign, sales, 5)
    Answer.objects.filter(pk=Answer.objects.order_by("pk").first().pk).delete()  # by hand
    data = round_load(campaign=campaign)
    assert data.sizes == {(sales.pk, "contributor"): 5}


@pytest.mark.django_db
def test_a_response_deleted_between_the_two_reads_does_not_break_the_dashboard(
    campaign, sales, monkeypatch
):
    """Where respondents are counted apart from the answers, one deleted in between leaves
    more answers than people in its cell: the dashboard is still built, with the answers read."""
    from questionnaire.models import Answer
    from reports import selectors
    from reports.dashboards import build_campaign_dashboard

    factories.make_responses(campaign, sales, 6)
    Answer.objects.filter(pk=Answer.objects.order_by("pk").first().pk).delete()  # by hand
    counted = selectors.group_sizes

    def counted_after_a_deletion(*, campaign):
        Response.objects.filter(campaign=campaign).order_by("-pk").first().delete()
        return counted(campaign=campaign)

    monkeypatch.setattr(selectors, "group_sizes", counted_after_a_deletion)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.company.size == 6


@pytest.mark.django_db
def test_the_next_round_reads_the_previous_one_and_its_kept_counts_in_one_query(
    closed_round, questions, sales
):
    from reports import selectors

    round_load(campaign=closed_round)  # keeps its counts
    later = factories.make_campaign(name="Autumn")
    with CaptureQueriesContext(connection) as captured:
        previous = selectors.previous_round(campaign=later)
    assert len(captured.captured_queries) == 1
    assert previous.campaign == closed_round
    assert previous.kept.sizes == {(sales.pk, "contributor"): 7}
    Response.objects.filter(campaign=closed_round).first().delete()
    assert selectors.previous_round(campaign=later).kept is None  # stale: counted afresh


@pytest.mark.django_db
def test_a_round_reopened_and_closed_again_is_counted_afresh(closed_round, sales):
    round_load(campaign=closed_round)
    closed_round.closes_at = timezone.now() + timedelta(days=1)  # reopened
    closed_round.save()
    factories.make_response(closed_round, sales)
    closed_round.closes_at = timezone.now() - timedelta(seconds=1)
    closed_round.save()
    closed_round.refresh_from_db()
    assert _answer_reads(closed_round) == 1
    assert round_load(campaign=closed_round).sizes == {(sales.pk, "contributor"): 8}
    assert _answer_reads(closed_round) == 0  # kept again, at the new change count
