"""Bounded reads for reports: a fixed number of grouped queries, whatever the number of answers."""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connections
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from questionnaire.models import (
    Answer,
    Campaign,
    CampaignQuestion,
    Department,
    Invitation,
    PillarComment,
    Response,
)
from questionnaire.selectors import in_asked_order

Cell = tuple[int, str]  # (department id, role)


@dataclass(frozen=True)
class CellCounts:
    """Answers per (department, role) cell and question: options 1..5, "I don't know" apart.
    A cell or question without any answer is left out."""

    counts: dict[Cell, dict[int, tuple[int, ...]]]
    dont_know: dict[Cell, dict[int, int]]


def crossed_answer_counts(*, campaign: Campaign) -> CellCounts:
    """The finest grain reports use, in one pass over the campaign's answers: "I don't know"
    (NULL) is grouped as an option of its own rather than counted by a second query."""
    query = (
        Answer.objects.filter(response__campaign=campaign)
        .values_list("response__department_id", "response__role", "question_id", "value")
        # COUNT(*), not COUNT(id): the id is not in the answer_by_response index, and needing it
        # would turn PostgreSQL's index-only scan back into a read of every answer row.
        .annotate(n=Count("*"))
        .order_by()
    )
    counts: dict[Cell, dict[int, list[int]]] = defaultdict(dict)
    dont_know: dict[Cell, dict[int, int]] = defaultdict(dict)
    for department_id, role, question_id, value, n in _raw_rows(query):
        if value is None:
            dont_know[department_id, role][question_id] = n
        else:
            cell = counts[department_id, role]
            if (options := cell.get(question_id)) is None:
                options = cell[question_id] = [0] * 5
            options[value - 1] = n
    return CellCounts(
        counts={cell: {q: tuple(c) for q, c in qs.items()} for cell, qs in counts.items()},
        dont_know=dict(dont_know),
    )


def _raw_rows(query: QuerySet) -> list[tuple]:
    """The query's rows as plain tuples, skipping the ORM's per-row conversion: every column is
    an integer or a text already, and a large round returns thousands of rows."""
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def group_sizes(*, campaign: Campaign) -> dict[tuple[int, str], int]:
    """Respondents per (department, role); every coarser group size is a sum of these."""
    rows = (
        Response.objects.filter(campaign=campaign)
        .values_list("department_id", "role")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(d, r): n for d, r, n in rows}


@dataclass(frozen=True)
class QuestionRow:
    """One question as a campaign asked it, with its pillar: the frame every report is built on."""

    question_id: int
    key: str
    position: int
    wording: dict[str, str]
    pillar_id: int
    pillar_slug: str
    pillar_order: int
    pillar_name: str
    pillar_translations: dict
    pillar_recommendations: str


def campaign_question_rows(*, campaign: Campaign) -> list[QuestionRow]:
    """The campaign's frozen questions in the order it asked them, in one query."""
    return rounds_question_rows(campaigns=[campaign]).get(campaign.pk, [])


def rounds_question_rows(*, campaigns: Iterable[Campaign]) -> dict[int, list[QuestionRow]]:
    """Several campaigns' frozen questions, each in the order its respondents were asked them
    (pillars together), in one query: a dashboard needs its round's and the previous round's."""
    fields = (
        "campaign_id",
        "question_id",
        "question__key",
        "position",
        "wording",
        "question__pillar_id",
        "question__pillar__slug",
        "question__pillar__order",
        "question__pillar__name",
        "question__pillar__translations",
        "question__pillar__recommendations",
    )
    rows = (
        CampaignQuestion.objects.filter(campaign__in=[c.pk for c in campaigns])
        .order_by("campaign_id", "position")
        .values_list(*fields)
    )
    found: dict[int, list[QuestionRow]] = defaultdict(list)
    for (
        campaign_id,
        question_id,
        key,
        position,
        wording,
        pillar_id,
        slug,
        order,
        name,
        translations,
        recommendations,
    ) in rows:
        found[campaign_id].append(
            QuestionRow(
                question_id=question_id,
                key=key,
                position=position,
                wording=dict(wording),
                pillar_id=pillar_id,
                pillar_slug=slug,
                pillar_order=order,
                pillar_name=name,
                pillar_translations=dict(translations),
                pillar_recommendations=recommendations,
            )
        )
    return {
        campaign_id: in_asked_order(
            rows, pillar=lambda row: row.pillar_id, position=lambda row: row.position
        )
        for campaign_id, rows in found.items()
    }


