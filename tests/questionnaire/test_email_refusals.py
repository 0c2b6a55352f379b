"""A refused address costs that one invitation; a mail server outage still stops the batch."""

import logging
from datetime import timedelta
from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.urls import reverse
from django.utils import timezone

from questionnaire import services
from questionnaire.models import Invitation, Role
from tests import factories


class FailingEmailBackend(LocmemBackend):
    """locmem, except that a message to an address in `failures` raises that address's error."""

    failures: dict[str, Exception] = {}  # set per test through the `failures` fixture

    def send_messages(self, messages) -> int:
        for message in messages:
            if error := self.failures.get(message.to[0]):
                raise error
        return super().send_messages(messages)


@pytest.fixture
def failures(settings, monkeypatch) -> dict[str, Exception]:
    settings.EMAIL_BACKEND = f"{__name__}.FailingEmailBackend"
    monkeypatch.setattr(FailingEmailBackend, "failures", {})
    return FailingEmailBackend.failures


def _refused(address: str, code: int = 550) -> SMTPRecipientsRefused:
    # What smtplib raises, through Django's SMTP backend, when the only recipient is refused.
    return SMTPRecipientsRefused({address: (code, b"5.1.1 User unknown")})


def _invite(campaign, department, count: int = 5) -> list[Invitation]:
    return [
        services.invitation_issue(
            campaign=campaign, email=f"p{i}@example.com", department=department, role=Role.MANAGER
        ).invitation
        for i in range(count)
    ]


def _outbox() -> list[str]:
    return [m.to[0] for m in mail.outbox]


def _ids(invitations: list[Invitation]) -> list[int]:
    return [i.pk for i in invitations]


def _unsent_ids() -> set[int]:
    return set(Invitation.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))


@pytest.mark.django_db
def test_refused_address_does_not_stop_the_other_invitations(campaign, sales, failures, caplog):
    invitations = _invite(campaign, sales)
    refused = invitations[1]
    failures[refused.email] = _refused(refused.email)
    with caplog.at_level(logging.WARNING, logger="questionnaire.services"):
        sent = services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now())

    assert sent == 4
    assert _outbox() == [i.email for i in invitations if i != refused]
    assert _unsent_ids() == {refused.pk}
    assert str(refused.pk) in caplog.text and refused.email not in caplog.text

    # Once the address is fixed, the next run sends it, and only it.
    failures.clear()
    assert services.invitation_batches_unsent(campaign_id=campaign.pk, now=timezone.now()) == [
        [refused.pk]
    ]
    assert services.invitations_send(invitation_ids=[refused.pk], now=timezone.now()) == 1
    assert sorted(_outbox()) == sorted(i.email for i in invitations)
    assert _unsent_ids() == set()


@pytest.mark.django_db
def test_refused_address_does_not_stop_the_other_reminders(questions, sales, failures):
    campaign = factories.make_campaign(reminder_interval_days=3)
    invitations = _invite(campaign, sales)
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=4))
    refused = invitations[1]
    failures[refused.email] = _refused(refused.email)

    assert services.reminders_send(invitation_ids=_ids(invitations), now=timezone.now()) == 4
    assert sorted(_outbox()) == sorted(i.email for i in invitations if i != refused)
    refused.refresh_from_db()
    assert (refused.reminders_sent, refused.reminded_at) == (0, None)
    assert Invitation.objects.filter(reminders_sent=1).count() == 4

    # Not written to again every hour until the round closes: a dead mailbox, marked as such.
    failures.clear()
    assert services.reminder_batches_due(now=timezone.now()) == []
    assert Invitation.objects.get(pk=refused.pk).refused_at is not None


@pytest.mark.django_db
def test_a_corrected_address_is_reminded_again(questions, sales, failures, admin_client):
    campaign = factories.make_campaign(reminder_interval_days=3)
    invitations = _invite(campaign, sales, 2)
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=4))
    refused = invitations[0]
    failures[refused.email] = _refused(refused.email)
    services.reminders_send(invitation_ids=_ids(invitations), now=timezone.now())
    listed = admin_client.get(
        reverse("admin:questionnaire_invitation_changelist"), {"email_state": "refused"}
    ).content.decode()
    assert refused.email in listed and invitations[1].email not in listed

    url = reverse("admin:questionnaire_invitation_change", args=[refused.pk])
    fixed = {"email": "p0@example.org", "department": sales.pk, "role": refused.role}
    assert admin_client.post(url, fixed | {"language": ""}).status_code == 302
    assert services.reminder_batches_due(now=timezone.now()) == [[refused.pk]]
    assert services.reminders_send(invitation_ids=[refused.pk], now=timezone.now()) == 1
    assert _outbox()[-1] == "p0@example.org"


