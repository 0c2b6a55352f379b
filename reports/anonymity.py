"""Which groups a report may show: the single choke point for anonymity (DESIGN.md "Anonymity").

Pure functions on group sizes (numbers of respondents) and answer counts; no Django. A group is
shown only if it has at least `threshold` members AND it cannot be used to work out a smaller group
by subtraction: when the groups partition a total that is shown (the company, a department, a
role), the hidden groups together must be empty or hold at least `threshold` people. Otherwise
"total minus the visible groups" would reveal the hidden group's answers (complementary, or
secondary, cell suppression, as statistical offices do it).

In a crossed table (department × role) the rows, columns and cells overlap, so subtracting within
one line is not the only way in: a cell worked out from one row can be subtracted from its column.
`visible_crossed` therefore ends with an exact audit of every sum a reader can form from what is
shown (`_small_cut`), and hides more until none of them gives a group of 1 to threshold − 1. It
then does the same for the counts of each answer, whose bounds (0 to the cell's size) let a
reader pin more than sums alone (`_answer_disclosure`), and for each question's answers together,
which add up to each cell's size (`_QuestionSearch`, exact by an integer program where
exchanges of two answers leave a doubt).

Dashboards, exports, result pages and comment lists call these functions before computing anything
for display, and show the HideReason instead of the numbers.
"""

import enum
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
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
        return "kept back so that a smaller group cannot be worked out by subtraction"


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


# --- The audit of a crossed table ------------------------------------------------------------
#
# What a reader knows: the company total, each shown row and column total and each shown cell,
# as answer counts, which add up like the numbers of people. Empty cells are taken as known to be
# empty (a leader may well know a department has no managers). The hidden, non-empty cells are
# the unknowns. Subtracting the shown cells, each shown row gives the sum of its hidden cells, and
# so does each shown column; the company minus the shown rows gives the sum of the hidden cells of
# all hidden rows together, and likewise for hidden columns. So the unknowns are the edges of a
# bipartite graph whose nodes are the shown rows, the shown columns, "every hidden row" and
# "every hidden column", and the reader knows, for every node, the sum of its edges.
#
# Adding and subtracting node sums gives exactly the sums Σ p(row) − q(column) over the edges,
# for any numbers p and q on the nodes; a set of hidden cells can be added up by a reader if and
# only if some such combination is 1 on those cells and 0 on all others. Split by the level of p,
# every such set is a union of the sets "edges from a row node inside X to a column node outside
# X", for node sets X with no edge from a row outside X to a column inside it. The smallest of
# these is a minimum cut, in the directed graph with an arc row → column carrying the cell's size
# and an arc column → row that cannot be cut. So: no group of 1 to threshold − 1 people can be
# worked out exactly when every such cut holds 0 or at least threshold people.

_HIDDEN_LINE = object()  # the node "every hidden row" (or column) together


def _node(axis: str, key: Hashable, shown_lines: frozenset | set) -> tuple[str, object]:
    return (axis, key if key in shown_lines else _HIDDEN_LINE)


def _capped_min_cut(
    arcs: dict[object, dict[object, int]], source: object, sink: object, cap: int
) -> set[object] | None:
    """The source side of a minimum source–sink cut if it holds less than `cap`, else None.

    Edmonds–Karp, stopped once `cap` units flow: the question is only whether some cut is small.
    `arcs[u][v]` is the capacity of u → v; capacities of `cap` or more count as uncuttable.
    """
    residual = {u: dict(out) for u, out in arcs.items()}
    flow = 0
    while flow < cap:
        parent = {source: source}
        queue = [source]
        for u in queue:  # breadth first: `queue` grows while it is read
            for v, room in residual[u].items():
                if room > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if sink not in parent:
            return set(parent)  # what the source still reaches: the small cut's source side
        path, v = [], sink
        while v != source:
            path.append((parent[v], v))
            v = parent[v]
        push = min(residual[u][v] for u, v in path)
        for u, v in path:
            residual[u][v] -= push
            residual[v][u] = residual[v].get(u, 0) + push
        flow += push
    return None


_ENUMERATED_COLUMNS = 8  # beyond 2^8 sets of column nodes, max-flow for every pair instead


def _cheapest_cuts(
    arcs: dict[object, dict[object, int]], pairs: list[tuple[object, object]]
) -> dict[tuple[object, object], int] | None:
    """The value of a minimum cut from each (row node, column node) of `pairs`, by trying every
    set of column nodes on the row's side; None when there are too many column nodes for that.

    A cut's source side holds, with each of its column nodes, every row node that column has an
    edge with (a column → row arc cannot be cut). So, given the side's columns C, its fewest rows
    are the source and the rows of C, and each further row only adds its edges to the cut: the
    minimum cut is the least, over the sets C without the sink, of what those rows send to the
    columns outside C. The columns are the roles, three or four nodes: a handful of sets, where
    a max-flow per pair was most of the audit's time.
    """
    columns = [node for node in arcs if node[0] == "column"]
    if len(columns) > _ENUMERATED_COLUMNS:
        return None
    bit = {column: 1 << i for i, column in enumerate(columns)}
    sets = 1 << len(columns)
    # Per row node: the bits of the columns it has edges to, and what it sends to the columns
    # outside each set (as bits), each set worked out from the set with its lowest bit removed.
    rows: dict[object, tuple[int, list[int]]] = {}
    for node, out in arcs.items():
        if node[0] == "row":
            by_bit = {bit[column]: size for column, size in out.items()}
            outside = [sum(by_bit.values())] * sets
            for inside in range(1, sets):
                lowest = inside & -inside
                outside[inside] = outside[inside ^ lowest] - by_bit.get(lowest, 0)
            rows[node] = (sum(by_bit), outside)  # distinct bits: their sum is their union
    # The source alone first. A set of columns none of which the source has an edge with cannot
    # beat that: its cut holds everything the source sends, plus what the set's rows send.
    cheapest = {(source, sink): rows[source][1][0] for source, sink in pairs}
    for inside in range(1, sets):
        cut = sum(outside[inside] for edges, outside in rows.values() if edges & inside)
        for source, sink in pairs:
            if rows[source][0] & inside and not bit[sink] & inside:
                cheapest[source, sink] = min(cheapest[source, sink], cut)
    return cheapest


