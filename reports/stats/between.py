"""Between-group statistics: ICC(1)/ICC(2) and gaps between two groups (AGREEMENT.md section 5)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from reports.stats._exact import (
    SCORE_PER_STEP,
    Counts,
    exact_mean_item_variance,
    exact_pillar_score,
    exact_score,
    exact_variance,
    moments,
)

# Two-sided 95% normal quantile. Groups are small, so this is a screening rule that says "could be
# chance", not a significance test; a t quantile would only widen the band.
Z_95 = Fraction(196, 100)


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
    dropped first. Computed in exact fractions from per-group (n, S1, S2), so identical data give
    an exact 0/0 instead of R's rounding noise (pitfall 9). Undefined (None): fewer than two
    groups, no within-group degrees of freedom, MSB = MSW = 0 for both, MSB = 0 for ICC(2).
    Negative ICC(1) is valid (−1/(k − 1) for identical group means) and is not clipped.
    """
    answered = [m for m in (moments(c) for c in groups) if m.n > 0]
    n_groups = len(answered)
    n_total = sum(m.n for m in answered)
    if n_groups < 2 or n_total - n_groups < 1:
        return Icc(icc1=None, icc2=None)
    s1_total = sum(m.s1 for m in answered)
    between_part = sum((Fraction(m.s1 * m.s1, m.n) for m in answered), Fraction(0))
    ss_between = between_part - Fraction(s1_total * s1_total, n_total)
    ss_within = sum(m.s2 for m in answered) - between_part
    msb = ss_between / (n_groups - 1)
    msw = ss_within / (n_total - n_groups)
    k = Fraction(n_total, n_groups)
    denominator = msb + (k - 1) * msw  # k > 1 here, so this is 0 only when MSB = MSW = 0
    icc1 = float((msb - msw) / denominator) if denominator != 0 else None
    icc2 = float((msb - msw) / msb) if msb != 0 else None
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
    difference: Fraction,
    a: tuple[Fraction | None, int],
    b: tuple[Fraction | None, int],
) -> Gap:
    """A Gap from an exact difference and each side's (variance of one person's score, n)."""
    (var_a, n_a), (var_b, n_b) = a, b
    if var_a is None or var_b is None or n_a < 2 or n_b < 2:
        return Gap(difference=float(difference), standard_error=None, too_few_to_tell=True)
    # Welch: Var(mean_a − mean_b) = s²_a/n_a + s²_b/n_b, in score points squared.
    se_squared = (var_a / n_a + var_b / n_b) * SCORE_PER_STEP**2
    # Compare squares in exact fractions so a boundary case cannot flip on rounding.
    within_noise = difference * difference < Z_95 * Z_95 * se_squared
    return Gap(
        difference=float(difference),
        standard_error=math.sqrt(se_squared),
        too_few_to_tell=within_noise,
    )


def gap(a_counts: Counts, b_counts: Counts) -> Gap | None:
    """Score difference a − b on one question, with a Welch-style standard error.

    Both in score points: 25 per answer step. None when either group has no answers.
    """
    a, b = moments(a_counts), moments(b_counts)
    score_a, score_b = exact_score(a), exact_score(b)
    if score_a is None or score_b is None:
        return None
    return _gap(score_a - score_b, (exact_variance(a), a.n), (exact_variance(b), b.n))


def _pillar_side(item_counts: Sequence[Counts]) -> tuple[Fraction | None, int]:
    """(Conservative variance of one person's pillar mean, n) for one group.

    A person's pillar answer is the mean of J item answers, with variance
    (1/J²)·ΣΣ cov(x_j, x_l) ≤ ((1/J)·Σ s_j)² ≤ (1/J)·Σ s_j²: the covariances are at most
    s_j·s_l when inter-item correlations are ≤ 1, and the square of a mean is at most the mean
    of the squares. So the mean item variance bounds the true variance from above, and using it
    needs no per-person data. n is the smallest item n among the items that have answers (the
    same items as the pillar score), which again errs towards a larger standard error.
    """
    answered = [n for n in (moments(c).n for c in item_counts) if n > 0]
    found = exact_mean_item_variance(item_counts)
    return (None if found is None else found[0]), min(answered, default=0)


def pillar_gap(a_item_counts: Sequence[Counts], b_item_counts: Sequence[Counts]) -> Gap | None:
    """Pillar score difference a − b in score points, with a conservative standard error.

    The pillar score is the mean of the item scores of the items that have answers; the standard
    error comes from `_pillar_side` for each group. None when either group has no answers.
    """
    score_a, score_b = exact_pillar_score(a_item_counts), exact_pillar_score(b_item_counts)
    if score_a is None or score_b is None:
        return None
    return _gap(score_a - score_b, _pillar_side(a_item_counts), _pillar_side(b_item_counts))
