"""Within-group location, spread and agreement from option counts (AGREEMENT.md sections 1-4).

`counts` is always five integers: how many of the group answered 1, 2, 3, 4 and 5 to one question,
with "don't know" already left out. Undefined statistics are None, never 0 or 1 (section 1).
"""

import math
from collections.abc import Sequence
from fractions import Fraction

from reports.stats._exact import (
    NULL_VARIANCE,
    SCALE,
    SCORE_PER_STEP,
    Counts,
    checked,
    exact_mean,
    exact_mean_item_variance,
    exact_pillar_score,
    exact_score,
    exact_variance,
    moments,
    to_float,
)


def item_score(value: int) -> float:
    """One answer 1..5 as a 0..100 score: (value − 1)/4 · 100 (DESIGN.md "Scores")."""
    if isinstance(value, bool) or value not in SCALE:
        raise ValueError(f"an answer must be one of {SCALE}, got {value!r}")
    return float((value - SCALE[0]) * SCORE_PER_STEP)


def mean(counts: Counts) -> float | None:
    """Mean answer on the 1..5 scale, S1/n; None when nobody answered."""
    return to_float(exact_mean(moments(counts)))


def score(counts: Counts) -> float | None:
    """The group's mean as a 0..100 score, (mean − 1)/4 · 100; None when nobody answered."""
    return to_float(exact_score(moments(counts)))


def variance(counts: Counts) -> float | None:
    """Sample variance (divides by n − 1, as R's var()); None for n < 2 (AGREEMENT.md 1)."""
    return to_float(exact_variance(moments(counts)))


def sd(counts: Counts) -> float | None:
    """Sample standard deviation in answer steps; None for n < 2."""
    v = exact_variance(moments(counts))
    return None if v is None else math.sqrt(v)


def _truncated_ratio(item_variance: Fraction) -> Fraction:
    # James et al. truncate the observed variance at the null: rwg = 0 means "no agreement",
    # never negative (AGREEMENT.md 2, multilevel::rwg `if (V > ranvar) V <- ranvar`).
    return min(item_variance, NULL_VARIANCE) / NULL_VARIANCE


def rwg(counts: Counts) -> float | None:
    """Single-item agreement rwg = 1 − s²/σ²_EU with σ²_EU = 2.0, truncated at 0.

    James, Demaree & Wolf (1984); AGREEMENT.md section 2. Uses the sample variance, so [3, 4]
    gives 0.75. Identical answers give 1; None for n < 2.
    """
    v = exact_variance(moments(counts))
    return None if v is None else float(1 - _truncated_ratio(v))


def mean_item_variance(item_counts: Sequence[Counts]) -> float | None:
    """Available-case mean of the item sample variances (items with n ≥ 2); None if none.

    Each item's variance comes from its own answers, which can differ from R's listwise deletion
    (AGREEMENT.md section 1, pitfall 7).
    """
    found = exact_mean_item_variance(item_counts)
    return None if found is None else float(found[0])


def rwg_j(item_counts: Sequence[Counts]) -> float | None:
    """Multi-item agreement rwg(j) = J(1 − r)/(J(1 − r) + r), r = min(s̄², σ²_EU)/σ²_EU.

    James et al. (1984), multilevel::rwg.j; AGREEMENT.md section 3. s̄² is the available-case mean
    of the item sample variances. Items with fewer than two answers have no variance: they are
    left out, and J counts only the items that remain (J = 0 gives None). The truncation keeps
    the result in [0, 1]. Grows with J, so use `rwg_j_lindell` for plain-language labels.
    """
    found = exact_mean_item_variance(item_counts)
    if found is None:
        return None
    mean_variance, j = found
    r = _truncated_ratio(mean_variance)
    # J(1 − r) + r ≥ 1 for J ≥ 1 and 0 ≤ r ≤ 1, so the denominator is never 0.
    return float(j * (1 - r) / (j * (1 - r) + r))


def rwg_j_lindell(item_counts: Sequence[Counts]) -> float | None:
    """r*wg(j) = 1 − s̄²/σ²_EU (Lindell & Brandt 1999, multilevel::rwg.j.lindell).

    Same available-case s̄² as `rwg_j` (items with n < 2 left out; None if no item remains). Not
    truncated, so it can be negative: −1.67 for a group split between the ends of the scale.
    Does not grow with J, so question and pillar labels share one scale (AGREEMENT.md 3).
    """
    found = exact_mean_item_variance(item_counts)
    return None if found is None else float(1 - found[0] / NULL_VARIANCE)


def ad_m(counts: Counts) -> float | None:
    """Average deviation from the mean, AD_M = Σc_k·|k − mean|/n, in answer steps.

    Burke, Finkelstein & Dusig (1999), multilevel::ad.m; divides by n, not n − 1. None for n < 2
    (AGREEMENT.md 4). Burke & Dunlap's c/6 = 0.83 marks acceptable agreement for 5 options.
    """
    values = checked(counts)
    m = moments(values)
    if m.n < 2:
        return None
    centre = Fraction(m.s1, m.n)
    total = sum((c * abs(k - centre) for k, c in zip(SCALE, values, strict=True)), Fraction(0))
    return float(total / m.n)


def pillar_score(item_counts: Sequence[Counts]) -> float | None:
    """Mean of the 0..100 item scores of the items that have answers; None if none has."""
    return to_float(exact_pillar_score(item_counts))
