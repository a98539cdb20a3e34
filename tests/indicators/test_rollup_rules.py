"""The roll-up rule of each aggregation kind, on a hand-built tree (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from dangvu.indicators.rollup import Aggregation, Rule, Unit, roll_up

#   1 province ─ 2 district ─ 4 commune ─ 6, 7 cells
#              └ 3 district ─ 5 commune ─ 8 cell
UNITS = [
    Unit(1, None, "provincial"),
    Unit(2, 1, "directly_under"),
    Unit(3, 1, "directly_under"),
    Unit(4, 2, "grassroots_committee"),
    Unit(5, 3, "grassroots_committee"),
    Unit(6, 4, "subordinate_cell"),
    Unit(7, 4, "subordinate_cell"),
    Unit(8, 5, "subordinate_cell"),
]


def test_sum_adds_own_values_up_the_tree():
    fig = roll_up(UNITS, [Rule("A", Aggregation.SUM)], {"A": {6: 3, 7: 2, 8: 4, 4: 1}})["A"]
    assert fig[4].value == 6 and fig[2].value == 6 and fig[3].value == 4 and fig[1].value == 10
    assert fig[1].sources == 4


def test_ratio_is_the_ratio_of_sums_not_the_mean_of_ratios():
    own = {"W": {6: 1, 7: 0, 8: 2}, "M": {6: 2, 7: 2, 8: 4}}
    fig = roll_up(UNITS, [Rule("R", Aggregation.RATIO, ("W", "M"))], own)["R"]
    assert fig[1].value == 100 * 3 / 8
    assert fig[4].value == 25.0
    assert (fig[1].numerator, fig[1].denominator) == (3, 8)


def test_share_counts_units_of_the_named_kinds_meeting_the_threshold():
    rule = Rule("S", Aggregation.SHARE, ("OK",), frozenset({"subordinate_cell"}))
    fig = roll_up(UNITS, [rule], {"OK": {6: 1, 8: 1}})["S"]
    assert fig[1].x_of_y == (2, 3)
    assert round(fig[1].value, 2) == 66.67
    assert fig[4].x_of_y == (1, 2)
    assert fig[2].value == 50.0


def test_coverage_keeps_the_units_behind_x_and_behind_y_minus_x():
    rule = Rule("C", Aggregation.COVERAGE, ("GS",), frozenset({"grassroots_committee"}))
    fig = roll_up(UNITS, [rule], {"GS": {4: 2}})["C"]
    assert fig[1].x_of_y == (1, 2)
    assert fig[1].met == [4] and fig[1].unmet == [5]


def test_a_unit_with_nothing_of_the_kind_has_no_share():
    rule = Rule("S", Aggregation.SHARE, ("OK",), frozenset({"subordinate_cell"}))
    assert roll_up(UNITS, [rule], {})["S"][6].value == 0.0
    rule = Rule("S", Aggregation.SHARE, ("OK",), frozenset({"grassroots_cell"}))
    assert roll_up(UNITS, [rule], {})["S"][1].value is None


@given(st.dictionaries(st.sampled_from([u.id for u in UNITS]), st.integers(0, 1000)))
def test_the_root_holds_the_sum_of_all_own_values(own):
    fig = roll_up(UNITS, [Rule("A", Aggregation.SUM)], {"A": own})["A"]
    assert fig[1].value == sum(own.values())