@pytest.mark.parametrize(
    "error",
    [
        SMTPServerDisconnected("mail server went away"),
        ConnectionRefusedError(111, "Connection refused"),
    ],
    ids=["disconnected", "connection-refused"],
)
@pytest.mark.django_db
def test_transient_failure_stops_the_batch_for_a_retry_without_resending(
    campaign, sales, failures, error
):
    invitations = _invite(campaign, sales)
    failures[invitations[2].email] = error
    with pytest.raises(type(error)):
        services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now())

    assert _outbox() == [invitations[0].email, invitations[1].email]
    assert _unsent_ids() == set(_ids(invitations[2:]))

    # The task's retry sends the rest, and nobody twice.
    failures.clear()
    assert services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now()) == 3
    assert _outbox() == [i.email for i in invitations]


@pytest.mark.parametrize("code", [452, 450, 421], ids=["mailbox-full", "greylisted", "closing"])
@pytest.mark.django_db
def test_an_address_put_off_for_now_does_not_hold_back_the_rest(campaign, sales, failures, code):
    """One mailbox answering "452 mailbox full" stopped the 99 invitations after it, on each of
    the task's retries and on every sweep until the round closed."""
    invitations = _invite(campaign, sales)
    put_off = invitations[1]
    failures[put_off.email] = _refused(put_off.email, code=code)
    with pytest.raises(SMTPRecipientsRefused):  # for the task to retry the one put off
        services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now())

    assert _outbox() == [i.email for i in invitations if i != put_off]
    assert _unsent_ids() == {put_off.pk}
    assert Invitation.objects.get(pk=put_off.pk).refused_at is None  # worth trying again
    failures.clear()
    assert services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now()) == 1
    assert sorted(_outbox()) == sorted(i.email for i in invitations)


@pytest.mark.django_db
def test_a_reminder_put_off_for_now_does_not_hold_back_the_rest(questions, sales, failures):
    campaign = factories.make_campaign(reminder_interval_days=3)
    invitations = _invite(campaign, sales)
    Invitation.objects.update(sent_at=timezone.now() - timedelta(days=4))
    failures[invitations[0].email] = _refused(invitations[0].email, code=452)
    with pytest.raises(SMTPRecipientsRefused):
        services.reminders_send(invitation_ids=_ids(invitations), now=timezone.now())
    assert Invitation.objects.filter(reminders_sent=1).count() == 4
    assert services.reminder_batches_due(now=timezone.now()) == [[invitations[0].pk]]


@pytest.mark.django_db
def test_the_sweep_does_not_send_to_a_refused_address_every_ten_minutes(
    campaign, sales, failures, django_capture_on_commit_callbacks
):
    """A 550 left the invitation asked for and unsent, so the sweep tried it 144 times a day."""
    from questionnaire import tasks

    invitations = _invite(campaign, sales, 2)
    refused = invitations[0]
    failures[refused.email] = _refused(refused.email)
    services.campaign_invitations_email(campaign=campaign, now=timezone.now() - timedelta(hours=1))
    tasks.send_requested_invitations.delay()
    tasks.send_requested_invitations.delay()
    assert _outbox() == [invitations[1].email]
    assert services.invitation_batches_requested(now=timezone.now()) == []
    # Fixed, and asked for again by the admin: sent.
    failures.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.campaign_invitations_email(campaign=campaign, now=timezone.now())
    assert _outbox() == [invitations[1].email, refused.email]


@pytest.mark.django_db
def test_a_batch_with_nothing_left_to_send_opens_no_mail_session(campaign, sales, monkeypatch):
    """The sweep beside a slow first try queued the same batch twice: each opened an SMTP
    session (a TLS handshake with the mail server) to send nothing."""
    invitations = _invite(campaign, sales, 2)
    services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now())

    def no_session(*args, **kwargs):
        raise AssertionError("a mail session was opened")

    monkeypatch.setattr(services.mail, "get_connection", no_session)
    assert services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now()) == 0


@pytest.mark.django_db
def test_an_address_no_message_can_be_made_for_costs_only_its_invitation(campaign, sales, caplog):
    # Saved before the import refused such addresses: sending cannot even make the message.
    invitations = _invite(campaign, sales, count=3)
    unwritable = invitations[1]
    Invitation.objects.filter(pk=unwritable.pk).update(
        email=f"person@{'ü' * 60}.de", send_requested_at=timezone.now()
    )
    with caplog.at_level(logging.WARNING, logger="questionnaire.services"):
        sent = services.invitations_send(invitation_ids=_ids(invitations), now=timezone.now())

    assert sent == 2
    assert _outbox() == [invitations[0].email, invitations[2].email]
    assert _unsent_ids() == {unwritable.pk}
    assert str(unwritable.pk) in caplog.text
    # Not asked again by every sweep.
    assert Invitation.objects.get(pk=unwritable.pk).send_requested_at is None
