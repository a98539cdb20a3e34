"""Reports over a sub-tree, computed for every unit at once: meeting gaps and attendance, coverage with the
units behind each number, plan vs done, rating shares; and the same figures in the indicator roll-up."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.activities import ratings, selectors, services
from dangvu.activities.models import Mode
from dangvu.core.periods import Period
from dangvu.indicators.selectors import indicator_sheet

Q1 = Period.parse("2024-Q1")


def _meetings(province):
    rec = services.cell_meeting_record
    for month in (1, 2, 3):
        rec(
            actor=None,
            cell=province["CA1"],
            held_on=dt.date(2024, month, 5),
            kind="regular",
            expected=3,
            present=3,
        )
    rec(
        actor=None,
        cell=province["CA1"],
        held_on=dt.date(2024, 2, 20),
        kind="thematic",
        topic="Học tập Bác",
        expected=3,
        present=2,
        absent_unexcused=1,
    )
    for month in (1, 3):
        rec(
            actor=None,
            cell=province["CA2"],
            held_on=dt.date(2024, month, 9),
            kind="regular",
            expected=2,
            present=1,
            absent_excused=1,
        )


def _inspections(province):
    common = dict(actor=None, kind="regular", body="committee", topic="Chương trình năm")
    services.inspection_record(
        mode="supervision",
        conductor=province["XA"],
        subject_organisation=province["CA1"],
        started_on=dt.date(2024, 2, 1),
        **common,
    )
    services.inspection_record(
        mode="inspection",
        conductor=province["XA"],
        subject_organisation=province["CA2"],
        started_on=dt.date(2024, 3, 1),
        **common,
    )
    services.inspection_record(
        mode="inspection",
        conductor=province["D1"],
        subject_organisation=province["XB"],
        started_on=dt.date(2024, 8, 1),
        **common,
    )
    services.inspection_plan_set(
        actor=None, organisation=province["XA"], year=2024, inspections_planned=4, supervisions_planned=2
    )
    services.inspection_plan_set(
        actor=None, organisation=province["XB"], year=2024, inspections_planned=1, supervisions_planned=1
    )


def test_meeting_report(province):
    _meetings(province)
    report = selectors.meeting_report(province["XA"], Q1, today=dt.date(2024, 6, 1))
    by_code = {r.cell.code: r for r in report.rows}
    assert set(by_code) == {"CA1", "CA2"}
    assert by_code["CA1"].gaps.ok and by_code["CA1"].attendance.rate == pytest.approx(91.67, abs=0.01)
    assert by_code["CA2"].gaps.months_missed == [(2024, 2)] and by_code["CA2"].gaps.quarters_missed == [
        (2024, 1)
    ]
    assert [r.cell.code for r in report.missed_month] == ["CA2"] and report.compliant == 1
    assert report.attendance.present == 13 and report.attendance.expected == 16
    early = selectors.meeting_report(province["XA"], Q1, today=dt.date(2024, 2, 10))
    assert {r.cell.code: r.gaps.months_due for r in early.rows} == {"CA1": 1, "CA2": 1}  # only January ended


def test_coverage_lists_the_units(province):
    _inspections(province)
    cov = selectors.coverage(province["HL"], Period.parse("2024"), Mode.SUPERVISION)
    groups = {g.label: g for g in cov.groups}
    assert [u.code for u in groups["đảng ủy cơ sở"].not_done] == ["XB"]
    assert [u.code for u in groups["đảng ủy cơ sở"].done] == ["XA"]
    assert "1/2 đảng ủy cơ sở, 1/1 chi bộ cơ sở" in cov.sentence and cov.sentence.endswith(
        "chưa thực hiện giám sát"
    )
    kt = selectors.coverage(province["D1"], Q1, Mode.INSPECTION)
    assert kt.sentence.startswith("1/2 đảng ủy cơ sở")  # D1's August inspection is not in Q1


def test_plan_vs_done(province):
    _inspections(province)
    rows = {r.organisation.code: r for r in selectors.plan_vs_done(province["HL"], 2024)}
    assert (rows["XA"].inspections_done, rows["XA"].inspections_planned, rows["XA"].inspections_pct) == (
        1,
        4,
        25.0,
    )
    assert rows["XA"].supervisions_pct == 50.0 and rows["XB"].inspections_pct == 0.0
    assert rows["D1"].inspections_planned == 0 and rows["D1"].inspections_pct is None
    assert set(rows) == {"XA", "XB", "D1"}


def test_rating_summary(province):
    for code, grade in (("CA1", "httnv"), ("CA2", "htnv"), ("XA", "htxsnv")):
        r = ratings.rating_propose(actor=None, period="2023", organisation=province[code], grade=grade)
        ratings.rating_decide(
            actor=None,
            rating=r,
            decider=province["D1"] if code == "XA" else province["XA"],
            grade=grade,
            decided_on=dt.date(2024, 1, 5),
        )
    s = selectors.rating_summary(province["HL"], "2023")
    assert (
        s.organisations_good_share == 100.0 and s.unrated_grassroots == 2
    )  # XB, CS (CA1/CA2 are not grassroots)
    assert s.differing == 0


def test_the_indicator_sheet_computes_activities(province):
    _meetings(province)
    _inspections(province)
    sheet = indicator_sheet(province.users["admin"], Q1)
    ids = {c: province[c].pk for c in ("HL", "XA", "CA1", "CA2")}
    assert sheet.figure("SH_CUOC", ids["XA"]).value == 6
    assert sheet.figure("SH_TY_LE_DU", ids["XA"]).value == pytest.approx(81.25)
    assert sheet.figure("CB_SH_DU_TY_LE", ids["XA"]).value == 50.0
    assert sheet.figure("KT_THUC_HIEN", ids["HL"]).value == 1  # D1's August inspection is not in Q1
    assert sheet.figure("KT_TY_LE_KH", ids["HL"]).value == 20.0  # 1 of 5 planned in the province
    cov = sheet.figure("GS_DU_DA_GS", ids["HL"])
    assert cov.x_of_y == (1, 2) and cov.unmet == [province["XB"].pk]
    assert sheet.figure("KT_CUOC", ids["HL"]).value is None  # the reported one still there, nothing reported
