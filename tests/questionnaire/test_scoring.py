import statistics
from fractions import Fraction

import pytest

from questionnaire.scoring import (
    item_score,
    maturity_band,
    overall_score,
    pillar_score,
    respondent_scores,
)


@pytest.mark.parametrize(("value", "score"), [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)])
def test_item_score_maps_scale_to_0_100(value, score):
    assert item_score(value) == score


@pytest.mark.parametrize(
    ("values", "score"),
    [
        ((4, 4, 4), 75),
        ((1, 3, 5), 50),
        ((5, None, 3), 75),  # don't know is left out, not counted as zero
        ((None, None, None), None),
    ],
)
def test_pillar_score_ignores_dont_know(values, score):
    assert pillar_score(values) == score


def test_overall_is_mean_of_known_pillars():
    assert overall_score([50, 100, None]) == 75
    assert overall_score([None]) is None


def test_overall_of_exact_pillar_scores_is_exact():
    # Pillars of 36 answers summing to 166, 68, 130, 101, 57: exactly 47.5 overall, which the
    # mean of the rounded pillar floats misses (47.49999999999999, printed 47).
    exact = [Fraction(25 * (total - 36), 36) for total in (166, 68, 130, 101, 57)]
    assert statistics.fmean(float(s) for s in exact) < 47.5
    assert overall_score(exact) == 47.5


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (0, "inside_out"),
        (39.4, "inside_out"),
        (39.6, "enabler"),  # shown as 40, so it reads as 40
        (59, "enabler"),
        (60, "accelerator"),
        (79.49, "accelerator"),
        (80, "core"),
        (100, "core"),
        (None, None),
    ],
)
def test_maturity_band_boundaries(overall, band):
    assert maturity_band(overall) == band


def test_respondent_scores_puts_it_together():
    result = respondent_scores({"a": [5, 5, 5], "b": [1, 1, 1], "c": [None, None, None]})
    assert result.pillars == {"a": 100, "b": 0, "c": None}
    assert result.overall == 50
    assert result.band == "enabler"
