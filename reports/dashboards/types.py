"""What a leader's dashboard holds: frozen dataclasses of plain data, no model instances.

Plain data so a dashboard can be cached or pickled and read in any language: names that depend on
the reader's language are properties resolved when a template or `as_json` reads them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property
from typing import ClassVar

from django.utils import timezone
from django.utils.translation import gettext as _

from questionnaire.defaults import MATURITY_BANDS
from questionnaire.models import Role, language_key
from questionnaire.scoring import whole
from reports.anonymity import HideReason
from reports.stats import Camps, Icc, ItemStats, PillarStats
from reports.stats import camps as camps_of

from . import phrasing

# AGREEMENT.md 7: below about five answers agreement labels are noisy (1 in 4 random groups of 3
# would read "agree"), so such groups and questions carry a "small group, read with care" cue.
SMALL_GROUP = 5
# Fewer than half of those invited answered: the answers may speak for a self-selected few.
LOW_PARTICIPATION = 0.5


def _low(rate: float | None, responses: int | None, invited: int | None) -> bool:
    """Few of those invited answered, and the open link made up for it neither: 1 of 5 invited
    beside 80 answers through the open link is no "self-selected few"."""
    return (
        rate is not None
        and rate < LOW_PARTICIPATION
        and responses is not None
        and responses < LOW_PARTICIPATION * (invited or 0)
    )


# ICC(1) of .10 is a "medium" effect (LeBreton & Senter 2008); ICC(2) of .70 is the usual bar for
# reliable group means (Klein et al. 2000). AGREEMENT.md sections 5 and 10.
DEPARTMENTS_DIFFER_ICC1 = 0.10
RELIABLE_ICC2 = 0.70


class GroupKind(StrEnum):
    COMPANY = "company"
    DEPARTMENT = "department"
    ROLE = "role"
    CROSSED = "crossed"  # department × role
    EVERYONE_ELSE = "everyone_else"  # the company minus the leadership team
    OTHER_DEPARTMENTS = "other_departments"  # comments of departments too small to name


@dataclass(frozen=True)
class Group:
    """Who a set of numbers describes. Hashable, so it can key lookups."""

    kind: GroupKind
    department_id: int | None = None
    department_name: str = ""
    role: str | None = None

    @property
    def slug(self) -> str:
        parts = [str(self.kind)]
        if self.department_id is not None:
            parts.append(str(self.department_id))
        if self.role:
            parts.append(self.role)
        return "-".join(parts)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role else ""

    @property
    def label(self) -> str:
        if self.kind == GroupKind.COMPANY:
            return _("Whole company")
        if self.kind == GroupKind.DEPARTMENT:
            return self.department_name
        if self.kind == GroupKind.ROLE:
            return self.role_label
        if self.kind == GroupKind.CROSSED:
            return f"{self.department_name} · {self.role_label}"
        if self.kind == GroupKind.EVERYONE_ELSE:
            return _("Everybody else")
        return _("Other departments (together)")


COMPANY = Group(GroupKind.COMPANY)
EVERYONE_ELSE = Group(GroupKind.EVERYONE_ELSE)
LEADERSHIP = Group(GroupKind.ROLE, role=Role.LEADERSHIP.value)


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    opens_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None  # closed by hand (or by the closing job), maybe before closes_at
    anonymity_threshold: int
    comment_threshold: int

    # Both asked when the page is drawn, not when the (cached) dashboard was built: a snapshot
    # made a minute before the closing time still said "still open" after it.
    @property
    def not_open_yet(self) -> bool:
        return timezone.now() < self.opens_at

    @property
    def closed(self) -> bool:
        if self.closed_at is not None:
            return True
        return self.closes_at is not None and timezone.now() >= self.closes_at

    @property
    def ended_at(self) -> datetime | None:
        """When it stopped taking answers, once it has: closed by hand, or its closing time. The
        earlier of the two: the closing job stamps closed_at when it runs, a minute or, with
        the worker down, hours after the closing time."""
        if not self.closed:
            return None
        return min(t for t in (self.closed_at, self.closes_at) if t is not None)


@dataclass(frozen=True)
class PillarRef:
    id: int
    slug: str
    order: int
    name: str
    translations: Mapping[str, Mapping[str, str]]
    recommendations: str
    question_ids: tuple[int, ...]

    def _translated(self, field: str) -> str:
        return self.translations.get(language_key(), {}).get(field, "") or getattr(self, field)

    @property
    def local_name(self) -> str:
        return self._translated("name")

    @property
    def recommendation_list(self) -> list[str]:
        text = self._translated("recommendations")
        return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class QuestionRef:
    id: int
    key: str
    number: int  # 1..15 in the order the campaign asked them
    pillar_id: int
    wording: Mapping[str, str]

    @property
    def text(self) -> str:
        return self.wording.get(language_key()) or self.wording.get("en", "")


@dataclass(frozen=True)
class QuestionResult:
    """One group's answers to one question."""

    question: QuestionRef
    stats: ItemStats
    dont_know: int
    # The leader-facing label: stats.agreement, or "too few" while fewer than the campaign's
    # threshold answered this question (AGREEMENT.md pitfall 13); "I don't know" can leave a
    # visible group with only a handful of numeric answers.
    agreement: str

    @property
    def answered(self) -> int:
        """Everyone who reached the question: numeric answers plus "I don't know"."""
        return self.stats.n + self.dont_know

    @property
    def dont_know_rate(self) -> float | None:
        return self.dont_know / self.answered if self.answered else None

    @property
    def only_dont_know(self) -> bool:
        """Everyone who reached the question answered "I don't know": no number, not too few."""
        return self.stats.n == 0 and self.dont_know > 0

    @property
    def small(self) -> bool:
        return self.stats.n < SMALL_GROUP

    @property
    def camps(self) -> Camps:
        return camps_of(self.stats.counts)

    @property
    def shares(self) -> tuple[float, ...]:
        """Percent of the numeric answers per option, for distribution bars."""
        n = self.stats.n
        return tuple(100 * c / n if n else 0.0 for c in self.stats.counts)


