"""The indicator sheet on the small province, reported figures and their approval, targets, and the pages."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from factories import add_members

from dangvu.accounts.models import Role, RoleLevel
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.periods import Period
from dangvu.indicators import services
from dangvu.indicators.models import Indicator, Submission, SubmissionStatus
from dangvu.indicators.selectors import achievement, indicator_sheet
from dangvu.organisations.selectors import TreeView
from dangvu.organisations.services import NewUnit, orgs_merge

Q4 = Period.parse("2019-Q4")


def _value(sheet, code, org):
    return sheet.figure(code, org.pk).value


def test_members_and_admissions_roll_up_from_the_register(province, system):
    add_members(province["CA1"], 2, since=dt.date(2019, 11, 5))
    sheet = indicator_sheet(system, Q4)
    assert _value(sheet, "DV_CUOI_KY", province["HL"]) == 13
    assert _value(sheet, "DV_KET_NAP", province["HL"]) == 2
    assert _value(sheet, "DV_KET_NAP", province["XA"]) == 2
    assert _value(sheet, "DV_KET_NAP", province["XB"]) == 0
    assert _value(sheet, "DV_DU_BI", province["HL"]) == 2
    assert _value(sheet, "TC_CO_SO", province["HL"]) == 3
    assert _value(sheet, "TC_CHI_BO", province["D1"]) == 3


def test_reported_figures_count_once_submitted_and_coverage_lists_who_has_not(province, system):
    admin, editor = province.users["admin"], province.users["editor_a"]
    sub = services.submission_save(
        actor=editor, organisation=province["XA"], period="2019-Q4", values={"GS_CUOC": 2, "KT_CUOC": 1}
    )
    sheet = indicator_sheet(system, Q4)
    assert _value(sheet, "GS_CUOC", province["HL"]) is None  # a draft does not count: no figure yet
    services.submission_submit(actor=editor, submission=sub)
    sheet = indicator_sheet(system, Q4)
    assert _value(sheet, "GS_CUOC", province["HL"]) == 2
    coverage = sheet.figure("GS_DA_THUC_HIEN", province["HL"].pk)
    assert coverage.x_of_y == (1, 2)
    assert coverage.unmet == [province["XB"].pk]
    services.submission_approve(actor=admin, submission=sub)
    with pytest.raises(DomainError, match="đã được duyệt và khóa"):
        services.submission_save(
            actor=editor, organisation=province["XA"], period="2019-Q4", values={"GS_CUOC": 3}
        )
    services.submission_reopen(actor=admin, submission=sub, reason="Sai số cuộc giám sát")
    services.submission_save(
        actor=editor, organisation=province["XA"], period="2019-Q4", values={"GS_CUOC": 3}
    )
    assert Submission.objects.get(pk=sub.pk).values.get(indicator__code="GS_CUOC").value == 3


def test_a_year_sums_the_submitted_quarters(province, system):
    editor = province.users["editor_a"]
    for q, n in (("2019-Q1", 1), ("2019-Q3", 2)):
        sub = services.submission_save(
            actor=editor, organisation=province["XA"], period=q, values={"KT_CUOC": n}
        )
        services.submission_submit(actor=editor, submission=sub)
    assert _value(indicator_sheet(system, Period.parse("2019")), "KT_CUOC", province["HL"]) == 3


def test_only_the_level_above_approves_and_editors_write_only_their_unit(province):
    editor, outsider = province.users["editor_a"], province.users["outsider"]
    with pytest.raises(PermissionDenied):
        services.submission_save(
            actor=outsider, organisation=province["XA"], period="2019-Q4", values={"KT_CUOC": 1}
        )
    sub = services.submission_save(
        actor=editor, organisation=province["XA"], period="2019-Q4", values={"KT_CUOC": 1}
    )
    services.submission_submit(actor=editor, submission=sub)
    with pytest.raises(PermissionDenied):
        services.submission_approve(actor=editor, submission=sub)
    with pytest.raises(DomainError, match="lý do"):
        services.submission_return(actor=province.users["admin"], submission=sub, comment=" ")
    services.submission_return(
        actor=province.users["admin"], submission=sub, comment="Thiếu số liệu kiểm tra"
    )
    assert Submission.objects.get(pk=sub.pk).status == SubmissionStatus.RETURNED


def test_unknown_or_negative_reported_values_are_refused(province):
    editor = province.users["editor_a"]
    with pytest.raises(DomainError, match="không phải chỉ tiêu do đơn vị báo cáo"):
        services.submission_save(
            actor=editor, organisation=province["XA"], period="2019-Q4", values={"DV_CUOI_KY": 5}
        )
    with pytest.raises(DomainError, match="không âm"):
        services.submission_save(
            actor=editor, organisation=province["XA"], period="2019-Q4", values={"KT_CUOC": -1}
        )


def test_year_target_against_the_figure_to_date_with_a_forecast(province, system):
    admin = province.users["admin"]
    admissions = Indicator.objects.get(code="DV_KET_NAP")
    services.target_set(
        actor=admin, indicator=admissions, organisation=province["HL"], period="2019", value=10
    )
    add_members(province["CA1"], 3, since=dt.date(2019, 2, 1))
    add_members(province["CB1"], 1, since=dt.date(2019, 5, 1))
    sheet = indicator_sheet(system, Period.parse("2019-Q2"))
    row = next(
        a
        for a in achievement(system, sheet, province["HL"].pk, dt.date(2019, 7, 1))
        if a.indicator.code == "DV_KET_NAP"
    )
    assert row.target.value == 10 and row.compared == 4 and row.percent == 40.0
    assert row.forecast is not None and row.forecast.at_risk
    assert "kế hoạch" in row.forecast.reason


def test_target_split_shares_the_whole_by_members(province):
    admin = province.users["admin"]
    admissions = Indicator.objects.get(code="DV_KET_NAP")
    services.target_set(
        actor=admin, indicator=admissions, organisation=province["D1"], period="2020", value=10
    )
    parts = services.target_split(
        actor=admin,
        indicator=admissions,
        organisation=province["D1"],
        period="2020",
        weights={province["XA"].pk: 5, province["XB"].pk: 4},
    )
    assert sorted(t.value for t in parts) == [4, 6] and sum(t.value for t in parts) == 10


def test_now_view_counts_merged_units_at_their_successor(province, system):
    merged = orgs_merge(
        actor=None,
        sources=[province["XA"], province["XB"]],
        effective_on=dt.date(2025, 7, 1),
        new=NewUnit(code="XN", name="Đảng bộ xã Thạch Hà", parent=province["HL"]),
    )
    editor = province.users["admin"]
    sub = services.submission_save(
        actor=editor, organisation=province["XA"], period="2024-Q4", values={"GS_CUOC": 1}
    )
    services.submission_submit(actor=editor, submission=sub)
    was = indicator_sheet(system, Period.parse("2024-Q4"), TreeView.WAS)
    now = indicator_sheet(system, Period.parse("2024-Q4"), TreeView.NOW)
    assert _value(was, "DV_CUOI_KY", province["D1"]) == 9
    assert was.node("XN") is None
    assert _value(now, "DV_CUOI_KY", merged) == 9
    assert _value(now, "GS_CUOC", merged) == 1


def test_rollup_command_prints_json_with_counts(province):
    out = StringIO()
    call_command("rollup", "--period", "2019-Q4", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["unit"]["code"] == "HL"
    assert data["unit"]["figures"]["DV_CUOI_KY"]["value"] == 11
    assert {c["code"] for c in data["unit"]["children"]} == {"D1", "D2"}


def test_dashboard_and_sources_are_scoped(client, province):
    client.force_login(province.users["editor_a"])
    assert client.get("/chi-tieu/XA/?period=2019-Q4").status_code == 200
    assert client.get("/chi-tieu/XB/?period=2019-Q4").status_code == 404
    assert client.get("/chi-tieu/XB/nguon/DV_CUOI_KY/?period=2019-Q4").status_code == 404
    page = client.get("/chi-tieu/XA/nguon/DV_CUOI_KY/?period=2019-Q4").content.decode()
    assert "Đảng viên Thử" in page
    assert client.get("/chi-tieu/XA/giao-chi-tieu/").status_code == 404  # editors do not set targets


def test_submission_page_saves_and_submits(client, province):
    client.force_login(province.users["editor_a"])
    response = client.post(
        "/chi-tieu/XA/so-lieu/?period=2019-Q4", {"period": "2019-Q4", "KT_CUOC": "2", "submit": "1"}
    )
    assert response.status_code == 302
    assert (
        Submission.objects.get(organisation=province["XA"], period="2019-Q4").status
        == SubmissionStatus.SUBMITTED
    )
    Role.objects.filter(user=province.users["editor_a"]).update(level=RoleLevel.VIEWER)
    page = client.get("/chi-tieu/XA/so-lieu/?period=2019-Q4").content.decode()
    assert "Lưu và nộp" not in page
