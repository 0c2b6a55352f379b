"""Table tests for reports.stats: hand-computed values, no database, no Django.

Expected values come from AGREEMENT.md (its worked examples and anchors were computed with the R
reference implementations) or are worked out by hand in the comments.
"""

import math
import random
import statistics
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.stats import (
    AGREE,
    SCALE,
    SOME_DISAGREEMENT,
    SPLIT,
    TOO_FEW,
    TWO_CAMPS,
    UNIFORM_NULL_VARIANCE,
    Camps,
    Gap,
    Icc,
    ad_m,
    agreement_a,
    agreement_label,
    camps,
    cns,
    disagreement_sort_key,
    gap,
    icc,
    is_polarised,
    item_score,
    item_stats,
    mean,
    mean_item_variance,
    overall_score_of,
    pillar_gap,
    pillar_score,
    pillar_stats,
    rank_gaps,
    rwg,
    rwg_j,
    rwg_j_lindell,
    score,
    sd,
    variance,
)
from reports.stats.between import t_975_thousandths, welch_degrees_of_freedom


def counts_of(*answers: int) -> tuple[int, ...]:
    """Option counts for a list of answers: counts_of(3, 4) == (0, 0, 1, 1, 0)."""
    return tuple(answers.count(k) for k in SCALE)


def answers_of(counts: tuple[int, ...]) -> list[int]:
    return [k for k, c in zip(SCALE, counts, strict=True) for _ in range(c)]


EMPTY = (0, 0, 0, 0, 0)


def test_constants():
    assert SCALE == (1, 2, 3, 4, 5)
    assert UNIFORM_NULL_VARIANCE == 2.0  # discrete uniform (A² − 1)/12, not 1.333 (pitfall 2)


def test_counts_of_helper():
    assert counts_of(3, 4) == (0, 0, 1, 1, 0)
    assert answers_of((1, 0, 2, 0, 0)) == [1, 3, 3]


# --- AGREEMENT.md section 10: worked examples, to the printed precision ------------------------

WORKED_EXAMPLES = [
    # answers, mean, SD, rwg, AD_M, Cns, A, two camps?, label
    ((4, 4, 4, 4, 4), 4.0, 0.00, 1.00, 0.00, 1.00, 1.00, False, AGREE),
    ((4, 4, 4, 5, 5), 4.4, 0.55, 0.85, 0.48, 0.82, 0.80, False, AGREE),
    ((3, 4, 4, 4, 5), 4.0, 0.71, 0.75, 0.40, 0.83, 0.70, False, AGREE),
    ((3, 3, 4, 5, 5), 4.0, 1.00, 0.50, 0.80, 0.67, 0.37, False, SOME_DISAGREEMENT),
    ((2, 3, 4, 4, 5), 3.6, 1.14, 0.35, 0.88, 0.62, 0.40, False, SOME_DISAGREEMENT),
    ((2, 2, 4, 4, 4), 3.2, 1.10, 0.40, 0.96, 0.60, 0.33, True, TWO_CAMPS),
    ((1, 3, 3, 3, 5), 3.0, 1.41, 0.00, 0.80, 0.60, 0.23, False, SPLIT),
    ((1, 2, 3, 4, 5), 3.0, 1.58, 0.00, 1.20, 0.43, 0.00, True, TWO_CAMPS),
    ((1, 2, 4, 5, 5), 3.4, 1.82, 0.00, 1.52, 0.27, 0.09, True, TWO_CAMPS),
    ((1, 1, 1, 5, 5), 2.6, 2.19, 0.00, 1.92, 0.03, -0.60, True, TWO_CAMPS),
]


@pytest.mark.parametrize(
    ("answers", "mean_", "sd_", "rwg_", "ad", "cns_", "a", "two_camps", "label"),
    WORKED_EXAMPLES,
    ids=["".join(map(str, row[0])) for row in WORKED_EXAMPLES],
)
def test_worked_examples(answers, mean_, sd_, rwg_, ad, cns_, a, two_camps, label):
    stats = item_stats(counts_of(*answers))
    assert stats.n == 5
    assert stats.mean == pytest.approx(mean_, abs=0.05)
    assert stats.sd == pytest.approx(sd_, abs=0.005)
    assert stats.rwg == pytest.approx(rwg_, abs=0.005)
    assert stats.ad_m == pytest.approx(ad, abs=0.005)
    assert stats.cns == pytest.approx(cns_, abs=0.005)
    assert stats.agreement_a == pytest.approx(a, abs=0.005)
    assert stats.polarised is two_camps
    assert stats.agreement == label


def test_worked_example_4_4_4_5_5_exactly():
    # mean 22/5; s² = (98 − 22²/5)/4 = 0.3; rwg = 1 − 0.3/2 = 0.85;
    # AD = (3·0.4 + 2·0.6)/5 = 0.48; score = (4.4 − 1)/4·100 = 85.
    stats = item_stats((0, 0, 0, 3, 2))
    assert (stats.mean, stats.variance, stats.rwg, stats.ad_m, stats.score) == pytest.approx(
        (4.4, 0.3, 0.85, 0.48, 85.0), abs=1e-12
    )
    assert stats.sd == pytest.approx(math.sqrt(0.3), abs=1e-12)


# --- Section 1-2: variance, rwg ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected_variance", "expected_rwg"),
    [
        (counts_of(3, 4), 0.5, 0.75),  # sample variance; the population one would give 0.875
        (counts_of(1, 5), 8.0, 0.0),  # s² = 8 > 2: truncated (−3 untruncated)
        (counts_of(1, 1, 1, 5, 5, 5), 4.8, 0.0),  # −1.4 untruncated
        (counts_of(2, 2, 2), 0.0, 1.0),  # identical answers: full agreement
        (counts_of(2, 4), 2.0, 0.0),  # exactly at the null
        (counts_of(3, 3, 4, 4), 1 / 3, 5 / 6),
        (counts_of(1, 2, 3), 1.0, 0.5),
        (counts_of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5), 20 / 9, 0.0),
    ],
)
def test_variance_and_rwg(counts, expected_variance, expected_rwg):
    assert variance(counts) == pytest.approx(expected_variance, abs=1e-12)
    assert sd(counts) == pytest.approx(math.sqrt(expected_variance), abs=1e-12)
    assert rwg(counts) == pytest.approx(expected_rwg, abs=1e-12)


