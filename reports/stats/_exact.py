"""Exact arithmetic on option counts, shared by the public stats modules.

Everything here works in `fractions.Fraction` so that degenerate cases (identical answers, equal
group means) come out as exact zeros instead of rounding noise (AGREEMENT.md section 1 and
pitfall 9). Public functions convert to float at the very end.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

SCALE = (1, 2, 3, 4, 5)
# (A² − 1)/12 for A = 5 options: the variance of the discrete uniform null (AGREEMENT.md 2).
UNIFORM_NULL_VARIANCE = (len(SCALE) ** 2 - 1) / 12
NULL_VARIANCE = Fraction(len(SCALE) ** 2 - 1, 12)
SCALE_WIDTH = SCALE[-1] - SCALE[0]  # d_X in Tastle & Wierman: 4, never the observed range
SCORE_PER_STEP = Fraction(100, SCALE_WIDTH)  # one answer step is 25 score points

Counts = Sequence[int]


@dataclass(frozen=True)
class Moments:
    """Sufficient statistics of one group's answers: n = Σc_k, s1 = Σk·c_k, s2 = Σk²·c_k."""

    n: int
    s1: int
    s2: int


def checked(counts: Counts) -> tuple[int, ...]:
    """The counts as a tuple, after checking there are five non-negative integers."""
    values = tuple(counts)
    if len(values) != len(SCALE):
        raise ValueError(f"expected {len(SCALE)} option counts, got {len(values)}")
    for value in values:
        # bool is an int subclass; True as a count is a bug upstream, not a 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"option counts must be non-negative integers, got {values!r}")
    return values


def moments(counts: Counts) -> Moments:
    return _moments(checked(counts))


# A dashboard asks about the same few hundred count vectors thousands of times (every group's
# statistics, then gaps, hotspots and drill-downs over them): pure, so remembered.
@lru_cache(maxsize=16384)
def _moments(values: tuple[int, ...]) -> Moments:
    return Moments(
        n=sum(values),
        s1=sum(k * c for k, c in zip(SCALE, values, strict=True)),
        s2=sum(k * k * c for k, c in zip(SCALE, values, strict=True)),
    )


@lru_cache(maxsize=16384)
def exact_mean(m: Moments) -> Fraction | None:
    return Fraction(m.s1, m.n) if m.n > 0 else None


@lru_cache(maxsize=16384)
def exact_variance(m: Moments) -> Fraction | None:
    """Sample variance (S2 − S1²/n)/(n − 1) = (n·S2 − S1²)/(n(n − 1)); None for n < 2."""
    if m.n < 2:
        return None
    return Fraction(m.n * m.s2 - m.s1 * m.s1, m.n * (m.n - 1))


@lru_cache(maxsize=16384)
def exact_score(m: Moments) -> Fraction | None:
    """The mean on the 0..100 score scale: (mean − 1)/4 · 100."""
    mean = exact_mean(m)
    return None if mean is None else (mean - SCALE[0]) * SCORE_PER_STEP


def exact_pillar_score(item_counts: Sequence[Counts]) -> Fraction | None:
    """Mean of the item scores of the items that have answers (DESIGN.md "Scores")."""
    scores = [s for s in (exact_score(moments(c)) for c in item_counts) if s is not None]
    return sum(scores, Fraction(0)) / len(scores) if scores else None


def exact_mean_item_variance(item_counts: Sequence[Counts]) -> tuple[Fraction, int] | None:
    """Available-case mean item variance and the number of items in it (items with n ≥ 2)."""
    variances = [v for v in (exact_variance(moments(c)) for c in item_counts) if v is not None]
    if not variances:
        return None
    return sum(variances, Fraction(0)) / len(variances), len(variances)


def to_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def memo_clear() -> None:
    """Forget every remembered result (benchmarks use it to measure a truly cold build)."""
    for function in (_moments, exact_mean, exact_variance, exact_score):
        function.cache_clear()
