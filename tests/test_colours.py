"""Colours that carry meaning keep WCAG 1.4.11's 3:1 against what is behind them."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "reports.css"
TRACK = "#eef0ef"  # the grey behind the answer bars (.cx-dist)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_against_known_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_every_answer_bar_colour_stands_out_from_the_page_and_the_track():
    css = CSS.read_text()
    assert f"background: {TRACK}" in css
    options = dict(re.findall(r"--cx-opt-(\d): (#[0-9a-f]{6})", css))
    assert sorted(options) == ["1", "2", "3", "4", "5"]
    for option, colour in options.items():
        assert contrast(colour, "#ffffff") >= 3, (option, colour)
        assert contrast(colour, TRACK) >= 3, (option, colour)