@pytest.mark.parametrize(
    ("counts", "expected_rwg", "label"),
    [
        # [3×3, 4×5, 5×3]: S1 = 44, Σx² = 182, s² = (11·182 − 44²)/(11·10) = 66/110 = 3/5,
        # so rwg = 1 − 0.3 = 0.7 exactly: the lower edge of "agree" (pitfall 9)
        ((0, 0, 3, 5, 3), 0.7, AGREE),
        # [2, 3×4, 5×6]: S1 = 44, Σx² = 190, s² = (2090 − 1936)/110 = 7/5, rwg = 0.3 exactly
        # (1 − 1.4/2 in floats would be 0.30000000000000004)
        ((0, 1, 4, 0, 6), 0.3, SOME_DISAGREEMENT),
    ],
)
def test_rwg_band_edges_are_exact(counts, expected_rwg, label):
    assert rwg(counts) == expected_rwg
    assert item_stats(counts).agreement == label


@pytest.mark.parametrize("counts", [EMPTY, counts_of(4)])
def test_fewer_than_two_answers_are_undefined_not_zero(counts):
    assert variance(counts) is None
    assert sd(counts) is None
    assert rwg(counts) is None
    assert ad_m(counts) is None
    assert rwg_j([counts, counts, counts]) is None
    assert rwg_j_lindell([counts, counts, counts]) is None
    assert mean_item_variance([counts, counts, counts]) is None


def test_one_answer_keeps_location_and_consensus():
    stats = item_stats(counts_of(4))
    assert (stats.n, stats.mean, stats.score) == (1, 4.0, 75.0)
    assert (stats.sd, stats.variance, stats.rwg, stats.ad_m) == (None, None, None, None)
    assert stats.cns == 1.0  # agrmt's "all in one category" rule (AGREEMENT.md 6.1)
    assert stats.agreement_a == 1.0  # same rule for van der Eijk's A: one category is +1
    assert stats.polarised is False
    assert stats.agreement == TOO_FEW


def test_no_answers_gives_nothing():
    stats = item_stats(EMPTY)
    assert stats.counts == EMPTY
    assert stats.n == 0
    assert (stats.mean, stats.sd, stats.variance, stats.score) == (None, None, None, None)
    assert (stats.rwg, stats.ad_m, stats.cns, stats.agreement_a) == (None, None, None, None)
    assert stats.polarised is False
    assert stats.agreement == TOO_FEW


def test_mean_and_score():
    assert mean(EMPTY) is None
    assert score(EMPTY) is None
    assert mean(counts_of(1, 2)) == 1.5
    assert score(counts_of(1, 2)) == 12.5
    assert score(counts_of(5, 5)) == 100.0
    assert score(counts_of(1)) == 0.0
    assert mean(counts_of(1, 1, 2)) == pytest.approx(4 / 3)


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)]
)
def test_item_score(value, expected):
    assert item_score(value) == expected


@pytest.mark.parametrize("value", [0, 6, -1, True, 2.5])
def test_item_score_rejects_values_off_the_scale(value):
    with pytest.raises(ValueError):
        item_score(value)


@pytest.mark.parametrize(
    "counts",
    [(1, 2, 3, 4), (1, 2, 3, 4, 5, 6), (1, -1, 0, 0, 0), (1.0, 0, 0, 0, 0), (True, 0, 0, 0, 0)],
)
def test_malformed_counts_are_rejected(counts):
    with pytest.raises(ValueError):
        item_stats(counts)


# --- Section 4: AD_M -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (counts_of(3, 3, 3), 0.0),
        (counts_of(1, 5), 2.0),  # the maximum: half at each end
        (counts_of(1, 1, 5, 5), 2.0),
        (counts_of(1, 3, 3, 3, 5), 0.8),  # rwg = 0 but AD acceptable (AGREEMENT.md 4)
        (counts_of(3, 4), 0.5),  # divides by n: (0.5 + 0.5)/2
        (counts_of(1, 2, 2), 4 / 9),  # mean 5/3: (2/3 + 1/3 + 1/3)/3
    ],
)
def test_ad_m(counts, expected):
    assert ad_m(counts) == pytest.approx(expected, abs=1e-12)


# --- Section 6.1: Tastle & Wierman Cns ------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected", "printed"),
    [
        # uniform: 1 + 0.2·(2·log2(1/2) + 2·log2(3/4)) = 0.6 + 0.4·log2(3/4)
        ((1, 1, 1, 1, 1), 0.6 + 0.4 * math.log2(0.75), 0.434),
        ((4, 4, 4, 4, 4), 0.6 + 0.4 * math.log2(0.75), 0.434),
        # (.1, .2, .4, .2, .1): 1 + 0.2·log2(1/2) + 0.4·log2(3/4)
        ((1, 2, 4, 2, 1), 0.8 + 0.4 * math.log2(0.75), 0.634),
        # all at 1: category 5 would need log2(0), but p = 0 there and one category gives 1
        ((5, 0, 0, 0, 0), 1.0, 1.0),
        # answers only at 3 and 4 in equal shares: μ = 3.5, 1 + log2(1 − 0.5/4) = log2(7/8) + 1;
        # with d = observed range (1) it would wrongly be 0
        ((0, 0, 1, 1, 0), 1 + math.log2(7 / 8), 0.807),
        ((0, 0, 3, 3, 0), 1 + math.log2(7 / 8), 0.807),
        # half at each end: 1 + log2(1/2) = 0
        ((1, 0, 0, 0, 1), 0.0, 0.0),
        ((3, 0, 0, 0, 3), 0.0, 0.0),
        ((0, 0, 1, 0, 0), 1.0, 1.0),  # n = 1
    ],
)
def test_cns_anchors(counts, expected, printed):
    assert cns(counts) == pytest.approx(expected, abs=1e-12)
    assert round(cns(counts), 3) == printed