@dataclass(frozen=True)
class PillarResult:
    pillar: PillarRef
    stats: PillarStats


def band_text(band: str | None, field: str) -> str:
    entry = next((b for b in MATURITY_BANDS if b["key"] == band), None)
    return entry[field].get(language_key(), entry[field]["en"]) if entry else ""


@dataclass(frozen=True)
class GroupResult:
    """Everything shown for one visible group: per question (campaign order) and per pillar."""

    group: Group
    size: int  # respondents
    questions: tuple[QuestionResult, ...]
    pillars: tuple[PillarResult, ...]
    overall: float | None  # mean of the pillar scores, 0..100
    band: str | None  # questionnaire.scoring.maturity_band key

    @property
    def small(self) -> bool:
        return self.size < SMALL_GROUP

    @property
    def band_name(self) -> str:
        return band_text(self.band, "name")

    @property
    def band_summary(self) -> str:
        return band_text(self.band, "summary")

    def question(self, question_id: int) -> QuestionResult | None:
        return self._by_id[0].get(question_id)

    def pillar(self, pillar_id: int) -> PillarResult | None:
        return self._by_id[1].get(pillar_id)

    @cached_property
    def _by_id(self) -> tuple[dict[int, QuestionResult], dict[int, PillarResult]]:
        # Gaps and comparisons look results up by id hundreds of times per dashboard.
        return {q.question.id: q for q in self.questions}, {p.pillar.id: p for p in self.pillars}


# What a hidden group is said to be, in exports: one word for every hidden group.
HIDDEN = "hidden"


@dataclass(frozen=True)
class HiddenGroup:
    """A group the dashboard may name but never describe: no numbers, no exact size.

    `reason` is for the code and its tests, never shown: "kept back to protect a smaller group"
    means at least the threshold, "too few" means fewer, and with the totals shown and the rule
    known the two together gave hidden groups' exact sizes away (Legal = 11 − 5 − 5 = 1). So
    every hidden group reads the same.
    """

    group: Group
    reason: HideReason
    threshold: int

    @property
    def explanation(self) -> str:
        return _(
            "fewer than %(threshold)s answers, or kept back so that a smaller group cannot be "
            "worked out"
        ) % {"threshold": self.threshold}


