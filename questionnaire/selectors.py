import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import TypeVar

from django.http import Http404
from django.utils import timezone

from . import tokens
from .errors import CampaignNotOpen, InvitationAlreadyUsed
from .models import Campaign, CampaignQuestion, Department, Invitation, Pillar, Response


def open_invitation_for_token(token: str) -> Invitation:
    """The unused invitation behind a link, its latest or one e-mailed earlier. Http404 for
    unknown tokens; domain errors otherwise."""
    hashed = tokens.token_hash(token)
    invitations = Invitation.objects.select_related("campaign", "department")
    # Two indexed lookups rather than one OR across the join, which no index serves.
    invitation = (
        invitations.filter(token_hash=hashed).first()
        or invitations.filter(earlier_links__token_hash=hashed).first()
    )
    if invitation is None:
        raise Http404("unknown invitation")
    if invitation.used:
        raise InvitationAlreadyUsed(invitation.campaign, invitation.language)
    if not invitation.campaign.is_open():
        raise CampaignNotOpen(invitation.campaign, invitation.language)
    return invitation


def open_link_campaign(key: str) -> Campaign:
    try:
        return Campaign.objects.get(open_link_key=key, open_link_enabled=True)
    except Campaign.DoesNotExist:
        raise Http404("unknown open link") from None


# Every answer sent through an open link looks its round up by the link's key: a query of about
# half a millisecond, of some seven the app spends on an answer. Each process keeps what it read
# for a few seconds. Saving checks again in the database that the round is open and the link on
# and unchanged (services.response_submit), so a kept copy never lets an answer in that should
# not be; a copy that says the round is not open is read afresh before anyone is turned away.
OPEN_LINK_MAX_AGE = 10.0
_open_links: dict[str, tuple[float, Campaign]] = {}


def open_link_campaign_for_sending(key: str) -> Campaign:
    """open_link_campaign(), read at most OPEN_LINK_MAX_AGE seconds ago if it is open."""
    now = time.monotonic()
    kept = _open_links.get(key)
    if kept is not None and now - kept[0] < OPEN_LINK_MAX_AGE and kept[1].is_open():
        return kept[1]
    campaign = open_link_campaign(key)  # Http404 for unknown links, which are not kept
    for old in [k for k, (at, _c) in _open_links.items() if now - at >= OPEN_LINK_MAX_AGE]:
        del _open_links[old]
    _open_links[key] = (now, campaign)
    return campaign


# The open link's form checks the department chosen, another query per answer sent. Each
# process keeps the list for a minute: a department added since is read afresh, and one deleted
# since fails its foreign key when the answer is saved (services.DepartmentGone).
DEPARTMENTS_MAX_AGE = 60.0
_departments: dict[str, tuple[float, dict[str, Department]]] = {}


def departments_kept() -> dict[str, Department]:
    """Every department by its id as a form sends it ("12"), read at most a minute ago."""
    now, kept = time.monotonic(), _departments.get("all")
    if kept is None or now - kept[0] >= DEPARTMENTS_MAX_AGE:
        kept = _departments["all"] = (now, {str(d.pk): d for d in Department.objects.all()})
    return kept[1]


def kept_forget() -> None:
    """Drop what this process keeps of rounds and departments (a department changed here)."""
    _open_links.clear()
    _departments.clear()


@dataclass(frozen=True)
class PillarSection:
    pillar: Pillar
    questions: list[CampaignQuestion]


T = TypeVar("T")


def in_asked_order(
    items: Iterable[T], *, pillar: Callable[[T], int], position: Callable[[T], int]
) -> list[T]:
    """A round's questions in the order it froze them, each pillar's together where its first
    question stood: pillars reordered since then do not renumber a round already run."""
    items = list(items)
    first: dict[int, int] = {}
    for item in items:
        first[pillar(item)] = min(first.get(pillar(item), position(item)), position(item))
    return sorted(items, key=lambda item: (first[pillar(item)], position(item)))


def campaign_questions(campaign: Campaign) -> list[CampaignQuestion]:
    return in_asked_order(
        CampaignQuestion.objects.filter(campaign=campaign).select_related("question__pillar"),
        pillar=lambda cq: cq.question.pillar_id,
        position=lambda cq: cq.position,
    )


# Every answer sent builds the form from its campaign's sections: 15 questions and 5 pillars, 35
# objects. A campaign's questions are frozen once stored, and pillar names change rarely, so each
# process keeps them for a minute: an admin's new pillar name shows within that minute.
SECTIONS_MAX_AGE = 60.0
_sections: dict[tuple[int, datetime], tuple[float, list[PillarSection]]] = {}


def campaign_sections(campaign: Campaign) -> list[PillarSection]:
    """The campaign's questions grouped by pillar, in pillar order. Shared: do not change them."""
    key, now = (campaign.pk, campaign.created_at), time.monotonic()
    kept = _sections.get(key)
    if kept is not None and now - kept[0] < SECTIONS_MAX_AGE:
        return kept[1]
    sections = [
        PillarSection(pillar=pillar, questions=list(items))
        for pillar, items in groupby(
            campaign_questions(campaign), key=lambda cq: cq.question.pillar
        )
    ]
    for old in [k for k, (at, _s) in _sections.items() if now - at >= SECTIONS_MAX_AGE]:
        del _sections[old]
    # A round without questions yet may get them, and one not yet open follows question edits
    # (services.rounds_not_yet_seen_refreeze): ask again next time.
    if sections and campaign.opens_at <= timezone.now():
        _sections[key] = (now, sections)
    return sections


def response_for_result_key(result_key: str) -> Response:
    response = (
        Response.objects.select_related("campaign", "department")
        .filter(result_key=result_key)
        .first()
    )
    if response is None:
        raise Http404("unknown result")
    return response


def response_is_this_form(
    response: Response,
    *,
    answers: Mapping[int, int | None | str],
    comments: Mapping[int, str],
    group: tuple[str, str] | None = None,
) -> bool:
    """Whether `response` holds exactly what a form sent again holds: these answers (None: "I
    don't know"), these comments as kept (services.comment_as_kept; empty ones are not kept)
    and, from an open link, this (department id, role) as sent. Anything changed (a comment
    added after going back, another department) is another sending, never saved over this one
    and never told it was saved."""
    if group is not None and group != (str(response.department_id), response.role):
        return False
    if dict(response.answers.values_list("question_id", "value")) != dict(answers):
        return False
    kept = dict(response.comments.values_list("pillar_id", "text"))
    return kept == {pillar_id: text for pillar_id, text in comments.items() if text}


def response_for_submission(
    submission_key: uuid.UUID | str | None, *, campaign: Campaign
) -> Response | None:
    """The response a form of this round with this one-time key already saved, if any. This
    round's only: a key from another round's form must not lead to that round's result."""
    try:
        key = uuid.UUID(str(submission_key or ""))
    except ValueError:
        return None
    return Response.objects.filter(submission_key=key, campaign=campaign).first()
