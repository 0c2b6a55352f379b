import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from questionnaire import selectors, services
from questionnaire.errors import AnswersDoNotMatchCampaign, CampaignNotOpen, InvitationAlreadyUsed
from questionnaire.models import (
    Answer,
    Campaign,
    Invitation,
    Pillar,
    PillarComment,
    Question,
    Response,
)
from tests import factories


@pytest.mark.django_db
def test_response_saves_all_answers_and_dont_know_as_null(campaign, sales):
    ids = factories.question_ids(campaign)
    response = factories.submit(campaign, sales, {**dict.fromkeys(ids, 5), ids[0]: None})
    values = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
    assert len(values) == 15
    assert values[ids[0]] is None and values[ids[1]] == 5


@pytest.mark.django_db
def test_failure_while_saving_answers_leaves_nothing_half_saved(campaign, sales, monkeypatch):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Answer.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        factories.submit(campaign, sales, invitation=issued.invitation)
    assert Response.objects.count() == 0
    issued.invitation.refresh_from_db()
    assert not issued.invitation.used  # the claim rolled back with the answers


@pytest.mark.django_db
def test_second_submit_with_same_invitation_changes_nothing(campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    factories.submit(campaign, sales, invitation=issued.invitation)
    with pytest.raises(InvitationAlreadyUsed):
        factories.submit(campaign, sales, invitation=issued.invitation)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 15


@pytest.mark.django_db
def test_same_form_sent_twice_creates_one_response(campaign, sales):
    key = uuid.uuid4()
    first = factories.submit(campaign, sales, submission_key=key)
    second = factories.submit(campaign, sales, submission_key=key)
    assert first.pk == second.pk
    assert Response.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda ids: {q: 4 for q in ids[:-1]},  # one missing
        lambda ids: {**dict.fromkeys(ids, 4), 999999: 4},  # one extra
        lambda ids: {**dict.fromkeys(ids, 4), ids[0]: 6},  # off the scale
        lambda ids: {**dict.fromkeys(ids, 4), ids[0]: 0},
    ],
)
def test_answers_that_do_not_match_the_campaign_are_refused(campaign, sales, change):
    with pytest.raises(AnswersDoNotMatchCampaign):
        factories.submit(campaign, sales, change(factories.question_ids(campaign)))
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


@pytest.mark.django_db
def test_closed_campaign_refuses_answers(questions, sales):
    campaign = factories.make_campaign(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(CampaignNotOpen):
        factories.submit(campaign, sales)
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_empty_comments_are_not_stored(campaign, sales):
    pillar_ids = list(Pillar.objects.values_list("pk", flat=True))
    ids = factories.question_ids(campaign)
    services.response_submit(
        campaign=campaign,
        department=sales,
        role="manager",
        answers=dict.fromkeys(ids, 3),
        comments={pillar_ids[0]: "  Useful  ", pillar_ids[1]: "   "},
        submission_key=uuid.uuid4(),
    )
    kept = PillarComment.objects.values_list("text", "campaign", "department")
    assert list(kept) == [("Useful", campaign.pk, sales.pk)]


@pytest.mark.django_db
def test_response_time_is_kept_to_the_hour(campaign, sales):
    response = factories.submit(campaign, sales)
    assert response.submitted_at.minute == 0 and response.submitted_at.second == 0


@pytest.mark.django_db
def test_campaign_keeps_its_wording_when_a_question_is_edited(questions):
    old = factories.make_campaign(name="Spring")
    question = Question.objects.get(key="leadership-1")
    original = question.text
    question.text = "A reworded statement"
    question.save()
    new = factories.make_campaign(name="Autumn")
    assert old.campaign_questions.get(question=question).text("en") == original
    assert new.campaign_questions.get(question=question).text("en") == "A reworded statement"


@pytest.mark.django_db
@pytest.mark.parametrize(("threshold", "comments"), [(2, 10), (5, 4)])
def test_thresholds_below_the_floor_are_refused(questions, threshold, comments):
    with pytest.raises(ValidationError):
        factories.make_campaign(anonymity_threshold=threshold, comment_threshold=comments)


@pytest.mark.django_db
def test_thresholds_are_fixed_once_answers_arrived(campaign, sales):
    campaign.anonymity_threshold = 6
    campaign.full_clean()  # changing before answers is fine
    campaign.save()
    factories.submit(campaign, sales)
    for changed in (5, 7):  # raising is refused too: hidden groups at 6 and 7 are not nested
        campaign.anonymity_threshold = changed
        with pytest.raises(ValidationError, match="cannot be changed once answers"):
            campaign.full_clean()
    campaign.anonymity_threshold = 6
    campaign.comment_threshold -= 1
    with pytest.raises(ValidationError, match="cannot be lowered"):
        campaign.full_clean()
    campaign.comment_threshold += 2
    campaign.full_clean()  # raising the comment threshold only pools more comments


@pytest.mark.django_db
def test_due_campaigns_close_once(questions):
    now = timezone.now()
    due = factories.make_campaign(
        opens_at=now - timedelta(days=5), closes_at=now - timedelta(minutes=1)
    )
    factories.make_campaign(
        name="Later", opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=1)
    )
    assert services.campaigns_close_due(now=now) == 1
    assert services.campaigns_close_due(now=now) == 0
    due.refresh_from_db()
    assert due.closed_at == now and not due.is_open(now)


