"""PDF from the .docx (text checked with pdftotext), the .xlsx annex and the statistical forms, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess

import openpyxl
import pytest
from django.core.management import call_command

from dangvu.core.periods import Period
from dangvu.indicators.selectors import indicator_sheet
from dangvu.members.statistics import member_statistics
from dangvu.reports.selectors import report_file

Y2019 = Period.parse("2019")
ON = dt.date(2020, 1, 15)


def _tools_or_skip() -> None:
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("DANGVU_REQUIRE_BROWSER"):
            pytest.fail(f"{', '.join(missing)} missing and DANGVU_REQUIRE_BROWSER is set (CI)")
        pytest.skip(f"{', '.join(missing)} not installed: run scripts/ensure_report_tools")


def test_pdf_text_holds_the_header_diacritics_and_figures(year_2019, system, tmp_path):
    _tools_or_skip()
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report_file(system, "HL", Y2019, "pdf", on=ON).data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    for expected in (
        "TỈNH ỦY THỬ NGHIỆM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Thử nghiệm, ngày 15 tháng 01 năm 2020",
        "BÁO CÁO",
        "-BC/TU",
        "T/M BAN THƯỜNG VỤ",
        "Nơi nhận:",
        "với 15 đảng viên",
        "đạt 57% chỉ tiêu",
    ):
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True).stdout.decode()
    assert "Serif" in fonts or "Times" in fonts


def test_xlsx_annex_cells_equal_the_roll_up(year_2019, system):
    wb = openpyxl.load_workbook(io.BytesIO(report_file(system, "HL", Y2019, "xlsx", on=ON).data))
    rows = {r[0]: r for ws in wb.worksheets for r in ws.iter_rows(values_only=True) if r and r[0]}
    sheet = indicator_sheet(system, Y2019)
    hl = year_2019["HL"].pk
    for code in ("DV_CUOI_KY", "DV_KET_NAP", "TC_CO_SO", "DV_NU"):
        assert rows[code][3] == sheet.figure(code, hl).value, code
    assert rows["DV_KET_NAP"][4] == 7 and rows["DV_KET_NAP"][5] == 57.1
    assert rows["Đảng viên"][1] == 15


def test_statistical_forms_agree_with_the_register(year_2019, system, tmp_path):
    out = tmp_path / "forms.xlsx"
    call_command("forms", "--org", "HL", "--at", "2019-12-31", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    form1 = {r[0].strip(): r for r in wb["Biểu 1 tăng giảm"].iter_rows(values_only=True) if r[0]}
    stats = member_statistics(system, on=dt.date(2019, 12, 31), organisation=year_2019["HL"])
    assert form1["D. Đảng viên cuối kỳ"][1] == stats.total == 15
    assert form1["A. Đảng viên cuối kỳ trước"][1] == 11
    assert form1["B. Tăng: kết nạp"][1] == 0  # the fixture writes placements, not admission events
    form3 = {r[0].strip(): r for r in wb["Biểu 3 đội ngũ"].iter_rows(values_only=True) if r[0]}
    assert form3["I. Tổng số đảng viên"][1] == 15
    assert form3["dự bị"][1] == dict(stats.tables["status"]).get("Dự bị", 0)
    orgs = {r[0]: r[1] for r in wb["Tổ chức đảng"].iter_rows(values_only=True) if r[0]}
    assert orgs["Tổ chức cơ sở đảng"] == 3 and orgs["Đảng viên"] == 15


def test_report_command_writes_each_format_and_refuses_an_unknown_unit(year_2019, tmp_path):
    out = tmp_path / "r.docx"
    call_command("report", "--period", "2019", "--format", "docx", "-o", str(out), "--on", "2020-01-15")
    assert out.read_bytes()[:2] == b"PK"
    call_command(
        "report", "--org", "XA", "--period", "2019", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx")
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("report", "--org", "HL", "--period", "2019", "-o", str(out), "--user", "outsider")
