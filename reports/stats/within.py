"""Within-group location, spread and agreement from option counts (AGREEMENT.md sections 1-4).

`counts` is always five integers: how many of the group answered 1, 2, 3, 4 and 5 to one question,
with "don't know" already left out. Undefined statistics are None, never 0 or 1 (section 1).
"""

import math
from collections.abc import Sequence

from reports.stats._exact import (
    NULL_VARIANCE_DEN,
    NULL_VARIANCE_NUM,
    SCALE,
    SCORE_PER_STEP,
    Counts,
    Ratio,
    as_float,
    checked,
    mean_item_variance_of,
    pillar_score_of,
    score_of,
    sums,
    truncated_share,
    variance_of,
)


def item_score(value: int) -> float:
    """One answer 1..5 as a 0..100 score: (value − 1)/4 · 100 (DESIGN.md "Scores")."""
    if isinstance(value, bool) or value not in SCALE:
        raise ValueError(f"an answer must be one of {SCALE}, got {value!r}")
    return float((value - SCALE[0]) * SCORE_PER_STEP)


def mean(counts: Counts) -> float | None:
    """Mean answer on the 1..5 scale, S1/n; None when nobody answered."""
    n, s1, _ = sums(checked(counts))
    return s1 / n if n else None


def score(counts: Counts) -> float | None:
    """The group's mean as a 0..100 score, (mean − 1)/4 · 100; None when nobody answered."""
    n, s1, _ = sums(checked(counts))
    return as_float(score_of(n, s1))


def variance(counts: Counts) -> float | None:
    """Sample variance (divides by n − 1, as R's var()); None for n < 2 (AGREEMENT.md 1)."""
    return as_float(variance_of(*sums(checked(counts))))


def sd(counts: Counts) -> float | None:
    """Sample standard deviation in answer steps; None for n < 2."""
    v = variance(counts)
    return None if v is None else math.sqrt(v)


def rwg_of(item_variance: Ratio | None) -> float | None:
    """rwg = 1 − min(s², σ²_EU)/σ²_EU from an exact sample variance; None without one."""
    if item_variance is None:
        return None
    share, whole = truncated_share(item_variance)
    return (whole - share) / whole


def rwg(counts: Counts) -> float | None:
    """Single-item agreement rwg = 1 − s²/σ²_EU with σ²_EU = 2.0, truncated at 0.

    James, Demaree & Wolf (1984); AGREEMENT.md section 2. Uses the sample variance, so [3, 4]
    gives 0.75. Identical answers give 1; None for n < 2.
    """
    return rwg_of(variance_of(*sums(checked(counts))))


def _item_sums(item_counts: Sequence[Counts]) -> list[tuple[int, int, int]]:
    return [sums(checked(c)) for c in item_counts]


def mean_item_variance(item_counts: Sequence[Counts]) -> float | None:
    """Available-case mean of the item sample variances (items with n ≥ 2); None if none.

    Each item's variance comes from its own answers, which can differ from R's listwise deletion
    (AGREEMENT.md section 1, pitfall 7).
    """
    found = mean_item_variance_of(_item_sums(item_counts))
    return None if found is None else as_float(found[0])


def rwg_j_of(found: tuple[Ratio, int] | None) -> float | None:
    """rwg(j) from the exact mean item variance and J (see `rwg_j`)."""
    if found is None:
        return None
    mean_variance, j = found
    r, whole = truncated_share(mean_variance)
    # J(1 − r)/(J(1 − r) + r) with r = r/whole; the denominator is ≥ whole > 0 for J ≥ 1.
    return j * (whole - r) / (j * (whole - r) + r)


def rwg_j(item_counts: Sequence[Counts]) -> float | None:
    """Multi-item agreement rwg(j) = J(1 − r)/(J(1 − r) + r), r = min(s̄², σ²_EU)/σ²_EU.

    James et al. (1984), multilevel::rwg.j; AGREEMENT.md section 3. s̄² is the available-case mean
    of the item sample variances. Items with fewer than two answers have no variance: they are
    left out, and J counts only the items that remain (J = 0 gives None). The truncation keeps
    the result in [0, 1]. Grows with J, so use `rwg_j_lindell` for plain-language labels.
    """
    return rwg_j_of(mean_item_variance_of(_item_sums(item_counts)))


def lindell_of(found: tuple[Ratio, int] | None) -> float | None:
    """r*wg(j) = 1 − s̄²/σ²_EU from the exact mean item variance (see `rwg_j_lindell`)."""
    if found is None:
        return None
    (v, d), _j = found
    return (d * NULL_VARIANCE_NUM - v * NULL_VARIANCE_DEN) / (d * NULL_VARIANCE_NUM)


def rwg_j_lindell(item_counts: Sequence[Counts]) -> float | None:
    """r*wg(j) = 1 − s̄²/σ²_EU (Lindell & Brandt 1999, multilevel::rwg.j.lindell).

    Same available-case s̄² as `rwg_j` (items with n < 2 left out; None if no item remains). Not
    truncated, so it can be negative: −1.67 for a group split between the ends of the scale.
    Does not grow with J, so question and pillar labels share one scale (AGREEMENT.md 3).
    """
    return lindell_of(mean_item_variance_of(_item_sums(item_counts)))


def ad_m_of(values: tuple[int, ...], n: int, s1: int) -> float | None:
    """AD_M from counts already checked and summed (see `ad_m`)."""
    if n < 2:
        return None
    # Σc_k·|k − S1/n|/n = Σc_k·|k·n − S1|/n²: one division of integers.
    return sum(c * abs(k * n - s1) for k, c in zip(SCALE, values, strict=True)) / (n * n)


def ad_m(counts: Counts) -> float | None:
    """Average deviation from the mean, AD_M = Σc_k·|k − mean|/n, in answer steps.

    Burke, Finkelstein & Dusig (1999), multilevel::ad.m; divides by n, not n − 1. None for n < 2
    (AGREEMENT.md 4). Burke & Dunlap's c/6 = 0.83 marks acceptable agreement for 5 options.
    """
    values = checked(counts)
    n, s1, _ = sums(values)
    return ad_m_of(values, n, s1)


def pillar_score(item_counts: Sequence[Counts]) -> float | None:
    """Mean of the 0..100 item scores of the items that have answers; None if none has."""
    return as_float(pillar_score_of(_item_sums(item_counts)))