def department_names(
    *, ids: Iterable[int] | None, ended_at: datetime | None = None, used: Iterable[int] = ()
) -> dict[int, str]:
    """Names of the departments `ids`; for None, of every department, except those made after
    `ended_at` (a round that was over before they existed) that are not in `used` (the ones its
    answers or invitations name, such as a demo's departments, made after its past rounds)."""
    if ids is not None:
        found = Department.objects.filter(pk__in=set(ids))
    elif ended_at is not None:
        # NULL: made before the time was kept, listed as before.
        found = Department.objects.filter(
            Q(created_at__isnull=True) | Q(created_at__lte=ended_at) | Q(pk__in=set(used))
        )
    else:
        found = Department.objects.all()
    return dict(found.values_list("pk", "name"))


@dataclass(frozen=True)
class InvitationCounts:
    invited: int
    completed: int


def invitation_counts(*, campaign: Campaign) -> dict[int, InvitationCounts]:
    """Invitations issued and used per department, in one query."""
    rows = (
        Invitation.objects.filter(campaign=campaign)
        .values_list("department_id")
        .annotate(invited=Count("id"), completed=Count("id", filter=Q(used=True)))
        .order_by()
    )
    return {d: InvitationCounts(invited=i, completed=c) for d, i, c in rows}


def pillar_comments(*, campaign: Campaign) -> list[tuple[int, int, str]]:
    """(department, pillar, text) of every non-empty comment. The order means nothing: callers
    shuffle, so the list never follows the order in which people answered."""
    return list(
        PillarComment.objects.filter(campaign=campaign)
        .exclude(text="")
        .values_list("department_id", "pillar_id", "text")
        .order_by()
    )


def campaigns_with_response_counts() -> list[tuple[Campaign, int]]:
    """Every campaign, newest first, with its number of responses, in one query."""
    campaigns = Campaign.objects.annotate(responses_count=Count("responses")).order_by(
        "-opens_at", "-pk"
    )
    return [(c, c.responses_count) for c in campaigns]


@dataclass(frozen=True)
class KeptRound:
    sizes: dict[Cell, int]
    counts: CellCounts


def _with_kept_if_current(campaigns: QuerySet) -> QuerySet:
    """A Campaign queryset with its kept counts (`kept_cells`, `kept_sizes`) if they were kept
    at its present change count, else NULL: two subqueries on the kept row's primary key, each
    handing its JSON over as stored."""
    from .models import ClosedRoundCounts

    kept = ClosedRoundCounts.objects.filter(
        campaign=OuterRef("pk"), responses_changed=OuterRef("responses_changed")
    )
    return campaigns.annotate(
        kept_cells=Subquery(kept.values("cells")[:1]),
        kept_sizes=Subquery(kept.values("sizes")[:1]),
    )


def _kept_round_from(cells: list | None, sizes: list | None) -> KeptRound | None:
    """The round from `_with_kept_if_current`'s columns (None: to be counted afresh)."""
    return None if cells is None or sizes is None else _kept_round(_json(cells), _json(sizes))


def closed_round_kept(*, campaign: Campaign) -> tuple[KeptRound | None, int]:
    """A closed round's kept respondents and counts if kept at its present change count (else
    None, to be counted afresh), and that change count, read in one query before any counting."""
    changed, cells, sizes = (
        _with_kept_if_current(Campaign.objects.filter(pk=campaign.pk))
        .values_list("responses_changed", "kept_cells", "kept_sizes")
        .get()
    )
    return _kept_round_from(cells, sizes), changed


@dataclass(frozen=True)
class PreviousRound:
    campaign: Campaign
    kept: KeptRound | None  # None: never kept, kept before a response was deleted, or open


def previous_round(*, campaign: Campaign) -> PreviousRound | None:
    """The round a campaign is compared with (the latest that opened before it, trial rounds
    left out) and, in the same query, its kept counts if they are still current."""
    previous = (
        _with_kept_if_current(
            Campaign.objects.filter(
                opens_at__lt=campaign.opens_at, compared_with_later_rounds=True
            ).exclude(pk=campaign.pk)
        )
        .order_by("-opens_at", "-pk")
        .first()
    )
    if previous is None:
        return None
    return PreviousRound(
        campaign=previous, kept=_kept_round_from(previous.kept_cells, previous.kept_sizes)
    )


def _json(value: object) -> object:
    # Decoded already where the JSON field decodes it; text where a backend hands it over as is.
    return json.loads(value) if isinstance(value, str) else value


def _kept_round(cells: list, sizes: list) -> KeptRound | None:
    if not sizes:  # kept before respondents were kept too: count afresh
        return None
    counts: dict[Cell, dict[int, tuple[int, ...]]] = defaultdict(dict)
    dont_know: dict[Cell, dict[int, int]] = defaultdict(dict)
    for department_id, role, question_id, options, unknown in cells:
        if any(options):
            counts[department_id, role][question_id] = tuple(options)
        if unknown:
            dont_know[department_id, role][question_id] = unknown
    return KeptRound(
        sizes={(d, role): n for d, role, n in sizes},
        counts=CellCounts(counts=dict(counts), dont_know=dict(dont_know)),
    )
