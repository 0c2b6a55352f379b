"""Report selectors: what they return, and that their query count does not grow with the data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from questionnaire import services
from questionnaire.models import Pillar, Role
from reports import selectors
from tests import factories


@pytest.mark.django_db
def test_counts_per_cell_and_dont_know_are_kept_apart(campaign, sales, support):
    factories.make_response(campaign, sales, (1,) + (None,) * 14, role=Role.MANAGER)
    factories.make_response(campaign, sales, (1,) + (5,) * 14, role=Role.MANAGER)
    factories.make_response(campaign, support, (3,) * 15)
    first = factories.question_ids(campaign)[0]
    second = factories.question_ids(campaign)[1]
    crossed = selectors.crossed_answer_counts(campaign=campaign)
    assert crossed.counts[sales.pk, "manager"][first] == (2, 0, 0, 0, 0)
    assert crossed.counts[sales.pk, "manager"][second] == (0, 0, 0, 0, 1)
    assert crossed.dont_know[sales.pk, "manager"][second] == 1
    assert first not in crossed.dont_know[sales.pk, "manager"]
    assert (support.pk, "contributor") not in crossed.dont_know
    assert selectors.group_sizes(campaign=campaign) == {
        (sales.pk, "manager"): 2,
        (support.pk, "contributor"): 1,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("responses", [3, 60])
def test_count_selectors_make_one_query_each_whatever_the_size(
    django_assert_num_queries, campaign, sales, responses
):
    factories.make_responses(campaign, sales, responses, (2,) * 15)
    with django_assert_num_queries(3):
        selectors.crossed_answer_counts(campaign=campaign)
        selectors.group_sizes(campaign=campaign)
        selectors.pillar_comments(campaign=campaign)


@pytest.mark.django_db
def test_campaign_question_rows_follow_pillar_order(campaign):
    rows = selectors.campaign_question_rows(campaign=campaign)
    assert len(rows) == 15
    assert [r.pillar_slug for r in rows[::3]] == [
        "leadership",
        "strategy",
        "people",
        "processes",
        "platforms",
    ]
    assert [r.question_id for r in rows] == factories.question_ids(campaign)
    assert rows[0].wording["en"]


@pytest.mark.django_db
def test_invitation_counts_per_department(campaign, sales, support):
    for i in range(3):
        services.invitation_issue(
            campaign=campaign, email=f"s{i}@example.com", department=sales, role="contributor"
        )
    done = services.invitation_issue(
        campaign=campaign, email="t@example.com", department=support, role="manager"
    ).invitation
    done.used = True
    done.save(update_fields=["used"])  # as answering sets it
    counts = selectors.invitation_counts(campaign=campaign)
    assert counts == {
        sales.pk: selectors.InvitationCounts(invited=3, completed=0),
        support.pk: selectors.InvitationCounts(invited=1, completed=1),
    }


@pytest.mark.django_db
def test_pillar_comments_leave_out_empty_ones_and_carry_no_response(campaign, sales):
    pillar = Pillar.objects.get(slug="people")
    factories.make_response(campaign, sales, comments={pillar.pk: "More training, please"})
    factories.make_response(campaign, sales, comments={pillar.pk: ""})
    assert selectors.pillar_comments(campaign=campaign) == [
        (sales.pk, pillar.pk, "More training, please")
    ]


@pytest.mark.django_db
def test_previous_round_is_the_latest_that_opened_before(questions):
    now = timezone.now()
    oldest = factories.make_campaign(name="Oldest", opens_at=now - timedelta(days=400))
    middle = factories.make_campaign(name="Middle", opens_at=now - timedelta(days=200))
    latest = factories.make_campaign(name="Latest", opens_at=now - timedelta(days=1))
    assert selectors.previous_round(campaign=latest).campaign == middle
    assert selectors.previous_round(campaign=middle).campaign == oldest
    assert selectors.previous_round(campaign=oldest) is None


@pytest.mark.django_db
def test_campaigns_with_response_counts_in_one_query(django_assert_num_queries, campaign, sales):
    factories.make_responses(campaign, sales, 3)
    with django_assert_num_queries(1):
        rows = selectors.campaigns_with_response_counts()
    assert rows == [(campaign, 3)]
