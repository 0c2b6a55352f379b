"""Command-line values the benchmark tools accept, checked by argparse: a bad one gets a usage
line and one sentence, not a traceback half-way through a run."""

import argparse
import math
import re

SMALLEST_ROUND = 100  # responses: fewer leave most of the 12 departments' cells empty


def sizes(text: str) -> list[int]:
    """Responses per round from "1000,10000", each at least SMALLEST_ROUND, in the order given."""
    try:
        counts = [int(part.replace("_", "")) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of response counts, such as 1000,10000"
        ) from None
    if any(count < SMALLEST_ROUND for count in counts):
        raise argparse.ArgumentTypeError(f"each round needs at least {SMALLEST_ROUND} responses")
    return list(dict.fromkeys(counts))  # a size named twice is measured once


def positive_int(text: str) -> int:
    return _positive(int, text)


def positive_float(text: str) -> float:
    return _positive(float, text)


def _positive(kind: type, text: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and math.isfinite(value)):  # NaN is not more than 0 either
        raise argparse.ArgumentTypeError(f"{text!r} must be a number more than 0")
    return value


def database_name(text: str) -> str:
    """Letters, digits and underscores: the name goes into the URL the app is given, unquoted."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", text):
        raise argparse.ArgumentTypeError(
            f"{text!r}: a database name of letters, digits and underscores, please"
        )
    return text
