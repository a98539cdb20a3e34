"""Importing tasks from .xlsx: the template, every row validated, then all written or nothing.

Columns: the task, the giving unit (code; the user must edit it), the lead unit (code or name, in the
user's scope), supporting units (codes or names, ";"-separated), the day given, the deadline, the
document it comes from (its symbol, read by the symbol parser). Errors are Vietnamese, per row and
column. A row for a task already recorded (same giving unit, lead unit, day given and text, accents and
spacing aside) is left alone, so importing the same file twice changes nothing. Valid rows go through
`services.task_assign` in one transaction (audited like a task given on the page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths
from dangvu.assignments.models import Task
from dangvu.assignments.services import task_assign
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.text import fold
from dangvu.core.uploads import upload_check
from dangvu.documents.services import document_reference_parse
from dangvu.organisations.models import Organisation

SHEET = "Nhiệm vụ"
TEXT, GIVER, LEAD, SUPPORTING, GIVEN, DEADLINE, DOCUMENT = (
    "Nội dung nhiệm vụ",
    "Đơn vị giao (mã)",
    "Đơn vị chủ trì (mã hoặc tên)",
    "Đơn vị phối hợp (mã hoặc tên, cách nhau bởi ;)",
    "Ngày giao",
    "Thời hạn",
    "Theo văn bản (số, ký hiệu)",
)
COLUMNS = (TEXT, GIVER, LEAD, SUPPORTING, GIVEN, DEADLINE, DOCUMENT)
REQUIRED = {TEXT, GIVER, LEAD, GIVEN}
HELP = {
    TEXT: "Nội dung nhiệm vụ như văn bản giao.",
    GIVER: "Mã tổ chức đảng giao nhiệm vụ; bạn phải có quyền cập nhật tại đó.",
    LEAD: "Mã hoặc tên đầy đủ của tổ chức đảng chủ trì, trong phạm vi bạn được xem.",
    SUPPORTING: "Có thể để trống.",
    GIVEN: "Ngày/tháng/năm.",
    DEADLINE: "Ngày/tháng/năm; không trước ngày giao. Có thể để trống.",
    DOCUMENT: "Ví dụ 05-CT/TW, 32-QĐ/TU. Có thể để trống.",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"cột «{self.column}»: " if self.column else ""
        return f"Dòng {self.row}, {where}{self.message}"


@dataclass
class TaskRow:
    line: int
    text: str
    giver: Organisation
    lead: Organisation
    supporting: list[Organisation]
    assigned_on: dt.date
    deadline: dt.date | None
    document: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    new: list[TaskRow] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def template_write(target: str | Path | IO[bytes]) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = 60 if cell.value == TEXT else 24
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Ghi chú"])
    for c in COLUMNS:
        guide.append([c, "có" if c in REQUIRED else "", HELP[c]])
    wb.save(target)


class _Units:
    """Units by code and by folded name, limited to a scope (one query)."""

    def __init__(self, scope: list[str] | None) -> None:
        self.scope = scope
        self.by_code: dict[str, Organisation] = {}
        self.by_name: dict[str, list[Organisation]] = {}
        for o in Organisation.objects.filter(dissolved_on__isnull=True):
            if scope is None or any(o.path.startswith(p) for p in scope):
                self.by_code[o.code.upper()] = o
                self.by_name.setdefault(fold(o.name), []).append(o)

    def find(self, value: str) -> Organisation:
        text = " ".join(value.split())
        found = self.by_code.get(text.upper())
        if found is not None:
            return found
        named = self.by_name.get(fold(text), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise DomainError(f"Có {len(named)} tổ chức tên «{text}»; hãy ghi mã.")
        raise DomainError(f"Không có tổ chức «{text}» trong phạm vi của bạn.")


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value))


def _key(giver_id: int, lead_id: int, on: dt.date, text: str) -> tuple[int, int, dt.date, str]:
    return giver_id, lead_id, on, fold(" ".join(text.split()))


def _row(
    line: int, cell: dict[str, Any], viewer: _Units, editor: _Units, out: list[RowError]
) -> TaskRow | None:
    """One row checked column by column; its errors appended to `out` (None when there are any)."""
    errors: list[RowError] = []

    def text_of(column: str) -> str:
        return " ".join(str(cell.get(column) or "").split())

    def check(column: str, fn: Any) -> Any:
        try:
            return fn()
        except DomainError as e:
            errors.append(RowError(line, column, e.message))
            return None

    text = text_of(TEXT)
    for c in COLUMNS:
        if c in REQUIRED and not text_of(c):
            errors.append(RowError(line, c, "cần có giá trị."))
    giver = check(GIVER, lambda: editor.find(text_of(GIVER))) if text_of(GIVER) else None
    lead = check(LEAD, lambda: viewer.find(text_of(LEAD))) if text_of(LEAD) else None
    supporting = [
        check(SUPPORTING, lambda v=v: viewer.find(v)) for v in text_of(SUPPORTING).split(";") if v.strip()
    ]
    given = check(GIVEN, lambda: _date(cell.get(GIVEN))) if text_of(GIVEN) else None
    deadline = check(DEADLINE, lambda: _date(cell.get(DEADLINE)))
    if given and deadline and deadline < given:
        errors.append(
            RowError(line, DEADLINE, f"thời hạn {deadline:%d/%m/%Y} trước ngày giao {given:%d/%m/%Y}.")
        )
    if lead is not None and lead in supporting:
        errors.append(RowError(line, SUPPORTING, f"«{lead.name}» đã là đơn vị chủ trì."))
    document = text_of(DOCUMENT)
    if document:
        check(DOCUMENT, lambda: document_reference_parse(document))
    out += errors
    if errors or giver is None or lead is None or given is None:
        return None
    return TaskRow(line, text, giver, lead, [s for s in supporting if s], given, deadline, document)


def tasks_import(source: str | Path | IO[bytes], *, actor: Any, dry_run: bool = False) -> ImportResult:
    """Validate the file; unless `dry_run` or any row is wrong, give its new tasks in one transaction.
    `actor` None is the command line (every unit)."""
    result = ImportResult()
    try:
        upload_check(source, suffix=".xlsx")  # size, type, zip bombs, row count, formulas: before parsing
    except DomainError as e:
        result.errors.append(RowError(0, "", e.message))
        return result
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        result.errors.append(RowError(0, "", "Không đọc được tệp: cần tệp .xlsx theo mẫu."))
        return result
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [fold(str(h or "")) for h in next(rows, ())]
    where = {c: header.index(fold(c)) for c in COLUMNS if fold(c) in header}
    missing = [c for c in REQUIRED if c not in where]
    if missing:
        result.errors += [RowError(1, c, "thiếu cột này trong dòng tiêu đề.") for c in missing]
        return result
    viewer = _Units(None if actor is None else scope_paths(actor))
    editor = _Units(None if actor is None else scope_paths(actor, RoleLevel.EDITOR))
    seen: dict[tuple[int, int, dt.date, str], int] = {}
    parsed: list[TaskRow] = []
    for line, values in enumerate(rows, start=2):
        cell = {c: values[i] if i < len(values) else None for c, i in where.items()}
        if all(v in (None, "") for v in cell.values()):
            continue
        result.rows += 1
        row = _row(line, cell, viewer, editor, result.errors)
        if row is None:
            continue
        key = _key(row.giver.pk, row.lead.pk, row.assigned_on, row.text)
        if key in seen:
            result.errors.append(RowError(line, TEXT, f"trùng với dòng {seen[key]}."))
            continue
        seen[key] = line
        parsed.append(row)
    if result.errors:
        return result
    known = {
        _key(g, ld, on, t)
        for g, ld, on, t in Task.objects.filter(
            voided_at__isnull=True,
            organisation__in={r.giver for r in parsed},
            lead__in={r.lead for r in parsed},
        ).values_list("organisation_id", "lead_id", "assigned_on", "text")
    }
    result.new = [r for r in parsed if _key(r.giver.pk, r.lead.pk, r.assigned_on, r.text) not in known]
    result.unchanged = len(parsed) - len(result.new)
    result.created = len(result.new)
    if dry_run or not result.new:
        return result
    with transaction.atomic():
        for r in result.new:
            try:
                task_assign(
                    actor=actor,
                    text=r.text,
                    organisation=r.giver,
                    lead=r.lead,
                    supporting=r.supporting,
                    deadline=r.deadline,
                    assigned_on=r.assigned_on,
                    document=r.document,
                )
            except DomainError as e:  # caught only here (e.g. a document in two registers): undo all
                transaction.set_rollback(True)
                result.errors.append(RowError(r.line, "", e.message))
                result.created = 0
                return result
    result.written = True
    return result