# An unknown of the audit: (row node, column node, size, cell).
Edge = tuple[tuple[str, object], tuple[str, object], int, tuple]


def _hidden_edges(
    cells: Mapping[tuple[R, C], int], rows: set[R], columns: set[C], shown: set[tuple[R, C]]
) -> list[Edge]:
    """The unknowns of the audit: every hidden, non-empty cell as an edge of the graph above."""
    return [
        (_node("row", cell[0], rows), _node("column", cell[1], columns), size, cell)
        for cell, size in cells.items()
        if size > 0 and cell not in shown
    ]


def _cut_arcs(edges: list[Edge], *, threshold: int) -> dict[object, dict[object, int]]:
    """The audit's graph: an arc row → column carrying the edges' people, and back an arc that
    no small cut can use."""
    arcs: dict[object, dict[object, int]] = {}
    for row, column, size, _cell in edges:
        arcs.setdefault(row, {})
        arcs.setdefault(column, {})
        arcs[row][column] = arcs[row].get(column, 0) + size
        arcs[column][row] = threshold
    return arcs


def _small_cut(edges: list[Edge], *, threshold: int) -> tuple[set[object], list] | None:
    """Edges holding 1 to threshold − 1 people whose sum a reader can work out, with the graph
    nodes on the inside of the cut that exposes them; None when there are none."""
    arcs = _cut_arcs(edges, threshold=threshold)
    # A small cut exposes only edges of fewer than threshold people together, each with its row
    # inside and its column outside: it is a cut from the row to the column of any one of them.
    small = sorted(
        (
            (row, column)
            for row, out in arcs.items()
            if row[0] == "row"
            for column, size in out.items()
            if size < threshold
        ),
        key=repr,
    )
    cheapest = _cheapest_cuts(arcs, small)
    for source, sink in small:
        if cheapest is not None and cheapest[source, sink] >= threshold:
            continue  # no small cut between them: the max-flow below would only confirm it
        inside = _capped_min_cut(arcs, source, sink, threshold)
        if inside is not None:
            exposed = [
                cell for row, column, _size, cell in edges if row in inside and column not in inside
            ]
            return inside, exposed
    return None


# --- The audit of the answers -----------------------------------------------------------------
#
# Sizes are not all a reader has: every shown group comes with how many of it chose each answer.
# For one answer to one question those counts add up exactly like the sizes (same graph, same
# node sums), but each hidden cell's count is also bounded, 0 ≤ count ≤ size, and bounds can pin
# what sums alone cannot. Found by an attack: Support (9) has no "1" at all, so none of its hidden
# cells has one; the managers have one "1", and their only other hidden cell is in Support: so
# Sales' one manager answered 1. The reader is taken to know every cell's size (a leader may well
# know a department has one manager), which only makes the audit stricter.
#
# What stays allowed is what any shown group already tells: if none (or all) of a node's hidden
# part chose an answer, so did each of its people; that part holds 0 or at least threshold people
# (the size audit sees to it), as a shown department does. Everything else is an exact disclosure
# when it pins a small cell, or lets a reader add up a small set once the pinned cells are known:
# a cell's count is pinned when no exchange of answers between hidden cells that keeps every node
# sum can change it, i.e. when no cycle of the residual graph runs through its edge.


def _numbered(edges: list[Edge]) -> tuple[list[tuple[int, int]], int]:
    """Each edge's two nodes as small integers, and how many nodes there are: the pinned-cell
    search below runs once per answer, on sets of nodes held as the bits of one integer."""
    number: dict[object, int] = {}
    ends = [
        (number.setdefault(row, len(number)), number.setdefault(column, len(number)))
        for row, column, _size, _cell in edges
    ]
    return ends, len(number)


def _reached(out: list[int], start: int) -> int:
    """The nodes `start` reaches (itself too) as bits, where `out[u]` holds the bits of the
    nodes u has an arc to."""
    seen = frontier = 1 << start
    while frontier:
        step = 0
        while frontier:
            lowest = frontier & -frontier
            step |= out[lowest.bit_length() - 1]
            frontier ^= lowest
        frontier = step & ~seen
        seen |= frontier
    return seen


def _bridges(links: Mapping[int, tuple[object, object]]) -> set[int]:
    """The links (id → its two nodes) on no cycle of the undirected multigraph they make:
    Tarjan's bridge finding, iterative; a parallel link is a cycle of two."""
    adjacent: dict[object, list[tuple[object, int]]] = {}
    for link, (a, b) in links.items():
        adjacent.setdefault(a, []).append((b, link))
        adjacent.setdefault(b, []).append((a, link))
    order: dict[object, int] = {}
    low: dict[object, int] = {}
    bridges = set()
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(adjacent[root]))]
        while stack:
            node, through, rest = stack[-1]
            for nxt, link in rest:
                if link == through:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, link, iter(adjacent[nxt])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(through)
    return bridges


def _pinned_edges(
    ends: list[tuple[int, int]], sizes: list[int], counts: list[int], among: list[int], nodes: int
) -> set[int]:
    """The edges of `among` whose count every other answer pattern with the same node sums
    shares. Raising edge i means lowering another edge at its column, raising another at that
    edge's row, and so on back to its row: a cycle of arcs row → column (room to rise) and
    column → row (room to fall) through the edge, not using the edge's own other arc (that
    cycle of two changes nothing)."""
    arcs: dict[tuple[int, int], int] = {}  # arc → how many edges give it (parallel edges)
    for i in among:
        row, column = ends[i]
        if counts[i] < sizes[i]:
            arcs[row, column] = arcs.get((row, column), 0) + 1
        if counts[i] > 0:
            arcs[column, row] = arcs.get((column, row), 0) + 1
    out = [0] * nodes
    for u, v in arcs:
        out[u] |= 1 << v
    reached: dict[int, int] = {}

    def reaches(u: int, v: int) -> bool:
        if u not in reached:
            reached[u] = _reached(out, u)
        return bool(reached[u] >> v & 1)

    # An edge with room both ways on a cycle of such edges moves (go round it either way):
    # only the others need a search.
    bridges = _bridges({i: ends[i] for i in among if 0 < counts[i] < sizes[i]})
    pinned = set()
    for i in among:
        row, column = ends[i]
        if counts[i] == 0:  # it can only rise: is there a way back from its column?
            moves = reaches(column, row)
        elif counts[i] == sizes[i]:  # it can only fall
            moves = reaches(row, column)
        elif i not in bridges:
            moves = True
        else:  # both arcs are its own: is there another way round, either way?
            without = list(out)
            for u, v in ((row, column), (column, row)):
                if arcs[u, v] == 1:
                    without[u] &= ~(1 << v)
            moves = bool(
                _reached(without, column) >> row & 1 or _reached(without, row) >> column & 1
            )
        if not moves:
            pinned.add(i)
    return pinned


