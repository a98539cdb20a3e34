"""Builds the shipped .docx template of a review report in the Party's layout (python-docx, no Django import).

Run `python -m dangvu.reports.template_build src/dangvu/reports/templates/reports/bao_cao.docx` after a
change here; the file it writes is what an administrator downloads, edits in Word and uploads back.
The template holds the header block (superior and issuing body, the asterisk, "Số …-BC/…" on the left;
"ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the italic place and date on the right), the type name and
summary, the body's place, the signature block with "Nơi nhận:", the annex's place, the page numbers
(centred at the top from page 2) and the paragraph styles the body is written in (`STYLES`).
Sizes follow Hướng dẫn 36-HD/VPTW Phụ lục 3 (`layout.LayoutRules`); the page setup is applied again from
the rules in force when a report is rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from dangvu.reports.layout import LAYOUT_RULES, LayoutRules

#: Paragraph styles the body is written in; a template must keep them (checked on upload).
STYLES = {
    "part": "DV Phần",
    "heading": "DV Mục",
    "subheading": "DV Tiểu mục",
    "table": "DV Bảng",
    "annex_title": "DV Phụ lục",
}
BODY_FIELD, ANNEX_FIELD = "noi_dung", "phu_luc"


def set_font(element: object, name: str) -> None:
    """Set a run's or a style's font for every script, dropping theme fonts that would win over it."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def page_setup(section: object, rules: LayoutRules) -> None:
    top, bottom, left, right = rules.margins_mm
    s = section  # a docx Section
    s.page_width, s.page_height = Mm(210), Mm(297)  # type: ignore[attr-defined]
    s.top_margin, s.bottom_margin = Mm(top), Mm(bottom)  # type: ignore[attr-defined]
    s.left_margin, s.right_margin = Mm(left), Mm(right)  # type: ignore[attr-defined]
    s.header_distance = Mm(10)  # type: ignore[attr-defined]


def _styles(doc: object, rules: LayoutRules) -> None:
    styles = doc.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    set_font(normal.element, rules.font)
    normal.font.size = Pt(rules.body_pt)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(rules.first_line_indent_mm)
    pf.line_spacing = Pt(rules.line_spacing_pt)
    pf.space_after = Pt(6)
    pf.space_before = Pt(0)

    def add(
        name: str, *, bold: bool, centre: bool = False, size: float | None = None, indent: bool = True
    ) -> None:
        st = styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
        st.base_style = normal
        st.font.bold = bold
        st.font.color.rgb = RGBColor(0, 0, 0)
        if size:
            st.font.size = Pt(size)
        st.paragraph_format.keep_with_next = bold
        if centre:
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            st.paragraph_format.first_line_indent = Mm(0)
        if not indent:
            st.paragraph_format.first_line_indent = Mm(0)
        if bold:
            st.paragraph_format.space_before = Pt(6)

    add(STYLES["part"], bold=True, centre=True)
    add(STYLES["heading"], bold=True)
    add(STYLES["subheading"], bold=True)
    add(STYLES["annex_title"], bold=True, centre=True)
    add(STYLES["table"], bold=False, size=12, indent=False)
    table_style = styles[STYLES["table"]].paragraph_format
    table_style.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table_style.line_spacing = 1.0
    table_style.space_after = Pt(0)


def column_widths(table: Table, widths: list[int]) -> None:
    """Fix the columns' widths (EMU) in the grid too: LibreOffice lays a table out from its grid."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(round(width / 635)))  # EMU → twentieths of a point
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _line(
    cell_or_doc: object,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    centre: bool = True,
    first: bool = False,
) -> Paragraph:
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.first_line_indent = Mm(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if centre:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.underline = Pt(size), bold, italic, underline
    return p


def _page_number_header(section: object, rules: LayoutRules) -> None:
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    p = section.header.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Mm(0)
    run = p.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = "2"
            run._r.append(t)


def build(path: Path, rules: LayoutRules = LAYOUT_RULES[-1]) -> None:
    doc = Document()
    _styles(doc, rules)
    section = doc.sections[0]
    page_setup(section, rules)
    _page_number_header(section, rules)
    text_width = Mm(210 - rules.margins_mm[2] - rules.margins_mm[3])

    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(head)
    column_widths(head, [Mm(72), text_width - Mm(72)])
    left, right = head.rows[0].cells
    _line(left, "{%p if superior %}", size=rules.body_pt, first=True)
    _line(left, "{{ superior }}", size=rules.body_pt)
    _line(left, "{%p endif %}", size=rules.body_pt)
    _line(left, "{{ body }}", size=rules.body_pt, bold=True)
    _line(left, "*", size=rules.body_pt)
    _line(left, "{{ number_symbol }}", size=rules.body_pt)
    _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=rules.heading_pt, bold=True, underline=True, first=True)
    _line(right, "", size=8)
    _line(right, "{{ place_date }}", size=rules.body_pt, italic=True)

    title = _line(doc, "{{ doc_type }}", size=rules.type_pt, bold=True)
    title.paragraph_format.space_before = Pt(18)
    _line(doc, "{{ summary }}", size=rules.body_pt, bold=True)
    _line(doc, "-----", size=rules.body_pt)
    body = doc.add_paragraph(f"{{{{ {BODY_FIELD} }}}}")
    body.paragraph_format.space_before = Pt(12)

    sign = doc.add_table(rows=1, cols=2)
    _borderless(sign)
    column_widths(sign, [Mm(85), text_width - Mm(85)])
    left, right = sign.rows[0].cells
    _line(left, "Nơi nhận:", size=rules.body_pt, underline=True, centre=False, first=True)
    _line(left, "{%p for r in recipients %}", size=rules.recipients_pt, centre=False)
    _line(left, "{{ r }}", size=rules.recipients_pt, centre=False)
    _line(left, "{%p endfor %}", size=rules.recipients_pt, centre=False)
    _line(right, "{{ authority }}", size=rules.body_pt, bold=True, first=True)
    _line(right, "{{ signer_title }}", size=rules.body_pt)
    for _ in range(4):
        _line(right, "", size=rules.body_pt)
    _line(right, "{{ signer_name }}", size=rules.body_pt, bold=True)

    annex = doc.add_paragraph()
    annex.add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(f"{{{{ {ANNEX_FIELD} }}}}")
    doc.save(str(path))


if __name__ == "__main__":
    build(Path(sys.argv[1]))
