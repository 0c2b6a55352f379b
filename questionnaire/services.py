import logging
import secrets
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from smtplib import SMTPRecipientsRefused

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from . import emails, selectors, signals, tokens
from .errors import (
    AnswersDoNotMatchCampaign,
    CampaignNotOpen,
    DepartmentGone,
    FormSentBefore,
    InvitationAlreadyUsed,
    SubmissionKeyTaken,
)
from .models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Campaign,
    CampaignQuestion,
    Department,
    EarlierInvitationLink,
    Invitation,
    Pillar,
    PillarComment,
    Question,
    Response,
    new_open_link_key,
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
    """Store the wording respondents will see. A no-op once it is stored, or once anyone has
    answered (their answers would miss the questions added after them): answers keep meaning."""
    if campaign.campaign_questions.exists() or campaign.responses.exists():
        return 0
    questions = Question.objects.filter(is_active=True).select_related("pillar")
    CampaignQuestion.objects.bulk_create(
        CampaignQuestion(campaign=campaign, question=q, position=i, wording=q.wording())
        for i, q in enumerate(questions, start=1)
    )
    return len(questions)


def question_was_answered(question: Question) -> bool:
    return Answer.objects.filter(question=question).exists()


def pillar_was_answered(pillar: Pillar) -> bool:
    return Answer.objects.filter(question__pillar=pillar).exists()


def department_was_answered(department: Department) -> bool:
    return Response.objects.filter(department=department).exists()


def rounds_not_yet_seen(*, now: datetime | None = None) -> QuerySet[Campaign]:
    """Rounds nobody can have answered or been shown yet: not open yet, not closed, no answers."""
    now = now or timezone.now()
    answered = Response.objects.filter(campaign=OuterRef("pk"))
    return Campaign.objects.filter(opens_at__gt=now, closed_at__isnull=True).exclude(
        Exists(answered)
    )


@transaction.atomic
def rounds_not_yet_seen_refreeze() -> list[Campaign]:
    """Next quarter's round, created ahead of time, asks the questions as they are when it opens:
    an admin who edits, adds or retires a question now means the coming round to ask it. Rounds
    already open keep their wording, as someone may have the form in front of them."""
    rounds = list(rounds_not_yet_seen().select_for_update())
    CampaignQuestion.objects.filter(campaign__in=rounds).delete()
    for campaign in rounds:
        campaign_questions_freeze(campaign=campaign)
    Campaign.objects.filter(pk__in=[c.pk for c in rounds]).update(**counts_raised("labels_changed"))
    return rounds


def open_links_renew(*, campaigns: Iterable[Campaign]) -> int:
    """A new open-link address for each campaign; the old one is unknown from now on. Responses
    already given through it are kept, and their result links keep working."""
    renewed = 0
    for campaign in campaigns:
        renewed += Campaign.objects.filter(pk=campaign.pk).update(open_link_key=new_open_link_key())
    return renewed


def campaigns_close_due(*, now: datetime) -> int:
    return Campaign.objects.filter(closes_at__lte=now, closed_at__isnull=True).update(
        closed_at=now, closed_once=True
    )


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once: only its hash is stored


def _invitation_new(
    *, campaign: Campaign, email: str, department: Department, role: str, language: str
) -> IssuedInvitation:
    token = tokens.token_make()
    invitation = Invitation(
        campaign=campaign,
        email=email.strip().lower(),
        department=department,
        role=role,
        language=language,
        token_hash=tokens.token_hash(token),
    )
    return IssuedInvitation(invitation=invitation, token=token)


def invitation_issue(
    *,
    campaign: Campaign,
    email: str,
    department: Department,
    role: str,
    language: str = "",
) -> IssuedInvitation:
    issued = _invitation_new(
        campaign=campaign, email=email, department=department, role=role, language=language
    )
    issued.invitation.save()
    return issued


@transaction.atomic
def invitations_issue(*, campaign: Campaign, people: Sequence[Mapping]) -> list[IssuedInvitation]:
    """One invitation per person (email, department, role, language), all or none, inserted in
    batches: a 20,000-row import one INSERT at a time took seconds of a request."""
    issued = [_invitation_new(campaign=campaign, **person) for person in people]
    Invitation.objects.bulk_create([i.invitation for i in issued], batch_size=1000)
    invitations_changed_bump(campaign_id=campaign.pk)  # bulk_create sends no post_save
    return issued


