"""CSV files people open in a spreadsheet: one writer, and cells that never run as a formula.

Used by the leaders' exports and by the admin's list of new invitation links.
"""

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header

# Spreadsheets run cells that start like a formula; a department called "=HYPERLINK(..)" must
# stay text (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel where the list separator is ";" (Italy, Romania, most of Europe) splits this comma file
# at every ";" instead, so a name "Audit;=2+5" would put "=2+5" in a cell of its own: the part
# after a ";" (or a tab) that starts like a formula, quotes and spaces aside, is marked as text too.
_FORMULA_AFTER_SEPARATOR = re.compile(r"""([;\t])(?=[\s"]*[=+\-@])""")


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty, booleans as words, floats in full, text inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        value = _FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
        return "'" + value if value.startswith(FORMULA_START) else value
    return value


def csv_text(rows: Iterable[tuple]) -> str:
    """Rows of cells already made safe with `spreadsheet_cell`, as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def csv_download(rows: Iterable[tuple], filename: str) -> HttpResponse:
    """`rows` as a CSV attachment. It starts with a byte-order mark: Excel opens a UTF-8 file
    without one in the computer's old code page, so "Vânzări" would read "VÃ¢nzÄƒri"."""
    response = HttpResponse("\ufeff" + csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
