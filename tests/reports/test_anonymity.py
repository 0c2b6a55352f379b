"""Table tests for reports.anonymity: which groups may be shown. No database, no Django."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.anonymity import (
    CrossedVisibility,
    HideReason,
    _capped_min_cut,
    _cheapest_cuts,
    _cut_arcs,
    _cycle_bits,
    _cycles_seen_on,
    hidden_cell_reasons,
    hidden_reasons,
    total_is_visible,
    visible_cells,
    visible_crossed,
    visible_groups,
)

BELOW = HideReason.BELOW_THRESHOLD
COMPLEMENTARY = HideReason.COMPLEMENTARY


@pytest.mark.parametrize(
    ("sizes", "threshold", "expected"),
    [
        pytest.param({"a": 5, "b": 6, "c": 7}, 5, {"a", "b", "c"}, id="all-visible"),
        # sales (2) is hidden; the hidden part would be 2 < 5, so the smallest visible group (hr)
        # goes too: now 7 people are hidden together and neither can be recovered.
        pytest.param(
            {"sales": 2, "ops": 6, "hr": 5, "it": 9}, 5, {"ops", "it"}, id="small-forces-next"
        ),
        # 2 + 3 = 5 hidden together already reach the threshold: nothing extra.
        pytest.param({"a": 2, "b": 3, "c": 10}, 5, {"c"}, id="small-groups-cover-each-other"),
        # 1 + 2 = 3 hidden: one more (the smaller visible one) has to go.
        pytest.param({"a": 1, "b": 2, "c": 6, "d": 8}, 5, {"d"}, id="small-groups-too-small"),
        pytest.param({"a": 2, "b": 4}, 5, set(), id="everything-below"),
        # size 0: nothing to protect, so it neither shows nor forces anything
        pytest.param({"a": 0, "b": 5, "c": 6}, 5, {"b", "c"}, id="empty-group"),
        pytest.param({"a": 0, "b": 0}, 5, set(), id="only-empty-groups"),
        # equal sizes: the key with the smaller repr is hidden first ("'a'" < "'b'")
        pytest.param({"b": 5, "a": 5, "c": 1}, 5, {"b"}, id="tie-by-repr"),
        # repr order, not numeric order: "10" < "2"
        pytest.param({1: 3, 2: 7, 10: 7}, 5, {2}, id="tie-by-repr-int-keys"),
        # one tiny group against one big group: the big one would give the tiny one away
        pytest.param({"a": 1, "b": 10}, 5, set(), id="two-groups-both-hidden"),
        pytest.param({"a": 4, "b": 5, "c": 5}, 5, {"c"}, id="just-below-forces-one"),
        pytest.param({"all": 4}, 5, set(), id="single-group-below"),
        pytest.param({"all": 5}, 5, {"all"}, id="single-group-at-threshold"),
        pytest.param({}, 5, set(), id="no-groups"),
        pytest.param({"a": 1, "b": 1, "c": 0}, 1, {"a", "b"}, id="threshold-one"),
        # minimum threshold 3 (DESIGN.md): 1 + 1 = 2 hidden, so the 3 goes too
        pytest.param({"a": 1, "b": 1, "c": 3, "d": 4}, 3, {"d"}, id="threshold-three"),
    ],
)
def test_visible_groups(sizes, threshold, expected):
    assert visible_groups(sizes, threshold=threshold) == expected


@pytest.mark.parametrize(
    ("sizes", "threshold", "expected"),
    [
        ({"sales": 2, "ops": 6, "hr": 5, "it": 9}, 5, {"sales": BELOW, "hr": COMPLEMENTARY}),
        ({"a": 0, "b": 5, "c": 6}, 5, {}),  # an empty group is not "hidden"
        ({"a": 2, "b": 3, "c": 10}, 5, {"a": BELOW, "b": BELOW}),
        ({"a": 1, "b": 10}, 5, {"a": BELOW, "b": COMPLEMENTARY}),
        ({"a": 0, "b": 4}, 5, {"b": BELOW}),
    ],
)
def test_hidden_reasons(sizes, threshold, expected):
    assert hidden_reasons(sizes, threshold=threshold) == expected


def test_reason_wording():
    assert BELOW.explanation(5) == "fewer than 5 answers"
    assert COMPLEMENTARY.explanation(5) == (
        "kept back so that a smaller group cannot be worked out by subtraction"
    )
    assert {reason.value for reason in HideReason} == {"below_threshold", "complementary"}


@pytest.mark.parametrize(
    ("total", "threshold", "expected"), [(0, 3, False), (4, 5, False), (5, 5, True), (50, 5, True)]
)
def test_total_is_visible(total, threshold, expected):
    assert total_is_visible(total, threshold=threshold) is expected


@pytest.mark.parametrize("threshold", [0, -1, True, 2.5])
def test_bad_threshold_is_rejected(threshold):
    with pytest.raises(ValueError):
        visible_groups({"a": 5}, threshold=threshold)
    with pytest.raises(ValueError):
        total_is_visible(5, threshold=threshold)


@pytest.mark.parametrize("size", [-1, 2.0, True])
def test_bad_sizes_are_rejected(size):
    with pytest.raises(ValueError):
        visible_groups({"a": size}, threshold=3)
    with pytest.raises(ValueError):
        visible_cells({("a", "x"): size}, threshold=3)


# --- Crossed groups (department × role) ----------------------------------------------------------

#        L   M   I
# A      2   6  10
# B      7   8   9
# C      6   5  12
GRID = {
    ("A", "L"): 2, ("A", "M"): 6, ("A", "I"): 10,
    ("B", "L"): 7, ("B", "M"): 8, ("B", "I"): 9,
    ("C", "L"): 6, ("C", "M"): 5, ("C", "I"): 12,
}  # fmt: skip


def test_small_cell_forces_one_more_in_its_row_and_one_in_its_column():
    # A×L (2) is below 5. Row A: hidden 2 → hide the smallest visible cell of row A, A×M (6).
    # Column L: hidden 2 → hide the smallest visible cell of column L, C×L (6 < 7).
    # Row C then has 6 hidden and column M has 6 hidden: both ≥ 5, so the fixpoint is reached.
    hidden = {("A", "L"), ("A", "M"), ("C", "L")}
    assert visible_cells(GRID, threshold=5) == set(GRID) - hidden
    assert hidden_cell_reasons(GRID, threshold=5) == {
        ("A", "L"): BELOW,
        ("A", "M"): COMPLEMENTARY,
        ("C", "L"): COMPLEMENTARY,
    }


@pytest.mark.parametrize(
    ("cells", "threshold", "expected"),
    [
        pytest.param({("A", "L"): 5, ("A", "M"): 6}, 5, {("A", "L"), ("A", "M")}, id="all"),
        pytest.param({("A", "L"): 4, ("B", "L"): 1}, 5, set(), id="all-below"),
        # two small cells in one row cover each other (2 + 3 = 5); their columns each hide one
        # more: column L hides B×L (6), column M hides B×M (7)
        pytest.param(
            {("A", "L"): 2, ("A", "M"): 3, ("B", "L"): 6, ("B", "M"): 7, ("B", "I"): 9},
            5,
            {("B", "I")},
            id="row-covers-column-forces",
        ),
        # empty cells neither show nor force anything
        pytest.param(
            {("A", "L"): 0, ("A", "M"): 6, ("B", "L"): 5, ("B", "M"): 0},
            5,
            {("A", "M"), ("B", "L")},
            id="empty-cells",
        ),
        # a cell alone in its row and column: nothing to subtract from
        pytest.param({("A", "L"): 5}, 5, {("A", "L")}, id="single-cell"),
        pytest.param({}, 5, set(), id="no-cells"),
    ],
)
def test_visible_cells(cells, threshold, expected):
    assert visible_cells(cells, threshold=threshold) == expected


# Departments D, E, F, G by role L (leaders) and S (staff); threshold 5.
#        L   S  | total
# D      5   7  |  12
# E      0   2  |   2
# F     10  10  |  20
# G      6   6  |  12
# total 21  25  |  58
LEAK = {
    ("D", "L"): 5, ("D", "S"): 7,
    ("E", "L"): 0, ("E", "S"): 2,
    ("F", "L"): 10, ("F", "S"): 10,
    ("G", "L"): 6, ("G", "S"): 6,
}  # fmt: skip


def test_cells_alone_cannot_protect_a_hidden_department():
    # At department level E (2) is hidden and D (12, ties with G, smaller repr) goes with it.
    assert visible_groups({"D": 12, "E": 2, "F": 20, "G": 12}, threshold=5) == {"F", "G"}
    # Cells alone: E×S (2) forces G×S (6, the smallest visible staff cell), and D's cells both
    # stay visible: 5 + 7 gives D's size back, and 58 − 12 − 20 − 12 then gives E's.
    cells = visible_cells(LEAK, threshold=5)
    assert {("D", "L"), ("D", "S")} <= cells


def test_visible_crossed_hides_the_cells_of_a_hidden_department():
    result = visible_crossed(LEAK, threshold=5)
    assert isinstance(result, CrossedVisibility)
    assert result.rows == {"F", "G"}
    assert result.columns == {"L", "S"}
    # Column L then hides 5 (D×L) and column S hides 7 + 2: both ≥ 5, nothing more to do.
    assert result.cells == {("F", "L"), ("F", "S"), ("G", "L"), ("G", "S")}
    assert result.row_reasons == {"D": COMPLEMENTARY, "E": BELOW}
    assert result.column_reasons == {}
    assert result.cell_reasons == {
        ("D", "L"): COMPLEMENTARY,
        ("D", "S"): COMPLEMENTARY,
        ("E", "S"): BELOW,
    }


def test_hidden_department_forces_a_cell_in_a_column_which_is_a_chain():
    # D is hidden to protect E; hiding D×L (3) leaves only 3 hidden leaders, so the smallest
    # visible leader cell, G×L (5), goes too. Row G then hides 5, enough for the line rule, but
    # G − G×S would give G×L, and L − F×L − G×L then D×L (3 people): the audit hides G×S too.
    #        L   S  | total
    # D      3   9  |  12
    # E      0   2  |   2
    # F     10  10  |  20
    # G      5   7  |  12
    cells = {
        ("D", "L"): 3, ("D", "S"): 9,
        ("E", "L"): 0, ("E", "S"): 2,
        ("F", "L"): 10, ("F", "S"): 10,
        ("G", "L"): 5, ("G", "S"): 7,
    }  # fmt: skip
    result = visible_crossed(cells, threshold=5)
    assert result.rows == {"F", "G"}
    assert result.cells == {("F", "L"), ("F", "S")}
    assert result.cell_reasons[("G", "L")] is COMPLEMENTARY
    assert result.cell_reasons[("G", "S")] is COMPLEMENTARY
    assert exposed_groups(cells, result, 5) == []
    assert result.cell_reasons[("D", "L")] is BELOW


def test_visible_crossed_hides_the_cells_of_a_hidden_role():
    # Role M (3 people) is hidden, so role L (9) goes with it; their cells are hidden too.
    cells = {("A", "L"): 5, ("A", "M"): 3, ("A", "I"): 10, ("B", "L"): 4, ("B", "I"): 12}
    result = visible_crossed(cells, threshold=5)
    assert result.columns == {"I"}
    assert result.rows == {"A", "B"}
    # Row B: B×L (4) hidden with nothing to pair it inside the row but B×I, so B×I goes too.
    # A×I would then give B×I as I − A×I, and B − B×I the four people of B×L: hidden as well.
    assert result.cells == set()
    assert exposed_groups(cells, result, 5) == []


# --- Properties ----------------------------------------------------------------------------------

thresholds = st.integers(min_value=1, max_value=8)
partitions = st.dictionaries(
    st.integers(min_value=0, max_value=9), st.integers(min_value=0, max_value=15), max_size=8
)


def _hidden_part_is_safe(sizes: dict, visible: set, threshold: int) -> bool:
    """Total minus the visible groups is 0 or at least the threshold. A total below the
    threshold is never shown itself, so there is nothing to subtract from: all must be hidden."""
    total = sum(sizes.values())
    if total < threshold:
        return not visible
    hidden = total - sum(sizes[key] for key in visible)
    return hidden == 0 or hidden >= threshold


@given(partitions, thresholds)
def test_no_group_can_be_recovered_by_subtraction(sizes, threshold):
    visible = visible_groups(sizes, threshold=threshold)
    assert visible <= sizes.keys()
    assert all(sizes[key] >= threshold for key in visible)
    assert _hidden_part_is_safe(sizes, visible, threshold)
    reasons = hidden_reasons(sizes, threshold=threshold)
    assert reasons.keys() == {key for key, size in sizes.items() if size > 0} - visible


@given(partitions, thresholds)
def test_nothing_extra_is_hidden_when_nothing_needs_protecting(sizes, threshold):
    small = sum(size for size in sizes.values() if size < threshold)
    if small == 0 or small >= threshold:
        assert visible_groups(sizes, threshold=threshold) == {
            key for key, size in sizes.items() if size >= threshold
        }


grids = st.dictionaries(
    st.tuples(st.sampled_from("ABCD"), st.sampled_from("LMI")),
    st.integers(min_value=0, max_value=12),
    max_size=12,
)


def _lines(cells: dict, axis: int) -> dict:
    lines: dict = {}
    for cell, size in cells.items():
        lines.setdefault(cell[axis], {})[cell] = size
    return lines


def _every_row_and_column_is_safe(cells: dict, visible: set, threshold: int) -> bool:
    return all(
        _hidden_part_is_safe(line, visible & line.keys(), threshold)
        for axis in (0, 1)
        for line in _lines(cells, axis).values()
    )


@given(grids, thresholds)
def test_no_cell_can_be_recovered_within_a_row_or_column(cells, threshold):
    visible = visible_cells(cells, threshold=threshold)
    assert visible <= cells.keys()
    assert all(cells[cell] >= threshold for cell in visible)
    assert _every_row_and_column_is_safe(cells, visible, threshold)
    # Deterministic: the order the mapping was built in does not matter.
    assert visible_cells(dict(reversed(list(cells.items()))), threshold=threshold) == visible


@given(grids, thresholds)
def test_crossed_margins_and_cells_are_consistent(cells, threshold):
    result = visible_crossed(cells, threshold=threshold)
    rows, columns = _lines(cells, 0), _lines(cells, 1)
    row_sizes = {row: sum(line.values()) for row, line in rows.items()}
    column_sizes = {column: sum(line.values()) for column, line in columns.items()}
    # The audit may hide more lines than the partition rule, never fewer.
    assert result.rows <= visible_groups(row_sizes, threshold=threshold)
    assert result.columns <= visible_groups(column_sizes, threshold=threshold)
    assert all(cells[cell] >= threshold for cell in result.cells)
    assert _every_row_and_column_is_safe(cells, set(result.cells), threshold)
    # A hidden row or column never has a visible cell that could add up to it.
    assert all(row in result.rows and column in result.columns for row, column in result.cells)


# --- The audit: no sum a reader can form gives a small group ---------------------------------


def _reduced(vector: list[Fraction], basis: list[tuple[int, list[Fraction]]]) -> list[Fraction]:
    vector = list(vector)
    for pivot, row in basis:
        if vector[pivot]:
            factor = vector[pivot]
            vector = [a - factor * b for a, b in zip(vector, row, strict=True)]
    return vector


def _span(vectors: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """A reduced basis (pivot, row) of the vectors' span, by plain Gaussian elimination."""
    basis: list[tuple[int, list[Fraction]]] = []
    for vector in vectors:
        rest = _reduced(vector, basis)
        pivot = next((i for i, a in enumerate(rest) if a), None)
        if pivot is not None:
            row = [a / rest[pivot] for a in rest]
            basis = [(p, [a - r[pivot] * b for a, b in zip(r, row, strict=True)]) for p, r in basis]
            basis.append((pivot, row))
    return basis


