"""Invitations, reminders and closing: each person e-mailed once, whatever runs twice or fails."""

import re
from contextlib import suppress
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from questionnaire import selectors, services, tasks
from questionnaire.errors import InvitationAlreadyUsed
from questionnaire.models import Campaign, Invitation, Role
from tests import factories


def _invite(campaign, department, count: int, prefix: str = "p") -> list[Invitation]:
    return [
        services.invitation_issue(
            campaign=campaign,
            email=f"{prefix}{i}@example.com",
            department=department,
            role=Role.MANAGER,
        ).invitation
        for i in range(count)
    ]


def _link_token(message) -> str:
    return re.search(r"/i/([^/\s]+)/", message.body).group(1)


@pytest.mark.django_db
def test_each_invitee_gets_one_email_even_when_sending_runs_twice(campaign, sales):
    _invite(campaign, sales, 5)
    tasks.send_invitations.delay(campaign.pk)
    tasks.send_invitations.delay(campaign.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.com" for i in range(5)]
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_invitations_are_sent_in_batches(campaign, sales, monkeypatch):
    _invite(campaign, sales, 5)
    monkeypatch.setattr(services, "INVITATION_BATCH_SIZE", 2)
    batches = services.invitation_batches_unsent(
        campaign_id=campaign.pk, now=timezone.now(), size=2
    )
    assert [len(b) for b in batches] == [2, 2, 1]
    assert tasks.send_invitations.delay(campaign.pk).get() == 3
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_the_emailed_link_and_the_imports_link_both_work(campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="ann@example.com", department=sales, role=Role.MANAGER
    )
    tasks.send_invitations.delay(campaign.pk)
    token = _link_token(mail.outbox[0])
    assert token != issued.token
    assert selectors.open_invitation_for_token(token).pk == issued.invitation.pk
    assert selectors.open_invitation_for_token(issued.token).pk == issued.invitation.pk
    with pytest.raises(Exception, match="unknown invitation"):
        selectors.open_invitation_for_token(token[:-1] + ("a" if token[-1] != "a" else "b"))


@pytest.mark.django_db
def test_email_has_subject_text_and_html_with_the_personal_link(campaign, sales):
    _invite(campaign, sales, 1)
    tasks.send_invitations.delay(campaign.pk)
    message = mail.outbox[0]
    token = _link_token(message)
    assert campaign.name in message.subject and "\n" not in message.subject
    assert f"http://testserver/i/{token}/" in message.body or f"/i/{token}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f"/i/{token}/" in html


@pytest.mark.django_db
def test_failed_send_releases_the_claim_and_keeps_the_old_link(campaign, sales, monkeypatch):
    issued = services.invitation_issue(
        campaign=campaign, email="ann@example.com", department=sales, role=Role.MANAGER
    )

    def refuse(*args, **kwargs):
        raise SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(services.emails, "invitation_send", refuse)
    with pytest.raises(SMTPServerDisconnected):
        services.invitations_send(invitation_ids=[issued.invitation.pk], now=timezone.now())
    issued.invitation.refresh_from_db()
    assert issued.invitation.sent_at is None
    assert selectors.open_invitation_for_token(issued.token).pk == issued.invitation.pk
    monkeypatch.undo()
    assert services.invitations_send(invitation_ids=[issued.invitation.pk], now=timezone.now()) == 1


@pytest.mark.django_db
def test_answered_invitations_and_closed_campaigns_get_no_email(campaign, sales):
    answered, _waiting = _invite(campaign, sales, 2)
    Invitation.objects.filter(pk=answered.pk).update(used=True)
    closed = factories.make_campaign(name="Closed round")
    _invite(closed, sales, 1)
    Campaign.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    tasks.send_invitations.delay(campaign.pk)
    tasks.send_invitations.delay(closed.pk)
    assert [m.to[0] for m in mail.outbox] == ["p1@example.com"]


@pytest.mark.django_db
def test_invitation_before_opening_names_the_opening_date(questions, sales):
    later = factories.make_campaign(opens_at=timezone.now() + timedelta(days=3))
    _invite(later, sales, 1)
    tasks.send_invitations.delay(later.pk)
    assert "opens on" in mail.outbox[0].body


def _sent_days_ago(campaign, department, days: int, count: int = 1) -> list[Invitation]:
    invitations = _invite(campaign, department, count, prefix=f"{department.name}-{days}-")
    sent = timezone.now() - timedelta(days=days)
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=sent)
    return invitations


