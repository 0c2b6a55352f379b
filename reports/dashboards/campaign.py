"""A campaign's dashboard: built once from a fixed number of queries, then narrowed per leader."""

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from questionnaire.models import Campaign
from reports import anonymity, selectors
from reports.anonymity import HideReason

from .comments import comments_build, comments_fold
from .hotspots import department_spreads, hotspots_find
from .over_time import comparison_build
from .rounds import (
    Round,
    Visibility,
    cells_of,
    compared_visibility,
    everyone_else_visible,
    group_result,
    hidden_groups,
    round_load,
    round_visibility,
    visible_results,
)
from .types import (
    COMPANY,
    EVERYONE_ELSE,
    LEADERSHIP,
    CampaignInfo,
    Comments,
    Comparison,
    DepartmentSpread,
    Disagreement,
    GapFinding,
    Group,
    GroupChange,
    GroupKind,
    GroupResult,
    HiddenGroup,
    Hotspots,
    NotKnown,
    Participation,
    ParticipationRow,
    PillarRef,
    PillarResult,
    QuestionRef,
)

WEAKEST_PILLARS = 2  # recommendations for the two lowest pillars: enough to start, not a list
START_HERE_QUESTIONS = 3  # "the three questions where colleagues disagree most"
# A third of colleagues unable to answer is hard to explain by a badly worded question alone.
MANY_DONT_KNOW = 1 / 3
RADAR_DEPARTMENTS_SHOWN = 3  # beside the company: four lines can still be told apart


