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

# Two-sided 95% quantiles of Student's t, t(0.975; df), in thousandths, rounded up: a gap is
# tested against the t distribution with Welch's degrees of freedom, because groups of 3 to 10
# are common and there the normal 1.96 called 8-15% of chance gaps findings, not 5%. Degrees of
# freedom between two rows use the smaller one's row (the larger quantile), and Welch's df is
# rounded down, so every approximation errs towards "too few to tell".
T_975_THOUSANDTHS = (
    (1, 12_707), (2, 4_303), (3, 3_183), (4, 2_777), (5, 2_571), (6, 2_447), (7, 2_365),
    (8, 2_307), (9, 2_263), (10, 2_229), (11, 2_201), (12, 2_179), (13, 2_161), (14, 2_145),
    (15, 2_132), (16, 2_120), (17, 2_110), (18, 2_101), (19, 2_094), (20, 2_086), (21, 2_080),
    (22, 2_074), (23, 2_069), (24, 2_064), (25, 2_060), (26, 2_056), (27, 2_052), (28, 2_049),
    (29, 2_046), (30, 2_043), (40, 2_022), (60, 2_001), (120, 1_980), (240, 1_970),
    (1000, 1_963),
)  # fmt: skip


def t_975_thousandths(degrees_of_freedom: int) -> int:
    """t(0.975; df) in thousandths, rounded up, for whole df ≥ 1: the row at or below df."""
    if degrees_of_freedom < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {degrees_of_freedom}")
    return next(q for df, q in reversed(T_975_THOUSANDTHS) if df <= degrees_of_freedom)


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
    then, and also when the difference lies within ±t(0.975) standard errors, t with Welch's
    degrees of freedom: it could be chance. about_the_same: it could be chance, and the groups
    are large enough that its 95% interval lies within ±SAME_WITHIN_POINTS: "too few to tell"
    said nothing true of 4,000 people against 400 whose scores lie a point apart.
    """

    difference: float
    standard_error: float | None
    too_few_to_tell: bool
    about_the_same: bool = False


# Score points (0..100, 25 a step): a fifth of an answer step either way.
SAME_WITHIN_POINTS = 5


def welch_degrees_of_freedom(a: Ratio, b: Ratio, n_a: int, n_b: int) -> int | None:
    """Welch-Satterthwaite df, rounded down, from each side's variance of the mean (s²/n, exact
    ratios); None when both are 0 (nothing varies, so there is no noise to test against).

    df = (A + B)² / (A²/(n_a − 1) + B²/(n_b − 1)), cross-multiplied in integers."""
    (a_num, a_den), (b_num, b_den) = a, b
    denominator = a_num**2 * b_den**2 * (n_b - 1) + b_num**2 * a_den**2 * (n_a - 1)
    if denominator == 0:
        return None
    numerator = (a_num * b_den + b_num * a_den) ** 2 * (n_a - 1) * (n_b - 1)
    return numerator // denominator  # ≥ min(n_a, n_b) − 1 ≥ 1


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
    df = welch_degrees_of_freedom((va, da * n_a), (vb, db * n_b), n_a, n_b)
    # difference² < t²·SE², cross-multiplied in integers: a boundary case cannot flip on
    # rounding. With no variance on either side (df None) any difference is real.
    t = 0 if df is None else t_975_thousandths(df)
    within_noise = d * d * 1000**2 * se_squared[1] < t * t * se_squared[0] * dd * dd
    standard_error = math.sqrt(se_squared[0] / se_squared[1])
    return Gap(
        difference=d / dd,
        standard_error=standard_error,
        too_few_to_tell=within_noise,
        about_the_same=within_noise
        and abs(d / dd) + t / 1000 * standard_error < SAME_WITHIN_POINTS,
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