def _extreme_nodes(
    ends: list[tuple[int, int]], nodes: int, sizes: list[int], counts: list[int]
) -> set[int]:
    """The nodes whose hidden part as a whole gave the answer none or all of them: every edge
    at 0, or every edge full. A shown group says as much of each of its people."""
    some_not_none, some_not_all = [False] * nodes, [False] * nodes
    for (row, column), size, count in zip(ends, sizes, counts, strict=True):
        if count > 0:
            some_not_none[row] = some_not_none[column] = True
        if count < size:
            some_not_all[row] = some_not_all[column] = True
    return {n for n in range(nodes) if not (some_not_none[n] and some_not_all[n])}


def _answer_disclosure(
    edges: list[Edge],
    numbered: tuple[list[tuple[int, int]], int],
    counts: list[int],
    *,
    threshold: int,
    cuts: dict,
) -> list | None:
    """Hidden cells of 1 to threshold − 1 people whose count of one answer (`counts`, one per
    edge) a reader can work out from the shown counts; None when there are none. `numbered` is
    `_numbered(edges)`; `cuts` keeps the sum audit of each set of known cells, which many
    answers share."""
    ends, nodes = numbered
    sizes = [size for _row, _column, size, _cell in edges]
    extreme = _extreme_nodes(ends, nodes, sizes, counts)
    known = {i for i, (row, column) in enumerate(ends) if row in extreme or column in extreme}
    among = [i for i in range(len(edges)) if i not in known]
    pinned = _pinned_edges(ends, sizes, counts, among, nodes)
    small = [edges[i][3] for i in sorted(pinned) if sizes[i] < threshold]
    if small:
        return small
    known |= pinned
    if not known:
        return None  # the same unknowns as the size audit, which found no small sum
    key = frozenset(known)
    if key not in cuts:
        found = _small_cut([e for i, e in enumerate(edges) if i not in known], threshold=threshold)
        cuts[key] = None if found is None else found[1]
    return cuts[key]


def _disclosing_answers(
    edges: list[Edge], answers: list[Mapping], *, threshold: int
) -> tuple[list, Mapping] | None:
    """The first small hidden cells some answer's counts give away, with those counts; or None."""
    if all(size >= threshold for *_nodes, size, _cell in edges):
        return None  # nothing small is hidden, so nothing small can be pinned
    numbered = _numbered(edges)
    cuts: dict = {}
    # What the audit finds depends only on whether each hidden cell's count is none, some or all
    # of its people: that decides the residual graph's arcs and which node sums are extreme (a
    # node's sum is 0 or its room exactly when each of its edges is). Tables alike in that are
    # audited once.
    seen: set[tuple[int, ...]] = set()
    for table in answers:
        counts = [table.get(cell, 0) for *_nodes, _size, cell in edges]
        state = tuple(
            0 if count == 0 else 2 if count == size else 1
            for count, (*_nodes, size, _cell) in zip(counts, edges, strict=True)
        )
        if state in seen:
            continue
        seen.add(state)
        exposed = _answer_disclosure(edges, numbered, counts, threshold=threshold, cuts=cuts)
        if exposed:
            return exposed, table
    return None


# --- The audit of a question's answers together -------------------------------------------------
#
# Each person gives a question one answer, so in every hidden cell the counts of its answers add
# up to the cell's size. The audit above takes each answer alone and misses what that ties
# together. Found by an attack: every way of raising one answer's count in Sales' two leaders
# needs another answer to fall where nobody gave it, so all their answers were pinned. What a
# reader can tell apart are the integer tables, a count per hidden cell and answer, with the
# shown node sums of every answer and the cells' sizes as the sums of their answers: the integer
# points of a three-way transportation polytope. There, exchanges of two answers are not enough
# (three or more can go round together where no two can) and sums can be pinned that no linear
# bound pins: the exact question is an integer program.
#
# So the cheap part first. An exchange of answers k and j round a cycle of hidden cells, k up by
# one where some of a cell gave j and down where some gave k, is an alternative a reader cannot
# rule out; together such exchanges move answer k across the cycle space of the cells whose two
# nodes they connect both ways. A small set of cells whose count of k none of these moves changes
# is only a candidate: an integer program then looks for an alternative table that changes it.
# If there is none, the set is disclosed; if there is one, its move joins the others and the
# search goes on. Every program adds a direction or ends the search, so it ends.


def _strongly_joined(ends: list[tuple[int, int]], nodes: int, up: list[bool], down: list[bool]):
    """The edges whose two nodes reach each other by arcs row → column where `up` and column →
    row where `down`: each such edge lies on a cycle the exchange can go round."""
    out, back = [0] * nodes, [0] * nodes
    for (row, column), rise, fall in zip(ends, up, down, strict=True):
        if rise:
            out[row] |= 1 << column
            back[column] |= 1 << row
        if fall:
            out[column] |= 1 << row
            back[row] |= 1 << column
    component = list(range(nodes))
    left = (1 << nodes) - 1
    while left:  # a node's strong component: what it reaches and what reaches it
        u = (left & -left).bit_length() - 1
        joined = _reached(out, u) & _reached(back, u)
        left &= ~joined
        while joined:
            lowest = joined & -joined
            component[lowest.bit_length() - 1] = u
            joined ^= lowest
    return [
        i
        for i, (row, column) in enumerate(ends)
        if (up[i] or down[i]) and component[row] == component[column]
    ]