@dataclass(frozen=True)
class CampaignDashboard:
    """Everything a leader sees about one campaign, already filtered by anonymity.

    `scope` is None for a dashboard of every department, or the departments a limited leader
    may see (see `dashboard_for_departments`).
    """

    campaign: CampaignInfo
    pillars: tuple[PillarRef, ...]
    questions: tuple[QuestionRef, ...]
    company: GroupResult | None  # None while the whole company is below the threshold
    departments: tuple[GroupResult, ...]
    roles: tuple[GroupResult, ...]
    crossed: tuple[GroupResult, ...]  # department × role
    hidden: tuple[HiddenGroup, ...]
    participation: Participation
    spreads: tuple[DepartmentSpread, ...]
    hotspots: Hotspots
    comparison: Comparison | None
    comments: Comments
    scope: frozenset[int] | None = None
    # The company minus the leadership team, behind the leadership gaps: None where they are not
    # shown. Not one of `groups` (it overlaps the roles), so neither JSON nor CSV lists it.
    everyone_else: GroupResult | None = None

    def as_json(self) -> dict:
        from .serialise import dashboard_json

        return dashboard_json(self)

    @property
    def groups(self) -> tuple[GroupResult, ...]:
        """Every visible group: company, departments, roles, department × role."""
        company = (self.company,) if self.company else ()
        return (*company, *self.departments, *self.roles, *self.crossed)

    @property
    def hidden_departments(self) -> tuple[HiddenGroup, ...]:
        return tuple(h for h in self.hidden if h.group.kind == GroupKind.DEPARTMENT)

    @property
    def hidden_roles(self) -> tuple[HiddenGroup, ...]:
        return tuple(h for h in self.hidden if h.group.kind == GroupKind.ROLE)

    def department(self, department_id: int) -> GroupResult | None:
        return next((d for d in self.departments if d.group.department_id == department_id), None)

    def hidden_department(self, department_id: int) -> HiddenGroup | None:
        return next(
            (h for h in self.hidden_departments if h.group.department_id == department_id), None
        )

    def cells_of_department(self, department_id: int) -> tuple[GroupResult, ...]:
        return tuple(c for c in self.crossed if c.group.department_id == department_id)

    def hidden_cells_of_department(self, department_id: int) -> tuple[HiddenGroup, ...]:
        return tuple(
            h
            for h in self.hidden
            if h.group.kind == GroupKind.CROSSED and h.group.department_id == department_id
        )

    @property
    def question_spreads(self) -> tuple[DepartmentSpread, ...]:
        return tuple(s for s in self.spreads if s.question is not None)

    @property
    def pillar_spreads(self) -> tuple[DepartmentSpread, ...]:
        return tuple(s for s in self.spreads if s.pillar is not None)

    def spread_for_question(self, question_id: int) -> DepartmentSpread | None:
        return next((s for s in self.question_spreads if s.question.id == question_id), None)

    @property
    def weakest_pillars(self) -> tuple[PillarResult, ...]:
        return weakest_pillars(self.company)

    @property
    def leadership_hidden(self) -> HiddenGroup | None:
        return next((h for h in self.hidden_roles if h.group == LEADERSHIP), None)

    @property
    def leadership(self) -> GroupResult | None:
        return next((r for r in self.roles if r.group == LEADERSHIP), None)

    @property
    def only_leaders_answered(self) -> bool:
        """Everyone who answered is in the leadership team: there is nobody to compare it with."""
        return (
            self.company is not None
            and self.leadership is not None
            and self.leadership.size == self.company.size
        )

    @property
    def leadership_by_pillar(self) -> tuple[GapFinding, ...]:
        """Leadership team against everybody else: overall, then each pillar in pillar order."""
        gaps = {
            f.pillar.id if f.pillar else None: f
            for f in self.hotspots.leadership_gaps
            if f.question is None
        }
        ordered = [gaps.get(None)] + [gaps.get(p.id) for p in self.pillars]
        return tuple(f for f in ordered if f is not None)

    @property
    def leadership_questions(self) -> tuple[GapFinding, ...]:
        """Per question, largest real gaps first."""
        return tuple(
            f for f in self.hotspots.leadership_gaps if f.question is not None and f.stands_out
        )

    @property
    def department_leadership_overall(self) -> tuple[GapFinding, ...]:
        return tuple(
            f
            for f in self.hotspots.leadership_vs_departments
            if f.pillar is None and f.question is None
        )

    @property
    def department_leadership_pillar_findings(self) -> tuple[GapFinding, ...]:
        """Pillars on which a department and the leadership team really differ, largest first:
        the overall scores can be close while one pillar is far apart."""
        return tuple(
            f
            for f in self.hotspots.leadership_vs_departments
            if f.pillar is not None and f.question is None and f.stands_out
        )

    @property
    def department_gap_findings(self) -> tuple[GapFinding, ...]:
        return tuple(f for f in self.hotspots.department_gaps if f.stands_out)

    @property
    def department_gaps_too_few(self) -> int:
        return sum(1 for f in self.hotspots.department_gaps if not f.stands_out)

    @property
    def company_change(self) -> GroupChange | None:
        if self.comparison is None:
            return None
        return next((g for g in self.comparison.groups if g.group == COMPANY), None)

    @property
    def questions_by_pillar(self) -> tuple[tuple[PillarRef, tuple], ...]:
        """The company's question results grouped under their pillars, for the questions table."""
        if self.company is None:
            return ()
        spreads = {s.question.id: s for s in self.question_spreads}
        return tuple(
            (
                pillar,
                tuple(
                    (q, spreads.get(q.question.id))
                    for q in self.company.questions
                    if q.question.pillar_id == pillar.id
                ),
            )
            for pillar in self.pillars
        )

    @property
    def unscored_pillars(self) -> tuple[NotKnown, ...]:
        """Pillars the company has no score for although people reached them: every answer to
        their questions was "I don't know"."""
        if self.company is None:
            return ()
        found = []
        for pillar in self.company.pillars:
            results = [
                q for q in self.company.questions if q.question.id in pillar.pillar.question_ids
            ]
            dont_know = sum(q.dont_know for q in results)
            if pillar.stats.score is None and dont_know:
                found.append(
                    NotKnown(
                        result=results[0],
                        dont_know=dont_know,
                        answered=dont_know,
                        pillar=pillar.pillar,
                    )
                )
        return tuple(found)

    @property
    def not_known_questions(self) -> tuple[NotKnown, ...]:
        """Scored questions that at least MANY_DONT_KNOW of the company could not answer, the
        most unknown first (the questions of an unscored pillar are told as that pillar)."""
        if self.company is None:
            return ()
        unscored = {p.pillar.id for p in self.unscored_pillars}
        found = [
            NotKnown(result=q, dont_know=q.dont_know, answered=q.answered)
            for q in self.company.questions
            if q.question.pillar_id not in unscored
            and q.dont_know_rate is not None
            and q.dont_know_rate >= MANY_DONT_KNOW
        ]
        return tuple(sorted(found, key=lambda f: -f.result.dont_know_rate))

    @property
    def start_here(self) -> tuple:
        """The few hotspots to open the conversation with, most important first: a pillar nobody
        could rate, the questions colleagues disagree on most, the question most could not
        answer, then the largest real gaps (never a "too few to tell")."""
        spots = self.hotspots
        items: list = list(self.unscored_pillars)
        items += spots.company_disagreement[:START_HERE_QUESTIONS]
        items += self.not_known_questions[:1]
        items += _first_overall_finding(spots.leadership_vs_departments)
        items += _first_finding(spots.leadership_gaps)
        items += _first_finding(spots.department_gaps)
        items += spots.departments_differ[:1]
        return tuple(items)

    @property
    def radar(self) -> dict:
        """Chart data for the radar chart (Chart.js), in the reader's language. More than a few
        lines make a tangle: the company's and those of the departments whose pillars differ
        most from it are shown at first, the rest one press away."""
        shown = set(_furthest_from(self.company, self.departments, RADAR_DEPARTMENTS_SHOWN))
        return {
            "labels": [
                _("%(pillar)s (no score)") % {"pillar": p.pillar.local_name}
                if p.stats.score is None
                else p.pillar.local_name
                for p in self.company.pillars
            ]
            if self.company
            else [p.local_name for p in self.pillars],
            "series": [
                {
                    "label": g.group.label,
                    "scores": [p.stats.score for p in g.pillars],
                    "shown": g is self.company or g.group in shown,
                }
                for g in ((self.company,) if self.company else ()) + self.departments
            ],
        }


