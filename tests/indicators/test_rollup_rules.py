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


# --- the flat, on-demand roll-up gives exactly what a plain bottom-up walk gives -----------------------


def _reference(units, rule, own):
    """The rules written the slow, obvious way: one Figure per unit, lists carried up the tree."""
    from dangvu.indicators.rollup import Figure, post_order

    order = post_order(units)
    parent = {u.id: u.parent_id for u in order}
    figs = {u.id: Figure(value=None) for u in order}

    def sums(values):
        total = {u.id: 0.0 for u in order}
        count = {u.id: 0 for u in order}
        for k, v in values.items():
            if k in total:
                total[k] += v
                count[k] += 1
        for u in order:
            if parent[u.id] in total:
                total[parent[u.id]] += total[u.id]
                count[parent[u.id]] += count[u.id]
        return total, count

    if rule.aggregation is Aggregation.SUM:
        total, count = sums(own.get(rule.code, {}))
        return {i: (total[i], count[i], [], []) for i in total}
    if rule.aggregation is Aggregation.RATIO:
        n, c = sums(own.get(rule.base[0], {}))
        d, _ = sums(own.get(rule.base[1], {}))
        return {i: ((100.0 * n[i] / d[i]) if d[i] else None, c[i], [], []) for i in n}
    base = own.get(rule.base[0], {})
    for u in order:
        f = figs[u.id]
        if not rule.unit_kinds or u.kind in rule.unit_kinds:
            (f.met if base.get(u.id, 0.0) >= rule.threshold else f.unmet).append(u.id)
            f.sources += 1 if u.id in base else 0
        x, y = f.x_of_y
        f.value = 100.0 * x / y if y else None
        if parent[u.id] in figs:
            figs[parent[u.id]].met.extend(f.met)
            figs[parent[u.id]].unmet.extend(f.unmet)
            figs[parent[u.id]].sources += f.sources
    return {i: (f.value, f.sources, f.met, f.unmet) for i, f in figs.items()}


KINDS = ["grassroots_committee", "subordinate_cell", "grassroots_cell"]


@st.composite
def trees(draw):
    n = draw(st.integers(1, 40))
    units = [Unit(1, None, "provincial")]
    for i in range(2, n + 1):
        units.append(Unit(i, draw(st.integers(1, i - 1)), draw(st.sampled_from(KINDS))))
    draw(st.randoms()).shuffle(units)
    return units


values = st.one_of(
    st.integers(-3, 50).map(float), st.floats(-5, 5, allow_nan=False).map(lambda v: round(v, 1))
)


@given(
    trees(),
    st.dictionaries(st.integers(1, 45), values),
    st.dictionaries(st.integers(1, 45), values),
    st.sampled_from([0.0, 1.0, 2.5]),
)
def test_flat_roll_up_matches_the_plain_walk(units, a, b, threshold):
    own = {"A": a, "B": b}
    rules = [
        Rule("A", Aggregation.SUM),
        Rule("R", Aggregation.RATIO, ("A", "B")),
        Rule("S", Aggregation.SHARE, ("A",), frozenset({"subordinate_cell"}), threshold),
        Rule("C", Aggregation.COVERAGE, ("B",), frozenset(), threshold),
    ]
    got = roll_up(units, rules, own)
    for rule in rules:
        want = _reference(units, rule, own)
        for uid, (value, sources, met, unmet) in want.items():
            f = got[rule.code][uid]
            assert (f.value, f.sources, f.met, f.unmet) == (value, sources, met, unmet), (rule.code, uid)


def test_blank_unsourced_reads_no_figure():
    col = roll_up(UNITS, [Rule("A", Aggregation.SUM)], {"A": {6: 3}})["A"]
    col.blank_unsourced()
    assert col[5].value is None and col[1].value == 3.0
