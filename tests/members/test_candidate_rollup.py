"""The candidate pipeline rolled up the tree: counts of any day (each candidate at the stage of their last
step by then), every level, students and private-enterprise workers apart, both tree views, a constant
number of queries; and the same counts as computed indicators of the catalogue (sheet and dashboard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.core.periods import Period
from dangvu.indicators.selectors import indicator_sheet
from dangvu.members import candidate_services as svc
from dangvu.members.candidate_figures import pipeline_on
from dangvu.members.candidate_models import Candidate, Occupation
from dangvu.members.candidate_selectors import pipeline_tree
from dangvu.members.models import Gender
from dangvu.organisations.selectors import TreeView
from dangvu.organisations.services import orgs_merge

D = dt.date


def add(province: Any, name: str, cell: str, occupation: Occupation) -> Candidate:
    return svc.candidate_add(
        actor=None,
        unit=province[cell],
        full_name=name,
        birth_date=D(2000, 2, 2),
        gender=Gender.FEMALE,
        ethnicity="Kinh",
        occupation=occupation,
        on=D(2024, 1, 10),
    )


def _pipeline(province: Any) -> None:
    """a (CA1, student): course 1/3, proposed 1/6, admitted 2/9/2024; b (CA1, private): source;
    c (CA2, farmer): dropped 1/5/2024; d (CB1, student): source; e (CS, other): course 1/2/2024."""
    a = add(province, "A", "CA1", Occupation.STUDENT)
    svc.candidate_course_done(actor=None, candidate=a, on=D(2024, 3, 1), course_name="Lớp 1")
    svc.candidate_propose(actor=None, candidate=a, on=D(2024, 6, 1))
    svc.candidate_admit(actor=None, candidate=a, admitted_on=D(2024, 9, 2))
    add(province, "B", "CA1", Occupation.PRIVATE_ENTERPRISE)
    c = add(province, "C", "CA2", Occupation.FARMER)
    svc.candidate_drop(actor=None, candidate=c, on=D(2024, 5, 1), reason="Chuyển đi nơi khác")
    add(province, "D", "CB1", Occupation.STUDENT)
    e = add(province, "E", "CS", Occupation.OTHER)
    svc.candidate_course_done(actor=None, candidate=e, on=D(2024, 2, 1), course_name="Lớp 1")


def _by_code(tree: Any) -> dict[str, dict[str, tuple[int, int, int]]]:
    return {r.node.code: {s: (n, st, pr) for s, n, st, pr in r.cells} for r in tree.rows}


def test_each_candidate_counts_at_the_stage_of_the_day(province: Any) -> None:
    _pipeline(province)
    ca1 = province["CA1"].pk
    assert pipeline_on(D(2024, 1, 9)) == {}  # nobody yet
    early = pipeline_on(D(2024, 4, 1))
    assert early[ca1] == {
        "source": 1,
        "source:private_enterprise": 1,
        "course_done": 1,
        "course_done:student": 1,
        "open": 2,
        "open:student": 1,
        "open:private_enterprise": 1,
    }
    late = pipeline_on(D(2024, 9, 30), since=D(2024, 7, 1))
    assert (
        late[ca1]["admitted"] == 1 and late[ca1]["admitted_in"] == 1 and late[ca1]["admitted_in:student"] == 1
    )
    assert late[ca1]["open"] == 1
    assert late[province["CA2"].pk] == {"dropped": 1}  # dropped before the period: not "dropped_in"
    assert pipeline_on(D(2024, 6, 30), since=D(2024, 4, 1))[province["CA2"].pk]["dropped_in"] == 1


def test_the_tree_rolls_up_every_level_in_a_constant_number_of_queries(province: Any) -> None:
    admin = province.users["admin"]
    _pipeline(province)
    tree = pipeline_tree(admin, on=D(2024, 4, 1))
    rows = _by_code(tree)
    assert [r.node.code for r in tree.rows] == ["HL", "D1", "D2"]  # the top, then the units under it
    assert rows["D1"]["source"] == (3, 1, 1)  # b, c in XA; d in XB
    assert rows["D1"]["course_done"] == (1, 1, 0)
    assert rows["HL"]["course_done"] == (2, 1, 0) and rows["D2"]["course_done"] == (1, 0, 0)
    assert tree.totals == next(r.cells for r in tree.rows if r.node.code == "HL")
    xa = _by_code(pipeline_tree(admin, on=D(2024, 12, 31), organisation=province["XA"]))
    assert set(xa) == {"XA", "CA1", "CA2"}
    assert xa["XA"]["admitted"] == (1, 1, 0) and xa["XA"]["dropped"] == (1, 0, 0)
    assert xa["CA1"]["source"] == (1, 0, 1) and xa["CA2"]["source"] == (0, 0, 0)
    assert _by_code(pipeline_tree(province.users["editor_a"], on=D(2024, 4, 1)))["XA"]["source"] == (2, 0, 1)

    def queries(on: dt.date) -> int:
        with CaptureQueriesContext(connection) as ctx:
            pipeline_tree(admin, on=on, organisation=province["HL"])
        return len(ctx.captured_queries)

    few = queries(D(2024, 1, 10))
    for i in range(6):  # more candidates in more cells: no more queries
        add(province, f"Thêm {i}", ("CA1", "CA2", "CB1")[i % 3], Occupation.STUDENT)
    assert queries(D(2024, 1, 10)) == few


def test_a_merged_cells_candidates_follow_its_successor_in_both_views(province: Any) -> None:
    admin = province.users["admin"]
    _pipeline(province)
    orgs_merge(actor=None, sources=[province["CA1"]], into=province["CA2"], effective_on=D(2025, 7, 1))
    before = _by_code(pipeline_tree(admin, on=D(2024, 12, 31), organisation=province["XA"]))
    assert before["CA1"]["source"] == (1, 0, 1) and before["CA2"]["admitted"] == (0, 0, 0)
    now = _by_code(pipeline_tree(admin, on=D(2024, 12, 31), view=TreeView.NOW, organisation=province["XA"]))
    assert "CA1" not in now and now["CA2"]["source"] == (1, 0, 1) and now["CA2"]["admitted"] == (1, 1, 0)
    after = _by_code(pipeline_tree(admin, on=D(2025, 8, 1), organisation=province["XA"]))
    assert "CA1" not in after and after["CA2"]["source"] == (1, 0, 1)  # the day's successor
    assert after["XA"] == now["XA"]
    q4 = Period.parse("2024-Q4")
    was_sheet, now_sheet = (indicator_sheet(admin, q4, v) for v in (TreeView.WAS, TreeView.NOW))
    assert was_sheet.figure("NGUON_CUOI_KY", province["CA1"].pk).value == 1  # type: ignore[union-attr]
    assert now_sheet.figure("NGUON_CUOI_KY", province["CA2"].pk).value == 1  # type: ignore[union-attr]
    later = indicator_sheet(admin, Period.parse("2025-Q3"), TreeView.WAS)  # CA1 closed on 1/7/2025
    assert later.figure("NGUON_CUOI_KY", province["CA2"].pk).value == 1  # type: ignore[union-attr]


def test_the_page_shows_the_roll_up_of_a_date_and_view(client: Any, province: Any) -> None:
    _pipeline(province)
    client.force_login(province.users["admin"])
    page = client.get("/dang-vien/nguon/", {"at": "2024-04-01"})
    html = page.content.decode()
    assert page.context["totals"][1] == ("course_done", 2, 1, 0)
    assert 'data-code="D1"' in html and "?org=D1&amp;at=2024-04-01&amp;view=was" in html
    page = client.get("/dang-vien/nguon/", {"org": "XA", "at": "2024-12-31", "view": "now"})
    assert [r.node.code for r in page.context["tree"].rows] == ["XA", "CA2", "CA1"]
    assert page.context["totals"][3] == ("admitted", 1, 1, 0)
    page = client.get("/dang-vien/nguon/", {"at": "31/02/2024"})
    assert page.status_code == 200 and page.context["date_error"]


def test_the_catalogue_computes_them_for_the_sheet_and_the_dashboard(
    client: Any, province: Any, system: Any
) -> None:
    _pipeline(province)
    hl, xa = province["HL"].pk, province["XA"].pk

    def value(period: str, code: str, unit: int) -> float | None:
        f = indicator_sheet(system, Period.parse(period), TreeView.WAS).figure(code, unit)
        return f.value if f else None

    assert value("2024-Q1", "NGUON_DA_HOC_LOP", hl) == 2  # a and e, on 31/03
    assert value("2024-Q2", "NGUON_DA_HOC_LOP", hl) == 1 and value("2024-Q2", "NGUON_DE_NGHI", xa) == 1
    assert value("2024-Q2", "NGUON_RA", hl) == 1 and value("2024-Q3", "NGUON_RA", hl) == 0
    assert value("2024-Q3", "NGUON_KET_NAP", hl) == 1 and value("2024", "NGUON_KET_NAP", xa) == 1
    assert value("2024-Q3", "NGUON_CUOI_KY", hl) == 3  # b, d, e
    assert value("2024-Q3", "NGUON_HSSV", hl) == 1 and value("2024-Q3", "NGUON_DNTN", xa) == 1
    assert value("2024-Q3", "NGUON_CUOI_KY", province["D2"].pk) == 1
    client.force_login(province.users["editor_a"])
    page = client.get("/chi-tieu/XA/?period=2024-Q3&chi_tieu=NGUON_CUOI_KY").content.decode()
    assert "Quần chúng ưu tú trong nguồn phát triển đảng viên" in page