def _furthest_from(
    company: GroupResult | None, departments: tuple[GroupResult, ...], n: int
) -> list[Group]:
    """The `n` departments whose pillar scores are furthest from the company's (the sum of the
    differences over the pillars both have a score for), in their list's order on a tie."""
    if company is None:
        return []

    def distance(department: GroupResult) -> float:
        return sum(
            abs(d.stats.score - c.stats.score)
            for d, c in zip(department.pillars, company.pillars, strict=True)
            if d.stats.score is not None and c.stats.score is not None
        )

    return [d.group for d in sorted(departments, key=distance, reverse=True)[:n]]


def weakest_pillars(group: GroupResult | None) -> tuple[PillarResult, ...]:
    if group is None:
        return ()
    scored = [p for p in group.pillars if p.stats.score is not None]
    return tuple(sorted(scored, key=lambda p: p.stats.score)[:WEAKEST_PILLARS])


def _first_finding(findings: tuple[GapFinding, ...]) -> list[GapFinding]:
    return [f for f in findings if f.stands_out][:1]


def _first_overall_finding(findings: tuple[GapFinding, ...]) -> list[GapFinding]:
    overall = tuple(f for f in findings if f.pillar is None and f.question is None)
    return _first_finding(overall)


def _participation(
    data: Round,
    visibility: Visibility,
    invitations: Mapping[int, selectors.InvitationCounts],
    names: Mapping[int, str],
) -> Participation:
    """Responses and invitation completion per department; a hidden department shows neither,
    because a completion count is a response count. A department nobody has answered in yet is
    hidden the same way: "0" beside "hidden" for one to four would tell whether the one person
    invited there has answered."""
    threshold = data.campaign.anonymity_threshold
    sizes = data.department_sizes()
    rows = []
    for department_id in sorted(set(sizes) | set(names), key=lambda d: names.get(d, "")):
        group = Group(GroupKind.DEPARTMENT, department_id, names.get(department_id, ""))
        n = sizes.get(department_id, 0)
        invited = invitations.get(department_id)
        if department_id not in visibility.departments:
            reason = visibility.crossed.row_reasons.get(department_id, HideReason.BELOW_THRESHOLD)
            hidden = HiddenGroup(group, reason, threshold)
            rows.append(ParticipationRow(group, None, None, None, hidden))
            continue
        rows.append(
            ParticipationRow(
                group=group,
                responses=n,
                invited=invited.invited if invited else None,
                completed=invited.completed if invited else None,
                hidden=None,
            )
        )
    completed = sum(i.completed for i in invitations.values())
    shown = sum(r.completed for r in rows if r.completed is not None)
    # The company's count minus the shown departments' is the hidden departments' together:
    # shown only when that is none or enough (the same rule as for answers).
    hidden_part_safe = not 0 < completed - shown < threshold
    return Participation(
        rows=tuple(rows),
        responses=data.total if visibility.company else None,
        invited=sum(i.invited for i in invitations.values()),
        completed=completed if visibility.company and hidden_part_safe else None,
    )


def _comparison(
    previous: selectors.PreviousRound | None,
    question_rows: list[selectors.QuestionRow],
    data: Round,
    company: GroupResult | None,
    departments: list[GroupResult],
) -> Comparison | None:
    if previous is None:
        return None
    before = round_load(campaign=previous.campaign, question_rows=question_rows, kept=previous.kept)
    return comparison_build(
        now=data,
        company=company,
        departments=departments,
        before=before,
        before_visibility=compared_visibility(before),
    )


