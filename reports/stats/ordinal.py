"""Ordinal consensus and polarisation from option counts (AGREEMENT.md section 6)."""

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, product
from math import lcm

from reports.stats._exact import SCALE, SCALE_WIDTH, Counts, checked, sums

_K = len(SCALE)
# van der Eijk counts every triple of categories i < j < k, not only adjacent ones: with adjacent
# triples [1, 2, 4, 4, 5] would give A = 0.244 instead of agrmt's 0.089.
_TRIPLES = tuple(combinations(range(_K), 3))


def cns(counts: Counts) -> float | None:
    """Tastle & Wierman (2007) consensus, Cns = 1 + Σ p_k·log2(1 − |k − μ|/d), d = 4.

    AGREEMENT.md 6.1. d is the width of the scale, never the observed range. Empty categories
    are skipped (0·log 0 := 0), and all answers in one category give 1, as agrmt::consensus does;
    so n = 1 gives 1.0 (show "too few answers" anyway). 0 means half at each end. None for n = 0.
    """
    values = checked(counts)
    n, s1, _ = sums(values)
    return cns_of(values, n, s1)


def cns_of(values: tuple[int, ...], n: int, s1: int) -> float | None:
    """Cns from counts already checked and summed (see `cns`)."""
    if n == 0:
        return None
    if values.count(0) == _K - 1:
        return 1.0
    # 1 − |k − S1/n|/d = (d·n − |k·n − S1|)/(d·n): exact before the logarithm. With two or more
    # categories μ lies strictly inside the scale, so no log argument is 0.
    width = SCALE_WIDTH * n
    terms = (
        c / n * math.log2((width - abs(k * n - s1)) / width)
        for k, c in zip(SCALE, values, strict=True)
        if c > 0
    )
    return 1 + math.fsum(terms)


def _layer_agreement(pattern: tuple[bool, ...]) -> Fraction:
    """van der Eijk's A for one 0/1 layer: U·(1 − (S − 1)/(K − 1)); 1 for a single category."""
    s = sum(pattern)
    if s == 1:
        return Fraction(1)
    tu = tdu = 0
    for i, j, k in _TRIPLES:
        triple = (pattern[i], pattern[j], pattern[k])
        if triple in ((True, True, False), (False, True, True)):
            tu += 1
        elif triple == (True, False, True):
            tdu += 1
    if tu + tdu == 0:  # the uniform layer: U is set to 0
        return Fraction(0)
    u = Fraction((_K - 2) * tu - (_K - 1) * tdu, (_K - 2) * (tu + tdu))
    return u * (1 - Fraction(s - 1, _K - 1))


# A layer's agreement depends only on which categories it covers: 31 patterns, worked out once
# and kept as integer numerators over one common denominator, so A needs no fractions.
_PATTERNS = [p for p in product((False, True), repeat=_K) if any(p)]
_LAYER_DENOMINATOR = lcm(*(_layer_agreement(p).denominator for p in _PATTERNS))
_LAYER_NUMERATOR = {
    p: int(_layer_agreement(p) * _LAYER_DENOMINATOR) * sum(p) for p in _PATTERNS
}  # × S: a layer's weight is step·S/n


def agreement_a(counts: Counts) -> float | None:
    """van der Eijk (2001) agreement A in [−1, 1], as agrmt::agreement (default algorithm).

    AGREEMENT.md 6.2: peel the distribution into layers by repeatedly subtracting the smallest
    non-zero count from every non-empty category; A is the mean of the layers' agreement weighted
    by each layer's share of the answers. +1: one category (so n = 1 gives 1.0); 0: uniform;
    −1: two equal camps at the ends. None for n = 0.
    """
    values = checked(counts)
    return agreement_a_of(values, sum(values))


def agreement_a_of(values: tuple[int, ...], n: int) -> float | None:
    """A from counts already checked and summed (see `agreement_a`)."""
    if n == 0:
        return None
    # Peeling layers off is the same as cutting the counts at each distinct level: the layer
    # between two levels covers the categories holding at least the upper one.
    c1, c2, c3, c4, c5 = values
    total = previous = 0  # Σ step·S·A_layer, over n·_LAYER_DENOMINATOR
    for level in sorted({c1, c2, c3, c4, c5}):
        if level:
            layer = (c1 >= level, c2 >= level, c3 >= level, c4 >= level, c5 >= level)
            total += (level - previous) * _LAYER_NUMERATOR[layer]
            previous = level
    return total / (n * _LAYER_DENOMINATOR)


@dataclass(frozen=True)
class Camps:
    """How many answered on each side of the middle: 1-2 disagree, 3 neutral, 4-5 agree."""

    disagree: int
    neutral: int
    agree: int


def camps(counts: Counts) -> Camps:
    c1, c2, c3, c4, c5 = checked(counts)
    return Camps(disagree=c1 + c2, neutral=c3, agree=c4 + c5)


def is_polarised(counts: Counts) -> bool:
    """The "two camps" product rule of AGREEMENT.md 6.2 (not from the literature).

    True when n ≥ 3, both the 1-2 camp and the 4-5 camp hold at least max(2, ⌈n/4⌉) answers, and
    fewer answered 3 than are in either camp. A lone dissenter is not a camp; a centred group with
    a few on each side is not split; a uniform 4/2/4 out of 10 is.

    One addition to AGREEMENT.md's rule: 3 must also be no more common than the most common
    answer on each side, or the "middle" is the peak of a one-peaked spread. Without it, answers
    drawn from one population with a centred peak (10/20/30/25/15 %) were called two camps in
    43 % of groups of 69 (an independent check, by simulation). Every worked example of
    AGREEMENT.md keeps its flag.
    """
    return polarised_of(checked(counts))


def polarised_of(values: tuple[int, ...]) -> bool:
    """The two-camps rule on counts already checked (see `is_polarised`)."""
    c1, c2, neutral, c4, c5 = values
    disagree, agree = c1 + c2, c4 + c5
    n = disagree + neutral + agree
    if n < 3:
        return False
    smallest_camp = max(2, -(-n // 4))  # -(-n // 4) is ⌈n/4⌉ in integers
    return (
        disagree >= smallest_camp
        and agree >= smallest_camp
        and neutral < min(disagree, agree)
        and neutral <= min(max(c1, c2), max(c4, c5))  # the middle is no peak (`is_polarised`)
    )