def test_cns_is_undefined_without_answers():
    assert cns(EMPTY) is None


# --- Section 6.2: van der Eijk A -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((0, 0, 7, 0, 0), 1.0),  # one category
        ((1, 0, 0, 0, 0), 1.0),
        ((1, 1, 1, 1, 1), 0.0),  # uniform
        ((3, 3, 3, 3, 3), 0.0),
        ((1, 0, 0, 0, 1), -1.0),  # two equal extreme camps
        ((4, 0, 0, 0, 4), -1.0),
        # [1, 2, 4, 4, 5]: layer 11011 (weight 4/5, TU = 2, TDU = 4, U = −5/9, A = −5/36)
        # plus layer 00010 (weight 1/5, A = 1): −1/9 + 1/5 = 4/45 ≈ +0.089
        ((1, 1, 0, 2, 1), 4 / 45),
        # [1, 5, 5, 5]: layer 10001 (weight 1/2, A = −1) and 00001 (weight 1/2, A = 1) → 0
        ((1, 0, 0, 0, 3), 0.0),
        # [4, 4, 4, 5, 5]: layer 00011 (weight 4/5, TU = 3, U = 1, A = 3/4) + 00010 (1/5): 4/5
        ((0, 0, 0, 3, 2), 0.8),
        # two adjacent categories in equal shares: one layer 00110, A = 3/4
        ((0, 0, 2, 2, 0), 0.75),
    ],
)
def test_agreement_a_anchors(counts, expected):
    assert agreement_a(counts) == pytest.approx(expected, abs=1e-12)


def test_agreement_a_is_undefined_without_answers():
    assert agreement_a(EMPTY) is None


# --- Section 6.2: the two-camps rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1, 0, 0, 0, 4), False),  # a lone dissenter is not a camp
        ((0, 1, 0, 0, 9), False),
        ((2, 2, 2, 2, 2), True),  # uniform 4/2/4 out of 10: camps of 4 ≥ max(2, ⌈10/4⌉ = 3)
        ((0, 2, 6, 2, 0), False),  # centred group with a few on each side
        ((0, 1, 3, 1, 0), False),
        ((1, 2, 1, 2, 2), True),  # "3 of 8 disagree, 4 of 8 agree", 1 in the middle
        ((2, 0, 0, 0, 2), True),  # n = 4: camps of 2
        ((1, 0, 0, 0, 1), False),  # n = 2: too few to speak of camps
        ((1, 0, 1, 0, 1), False),  # n = 3: camps of 1 are below the minimum 2
        ((2, 0, 2, 0, 2), False),  # the middle as large as a camp
        ((2, 0, 1, 0, 2), True),  # the middle smaller than both camps
        ((2, 0, 0, 0, 7), False),  # n = 9: a camp needs ⌈9/4⌉ = 3
        ((3, 0, 0, 0, 6), True),
        ((2, 0, 0, 5, 5), False),  # n = 12: a camp needs 3
        ((1, 2, 1, 4, 4), True),
        ((0, 0, 0, 0, 0), False),
        ((0, 0, 5, 0, 0), False),
        # A wide spread with its peak in the middle is one group, not two camps (found by an
        # independent check: the pooled rule flagged these, drawn from one population).
        ((9, 15, 19, 15, 11), False),
        ((12, 17, 19, 8, 13), False),
        ((5, 17, 21, 15, 11), False),
        ((9, 19, 15, 19, 11), True),  # the middle less common than the peak on either side
        ((6, 15, 15, 11, 9), False),  # ...on each: as common as the left peak, above the right
    ],
)
def test_is_polarised(counts, expected):
    assert is_polarised(counts) is expected


def test_camps_for_the_label_text():
    assert camps((1, 4, 1, 3, 3)) == Camps(disagree=5, neutral=1, agree=6)


# --- Section 10: labels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "polarised", "expected"),
    [
        (None, False, TOO_FEW),
        (None, True, TOO_FEW),  # nothing can be said without an index
        (1.0, False, AGREE),
        (0.7, False, AGREE),
        (0.6999, False, SOME_DISAGREEMENT),
        (0.5, False, SOME_DISAGREEMENT),
        (0.3, False, SOME_DISAGREEMENT),
        (0.2999, False, SPLIT),
        (0.0, False, SPLIT),
        (-1.5, False, SPLIT),
        (0.9, True, TWO_CAMPS),  # polarised overrides the index
        (0.0, True, TWO_CAMPS),
    ],
)
def test_agreement_label(index, polarised, expected):
    assert agreement_label(index, polarised=polarised) == expected


def test_item_label_uses_rwg():
    # [1, 2, 2, 2]: S1 = 7, Σx² = 13, s² = (4·13 − 49)/12 = 1/4 → rwg 0.875 → agree
    stats = item_stats(counts_of(1, 2, 2, 2))
    assert stats.rwg == 0.875
    assert stats.agreement == AGREE


# --- Section 3: rwg(j) and r*wg(j) ---------------------------------------------------------------

VARIANCE_ONE = counts_of(3, 3, 4, 5, 5)  # S1 = 20, Σx² = 84: s² = (84 − 80)/4 = 1
SPLIT_AT_ENDS = counts_of(1, 1, 5, 5)  # mean 3: s² = 4·16/3 = 16/3