def _cycles_seen_on(
    ends: list[tuple[int, int]], among: list[int], seen: list[int]
) -> list[dict[int, int]]:
    """A basis of the cycle space of the edges `among`, as seen on the edges `seen` only (edge →
    ±1). A bipartite cycle alternates +1, −1, which is +1 for each edge gone through from its
    row to its column and −1 back; what such cycles do to `seen` is what the cycles of the graph
    with every other edge contracted do, so the basis is that small graph's fundamental cycles."""

    def find(root: dict[int, int], u: int) -> int:  # union–find: a node's representative
        while root.get(u, u) != u:
            u = root[u]
        return u

    contracted: dict[int, int] = {}
    watched = set(seen)
    for i in among:
        if i not in watched:
            a, b = find(contracted, ends[i][0]), find(contracted, ends[i][1])
            if a != b:
                contracted[a] = b
    links = [
        (i, find(contracted, ends[i][0]), find(contracted, ends[i][1]))
        for i in among
        if i in watched
    ]
    # Fundamental cycles of the contracted graph: a spanning forest, then each other link
    # closed by the forest path from its head back to its tail.
    forest: dict[int, list[tuple[int, int, int]]] = {}  # node → (neighbour, link, sign)
    spanned: dict[int, int] = {}
    chords = []
    for i, tail, head in links:
        a, b = find(spanned, tail), find(spanned, head)
        if a == b:
            chords.append((i, tail, head))
        else:
            spanned[a] = b
            forest.setdefault(tail, []).append((head, i, 1))
            forest.setdefault(head, []).append((tail, i, -1))
    basis = []
    for i, tail, head in chords:
        cycle = {i: 1}
        if tail != head:
            back = {head: None}  # breadth first from the head, to the tail
            queue = [head]
            for u in queue:
                for v, link, sign in forest.get(u, ()):
                    if v not in back:
                        back[v] = (u, link, sign)
                        queue.append(v)
            v = tail
            while v != head:  # walked head → … → tail, each link with its direction's sign
                u, link, sign = back[v]
                cycle[link] = sign
                v = u
        basis.append(cycle)
    return basis


def _cycle_bits(ends: list[tuple[int, int]], among: list[int], bit: Mapping[int, int]) -> list[int]:
    """What `_cycles_seen_on(ends, among, seen)` spans modulo 2, `bit` numbering the edges of
    `seen`: the fundamental cycles of a spanning forest of `among` as bitmasks of their edges in
    `seen`. Union–find keeps each node's exclusive or of the forest's links up to its root, so
    the two ends of a link closing a cycle give the forest path between them at once. (Any
    spanning forest's cycles span the cycle space.) The edges outside `seen` go into the forest
    first: they carry no bits, so the cycles they close are 0 there, and only edges of `seen`
    close cycles, at most one cycle each (fewer to reduce than one per edge of `among`)."""
    up: dict[int, int] = {}  # node → parent, and the parent link's bits, for non-roots only
    bits_up: dict[int, int] = {}

    def find(u: int) -> tuple[int, int]:
        path = 0
        while u in up:
            path ^= bits_up[u]
            u = up[u]
        return u, path

    cycles = []
    for i in [i for i in among if i not in bit] + [i for i in among if i in bit]:
        (a, path_a), (b, path_b) = find(ends[i][0]), find(ends[i][1])
        bits = bit.get(i, 0) ^ path_a ^ path_b
        if a != b:
            up[a], bits_up[a] = b, bits
        elif bits:
            cycles.append(bits)
    return cycles


class _Parity:
    """The moves of one answer modulo 2, on the cells that could be disclosed, kept reduced as
    bits: a set whose count no move changes is unchanged modulo 2 too, so its cells are all
    among `unmoved()` (which may hold more)."""

    def __init__(self, cells: list[int]):
        self.bit = {cell: 1 << b for b, cell in enumerate(cells)}
        self.pivots: dict[int, int] = {}  # lowest bit → row: no row has another's pivot bit
        self.leads = 0  # the pivot bits together
        self.holders: dict[int, set[int]] = {}  # other bit → the pivots whose rows hold it

    def bits(self, move: Mapping[int, int]) -> int:
        """A move as bits: the cells it changes by an odd number."""
        odd = (cell for cell, change in move.items() if change & 1 and cell in self.bit)
        return sum(self.bit[cell] for cell in odd)

    def full(self) -> bool:
        """Whether the moves span every cell: then no set is left unmoved."""
        return len(self.pivots) == len(self.bit)

    def add(self, bits: int) -> None:
        # No row holds another's pivot bit, so taking a row out leaves the other pivot bits
        # as they were: only the rows of the pivot bits `bits` has come into it.
        leads = bits & self.leads
        while leads:
            lead = leads & -leads
            bits ^= self.pivots[lead]
            leads ^= lead
        if bits:
            lead = bits & -bits
            rest = []  # the row's other bits, none of them a pivot bit
            others = bits ^ lead
            while others:
                rest.append(others & -others)
                others &= others - 1
            # The rows holding the new pivot bit lose it; the bits they then gain or lose
            # change which rows hold them (looked up, not found by going through every row).
            for other in self.holders.pop(lead, ()):
                self.pivots[other] ^= bits
                for b in rest:
                    holding = self.holders.setdefault(b, set())
                    if other in holding:
                        holding.remove(other)
                    else:
                        holding.add(other)
            self.pivots[lead] = bits
            for b in rest:
                self.holders.setdefault(b, set()).add(lead)
            self.leads |= lead

    def unmoved(self) -> list[int]:
        """The cells some vector orthogonal to every move is not 0 on."""
        free = (1 << len(self.bit)) - 1 & ~self.leads
        support = free
        for lead, row in self.pivots.items():
            if row & free:
                support |= lead
        return [cell for cell, bit in self.bit.items() if support & bit]