def campaign_question_ids(campaign: Campaign) -> frozenset[int]:
    """The campaign's frozen questions, from the sections each process keeps for the form."""
    sections = selectors.campaign_sections(campaign)
    return frozenset(cq.question_id for section in sections for cq in section.questions)


def _check_answers(campaign: Campaign, answers: Mapping[int, int | None]) -> None:
    if not answers:  # a round without questions (made before rounds needed one) takes none
        raise AnswersDoNotMatchCampaign("a response needs at least one answer")
    if set(answers) != campaign_question_ids(campaign):
        raise AnswersDoNotMatchCampaign("answers must cover exactly the campaign's questions")
    if any(v is not None and not SCALE_MIN <= v <= SCALE_MAX for v in answers.values()):
        raise AnswersDoNotMatchCampaign("answers must be 1..5 or None")


def _key_taken(submission_key: uuid.UUID) -> bool:
    return Response.objects.filter(submission_key=submission_key).exists()


def _department_exists(department: Department) -> bool:
    return Department.objects.filter(pk=department.pk).exists()


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
    open_link_key: str | None = None,
    now: datetime | None = None,
) -> Response:
    """Save one person's answers, all or nothing, exactly once per form.

    A repeated submission of the same form (double click, refresh) returns the first response.
    `open_link_key`: sent through the round's open link, which must still be on and this one.
    """
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
            open_link_key=open_link_key,
            now=now or timezone.now(),
        )
    except (IntegrityError, InvitationAlreadyUsed, CampaignNotOpen) as error:
        # A repeat of a form already saved (a double click, a refresh, the other half of a race)
        # finds the first response. Looked up only here, so a first submission pays nothing.
        if existing := selectors.response_for_submission(submission_key, campaign=campaign):
            same = selectors.response_is_this_form(
                existing,
                answers=answers,
                comments={p: comment_as_kept(text) for p, text in comments.items()},
                group=None if invitation else (str(department.pk), role),
            )
            if not same:
                raise FormSentBefore from error
            return existing
        if isinstance(error, IntegrityError) and _key_taken(submission_key):
            raise SubmissionKeyTaken from error
        if isinstance(error, IntegrityError) and not _department_exists(department):
            selectors.kept_forget()  # the form checked it against this process's list
            raise DepartmentGone from error
        raise
    campaign_id = campaign.pk
    transaction.on_commit(
        lambda: signals.response_submitted.send(sender=Response, campaign_id=campaign_id),
        robust=True,
    )
    return response


def _hour_of(moment: datetime) -> datetime:
    """Response and invitation times are kept to the hour: exact ones, sorted side by side,
    would match each used invitation to its response (answers are saved in order)."""
    return moment.replace(minute=0, second=0, microsecond=0)


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
    open_link_key: str | None,
    now: datetime,
) -> Response:
    if not campaign.is_open(now):
        raise CampaignNotOpen(campaign)
    _check_answers(campaign, answers)
    if invitation is not None:
        # Claim with a conditional UPDATE: exactly one request wins, even across processes.
        unused = Invitation.objects.filter(pk=invitation.pk, used=False)
        if unused.update(used=True) != 1:
            raise InvitationAlreadyUsed
    # No link back to the invitation: answers are anonymous by construction.
    response = Response.objects.create(
        campaign=campaign,
        department=department,
        role=role,
        language=language,
        submitted_at=_hour_of(now),
        submission_key=submission_key,
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=q, value=v) for q, v in answers.items()
    )
    PillarComment.objects.bulk_create(
        PillarComment(
            response=response, campaign=campaign, department=department, pillar_id=p, text=kept
        )
        for p, text in comments.items()
        if (kept := comment_as_kept(text))
    )
    # Last, so that the campaign's row stays locked for the commit only, not the inserts.
    if not _responses_changed_bump_while_open(campaign, now=now, open_link_key=open_link_key):
        raise CampaignNotOpen(campaign)  # rolls the inserts back
    return response


def _responses_changed_bump_while_open(
    campaign: Campaign, *, now: datetime, open_link_key: str | None
) -> bool:
    """Count a new response, if the round is still open (and its open link still on and the
    same) in the database, as Campaign.is_open() says. The open link's view works from a
    campaign read seconds earlier (selectors.open_link_campaign_for_sending), and a round closed
    in the meantime takes no more answers: the row's lock orders a submission and a closing."""
    still_open = Campaign.objects.filter(
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        pk=campaign.pk,
        closed_at__isnull=True,
        opens_at__lte=now,
    )
    if open_link_key is not None:
        still_open = still_open.filter(open_link_enabled=True, open_link_key=open_link_key)
    bumped = still_open.update(**counts_raised("responses_changed"))
    return bumped == 1


