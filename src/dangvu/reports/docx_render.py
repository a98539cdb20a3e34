"""Rendering a report's content into the .docx template (docxtpl), and checking an uploaded template.

The template (`templates/reports/bao_cao.docx`, or the latest version an administrator uploaded) holds the
layout: header block, type name, summary, signature block, "Nơi nhận:", page numbers and the paragraph
styles. docxtpl fills its fields; the body and the annex, whose length depends on the records, are written
at the places of the fields `noi_dung` and `phu_luc` in the template's own styles. The page setup is set
from the layout rules in force on the report's date (`layout.rules_by_code`). No Django import.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from dangvu.core.periods import Period
from dangvu.reports import layout
from dangvu.reports.template_build import ANNEX_FIELD, BODY_FIELD, STYLES, column_widths, page_setup

#: The fields a template must hold, with the words an administrator reads when one is missing.
REQUIRED_FIELDS: dict[str, str] = {
    "superior": "tên cơ quan cấp trên",
    "body": "tên cơ quan ban hành",
    "number_symbol": "số, ký hiệu",
    "place_date": "địa danh, ngày tháng",
    "doc_type": "tên loại văn bản (BÁO CÁO)",
    "summary": "trích yếu",
    BODY_FIELD: "nội dung báo cáo",
    "authority": "thẩm quyền ký (T/M …)",
    "signer_title": "chức vụ người ký",
    "signer_name": "họ tên người ký",
    "recipients": "nơi nhận",
    ANNEX_FIELD: "phụ lục số liệu",
}
PLACEHOLDER = "[Phần đánh giá do cấp ủy soạn: nhập tại trang Báo cáo.]"
_MARK = "\u2063DV:{}\u2063"  # an invisible separator around the place of the body or the annex


def template_problems(data: bytes) -> list[str]:
    """Why an uploaded template cannot be used, in Vietnamese (empty: it can)."""
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        found = tpl.get_undeclared_template_variables()
        styles = {s.name for s in tpl.get_docx().styles}
    except Exception as e:  # a file that is not a .docx, or a broken Jinja tag inside one
        return [f"Không đọc được tệp mẫu (.docx): {e}"]
    problems = [
        f"Thiếu trường {{{{ {name} }}}} ({words})"
        for name, words in REQUIRED_FIELDS.items()
        if name not in found
    ]
    problems += [f"Thiếu kiểu đoạn văn «{name}»" for name in STYLES.values() if name not in styles]
    return problems


class _Writer:
    """Writes paragraphs and tables before a marker paragraph, in the document's own styles."""

    def __init__(self, marker: Paragraph) -> None:
        self.marker = marker

    def para(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False
    ) -> Paragraph:
        p = self.marker.insert_paragraph_before("", style)
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        return p

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]
    ) -> Table:
        doc_body: Any = self.marker._parent  # the body, a cell or a header: each adds tables
        table = doc_body.add_table(rows=1 + len(rows), cols=len(headers), width=Mm(sum(widths_mm)))
        _grid(table)
        column_widths(table, [Mm(w) for w in widths_mm])
        part: Any = self.marker.part  # the document part: a lookup by name scans all styles, so once
        style_id = part.styles[STYLES["table"]].style_id
        for r, (row, values) in enumerate(zip(table.rows, [headers, *rows], strict=True)):
            for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                p = cell.paragraphs[0]
                p._p.style = style_id
                run = p.add_run(value)
                if r == 0:
                    run.bold = True
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif c > 0 and _numeric(value):
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.marker._p.addprevious(table._tbl)
        self.marker.insert_paragraph_before("", STYLES["table"]).paragraph_format.space_after = Pt(6)
        return table

    def remove_marker(self) -> None:
        self.marker._p.getparent().remove(self.marker._p)


def _numeric(text: str) -> bool:
    return text == "—" or (
        bool(text) and text.replace(".", "").replace(",", "").replace("%", "").replace("/", "").isdigit()
    )


def _grid(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


FIGURE_HEADERS = ("Chỉ tiêu", "Thực hiện", "Chỉ tiêu kế hoạch", "Tỷ lệ đạt", "Cùng kỳ năm trước")
FIGURE_WIDTHS = (62, 24, 34, 18, 27)


def figure_table_rows(figures: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            f"{f['name']} ({f['unit']})",
            f["text"],
            f["target_text"].removeprefix("chỉ tiêu ") if f["target_text"] else "",
            f["percent_text"],
            f["last_year_text"],
        ]
        for f in figures
    ]


