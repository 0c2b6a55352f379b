"""Pages that zoom into one question or one department, cut from an already narrowed dashboard,
so they can never show more than the dashboard itself."""

from dataclasses import dataclass

from reports.anonymity import HideReason

from .campaign import CampaignDashboard, weakest_pillars
from .hotspots import DISAGREEMENT_LABELS, disagreements
from .types import (
    DepartmentSpread,
    Disagreement,
    GapFinding,
    GapKind,
    Group,
    GroupChange,
    GroupResult,
    HiddenGroup,
    ParticipationRow,
    PillarRef,
    PillarResult,
    QuestionRef,
    QuestionResult,
)


@dataclass(frozen=True)
class GroupAnswer:
    """One visible group's answers to the question of a drill-down page."""

    group: Group
    size: int
    result: QuestionResult


@dataclass(frozen=True)
class QuestionPage:
    question: QuestionRef
    pillar: PillarRef
    company: GroupAnswer | None
    departments: tuple[GroupAnswer, ...]
    roles: tuple[GroupAnswer, ...]
    crossed: tuple[GroupAnswer, ...]
    everyone_else: GroupAnswer | None  # the other side of the leadership gap
    spread: DepartmentSpread | None
    leadership_gap: GapFinding | None
    department_gaps: tuple[GapFinding, ...]
    hidden: tuple[HiddenGroup, ...]
    previous: QuestionRef | None
    next: QuestionRef | None

    @property
    def all_rows(self) -> tuple[GroupAnswer, ...]:
        company = (self.company,) if self.company else ()
        everyone_else = (self.everyone_else,) if self.everyone_else else ()
        return (*company, *self.departments, *self.roles, *everyone_else, *self.crossed)


def _answers(groups: tuple[GroupResult, ...], question_id: int) -> tuple[GroupAnswer, ...]:
    return tuple(GroupAnswer(g.group, g.size, g.question(question_id)) for g in groups)


def question_page(dashboard: CampaignDashboard, question_id: int) -> QuestionPage | None:
    """None when the campaign did not ask this question."""
    index = next((i for i, q in enumerate(dashboard.questions) if q.id == question_id), None)
    if index is None:
        return None
    question = dashboard.questions[index]
    company = _answers((dashboard.company,), question_id)[0] if dashboard.company else None
    spots = dashboard.hotspots
    return QuestionPage(
        question=question,
        pillar=next(p for p in dashboard.pillars if p.id == question.pillar_id),
        company=company,
        departments=_answers(dashboard.departments, question_id),
        roles=_answers(dashboard.roles, question_id),
        crossed=_answers(dashboard.crossed, question_id),
        everyone_else=(
            _answers((dashboard.everyone_else,), question_id)[0]
            if dashboard.everyone_else
            else None
        ),
        spread=dashboard.spread_for_question(question_id),
        leadership_gap=next(
            (f for f in spots.leadership_gaps if f.question and f.question.id == question_id), None
        ),
        department_gaps=tuple(
            f for f in spots.department_gaps if f.question and f.question.id == question_id
        ),
        hidden=dashboard.hidden,
        previous=dashboard.questions[index - 1] if index > 0 else None,
        next=dashboard.questions[index + 1] if index + 1 < len(dashboard.questions) else None,
    )


@dataclass(frozen=True)
class PillarRow:
    pillar: PillarRef
    own: PillarResult
    company: PillarResult
    gap: GapFinding | None  # against the company
    leadership_gap: GapFinding | None  # against the leadership team


@dataclass(frozen=True)
class QuestionRow:
    own: QuestionResult
    company: QuestionResult
    gap: GapFinding | None


@dataclass(frozen=True)
class DepartmentPage:
    group: Group
    result: GroupResult | None  # None while hidden or without answers
    hidden: HiddenGroup | None
    participation: ParticipationRow | None
    company: GroupResult | None
    pillars: tuple[PillarRow, ...]
    questions: tuple[QuestionRow, ...]
    overall_gap: GapFinding | None
    overall_leadership_gap: GapFinding | None
    disagreements: tuple[Disagreement, ...]
    cells: tuple[GroupResult, ...]
    hidden_cells: tuple[HiddenGroup, ...]
    change: GroupChange | None
    weakest: tuple[PillarResult, ...]

    @property
    def talking_points(self) -> tuple:
        """The department's own "start here": real gaps overall, its strongest disagreements,
        then its largest real gaps on single questions."""
        overall = [
            f
            for f in (self.overall_leadership_gap, self.overall_gap)
            if f is not None and f.stands_out
        ]
        questions = sorted(
            (r.gap for r in self.questions if r.gap is not None and r.gap.stands_out),
            key=lambda f: (-f.points, -abs(f.difference)),
        )
        return (*overall, *self.disagreements[:3], *questions[:2])


def _finding(findings, department_id: int, pillar=None, question=None) -> GapFinding | None:
    return next(
        (
            f
            for f in findings
            if f.a.department_id == department_id
            and (f.pillar.id if f.pillar else None) == (pillar.id if pillar else None)
            and (f.question.id if f.question else None) == (question.id if question else None)
        ),
        None,
    )


def department_page(
    dashboard: CampaignDashboard, department_id: int, department_name: str
) -> DepartmentPage:
    """The department as this (narrowed) dashboard shows it; the caller checks the scope."""
    result = dashboard.department(department_id)
    company = dashboard.company
    spots = dashboard.hotspots
    group = result.group if result else Group("department", department_id, department_name)
    participation = next(
        (r for r in dashboard.participation.rows if r.group.department_id == department_id), None
    )
    if result is None or company is None:
        return DepartmentPage(
            group=group,
            result=None,
            # A department nobody answered in reads like a small one: "nobody yet" would
            # tell the two apart.
            hidden=dashboard.hidden_department(department_id)
            or HiddenGroup(
                group, HideReason.BELOW_THRESHOLD, dashboard.campaign.anonymity_threshold
            ),
            participation=participation,
            company=company,
            pillars=(),
            questions=(),
            overall_gap=None,
            overall_leadership_gap=None,
            disagreements=(),
            cells=(),
            hidden_cells=(),
            change=None,
            weakest=(),
        )
    department_gaps = [f for f in spots.department_gaps if f.kind == GapKind.DEPARTMENT_VS_COMPANY]
    leader_gaps = spots.leadership_vs_departments
    change = None
    if dashboard.comparison is not None:
        change = next((c for c in dashboard.comparison.groups if c.group == group), None)
    return DepartmentPage(
        group=group,
        result=result,
        hidden=None,
        participation=participation,
        company=company,
        pillars=tuple(
            PillarRow(
                pillar=own.pillar,
                own=own,
                company=company.pillar(own.pillar.id),
                gap=_finding(department_gaps, department_id, pillar=own.pillar),
                leadership_gap=_finding(leader_gaps, department_id, pillar=own.pillar),
            )
            for own in result.pillars
        ),
        questions=tuple(
            QuestionRow(
                own=own,
                company=company.question(own.question.id),
                gap=_finding(department_gaps, department_id, question=own.question),
            )
            for own in result.questions
        ),
        overall_gap=_finding(department_gaps, department_id),
        overall_leadership_gap=_finding(leader_gaps, department_id),
        disagreements=disagreements([result], DISAGREEMENT_LABELS)[:5],
        cells=dashboard.cells_of_department(department_id),
        hidden_cells=dashboard.hidden_cells_of_department(department_id),
        change=change,
        weakest=weakest_pillars(result),
    )