@pytest.mark.django_db
def test_invitation_stores_only_a_hash(campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email=" Ann@Example.com ", department=sales, role="manager"
    )
    stored = Invitation.objects.get()
    assert stored.email == "ann@example.com"
    assert issued.token not in stored.token_hash
    assert not Invitation.objects.filter(token_hash=issued.token).exists()


@pytest.mark.django_db
def test_campaign_is_open_only_inside_its_window(questions):
    now = timezone.now()
    campaign = Campaign(opens_at=now, closes_at=now + timedelta(hours=1))
    assert not campaign.is_open(now - timedelta(seconds=1))
    assert campaign.is_open(now)
    assert not campaign.is_open(now + timedelta(hours=1))


@pytest.mark.django_db
def test_a_submission_costs_a_fixed_handful_of_queries(
    campaign, sales, django_assert_max_num_queries
):
    answers = dict.fromkeys(factories.question_ids(campaign), 4)
    factories.submit(campaign, sales, answers)  # the first reads the campaign's frozen questions
    # savepoint, response, answers, the campaign's change count, release
    with django_assert_max_num_queries(5):
        factories.submit(campaign, sales, answers)


@pytest.mark.django_db
def test_a_round_needs_an_active_question(questions):
    """A round made while every question was inactive took answers that were only a department
    and a role, then froze fifteen questions when next saved: one response with 0 of 15."""
    Question.objects.update(is_active=False)
    with pytest.raises(ValidationError, match="no active question"):
        services.campaign_create(name="Empty round")
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_a_round_without_questions_takes_no_answers_and_gets_none_after_answers(questions, sales):
    empty = Campaign.objects.create(name="Made before rounds needed a question")  # as before
    with pytest.raises(AnswersDoNotMatchCampaign):
        services.response_submit(
            campaign=empty,
            department=sales,
            role="contributor",
            answers={},
            comments={},
            submission_key=uuid.uuid4(),
        )
    assert not Response.objects.exists()
    Response.objects.create(campaign=empty, department=sales, role="contributor")
    assert services.campaign_questions_freeze(campaign=empty) == 0
    assert not empty.campaign_questions.exists()


@pytest.mark.django_db
def test_a_round_closed_after_it_was_read_takes_no_more_answers(campaign, sales):
    """The open link's view may hold a copy of the round read seconds ago: saving checks the
    round in the database, and the answers are rolled back."""
    read_earlier = Campaign.objects.get(pk=campaign.pk)
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
    with pytest.raises(CampaignNotOpen):
        factories.submit(read_earlier, sales)
    assert (Response.objects.count(), Answer.objects.count()) == (0, 0)
    assert Campaign.objects.get(pk=campaign.pk).responses_changed == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change", [{"open_link_enabled": False}, {"open_link_key": "renewed-in-between"}]
)
def test_an_open_link_switched_off_or_renewed_after_it_was_read_takes_no_answers(
    campaign, sales, change
):
    Campaign.objects.filter(pk=campaign.pk).update(open_link_enabled=True)
    read_earlier = Campaign.objects.get(pk=campaign.pk)
    Campaign.objects.filter(pk=campaign.pk).update(**change)
    with pytest.raises(CampaignNotOpen):
        factories.submit(read_earlier, sales, open_link_key=read_earlier.open_link_key)
    assert Response.objects.count() == 0
    # The same round still takes answers that did not come through the link (an invitation).
    factories.submit(read_earlier, sales)
    assert Response.objects.count() == 1


def _asked(campaign) -> dict[str, str]:
    return {cq.question.key: cq.wording["en"] for cq in campaign.campaign_questions.all()}


@pytest.mark.django_db
def test_a_round_created_ahead_of_time_asks_the_questions_as_edited_before_it_opens(
    questions, sales
):
    """Next quarter's round made today, then a question reworded and one retired: the coming
    round asks the new wording without the retired question; the open round keeps what its
    respondents may have on their screens, and an answered one what its answers meant."""
    now = timezone.now()
    running = factories.make_campaign(name="Running")
    answered_early = services.campaign_create(name="Answered", opens_at=now - timedelta(days=1))
    factories.submit(answered_early, sales)
    Campaign.objects.filter(pk=answered_early.pk).update(opens_at=now + timedelta(days=5))
    coming = services.campaign_create(name="Next quarter", opens_at=now + timedelta(days=30))

    reworded = Question.objects.get(key="people-1")
    reworded.text = "We hear from customers every week."
    reworded.save()
    retired = Question.objects.get(key="platforms-3")
    retired.is_active = False
    retired.save()

    assert _asked(coming)["people-1"] == "We hear from customers every week."
    assert "platforms-3" not in _asked(coming)
    assert [cq.position for cq in coming.campaign_questions.all()] == list(range(1, 15))
    for kept in (running, answered_early):
        assert _asked(kept)["people-1"] != "We hear from customers every week."
        assert "platforms-3" in _asked(kept)


@pytest.mark.django_db
def test_the_answer_form_of_a_round_not_yet_open_is_not_kept_stale(questions):
    """Each process keeps a round's form for a minute; a coming round's may still change."""
    coming = services.campaign_create(name="Coming", opens_at=timezone.now() + timedelta(days=2))
    before = selectors.campaign_sections(coming)
    assert before[0].questions[0].wording["en"] != "Reworded."
    first = before[0].questions[0].question
    first.text = "Reworded."
    first.save()
    assert selectors.campaign_sections(coming)[0].questions[0].wording["en"] == "Reworded."
