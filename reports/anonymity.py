"""Which groups a report may show: the single choke point for anonymity (DESIGN.md "Anonymity").

Pure functions on group sizes (numbers of respondents); no Django. A group is shown only if it has
at least `threshold` members AND it cannot be used to work out a smaller group by subtraction:
when the groups partition a total that is shown (the company, a department, a role), the hidden
groups together must be empty or hold at least `threshold` people. Otherwise "total minus the
visible groups" would reveal the hidden group's answers (complementary, or secondary, cell
suppression, as statistical offices do it).

Dashboards, exports, result pages and comment lists call these functions before computing anything
for display, and show the HideReason instead of the numbers.
"""

import enum
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


class HideReason(enum.Enum):
    """Why a group is hidden, so the interface can say so without showing its numbers."""

    BELOW_THRESHOLD = "below_threshold"
    COMPLEMENTARY = "complementary"

    def explanation(self, threshold: int) -> str:
        """English wording for the interface; templates may translate by `value` instead."""
        if self is HideReason.BELOW_THRESHOLD:
            return f"fewer than {threshold} answers"
        return "hidden so a smaller group cannot be worked out by subtraction"


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a positive integer, got {threshold!r}")


def _check_sizes(sizes: Mapping[K, int]) -> None:
    for key, size in sizes.items():
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValueError(f"group sizes must be non-negative integers, got {key!r}: {size!r}")


def total_is_visible(total: int, *, threshold: int) -> bool:
    """Whether a whole population (a company, a department) may be shown at all."""
    _check_threshold(threshold)
    return total >= threshold


def _tie_break(sizes: Mapping[K, int]) -> Callable[[K], tuple[int, str]]:
    # Smallest first; equal sizes by repr so the same data always hide the same groups.
    return lambda key: (sizes[key], repr(key))


def _suppress(sizes: Mapping[K, int], visible: set[K], *, threshold: int) -> set[K]:
    """Shrink `visible` (a subset of one partition's keys) until the hidden part of the partition
    is empty or holds at least `threshold` people. Empty groups add nothing to the hidden part."""
    visible = set(visible)
    hidden_total = sum(size for key, size in sizes.items() if key not in visible)
    while 0 < hidden_total < threshold and visible:
        # Hiding the smallest visible group costs the least information.
        smallest = min(visible, key=_tie_break(sizes))
        visible.remove(smallest)
        hidden_total += sizes[smallest]
    return visible


def visible_groups(sizes: Mapping[K, int], *, threshold: int) -> set[K]:
    """The groups of a partition of a total that may be shown.

    `sizes` maps every group of the partition (every department of the company, say) to its
    number of respondents, including groups of size 0. Groups with at least `threshold` members
    are candidates. Then, while the hidden groups together hold more than 0 but fewer than
    `threshold` people, the smallest still-visible group is hidden too (ties broken by the key's
    repr), so nobody can subtract the visible groups from the total to recover a small group.
    Groups of size 0 are never visible and never count as hidden: there is nothing to protect.
    """
    _check_threshold(threshold)
    _check_sizes(sizes)
    candidates = {key for key, size in sizes.items() if size >= threshold}
    return _suppress(sizes, candidates, threshold=threshold)


def _reasons(
    sizes: Mapping[K, int], visible: set[K] | frozenset[K], *, threshold: int
) -> dict[K, HideReason]:
    return {
        key: HideReason.BELOW_THRESHOLD if size < threshold else HideReason.COMPLEMENTARY
        for key, size in sizes.items()
        if size > 0 and key not in visible
    }


def hidden_reasons(sizes: Mapping[K, int], *, threshold: int) -> dict[K, HideReason]:
    """Why each hidden, non-empty group of `visible_groups(sizes, ...)` is hidden."""
    return _reasons(sizes, visible_groups(sizes, threshold=threshold), threshold=threshold)


