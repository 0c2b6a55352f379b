"""Exact arithmetic on option counts, shared by the public stats modules.

Every statistic is a ratio of two integers worked out from the counts and divided once, at the
very end. Python's int / int is correctly rounded, so each result is the float nearest the exact
value: degenerate cases (identical answers, equal group means) come out as exact zeros instead of
rounding noise (AGREEMENT.md section 1 and pitfall 9), a band edge such as rwg = 0.70 lands
exactly on it, and comparisons (is a gap within the noise?) are made on the integers.

Ratios are plain (numerator, denominator) pairs, never reduced, rather than fractions.Fraction:
a dashboard asks for tens of thousands of them, and Fraction's normalising and type dispatch
once made the statistics most of the time it takes to build one.
"""

from collections.abc import Iterable, Sequence

SCALE = (1, 2, 3, 4, 5)
# (A² − 1)/12 for A = 5 options: the variance of the discrete uniform null (AGREEMENT.md 2).
NULL_VARIANCE_NUM, NULL_VARIANCE_DEN = len(SCALE) ** 2 - 1, 12
UNIFORM_NULL_VARIANCE = NULL_VARIANCE_NUM / NULL_VARIANCE_DEN
SCALE_WIDTH = SCALE[-1] - SCALE[0]  # d_X in Tastle & Wierman: 4, never the observed range
SCORE_PER_STEP = 100 // SCALE_WIDTH  # one answer step is 25 score points
assert SCORE_PER_STEP * SCALE_WIDTH == 100, "score steps must be whole points"

Counts = Sequence[int]
Ratio = tuple[int, int]  # (numerator, denominator), denominator > 0, not reduced


def checked(counts: Counts) -> tuple[int, ...]:
    """The counts as a tuple, after checking there are five non-negative integers."""
    values = counts if type(counts) is tuple else tuple(counts)
    if len(values) != len(SCALE):
        raise ValueError(f"expected {len(SCALE)} option counts, got {len(values)}")
    for value in values:
        # `type(...) is int` also refuses bool: True as a count is a bug upstream, not a 1.
        if type(value) is not int or value < 0:
            raise ValueError(f"option counts must be non-negative integers, got {values!r}")
    return values


def sums(values: tuple[int, ...]) -> tuple[int, int, int]:
    """Sufficient statistics of one group's answers: n = Σc_k, S1 = Σk·c_k, S2 = Σk²·c_k."""
    c1, c2, c3, c4, c5 = values
    return (
        c1 + c2 + c3 + c4 + c5,
        c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5,
        c1 + 4 * c2 + 9 * c3 + 16 * c4 + 25 * c5,
    )


def variance_of(n: int, s1: int, s2: int) -> Ratio | None:
    """Sample variance (S2 − S1²/n)/(n − 1) = (n·S2 − S1²)/(n(n − 1)); None for n < 2."""
    return (n * s2 - s1 * s1, n * (n - 1)) if n >= 2 else None


def score_of(n: int, s1: int) -> Ratio | None:
    """The mean on the 0..100 score scale: (S1/n − 1)·25 = 25·(S1 − n)/n; None for n = 0."""
    return (SCORE_PER_STEP * (s1 - SCALE[0] * n), n) if n else None


def ratio_sum(ratios: Iterable[Ratio]) -> Ratio:
    """The exact sum of some ratios (0/1 for none)."""
    numerator, denominator = 0, 1
    for a, b in ratios:
        numerator, denominator = numerator * b + a * denominator, denominator * b
    return numerator, denominator


def ratio_mean(ratios: Sequence[Ratio]) -> Ratio | None:
    """The exact mean of some ratios; None for none."""
    if not ratios:
        return None
    numerator, denominator = ratio_sum(ratios)
    return numerator, denominator * len(ratios)


def pillar_score_of(item_sums: Iterable[tuple[int, int, int]]) -> Ratio | None:
    """Mean of the item scores of the items that have answers (DESIGN.md "Scores")."""
    return ratio_mean([score_of(n, s1) for n, s1, _ in item_sums if n])


def mean_item_variance_of(item_sums: Iterable[tuple[int, int, int]]) -> tuple[Ratio, int] | None:
    """Available-case mean item variance and the number of items in it (items with n ≥ 2)."""
    variances = [variance_of(n, s1, s2) for n, s1, s2 in item_sums if n >= 2]
    found = ratio_mean(variances)
    return None if found is None else (found, len(variances))


def truncated_share(variance: Ratio) -> Ratio:
    """min(s², σ²_EU)/σ²_EU: James et al. truncate the observed variance at the null, so that
    rwg = 0 means "no agreement", never negative (AGREEMENT.md 2, multilevel::rwg)."""
    v, d = variance
    if v * NULL_VARIANCE_DEN >= NULL_VARIANCE_NUM * d:
        return 1, 1
    return v * NULL_VARIANCE_DEN, d * NULL_VARIANCE_NUM


def as_float(ratio: Ratio | None) -> float | None:
    return None if ratio is None else ratio[0] / ratio[1]