def exposed_groups(cells: dict, result: CrossedVisibility, threshold: int) -> list[tuple]:
    """Independent oracle, by brute force: every set of hidden cells holding 1 to threshold − 1
    people whose sum is a linear combination of what is shown (the company total, shown rows,
    columns and cells; empty cells known to be empty)."""
    unknown = sorted((cell for cell, size in cells.items() if size > 0), key=repr)
    if sum(cells.values()) < threshold:
        return []  # nothing is shown at all

    def indicator(chosen) -> list[Fraction]:
        return [Fraction(int(cell in chosen)) for cell in unknown]

    shown = [indicator(set(unknown))]
    shown += [indicator({c for c in unknown if c[0] == row}) for row in result.rows]
    shown += [indicator({c for c in unknown if c[1] == column}) for column in result.columns]
    shown += [indicator({cell}) for cell in result.cells]
    basis = _span(shown)
    small = [cell for cell in unknown if cell not in result.cells and cells[cell] < threshold]
    found = []
    for k in range(1, len(small) + 1):
        for group in itertools.combinations(small, k):
            size = sum(cells[cell] for cell in group)
            if size < threshold and not any(_reduced(indicator(set(group)), basis)):
                found.append(group)
    return found


def test_a_cell_worked_out_from_its_row_cannot_be_taken_from_its_column():
    # Found by an exploratory round: A×M is A's only hidden cell, so A − A×I gives it (6 people,
    # fine on its own); then column M − A×M gave B×M, one person's answers.
    #        M   I  | total
    # A      6  10  |  16
    # B      1  10  |  11
    cells = {("A", "M"): 6, ("A", "I"): 10, ("B", "M"): 1, ("B", "I"): 10}
    result = visible_crossed(cells, threshold=5)
    assert exposed_groups(cells, result, 5) == []
    assert result.rows == {"A", "B"} and result.columns == {"M", "I"}
    assert result.cells == set()  # A×I would close the subtraction: hidden too
    assert result.cell_reasons[("A", "I")] is COMPLEMENTARY


