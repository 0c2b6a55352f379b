"""Respondent scores on plain data: no Django. DESIGN.md "Scores"."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

BANDS = (  # (lowest overall score, band key), named after the roles technology plays
    (80, "core"),
    (60, "accelerator"),
    (40, "enabler"),
    (0, "inside_out"),
)


def item_score(value: int) -> float:
    """An answer 1..5 as 0..100."""
    return (value - 1) / 4 * 100


def _exact_pillar_score(values: Iterable[int | None]) -> Fraction | None:
    steps = [v - 1 for v in values if v is not None]
    return Fraction(25 * sum(steps), len(steps)) if steps else None


def pillar_score(values: Iterable[int | None]) -> float | None:
    """Mean item score of the numeric answers; None when every answer was "don't know"."""
    exact = _exact_pillar_score(values)
    return None if exact is None else float(exact)


def overall_score(scores: Iterable[Fraction | float | None]) -> float | None:
    """Mean of the pillar scores that exist (a pillar of only "don't know" has none). Exact when
    the scores are, as the reports' is (`reports.stats.overall_score_of`): the mean of rounded
    floats can fall just below a half that prints rounded up."""
    known = [Fraction(s) for s in scores if s is not None]
    return float(sum(known) / len(known)) if known else None


def shown(value: float, places: int = 0) -> Decimal:
    """A number as every page prints it: halves away from zero (62.5 → 63, as a spreadsheet and
    Django's floatformat round), not Python's round-half-to-even (62.5 → 62), so the result page
    and the leaders' reports never print one score two ways. The float's shortest decimal form is
    rounded, so 0.075 (0.07499… in binary) reads 0.08."""
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded  # never "−0.00"


def whole(value: float) -> int:
    return int(shown(value))


def maturity_band(overall: float | None) -> str | None:
    if overall is None:
        return None
    # Compare the rounded score: a person shown "80" must not be told they are below 80.
    printed = whole(overall)
    return next(key for lowest, key in BANDS if printed >= lowest)


@dataclass(frozen=True)
class RespondentScores:
    pillars: dict[str, float | None]
    overall: float | None
    band: str | None


def respondent_scores(answers_by_pillar: Mapping[str, Iterable[int | None]]) -> RespondentScores:
    exact = {pillar: _exact_pillar_score(values) for pillar, values in answers_by_pillar.items()}
    overall = overall_score(exact.values())
    pillars = {pillar: None if score is None else float(score) for pillar, score in exact.items()}
    return RespondentScores(pillars=pillars, overall=overall, band=maturity_band(overall))
