"""A round against the previous one, per pillar, for the company and each department.

A group is compared only when it may be shown in both rounds, each under its own campaign's
threshold: a department hidden last time has no "before" that could be shown. A question is
compared only when both rounds asked it in the same words: one turned round between them
("reaches the team" became "gets lost before it reaches the team") read as the year's largest drop.
"""

from collections.abc import Sequence

from reports import stats
from reports.stats import Gap

from .rounds import Round, Visibility, cells_of, group_counts, pillar_item_counts
from .types import (
    COMPANY,
    Comparison,
    Group,
    GroupChange,
    GroupResult,
    PillarChange,
    PillarRef,
    QuestionChange,
    QuestionRef,
)

Counts = dict[int, tuple[int, ...]]


def _source_words(question: QuestionRef) -> str:
    """The English wording, the one translations are made from, spaces aside: a translation
    added or corrected, or a doubled space removed, leaves the question comparable."""
    return " ".join(question.wording.get("en", "").split())


def questions_in_both(now: Round, before: Round) -> set[int]:
    """The questions both rounds asked, in the same words."""
    earlier = {q.id: _source_words(q) for q in before.questions}
    return {q.id for q in now.questions if earlier.get(q.id) == _source_words(q)}


def _pillar_change(
    pillar: PillarRef,
    before_counts: Counts,
    after_counts: Counts,
    after_stats: stats.PillarStats | None,
    thresholds: tuple[int, int],
) -> PillarChange:
    """`after_stats` are the group's own pillar statistics when the comparison uses all of this
    round's questions, so they need not be worked out again. `thresholds` are the rounds'
    anonymity thresholds (before, now), below which an agreement gets no label."""
    old = pillar_item_counts(pillar, before_counts)
    new = pillar_item_counts(pillar, after_counts)
    before_stats = stats.pillar_stats(old, label_from=thresholds[0])
    after_stats = after_stats or stats.pillar_stats(new, label_from=thresholds[1])
    tested = stats.pillar_gap(new, old)
    return PillarChange(
        pillar=pillar,
        before=before_stats,
        after=after_stats,
        delta=None if tested is None else tested.difference,
        # None where either side's label is withheld ("too few answers"): a change in a number
        # the page does not stand behind would read as a finding. Both sides floored at 0, as
        # the labels are (AGREEMENT.md 3): r*wg(j) goes down to −3, and "split views → agree"
        # must not read +2.40 on a page that says changes run from −1 to +1.
        agreement_delta=(
            None
            if before_stats.rwg_j_lindell is None
            or after_stats.rwg_j_lindell is None
            or stats.TOO_FEW in (before_stats.agreement, after_stats.agreement)
            else max(0.0, after_stats.rwg_j_lindell) - max(0.0, before_stats.rwg_j_lindell)
        ),
        too_few_to_tell=True if tested is None else tested.too_few_to_tell,
        about_the_same=tested is not None and tested.about_the_same,
    )


def _group_change(
    group: Group,
    now: Round,
    current: GroupResult,
    before: Round,
    before_group: Group,
    shared: set[int],
) -> GroupChange:
    """`shared`: the questions both rounds asked in the same words (questions_in_both)."""
    after_counts = group_counts(now, cells_of(now, group))
    before_counts = group_counts(before, cells_of(before, before_group))
    # Pillars are matched by id; a question asked in only one round, or in other words, drops out
    # of that pillar's comparison, so both sides are built from the questions asked in both.
    # So does one this group rated in one round and answered only "I don't know" in the other:
    # 5s then and "I don't know" now read as a 10-point fall of an unchanged overall score.
    rated_in_both = {q for q in shared if any(before_counts[q]) and any(after_counts[q])}
    asked_now = {q.id for q in now.questions}
    changes = tuple(
        _pillar_change(
            p,
            *_compared(p, shared, rated_in_both, (before_counts, after_counts)),
            current.pillar(p.id).stats if rated_in_both == shared == asked_now else None,
            (before.campaign.anonymity_threshold, now.campaign.anonymity_threshold),
        )
        for p in now.pillars
        if shared.intersection(p.question_ids)  # a pillar only one round asked has no change
    )
    rated_once = {q for q in shared if any(before_counts[q]) != any(after_counts[q])}
    if shared == asked_now == {q.id for q in before.questions} and not rated_once:
        # The previous round's overall score as its own dashboard showed it (DESIGN.md "Scores").
        before_overall = stats.overall_score_of(
            stats.pillar_stats(pillar_item_counts(p, before_counts)) for p in before.pillars
        )
        after_overall = current.overall
    else:
        # Both overall scores over the questions both rounds asked and this group rated, or the
        # change would mostly measure a pillar one round did not ask about, or nobody rated.
        both = [c for c in changes if c.delta is not None]
        before_overall = stats.overall_score_of(c.before for c in both)
        after_overall = stats.overall_score_of(c.after for c in both)
    # Whether the overall change could be chance: every question rated in both rounds at once,
    # with the same conservative standard error as a pillar.
    overall = stats.pillar_gap(
        [after_counts[q] for q in sorted(rated_in_both)],
        [before_counts[q] for q in sorted(rated_in_both)],
    )
    return GroupChange(
        group=group,
        pillars=changes,
        overall_before=before_overall,
        overall_after=after_overall,
        overall_too_few_to_tell=True if overall is None else overall.too_few_to_tell,
        overall_about_the_same=overall is not None and overall.about_the_same,
        questions_rated_once=len(rated_once),
    )