@pytest.mark.django_db
def test_reminders_go_to_those_who_have_not_answered_once_per_interval(questions, sales):
    campaign = factories.make_campaign(reminder_interval_days=3)
    waiting, answered = _sent_days_ago(campaign, sales, days=4, count=2)
    Invitation.objects.filter(pk=answered.pk).update(used=True)
    tasks.send_reminders.delay()
    tasks.send_reminders.delay()  # beat running twice within the interval: nothing more
    assert [m.to[0] for m in mail.outbox] == [waiting.email]
    waiting.refresh_from_db()
    assert waiting.reminders_sent == 1 and waiting.reminded_at is not None
    assert "reminder" in mail.outbox[0].subject.lower()


@pytest.mark.django_db
def test_the_first_emails_link_works_after_a_reminder_until_the_invitation_is_used(
    questions, sales
):
    """A person who opened the first e-mail after a reminder found "page not found"."""
    campaign = factories.make_campaign(reminder_interval_days=2)
    (invitation,) = _invite(campaign, sales, 1)
    tasks.send_invitations.delay(campaign.pk)
    first = _link_token(mail.outbox[0])
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=3))
    tasks.send_reminders.delay()
    second = _link_token(mail.outbox[1])
    assert first != second
    for token in (first, second):
        assert selectors.open_invitation_for_token(token).pk == invitation.pk
    Invitation.objects.update(used=True)
    for token in (first, second):
        with pytest.raises(InvitationAlreadyUsed):
            selectors.open_invitation_for_token(token)


@pytest.mark.django_db
def test_reminders_follow_each_campaigns_interval_and_stop_after_three(questions, sales):
    weekly = factories.make_campaign(
        name="Weekly", reminder_interval_days=7, closes_at=timezone.now() + timedelta(days=60)
    )
    silent = factories.make_campaign(name="No reminders")
    _sent_days_ago(weekly, sales, days=5)  # not due yet
    _sent_days_ago(silent, sales, days=30)
    (due,) = _sent_days_ago(weekly, factories.make_department("Support"), days=8)
    now = timezone.now()
    assert services.reminder_batches_due(now=now) == [[due.pk]]
    for week in range(5):
        later = now + timedelta(days=7 * week)
        for batch in services.reminder_batches_due(now=later):
            services.reminders_send(invitation_ids=batch, now=later)
    due.refresh_from_db()
    assert due.reminders_sent == services.MAX_REMINDERS
    assert [m.to[0] for m in mail.outbox].count(due.email) == services.MAX_REMINDERS


@pytest.mark.django_db
def test_hand_distributed_invitations_are_never_reminded(questions, sales):
    campaign = factories.make_campaign(reminder_interval_days=1)
    services.invitation_issue(
        campaign=campaign, email="ann@example.com", department=sales, role=Role.MANAGER
    )  # never e-mailed by cxassess: the admin handed the link out
    assert services.reminder_batches_due(now=timezone.now() + timedelta(days=5)) == []


@pytest.mark.django_db
def test_no_reminders_before_a_campaign_opens_or_after_it_closes(questions, sales):
    future = factories.make_campaign(
        name="Future", opens_at=timezone.now() + timedelta(days=1), reminder_interval_days=1
    )
    _sent_days_ago(future, sales, days=3)
    ended = factories.make_campaign(name="Ended", reminder_interval_days=1)
    _sent_days_ago(ended, sales, days=3)
    Campaign.objects.filter(pk=ended.pk).update(closed_at=timezone.now())
    assert services.reminder_batches_due(now=timezone.now()) == []


