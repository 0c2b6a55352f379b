"""The report's number formats."""

import pytest

from reports.templatetags.reports_format import change_from, signed_decimal


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