def _compared(
    pillar: PillarRef, shared: set[int], rated_in_both: set[int], sides: tuple[Counts, Counts]
) -> tuple[Counts, Counts]:
    """Each round's counts of the pillar's questions rated in both rounds; if none, of those both
    asked, so the row still shows the round that rated it, with no change."""
    mine = set(pillar.question_ids)
    kept = (mine & rated_in_both) or (mine & shared)
    before, after = ({q: counts[q] for q in kept} for counts in sides)
    return before, after


def company_question_changes(
    now: Round, before: Round, shared: set[int]
) -> tuple[QuestionChange, ...]:
    """Each question both rounds asked in the same words, the company's score then and now; real
    changes (Welch's test on the two rounds' answers, independent people) first, largest first."""
    after_counts = group_counts(now, cells_of(now, COMPANY))
    before_counts = group_counts(before, cells_of(before, COMPANY))
    found = []
    for question in now.questions:
        after, earlier = after_counts.get(question.id), before_counts.get(question.id)
        if question.id not in shared or not after or not earlier:
            continue
        tested = stats.gap(after, earlier)
        if tested is None:
            continue
        change = QuestionChange(
            question=question,
            before=stats.score(earlier),
            after=stats.score(after),
            too_few_to_tell=tested.too_few_to_tell,
            about_the_same=tested.about_the_same,
        )
        found.append((change, tested))
    return largest_changes_first(found)


def largest_changes_first(
    found: Sequence[tuple[QuestionChange, Gap]],
) -> tuple[QuestionChange, ...]:
    """Real changes before "too few to tell", each largest first as printed (the difference of
    the two whole scores; the exact change breaks ties): ranked by the exact change, +9.7
    (printed +9) came before +10.3 (printed +11)."""
    by_exact = sorted(found, key=lambda item: -abs(item[1].difference))
    as_printed = [(c, Gap(c.shown_delta, None, c.too_few_to_tell)) for c, _gap in by_exact]
    return tuple(change for change, _gap in stats.rank_gaps(as_printed))


def comparison_build(
    *,
    now: Round,
    company: GroupResult | None,
    departments: Sequence[GroupResult],
    before: Round,
    before_visibility: Visibility,
) -> Comparison:
    shared = questions_in_both(now, before)
    groups: list[GroupChange] = []
    not_comparable: list[Group] = []
    if company is not None and before_visibility.company:
        groups.append(_group_change(COMPANY, now, company, before, COMPANY, shared))
    for department in departments:
        if department.group.department_id in before_visibility.departments:
            group = department.group
            groups.append(_group_change(group, now, department, before, group, shared))
        else:
            not_comparable.append(department.group)
    if company is not None and not before_visibility.company:
        not_comparable.insert(0, COMPANY)
    asked_before = {q.id for q in before.questions}
    only_now = tuple(p for p in now.pillars if not shared.intersection(p.question_ids))
    asked_now = {p.id for p in now.pillars}
    only_before = tuple(p for p in before.pillars if p.id not in asked_now)
    compared = bool(groups) and groups[0].group == COMPANY
    return Comparison(
        company_questions=company_question_changes(now, before, shared) if compared else (),
        previous=before.campaign,
        groups=tuple(groups),
        not_comparable=tuple(not_comparable),
        questions_compared=len(shared),
        same_questions=len(shared) == len(now.questions) == len(before.questions),
        pillars_not_compared=only_now,
        pillars_not_asked_now=only_before,
        # Asked last time too, but not in these words.
        reworded=tuple(q for q in now.questions if q.id in asked_before and q.id not in shared),
    )
