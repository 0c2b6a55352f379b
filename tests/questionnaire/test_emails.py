from datetime import UTC, datetime, timedelta

import pytest
from django.utils import formats, timezone, translation

from questionnaire import emails, services
from questionnaire.models import Question, Role
from tests import factories


def _invitation(campaign, department):
    return services.invitation_issue(
        campaign=campaign, email="ann@example.com", department=department, role=Role.MANAGER
    ).invitation


@pytest.mark.django_db
def test_invitation_email_carries_the_link_in_text_and_html(campaign, sales, settings):
    settings.SITE_URL = "https://cx.example.com"
    message = emails.invitation_message(
        invitation=_invitation(campaign, sales),
        token="tok-123",
        kind="invitation",
        now=timezone.now(),
    )
    assert message.to == ["ann@example.com"]
    assert "https://cx.example.com/i/tok-123/" in message.body
    html, _mimetype = message.alternatives[0]
    assert 'href="https://cx.example.com/i/tok-123/"' in html
    assert "anonymous" in message.body


@pytest.mark.django_db
def test_only_a_reminder_mentions_the_links_in_earlier_emails(campaign, sales):
    invitation = _invitation(campaign, sales)
    said = "Links in our earlier e-mails work too"
    for kind, mentioned in (("invitation", False), ("reminder", True)):
        message = emails.invitation_message(
            invitation=invitation, token="t", kind=kind, now=timezone.now()
        )
        assert (said in message.body) is mentioned, kind
        assert (said in message.alternatives[0][0]) is mentioned, kind


@pytest.mark.django_db
def test_campaign_name_is_escaped_in_html_but_not_in_text(questions, sales):
    campaign = factories.make_campaign(name="R&D <autumn>")
    message = emails.invitation_message(
        invitation=_invitation(campaign, sales), token="t", kind="reminder", now=timezone.now()
    )
    assert "R&D <autumn>" in message.subject and "R&D <autumn>" in message.body
    assert "R&amp;D &lt;autumn&gt;" in message.alternatives[0][0]


@pytest.mark.django_db
def test_opening_date_is_mentioned_only_before_opening(questions, sales):
    campaign = factories.make_campaign(opens_at=timezone.now() + timedelta(days=2))
    invitation = _invitation(campaign, sales)
    before = emails.invitation_message(
        invitation=invitation, token="t", kind="invitation", now=timezone.now()
    )
    after = emails.invitation_message(
        invitation=invitation, token="t", kind="invitation", now=timezone.now() + timedelta(days=3)
    )
    assert "opens on" in before.body and "opens on" not in after.body
    assert "answer before" in after.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "said"),
    [
        ("en", "UTC", "The questionnaire opens on {} (UTC time)."),
        ("it", "Europe/Rome", "Il questionario si apre il giorno {} (ora Europe/Rome)."),
    ],
)
def test_the_opening_time_names_its_zone(questions, sales, settings, language, zone, said):
    """ "opens on Nov. 27, 2026, 7:43 a.m.." gave no zone, where the deadline below it did."""
    settings.TIME_ZONE = zone
    campaign = factories.make_campaign(opens_at=timezone.now() + timedelta(days=2))
    invitation = _invitation(campaign, sales)
    invitation.language = language
    message = emails.invitation_message(
        invitation=invitation, token="t", kind="invitation", now=timezone.now()
    )
    with translation.override(language), timezone.override(zone):
        opens = formats.date_format(timezone.localtime(campaign.opens_at), "DATETIME_FORMAT")
    assert said.format(opens) in message.body.splitlines()
    assert said.format(opens) in message.alternatives[0][0]


@pytest.mark.django_db
def test_the_invitation_promises_fifteen_statements_only_when_there_are_fifteen(questions, sales):
    standard = factories.make_campaign()
    Question.objects.filter(pk=Question.objects.order_by("pk").last().pk).update(is_active=False)
    shorter = factories.make_campaign(name="Shorter")
    for campaign, promised in ((standard, True), (shorter, False)):
        invitation = _invitation(campaign, sales)
        message = emails.invitation_message(
            invitation=invitation, token="t", kind="invitation", now=timezone.now()
        )
        assert ("fifteen questions" in message.subject) is promised
        assert ("Fifteen statements" in message.body) is promised
        assert ("Fifteen statements" in message.alternatives[0][0]) is promised
        assert "anonymous" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("closes", "said"),
    [
        ((2026, 12, 8, 0, 0), "Please answer by the end of Dec. 7, 2026 (UTC time)."),
        ((2026, 12, 8, 17, 30), "Please answer before Dec. 8, 2026, 5:30 p.m. (UTC time)."),
    ],
)
def test_the_deadline_is_unambiguous(questions, sales, settings, closes, said):
    """ "Please answer before Dec. 8, 2026, midnight" was read as the end of the 8th."""
    settings.TIME_ZONE = "UTC"
    closes_at = datetime(*closes, tzinfo=UTC)
    campaign = factories.make_campaign(opens_at=closes_at - timedelta(days=14), closes_at=closes_at)
    message = emails.invitation_message(
        invitation=_invitation(campaign, sales), token="t", kind="invitation", now=timezone.now()
    )
    assert said in message.body and said in message.alternatives[0][0]


@pytest.mark.django_db
def test_the_deadline_names_the_time_zone_not_an_abbreviation(questions, sales, settings):
    """Asia/Dubai's abbreviation is "+04", Asia/Shanghai's "CST" (read as US Central)."""
    settings.TIME_ZONE = "Asia/Dubai"
    closes_at = datetime(2026, 12, 20, 17, 30, tzinfo=UTC)
    campaign = factories.make_campaign(opens_at=closes_at - timedelta(days=40), closes_at=closes_at)
    message = emails.invitation_message(
        invitation=_invitation(campaign, sales), token="t", kind="invitation", now=timezone.now()
    )
    assert "Please answer before Dec. 20, 2026, 9:30 p.m. (Asia/Dubai time)." in message.body


@pytest.mark.django_db
def test_writing_many_invitations_does_not_count_the_questions_each_time(
    campaign, sales, django_assert_num_queries
):
    """One COUNT per e-mail: 20,000 queries for a round of 20,000 people."""
    invitations = [
        services.invitation_issue(
            campaign=campaign, email=f"p{n}@example.com", department=sales, role=Role.MANAGER
        ).invitation
        for n in range(3)
    ]
    emails.invitation_message(invitation=invitations[0], token="t", kind="invitation", now=None)
    with django_assert_num_queries(0):
        for invitation in invitations:
            emails.invitation_message(invitation=invitation, token="t", kind="invitation", now=None)