@pytest.mark.parametrize(
    ("items", "expected_rwg_j", "expected_lindell", "expected_mean_variance"),
    [
        # J = 3, s̄² = 1: r = 1/2, rwg(j) = 3·½/(3·½ + ½) = 0.75 although each item has rwg 0.5
        ([VARIANCE_ONE] * 3, 0.75, 0.5, 1.0),
        # item variances 1/2, 2, 1/2 (n = 2 each): s̄² = 1, same as above
        ([counts_of(3, 4), counts_of(2, 4), counts_of(3, 4)], 0.75, 0.5, 1.0),
        # split at the ends: s̄² = 16/3 > 2 is truncated, so rwg(j) = 0; r*wg(j) = 1 − 8/3
        ([SPLIT_AT_ENDS] * 3, 0.0, -5 / 3, 16 / 3),
        # everyone identical on every item
        ([counts_of(4, 4, 4)] * 3, 1.0, 1.0, 0.0),
        # J = 1 reduces to rwg: s² = 1/2 → 0.75
        ([counts_of(3, 4)], 0.75, 0.75, 0.5),
        # items with n < 2 are left out: only VARIANCE_ONE counts, J = 1: ½/(½ + ½) = 0.5
        ([VARIANCE_ONE, counts_of(5), EMPTY], 0.5, 0.5, 1.0),
        # J = 2, variances 1 and 0: s̄² = ½, r = ¼: 2·¾/(2·¾ + ¼) = 6/7
        ([VARIANCE_ONE, counts_of(2, 2)], 6 / 7, 0.75, 0.5),
        # J = 3, s̄² = 2 exactly: r = 1 → 0 (and r*wg(j) = 0)
        ([counts_of(2, 4)] * 3, 0.0, 0.0, 2.0),
    ],
)
def test_rwg_j_and_lindell(items, expected_rwg_j, expected_lindell, expected_mean_variance):
    assert rwg_j(items) == pytest.approx(expected_rwg_j, abs=1e-12)
    assert rwg_j_lindell(items) == pytest.approx(expected_lindell, abs=1e-12)
    assert mean_item_variance(items) == pytest.approx(expected_mean_variance, abs=1e-12)


def test_rwg_j_is_undefined_without_any_item_variance():
    assert rwg_j([]) is None
    assert rwg_j([counts_of(3), EMPTY, counts_of(5)]) is None
    assert rwg_j_lindell([counts_of(3), EMPTY]) is None


# --- Pillars -------------------------------------------------------------------------------------


def test_pillar_label_follows_lindell_not_the_inflated_rwg_j():
    stats = pillar_stats([VARIANCE_ONE] * 3)
    assert stats.n_answers == 15
    assert stats.score == 75.0  # every item has mean 4
    assert stats.rwg_j == pytest.approx(0.75)  # would read "agree"
    assert stats.rwg_j_lindell == pytest.approx(0.5)
    assert stats.mean_item_variance == pytest.approx(1.0)
    assert stats.agreement == SOME_DISAGREEMENT  # same scale as each question's label
    assert stats.polarised_items == 0


def test_split_pillar_floors_lindell_for_the_label_only():
    stats = pillar_stats([SPLIT_AT_ENDS, SPLIT_AT_ENDS, counts_of(3, 3, 3, 3)])
    # s̄² = (16/3 + 16/3 + 0)/3 = 32/9: r*wg(j) = 1 − 16/9 = −7/9, stored unclipped
    assert stats.rwg_j_lindell == pytest.approx(-7 / 9)
    assert stats.rwg_j == 0.0
    assert stats.agreement == SPLIT
    assert stats.polarised_items == 2
    assert stats.score == 50.0


def test_pillar_score_uses_only_items_with_answers():
    # item means 4 (score 75) and 3.5 (62.5); the third item has only "don't know"
    items = [VARIANCE_ONE, counts_of(3, 4), EMPTY]
    assert pillar_score(items) == 68.75
    stats = pillar_stats(items)
    assert stats.score == 68.75
    assert stats.n_answers == 7
    assert stats.mean_item_variance == pytest.approx(0.75)


