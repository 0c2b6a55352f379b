"""The report's number formats."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from reports.templatetags.reports_format import (
    change_from,
    decimal,
    index,
    percent,
    score,
    signed,
    signed_decimal,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "–"), (0.0, "0.00"), (-0.001, "0.00"), (0.004, "0.00"), (0.005, "+0.01")]
    + [(-0.126, "−0.13"), (0.5, "+0.50")],
)
def test_a_change_that_rounds_to_nothing_has_no_sign(value, shown):
    """ "−0.00" appeared as the change of an agreement index that had not moved."""
    assert signed_decimal(value) == shown


@pytest.mark.parametrize(
    ("after", "before", "shown"),
    [(57.6, 44.2, "+14"), (44.2, 57.6, "−14"), (50.4, 49.6, "0"), (None, 40.0, "–")],
)
def test_a_change_is_the_difference_of_the_scores_shown_beside_it(after, before, shown):
    """ "44 → 58, +13": the exact change (+13.4) rounded did not add up to the rounded scores."""
    assert change_from(after, before) == shown


@pytest.mark.parametrize(
    ("value", "printed"),
    [(62.5, "63"), (87.5, "88"), (12.5, "13"), (37.5, "38"), (62.49, "62"), (100.0, "100")],
)
def test_scores_round_halves_up_as_the_result_page_does(value, printed):
    """Half-to-even printed an exact 62.5 as "62" here and "63" on the respondent's result page
    (Django's floatformat); scores of small groups are often exact halves."""
    assert score(value) == printed
    assert floatformat(value, 0) == printed


@pytest.mark.parametrize(
    ("value", "printed"), [(0.075, "0.08"), (0.125, "0.13"), (-0.001, "0.00"), (1 / 3, "0.33")]
)
def test_indices_round_their_decimal_form_half_up(value, printed):
    """rwg = 0.075 exactly (3/40) read 0.07: the float is 0.07499… in binary."""
    assert decimal(value) == printed


@pytest.mark.parametrize(("value", "printed"), [(0.145, "15%"), (0.125, "13%"), (0.0, "0%")])
def test_percentages_round_half_up(value, printed):
    assert percent(value) == printed


def test_a_gap_of_exactly_half_a_point_counts_as_one():
    assert signed(-0.5) == "−1" and signed(0.5) == "+1" and signed(0.49) == "0"


@pytest.mark.parametrize(
    ("value", "kind", "printed"),
    [
        (0.698, "icc2", "0.698"),  # "0.70" beside "0.70 or more is reliable" and "could be chance"
        (0.6999, "icc2", "0.6999"),
        (0.70, "icc2", "0.70"),
        (0.7004, "icc2", "0.7004"),  # "0.70" would be exactly on the edge it is above
        (0.55, "icc2", "0.55"),
        (0.298, "rwg", "0.298"),  # labelled "split views" (below .30)
        (0.702, "rwg", "0.702"),
        (0.6949, "rwg", "0.69"),  # far enough from the edge: two places
        (0.834, "ad", "0.834"),  # above c/6 = 0.8333…, "0.83 or less" on the page
        (0.831, "ad", "0.83"),  # within c/6: it meets "0.83 or less"
        (0.69996, "icc2", "0.6999"),  # cut towards its side, not rounded onto the edge
        (0.09999, "icc1", "0.0999"),
        (0.70004, "rwg", "0.7001"),  # above the edge: never printed on it
        (0.0996, "icc1", "0.0996"),
        (None, "rwg", "–"),
    ],
)
def test_an_index_never_prints_on_the_wrong_side_of_an_edge_the_page_names(value, kind, printed):
    assert index(value, kind) == printed


@pytest.mark.parametrize(("language", "comma"), [("it", True), ("ro", True), ("en", False)])
def test_decimals_follow_the_readers_notation(language, comma):
    """Italian and Romanian pages printed "3.42" where a reader writes "3,42"."""
    with translation.override(language):
        shown = (decimal(3.4167), index(0.698, "icc2"), signed_decimal(-0.083))
    if comma:
        assert shown == ("3,42", "0,698", "−0,08")
    else:
        assert shown == ("3.42", "0.698", "−0.08")