def _unmoved_set(
    moves: list[dict[int, int]], support: list[int], sizes: list[int], *, threshold: int
) -> list[int] | None:
    """A set of `support` holding 1 to threshold − 1 people whose sum no move changes.

    Such a set is a 0/1 vector x in the kernel of the moves. Reduced to row echelon form modulo
    a large prime, every kernel vector is fixed by its free coordinates, so only sets of free
    cells are tried, each completed by the pivots it forces and checked in whole numbers. Every
    true set is found (it is a kernel vector modulo the prime too); trying every set of cells
    instead took 41 s for a round of 60 small departments, and minutes for 90.

    The sets of free cells are tried depth first, smallest cells first; each pivot's value is
    kept up to date as cells join and leave the set (not summed again for every set: that was
    most of a 40 s audit of 200 small departments), and a branch stops once some pivot that
    no later free cell can change is neither 0 nor 1: no set it leads to can be completed."""
    column = {cell: k for k, cell in enumerate(sorted(support, key=lambda i: (sizes[i], i)))}
    cells = sorted(column, key=column.get)
    rows = []
    for move in moves:
        row = {column[i]: change % _PRIME for i, change in move.items() if i in column and change}
        if row:
            rows.append(row)
    pivots = _echelon(rows)  # pivot column → its row, 1 on the pivot, no other pivot column
    free = [k for k in range(len(cells)) if k not in pivots]
    at_free = {k: at for at, k in enumerate(free)}
    order = list(pivots)  # forced cells are listed in this order, as pivots.items() gives them
    # Per free cell: the pivots it enters, with its value there; per pivot: the last free cell
    # (by position in `free`) that enters it, after which its value no longer changes.
    entries: list[list[tuple[int, int]]] = [[] for _ in free]
    last = [-1] * len(order)
    for p, k in enumerate(order):
        for j, value in pivots[k].items():
            if j != k:
                at = at_free[j]
                entries[at].append((p, value))
                last[p] = max(last[p], at)
    minus_one = _PRIME - 1
    weight = [sizes[cells[k]] for k in order]  # per pivot: its cell's people
    total = [0] * len(order)  # per pivot: Σ its row over the chosen free cells, modulo _PRIME
    bad: set[int] = set()  # pivots whose value, −total, is neither 0 nor 1
    forced: set[int] = set()  # pivots whose value is 1
    forced_people = [0]  # their people together
    room = threshold - 1
    chosen: list[int] = []

    def enter(at: int, sign: int) -> None:
        for p, value in entries[at]:
            was = total[p]
            new = (was + sign * value) % _PRIME
            total[p] = new
            if was == minus_one:
                forced_people[0] -= weight[p]
            if new == 0:
                bad.discard(p)
                forced.discard(p)
            elif new == minus_one:
                bad.discard(p)
                forced.add(p)
                forced_people[0] += weight[p]
            else:
                bad.add(p)
                forced.discard(p)

    def completed(left: int) -> list[int] | None:
        """The set the chosen free cells force, if it is a set of cells small enough (`left`:
        the room the chosen cells leave)."""
        if bad or forced_people[0] > left:
            return None
        found = [cells[k] for k in chosen] + [cells[order[p]] for p in sorted(forced)]
        exact = all(sum(move.get(i, 0) for i in found) == 0 for move in moves)
        return found if exact else None

    def search(start: int, left: int) -> list[int] | None:
        # A pivot that no free cell from `start` on enters keeps its value: if it is neither 0
        # nor 1 no set from here can be completed, and if it is 1 its cell is in every one.
        if sum(weight[p] for p in forced if last[p] < start) > left:
            return None
        end = min((last[p] for p in bad), default=len(free) - 1) + 1
        for at in range(start, end):
            k = free[at]
            if sizes[cells[k]] > left:
                return None  # by size: no later cell fits either
            chosen.append(k)
            enter(at, 1)
            below = left - sizes[cells[k]]
            if (found := completed(below)) or (found := search(at + 1, below)):
                return found
            enter(at, -1)
            chosen.pop()
        return None

    return search(0, room)


_PRIME = (1 << 61) - 1


def _echelon(rows: list[dict[int, int]]) -> dict[int, dict[int, int]]:
    """Reduced row echelon form modulo _PRIME of sparse rows (column → value): pivot column →
    its row, normalised to 1 there, and 0 in every other row's pivot column."""
    pivots: dict[int, dict[int, int]] = {}
    holders: dict[int, set[int]] = {}  # a column no pivot is in → the pivots whose rows hold it
    for row in rows:
        row = dict(row)
        for k in sorted(row):
            if k in pivots and k in row:
                factor = row[k]
                for j, value in pivots[k].items():
                    new = (row.get(j, 0) - factor * value) % _PRIME
                    if new:
                        row[j] = new
                    else:
                        row.pop(j, None)
        if not row:
            continue
        lead = min(row)
        inverse = pow(row[lead], _PRIME - 2, _PRIME)
        row = {j: value * inverse % _PRIME for j, value in row.items()}
        # The rows holding the new pivot column lose it: looked up, not found by going through
        # every row (most rows are a cycle's few cells, and there are hundreds of them).
        for held in holders.pop(lead, ()):
            other = pivots[held]
            factor = other[lead]
            for j, value in row.items():
                new = (other.get(j, 0) - factor * value) % _PRIME
                if new:
                    if j not in other:
                        holders.setdefault(j, set()).add(held)
                    other[j] = new
                elif j in other:
                    del other[j]
                    if j != lead:
                        holders[j].discard(held)
        pivots[lead] = row
        for j in row:
            if j != lead:
                holders.setdefault(j, set()).add(lead)
    return pivots


_SOLVER_SECONDS = 5.0  # per integer program; one that runs out counts as "no alternative"


