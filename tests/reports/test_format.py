"""The report's number formats."""

import pytest

from reports.templatetags.reports_format import signed_decimal


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "–"), (0.0, "0.00"), (-0.001, "0.00"), (0.004, "0.00"), (0.005, "+0.01")]
    + [(-0.126, "−0.13"), (0.5, "+0.50")],
)
def test_a_change_that_rounds_to_nothing_has_no_sign(value, shown):
    """ "−0.00" appeared as the change of an agreement index that had not moved."""
    assert signed_decimal(value) == shown