def test_two_cells_in_different_rows_and_columns_cannot_be_added_up():
    # Rows A, B and columns L, M, I, hidden cells along a cycle A×L, B×L, B×M, C×M, C×I, A×I:
    # A + B − L gives A×I + B×M (1 + 1 people) unless something else is hidden.
    cells = {
        ("A", "L"): 5, ("A", "I"): 1, ("A", "M"): 9,
        ("B", "L"): 5, ("B", "M"): 1, ("B", "I"): 9,
        ("C", "M"): 5, ("C", "I"): 5, ("C", "L"): 9,
    }  # fmt: skip
    result = visible_crossed(cells, threshold=5)
    assert exposed_groups(cells, result, 5) == []


def test_the_oracle_finds_what_the_line_rule_alone_missed():
    """The oracle is not vacuous: on the cells the row and column rule alone would show, it
    finds the lone manager of the first test."""
    cells = {("A", "M"): 6, ("A", "I"): 10, ("B", "M"): 1, ("B", "I"): 10}
    line_rule_only = CrossedVisibility(
        rows=frozenset("AB"),
        columns=frozenset("MI"),
        cells=frozenset({("A", "I")}),
        row_reasons={},
        column_reasons={},
        cell_reasons={},
    )
    assert exposed_groups(cells, line_rule_only, 5) == [(("B", "M"),)]