@dataclass(frozen=True)
class ParticipationRow:
    """One department's participation. Numbers are None while the department is hidden."""

    group: Group
    responses: int | None
    invited: int | None
    completed: int | None
    hidden: HiddenGroup | None

    @property
    def rate(self) -> float | None:
        if self.invited and self.completed is not None:
            return self.completed / self.invited
        return None

    @property
    def low(self) -> bool:
        return _low(self.rate, self.responses, self.invited)

    @property
    def small(self) -> bool:
        return self.responses is not None and 0 < self.responses < SMALL_GROUP


@dataclass(frozen=True)
class Participation:
    rows: tuple[ParticipationRow, ...]
    responses: int | None  # None while the company as a whole is below the threshold
    invited: int
    # None while hidden, and while the hidden departments' share of it (company minus shown
    # departments) would be 1 to threshold − 1 people.
    completed: int | None

    @property
    def rate(self) -> float | None:
        if self.completed is None or not self.invited or not self.responses:
            return None
        return self.completed / self.invited

    @property
    def low(self) -> bool:
        return _low(self.rate, self.responses, self.invited)


@dataclass(frozen=True)
class DepartmentSpread:
    """ICC(1)/ICC(2) across the visible departments, for one question or one pillar."""

    question: QuestionRef | None
    pillar: PillarRef | None
    icc: Icc

    @property
    def differs(self) -> bool:
        return self.icc.icc1 is not None and self.icc.icc1 >= DEPARTMENTS_DIFFER_ICC1

    @property
    def reliable(self) -> bool:
        return self.icc.icc2 is not None and self.icc.icc2 >= RELIABLE_ICC2

    @property
    def explained_percent(self) -> float | None:
        return None if self.icc.icc1 is None else max(0.0, 100 * self.icc.icc1)

    kind: ClassVar[str] = "departments_differ"

    @property
    def prompt(self) -> str:
        return phrasing.spread_prompt(self)


@dataclass(frozen=True)
class Disagreement:
    """A question on which one group disagrees: a hotspot within a group."""

    group: Group
    result: QuestionResult

    kind: ClassVar[str] = "disagreement"

    @property
    def prompt(self) -> str:
        return phrasing.disagreement_prompt(self)


@dataclass(frozen=True)
class NotKnown:
    """Many colleagues answered "I don't know": they cannot see what the company does there,
    a finding in itself (DESIGN.md). About a whole pillar when `pillar` is set (nobody could
    rate any of its questions, so it has no score), else about the question in `result`."""

    result: QuestionResult  # the question; for a pillar, its first question, where its numbers are
    dont_know: int
    answered: int
    pillar: PillarRef | None = None

    kind: ClassVar[str] = "not_known"

    @property
    def prompt(self) -> str:
        return phrasing.not_known_prompt(self)


class GapKind(StrEnum):
    DEPARTMENT_VS_COMPANY = "department_vs_company"
    LEADERSHIP_VS_EVERYONE = "leadership_vs_everyone"
    DEPARTMENT_VS_LEADERSHIP = "department_vs_leadership"


@dataclass(frozen=True)
class GapFinding:
    """Group a against group b on a pillar, a question, or overall (both None), in score points.

    too_few_to_tell: the difference is within the noise of the group sizes, so it is listed but
    not ranked as a finding. about_the_same: that, with groups large enough to say the two lie
    within SAME_WITHIN_POINTS of each other (stats.Gap).
    """

    kind: GapKind
    a: Group
    b: Group
    pillar: PillarRef | None
    question: QuestionRef | None
    a_score: float
    b_score: float
    difference: float  # a − b
    too_few_to_tell: bool
    about_the_same: bool = False

    @property
    def shown_difference(self) -> int:
        """a − b as pages print it: the difference of the two whole scores shown beside it, so
        the three add up ("73 | 51 | +21" for an exact 21.4 did not)."""
        return whole(self.a_score) - whole(self.b_score)

    @property
    def points(self) -> int:
        return abs(self.shown_difference)

    @property
    def stands_out(self) -> bool:
        """Worth raising: beyond the noise, and at least one whole point. Unanimous groups have
        no noise, so "0 points below" would otherwise be raised as a finding."""
        return not self.too_few_to_tell and self.points >= 1

    @property
    def prompt(self) -> str:
        return phrasing.gap_prompt(self)