class _Alternatives:
    """The integer program of one question's tables (`ends`, `sizes`, `counts`, `nodes` as in
    `_QuestionSearch`), built once: a search asks it again and again, for one candidate after
    another, and building its matrices took longer than HiGHS took to solve it."""

    def __init__(
        self, ends: list[tuple[int, int]], sizes: list[int], counts: list[list[int]], nodes: int
    ):
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint
        from scipy.sparse import csc_array

        self.counts, self.sizes = counts, sizes
        self.n_edges, self.n_answers = n_edges, n_answers = len(ends), len(counts)
        incidence = np.zeros((nodes, n_edges))
        for i, (row, column) in enumerate(ends):
            incidence[row, i] = incidence[column, i] = 1
        # Variable a * n_edges + i: how many in edge i gave answer a. Every answer's node sums,
        # then every edge's answers adding up to its size.
        equations = np.vstack(
            [
                np.kron(np.eye(n_answers), incidence),
                np.kron(np.ones((1, n_answers)), np.eye(n_edges)),
            ]
        )
        truth_table = np.array(counts, dtype=float).ravel()
        # Given to HiGHS as the compressed columns scipy would make of the dense matrix anyway.
        self.known = LinearConstraint(
            csc_array(equations), equations @ truth_table, equations @ truth_table
        )
        self.whole_equations = equations.astype(int)
        self.whole_sums = self.known.lb.astype(int)
        self.bounds = Bounds(0, np.tile(np.array(sizes, dtype=float), n_answers))
        self.objective = np.zeros(n_edges * n_answers)
        self.integrality = [np.full(n_edges * n_answers, integral) for integral in (0, 1)]

    def __call__(self, answer: int, cells: list[int]) -> list[list[int]] | None:
        """An integer table a reader cannot rule out in which the count of `answer` summed over
        `cells` differs from the true one, or None when there is none (the sum is disclosed).
        HiGHS, through scipy, asked only for a table with the sum one lower or one higher: any
        will do."""
        import numpy as np
        from scipy.optimize import LinearConstraint, milp

        counts, sizes, n_edges = self.counts, self.sizes, self.n_edges
        chosen = np.zeros(n_edges * self.n_answers)
        chosen[[answer * n_edges + i for i in cells]] = 1
        truth = sum(counts[answer][i] for i in cells)
        for low, high in ((-np.inf, truth - 1), (truth + 1, np.inf)):
            if high < 0 or low > sum(sizes[i] for i in cells):
                continue
            wanted = [self.known, LinearConstraint(chosen, low, high)]
            # The linear relaxation first, a third of the time: when it has no solution neither
            # has the integer program, and its solution is most often whole numbers already.
            for integrality in self.integrality:
                found = milp(
                    self.objective,
                    integrality=integrality,
                    bounds=self.bounds,
                    constraints=wanted,
                    options={"time_limit": _SOLVER_SECONDS},
                )
                if found.x is None:
                    break
                table = np.rint(found.x).astype(int)
                # Taken only once checked in whole numbers: a solver works to a tolerance.
                if (
                    (self.whole_equations @ table == self.whole_sums).all()
                    and (0 <= table).all()
                    and (table <= self.bounds.ub).all()
                    and low <= table @ chosen.astype(int) <= high
                ):
                    return table.reshape(self.n_answers, n_edges).tolist()
        return None


class _QuestionSearch:
    """The alternatives to one question's table found so far, and what they leave unmoved: small
    hidden cells, none of them all or none of a shown group's hidden part on that answer, whose
    count of one answer (`counts`: per answer, one per edge, every edge's adding up to its size)
    no alternative found changes. Made with the exchanges of two answers, the cheap part; the
    integer programs wait for `disclosed()`."""

    def __init__(
        self,
        edges: list[Edge],
        numbered: tuple[list[tuple[int, int]], int],
        counts: list[list[int]],
        *,
        threshold: int,
    ):
        self.edges, self.counts, self.threshold = edges, counts, threshold
        self.ends, self.nodes = ends, nodes = numbered
        self.sizes = sizes = [size for _row, _column, size, _cell in edges]
        small = [i for i, size in enumerate(sizes) if size < threshold]
        self.open_cells = []  # per answer: the small cells not said of a whole group
        for answer in counts:
            extreme = _extreme_nodes(ends, nodes, sizes, answer)
            self.open_cells.append([i for i in small if not extreme.intersection(ends[i])])
        self.parity = [_Parity(cells) for cells in self.open_cells]
        # The exchanges are followed modulo 2 only; their exact moves, which `_unmoved_set`
        # needs, are worked out for an answer only if a small set may be left unmoved (seldom).
        self.exchanges: list[list[list[int]]] = [[] for _ in counts]  # per answer: their edges
        self.found: list[list[dict[int, int]]] = [[] for _ in counts]  # the programs' moves
        self.exact: dict[int, list[dict[int, int]]] = {}
        self.unsettled = list(range(len(counts)))  # answers that may leave a small set unmoved
        self.alternative: _Alternatives | None = None  # the integer program, once one is needed
        self._exchange_pairs()

    def _exchange_pairs(self) -> None:
        """Each answer exchanged with partners, those most people gave first (they have the
        most room), until its moves span all its cells: then no partner can leave a set."""
        counts, ends, nodes, parity = self.counts, self.ends, self.nodes, self.parity
        common = sorted(range(len(counts)), key=lambda a: -sum(counts[a]))
        exchanged: set[tuple[int, int]] = set()
        for k in range(len(counts)):
            for j in common:
                if parity[k].full():
                    break
                if j == k or (min(j, k), max(j, k)) in exchanged:
                    continue
                exchanged.add((min(j, k), max(j, k)))
                up = [count > 0 for count in counts[j]]  # k can rise where some gave j
                down = [count > 0 for count in counts[k]]
                joined = _strongly_joined(ends, nodes, up, down)
                for a in (k, j):  # the same moves, k's rise j's fall: signs do not matter
                    self.exchanges[a].append(joined)
                    if not parity[a].full():
                        for bits in _cycle_bits(ends, joined, parity[a].bit):
                            parity[a].add(bits)
                            if parity[a].full():
                                break  # every further cycle is already spanned

    def candidate(self) -> tuple[int, list[int]] | None:
        """The first answer, and a set of 1 to threshold − 1 people of it, that no move found
        so far changes; None when there is none (more moves can only move more)."""
        while self.unsettled:
            k = self.unsettled[0]
            support = self.parity[k].unmoved()
            if support:
                if k not in self.exact:
                    self.exact[k] = [
                        cycle
                        for joined in self.exchanges[k]
                        for cycle in _cycles_seen_on(self.ends, joined, self.open_cells[k])
                    ]
                moves = self.exact[k] + self.found[k]
                group = _unmoved_set(moves, support, self.sizes, threshold=self.threshold)
                if group:
                    return k, group
            self.unsettled.pop(0)  # this answer is settled
        return None

    def disclosed(self) -> list | None:
        """The cells of a set no alternative table changes, or None: an integer program looks
        for an alternative that changes each candidate, whose moves then join the others."""
        while (candidate := self.candidate()) is not None:
            k, group = candidate
            if self.alternative is None:
                self.alternative = _Alternatives(self.ends, self.sizes, self.counts, self.nodes)
            table = self.alternative(k, group)
            if table is None:
                return [self.edges[i][3] for i in group]
            for a, (new, old) in enumerate(zip(table, self.counts, strict=True)):
                move = {i: n - o for i, (n, o) in enumerate(zip(new, old, strict=True)) if n != o}
                if move:
                    self.found[a].append(move)
                    self.parity[a].add(self.parity[a].bits(move))
        return None