@settings(max_examples=300, deadline=None)
@given(grids, thresholds)
def test_no_small_group_is_a_sum_of_what_is_shown(cells, threshold):
    result = visible_crossed(cells, threshold=threshold)
    assert exposed_groups(cells, result, threshold) == []


def _edge(row, column, size):
    return (("row", row), ("column", column), size, (row, column))


def test_cheapest_cuts_by_hand():
    # A×L 2, A×M 3, B×M 1. From A to L: A alone sends 5; with M on A's side B comes too (B's
    # edge is M's), and what crosses is A×L: 2. From B to M: B alone, 1. From A to M: A alone
    # sends 5; with L on its side (L's only row is A) only A×M crosses: 3.
    arcs = _cut_arcs([_edge("A", "L", 2), _edge("A", "M", 3), _edge("B", "M", 1)], threshold=5)
    pairs = [
        (("row", "A"), ("column", "L")),
        (("row", "B"), ("column", "M")),
        (("row", "A"), ("column", "M")),
    ]
    assert _cheapest_cuts(arcs, pairs) == dict(zip(pairs, [2, 1, 3], strict=True))


audit_graphs = st.lists(
    st.tuples(st.sampled_from("ABCDE"), st.sampled_from("LMIH"), st.integers(1, 7)),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(audit_graphs, thresholds)
def test_cheapest_cuts_agree_with_max_flow(triples, threshold):
    """The enumeration that spares most max-flows finds a small cut exactly when max-flow does,
    of the same size."""
    arcs = _cut_arcs([_edge(*triple) for triple in triples], threshold=threshold)
    pairs = [(row, column) for row in arcs if row[0] == "row" for column in arcs[row]]
    cheapest = _cheapest_cuts(arcs, pairs)
    for source, sink in pairs:
        inside = _capped_min_cut(arcs, source, sink, threshold)
        if inside is None:
            assert cheapest[source, sink] >= threshold
        else:
            crossing = sum(size for u in inside for v, size in arcs[u].items() if v not in inside)
            assert cheapest[source, sink] == crossing < threshold


# --- The audit of the answers --------------------------------------------------------------------


def test_a_zero_count_cannot_pin_a_lone_manager():
    """Found by an attack on the JSON. Sizes alone show both departments and all three roles:
    no sum of them isolates anyone. But Support has no "1" at all and the managers have one, so
    Sales' only manager answered 1. Merging the contributors into the managers ends it and keeps
    both departments and the leadership team."""
    cells = {
        ("Sales", "L"): 3, ("Sales", "M"): 1, ("Sales", "I"): 5,
        ("Support", "L"): 3, ("Support", "M"): 5, ("Support", "I"): 1,
    }  # fmt: skip
    by_size = visible_crossed(cells, threshold=5)
    assert by_size.rows == {"Sales", "Support"} and by_size.columns == {"L", "M", "I"}
    ones = dict.fromkeys(cells, 0) | {("Sales", "M"): 1}
    assert exposed_by_answers(cells, by_size, ones, 5) == [(("Sales", "M"),)]

    result = visible_crossed(cells, threshold=5, answers=[ones])
    assert exposed_by_answers(cells, result, ones, 5) == []
    assert result.rows == {"Sales", "Support"} and result.columns == {"L"}
    assert result.column_reasons == {"M": COMPLEMENTARY, "I": COMPLEMENTARY}


def test_departments_stay_when_only_the_roles_pin_someone():
    # Sales: 6 managers, 10 contributors; Support: 1 manager (answered 1), 10 contributors.
    # Hiding the managers alone changes nothing (the company minus the contributors is them),
    # and so does hiding Support alone; hiding both roles ends it and keeps both departments.
    cells = {("Sales", "M"): 6, ("Sales", "I"): 10, ("Support", "M"): 1, ("Support", "I"): 10}
    ones = dict.fromkeys(cells, 0) | {("Support", "M"): 1}
    result = visible_crossed(cells, threshold=5, answers=[ones])
    assert exposed_by_answers(cells, result, ones, 5) == []
    assert result.rows == {"Sales", "Support"} and result.columns == set()


def test_what_a_shown_group_says_of_all_its_people_is_allowed():
    """ "None of the leadership team answered 1" tells it of each leader, in whatever
    department: that is publishing the group, not working out a smaller one."""
    cells = {
        ("A", "L"): 2, ("A", "I"): 8, ("B", "L"): 2, ("B", "I"): 8, ("C", "L"): 2, ("C", "I"): 8,
    }  # fmt: skip
    by_size = visible_crossed(cells, threshold=5)
    ones = {
        ("A", "L"): 0,
        ("A", "I"): 3,
        ("B", "L"): 0,
        ("B", "I"): 1,
        ("C", "L"): 0,
        ("C", "I"): 2,
    }
    assert visible_crossed(cells, threshold=5, answers=[ones]) == by_size
    assert by_size.columns == {"L", "I"}


def test_spread_answers_hide_nothing_more():
    cells = {("Sales", "M"): 6, ("Sales", "I"): 10, ("Support", "M"): 1, ("Support", "I"): 10}
    threes = {("Sales", "M"): 2, ("Sales", "I"): 4, ("Support", "M"): 1, ("Support", "I"): 3}
    by_size = visible_crossed(cells, threshold=5)
    assert visible_crossed(cells, threshold=5, answers=[threes]) == by_size


@pytest.mark.parametrize(
    "counts",
    [{("A", "L"): 6}, {("A", "L"): -1}, {("A", "L"): 1.0}, {("B", "L"): 1}],
    ids=["more-than-people", "negative", "not-an-integer", "empty-cell"],
)
def test_impossible_answer_counts_are_rejected(counts):
    with pytest.raises(ValueError):
        visible_crossed({("A", "L"): 5, ("B", "L"): 0}, threshold=5, answers=[counts])


def test_a_question_with_more_answers_than_people_in_a_cell_is_rejected():
    """Each person gives a question one answer: a cell of two cannot have given three."""
    answers = [{("A", "L"): 2}, {("A", "L"): 1}]
    with pytest.raises(ValueError, match="gave one question 3 answers but has 2 people"):
        visible_crossed({("A", "L"): 2, ("B", "L"): 5}, threshold=5, questions=[answers])


def _reader_parts(hidden: list, result: CrossedVisibility) -> list[set]:
    """The hidden part of each shown line, and the hidden lines together, as a reader sees them."""
    parts = [{c for c in hidden if c[0] == r} for r in sorted(result.rows, key=repr)]
    parts += [{c for c in hidden if c[1] == k} for k in sorted(result.columns, key=repr)]
    parts += [{c for c in hidden if c[0] not in result.rows}]
    parts += [{c for c in hidden if c[1] not in result.columns}]
    return parts


def exposed_by_answers(cells: dict, result: CrossedVisibility, answer: dict, threshold: int):
    """Independent oracle, by brute force over every pattern of hidden counts: every set of
    hidden cells holding 1 to threshold − 1 people whose count of the answer is the same in
    every pattern that gives the shown counts. Cells in a shown group's hidden part that none
    or all of that part chose are left out: that is said of the whole group (see the audit).
    The reader is taken to know every cell's size."""
    if sum(cells.values()) < threshold:
        return []
    hidden = sorted((c for c, n in cells.items() if n > 0 and c not in result.cells), key=repr)

    def published(counts: dict) -> tuple:
        def total(keep) -> int:
            return sum(n for c, n in counts.items() if keep(c))

        return (
            total(lambda c: True),
            tuple(total(lambda c, r=r: c[0] == r) for r in sorted(result.rows, key=repr)),
            tuple(total(lambda c, k=k: c[1] == k) for k in sorted(result.columns, key=repr)),
        )

    truth = published(answer)
    shown_counts = {c: answer.get(c, 0) for c in result.cells}
    patterns = []
    for values in itertools.product(*(range(cells[c] + 1) for c in hidden)):
        counts = shown_counts | dict(zip(hidden, values, strict=True))
        if published(counts) == truth:
            patterns.append(counts)
    parts = _reader_parts(hidden, result)
    allowed = set()
    for part in parts:
        count = sum(answer.get(c, 0) for c in part)
        if count in (0, sum(cells[c] for c in part)):
            allowed |= part
    open_cells = [c for c in hidden if c not in allowed]
    found = []
    for k in range(1, len(open_cells) + 1):
        for group in itertools.combinations(open_cells, k):
            if sum(cells[c] for c in group) >= threshold:
                continue
            if len({sum(p[c] for c in group) for p in patterns}) == 1:
                found.append(group)
    return found


small_grids = st.dictionaries(
    st.tuples(st.sampled_from("AB"), st.sampled_from("LMI")),
    st.integers(min_value=0, max_value=4),
    max_size=6,
).filter(lambda cells: sum(cells.values()) > 0)


@settings(max_examples=300, deadline=None)
@given(small_grids, st.integers(min_value=2, max_value=5), st.data())
def test_no_answer_count_of_a_small_group_can_be_worked_out(cells, threshold, data):
    answer = {
        cell: data.draw(st.integers(min_value=0, max_value=size), label=repr(cell))
        for cell, size in cells.items()
    }
    result = visible_crossed(cells, threshold=threshold, answers=[answer])
    assert exposed_by_answers(cells, result, answer, threshold) == []
    assert exposed_groups(cells, result, threshold) == []


@settings(max_examples=200, deadline=None)
@given(grids, thresholds, st.data())
def test_answers_never_cost_a_department(cells, threshold, data):
    """Cells and role columns give way to the answers; the departments the sizes allow stay."""
    answer = {
        cell: data.draw(st.integers(min_value=0, max_value=size), label=repr(cell))
        for cell, size in cells.items()
    }
    result = visible_crossed(cells, threshold=threshold, answers=[answer])
    assert result.rows == visible_crossed(cells, threshold=threshold).rows
    assert exposed_groups(cells, result, threshold) == []


# --- A question's answers together ---------------------------------------------------------------


def _options_of(cells: dict, answers: dict) -> list[dict]:
    """Per answer 1..5, how many in each cell gave it, from each cell's list of answers."""
    return [{cell: answers.get(cell, []).count(value) for cell in cells} for value in range(1, 6)]


# Found by an attack on the JSON: Sales' two leaders, hidden, worked out from two questions.
ATTACKED_CELLS = {
    ("Sales", "L"): 2, ("Sales", "M"): 5, ("Sales", "I"): 8,
    ("Support", "L"): 5, ("Support", "M"): 3, ("Support", "I"): 8,
}  # fmt: skip
FIRST_ANSWERS = {
    ("Sales", "L"): [5, 3], ("Sales", "M"): [5, 3, 1, 1, 2], ("Sales", "I"): [4] * 8,
    ("Support", "L"): [5, 3, 1, 2, 5], ("Support", "M"): [1, 1, 2], ("Support", "I"): [4] * 8,
}  # fmt: skip
SECOND_ANSWERS = {
    ("Sales", "L"): [2, 4], ("Sales", "M"): [4, 4, 4, 4, 3], ("Sales", "I"): [4] * 8,
    ("Support", "L"): [2, 2, 2, 2, 1], ("Support", "M"): [2, 4, 4], ("Support", "I"): [4] * 8,
}  # fmt: skip


def test_a_questions_answers_together_pin_no_small_group():
    """Found by an attack on the JSON. Sizes show both departments, all three roles and the
    contributors' cells. One answer at a time, nothing is pinned: each answer's count in Sales'
    two leaders could be a little higher or lower. But each of them gave one answer, and every
    way of raising one count needs another to fall where that answer has nobody: the first
    question's answers are all pinned (a 3 and a 5), and so are the second's."""
    cells = ATTACKED_CELLS
    questions = [_options_of(cells, FIRST_ANSWERS), _options_of(cells, SECOND_ANSWERS)]
    by_size = visible_crossed(cells, threshold=5)
    assert exposed_by_question(cells, by_size, questions[0], 5)  # what the reader worked out
    result = visible_crossed(cells, threshold=5, questions=questions)
    for question in questions:
        assert exposed_by_question(cells, result, question, 5) == []


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from("AB"), st.sampled_from("LMI")),
        st.integers(min_value=0, max_value=4),
        min_size=6,
    ),
    st.integers(min_value=2, max_value=5),
    st.integers(min_value=3, max_value=4),
    st.data(),
)
def test_no_question_answered_together_pins_a_small_group(cells, threshold, choices, data):
    """Every cell of a two-by-three table, each person one of a few answers, each cell using
    one or two of them: the attack's shape, where answers pin together what none pins alone."""
    given = {}
    for cell, n in cells.items():
        used = data.draw(st.lists(st.integers(0, choices - 1), min_size=1, max_size=2))
        given[cell] = data.draw(st.lists(st.sampled_from(used), min_size=n, max_size=n))
    options = [{cell: answers.count(a) for cell, answers in given.items()} for a in range(choices)]
    result = visible_crossed(cells, threshold=threshold, questions=[options])
    assert exposed_by_question(cells, result, options, threshold) == []
    assert exposed_groups(cells, result, threshold) == []