@dataclass(frozen=True)
class Hotspots:
    """Where views diverge, each list ranked most worth discussing first."""

    company_disagreement: tuple[Disagreement, ...]
    department_disagreement: tuple[Disagreement, ...]
    department_gaps: tuple[GapFinding, ...]
    leadership_gaps: tuple[GapFinding, ...]
    leadership_vs_departments: tuple[GapFinding, ...]
    departments_differ: tuple[DepartmentSpread, ...]


@dataclass(frozen=True)
class PillarChange:
    pillar: PillarRef
    before: PillarStats
    after: PillarStats
    delta: float | None  # score points, after − before
    agreement_delta: float | None  # r*wg(j) after − before, each floored at 0: −1 to +1
    too_few_to_tell: bool
    about_the_same: bool = False


@dataclass(frozen=True)
class GroupChange:
    group: Group
    pillars: tuple[PillarChange, ...]
    overall_before: float | None
    overall_after: float | None
    overall_too_few_to_tell: bool
    overall_about_the_same: bool = False
    # Questions this group rated in one round and answered only "I don't know" in the other:
    # left out of both sides of every change, as questions only one round asked are.
    questions_rated_once: int = 0

    @property
    def overall_delta(self) -> float | None:
        if self.overall_before is None or self.overall_after is None:
            return None
        return self.overall_after - self.overall_before


@dataclass(frozen=True)
class QuestionChange:
    """One question's company-wide score, last round and now, with Welch's test of the change."""

    question: QuestionRef
    before: float
    after: float
    too_few_to_tell: bool
    about_the_same: bool = False

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def shown_delta(self) -> int:
        """The change as pages print it: the difference of the two whole scores shown beside it."""
        return whole(self.after) - whole(self.before)

    @property
    def points(self) -> int:
        return abs(self.shown_delta)


@dataclass(frozen=True)
class Comparison:
    """This round against the previous one: only groups visible in both rounds."""

    previous: CampaignInfo
    groups: tuple[GroupChange, ...]
    not_comparable: tuple[Group, ...]  # visible now, hidden or absent in the previous round
    # Scores are compared over the questions both rounds asked; when the rounds differ, those
    # scores can differ from this round's own dashboard, and the page says so.
    questions_compared: int = 0
    same_questions: bool = True
    pillars_not_compared: tuple[PillarRef, ...] = ()  # asked now, none of it the last time
    pillars_not_asked_now: tuple[PillarRef, ...] = ()  # asked the last time, not in this round
    # Asked in both rounds but in other words, so not compared (and not in questions_compared).
    reworded: tuple[QuestionRef, ...] = ()
    # The company's questions asked in both rounds, real changes first, largest first.
    company_questions: tuple[QuestionChange, ...] = ()

    @property
    def department_changes(self) -> tuple[GroupChange, ...]:
        return tuple(g for g in self.groups if g.group.department_id is not None)

    @property
    def reworded_numbers(self) -> str:
        return ", ".join(str(q.number) for q in self.reworded)

    @property
    def questions_that_moved(self) -> tuple[QuestionChange, ...]:
        return tuple(q for q in self.company_questions if not q.too_few_to_tell and q.points)


@dataclass(frozen=True)
class CommentGroup:
    group: Group  # a department, or OTHER_DEPARTMENTS for those below the comment threshold
    comments: tuple[str, ...]  # shuffled

    # Shown at once; the rest behind "show more": a round of 100,000 people wrote 6,000 comments,
    # a page of 680 screens. Shuffled, so the first ones are a fair sample.
    FIRST_SHOWN = 10

    @property
    def first(self) -> tuple[str, ...]:
        return self.comments[: self.FIRST_SHOWN]

    @property
    def rest(self) -> tuple[str, ...]:
        return self.comments[self.FIRST_SHOWN :]


@dataclass(frozen=True)
class PillarComments:
    pillar: PillarRef
    groups: tuple[CommentGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.comments) for group in self.groups)


@dataclass(frozen=True)
class Comments:
    visible: bool  # the company as a whole reached the comment threshold
    threshold: int
    pillars: tuple[PillarComments, ...]
    folded: tuple[Group, ...]  # departments whose comments only appear under "other departments"

    @property
    def count(self) -> int:
        return sum(len(g.comments) for p in self.pillars for g in p.groups)