def build_campaign_dashboard(*, campaign: Campaign) -> CampaignDashboard:
    """The whole dashboard of a campaign in 6 queries, whatever the number of responses (the
    first read of a closed previous round costs a few more, to keep its counts).

    Anonymity is asked once (round_visibility) and every group below is one it let through.
    """
    previous = selectors.previous_round(campaign=campaign)
    rounds = [campaign] if previous is None else [campaign, previous.campaign]
    question_rows = selectors.rounds_question_rows(campaigns=rounds)
    data = round_load(campaign=campaign, question_rows=question_rows.get(campaign.pk, []))
    visibility = round_visibility(data)
    invitations = selectors.invitation_counts(campaign=campaign)
    department_sizes = data.department_sizes()
    # The departments the round is about, whether or not anyone there has answered: only the
    # invited ones in a round run on invitations alone, every department otherwise (an open
    # link, on now or earlier: more answers than used invitations, or no invitations at all).
    # Listing only those with answers would tell, for a hidden department, "someone" from
    # "nobody".
    used_invitations = sum(i.completed for i in invitations.values())
    anyone_could_choose = (
        campaign.open_link_enabled or data.total > used_invitations or not invitations
    )
    used = set(department_sizes) | set(invitations)
    names = selectors.department_names(
        ids=None if anyone_could_choose else used, ended_at=data.campaign.ended_at, used=used
    )
    company, departments, roles, crossed = visible_results(data, visibility, names)
    everyone_else = None
    if company is not None and everyone_else_visible(data, visibility):
        everyone_else = group_result(data, EVERYONE_ELSE, cells_of(data, EVERYONE_ELSE))
    spreads = department_spreads(data, departments) if company is not None else ()
    return CampaignDashboard(
        campaign=data.campaign,
        pillars=data.pillars,
        questions=data.questions,
        company=company,
        departments=tuple(departments),
        roles=tuple(roles),
        crossed=tuple(crossed),
        hidden=hidden_groups(data, visibility, names),
        participation=_participation(data, visibility, invitations, names),
        spreads=spreads,
        hotspots=hotspots_find(data, company, departments, roles, crossed, everyone_else, spreads),
        comparison=_comparison(
            previous,
            question_rows.get(previous.campaign.pk, []) if previous else [],
            data,
            company,
            departments,
        ),
        comments=comments_build(
            comments=selectors.pillar_comments(campaign=campaign),
            department_sizes=department_sizes,
            pillars=data.pillars,
            names=names,
            threshold=campaign.comment_threshold,
        ),
        everyone_else=everyone_else,
    )


def _in_scope(group: Group, departments: frozenset[int]) -> bool:
    """Company-wide groups (company, roles, everybody else) are fine for every leader."""
    return group.department_id is None or group.department_id in departments


def _narrow_hotspots(hotspots: Hotspots, departments: frozenset[int]) -> Hotspots:
    def keep_gaps(findings: tuple[GapFinding, ...]) -> tuple[GapFinding, ...]:
        return tuple(
            f for f in findings if _in_scope(f.a, departments) and _in_scope(f.b, departments)
        )

    def keep(items: tuple[Disagreement, ...]) -> tuple[Disagreement, ...]:
        return tuple(d for d in items if _in_scope(d.group, departments))

    return Hotspots(
        company_disagreement=hotspots.company_disagreement,
        department_disagreement=keep(hotspots.department_disagreement),
        department_gaps=keep_gaps(hotspots.department_gaps),
        leadership_gaps=hotspots.leadership_gaps,
        leadership_vs_departments=keep_gaps(hotspots.leadership_vs_departments),
        departments_differ=hotspots.departments_differ,
    )


def dashboard_for_departments(
    dashboard: CampaignDashboard, departments: frozenset[int] | None
) -> CampaignDashboard:
    """The dashboard as a leader limited to `departments` sees it (None: every department).

    Company-wide numbers stay; other departments disappear, including from the hidden list,
    and their comments join "other departments".
    """
    if departments is None:
        return dashboard
    comparison = dashboard.comparison
    if comparison is not None:
        comparison = replace(
            comparison,
            groups=tuple(g for g in comparison.groups if _in_scope(g.group, departments)),
            not_comparable=tuple(g for g in comparison.not_comparable if _in_scope(g, departments)),
        )
    participation = dashboard.participation
    return replace(
        dashboard,
        departments=tuple(d for d in dashboard.departments if _in_scope(d.group, departments)),
        crossed=tuple(c for c in dashboard.crossed if _in_scope(c.group, departments)),
        hidden=tuple(h for h in dashboard.hidden if _in_scope(h.group, departments)),
        participation=replace(
            participation,
            rows=tuple(r for r in participation.rows if _in_scope(r.group, departments)),
        ),
        hotspots=_narrow_hotspots(dashboard.hotspots, departments),
        comparison=comparison,
        comments=comments_fold(dashboard.comments, departments),
        scope=frozenset(departments),
    )


@dataclass(frozen=True)
class CampaignRow:
    """A campaign in the leaders' list; its size only once the company may be shown."""

    campaign: Campaign
    # None while below the threshold: not even the exact size shows, nor "none" beside
    # "fewer than 5" (that would tell 0 from one or two).
    responses: int | None


def campaign_rows(rows: list[tuple[Campaign, int]]) -> list[CampaignRow]:
    return [
        CampaignRow(
            campaign=campaign,
            responses=(
                n if anonymity.total_is_visible(n, threshold=campaign.anonymity_threshold) else None
            ),
        )
        for campaign, n in rows
    ]