@pytest.mark.django_db
def test_no_reminder_in_the_last_half_day_of_a_round(questions, sales):
    """Sent 53 minutes before a midnight close in Bucharest, a reminder reached Shanghai at
    05:07 the next day, after the date it asked people to answer by."""
    closes = timezone.now() + timedelta(days=3)
    campaign = factories.make_campaign(reminder_interval_days=1, closes_at=closes)
    (waiting,) = _sent_days_ago(campaign, sales, days=2)
    assert services.reminder_batches_due(now=closes - timedelta(hours=13)) == [[waiting.pk]]
    last_hour = closes - timedelta(minutes=53)
    assert services.reminder_batches_due(now=last_hour) == []
    # A batch planned in time but sent late is not sent either.
    assert services.reminders_send(invitation_ids=[waiting.pk], now=last_hour) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_close_due_campaigns_records_closing_once(questions):
    due = factories.make_campaign(closes_at=timezone.now() - timedelta(minutes=1))
    running = factories.make_campaign(name="Running")
    assert tasks.close_due_campaigns.delay().get() == 1
    assert tasks.close_due_campaigns.delay().get() == 0
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.closed_at is not None and running.closed_at is None


def test_beat_schedule_names_only_registered_tasks():
    from cxassess.celery import app

    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_expired_logins_are_cleared_every_night(client, django_user_model):
    """Sessions live in the database, a row per login, and nothing ever removed expired ones."""
    from django.contrib.sessions.models import Session

    from cxassess.celery import app, clear_expired_sessions

    client.force_login(django_user_model.objects.create_user("lead", password="pw-for-tests-1"))
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1)
    )
    clear_expired_sessions.delay().get()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        client.session.session_key
    ]
    nightly = {e["task"] for e in app.conf.beat_schedule.values()}
    assert "cxassess.clear_expired_sessions" in nightly


def _email_invitations(admin_client, campaign):
    """The campaign list's "E-mail the invitations not sent yet" action, on one campaign."""
    return admin_client.post(
        "/admin/questionnaire/campaign/",
        {"action": "email_invitations", "_selected_action": [campaign.pk]},
        follow=True,
    )


