"""The respondent's result page: own scores beside their department's and the company's."""

from collections import defaultdict
from dataclasses import dataclass

from reports import stats
from reports.dashboards import rounds

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

    # The departments the leaders' dashboard shows: the same data and the same audit, answers
    # included, so never one more.
    data = rounds.round_load(campaign=campaign)
    visibility = rounds.round_visibility(data)
    company_visible = visibility.company
    department_visible = response.department_id in visibility.departments
    department = rounds.group_counts(
        data, [c for c in data.sizes if c[0] == response.department_id]
    )
    company = rounds.group_counts(data, list(data.sizes))

    questions_by_pillar: dict[int, list[int]] = defaultdict(list)
    for answer in own_answers:
        questions_by_pillar[answer.question.pillar_id].append(answer.question_id)

    def group_score(pillar: Pillar, counts: dict[int, tuple[int, ...]]) -> float | None:
        return stats.pillar_score(
            [counts.get(question_id, rounds.ZERO) for question_id in questions_by_pillar[pillar.pk]]
        )

    pillars = [
        PillarResult(
            pillar=pillar,
            own=own.pillars[pillar.pk],
            department=group_score(pillar, department) if department_visible else None,
            company=group_score(pillar, company) if company_visible else None,
        )
        for pillar in by_pillar
    ]
    return RespondentResult(
        response=response,
        pillars=pillars,
        overall=own.overall,
        band=own.band,
        department_visible=department_visible,
        company_visible=company_visible,
    )