def _lines(cells: Mapping[tuple[R, C], int], axis: int) -> list[dict[tuple[R, C], int]]:
    """The rows (axis 0) or columns (axis 1) of a crossed table, in a deterministic order."""
    lines: dict[Hashable, dict[tuple[R, C], int]] = {}
    for cell, size in cells.items():
        lines.setdefault(cell[axis], {})[cell] = size
    return [lines[key] for key in sorted(lines, key=repr)]


def _suppress_crossed(
    cells: Mapping[tuple[R, C], int], visible: set[tuple[R, C]], *, threshold: int
) -> set[tuple[R, C]]:
    """Apply the partition rule within every row and every column until nothing changes."""
    lines = _lines(cells, 0) + _lines(cells, 1)
    changed = True
    while changed:  # terminates: every pass either hides a cell or stops
        changed = False
        for line in lines:
            shown = visible & line.keys()
            kept = _suppress(line, shown, threshold=threshold)
            if kept != shown:
                visible -= shown - kept
                changed = True
    return visible


def visible_cells(cells: Mapping[tuple[R, C], int], *, threshold: int) -> set[tuple[R, C]]:
    """The cells of a crossed table (department × role) that may be shown.

    Cells below the threshold are always hidden. Each row's cells partition that row's total and
    each column's cells partition that column's total, so the `visible_groups` rule is applied
    within every row and every column, repeatedly, until no more cells need hiding. When the
    row and column totals themselves are shown too, use `visible_crossed`, which also keeps the
    cells of a hidden row or column from adding up to it.
    """
    _check_threshold(threshold)
    _check_sizes(cells)
    candidates = {cell for cell, size in cells.items() if size >= threshold}
    return _suppress_crossed(cells, candidates, threshold=threshold)


def hidden_cell_reasons(
    cells: Mapping[tuple[R, C], int], *, threshold: int
) -> dict[tuple[R, C], HideReason]:
    """Why each hidden, non-empty cell of `visible_cells(cells, ...)` is hidden."""
    return _reasons(cells, visible_cells(cells, threshold=threshold), threshold=threshold)


@dataclass(frozen=True)
class CrossedVisibility:
    """What may be shown of a crossed table and of its row and column totals."""

    rows: frozenset[Hashable]
    columns: frozenset[Hashable]
    cells: frozenset[tuple[Hashable, Hashable]]
    row_reasons: Mapping[Hashable, HideReason]
    column_reasons: Mapping[Hashable, HideReason]
    cell_reasons: Mapping[tuple[Hashable, Hashable], HideReason]


def _totals(cells: Mapping[tuple[R, C], int], axis: int) -> dict[Hashable, int]:
    totals: dict[Hashable, int] = {}
    for cell, size in cells.items():
        totals[cell[axis]] = totals.get(cell[axis], 0) + size
    return totals


def visible_crossed(cells: Mapping[tuple[R, C], int], *, threshold: int) -> CrossedVisibility:
    """Rows, columns and cells of a crossed table that may be shown together.

    Row totals (departments) and column totals (roles) each partition the grand total, so each
    gets `visible_groups`. A department hidden only to protect a smaller one must not have all its
    cells shown, or their sum gives its size back and the subtraction works again: so every cell
    of a hidden row or column is hidden too, and then the row and column rule of `visible_cells`
    runs to a fixpoint. This is the usual row/column heuristic of cell suppression, not an audit
    of every linear combination, which is why the defaults err on hiding more.
    """
    _check_threshold(threshold)
    _check_sizes(cells)
    row_totals, column_totals = _totals(cells, 0), _totals(cells, 1)
    rows = visible_groups(row_totals, threshold=threshold)
    columns = visible_groups(column_totals, threshold=threshold)
    candidates = {
        cell
        for cell, size in cells.items()
        if size >= threshold and cell[0] in rows and cell[1] in columns
    }
    shown = _suppress_crossed(cells, candidates, threshold=threshold)
    return CrossedVisibility(
        rows=frozenset(rows),
        columns=frozenset(columns),
        cells=frozenset(shown),
        row_reasons=_reasons(row_totals, rows, threshold=threshold),
        column_reasons=_reasons(column_totals, columns, threshold=threshold),
        cell_reasons=_reasons(cells, shown, threshold=threshold),
    )