def test_overall_score_is_the_exact_mean_of_the_pillars():
    """12 people answer all 15 questions; the pillars' answers sum to 166, 68, 130, 101 and 57
    (36 answers each), so the overall score is 25·(522 − 180)/180 = 47.5 exactly. Averaging the
    pillars' floats (90.277…, 22.222…, 65.277…, 45.138…, 14.583…) gives 47.49999999999999,
    which would print 47 where halves round up to 48."""

    def item(total):  # 12 answers summing to `total`: ones, then fives, one in between
        extra = total - 12
        fives, rest = divmod(extra, 4)
        counts = [12 - fives - (1 if rest else 0), 0, 0, 0, fives]
        if rest:
            counts[rest] += 1
        return tuple(counts)

    pillars = [
        pillar_stats([item(total // 3 + (i < total % 3)) for i in range(3)])
        for total in (166, 68, 130, 101, 57)
    ]
    assert statistics.fmean(p.score for p in pillars) < 47.5  # the float path's error
    assert overall_score_of(pillars) == 47.5
    assert overall_score_of([*pillars, pillar_stats([EMPTY])]) == 47.5  # no answers: left out
    assert overall_score_of([pillar_stats([EMPTY])]) is None


def test_empty_pillar():
    stats = pillar_stats([EMPTY, EMPTY, EMPTY])
    assert stats.n_answers == 0
    assert stats.score is None
    assert (stats.rwg_j, stats.rwg_j_lindell, stats.mean_item_variance) == (None, None, None)
    assert stats.agreement == TOO_FEW
    assert stats.polarised_items == 0


def test_pillar_with_one_answer_per_item_has_a_score_but_no_agreement():
    stats = pillar_stats([counts_of(5), counts_of(4), counts_of(3)])
    assert stats.score == 75.0
    assert stats.rwg_j is None
    assert stats.agreement == TOO_FEW


# --- Section 5: ICC ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "expected_icc1", "expected_icc2"),
    [
        # Balanced: [1, 2, 3] and [3, 4, 5]. N = 6, K = 2, k = 3, grand mean 3.
        # SSB = 3·1² + 3·1² = 6, MSB = 6/1; SSW = 2 + 2 = 4, MSW = 4/4 = 1.
        # ICC(1) = (6 − 1)/(6 + 2·1) = 5/8; ICC(2) = 5/6.
        ([counts_of(1, 2, 3), counts_of(3, 4, 5)], 5 / 8, 5 / 6),
        # Unbalanced: [1, 3] (mean 2, SS 2) and [3, 4, 5, 4] (mean 4, SS 2). N = 6, K = 2,
        # k = N/K = 3 (Bliese), grand mean 10/3. SSB = 2·(4/3)² + 4·(2/3)² = 16/3 = MSB;
        # MSW = 4/4 = 1. ICC(1) = (13/3)/(16/3 + 2) = 13/22 (the k0 = 8/3 variant would give
        # 13/21); ICC(2) = (13/3)/(16/3) = 13/16.
        ([counts_of(1, 3), counts_of(3, 4, 5, 4)], 13 / 22, 13 / 16),
        # Three unbalanced groups: [2, 2], [3, 4], [4, 5, 5]. N = 7, K = 3, k = 7/3.
        # SSB = 16/2 + 49/2 + 196/3 − 625/7 = 359/42, MSB = 359/84;
        # SSW = 0 + 1/2 + 2/3 = 7/6, MSW = 7/24; MSB − MSW = 669/168;
        # MSB + (4/3)·MSW = 359/84 + 7/18 = 1175/252.
        # ICC(1) = (669/168)/(1175/252) = 2007/2350; ICC(2) = 669/718.
        ([counts_of(2, 2), counts_of(3, 4), counts_of(4, 5, 5)], 2007 / 2350, 669 / 718),
        # The same with a group that has no answers: dropped first, so nothing changes.
        ([counts_of(2, 2), EMPTY, counts_of(3, 4), counts_of(4, 5, 5)], 2007 / 2350, 669 / 718),
        # Identical group means ([1, 3, 5] three times): MSB = 0, MSW = 24/6 = 4, k = 3:
        # ICC(1) = −4/(0 + 2·4) = −1/(k − 1) = −0.5, kept negative; ICC(2) = 0/0 → None.
        ([counts_of(1, 3, 5)] * 3, -0.5, None),
        # No spread inside groups, groups differ: MSW = 0 → both 1.
        ([counts_of(1, 1, 1), counts_of(5, 5)], 1.0, 1.0),
        # All answers identical: MSB = MSW = 0 → undefined, not R's 0.2424 (pitfall 9).
        ([counts_of(3, 3, 3), counts_of(3, 3)], None, None),
        # A single group with answers.
        ([counts_of(1, 2, 5)], None, None),
        ([counts_of(1, 2, 5), EMPTY], None, None),
        # No within-group degrees of freedom: one answer per group.
        ([counts_of(1), counts_of(5), counts_of(3)], None, None),
        ([], None, None),
    ],
)
def test_icc(groups, expected_icc1, expected_icc2):
    result = icc(groups)
    assert isinstance(result, Icc)
    if expected_icc1 is None:
        assert result.icc1 is None
    else:
        assert result.icc1 == pytest.approx(expected_icc1, abs=1e-12)
    if expected_icc2 is None:
        assert result.icc2 is None
    else:
        assert result.icc2 == pytest.approx(expected_icc2, abs=1e-12)


def test_icc1_for_identical_means_is_minus_one_over_k_minus_one():
    # k = 4: two groups of four with equal means 3: −1/3
    result = icc([counts_of(2, 3, 3, 4), counts_of(1, 3, 3, 5)])
    assert result.icc1 == pytest.approx(-1 / 3, abs=1e-12)
    assert result.icc2 is None


# --- Gaps ----------------------------------------------------------------------------------------


def test_clear_gap():
    # a: five 4s and five 5s, mean 4.5 (87.5); b: five 1s and five 2s, mean 1.5 (12.5).
    # Each s² = 10·0.25/9 = 5/18; SE = 25·√(2·(5/18)/10) = 25·√(1/18) ≈ 5.893.
    result = gap((0, 0, 0, 5, 5), (5, 5, 0, 0, 0))
    assert result.difference == 75.0
    assert result.standard_error == pytest.approx(25 / math.sqrt(18), abs=1e-12)
    assert result.standard_error == pytest.approx(5.8926, abs=1e-4)
    assert result.too_few_to_tell is False


def test_gap_within_the_noise_is_too_few_to_tell():
    # a = [1..5] (mean 3, s² 2.5), b = [1, 2, 3, 4, 5, 5] (mean 10/3, s² = (80 − 600/9)/5 = 8/3)
    # difference 25·(3 − 10/3) = −25/3; SE² = 625·(2.5/5 + (8/3)/6) = 625·17/18 → SE ≈ 24.30.
    result = gap((1, 1, 1, 1, 1), (1, 1, 1, 1, 2))
    assert result.difference == pytest.approx(-25 / 3)
    assert result.standard_error == pytest.approx(25 * math.sqrt(17 / 18))
    assert result.too_few_to_tell is True


@pytest.mark.parametrize(
    ("a", "b", "about_the_same"),
    [
        # 100 each, half 3s and half 4s: s² = 25/99, SE = 25·√(2·(25/99)/100) = 25/√198 ≈ 1.777,
        # df 198, t 1.980 (the 120 row): the interval 0 ± 3.52 lies within ±5.
        ((0, 0, 50, 50, 0), (0, 0, 50, 50, 0), True),
        # 55 3s against 50: −1.25 ± 1.980·1.772 reaches 4.76, still within 5.
        ((0, 0, 55, 45, 0), (0, 0, 50, 50, 0), True),
        # 60 3s against 50: −2.5 ± 3.48 reaches 5.98: could be chance, and could be 6 points.
        ((0, 0, 60, 40, 0), (0, 0, 50, 50, 0), False),
        # 40 each: SE = 25/√78 ≈ 2.831, t(78) 2.001 (the 60 row): 0 ± 5.66.
        ((0, 0, 20, 20, 0), (0, 0, 20, 20, 0), False),
    ],
)
def test_a_gap_that_could_be_chance_is_about_the_same_when_both_groups_pin_it_down(
    a, b, about_the_same
):
    """ "Too few to tell" said nothing true of large groups a point apart."""
    result = gap(a, b)
    assert result.too_few_to_tell is True
    assert result.about_the_same is about_the_same


def test_a_real_gap_is_never_about_the_same():
    # 4,000 against 4,000, a quarter of a step apart: small, but no chance.
    result = gap((0, 0, 3000, 1000, 0), (0, 0, 2000, 2000, 0))
    assert result.difference == -6.25
    assert (result.too_few_to_tell, result.about_the_same) == (False, False)


@pytest.mark.parametrize(
    ("a", "b", "difference"),
    [
        (counts_of(5), counts_of(1, 1, 1), 100.0),  # one answer: no variance, cannot tell
        (counts_of(1, 1, 1), counts_of(5), -100.0),
        (counts_of(3), counts_of(4), -25.0),
    ],
)
def test_gap_with_a_single_answer_is_too_few_to_tell(a, b, difference):
    result = gap(a, b)
    assert result == Gap(difference=difference, standard_error=None, too_few_to_tell=True)


def test_gap_without_answers_is_none():
    assert gap(EMPTY, counts_of(3, 4)) is None
    assert gap(counts_of(3, 4), EMPTY) is None


def test_unanimous_groups_differ_for_certain():
    assert gap(counts_of(3, 3, 3), counts_of(4, 4)) == Gap(-25.0, 0.0, False)
    assert gap(counts_of(4, 4), counts_of(4, 4, 4)) == Gap(0.0, 0.0, False)


def test_small_groups_are_tested_against_t_not_the_normal():
    # a = [3, 4, 4]: mean 11/3, s² = 1/3; b = [2, 3, 3, 3]: mean 11/4, s² = 1/4.
    # difference 25·11/12 ≈ 22.917; SE² = 625·(1/9 + 1/16) = 625·25/144, SE = 125/12 ≈ 10.417:
    # 2.2 standard errors, a finding by the normal 1.96. Welch's df = (25/144)² /
    # ((1/9)²/2 + (1/16)²/3) ≈ 4.03 → 4, t = 2.777 > 2.2: too few to tell.
    result = gap(counts_of(3, 4, 4), counts_of(2, 3, 3, 3))
    assert result.difference == pytest.approx(275 / 12)
    assert result.standard_error == pytest.approx(125 / 12)
    assert result.too_few_to_tell is True
    assert welch_degrees_of_freedom((1, 9), (1, 16), 3, 4) == 4


@pytest.mark.parametrize("size", [3, 4, 6])
def test_chance_gaps_between_small_groups_are_rarely_findings(size):
    """Two groups from one population differ by chance only: a 95% test may call at most about
    one such difference in twenty a finding. The normal 1.96 called 15% (3 people), 10% (4) and
    8% (6) of them findings; Welch's t keeps it near 5%."""
    rng = random.Random(size)
    weights = (8, 17, 30, 30, 15)  # a typical spread of answers

    def group() -> tuple[int, ...]:
        return counts_of(*rng.choices(SCALE, weights, k=size))

    tested = [gap(group(), group()) for _ in range(4000)]
    tested = [g for g in tested if g.standard_error is not None]
    findings = sum(1 for g in tested if not g.too_few_to_tell) / len(tested)
    assert findings < 0.06


@pytest.mark.parametrize(
    ("df", "quantile"),
    [(1, 12_707), (2, 4_303), (4, 2_777), (10, 2_229), (30, 2_043), (35, 2_043), (59, 2_022),
     (120, 1_980), (500, 1_970), (10**6, 1_963)],
)  # fmt: skip
def test_t_quantile_takes_the_row_at_or_below(df, quantile):
    # Printed tables: t(0.975; 1) = 12.706, t(4) = 2.776, t(10) = 2.228, t(30) = 2.042,
    # t(40) = 2.021, t(120) = 1.980; rounded up in the last digit, never down.
    assert t_975_thousandths(df) == quantile


def test_t_quantile_needs_a_degree_of_freedom():
    with pytest.raises(ValueError):
        t_975_thousandths(0)


def test_welch_degrees_of_freedom():
    # Equal variances of the mean and equal n: df = 2(n − 1). One side without variance: the
    # other side's n − 1. Neither: None.
    assert welch_degrees_of_freedom((1, 5), (1, 5), 5, 5) == 8
    assert welch_degrees_of_freedom((0, 1), (1, 7), 3, 7) == 6
    assert welch_degrees_of_freedom((0, 1), (0, 3), 3, 4) is None


def test_pillar_gap_equal_items_matches_the_item_gap():
    a, b = [(0, 0, 0, 5, 5)] * 3, [(5, 5, 0, 0, 0)] * 3
    assert pillar_gap(a, b) == gap((0, 0, 0, 5, 5), (5, 5, 0, 0, 0))


def test_pillar_gap_uses_mean_item_variance_and_smallest_item_n():
    # a: item means 4 (75) and 3.5 (62.5), third item all "don't know": score 68.75;
    #    mean item variance (1 + 1/2)/2 = 3/4, n = min(5, 2) = 2.
    # b: all 5s on every item: score 100, variance 0, n = 4.
    # difference −31.25; SE = 25·√(3/4 / 2) ≈ 15.309. Only a varies, so Welch's df = n_a − 1 = 1
    # and t = 12.707: 31.25 is far inside ±194.5, too few to tell (1.96·SE ≈ 30.006 would not be).
    result = pillar_gap([VARIANCE_ONE, counts_of(3, 4), EMPTY], [counts_of(5, 5, 5, 5)] * 3)
    assert result.difference == -31.25
    assert result.standard_error == pytest.approx(25 * math.sqrt(3 / 8))
    assert result.too_few_to_tell is True
    # Five people on each item of a, each item with mean 3 (score 50) and s² = 1: df = 4,
    # t = 2.777, SE = 25·√(1/5) ≈ 11.180, 2.777·SE ≈ 31.05 < 50: a finding.
    five = [counts_of(2, 2, 3, 4, 4)] * 2 + [EMPTY]
    result = pillar_gap(five, [counts_of(5, 5, 5, 5)] * 3)
    assert result.difference == -50.0
    assert result.standard_error == pytest.approx(25 / math.sqrt(5))
    assert result.too_few_to_tell is False


def test_pillar_gap_with_a_one_answer_item_is_too_few_to_tell():
    result = pillar_gap([counts_of(4), (0, 0, 0, 5, 5)], [(5, 5, 0, 0, 0)] * 2)
    # a: scores 75 and 87.5 → 81.25; b: 12.5 → difference 68.75
    assert result == Gap(difference=68.75, standard_error=None, too_few_to_tell=True)


def test_pillar_gap_without_answers_is_none():
    assert pillar_gap([EMPTY] * 3, [VARIANCE_ONE] * 3) is None
    assert pillar_gap([VARIANCE_ONE] * 3, [EMPTY] * 3) is None


# --- Hotspot ranking -----------------------------------------------------------------------------


def test_disagreement_ranking_puts_camps_first_then_variance():
    by_name = {
        "lone dissenter": item_stats(counts_of(1, 5, 5, 5)),  # s² = 4, rwg 0, not polarised
        "outlier pair": item_stats(counts_of(1, 3, 3, 3, 5)),  # s² = 2, rwg 0
        "agree": item_stats(counts_of(4, 4, 4, 5)),  # s² = 1/4
        "mild camps": item_stats(counts_of(2, 2, 4, 4, 4)),  # s² = 1.2, polarised
        "deep camps": item_stats(counts_of(1, 1, 1, 5, 5)),  # s² = 4.8, polarised
        "one answer": item_stats(counts_of(3)),
        "no answers": item_stats(EMPTY),
        "unanimous": item_stats(counts_of(2, 2)),  # s² = 0
    }
    ranked = sorted(by_name, key=lambda name: disagreement_sort_key(by_name[name]))
    assert ranked == [
        "deep camps",
        "mild camps",
        "lone dissenter",  # ties with "outlier pair" on rwg = 0; variance separates them
        "outlier pair",
        "agree",
        "unanimous",
        "one answer",  # no variance: last, in input order
        "no answers",
    ]


def test_rank_gaps():
    gaps = [
        ("small", Gap(10.0, 2.0, False)),
        ("unclear big", Gap(50.0, None, True)),
        ("big negative", Gap(-30.0, 5.0, False)),
        ("noise", Gap(40.0, 30.0, True)),
        ("big positive", Gap(30.0, 1.0, False)),
        ("none", Gap(0.0, 0.0, False)),
    ]
    assert [key for key, _ in rank_gaps(gaps)] == [
        "big negative",  # |−30| ties with +30: input order kept
        "big positive",
        "small",
        "none",
        "unclear big",  # too few to tell: after every real finding, however large
        "noise",
    ]
    assert rank_gaps([]) == []
    assert rank_gaps(iter(gaps[:1])) == gaps[:1]


# --- Properties ----------------------------------------------------------------------------------

counts_strategy = st.tuples(*[st.integers(min_value=0, max_value=25)] * 5)
answered = counts_strategy.filter(lambda c: sum(c) > 0)


@given(counts_strategy)
def test_item_indices_stay_in_their_ranges(counts):
    stats = item_stats(counts)
    if stats.n < 2:
        assert stats.rwg is None and stats.ad_m is None and stats.sd is None
    else:
        assert 0.0 <= stats.rwg <= 1.0
        assert 0.0 <= stats.ad_m <= 2.0
        assert stats.variance >= 0.0
    if stats.n == 0:
        assert stats.cns is None and stats.agreement_a is None and stats.score is None
    else:
        assert 0.0 <= stats.cns <= 1.0
        assert -1.0 <= stats.agreement_a <= 1.0
        assert 0.0 <= stats.score <= 100.0


@given(answered)
def test_mirror_image_keeps_spread_and_consensus(counts):
    mirrored = tuple(reversed(counts))
    assert cns(mirrored) == pytest.approx(cns(counts), abs=1e-12)
    assert agreement_a(mirrored) == pytest.approx(agreement_a(counts), abs=1e-12)
    assert is_polarised(mirrored) == is_polarised(counts)
    assert score(mirrored) == pytest.approx(100 - score(counts), abs=1e-9)


@given(counts_strategy.filter(lambda c: sum(c) >= 2))
def test_variance_and_rwg_match_the_raw_answers(counts):
    answers = answers_of(counts)
    expected_variance = statistics.variance(Fraction(a) for a in answers)
    assert variance(counts) == float(expected_variance)
    assert rwg(counts) == pytest.approx(max(0.0, 1 - float(expected_variance) / 2), abs=1e-12)
    assert rwg_j([counts]) == pytest.approx(rwg(counts), abs=1e-12)  # J = 1 is rwg


@given(st.lists(counts_strategy, min_size=1, max_size=5))
def test_rwg_j_never_exceeds_one(items):
    value, lindell = rwg_j(items), rwg_j_lindell(items)
    assert (value is None) == (lindell is None)
    if value is not None:
        assert 0.0 <= value <= 1.0
        assert lindell <= 1.0
        assert lindell >= 1 - max(variance(c) or 0.0 for c in items) / 2 - 1e-12


def _icc_from_raw_answers(groups: list[tuple[int, ...]]) -> tuple[float, float] | None:
    """Textbook one-way ANOVA on the raw answers (deviations from the means, not the counts'
    sums of squares), exact, with Bliese's k = N/K."""
    data = [[Fraction(a) for a in answers_of(c)] for c in groups if sum(c) > 0]
    everyone = [a for group in data for a in group]
    n_total, n_groups = len(everyone), len(data)
    if n_groups < 2 or n_total == n_groups:
        return None
    grand = sum(everyone) / n_total
    group_means = [sum(g) / len(g) for g in data]
    ssb = sum(len(g) * (m - grand) ** 2 for g, m in zip(data, group_means, strict=True))
    ssw = sum((a - m) ** 2 for g, m in zip(data, group_means, strict=True) for a in g)
    msb, msw = ssb / (n_groups - 1), ssw / (n_total - n_groups)
    k = Fraction(n_total, n_groups)
    if msb == 0:
        return None
    return float((msb - msw) / (msb + (k - 1) * msw)), float((msb - msw) / msb)


@given(st.lists(counts_strategy, min_size=2, max_size=5))
def test_icc_from_counts_matches_anova_on_raw_answers(groups):
    result = icc(groups)
    expected = _icc_from_raw_answers(groups)
    if expected is None:
        assert result.icc2 is None
    else:
        assert (result.icc1, result.icc2) == expected
        assert result.icc1 <= 1.0 and result.icc2 <= 1.0


@given(answered, answered)
def test_gap_is_antisymmetric(a, b):
    forward, backward = gap(a, b), gap(b, a)
    assert forward.difference == -backward.difference
    assert forward.standard_error == backward.standard_error
    assert forward.too_few_to_tell == backward.too_few_to_tell
    assert -100.0 <= forward.difference <= 100.0


# Every statistic is worked out in integers and divided once, so it must be the float nearest the
# exact value: the same as working in fractions on the raw answers and rounding at the end.


def _exact_item(counts: tuple[int, ...]) -> dict[str, Fraction | None]:
    answers = [Fraction(a) for a in answers_of(counts)]
    if not answers:
        return {"mean": None, "score": None, "variance": None, "rwg": None, "ad_m": None}
    centre = sum(answers) / len(answers)
    var = statistics.variance(answers) if len(answers) >= 2 else None
    return {
        "mean": centre,
        "score": (centre - 1) * 25,
        "variance": var,
        "rwg": None if var is None else 1 - min(var, Fraction(2)) / 2,
        "ad_m": None if var is None else sum(abs(a - centre) for a in answers) / len(answers),
    }


def _rounded(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


@given(st.tuples(*[st.integers(min_value=0, max_value=60)] * 5))
def test_item_statistics_are_the_nearest_floats_to_the_exact_values(counts):
    found = item_stats(counts)
    for name, exact in _exact_item(counts).items():
        assert getattr(found, name) == _rounded(exact), name


@given(st.lists(counts_strategy, min_size=1, max_size=6))
def test_pillar_statistics_are_the_nearest_floats_to_the_exact_values(items):
    exact = [_exact_item(c) for c in items]
    scores = [e["score"] for e in exact if e["score"] is not None]
    variances = [e["variance"] for e in exact if e["variance"] is not None]
    found = pillar_stats(items)
    assert found.score == (_rounded(sum(scores) / len(scores)) if scores else None)
    mean_variance = sum(variances) / len(variances) if variances else None
    assert found.mean_item_variance == _rounded(mean_variance)
    assert found.rwg_j_lindell == (None if mean_variance is None else float(1 - mean_variance / 2))


@given(answered, answered)
def test_gap_is_exact_and_decides_the_noise_on_exact_values(a, b):
    ea, eb = _exact_item(a), _exact_item(b)
    found = gap(a, b)
    difference = ea["score"] - eb["score"]
    assert found.difference == float(difference)
    if ea["variance"] is None or eb["variance"] is None:
        assert found.standard_error is None and found.too_few_to_tell
        return
    se_squared = (ea["variance"] / sum(a) + eb["variance"] / sum(b)) * 625
    assert found.standard_error == math.sqrt(float(se_squared))
    var_a, var_b = ea["variance"] / sum(a), eb["variance"] / sum(b)
    if var_a + var_b == 0:
        assert found.too_few_to_tell is False
        return
    df = (var_a + var_b) ** 2 / (var_a**2 / (sum(a) - 1) + var_b**2 / (sum(b) - 1))
    t = Fraction(t_975_thousandths(math.floor(df)), 1000)
    assert found.too_few_to_tell == (difference**2 < t**2 * se_squared)


def test_a_pillar_gets_no_label_from_questions_too_few_answered():
    """AGREEMENT.md pitfall 13: "Platforms: split views" stood above three questions that each
    read "too few answers" (n = 0, 1 and 2), from the two answers of one of them."""
    items = [(0, 0, 0, 0, 0), (0, 0, 0, 1, 0), (1, 0, 0, 0, 1)]
    assert pillar_stats(items).agreement == SPLIT  # the statistic itself is still there
    shown = pillar_stats(items, label_from=5)
    assert shown.agreement == TOO_FEW
    assert shown.score == pillar_stats(items).score and shown.rwg_j_lindell is not None
    enough = [(0, 0, 1, 4, 0), (0, 0, 1, 4, 0), (0, 0, 0, 5, 0)]
    assert pillar_stats(enough, label_from=5).agreement == AGREE
