"""Where views diverge: rank disagreements and gaps among the groups anonymity let through.

Works on already-visible groups and their counts; the arithmetic is in reports.stats (gap,
pillar_gap, rank_gaps, disagreement_sort_key), this module only chooses what to compare.
"""

from collections.abc import Callable, Iterable, Sequence

from reports import stats
from reports.stats import Gap

from .rounds import Round, cells_of, group_counts, pillar_item_counts
from .types import (
    LEADERSHIP,
    DepartmentSpread,
    Disagreement,
    GapFinding,
    GapKind,
    GroupResult,
    Hotspots,
    PillarRef,
    QuestionRef,
)

# Labels that make a question worth raising; "agree" and "too few answers" are not hotspots.
DISAGREEMENT_LABELS = {stats.TWO_CAMPS, stats.SPLIT, stats.SOME_DISAGREEMENT}
# Within a department only the strong cases: with many departments, "some disagreement"
# somewhere is the normal state of a company, not a finding.
STRONG_DISAGREEMENT_LABELS = {stats.TWO_CAMPS, stats.SPLIT}

Counts = dict[int, tuple[int, ...]]


def disagreements(groups: Iterable[GroupResult], labels: set[str]) -> tuple[Disagreement, ...]:
    """Questions with a disagreement label, most disagreement first (AGREEMENT.md pitfall 11:
    polarised first, then by variance, because truncated rwg ties at 0 for every wide spread)."""
    found = [
        Disagreement(group=g.group, result=q)
        for g in groups
        for q in g.questions
        if q.agreement in labels
    ]
    return tuple(sorted(found, key=lambda d: stats.disagreement_sort_key(d.result.stats)))


Subject = tuple[PillarRef | None, QuestionRef | None]


def _subjects(data: Round, *, questions: bool = True) -> list[Subject]:
    """What gaps are measured on: overall, each pillar and (unless told not to) each question."""
    pillars = [(None, None), *((p, None) for p in data.pillars)]
    return pillars + [(None, q) for q in data.questions] if questions else pillars


def _all_items(data: Round, counts: Counts) -> list[tuple[int, ...]]:
    return [counts[q.id] for q in data.questions]


def _subject_gap(
    data: Round, pillar: PillarRef | None, question: QuestionRef | None, a: Counts, b: Counts
) -> Gap | None:
    if question is not None:
        return stats.gap(a[question.id], b[question.id])
    if pillar is not None:
        return stats.pillar_gap(pillar_item_counts(pillar, a), pillar_item_counts(pillar, b))
    # Overall: every item at once. Its difference is the mean item score, which can differ a
    # little from the mean of pillar scores, so the shown scores come from the groups instead.
    return stats.pillar_gap(_all_items(data, a), _all_items(data, b))


def _score(result: GroupResult, pillar: PillarRef | None, question: QuestionRef | None):
    if question is not None:
        return result.question(question.id).stats.score
    if pillar is not None:
        return result.pillar(pillar.id).stats.score
    return result.overall


def _findings(
    data: Round,
    kind: GapKind,
    a: GroupResult,
    b: GroupResult,
    noise: Callable[[PillarRef | None, QuestionRef | None], Gap | None],
    subjects: list[Subject],
) -> list[GapFinding]:
    """a against b on each subject; `noise` gives the Gap whose standard error decides
    whether the difference could be chance."""
    found = []
    for pillar, question in subjects:
        a_score, b_score = _score(a, pillar, question), _score(b, pillar, question)
        tested = noise(pillar, question)
        if a_score is None or b_score is None or tested is None:
            continue
        found.append(
            GapFinding(
                kind=kind,
                a=a.group,
                b=b.group,
                pillar=pillar,
                question=question,
                a_score=a_score,
                b_score=b_score,
                difference=a_score - b_score,
                too_few_to_tell=tested.too_few_to_tell,
                about_the_same=tested.about_the_same,
            )
        )
    return found


def ranked(findings: Sequence[GapFinding]) -> tuple[GapFinding, ...]:
    """Largest gaps first as printed (whole points; the exact difference breaks ties), so a
    list never reads +9 above +10; every "too few to tell" after every real finding."""
    by_exact = sorted(findings, key=lambda f: -abs(f.difference))
    as_gaps = [(f, Gap(f.shown_difference, None, f.too_few_to_tell)) for f in by_exact]
    return tuple(f for f, _gap in stats.rank_gaps(as_gaps))