# Characters that show nothing, besides white space: format characters (zero-width, direction
# marks), control characters, combining marks with no letter to sit on, and the rest of
# Unicode's Default_Ignorable_Code_Point (Hangul fillers, variation selectors, tags) with the
# Braille blank, which fonts draw as empty cells.
_SHOW_NOTHING_CATEGORIES = {"Cf", "Cc", "Mn", "Me"}
_SHOW_NOTHING_RANGES = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2800, 0x2800),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0xE0000, 0xE0FFF),
)  # fmt: skip


def _shows_nothing(character: str) -> bool:
    if character.isspace() or unicodedata.category(character) in _SHOW_NOTHING_CATEGORIES:
        return True
    code = ord(character)
    return any(low <= code <= high for low, high in _SHOW_NOTHING_RANGES)


def comment_as_kept(text: str) -> str:
    """A comment as it is kept: line breaks as "\\n", no white space around it, and nothing at
    all without a visible character (only spaces, zero-width or direction marks, fillers, lone
    accents: leaders saw an empty quote)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if all(_shows_nothing(c) for c in text):
        return ""
    return text


def counts_raised(field: str) -> dict:
    """An UPDATE's values raising one of a campaign's change counts, with a new changes_mark."""
    return {field: F(field) + 1, "changes_mark": secrets.token_hex(8)}


def responses_changed_bump(*, campaign_id: int) -> None:
    Campaign.objects.filter(pk=campaign_id).update(**counts_raised("responses_changed"))


def comments_changed_bump(*, campaign_ids: Iterable[int]) -> None:
    """A removed comment must leave every report at once: a new changes_mark retires the
    round's report snapshots; its answers' counts, unchanged, are kept."""
    Campaign.objects.filter(pk__in=campaign_ids).update(**counts_raised("labels_changed"))


def invitations_changed_bump(*, campaign_id: int) -> None:
    Campaign.objects.filter(pk=campaign_id).update(**counts_raised("invitations_changed"))


def labels_changed_bump() -> None:
    """Every campaign's reports show department and pillar names: one rare admin edit, one
    UPDATE of every campaign row, and each dashboard is rebuilt when next read."""
    Campaign.objects.update(**counts_raised("labels_changed"))


def invitations_outstanding(*, campaign: Campaign) -> QuerySet[Invitation]:
    return campaign.invitations.filter(used=False)


# Sending invitations and reminders ---------------------------------------------------------------
#
# Tokens are stored hashed, so nobody can e-mail a link issued earlier. Every e-mail therefore
# carries a fresh token, stored in the same UPDATE that claims the invitation; the link it replaces
# (an earlier e-mail's, or the one the admin import showed) is kept as an EarlierInvitationLink and
# works as well, until the invitation is used.
#
# Delivery is at-least-once, not at-most-once: the claim, the send and the commit happen in one
# transaction, so a send that raises, or a worker killed before commit, rolls the claim back and
# the invitation is sent again by the redelivered task (acks_late) or the next run. A duplicate
# needs a crash in the microseconds between the mail server's "accepted" and our COMMIT, whereas
# committing the claim first (at-most-once) would lose the e-mail for a crash anywhere during the
# slower SMTP exchange. A second copy of a task blocks on the row lock and then finds it claimed.
# An address the mail server refuses for good (5xx, user unknown) rolls back only its own claim:
# the batch goes on, and that invitation waits, unsent, for a later run.

INVITATION_BATCH_SIZE = 100  # one SMTP session and one task each; keeps a task well under its limit
MAX_REMINDERS = 3  # beyond three reminders people stop reading and start filtering
NO_REMINDER_IN_LAST = timedelta(hours=12)  # of a round: half a day is the least time to answer


def _open_campaign(now: datetime) -> Q:
    return Q(campaign__closed_at__isnull=True) & (
        Q(campaign__closes_at__isnull=True) | Q(campaign__closes_at__gt=now)
    )


def _batches(ids: list[int], size: int | None) -> list[list[int]]:
    size = size or INVITATION_BATCH_SIZE
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def invitation_batches_unsent(
    *, campaign_id: int, now: datetime, size: int | None = None
) -> list[list[int]]:
    """Ids of a campaign's invitations never e-mailed and not answered, in batches."""
    ids = list(
        Invitation.objects.filter(
            _open_campaign(now), campaign_id=campaign_id, sent_at__isnull=True, used=False
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _batches(ids, size)


# A requested invitation still unsent this long after the request is sent by the sweep: the
# first try (queued at once) has had its time, retries included.
REQUESTED_SEND_GRACE = timedelta(minutes=5)


def campaign_invitations_email(*, campaign: Campaign, now: datetime) -> int:
    """Queue the e-mails of a campaign's invitations never sent; how many are waiting. Each is
    marked as requested first, so that if the queue or the mail server fails them, the sweep
    (invitation_batches_requested) sends them later instead of nobody ever."""
    from . import tasks  # tasks call services: import at use

    waiting = sum(map(len, invitation_batches_unsent(campaign_id=campaign.pk, now=now)))
    Invitation.objects.filter(
        _open_campaign(now),
        campaign_id=campaign.pk,
        sent_at__isnull=True,
        used=False,
        send_requested_at__isnull=True,
    ).update(send_requested_at=now)
    if waiting:
        campaign_id = campaign.pk
        transaction.on_commit(lambda: tasks.send_invitations.delay(campaign_id), robust=True)
    return waiting


def invitation_batches_requested(*, now: datetime, size: int | None = None) -> list[list[int]]:
    """Ids of invitations an admin asked to e-mail that are still unsent and unanswered some
    minutes later, in batches: their first try was lost or gave up."""
    ids = list(
        Invitation.objects.filter(
            _open_campaign(now),
            send_requested_at__lte=now - REQUESTED_SEND_GRACE,
            sent_at__isnull=True,
            used=False,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return _batches(ids, size)


def invitations_send(*, invitation_ids: Sequence[int], now: datetime) -> int:
    """E-mail each invitation that was never sent; how many this call sent. Safe to repeat."""
    unsent = Q(sent_at__isnull=True)
    return _deliver_each(
        {pk: unsent for pk in invitation_ids}, changes={"sent_at": now}, kind="invitation", now=now
    )


def _reminder_due(*, interval_days: int, now: datetime) -> Q:
    # A year at most, as the form allows: a larger one saved before that (SQLite keeps any
    # integer) put the date out of range and stopped every campaign's reminders.
    cutoff = now - timedelta(days=min(interval_days, 365))
    last_contact = Q(reminded_at__lte=cutoff) | Q(reminded_at__isnull=True, sent_at__lte=cutoff)
    # Too close to the close, a reminder arrives after it somewhere: sent at 23:07 in Bucharest
    # for a midnight close, it reached Shanghai at 05:07, the day after the date it gave.
    time_left = Q(campaign__closes_at__isnull=True) | Q(
        campaign__closes_at__gt=now + NO_REMINDER_IN_LAST
    )
    return (
        Q(sent_at__isnull=False, reminders_sent__lt=MAX_REMINDERS, refused_at__isnull=True)
        & last_contact
        & time_left
    )


def reminder_batches_due(*, now: datetime, size: int | None = None) -> list[list[int]]:
    """Ids of e-mailed, unanswered invitations whose campaign's reminder interval has passed."""
    ids: list[int] = []
    campaigns = Campaign.objects.filter(
        reminder_interval_days__isnull=False, opens_at__lte=now, closed_at__isnull=True
    ).filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    for campaign in campaigns:
        due = _reminder_due(interval_days=campaign.reminder_interval_days, now=now)
        due_here = campaign.invitations.filter(due, used=False).order_by("pk")
        ids += due_here.values_list("pk", flat=True)
    return _batches(ids, size)


def reminders_send(*, invitation_ids: Sequence[int], now: datetime) -> int:
    """Remind each invitation that is still due; how many this call reminded. Safe to repeat."""
    intervals = dict(
        Invitation.objects.filter(pk__in=invitation_ids).values_list(
            "pk", "campaign__reminder_interval_days"
        )
    )
    due = {
        pk: _reminder_due(interval_days=interval, now=now)
        for pk, interval in intervals.items()
        if interval  # reminders switched off since the batch was planned
    }
    changes = {"reminded_at": now, "reminders_sent": F("reminders_sent") + 1}
    return _deliver_each(due, changes=changes, kind="reminder", now=now)


class _UnwritableAddress(Exception):
    """An address no message can be made for (see emails.address_is_writable)."""


def _deliver_each(
    claims: Mapping[int, Q], *, changes: dict, kind: emails.Kind, now: datetime
) -> int:
    """Deliver each invitation whose claim condition holds, in one SMTP session; how many were
    sent. An address the mail server refuses is skipped: for good (5xx), it is marked refused; for
    now (4xx, a full mailbox), the rest of the batch goes on and the task then retries, which
    tries only the ones still unsent. Any other failure stops the batch for the task to retry
    (those already sent are not claimed again)."""
    # Only those whose claim still holds: a batch queued twice (the sweep beside a slow first
    # try) opens no SMTP session for nothing. The claim itself is checked again below.
    still = reduce(or_, (Q(pk=pk) & unsent for pk, unsent in claims.items()), Q(pk__in=[]))
    waiting = set(Invitation.objects.filter(still, used=False).values_list("pk", flat=True))
    claims = {pk: unsent for pk, unsent in claims.items() if pk in waiting}
    if not claims:
        return 0
    sent = 0
    deferred: SMTPRecipientsRefused | None = None
    with mail.get_connection() as connection:
        for pk, unsent in claims.items():
            try:
                sent += _invitation_deliver(
                    invitation_id=pk,
                    unsent=unsent,
                    changes=changes,
                    kind=kind,
                    now=now,
                    connection=connection,
                )
            except _UnwritableAddress:
                # Saved before addresses were checked for it: no message can be made, so it
                # must not stop the rest of the batch, nor be tried by every sweep.
                Invitation.objects.filter(pk=pk).update(send_requested_at=None)
                logger.warning("Invitation %s has an address no e-mail can go to; not sent", pk)
            except SMTPRecipientsRefused as refusal:
                codes = ", ".join(str(code) for code, _text in refusal.recipients.values())
                if not _refused_for_good(refusal):
                    # One full mailbox stopped the 99 addresses after it, on every retry and
                    # every sweep until the round closed: the others go on.
                    deferred = refusal
                    logger.warning(
                        "Mail server put off invitation %s (%s, SMTP %s); trying again later",
                        pk,
                        kind,
                        codes,
                    )
                    continue
                # Its claim rolled back with the send, so the rest of the batch goes on, and the
                # admin's next request (the address fixed by then) tries again. The sweep and
                # the reminders do not: they would write to a dead mailbox every ten minutes or
                # every hour until the round closed.
                Invitation.objects.filter(pk=pk).update(send_requested_at=None, refused_at=now)
                logger.warning(
                    "Mail server refused the address of invitation %s (%s, SMTP %s); not sent",
                    pk,
                    kind,
                    codes,
                )
    if deferred is not None:
        raise deferred  # the task's retry: only those put off are still unsent
    return sent


def _refused_for_good(refusal: SMTPRecipientsRefused) -> bool:
    """5xx for every recipient, such as 550 user unknown: retrying the same address cannot help.
    4xx (greylisting, a full mailbox, 421 server closing) is left to the task's retry."""
    codes = [code for code, _text in refusal.recipients.values()]
    return bool(codes) and all(code >= 500 for code in codes)


@transaction.atomic(durable=True)  # the claim must commit with the send, never inside a caller's
def _invitation_deliver(
    *,
    invitation_id: int,
    unsent: Q,
    changes: dict,
    kind: emails.Kind,
    now: datetime,
    connection: BaseEmailBackend,
) -> bool:
    invitation = Invitation.objects.select_related("campaign").filter(pk=invitation_id).first()
    if invitation is None or invitation.campaign.is_over(now):
        return False
    if not emails.address_is_writable(invitation.email):
        raise _UnwritableAddress
    token = tokens.token_make()
    # Conditions on this table's own columns only, so that PostgreSQL re-checks them after waiting
    # for another worker's row lock (a join would be judged on the old row and claim it twice).
    claim = Invitation.objects.filter(unsent, pk=invitation_id, used=False)
    if claim.update(token_hash=tokens.token_hash(token), refused_at=None, **changes) != 1:
        return False  # answered, already sent or reminded, or another worker got there first
    # The claim succeeded, so nobody changed the row since it was read: its hash is the link
    # sent before (or shown at import), which keeps working until the invitation is used.
    EarlierInvitationLink.objects.create(
        invitation_id=invitation_id, token_hash=invitation.token_hash
    )
    emails.invitation_send(
        invitation=invitation, token=token, kind=kind, now=now, connection=connection
    )
    return True
