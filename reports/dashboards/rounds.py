"""One round's counts, what of them may be shown, and the statistics of each visible group.

`round_load` makes a fixed number of grouped queries. Everything after it is arithmetic on the
counts of the finest cells (department × role × question): every coarser group is a sum of cells,
and anonymity decides which of those sums may be shown before any statistic is computed.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from questionnaire.models import Campaign, Role
from questionnaire.scoring import maturity_band
from reports import anonymity, selectors, stats
from reports.anonymity import CrossedVisibility, HideReason

from .types import (
    COMPANY,
    CampaignInfo,
    Group,
    GroupKind,
    GroupResult,
    HiddenGroup,
    PillarRef,
    PillarResult,
    QuestionRef,
    QuestionResult,
)

Cell = tuple[int, str]  # (department id, role)

ZERO = (0, 0, 0, 0, 0)


@dataclass(frozen=True)
class Round:
    """A campaign's questions and counts, straight from the selectors."""

    campaign: CampaignInfo
    pillars: tuple[PillarRef, ...]
    questions: tuple[QuestionRef, ...]
    sizes: Mapping[Cell, int]  # respondents per cell
    counts: Mapping[Cell, Mapping[int, tuple[int, ...]]]  # cell → question → answers 1..5
    dont_know: Mapping[Cell, Mapping[int, int]]  # cell → question → "I don't know"
    # Sums over sets of cells, worked out once per round: a department's counts are asked for by
    # its results, its gaps, the spreads and the comparison over time.
    summed: dict[frozenset[Cell], tuple[dict, dict]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def department_sizes(self) -> dict[int, int]:
        sizes: dict[int, int] = defaultdict(int)
        for (department_id, _role), n in self.sizes.items():
            sizes[department_id] += n
        return dict(sizes)


def campaign_info(campaign: Campaign) -> CampaignInfo:
    return CampaignInfo(
        id=campaign.pk,
        name=campaign.name,
        opens_at=campaign.opens_at,
        closes_at=campaign.closes_at,
        closed_at=campaign.closed_at,
        anonymity_threshold=campaign.anonymity_threshold,
        comment_threshold=campaign.comment_threshold,
    )


def _frame(
    rows: list[selectors.QuestionRow],
) -> tuple[tuple[PillarRef, ...], tuple[QuestionRef, ...]]:
    questions = tuple(
        QuestionRef(
            id=row.question_id,
            key=row.key,
            number=number,
            pillar_id=row.pillar_id,
            wording=row.wording,
        )
        for number, row in enumerate(rows, start=1)
    )
    pillars: dict[int, PillarRef] = {}
    for row in rows:
        if row.pillar_id not in pillars:
            pillars[row.pillar_id] = PillarRef(
                id=row.pillar_id,
                slug=row.pillar_slug,
                order=row.pillar_order,
                name=row.pillar_name,
                translations=row.pillar_translations,
                recommendations=row.pillar_recommendations,
                question_ids=tuple(r.question_id for r in rows if r.pillar_id == row.pillar_id),
            )
    return tuple(pillars.values()), questions


def round_load(
    *,
    campaign: Campaign,
    question_rows: list[selectors.QuestionRow] | None = None,
    kept: selectors.KeptRound | None = None,
) -> Round:
    """Two queries, whatever the number of responses (its questions, its answer counts), one
    fewer when the caller read the campaign's `question_rows` already; for a closed round its
    kept counts instead of its answers, none when the caller read those (`kept`) too."""
    if question_rows is None:
        question_rows = selectors.campaign_question_rows(campaign=campaign)
    pillars, questions = _frame(question_rows)
    sizes, answers = _sizes_and_counts(campaign, [q.id for q in questions], kept)
    return Round(
        campaign=campaign_info(campaign),
        pillars=pillars,
        questions=questions,
        sizes=sizes,
        counts=answers.counts,
        dont_know=answers.dont_know,
    )


def _sizes_and_counts(
    campaign: Campaign, question_ids: list[int], kept: selectors.KeptRound | None
) -> tuple[dict[Cell, int], selectors.CellCounts]:
    """A round's respondents and answer counts; a closed round's are read once and then kept.

    A closed round gains no answers, and its change count rises if a response is deleted (or
    added to it, reopened), so (campaign, change count) names its counts for good. This spares
    the previous round's full read every time the current round's dashboard is built.
    """
    if campaign.is_open() or campaign.has_not_opened():
        return _read(campaign, question_ids)
    if kept is None:
        kept, changed = selectors.closed_round_kept(campaign=campaign)
        if kept is None:
            from reports import services  # late: services imports the PDF and snapshot machinery

            sizes, counts = _read(campaign, question_ids)
            services.closed_round_counts_keep(
                campaign=campaign, responses_changed=changed, sizes=sizes, counts=counts
            )
            return sizes, counts
    return kept.sizes, kept.counts


def _read(
    campaign: Campaign, question_ids: list[int]
) -> tuple[dict[Cell, int], selectors.CellCounts]:
    counts = selectors.crossed_answer_counts(campaign=campaign)
    sizes = sizes_from_answers(counts, question_ids)
    if sizes is None:
        sizes = selectors.group_sizes(campaign=campaign)
        # Counted after the answers, so a response deleted in between would leave a cell with
        # more answers to a question than people, which the anonymity audit refuses. The
        # answers were read in one query: a cell held at least its most answered question's.
        for cell, totals in _answers_per_question(counts).items():
            sizes[cell] = max(sizes.get(cell, 0), *totals.values())
    return sizes, counts


def _answers_per_question(answers: selectors.CellCounts) -> dict[Cell, dict[int, int]]:
    """Per cell and question, how many answered it ("I don't know" included)."""
    per_cell: dict[Cell, dict[int, int]] = defaultdict(dict)
    for cell, questions in answers.counts.items():
        per_cell[cell] = {q: sum(options) for q, options in questions.items()}
    for cell, questions in answers.dont_know.items():
        totals = per_cell[cell]
        for question_id, n in questions.items():
            totals[question_id] = totals.get(question_id, 0) + n
    return per_cell


def sizes_from_answers(
    answers: selectors.CellCounts, question_ids: list[int]
) -> dict[Cell, int] | None:
    """Respondents per department and role, read off the answer counts; None if they cannot be.

    A response holds exactly one answer to each of its campaign's questions ("I don't know"
    included): response_submit saves all of them or none. So in every cell each question's
    answers add up to the cell's respondents, and a separate count of responses is not needed.
    If any cell disagrees (a question missing or answered a different number of times), the
    caller counts the responses instead.
    """
    if not question_ids:
        return None
    sizes = {}
    expected = set(question_ids)
    for cell, totals in _answers_per_question(answers).items():
        found = set(totals.values())
        if totals.keys() != expected or len(found) != 1:
            return None
        sizes[cell] = found.pop()
    return sizes


@dataclass(frozen=True)
class Visibility:
    """What of a round may be shown: the anonymity module's answer, asked once per round."""

    company: bool
    crossed: CrossedVisibility

    @property
    def departments(self) -> frozenset[int]:
        return self.crossed.rows if self.company else frozenset()

    @property
    def roles(self) -> frozenset[str]:
        return self.crossed.columns if self.company else frozenset()

    @property
    def cells(self) -> frozenset[Cell]:
        return self.crossed.cells if self.company else frozenset()

    @property
    def leadership_vs_everyone(self) -> bool:
        """The leadership team against everybody else may be shown.

        "Everybody else" is the company minus the leadership team. Once the company and the
        leadership team are both shown it can be worked out anyway, so this adds nothing that
        subtraction would not give; it still has to reach the threshold itself.
        """
        return Role.LEADERSHIP.value in self.roles


def round_visibility(data: Round) -> Visibility:
    threshold = data.campaign.anonymity_threshold
    return Visibility(
        company=anonymity.total_is_visible(data.total, threshold=threshold),
        # Where answers force roles to merge, the leadership team is kept longest: it is half
        # of the gap leaders look for first, the leadership team against everybody else.
        crossed=anonymity.visible_crossed(
            data.sizes,
            threshold=threshold,
            questions=question_tables(data),
            keep=(Role.LEADERSHIP.value,),
        ),
    )


def compared_visibility(data: Round) -> Visibility:
    """What a later round's comparison may show of this one: its company and departments only.

    The answer audit never costs a department (it withholds cells and merges roles), so the
    size audit alone decides the departments. Roles and cells, which only the answer audit
    settles, are left out: this spares the answer audit on every build of the later round."""
    threshold = data.campaign.anonymity_threshold
    sizes_only = anonymity.visible_crossed(data.sizes, threshold=threshold)
    return Visibility(
        company=anonymity.total_is_visible(data.total, threshold=threshold),
        crossed=CrossedVisibility(
            rows=sizes_only.rows,
            columns=frozenset(),
            cells=frozenset(),
            row_reasons=sizes_only.row_reasons,
            column_reasons={},
            cell_reasons={},
        ),
    )


def question_tables(data: Round) -> Iterator[list[dict[Cell, int]]]:
    """For each question, per answer ("I don't know" too), how many in each cell gave it: what
    every shown group's counts are sums of, so what the anonymity audit has to check, each
    question's answers together (each person gave at most one)."""
    for question in data.questions:
        tables = [
            {
                cell: counts[question.id][option]
                for cell, counts in data.counts.items()
                if question.id in counts
            }
            for option in range(len(ZERO))
        ]
        tables.append(
            {
                cell: dont_know[question.id]
                for cell, dont_know in data.dont_know.items()
                if question.id in dont_know
            }
        )
        yield tables


def everyone_else_visible(data: Round, visibility: Visibility) -> bool:
    everyone_else = sum(n for (_d, role), n in data.sizes.items() if role != Role.LEADERSHIP)
    return visibility.leadership_vs_everyone and anonymity.total_is_visible(
        everyone_else, threshold=data.campaign.anonymity_threshold
    )


def _summed(
    data: Round, cells: Iterable[Cell]
) -> tuple[dict[int, tuple[int, ...]], dict[int, int]]:
    """(question → answers 1..5, question → "I don't know") summed over `cells`; shared, so
    callers must not change them."""
    key = frozenset(cells)
    found = data.summed.get(key)
    if found is None:
        found = data.summed[key] = _add_up(data, key)
    return found


def _add_up(
    data: Round, cells: Iterable[Cell]
) -> tuple[dict[int, tuple[int, ...]], dict[int, int]]:
    vectors: dict[int, list[tuple[int, ...]]] = {q.id: [] for q in data.questions}
    dont_know: dict[int, int] = dict.fromkeys(vectors, 0)
    for cell in cells:
        for question_id, c in data.counts.get(cell, {}).items():
            if question_id in vectors:
                vectors[question_id].append(c)
        for question_id, n in data.dont_know.get(cell, {}).items():
            if question_id in dont_know:
                dont_know[question_id] += n
    counts = {q: tuple(map(sum, zip(*v, strict=True))) if v else ZERO for q, v in vectors.items()}
    return counts, dont_know


def pillar_item_counts(
    pillar: PillarRef, counts: Mapping[int, tuple[int, ...]]
) -> list[tuple[int, ...]]:
    return [counts.get(question_id, ZERO) for question_id in pillar.question_ids]


def group_counts(data: Round, cells: Iterable[Cell]) -> dict[int, tuple[int, ...]]:
    return _summed(data, cells)[0]


def _question_result(
    question: QuestionRef, counts: tuple[int, ...], dont_know: int, threshold: int
) -> QuestionResult:
    item = stats.item_stats(counts)
    labelled = item.n >= threshold
    return QuestionResult(
        question=question,
        stats=item,
        dont_know=dont_know,
        agreement=item.agreement if labelled else stats.TOO_FEW,
    )


def group_result(data: Round, group: Group, cells: Iterable[Cell]) -> GroupResult:
    """Statistics of the group made of `cells`. Call only for groups anonymity lets through."""
    cells = list(cells)
    counts, dont_know = _summed(data, cells)
    pillars = tuple(
        PillarResult(
            pillar=p,
            stats=stats.pillar_stats(
                pillar_item_counts(p, counts), label_from=data.campaign.anonymity_threshold
            ),
        )
        for p in data.pillars
    )
    overall = stats.overall_score_of(p.stats for p in pillars)
    return GroupResult(
        group=group,
        size=sum(data.sizes.get(cell, 0) for cell in cells),
        questions=tuple(
            _question_result(q, counts[q.id], dont_know[q.id], data.campaign.anonymity_threshold)
            for q in data.questions
        ),
        pillars=pillars,
        overall=overall,
        band=maturity_band(overall),
    )


def cells_of(data: Round, group: Group) -> list[Cell]:
    """The finest cells a group is made of."""
    if group.kind == GroupKind.COMPANY:
        return list(data.sizes)
    if group.kind == GroupKind.DEPARTMENT:
        return [c for c in data.sizes if c[0] == group.department_id]
    if group.kind == GroupKind.ROLE:
        return [c for c in data.sizes if c[1] == group.role]
    if group.kind == GroupKind.CROSSED:
        return [(group.department_id, group.role)]
    if group.kind == GroupKind.EVERYONE_ELSE:
        return [c for c in data.sizes if c[1] != Role.LEADERSHIP]
    raise ValueError(f"no cells for {group!r}")


def hidden_groups(
    data: Round, visibility: Visibility, names: Mapping[int, str]
) -> tuple[HiddenGroup, ...]:
    """Every department of the round and every role that may not be shown, answered in or not,
    with why; never with its numbers.

    Role groups inside a hidden department are not listed: the department line says enough, and
    naming its non-empty roles would tell who in a small department answered. Inside a visible
    department every role without a visible cell is listed the same way, empty or not, so the
    list does not tell an empty cell from a small one.
    """
    threshold = data.campaign.anonymity_threshold
    below = HideReason.BELOW_THRESHOLD
    crossed = visibility.crossed
    shown_rows, shown_columns = visibility.departments, visibility.roles  # none below the company
    row_reasons = crossed.row_reasons if visibility.company else {}
    column_reasons = crossed.column_reasons if visibility.company else {}
    # `names` holds every department of the round, answered in or not, and every role is
    # listed: a hidden line never tells "nobody" from "one or two".
    reasons = {d: below for d in names if d not in shown_rows} | dict(row_reasons)
    hidden = [
        HiddenGroup(_department(d, names), reason, threshold)
        for d, reason in sorted(reasons.items(), key=lambda i: names.get(i[0], ""))
    ]
    hidden += [
        HiddenGroup(Group(GroupKind.ROLE, role=role), column_reasons.get(role, below), threshold)
        for role in Role.values
        if role not in shown_columns
    ]
    for d in sorted(shown_rows, key=lambda d: names.get(d, "")):
        hidden += [
            HiddenGroup(
                Group(GroupKind.CROSSED, d, names.get(d, ""), role),
                crossed.cell_reasons.get((d, role), below),
                threshold,
            )
            for role in Role.values
            if (d, role) not in crossed.cells
        ]
    return tuple(hidden)


def _department(department_id: int, names: Mapping[int, str]) -> Group:
    return Group(GroupKind.DEPARTMENT, department_id, names.get(department_id, ""))


def visible_results(
    data: Round, visibility: Visibility, names: Mapping[int, str]
) -> tuple[GroupResult | None, list[GroupResult], list[GroupResult], list[GroupResult]]:
    """(company, departments, roles, department × role cells): only what anonymity allows."""
    if not visibility.company:
        return None, [], [], []
    company = group_result(data, COMPANY, cells_of(data, COMPANY))
    departments = [
        group_result(data, g, cells_of(data, g))
        for g in sorted(
            (_department(d, names) for d in visibility.departments),
            key=lambda g: g.department_name,
        )
    ]
    roles = [
        group_result(data, g, cells_of(data, g))
        for g in (Group(GroupKind.ROLE, role=r) for r in Role.values if r in visibility.roles)
    ]
    crossed = [
        group_result(data, g, cells_of(data, g))
        for g in sorted(
            (Group(GroupKind.CROSSED, d, names.get(d, ""), r) for d, r in visibility.cells),
            key=lambda g: (g.department_name, Role.values.index(g.role)),
        )
    ]
    return company, departments, roles, crossed
