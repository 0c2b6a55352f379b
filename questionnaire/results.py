"""The respondent's result page: own scores beside their department's and the company's."""

from collections import defaultdict
from dataclasses import dataclass

from reports import snapshots, stats
from reports.dashboards import rounds
from reports.dashboards.types import GroupResult

from . import scoring
from .defaults import MATURITY_BANDS
from .models import Answer, Pillar, Response, language_key


@dataclass(frozen=True)
class PillarResult:
    pillar: Pillar
    own: float | None
    department: float | None  # None while the department is hidden
    company: float | None  # None while the company is below the threshold


@dataclass(frozen=True)
class RespondentResult:
    response: Response
    pillars: list[PillarResult]
    overall: float | None
    band: str | None
    # Whether, never why nor how many more answers are needed: "3 more" would give a hidden
    # group's exact size, live, to anyone holding a result link.
    department_visible: bool
    company_visible: bool

    @property
    def band_name(self) -> str:
        return _band_text(self.band, "name")

    @property
    def band_summary(self) -> str:
        return _band_text(self.band, "summary")


def _band_text(band: str | None, field: str) -> str:
    entry = next((b for b in MATURITY_BANDS if b["key"] == band), None)
    return entry[field][language_key()] if entry else ""


def build_respondent_result(*, response: Response) -> RespondentResult:
    campaign = response.campaign
    own_answers = Answer.objects.filter(response=response).select_related("question__pillar")
    by_pillar: dict[Pillar, list[int | None]] = defaultdict(list)
    for answer in own_answers.order_by("question__pillar__order", "question__pillar_id"):
        by_pillar[answer.question.pillar].append(answer.value)
    own = scoring.respondent_scores({p.pk: values for p, values in by_pillar.items()})

    # The department and the company as the leaders' dashboard shows them: the same data and
    # the same audit, answers included, so never one group more.
    dashboard = snapshots.recent_dashboard(campaign)
    if dashboard is None:
        department, company = _department_and_company(response)
    else:
        department = _scores(dashboard.department(response.department_id))
        company = _scores(dashboard.company)
    pillars = [
        PillarResult(
            pillar=pillar,
            own=own.pillars[pillar.pk],
            department=None if department is None else department.get(pillar.pk),
            company=None if company is None else company.get(pillar.pk),
        )
        for pillar in by_pillar
    ]
    return RespondentResult(
        response=response,
        pillars=pillars,
        overall=own.overall,
        band=own.band,
        department_visible=department is not None,
        company_visible=company is not None,
    )


PillarScores = dict[int, float | None]  # pillar id → a group's score


def _scores(group: GroupResult | None) -> PillarScores | None:
    """A dashboard group's pillar scores; None for a group it does not show."""
    return None if group is None else {p.pillar.id: p.stats.score for p in group.pillars}


def _department_and_company(response: Response) -> tuple[PillarScores | None, PillarScores | None]:
    """The respondent's department's and the company's pillar scores, worked out afresh from
    the round's answers (None for a group that may not be shown)."""
    data = rounds.round_load(campaign=response.campaign)
    visibility = rounds.round_visibility(data)

    def scores(cells: list[rounds.Cell]) -> PillarScores:
        counts = rounds.group_counts(data, cells)
        return {
            p.id: stats.pillar_score(rounds.pillar_item_counts(p, counts)) for p in data.pillars
        }

    department = [c for c in data.sizes if c[0] == response.department_id]
    return (
        scores(department) if response.department_id in visibility.departments else None,
        scores(list(data.sizes)) if visibility.company else None,
    )