@pytest.mark.django_db
def test_admin_action_emails_the_invitations_not_sent_yet(
    campaign, sales, admin_client, django_capture_on_commit_callbacks
):
    _invite(campaign, sales, 3)
    with django_capture_on_commit_callbacks(execute=True):
        response = _email_invitations(admin_client, campaign)
    assert "3 invitation e-mails are on their way." in response.content.decode()
    assert "cannot be reached" not in response.content.decode()
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_admin_action_says_when_the_queue_is_down_that_the_emails_wait(
    campaign, sales, admin_client, monkeypatch
):
    """ "3 invitation e-mails are on their way" while Redis was down: they went ten minutes
    later, by the sweep, and the admin had been told nothing of the wait."""
    from cxassess.celery import app

    _invite(campaign, sales, 3)
    monkeypatch.setitem(app.conf, "CELERY_TASK_ALWAYS_EAGER", False)  # settings are prefixed
    monkeypatch.setitem(app.conf, "CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # nothing there
    monkeypatch.setattr(tasks.send_invitations, "delay", lambda *args: None)
    page = _email_invitations(admin_client, campaign).content.decode()
    assert "The e-mail queue cannot be reached just now." in page
    assert Invitation.objects.filter(send_requested_at__isnull=False).count() == 3  # kept


@pytest.mark.django_db
def test_admin_action_on_a_closed_round_says_why_nothing_was_sent(
    campaign, sales, admin_client, django_capture_on_commit_callbacks
):
    """ "0 invitation e-mails are on their way" alone, for a round with invitations unsent."""
    _invite(campaign, sales, 2)
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        page = _email_invitations(admin_client, campaign).content.decode()
    assert "invitation e-mails are on their way" not in page
    assert "No invitation was waiting" not in page  # the closed round is the reason
    assert f"A closed round sends no invitations: {campaign.name}." in page
    assert mail.outbox == []


@pytest.mark.django_db
def test_admin_action_with_every_invitation_sent_says_so_instead_of_zero_on_their_way(
    campaign, sales, admin_client, django_capture_on_commit_callbacks
):
    _invite(campaign, sales, 2)
    Invitation.objects.update(sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        page = _email_invitations(admin_client, campaign).content.decode()
    assert "0 invitation e-mails are on their way" not in page
    assert "No invitation was waiting to be sent: every one has gone out already" in page
    assert mail.outbox == []


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite stores a number this large in the column"
)
@pytest.mark.django_db
def test_one_campaigns_huge_reminder_interval_does_not_stop_the_others(questions, sales):
    """Saved before the form's limit (SQLite keeps any integer): the date went out of range and
    the reminder job failed for every campaign."""
    now = timezone.now()
    weekly = factories.make_campaign(name="Weekly", reminder_interval_days=7)
    sleepy = factories.make_campaign(name="Sleepy", reminder_interval_days=7)
    Campaign.objects.filter(pk=sleepy.pk).update(reminder_interval_days=1_000_000)
    for campaign in (weekly, sleepy):
        issued = services.invitation_issue(
            campaign=campaign, email="a@example.com", department=sales, role="contributor"
        )
        Invitation.objects.filter(pk=issued.invitation.pk).update(sent_at=now - timedelta(days=8))
    due = [pk for batch in services.reminder_batches_due(now=now) for pk in batch]
    assert list(Invitation.objects.filter(pk__in=due).values_list("campaign__name", flat=True)) == [
        "Weekly"
    ]


@pytest.mark.django_db
def test_invitations_asked_for_while_the_queue_was_down_are_sent_later_once(
    questions, sales, monkeypatch, django_capture_on_commit_callbacks
):
    """The admin read "20 invitation e-mails are on their way" and nobody was ever e-mailed:
    the broker was down, and nothing tried again."""
    campaign = factories.make_campaign()
    _invite(campaign, sales, 3)
    (never_asked,) = _invite(factories.make_campaign(name="Other"), sales, 1, prefix="q")

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(tasks.send_invitations, "delay", broker_down)
    asked = timezone.now() - timedelta(minutes=10)  # the beat job below runs at the real now
    # In production on_commit(robust=True) logs the refusal; the test's capture may raise it.
    with django_capture_on_commit_callbacks(execute=True), suppress(ConnectionRefusedError):
        services.campaign_invitations_email(campaign=campaign, now=asked)
    assert mail.outbox == []
    monkeypatch.undo()
    # The first try has a few minutes; then the sweep sends what is still waiting, once.
    assert services.invitation_batches_requested(now=asked + timedelta(minutes=1)) == []
    later = asked + services.REQUESTED_SEND_GRACE
    assert len(services.invitation_batches_requested(now=later)[0]) == 3
    tasks.send_requested_invitations.delay()
    tasks.send_requested_invitations.delay()
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.com" for i in range(3)]
    never_asked.refresh_from_db()
    assert never_asked.sent_at is None  # imported, never asked for: not sent


@pytest.mark.django_db
def test_invitations_the_mail_server_kept_refusing_for_a_while_are_sent_by_the_sweep(
    questions, sales, monkeypatch
):
    """A mail server's rate limit (451) outlasted the batch's retries: 270 of 300 were left."""
    campaign = factories.make_campaign()
    _invite(campaign, sales, 2)

    def limited(*, invitation, **kwargs):
        raise SMTPServerDisconnected("451 4.4.2 rate exceeded")

    monkeypatch.setattr(services.emails, "invitation_send", limited)
    with pytest.raises(SMTPServerDisconnected):
        services.invitations_send(
            invitation_ids=list(Invitation.objects.values_list("pk", flat=True)),
            now=timezone.now(),
        )
    services.campaign_invitations_email(campaign=campaign, now=timezone.now())
    monkeypatch.undo()
    Invitation.objects.update(send_requested_at=timezone.now() - timedelta(minutes=6))
    tasks.send_requested_invitations.delay()
    sent_ids = list(Invitation.objects.filter(sent_at__isnull=False).values_list("pk", flat=True))
    assert len(sent_ids) == 2 and len(mail.outbox) == 2
