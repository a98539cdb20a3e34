"""What the speed-ups must not change: a sheet around one province equals the whole sheet there, a province
joined to another by a link of the day is not cut off, and one request's memo gives the same figures."""

from __future__ import annotations

import datetime as dt

from factories import START, add_members

from dangvu.core.periods import Period
from dangvu.indicators.selectors import indicator_sheet, request_memo, sheet_within
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView, self_contained
from dangvu.organisations.services import org_establish, org_move

Q4 = Period.parse("2019-Q4")
CODES = ("DV_CUOI_KY", "DV_KET_NAP")


def _other_province():
    other = org_establish(
        actor=None,
        code="HT",
        name="Đảng bộ tỉnh Khác",
        kind=OrgKind.PROVINCIAL,
        parent=None,
        established_on=START,
    )
    cell = org_establish(
        actor=None,
        code="HTC",
        name="Chi bộ Khác",
        kind=OrgKind.GRASSROOTS_CELL,
        parent=other,
        established_on=START,
    )
    add_members(cell, 5)
    return other, cell


def test_a_sheet_around_a_province_is_that_province_of_the_whole_sheet(province, system):
    other, _ = _other_province()
    hl = province["HL"]
    assert sheet_within(hl.path, Q4) == hl.path
    for view in TreeView:
        whole = indicator_sheet(system, Q4, view)
        around = indicator_sheet(system, Q4, view, around=province["XA"].path)
        assert other.pk in whole.nodes and other.pk not in around.nodes
        for node in around.nodes:
            for code in CODES:
                assert around.figure(code, node).value == whole.figure(code, node).value


def test_a_unit_moved_across_provinces_keeps_the_whole_tree(province, system):
    other, cell = _other_province()
    org_move(actor=None, organisation=cell, parent=province["D1"], effective_on=dt.date(2021, 1, 1))
    other.refresh_from_db()
    hl = Organisation.objects.get(pk=province["HL"].pk)
    # In 2019 the cell sat under the other province, but its path is now under HL: not self-contained then.
    assert not self_contained(hl.path, Q4.end)
    assert sheet_within(hl.path, Q4) is None
    assert sheet_within(hl.path, Period.parse("2022-Q1")) == hl.path
    sheet = indicator_sheet(system, Q4, around=hl.path)
    assert sheet.figure("DV_CUOI_KY", other.pk).value == 5


def test_the_memo_gives_the_same_figures(province, system):
    _other_province()
    plain = [indicator_sheet(system, p, TreeView.WAS) for p in (Q4, Q4.predecessor(), Q4.to_date())]
    with request_memo():
        memo = [indicator_sheet(system, p, TreeView.WAS) for p in (Q4, Q4.predecessor(), Q4.to_date())]
        again = indicator_sheet(system, Q4, TreeView.WAS)
    assert again.figures is memo[0].figures
    for a, b in zip(plain, memo, strict=True):
        for node in a.nodes:
            for ind in a.indicators:
                fa, fb = a.figure(ind.code, node), b.figure(ind.code, node)
                assert (fa.value, fa.sources) == (fb.value, fb.sources) if fa else fb is None


def test_a_commune_office_sheet_covers_its_commune_only_with_the_same_figures(province, system):
    editor = province.users["editor_a"]  # edits XA
    xa = province["XA"]
    assert sheet_within(xa.path, Q4, TreeView.WAS, editor) == xa.path
    assert sheet_within(province["CA1"].path, Q4, TreeView.WAS, editor) == xa.path
    whole = indicator_sheet(system, Q4, around=province["HL"].path)
    for view in TreeView:
        mine = indicator_sheet(editor, Q4, view, around=xa.path)
        assert set(mine.nodes) == {xa.pk, province["CA1"].pk, province["CA2"].pk}
        for node in mine.nodes:
            for code in CODES:
                assert mine.figure(code, node).value == whole.figure(code, node).value


def test_a_commune_that_took_in_a_cell_from_elsewhere_reads_more_than_itself(province, system):
    editor = province.users["editor_a"]
    xa = province["XA"]
    # CB1 moves from XB to XA in 2021: in 2019 it sat outside XA, in 2022 it is XA's
    org_move(actor=None, organisation=province["CB1"], parent=xa, effective_on=dt.date(2021, 1, 1))
    assert sheet_within(xa.path, Q4, TreeView.WAS, editor) is None  # the whole tree (all of it is HL's)
    assert sheet_within(xa.path, Period.parse("2022-Q1"), TreeView.WAS, editor) == xa.path
    was = indicator_sheet(editor, Q4, around=xa.path)
    whole = indicator_sheet(system, Q4, around=xa.path)
    assert was.figure("DV_CUOI_KY", xa.pk).value == whole.figure("DV_CUOI_KY", xa.pk).value == 5
