"""Per-question and per-pillar summaries, plain-language labels and hotspot ranking.

AGREEMENT.md section 10 (what a leader sees) and pitfall 11 (how to rank hotspots).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from reports.stats._exact import (
    Counts,
    Ratio,
    as_float,
    checked,
    mean_item_variance_of,
    pillar_score_of,
    ratio_mean,
    score_of,
    sums,
    variance_of,
)
from reports.stats.between import Gap
from reports.stats.ordinal import agreement_a_of, cns_of, polarised_of
from reports.stats.within import ad_m_of, lindell_of, rwg_j_of, rwg_of

AGREE = "agree"
SOME_DISAGREEMENT = "some_disagreement"
SPLIT = "split"
TWO_CAMPS = "two_camps"
TOO_FEW = "too_few"
AGREEMENT_LABELS = (AGREE, SOME_DISAGREEMENT, SPLIT, TWO_CAMPS, TOO_FEW)

# LeBreton & Senter's bands collapsed to three words (AGREEMENT.md 10): rwg ≥ .70 means answers
# typically within about one step (SD ≤ 0.77); below .30 the SD is above 1.18.
AGREE_FROM = 0.70
SOME_DISAGREEMENT_FROM = 0.30

K = TypeVar("K")


def agreement_label(index: float | None, *, polarised: bool) -> str:
    """The leader-facing label for an agreement index on the rwg scale (rwg or r*wg(j)).

    ≥ .70 agree, .30 to < .70 some disagreement, < .30 split; a polarised group is "two camps"
    whatever the index. None (too few answers) wins over everything: nothing can be said.
    """
    if index is None:
        return TOO_FEW
    if polarised:
        return TWO_CAMPS
    if index >= AGREE_FROM:
        return AGREE
    if index >= SOME_DISAGREEMENT_FROM:
        return SOME_DISAGREEMENT
    return SPLIT


@dataclass(frozen=True)
class ItemStats:
    """One group's answers to one question. Undefined statistics are None (AGREEMENT.md 1).

    The three indices only the question page and the exports show (AD_M, Cns, A) are worked out
    from the counts when first asked for, then kept: a dashboard holds hundreds of these and its
    other pages never read them.
    """

    counts: tuple[int, ...]  # answers 1..5, "don't know" left out
    n: int
    mean: float | None  # 1..5
    sd: float | None  # answer steps, sample SD
    variance: float | None  # sample variance, n − 1
    score: float | None  # mean on 0..100
    rwg: float | None  # truncated, uniform null
    polarised: bool  # the "two camps" rule
    agreement: str  # one of AGREEMENT_LABELS

    @cached_property
    def ad_m(self) -> float | None:
        """Answer steps from the mean, divides by n."""
        return ad_m_of(self.counts, self.n, sums(self.counts)[1])

    @cached_property
    def cns(self) -> float | None:
        """Tastle & Wierman's consensus."""
        return cns_of(self.counts, self.n, sums(self.counts)[1])

    @cached_property
    def agreement_a(self) -> float | None:
        """van der Eijk's agreement A."""
        return agreement_a_of(self.counts, self.n)


def item_stats(counts: Counts) -> ItemStats:
    """Everything the reports show or export for one group and one question.

    Works for n = 0 (all None, not polarised, label "too_few").
    """
    values = checked(counts)
    n, s1, s2 = sums(values)
    exact_variance = variance_of(n, s1, s2)
    variance = as_float(exact_variance)
    polarised = polarised_of(values)
    agreement = rwg_of(exact_variance)
    return ItemStats(
        counts=values,
        n=n,
        mean=s1 / n if n else None,
        sd=None if variance is None else math.sqrt(variance),
        variance=variance,
        score=as_float(score_of(n, s1)),
        rwg=agreement,
        polarised=polarised,
        agreement=agreement_label(agreement, polarised=polarised),
    )


@dataclass(frozen=True)
class PillarStats:
    """One group's answers to a pillar's questions (available-case, item by item)."""

    n_answers: int  # numeric answers over all the pillar's questions
    score_ratio: Ratio | None  # mean of the item scores of items with answers, exactly
    rwg_j: float | None  # James et al., truncated; for exports and detail views
    rwg_j_lindell: float | None  # r*wg(j), may be negative; drives the label
    mean_item_variance: float | None
    agreement: str  # one of AGREEMENT_LABELS except TWO_CAMPS
    polarised_items: int  # how many of the pillar's questions split into two camps

    @property
    def score(self) -> float | None:
        return as_float(self.score_ratio)


def pillar_stats(item_counts: Sequence[Counts], *, label_from: int = 0) -> PillarStats:
    """Pillar-level summary. The label comes from r*wg(j) floored at 0, not from rwg(j), so a
    pillar cannot read "agree" above three questions that each read "some disagreement"
    (rwg(j) grows with J; AGREEMENT.md section 3). A pillar is never labelled "two camps" itself:
    `polarised_items` says how many of its questions are.

    `label_from` is the anonymity threshold: as for a question (pitfall 13), no label when an
    item the agreement rests on (n ≥ 2) has fewer answers than that; the numbers stay."""
    items = [checked(c) for c in item_counts]
    item_sums = [sums(c) for c in items]
    found = mean_item_variance_of(item_sums)
    lindell = lindell_of(found)
    too_few = any(2 <= n < label_from for n, _s1, _s2 in item_sums)
    return PillarStats(
        n_answers=sum(n for n, _s1, _s2 in item_sums),
        score_ratio=pillar_score_of(item_sums),
        rwg_j=rwg_j_of(found),
        rwg_j_lindell=lindell,
        mean_item_variance=None if found is None else as_float(found[0]),
        agreement=agreement_label(
            None if lindell is None or too_few else max(0.0, lindell), polarised=False
        ),
        polarised_items=sum(1 for c in items if polarised_of(c)),
    )


def overall_score_of(pillars: Iterable[PillarStats]) -> float | None:
    """Mean of the pillar scores that exist, worked out exactly: averaging the pillars' floats
    can print an exact 47.5 as 47 (47.49999999999999), and a band edge such as 59.5 in the
    lower band."""
    found = ratio_mean([p.score_ratio for p in pillars if p.score_ratio is not None])
    return as_float(found)


def disagreement_sort_key(stats: ItemStats) -> tuple[int, int, float]:
    """Sort key for "where do people disagree most": use with sorted(..., key=...).

    Polarised questions first, then larger variance first. Not rwg: it is truncated, so every
    widely spread question ties at 0 (pitfall 11). Questions without a variance (n < 2) go last.
    """
    if stats.variance is None:
        return (1, 1, 0.0)
    return (0 if stats.polarised else 1, 0, -stats.variance)


def rank_gaps(gaps: Iterable[tuple[K, Gap]]) -> list[tuple[K, Gap]]:
    """Gaps largest |difference| first, with every too-few-to-tell gap after all real findings.

    Stable: equal gaps keep their input order.
    """
    return sorted(gaps, key=lambda item: (item[1].too_few_to_tell, -abs(item[1].difference)))
