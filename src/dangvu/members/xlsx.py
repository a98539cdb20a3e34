"""The register in .xlsx: the columns of the form units fill in, the blank template, and the export.

The export streams: one query iterated in chunks, rows written by openpyxl's write-only workbook, so a
province of 100,000 members costs seconds and little memory. Personal data (birth date, identity number,
address) goes only into rows the user may see it for (`selectors.PERSONAL_DATA_LEVEL`), and each export
that holds any is logged with the ids of those members (`PersonalDataAccess`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dangvu.accounts.selectors import path_in_scope, scope_paths
from dangvu.members.models import AccessKind, Gender, PersonalDataAccess, TheoryLevel
from dangvu.members.selectors import PERSONAL_DATA_LEVEL, personal_scope_path, register_on
from dangvu.organisations.models import Organisation


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False
    personal: bool = False
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", 28, required=True),
    Column("gender", "Giới tính", 9, required=True, help="Nam hoặc Nữ"),
    Column("birth_date", "Ngày sinh", 12, required=True, personal=True, help="DD/MM/YYYY"),
    Column("ethnicity", "Dân tộc", 10, required=True),
    Column("religion", "Tôn giáo", 10, help="để trống nếu không"),
    Column("home_town", "Quê quán", 24),
    Column("identity_number", "Số CCCD", 14, personal=True, help="12 chữ số"),
    Column("home_address", "Nơi ở hiện nay", 28, personal=True),
    Column("education", "Giáo dục phổ thông", 10, help="ví dụ 12/12"),
    Column("profession", "Chuyên môn, nghề nghiệp", 22),
    Column("theory_level", "Lý luận chính trị", 12, help="Sơ cấp, Trung cấp, Cao cấp, Cử nhân hoặc để trống"),
    Column("card_number", "Số thẻ đảng viên", 14, help="6–12 chữ số, không trùng"),
    Column("admitted_on", "Ngày vào Đảng", 12, required=True, help="DD/MM/YYYY"),
    Column("admitted_at", "Nơi kết nạp", 24),
    Column("confirmed_on", "Ngày chính thức", 12, help="để trống nếu còn dự bị"),
    Column("cell_code", "Mã chi bộ", 10, required=True, help="mã tổ chức trong Dangvu"),
    Column("cell_name", "Tên chi bộ", 28, help="chỉ để đọc; khi nhập, Dangvu dùng mã chi bộ"),
    Column("placed_from", "Sinh hoạt từ ngày", 12, help="để trống: ngày vào Đảng"),
    Column("positions", "Chức vụ", 20),
)
SHEET = "Đảng viên"
GENDER_LABELS = dict(Gender.choices)
THEORY_LABELS = {k: str(v) for k, v in TheoryLevel.choices if k}


def template_write(target: str | Path | IO[bytes]) -> None:
    """The blank form: the header row, and a sheet explaining each column."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy; not a check
    ws.title = SHEET
    ws.append(["STT", *(c.header for c in COLUMNS)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, c in enumerate(COLUMNS, start=2):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = c.width
    ws.freeze_panes = "B2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Ghi chú"])
    for c in COLUMNS:
        guide.append([c.header, "có" if c.required else "", c.help])
    guide.append([])
    guide.append(
        ["Mỗi dòng là một đảng viên. Tệp chỉ được nhập khi mọi dòng hợp lệ; nhập lại cùng tệp không"]
    )
    guide.append(["tạo bản ghi trùng (đảng viên đã có trong sổ được bỏ qua)."])
    wb.save(target)


_FIELDS = (
    "member_id",
    "member__full_name",
    "member__gender",
    "member__birth_date",
    "member__ethnicity",
    "member__religion",
    "member__home_town",
    "member__identity_number",
    "member__home_address",
    "member__education",
    "member__profession",
    "member__theory_level",
    "member__card_number",
    "member__admitted_on",
    "member__admitted_at",
    "member__confirmed_on",
    "organisation__code",
    "organisation__name",
    "valid_from",
    "member__positions",
    "organisation__path",
)


@dataclass(frozen=True)
class ExportResult:
    rows: int
    with_personal_data: int


def members_export(
    user: Any,
    target: str | Path | IO[bytes],
    *,
    on: dt.date,
    organisation: Organisation | None = None,
    query: str = "",
    actor: Any = None,
    progress: Callable[[int], None] = lambda _n: None,
) -> ExportResult:
    """Write the register of the user's scope on `on` (under `organisation`, matching `query`) to .xlsx.

    `user` decides what is visible; `actor` is who is logged (None: the command line)."""
    personal_scope = scope_paths(user, PERSONAL_DATA_LEVEL)
    rows = register_on(user, on=on, organisation=organisation, query=query).order_by(
        "organisation__path", "member__name_folded", "member_id"
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    # A write-only sheet has no <dimension> unless it is told its size before the first row: without it,
    # readers that trust the dimension (openpyxl's read-only mode, some viewers) see an empty sheet.
    total = rows.count()
    size = f"A1:{get_column_letter(len(COLUMNS) + 1)}{total + 1}"
    setattr(ws, "calculate_dimension", lambda: size)  # noqa: B010 (openpyxl looks this attribute up)
    ws.append(["STT", *(c.header for c in COLUMNS)])
    seen_personal: list[int] = []
    n = 0
    for r in rows.values_list(*_FIELDS).iterator(chunk_size=5000):
        if n == total:  # rows added since the count: the next export will have them
            break
        n += 1
        personal = path_in_scope(r[20], personal_scope)
        if personal:
            seen_personal.append(r[0])
        ws.append(
            [
                n,
                r[1],
                GENDER_LABELS.get(r[2], r[2]),
                r[3] if personal else None,
                r[4],
                r[5],
                r[6],
                r[7] if personal else None,
                r[8] if personal else None,
                r[9],
                r[10],
                THEORY_LABELS.get(r[11], ""),
                r[12],
                r[13],
                r[14],
                r[15],
                r[16],
                r[17],
                r[18],
                r[19],
            ]
        )
        if n % 10000 == 0:
            progress(n)
    wb.save(target)
    if seen_personal:
        where = organisation.path if organisation is not None else personal_scope_path(user)
        PersonalDataAccess.objects.create(
            actor=actor if getattr(actor, "pk", None) is not None else None,
            kind=AccessKind.EXPORT,
            org_path=where,
            detail=f"xuất sổ đảng viên ngày {on:%d/%m/%Y}" + (f", tìm «{query}»" if query else ""),
            count=len(seen_personal),
            member_ids=seen_personal,
        )
    return ExportResult(rows=n, with_personal_data=len(seen_personal))