def exposed_by_question(cells: dict, result: CrossedVisibility, options: list[dict], threshold):
    """Independent oracle, by brute force over every way the hidden cells' people could have
    answered one question (each person one answer): every set of hidden cells holding 1 to
    threshold − 1 people whose count of some answer is the same in all of them that give the
    shown counts. Allowed, as in `exposed_by_answers`: what a shown group's hidden part says of
    all its people. The reader knows every cell's size."""
    if sum(cells.values()) < threshold:
        return []
    hidden = sorted((c for c, n in cells.items() if n > 0 and c not in result.cells), key=repr)
    parts = _reader_parts(hidden, result)

    def sums(counts: dict) -> tuple:  # what a reader sees of the hidden cells' counts
        return tuple(sum(counts.get(c, 0) for c in part) for part in parts)

    def ways(k: int, room: dict) -> list[list[dict]]:
        """Every way answers k, k + 1, … fill `room`, each answer giving its shown sums."""
        if k == len(options):
            return [[]] if not any(room.values()) else []
        found = []
        for values in itertools.product(*(range(room[c] + 1) for c in hidden)):
            counts = dict(zip(hidden, values, strict=True))
            if sums(counts) == sums(options[k]):
                rest = {c: room[c] - counts[c] for c in hidden}
                found += [[counts, *later] for later in ways(k + 1, rest)]
        return found

    patterns = ways(0, {c: cells[c] for c in hidden})
    found = []
    for k, answer in enumerate(options):
        allowed = set()
        for part in parts:
            if sum(answer.get(c, 0) for c in part) in (0, sum(cells[c] for c in part)):
                allowed |= part
        open_cells = [c for c in hidden if c not in allowed]
        for size in range(1, len(open_cells) + 1):
            for group in itertools.combinations(open_cells, size):
                if sum(cells[c] for c in group) >= threshold:
                    continue
                if len({sum(p[k][c] for c in group) for p in patterns}) == 1:
                    found.append((k, group))
    return found