def _disclosing_questions(
    edges: list[Edge], questions: list[list[Mapping]], *, threshold: int
) -> tuple[list, list[Mapping], Mapping | None] | None:
    """The first small hidden cells some question's answers give away together, with that
    question's tables and, if one of them gives the cells away on its own, that one; or None.
    Whoever did not answer counts as one more answer.

    Every question's exchanges come first. A question they settle gives nothing away; in one
    they do not, a single answer's audit often finds cells at once (each it finds is given away
    with the other answers too: a count pinned, or a small sum exposed, stays so when fewer
    tables are possible, and none of its cells is said of a whole group). Only then do the
    integer programs run, question by question: a disclosure elsewhere is found without them.
    """
    if all(size >= threshold for *_nodes, size, _cell in edges):
        return None
    numbered = _numbered(edges)
    sizes = [size for *_nodes, size, _cell in edges]
    waiting = []
    for tables in questions:
        counts = [[table.get(cell, 0) for *_nodes, _size, cell in edges] for table in tables]
        given = [sum(answer[i] for answer in counts) for i in range(len(edges))]
        missing = [size - n for size, n in zip(sizes, given, strict=True)]
        if any(missing):
            counts.append(missing)
        search = _QuestionSearch(edges, numbered, counts, threshold=threshold)
        if search.candidate() is None:
            continue
        alone = _disclosing_answers(edges, tables, threshold=threshold)
        if alone is not None:
            return alone[0], tables, alone[1]
        waiting.append((search, tables))
    for search, tables in waiting:
        exposed = search.disclosed()
        if exposed:
            return exposed, tables, None
    return None


def _answer_leak(
    edges: list[Edge], answers: list[Mapping], questions: list[list[Mapping]], *, threshold: int
) -> Callable[[list[Edge]], bool] | None:
    """None when no answer's counts, alone or with its question's others, give a small hidden
    cell away; else a test of whether the tables that did still do so with other hidden cells."""
    leak = _disclosing_answers(edges, answers, threshold=threshold)
    if leak is not None:
        table = leak[1]
        return lambda then: _disclosing_answers(then, [table], threshold=threshold) is not None
    leak = _disclosing_questions(edges, questions, threshold=threshold)
    if leak is None:
        return None
    _cells, tables, alone = leak
    if alone is not None:
        return lambda then: _disclosing_answers(then, [alone], threshold=threshold) is not None
    return lambda then: _disclosing_questions(then, [tables], threshold=threshold) is not None


def _check_answers(cells: Mapping[tuple[R, C], int], answers: list[Mapping]) -> None:
    for table in answers:
        for cell, count in table.items():
            if isinstance(count, bool) or not isinstance(count, int):
                raise ValueError(f"answer counts must be integers, got {cell!r}: {count!r}")
            if not 0 <= count <= cells.get(cell, 0):
                raise ValueError(f"{cell!r} has {count!r} answers but {cells.get(cell, 0)} people")


def _check_questions(cells: Mapping[tuple[R, C], int], questions: list[list[Mapping]]) -> None:
    """After `_check_answers` on every table: no cell gave a question more answers than people."""
    for tables in questions:
        for cell, size in cells.items():
            given = sum(table.get(cell, 0) for table in tables)
            if given > size:
                raise ValueError(
                    f"{cell!r} gave one question {given} answers but has {size} people"
                )


def _shown_cells(
    cells: Mapping[tuple[R, C], int],
    rows: set[R],
    columns: set[C],
    withheld: set[tuple[R, C]],
    *,
    threshold: int,
) -> set[tuple[R, C]]:
    """The cells that may be shown with these rows and columns: at least the threshold, in a
    shown row and column, not withheld by the audit, and passing the row and column rule."""
    candidates = {
        cell
        for cell, size in cells.items()
        if size >= threshold and cell[0] in rows and cell[1] in columns
    } - withheld
    return _suppress_crossed(cells, candidates, threshold=threshold)


Hide = tuple[str, Hashable]  # ("cell", cell), ("row", row) or ("column", column)


def _by_size(cells: Mapping[tuple[R, C], int]) -> Callable[[Hide], tuple[int, str]]:
    """Smallest line first, then by repr, so the same data always hide the same lines."""
    totals = {"row": _totals(cells, 0), "column": _totals(cells, 1)}
    return lambda line: (totals[line[0]][line[1]], repr(line))


def _nothing_left() -> AssertionError:
    # With every line hidden only the company total is shown, which holds at least the
    # threshold: unreachable. Should it ever happen, fail loudly rather than show it.
    return AssertionError("anonymity audit: a small group is exposed and nothing is left")


