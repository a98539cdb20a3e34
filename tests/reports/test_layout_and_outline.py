"""The layout rules by date, the header words derived from a unit, and the sentences of the outline (pure)."""

from __future__ import annotations

import datetime as dt

from dangvu.core.periods import Period
from dangvu.reports import layout, outline


def test_rules_in_force_change_with_quy_dinh_399():
    assert layout.rules_on(dt.date(2019, 12, 31)).code == "HD36-2018"
    assert layout.rules_on(dt.date(2026, 1, 8)).code == "HD36-2018"
    assert layout.rules_on(dt.date(2026, 1, 9)).code == "HD05-2026"
    assert layout.rules_on(dt.date(2026, 1, 9)).end_mark == "."
    assert layout.rules_on(dt.date(2018, 4, 3)).margins_mm == (20, 20, 30, 15)


def test_header_words_are_derived_from_the_unit():
    tu = layout.issuer_for("Đảng bộ tỉnh Hà Lam", "provincial", None, "Hà Lam")
    assert (tu.superior, tu.body, tu.symbol_issuer, tu.place) == ("", "TỈNH ỦY HÀ LAM", "TU", "Hà Lam")
    assert (tu.authority, tu.signer_title) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    hu = layout.issuer_for("Đảng bộ huyện Thạch Hà", "directly_under", "Đảng bộ tỉnh Hà Lam", "Hà Lam")
    assert (hu.superior, hu.body, hu.symbol_issuer, hu.place) == (
        "ĐẢNG BỘ TỈNH HÀ LAM",
        "HUYỆN ỦY THẠCH HÀ",
        "HU",
        "Thạch Hà",
    )
    duk = layout.issuer_for(
        "Đảng bộ Khối các cơ quan tỉnh", "directly_under", "Đảng bộ tỉnh Hà Lam", "Hà Lam"
    )
    assert (duk.body, duk.symbol_issuer, duk.place) == ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "ĐUK", "Hà Lam")
    du = layout.issuer_for(
        "Đảng bộ xã Thạch Long", "grassroots_committee", "Đảng bộ huyện Thạch Hà", "Hà Lam"
    )
    assert (du.body, du.symbol_issuer, du.authority) == ("ĐẢNG ỦY XÃ THẠCH LONG", "ĐU", "T/M ĐẢNG ỦY")
    cb = layout.issuer_for("Chi bộ Sở Tư pháp", "grassroots_cell", "Đảng bộ Khối các cơ quan tỉnh", "Hà Lam")
    assert (cb.body, cb.symbol_issuer, cb.authority, cb.signer_title) == (
        "CHI BỘ SỞ TƯ PHÁP",
        "CB",
        "T/M CHI BỘ",
        "BÍ THƯ",
    )


def test_number_date_and_summary_lines():
    assert layout.number_symbol(7, "BC", "TU") == "Số 07-BC/TU"
    assert layout.number_symbol(None, "BC", "TU").endswith("-BC/TU")
    assert layout.date_line("Hà Tĩnh", dt.date(2019, 7, 15)) == "Hà Tĩnh, ngày 15 tháng 7 năm 2019"
    assert layout.date_line("Hà Nội", dt.date(2018, 4, 3)) == "Hà Nội, ngày 03 tháng 4 năm 2018"
    assert layout.date_line("Hạ Long", dt.date(2018, 2, 20)) == "Hạ Long, ngày 20 tháng 02 năm 2018"
    assert layout.summary_line(Period.parse("2019")) == (
        "tổng kết công tác xây dựng Đảng năm 2019; phương hướng, nhiệm vụ năm 2020"
    )
    assert layout.summary_line(Period.parse("2022-H1")) == (
        "sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2022; phương hướng, nhiệm vụ 6 tháng cuối năm"
    )
    assert "quý II năm 2019" in layout.summary_line(Period.parse("2019-Q1"))


def _row(**kw):
    base = dict(
        code="X",
        name="Kết nạp đảng viên mới",
        unit="đảng viên",
        aggregation="sum",
        text="4",
        x_of_y=None,
        percent=None,
        target_text="",
        last_year_text="—",
        at_risk=False,
        reason="",
        higher_is_better=True,
    )
    return base | kw


def test_sentences_and_shortcomings_are_written_as_a_report_writes_them():
    row = _row(text="1.532", percent=57.1, target_text="chỉ tiêu 2019: 2.690", last_year_text="1.610")
    assert outline.figure_sentence(row) == (
        "Kết nạp đảng viên mới: 1.532 đảng viên, đạt 57% chỉ tiêu (chỉ tiêu 2019: 2.690), "
        "cùng kỳ năm trước 1.610."
    )
    coverage = _row(
        name="Đảng ủy cơ sở đã thực hiện giám sát", unit="đảng ủy", aggregation="coverage", x_of_y=[19, 35]
    )
    assert outline.shortcomings([row, coverage]) == [
        "kết nạp đảng viên mới đạt 57% chỉ tiêu",
        "16/35 đảng ủy cơ sở chưa thực hiện giám sát",
    ]
    assert outline.structure_sentence(
        {"directly_under": 17, "grassroots": 722, "subordinate_cells": 4138, "members": 98908}
    ) == (
        "Toàn Đảng bộ có 17 đảng bộ trực thuộc, 722 tổ chức cơ sở đảng, "
        "4.138 chi bộ trực thuộc đảng ủy cơ sở với 98.908 đảng viên."
    )
    assert outline.recipients_lines(["Ban Tổ chức Trung ương", "  "], "- Lưu Văn phòng Tỉnh ủy.") == [
        "- Ban Tổ chức Trung ương;",
        "- Lưu Văn phòng Tỉnh ủy.",
    ]


def test_changes_against_an_issued_report_are_listed_figure_by_figure():
    old = {"structure": {"members": 10}, "sections": [{"figures": [_row(code="A", text="4")]}]}
    new = {"structure": {"members": 11}, "sections": [{"figures": [_row(code="A", text="5")]}]}
    changes = outline.figure_changes(old, new)
    assert ("Kết nạp đảng viên mới", "4", "5") in changes
    assert len(changes) == 2