def _paragraphs(w: _Writer, text: str) -> None:
    for chunk in [c.strip() for c in text.split("\n") if c.strip()]:
        w.para(chunk)


def _body(w: _Writer, content: dict[str, Any]) -> None:
    h = content["header"]
    period = Period.parse(content["period"])
    w.para(f"{h['subject']} báo cáo kết quả công tác xây dựng Đảng {layout.period_words(period)} như sau:")
    w.para(content["part_one"], STYLES["part"])
    w.para(content["results_heading"], STYLES["heading"])
    for part in content["sections"]:
        w.para(part["title"], STYLES["subheading"])
        _paragraphs(w, part["narrative"])
        if not part["narrative"] and not part["sentences"]:
            w.para(PLACEHOLDER, italic=True)
        for sentence in part["sentences"]:
            w.para(sentence)
        for f in part["figures"]:
            if f["at_risk"] and f["reason"]:
                w.para(f"Dự báo {f['name'][:1].lower()}{f['name'][1:]}: {f['reason']}", italic=True)
        for m in part["meetings"]:
            conclusion = f" Kết luận: {m['conclusion']}" if m["conclusion"] else ""
            w.para(f"{m['title']} (ngày {m['date']}).{conclusion}")
        if part["tasks"]:
            rows = [[t["text"], t["lead"], t["deadline"], t["status_label"]] for t in part["tasks"]]
            w.table(("Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng"), rows, (80, 35, 22, 28))
    w.para(content["shortcomings_heading"], STYLES["heading"])
    for line in content["shortcomings"]:
        w.para(f"- {line[:1].upper()}{line[1:]}.")
    _paragraphs(w, content["shortcomings_narrative"])
    w.para(content["part_two"], STYLES["part"])
    _paragraphs(w, content["direction_narrative"])
    if content["carried_tasks"]:
        w.para("Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành:")
        for t in content["carried_tasks"]:
            w.para(f"- {t['text']} (chủ trì: {t['lead']}; thời hạn: {t['deadline'] or 'không ghi'}).")
    last = w.para(f"Trên đây là báo cáo {content['header']['summary']}{h['end_mark']}")
    last.paragraph_format.space_after = Pt(12)


def _annex(w: _Writer, content: dict[str, Any]) -> None:
    w.para("PHỤ LỤC", STYLES["annex_title"])
    w.para(
        f"Số liệu kèm theo Báo cáo {content['header']['summary']}", italic=True
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    n = 0
    for part in content["sections"]:
        if part["figures"]:
            n += 1
            w.para(f"Bảng {n}. {part['title'].split('. ', 1)[-1]}", STYLES["subheading"])
            w.table(FIGURE_HEADERS, figure_table_rows(part["figures"]), FIGURE_WIDTHS)
    for i, cov in enumerate(content["annex"], start=1):
        w.para(f"Danh sách {i}. {cov['title']}", STYLES["subheading"])
        rows = [[str(k), name] for k, name in enumerate(cov["units"], start=1)]
        w.table(("TT", "Tên đơn vị"), rows, (15, 150))


def render_docx(content: dict[str, Any], template: bytes) -> bytes:
    """The report as .docx bytes: `content` from `draft.report_draft` (or frozen), in `template`."""
    tpl = DocxTemplate(io.BytesIO(template))
    h = content["header"]
    context = {
        **{k: h.get(k, "") for k in REQUIRED_FIELDS},
        "recipients": h["recipients"],
        BODY_FIELD: _MARK.format(BODY_FIELD),
        ANNEX_FIELD: _MARK.format(ANNEX_FIELD),
    }
    tpl.render(context, autoescape=True)
    doc = tpl.docx
    for section in doc.sections:
        page_setup(section, layout.rules_by_code(content["rules"]))
    for field, write in ((BODY_FIELD, _body), (ANNEX_FIELD, _annex)):
        marker = next((p for p in doc.paragraphs if _MARK.format(field) in p.text), None)
        if marker is None:
            continue
        w = _Writer(marker)
        write(w, content)
        w.remove_marker()
    doc.core_properties.title = f"Báo cáo {h['summary']}"
    doc.core_properties.author = h["body"]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