def _rank_mod_2(rows: list[int]) -> int:
    pivots: list[int] = []
    for row in rows:
        for pivot in pivots:
            row = min(row, row ^ pivot)
        if row:
            pivots.append(row)
    return len(pivots)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(5, 8)), min_size=1, max_size=14),
    st.data(),
)
def test_cycle_bits_span_the_exact_cycles_modulo_2(ends, data):
    """The audit follows each exchange's moves modulo 2 (`_cycle_bits`, by union–find) and works
    out their exact form (`_cycles_seen_on`, by paths in a spanning forest) only when a small set
    may be left unmoved: both must span the same moves, or the audit settles what it should not."""
    edges = list(range(len(ends)))
    among = data.draw(st.lists(st.sampled_from(edges), unique=True))
    seen = data.draw(st.lists(st.sampled_from(edges), unique=True))
    bit = {edge: 1 << b for b, edge in enumerate(seen)}
    fast = _cycle_bits(ends, among, bit)
    exact = [
        sum(bit[edge] for edge, change in cycle.items() if change % 2)
        for cycle in _cycles_seen_on(ends, among, seen)
    ]
    assert all(0 < bits < 1 << len(seen) for bits in fast)
    assert _rank_mod_2(fast) == _rank_mod_2(exact) == _rank_mod_2(fast + exact)
