"""Render an invitation or reminder from its template triple and send it as one message."""

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .defaults import STANDARD_QUESTIONS
from .models import Invitation, last_open_day

Kind = Literal["invitation", "reminder"]


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("questionnaire:invitation", args=[token])


def _deadline(closes_at: datetime | None) -> dict:
    """How the e-mail says when answering stops, in the site's time zone. A round closing at
    midnight reads "by the end of" the day before: "before Dec. 8, midnight" was read as the end
    of the 8th."""
    if closes_at is None:
        return {}
    local = timezone.localtime(closes_at)
    # The zone's name ("Europe/Rome"), not its abbreviation: many are "+04" or ambiguous ("CST").
    deadline = {"time_zone": timezone.get_current_timezone_name()}
    last_day = last_open_day(closes_at)
    if last_day != local.date():  # closes at midnight: open until the end of the day before
        return deadline | {"last_day": last_day}
    return deadline | {"closes_at": local}


def invitation_message(
    *, invitation: Invitation, token: str, kind: Kind, now: datetime
) -> EmailMultiAlternatives:
    campaign = invitation.campaign
    context = {
        "campaign": campaign,
        "link": invitation_link(token),
        "opens_at": campaign.opens_at if campaign.has_not_opened(now) else None,
        **_deadline(campaign.closes_at),
        # "Fifteen statements" only when it is so: an admin may have switched questions off.
        "standard_test": campaign.campaign_questions.count() == STANDARD_QUESTIONS,
    }
    with translation.override(invitation.language):
        context["LANGUAGE_CODE"] = invitation.language
        subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
        text = render_to_string(f"emails/{kind}_body.txt", context)
        html = render_to_string(f"emails/{kind}_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    return message


def invitation_send(
    *,
    invitation: Invitation,
    token: str,
    kind: Kind,
    now: datetime,
    connection: BaseEmailBackend | None = None,
) -> None:
    """Send one message; raises if the server refuses it, so the caller can release its claim."""
    message = invitation_message(invitation=invitation, token=token, kind=kind, now=now)
    message.connection = connection
    message.send(fail_silently=False)
