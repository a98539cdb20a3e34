"""The roll-up rule of tree.py on hand-built rows, with no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.organisations.kinds import ALLOWED_CHILDREN, OrgKind, may_hold
from dangvu.organisations.tree import OrgRow, TreeError, ancestors_path, assemble, resolve_successors

K = OrgKind


def _rows():
    return [
        OrgRow(1, "HL", "Tỉnh", K.PROVINCIAL, None),
        OrgRow(2, "D1", "Huyện B", K.DIRECTLY_UNDER, 1),
        OrgRow(3, "D2", "Huyện A", K.DIRECTLY_UNDER, 1),
        OrgRow(4, "XA", "Xã A", K.GRASSROOTS_COMMITTEE, 2),
        OrgRow(5, "CS", "Chi bộ cơ sở", K.GRASSROOTS_CELL, 3),
        OrgRow(6, "P1", "Đảng bộ bộ phận", K.PARTIAL_COMMITTEE, 4),
        OrgRow(7, "S1", "Chi bộ 1", K.SUBORDINATE_CELL, 6),
        OrgRow(8, "S2", "Chi bộ 2", K.SUBORDINATE_CELL, 4),
        OrgRow(9, "DN", "Doanh nghiệp", K.GRASSROOTS_COMMITTEE, 1),
    ]


def test_members_roll_up_to_every_ancestor():
    nodes, roots = assemble(_rows(), {7: 10, 8: 5, 5: 3, 4: 1})
    assert [r.code for r in roots] == ["HL"]
    assert nodes[7].members == 10
    assert nodes[6].members == 10
    assert nodes[4].members == 16  # own 1 + 10 + 5
    assert nodes[2].members == 16
    assert nodes[3].members == 3
    assert nodes[1].members == 19
    assert nodes[9].members == 0
    assert nodes[1].own_members == 0


def test_units_count_descendants_by_kind_not_the_node_itself():
    nodes, _ = assemble(_rows(), {})
    root = nodes[1]
    assert root.units(K.DIRECTLY_UNDER) == 2
    assert root.units(K.GRASSROOTS_COMMITTEE) == 2
    assert root.units(K.GRASSROOTS_CELL) == 1
    assert root.grassroots == 3
    assert root.units(K.PARTIAL_COMMITTEE) == 1
    assert root.units(K.SUBORDINATE_CELL) == 2
    assert root.cells == 3
    assert root.units_below == 8
    assert nodes[4].units_below == 3 and nodes[4].grassroots == 0
    assert nodes[7].units_below == 0
    assert root.units(K.PROVINCIAL) == 0


def test_children_sorted_committees_before_cells_then_by_name_without_accents():
    rows = [
        OrgRow(1, "R", "Tỉnh", K.PROVINCIAL, None),
        OrgRow(2, "C1", "Chi bộ An", K.GRASSROOTS_CELL, 1),
        OrgRow(3, "H2", "Đảng bộ Hà", K.DIRECTLY_UNDER, 1),
        OrgRow(4, "H1", "Đảng bộ Ấp", K.GRASSROOTS_COMMITTEE, 1),
        OrgRow(5, "H3", "Đảng bộ Ba", K.DIRECTLY_UNDER, 1),
    ]
    nodes, _ = assemble(rows, {})
    assert [c.code for c in nodes[1].children] == ["H1", "H3", "H2", "C1"]


def test_row_with_unknown_parent_becomes_a_root_and_roots_sorted_by_name():
    rows = [OrgRow(1, "B", "Bê", K.DIRECTLY_UNDER, 99), OrgRow(2, "A", "Ân", K.DIRECTLY_UNDER, None)]
    _, roots = assemble(rows, {})
    assert [r.code for r in roots] == ["A", "B"]


def test_members_of_units_not_in_rows_are_ignored():
    nodes, _ = assemble([OrgRow(1, "A", "A", K.GRASSROOTS_CELL, None)], {1: 2, 42: 1000})
    assert nodes[1].members == 2


@pytest.mark.parametrize(
    "rows",
    [
        [OrgRow(1, "A", "A", K.DIRECTLY_UNDER, 1)],
        [OrgRow(1, "A", "A", K.DIRECTLY_UNDER, 2), OrgRow(2, "B", "B", K.DIRECTLY_UNDER, 1)],
        [
            OrgRow(0, "R", "R", K.PROVINCIAL, None),
            OrgRow(1, "A", "A", K.DIRECTLY_UNDER, 3),
            OrgRow(2, "B", "B", K.GRASSROOTS_COMMITTEE, 1),
            OrgRow(3, "C", "C", K.SUBORDINATE_CELL, 2),
        ],
    ],
)
def test_a_cycle_raises(rows):
    with pytest.raises(TreeError, match="vòng lặp"):
        assemble(rows, {})


def test_units_summary_and_as_dict():
    nodes, _ = assemble(_rows(), {7: 1500, 8: 2})
    root = nodes[1]
    assert root.units_summary() == (
        "2 đảng bộ trực thuộc, 3 tổ chức cơ sở đảng, 1 đảng bộ bộ phận, 2 chi bộ trực thuộc"
    )
    assert nodes[7].units_summary() == ""
    d = root.as_dict(depth=1)
    assert d["members"] == 1502
    assert d["kind"] == "provincial" and d["kind_label"] == "Đảng bộ tỉnh"
    assert d["units"]["grassroots"] == 3 and d["units"]["subordinate_cells"] == 2
    assert d["children_count"] == 3
    assert [c["code"] for c in d["children"]] == ["DN", "D2", "D1"]
    assert all("children" not in c for c in d["children"])
    full = root.as_dict()
    assert full["children"][2]["children"][0]["children"][0]["code"] == "P1"
    assert "children" not in root.as_dict(depth=0)


def test_resolve_successors_follows_chains_to_a_live_unit():
    live = {10, 20}
    closed = {1: 2, 2: 3, 3: 10, 4: 20, 5: None, 6: 7, 7: 6, 8: 99, 9: 1}
    assert resolve_successors(closed, live) == {1: 10, 2: 10, 3: 10, 4: 20, 9: 10}


def test_resolve_successors_order_does_not_matter():
    live = {10}
    forward = {1: 2, 2: 10, 3: 1}
    backward = dict(reversed(list(forward.items())))
    assert resolve_successors(forward, live) == resolve_successors(backward, live) == {1: 10, 2: 10, 3: 10}


def test_ancestors_path():
    assert ancestors_path(4, {4: 2, 2: 1, 1: None}) == [1, 2, 4]
    with pytest.raises(TreeError):
        ancestors_path(1, {1: 2, 2: 1})


def test_kinds_form_a_strict_hierarchy():
    assert may_hold(K.PROVINCIAL, K.GRASSROOTS_CELL)
    assert not may_hold(K.GRASSROOTS_CELL, K.SUBORDINATE_CELL)
    assert not may_hold(K.SUBORDINATE_CELL, K.PARTIAL_COMMITTEE)
    assert not any(may_hold(k, k) for k in K)
    assert set(ALLOWED_CHILDREN) == set(K)
    assert {k for k in K if k.is_grassroots} == {K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL}
    assert {k for k in K if k.is_cell} == {K.GRASSROOTS_CELL, K.SUBORDINATE_CELL}


@st.composite
def forests(draw):
    """A random tree: node i (i ≥ 1) hangs under some node j < i; node 0 is the root."""
    n = draw(st.integers(min_value=1, max_value=40))
    parents = [None] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, n)]
    kinds = [draw(st.sampled_from(list(K))) for _ in range(n)]
    members = {i: draw(st.integers(min_value=0, max_value=500)) for i in range(n)}
    rows = [
        OrgRow(i + 100, f"C{i}", f"Đơn vị {n - i}", kinds[i], None if p is None else p + 100)
        for i, p in enumerate(parents)
    ]
    shuffled = draw(st.permutations(rows))
    return shuffled, {i + 100: m for i, m in members.items()}


@given(forests())
def test_root_holds_every_member_and_every_other_unit(forest):
    rows, own = forest
    nodes, roots = assemble(rows, own)
    assert len(roots) == 1
    root = roots[0]
    assert root.members == sum(own.values())
    assert root.units_below == len(rows) - 1
    for node in nodes.values():
        assert node.members == node.own_members + sum(c.members for c in node.children)
        assert node.units_below == len(node.children) + sum(c.units_below for c in node.children)
