"""Between-group statistics: ICC(1)/ICC(2) and gaps between two groups (AGREEMENT.md section 5)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reports.stats._exact import (
    SCORE_PER_STEP,
    Counts,
    Ratio,
    checked,
    mean_item_variance_of,
    pillar_score_of,
    ratio_sum,
    score_of,
    sums,
    variance_of,
)

# Two-sided 95% normal quantile, 1.96 = 196/100. Groups are small, so this is a screening rule
# that says "could be chance", not a significance test; a t quantile would only widen the band.
Z_95_NUM, Z_95_DEN = 196, 100


@dataclass(frozen=True)
class Icc:
    """ICC(1): share of answer variance explained by the group; ICC(2): reliability of group
    means. Either is None when undefined (AGREEMENT.md 5)."""

    icc1: float | None
    icc2: float | None


def icc(groups: Sequence[Counts]) -> Icc:
    """ICC(1) and ICC(2) from a one-way ANOVA of the answer on the group (Bliese 2000).

    ICC(1) = (MSB − MSW)/(MSB + (k − 1)·MSW) with k = N/K, the plain mean group size, as
    multilevel::ICC1 (not the textbook k0); ICC(2) = (MSB − MSW)/MSB. Groups without answers are
    dropped first. Computed exactly, in integers, from per-group (n, S1, S2), so identical data give
    an exact 0/0 instead of R's rounding noise (pitfall 9). Undefined (None): fewer than two
    groups, no within-group degrees of freedom, MSB = MSW = 0 for both, MSB = 0 for ICC(2).
    Negative ICC(1) is valid (−1/(k − 1) for identical group means) and is not clipped.
    """
    answered = [t for t in (sums(checked(c)) for c in groups) if t[0] > 0]
    k_groups = len(answered)
    n_total = sum(n for n, _s1, _s2 in answered)
    if k_groups < 2 or n_total - k_groups < 1:
        return Icc(icc1=None, icc2=None)
    s1_total = sum(s1 for _n, s1, _s2 in answered)
    # Σ S1²/n over the groups, the part SSB and SSW share, as one exact ratio.
    between, between_den = ratio_sum([(s1 * s1, n) for n, s1, _s2 in answered])
    # MSB = a/b and MSW = c/d, each an exact ratio of integers with a positive denominator.
    a = between * n_total - s1_total * s1_total * between_den  # SSB, over between_den·N
    b = between_den * n_total * (k_groups - 1)
    c = sum(s2 for _n, _s1, s2 in answered) * between_den - between  # SSW, over between_den
    d = between_den * (n_total - k_groups)
    # ICC(1) = (MSB − MSW)/(MSB + (k − 1)·MSW) with k − 1 = (N − K)/K, over one denominator;
    # MSB, MSW ≥ 0, so it is 0 only when both are (k > 1 here).
    icc1_den = a * k_groups * d + (n_total - k_groups) * c * b
    icc1 = k_groups * (a * d - c * b) / icc1_den if icc1_den != 0 else None
    icc2 = (a * d - c * b) / (a * d) if a != 0 else None
    return Icc(icc1=icc1, icc2=icc2)


@dataclass(frozen=True)
class Gap:
    """Group a minus group b, in score points (0..100 scale).

    standard_error is None when either group has fewer than two answers. too_few_to_tell is True
    then, and also when the difference lies within ±1.96 standard errors: it could be chance.
    """

    difference: float
    standard_error: float | None
    too_few_to_tell: bool


def _gap(
    difference: Ratio,
    a: tuple[Ratio | None, int],
    b: tuple[Ratio | None, int],
) -> Gap:
    """A Gap from an exact difference and each side's (variance of one person's score, n)."""
    (var_a, n_a), (var_b, n_b) = a, b
    d, dd = difference
    if var_a is None or var_b is None or n_a < 2 or n_b < 2:
        return Gap(difference=d / dd, standard_error=None, too_few_to_tell=True)
    (va, da), (vb, db) = var_a, var_b
    # Welch: Var(mean_a − mean_b) = s²_a/n_a + s²_b/n_b, in score points squared.
    se_squared = SCORE_PER_STEP**2 * (va * db * n_b + vb * da * n_a), da * n_a * db * n_b
    # difference² < 1.96²·SE², cross-multiplied in integers: a boundary case cannot flip on
    # rounding.
    within_noise = d * d * Z_95_DEN**2 * se_squared[1] < Z_95_NUM**2 * se_squared[0] * dd * dd
    return Gap(
        difference=d / dd,
        standard_error=math.sqrt(se_squared[0] / se_squared[1]),
        too_few_to_tell=within_noise,
    )


def _difference(a: Ratio, b: Ratio) -> Ratio:
    return a[0] * b[1] - b[0] * a[1], a[1] * b[1]


def gap(a_counts: Counts, b_counts: Counts) -> Gap | None:
    """Score difference a − b on one question, with a Welch-style standard error.

    Both in score points: 25 per answer step. None when either group has no answers.
    """
    n_a, s1_a, s2_a = sums(checked(a_counts))
    n_b, s1_b, s2_b = sums(checked(b_counts))
    if n_a == 0 or n_b == 0:
        return None
    return _gap(
        _difference(score_of(n_a, s1_a), score_of(n_b, s1_b)),
        (variance_of(n_a, s1_a, s2_a), n_a),
        (variance_of(n_b, s1_b, s2_b), n_b),
    )


def _pillar_side(item_sums: list[tuple[int, int, int]]) -> tuple[Ratio | None, Ratio | None, int]:
    """(Pillar score, conservative variance of one person's pillar mean, n) for one group.

    A person's pillar answer is the mean of J item answers, with variance
    (1/J²)·ΣΣ cov(x_j, x_l) ≤ ((1/J)·Σ s_j)² ≤ (1/J)·Σ s_j²: the covariances are at most
    s_j·s_l when inter-item correlations are ≤ 1, and the square of a mean is at most the mean
    of the squares. So the mean item variance bounds the true variance from above, and using it
    needs no per-person data. n is the smallest item n among the items that have answers (the
    same items as the pillar score), which again errs towards a larger standard error.
    """
    found = mean_item_variance_of(item_sums)
    return (
        pillar_score_of(item_sums),
        None if found is None else found[0],
        min((n for n, _s1, _s2 in item_sums if n > 0), default=0),
    )


def pillar_gap(a_item_counts: Sequence[Counts], b_item_counts: Sequence[Counts]) -> Gap | None:
    """Pillar score difference a − b in score points, with a conservative standard error.

    The pillar score is the mean of the item scores of the items that have answers; the standard
    error comes from `_pillar_side` for each group. None when either group has no answers.
    """
    score_a, variance_a, n_a = _pillar_side([sums(checked(c)) for c in a_item_counts])
    score_b, variance_b, n_b = _pillar_side([sums(checked(c)) for c in b_item_counts])
    if score_a is None or score_b is None:
        return None
    return _gap(_difference(score_a, score_b), (variance_a, n_a), (variance_b, n_b))