def department_gaps(
    data: Round, company: GroupResult, departments: Sequence[GroupResult]
) -> tuple[GapFinding, ...]:
    """Each department against the company.

    The shown difference is department minus company. Whether it could be chance is tested
    against everybody outside the department instead: the company contains the department, so
    a test against it would count the department's own answers on both sides. The rest is the
    company minus a visible department, so it reveals nothing subtraction would not.
    """
    everyone = group_counts(data, data.sizes)
    found = []
    for department in departments:
        own = group_counts(data, cells_of(data, department.group))
        rest = {q: tuple(a - b for a, b in zip(everyone[q], own[q], strict=True)) for q in everyone}
        found += _findings(
            data,
            GapKind.DEPARTMENT_VS_COMPANY,
            department,
            company,
            lambda p, q, own=own, rest=rest: _subject_gap(data, p, q, own, rest),
            _subjects(data),
        )
    return ranked(found)


def _between(
    data: Round, kind: GapKind, a: GroupResult, b: GroupResult, subjects: list[Subject]
) -> list[GapFinding]:
    a_counts = group_counts(data, cells_of(data, a.group))
    b_counts = group_counts(data, cells_of(data, b.group))
    return _findings(
        data, kind, a, b, lambda p, q: _subject_gap(data, p, q, a_counts, b_counts), subjects
    )


def leadership_gaps(
    data: Round, leadership: GroupResult | None, everyone_else: GroupResult | None
) -> tuple[GapFinding, ...]:
    """The leadership team against everybody else, overall, per pillar and per question."""
    if leadership is None or everyone_else is None:
        return ()
    return ranked(
        _between(data, GapKind.LEADERSHIP_VS_EVERYONE, leadership, everyone_else, _subjects(data))
    )


def leadership_vs_departments(
    data: Round,
    leadership: GroupResult | None,
    departments: Sequence[GroupResult],
    crossed: Sequence[GroupResult],
) -> tuple[GapFinding, ...]:
    """Each department against the leadership team, overall and per pillar.

    A department includes its own leaders; taking them out would reveal the department's
    leadership cell, which may be below the threshold. With one or two leaders per department
    the overlap only narrows the gap a little. A department made only of leaders (its shown
    leadership cell is the whole department) would be compared with itself, so it is left out.
    """
    if leadership is None:
        return ()
    size_of = {d.group.department_id: d.size for d in departments}
    all_leaders = {
        c.group.department_id
        for c in crossed
        if c.group.role == LEADERSHIP.role and size_of.get(c.group.department_id) == c.size
    }
    overall_and_pillars = _subjects(data, questions=False)
    found = []
    for department in departments:
        if department.group.department_id in all_leaders:
            continue
        found += _between(
            data, GapKind.DEPARTMENT_VS_LEADERSHIP, department, leadership, overall_and_pillars
        )
    return ranked(found)


def department_spreads(
    data: Round, departments: Sequence[GroupResult]
) -> tuple[DepartmentSpread, ...]:
    """ICC(1)/ICC(2) across visible departments per question and per pillar.

    For a pillar, the answers to its questions are pooled per department: counts cannot tell
    which answers came from the same person, so this is an ICC of answers, not of pillar means.
    """
    counts = [group_counts(data, cells_of(data, d.group)) for d in departments]
    spreads = [
        DepartmentSpread(question=q, pillar=None, icc=stats.icc([c[q.id] for c in counts]))
        for q in data.questions
    ]
    for pillar in data.pillars:
        pooled = [
            tuple(sum(column) for column in zip(*pillar_item_counts(pillar, c), strict=True))
            for c in counts
        ]
        spreads.append(DepartmentSpread(question=None, pillar=pillar, icc=stats.icc(pooled)))
    return tuple(spreads)


def hotspots_find(
    data: Round,
    company: GroupResult | None,
    departments: Sequence[GroupResult],
    roles: Sequence[GroupResult],
    crossed: Sequence[GroupResult],
    everyone_else: GroupResult | None,
    spreads: Sequence[DepartmentSpread],
) -> Hotspots:
    if company is None:
        return Hotspots((), (), (), (), (), ())
    leadership = next((r for r in roles if r.group == LEADERSHIP), None)
    if leadership is not None and leadership.size == company.size:
        leadership = None  # everyone who answered leads: there is nobody to compare them with
    differ = sorted(
        (s for s in spreads if s.differs and s.question is not None),
        key=lambda s: -(s.icc.icc1 or 0),
    )
    return Hotspots(
        company_disagreement=disagreements([company], DISAGREEMENT_LABELS),
        department_disagreement=disagreements(departments, STRONG_DISAGREEMENT_LABELS),
        department_gaps=department_gaps(data, company, departments),
        leadership_gaps=leadership_gaps(data, leadership, everyone_else),
        leadership_vs_departments=leadership_vs_departments(data, leadership, departments, crossed),
        departments_differ=tuple(differ),
    )