def _sum_remedy(
    cells: Mapping[tuple[R, C], int],
    rows: set[R],
    columns: set[C],
    shown: set[tuple[R, C]],
    found: tuple[set[object], list],
) -> Hide:
    """What to hide next when a cut exposes a small sum: the smallest shown cell across it, or
    else the smallest shown line next to the exposed cells, or else any shown line."""
    inside, exposed = found
    crossing = [
        cell
        for cell in shown
        if (_node("row", cell[0], rows) in inside) != (_node("column", cell[1], columns) in inside)
    ]
    if crossing:
        return ("cell", min(crossing, key=_tie_break(cells)))
    lines: list[Hide] = [("row", r) for r in {c[0] for c in exposed} & rows]
    lines += [("column", c) for c in {c[1] for c in exposed} & columns]
    if not lines:  # the exposed cells lie in hidden lines only: hide any shown line
        lines = [("row", r) for r in rows] + [("column", c) for c in columns]
    if not lines:
        raise _nothing_left()
    return min(lines, key=_by_size(cells))


def _answer_remedy(
    cells: Mapping[tuple[R, C], int],
    rows: set[R],
    columns: set[C],
    withheld: set[tuple[R, C]],
    shown: set[tuple[R, C]],
    leaks: Callable[[list[Edge]], bool],
    *,
    threshold: int,
    keep: Collection[C],
) -> set[Hide]:
    """What to hide next when an answer's counts, or a question's together, give small cells away.

    First every shown cell. A shown cell is a known part of its row and column, so it leaves
    their hidden parts fewer ways to exchange answers; hiding cells one at a time tends to hide
    a column's cells in rows where each is then the only hidden one, known from its row, which
    pins the small cell all the more. Then the columns merge, one at a time into "every hidden
    column" (the company minus the shown ones), smallest first and those in `keep` last; the
    first that ends this disclosure (`leaks` of the hidden cells then is false) wins, or else
    the first. A column hidden on its own is
    still there as "every hidden column", so every shown column is a candidate, not only the
    exposed cells' own. Rows are the report's main lines (departments), so they are never given
    up for this: once every column is merged only rows and their totals are left, and a single
    partition's counts cannot pin anyone smaller than its hidden parts.
    """
    if shown:
        return {("cell", cell) for cell in shown}
    by_size = _by_size(cells)
    lines = sorted((("column", c) for c in columns), key=lambda o: (o[1] in keep, by_size(o)))
    if not lines:  # no columns are left, so nothing can be pinned: unreachable
        raise _nothing_left()

    def ends_it(column: Hashable) -> bool:
        then_columns = columns - {column}
        then_shown = _shown_cells(cells, rows, then_columns, withheld, threshold=threshold)
        edges = _hidden_edges(cells, rows, then_columns, then_shown)
        return _small_cut(edges, threshold=threshold) is None and not leaks(edges)

    return {next((line for line in lines if ends_it(line[1])), lines[0])}


def visible_crossed(
    cells: Mapping[tuple[R, C], int],
    *,
    threshold: int,
    answers: Iterable[Mapping[tuple[R, C], int]] = (),
    questions: Iterable[Iterable[Mapping[tuple[R, C], int]]] = (),
    keep: Collection[C] = (),
) -> CrossedVisibility:
    """Rows, columns and cells of a crossed table that may be shown together.

    Row totals (departments) and column totals (roles) each partition the grand total, so each
    gets `visible_groups`. A department hidden only to protect a smaller one must not have all its
    cells shown, or their sum gives its size back and the subtraction works again: so every cell
    of a hidden row or column is hidden too, and then the row and column rule of `visible_cells`
    runs to a fixpoint. Lines alone are not enough (a cell worked out from its row can be taken
    from its column), so `_small_cut` then audits every sum a reader can form; while one
    gives away a small group, the smallest shown cell across that cut is hidden too, or, when no
    shown cell crosses it, the smallest shown row or column next to the exposed cells.

    `answers` are the cells' counts of each answer to each question (one mapping per question
    and answer), which every shown group is published with. The same audit is then run on each
    of them with its bounds (`_answer_disclosure`); while one gives a small cell away, the shown
    cells, then columns one by one, are hidden (`_answer_remedy`), the columns in `keep` last.

    `questions` are the same counts grouped by question (each a list of its answers' tables,
    every person giving at most one): each question's tables are audited together
    (`_QuestionSearch`), with the same remedy. That finds whatever auditing each table as in
    `answers` would, so that audit runs on a question's tables only where the joint search
    leaves a doubt (`_disclosing_questions`), as a shortcut.
    """
    _check_threshold(threshold)
    _check_sizes(cells)
    questions = [list(tables) for tables in questions]
    answers = list(answers)
    _check_answers(cells, [*answers, *(table for tables in questions for table in tables)])
    _check_questions(cells, questions)
    row_totals, column_totals = _totals(cells, 0), _totals(cells, 1)
    rows = visible_groups(row_totals, threshold=threshold)
    columns = visible_groups(column_totals, threshold=threshold)
    # Below the threshold nothing at all is shown, so there is nothing to subtract from.
    audited = sum(cells.values()) >= threshold
    withheld: set[tuple[R, C]] = set()  # cells the audit hid
    while True:
        shown = _shown_cells(cells, rows, columns, withheld, threshold=threshold)
        if not audited:
            break
        edges = _hidden_edges(cells, rows, columns, shown)
        found = _small_cut(edges, threshold=threshold)
        if found is None:
            leaks = _answer_leak(edges, answers, questions, threshold=threshold)
            if leaks is None:
                break
            hides = _answer_remedy(
                cells, rows, columns, withheld, shown, leaks, threshold=threshold, keep=keep
            )
        else:
            hides = {_sum_remedy(cells, rows, columns, shown, found)}
        for kind, key in hides:
            if kind == "cell":
                withheld.add(key)
            else:
                (rows if kind == "row" else columns).discard(key)
    return CrossedVisibility(
        rows=frozenset(rows),
        columns=frozenset(columns),
        cells=frozenset(shown),
        row_reasons=_reasons(row_totals, rows, threshold=threshold),
        column_reasons=_reasons(column_totals, columns, threshold=threshold),
        cell_reasons=_reasons(cells, shown, threshold=threshold),
    )
