"""The report's .xlsx annex (openpyxl, no Django import): every table of figures, the tasks and the lists.

Cells hold the numbers themselves (not their text), so the workbook can be summed and checked against the
roll-up; the number formats show them as the report does.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

BOLD = Font(bold=True)


def sheet_title(text: str) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\."""
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31]


def write_table(ws: Worksheet, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    ws.append([title])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=13)
    ws.append(list(headers))
    for c in range(1, len(headers) + 1):
        cell = ws.cell(ws.max_row, c)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        ws.append(list(row))
    ws.append([])


FIGURE_HEADERS = (
    "Mã",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Thực hiện",
    "Chỉ tiêu kế hoạch",
    "Tỷ lệ đạt (%)",
    "Cùng kỳ năm trước",
    "Dự báo",
)


def _figure_rows(figures: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for f in figures:
        value = f["x_of_y"][0] if f["aggregation"] == "coverage" and f["x_of_y"] else f["value"]
        rows.append(
            [
                f["code"],
                f["name"],
                f["unit"],
                value,
                f["target"],
                round(f["percent"], 1) if f["percent"] is not None else None,
                f["last_year"],
                f["reason"],
            ]
        )
    return rows


def annex_workbook(content: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy; not a check
    ws.title = "Tổng hợp"
    h = content["header"]
    ws.append([h["body"]])
    ws.append([f"Phụ lục số liệu — Báo cáo {h['summary']}"])
    ws.append([f"{content['organisation']['name']} — {content['period_label']}"])
    ws.append([])
    s = content["structure"]
    write_table(
        ws,
        "Tổ chức đảng và đảng viên",
        ("Nội dung", "Số lượng"),
        [
            ("Đảng bộ trực thuộc", s["directly_under"]),
            ("Tổ chức cơ sở đảng", s["grassroots"]),
            ("  trong đó: đảng bộ cơ sở", s["grassroots_committees"]),
            ("  chi bộ cơ sở", s["grassroots_cells"]),
            ("Đảng bộ bộ phận", s["partial_committees"]),
            ("Chi bộ trực thuộc đảng ủy cơ sở", s["subordinate_cells"]),
            ("Đảng viên", s["members"]),
        ],
    )
    ws.column_dimensions["A"].width = 45
    for part in content["sections"]:
        if not part["figures"] and not part["tasks"]:
            continue
        sheet = wb.create_sheet(sheet_title(part["title"].split(". ", 1)[-1]))
        if part["figures"]:
            write_table(sheet, part["title"], FIGURE_HEADERS, _figure_rows(part["figures"]))
            for row in sheet.iter_rows(min_row=3, min_col=4, max_col=7):
                for cell in row:
                    if isinstance(cell.value, float):
                        cell.number_format = "#,##0.0" if cell.value != int(cell.value) else "#,##0"
        if part["tasks"]:
            write_table(
                sheet,
                "Nhiệm vụ",
                ("Nhiệm vụ", "Chủ trì", "Thời hạn", "Tình trạng"),
                [(t["text"], t["lead"], t["deadline"], t["status_label"]) for t in part["tasks"]],
            )
        sheet.column_dimensions["B"].width = 55
    for i, cov in enumerate(content["annex"], start=1):
        sheet = wb.create_sheet(sheet_title(f"DS{i} {cov['code']}"))
        write_table(sheet, cov["title"], ("TT", "Tên đơn vị"), enumerate(cov["units"], start=1))
        sheet.column_dimensions["B"].width = 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
