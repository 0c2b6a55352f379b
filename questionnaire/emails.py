"""Render an invitation or reminder from its template triple and send it as one message."""

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import selectors
from .defaults import STANDARD_QUESTIONS
from .models import Invitation, deadline_parts

Kind = Literal["invitation", "reminder"]


def address_is_writable(email: str) -> bool:
    """Whether a message can be addressed to `email` at all. Django's validator lets through
    some that sending cannot write: a domain label under 63 characters whose punycode is over
    63 ("person@üüü….de") is refused only when the message is made."""
    try:
        sanitize_address(email, settings.DEFAULT_CHARSET)
    except ValueError:  # UnicodeError too
        return False
    return True


def invitation_link(token: str) -> str:
    return settings.SITE_URL + reverse("questionnaire:invitation", args=[token])


def _questions_asked(campaign) -> int:
    return sum(len(section.questions) for section in selectors.campaign_sections(campaign))


def invitation_message(
    *, invitation: Invitation, token: str, kind: Kind, now: datetime
) -> EmailMultiAlternatives:
    campaign = invitation.campaign
    context = {
        "campaign": campaign,
        "link": invitation_link(token),
        "opens_at": campaign.opens_at if campaign.has_not_opened(now) else None,
        "time_zone": timezone.get_current_timezone_name(),  # both dates name it
        **deadline_parts(campaign.closes_at),
        # "Fifteen statements" only when it is so: an admin may have switched questions off.
        # From the sections each process keeps: a COUNT per e-mail added 20,000 queries to a
        # 20,000-person round's invitations.
        "standard_test": _questions_asked(campaign) == STANDARD_QUESTIONS,
        # Only a reminder follows other e-mails: an invitation is the first one sent.
        "earlier_emails": kind == "reminder",
    }
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context["LANGUAGE_CODE"] = language
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
