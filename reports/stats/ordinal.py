"""Ordinal consensus and polarisation from option counts (AGREEMENT.md section 6)."""

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from reports.stats._exact import SCALE, SCALE_WIDTH, Counts, checked

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
    n = sum(values)
    if n == 0:
        return None
    if sum(1 for c in values if c > 0) == 1:
        return 1.0
    mu = Fraction(sum(k * c for k, c in zip(SCALE, values, strict=True)), n)
    # With two or more categories μ lies strictly inside the scale, so no log argument is 0.
    terms = (
        c / n * math.log2(1 - abs(k - mu) / SCALE_WIDTH)
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


def agreement_a(counts: Counts) -> float | None:
    """van der Eijk (2001) agreement A in [−1, 1], as agrmt::agreement (default algorithm).

    AGREEMENT.md 6.2: peel the distribution into layers by repeatedly subtracting the smallest
    non-zero count from every non-empty category; A is the mean of the layers' agreement weighted
    by each layer's share of the answers. +1: one category (so n = 1 gives 1.0); 0: uniform;
    −1: two equal camps at the ends. None for n = 0.
    """
    remaining = list(checked(counts))
    n = sum(remaining)
    if n == 0:
        return None
    total = Fraction(0)
    while any(remaining):
        step = min(c for c in remaining if c > 0)
        pattern = tuple(c > 0 for c in remaining)
        total += Fraction(step * sum(pattern), n) * _layer_agreement(pattern)
        remaining = [c - step if c > 0 else 0 for c in remaining]
    return float(total)


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
    """
    split = camps(counts)
    n = split.disagree + split.neutral + split.agree
    if n < 3:
        return False
    smallest_camp = max(2, -(-n // 4))  # -(-n // 4) is ⌈n/4⌉ in integers
    return (
        split.disagree >= smallest_camp
        and split.agree >= smallest_camp
        and split.neutral < min(split.disagree, split.agree)
    )
