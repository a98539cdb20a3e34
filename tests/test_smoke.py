import datetime as dt

from dangvu.organisations.selectors import TreeView, tree_snapshot


def test_fixture_province_counts(province, system):
    snap = tree_snapshot(system, dt.date(2020, 1, 1), TreeView.WAS)
    root = snap.by_code("HL")
    assert root is not None
    assert root.members == 11
    assert root.grassroots == 3
