import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import signals, tokens
from .errors import AnswersDoNotMatchCampaign, CampaignNotOpen, InvitationAlreadyUsed
from .models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Campaign,
    CampaignQuestion,
    Department,
    Invitation,
    PillarComment,
    Question,
    Response,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def campaign_create(*, name: str, **fields) -> Campaign:
    """A new round with the current wording of every active question frozen into it."""
    campaign = Campaign(name=name, **fields)
    campaign.full_clean()
    campaign.save()
    campaign_questions_freeze(campaign=campaign)
    return campaign


def campaign_questions_freeze(*, campaign: Campaign) -> int:
    """Store the wording respondents will see. A no-op once it is stored: answers keep meaning."""
    if campaign.campaign_questions.exists():
        return 0
    questions = Question.objects.filter(is_active=True).select_related("pillar")
    CampaignQuestion.objects.bulk_create(
        CampaignQuestion(campaign=campaign, question=q, position=i, wording=q.wording())
        for i, q in enumerate(questions, start=1)
    )
    return len(questions)


def campaigns_close_due(*, now: datetime) -> int:
    return Campaign.objects.filter(closes_at__lte=now, closed_at__isnull=True).update(closed_at=now)


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once: only its hash is stored


def invitation_issue(
    *, campaign: Campaign, email: str, department: Department, role: str
) -> IssuedInvitation:
    token = tokens.token_make()
    invitation = Invitation.objects.create(
        campaign=campaign,
        email=email.strip().lower(),
        department=department,
        role=role,
        token_hash=tokens.token_hash(token),
    )
    return IssuedInvitation(invitation=invitation, token=token)


def _check_answers(campaign: Campaign, answers: Mapping[int, int | None]) -> None:
    expected = set(campaign.campaign_questions.values_list("question_id", flat=True))
    if set(answers) != expected:
        raise AnswersDoNotMatchCampaign("answers must cover exactly the campaign's questions")
    if any(v is not None and not SCALE_MIN <= v <= SCALE_MAX for v in answers.values()):
        raise AnswersDoNotMatchCampaign("answers must be 1..5 or None")


def _existing_response(submission_key: uuid.UUID) -> Response | None:
    return Response.objects.filter(submission_key=submission_key).first()


def response_submit(
    *,
    campaign: Campaign,
    department: Department,
    role: str,
    answers: Mapping[int, int | None],
    comments: Mapping[int, str],
    submission_key: uuid.UUID,
    language: str = "en",
    invitation: Invitation | None = None,
    now: datetime | None = None,
) -> Response:
    """Save one person's answers, all or nothing, exactly once per form.

    A repeated submission of the same form (double click, refresh) returns the first response.
    """
    if (existing := _existing_response(submission_key)) is not None:
        return existing
    try:
        response = _response_create(
            campaign=campaign,
            department=department,
            role=role,
            answers=answers,
            comments=comments,
            submission_key=submission_key,
            language=language,
            invitation=invitation,
            now=now or timezone.now(),
        )
    except IntegrityError:
        # Lost a race with the same form's other request: that one saved the answers.
        if (existing := _existing_response(submission_key)) is not None:
            return existing
        raise
    campaign_id = campaign.pk
    transaction.on_commit(
        lambda: signals.response_submitted.send(sender=Response, campaign_id=campaign_id),
        robust=True,
    )
    return response


@transaction.atomic
def _response_create(
    *,
    campaign: Campaign,
    department: Department,
    role: str,
    answers: Mapping[int, int | None],
    comments: Mapping[int, str],
    submission_key: uuid.UUID,
    language: str,
    invitation: Invitation | None,
    now: datetime,
) -> Response:
    if not campaign.is_open(now):
        raise CampaignNotOpen(campaign)
    _check_answers(campaign, answers)
    if invitation is not None:
        # Claim with a conditional UPDATE: exactly one request wins, even across processes.
        unused = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True)
        if unused.update(used_at=now) != 1:
            raise InvitationAlreadyUsed
    # No link back to the invitation: answers are anonymous by construction.
    response = Response.objects.create(
        campaign=campaign,
        department=department,
        role=role,
        language=language,
        submitted_at=now.replace(minute=0, second=0, microsecond=0),
        submission_key=submission_key,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=q, value=v) for q, v in answers.items()
    )
    PillarComment.objects.bulk_create(
        PillarComment(response=response, pillar_id=p, text=text.strip())
        for p, text in comments.items()
        if text.strip()
    )
    return response


def invitations_outstanding(*, campaign: Campaign) -> QuerySet[Invitation]:
    return campaign.invitations.filter(used_at__isnull=True)
