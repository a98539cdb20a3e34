"""The draft report of the small province as .docx: header, symbol, date line, signature, figures, layout."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from dangvu.core.periods import Period
from dangvu.reports.draft import report_draft
from dangvu.reports.selectors import render, report_file, shipped_template
from dangvu.reports.services import narrative_save

Y2019 = Period.parse("2019")
ON = dt.date(2020, 1, 15)  # the date written on the 2019 report


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_draft_holds_the_tree_counts_the_figures_and_the_shortfall(year_2019, system):
    content = report_draft(system, year_2019["HL"], Y2019, on=ON)
    s = content["structure"]
    assert (s["directly_under"], s["grassroots"], s["subordinate_cells"], s["members"]) == (2, 3, 3, 15)
    assert "kết nạp đảng viên mới đạt 57% chỉ tiêu" in content["shortcomings"]
    figures = {f["code"]: f for part in content["sections"] for f in part["figures"]}
    assert figures["DV_KET_NAP"]["text"] == "4"
    assert figures["DV_KET_NAP"]["source"] == "/chi-tieu/HL/nguon/DV_KET_NAP/?period=2019&view=was"
    assert "TCCS_HTTNV" not in figures  # a 1/0 flag: its share says it


def test_docx_has_the_party_header_symbol_date_signature_and_figures(year_2019, system):
    doc = Document(io.BytesIO(report_file(system, "HL", Y2019, "docx", on=ON).data))
    head_left, head_right = doc.tables[0].rows[0].cells
    assert [p.text for p in head_left.paragraphs if p.text] == [
        "TỈNH ỦY THỬ NGHIỆM",
        "*",
        "Số \u00a0\u00a0\u00a0\u00a0-BC/TU",
    ]
    assert any(r.bold for p in head_left.paragraphs for r in p.runs if r.text == "TỈNH ỦY THỬ NGHIỆM")
    heading = next(r for p in head_right.paragraphs for r in p.runs if r.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert heading.bold and heading.underline and heading.font.size.pt == 15
    date_run = next(r for p in head_right.paragraphs for r in p.runs if "ngày" in r.text)
    assert date_run.text == "Thử nghiệm, ngày 15 tháng 01 năm 2020" and date_run.italic
    text = _text(doc)
    assert "BÁO CÁO\ntổng kết công tác xây dựng Đảng năm 2019; phương hướng, nhiệm vụ năm 2020" in text
    assert (
        "Toàn Đảng bộ có 2 đảng bộ trực thuộc, 3 tổ chức cơ sở đảng, 3 chi bộ trực thuộc đảng ủy cơ sở "
        "với 15 đảng viên." in text
    )
    assert "Kết nạp đảng viên mới: 4 đảng viên, đạt 57% chỉ tiêu (chỉ tiêu 2019: 7)" in text
    assert "- Kết nạp đảng viên mới đạt 57% chỉ tiêu." in text
    sign_left, sign_right = doc.tables[1].rows[0].cells
    assert sign_left.paragraphs[0].text == "Nơi nhận:" and sign_left.paragraphs[0].runs[0].underline
    assert sign_left.paragraphs[-1].text == "- Lưu Văn phòng Tỉnh ủy."
    assert [p.text for p in sign_right.paragraphs if p.text][:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert "PHỤ LỤC" in text and "./." in text


def test_docx_page_is_a4_with_the_guides_margins_times_new_roman_and_page_numbers(year_2019, system):
    doc = Document(io.BytesIO(report_file(system, "HL", Y2019, "docx", on=ON).data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml


def test_narratives_are_kept_between_drafts_and_written_in_the_report(year_2019, system):
    admin = year_2019.users["admin"]
    narrative_save(
        actor=admin,
        organisation=year_2019["HL"],
        period=Y2019,
        section="chinh_tri",
        text="Tổ chức quán triệt nghị quyết.",
    )
    content = report_draft(system, year_2019["HL"], Y2019, on=ON)
    assert content["sections"][0]["narrative"] == "Tổ chức quán triệt nghị quyết."
    assert "Tổ chức quán triệt nghị quyết." in _text(Document(io.BytesIO(render(content, "docx"))))


def test_a_2026_report_follows_the_2026_rules(year_2019, system):
    content = report_draft(system, year_2019["HL"], Period.parse("2025"), on=dt.date(2026, 1, 20))
    assert content["rules"] == "HD05-2026"
    assert content["header"]["recipients"][-1] == "- Lưu Tỉnh ủy."
    assert len(shipped_template()) > 10_000


def test_a_commune_reports_to_the_standing_committee_above_it(year_2019, system):
    header = report_draft(system, year_2019["XA"], Y2019, on=ON)["header"]
    assert (header["superior"], header["body"], header["number_symbol"][-6:]) == (
        "ĐẢNG BỘ HUYỆN THẠCH HÀ",
        "ĐẢNG ỦY XÃ THẠCH LONG",
        "-BC/ĐU",
    )
    assert header["recipients"][0] == "- Ban Thường vụ Huyện ủy Thạch Hà (để b/c);"
    assert header["authority"] == "T/M ĐẢNG ỦY" and header["place_date"].startswith("Thạch Long, ngày 15")
