""".xlsx import of cell meetings and of inspections / supervisions: every row checked, then all written at
once or nothing (the same rules as the members register: `members.xlsx_import.RowError`, `ImportResult`).

Each row goes through the services' own checks (`services.cell_meeting_check`, `services.inspection_check`)
plus the unit codes in the user's editor scope; errors are Vietnamese, naming the row and the column. A row
already in the register (same cell, day and kind; same conductor, subject, mode and start) is left alone, so
the same file twice changes nothing. Valid rows go in by bulk inserts marked with the file they came from.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook, load_workbook

from dangvu.accounts.models import RoleLevel
from dangvu.activities import services
from dangvu.activities.models import (
    CellMeeting,
    CellMeetingKind,
    ConductingBody,
    Inspection,
    InspectionKind,
    MeetingQuality,
    Mode,
)
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.text import fold
from dangvu.core.uploads import upload_check
from dangvu.members.selectors import in_scope
from dangvu.members.xlsx_import import ImportResult, RowError
from dangvu.organisations.models import Organisation


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = True
    example: Any = ""


def _choices(choices: Any) -> dict[str, str]:
    return {fold(str(label)): value for value, label in choices}


KINDS: dict[str, tuple[str, list[Column]]] = {
    "sinh-hoat": (
        "Sinh hoạt chi bộ",
        [
            Column("cell", "Mã chi bộ", example="CB001"),
            Column("held_on", "Ngày sinh hoạt", example="05/03/2025"),
            Column("kind", "Loại (Thường kỳ / Chuyên đề)", example="Thường kỳ"),
            Column("topic", "Nội dung, chuyên đề", required=False, example="Sinh hoạt thường kỳ tháng 3"),
            Column("expected", "Phải dự", example=12),
            Column("present", "Có mặt", example=11),
            Column("absent_excused", "Vắng có lý do", required=False, example=1),
            Column("absent_unexcused", "Vắng không lý do", required=False, example=0),
            Column("chair", "Chủ trì", required=False, example="Nguyễn Văn A"),
            Column("quality", "Chất lượng (Tốt / Khá / Trung bình / Kém)", required=False, example="Tốt"),
        ],
    ),
    "kiem-tra": (
        "Kiểm tra, giám sát",
        [
            Column("mode", "Hình thức (Kiểm tra / Giám sát)", example="Giám sát"),
            Column("kind", "Loại (Thường xuyên / Chuyên đề / Khi có dấu hiệu vi phạm)", example="Chuyên đề"),
            Column("conductor", "Mã đơn vị tiến hành", example="DU01"),
            Column("body", "Chủ thể (Cấp ủy / Ban Thường vụ / Ủy ban Kiểm tra / Chi bộ)", example="Cấp ủy"),
            Column("subject", "Mã tổ chức được kiểm tra, giám sát", example="CB001"),
            Column("topic", "Nội dung", example="Thực hiện nghị quyết đại hội"),
            Column("started_on", "Ngày bắt đầu", example="10/04/2025"),
            Column("ended_on", "Ngày kết thúc", required=False, example="30/04/2025"),
            Column("conclusion", "Kết luận", required=False, example="Thực hiện tốt"),
        ],
    ),
}
_CHOICES = {
    ("sinh-hoat", "kind"): _choices(CellMeetingKind.choices),
    ("sinh-hoat", "quality"): _choices(MeetingQuality.choices),
    ("kiem-tra", "mode"): _choices(Mode.choices),
    ("kiem-tra", "kind"): {
        **_choices(InspectionKind.choices),
        "thuong xuyen": "regular",
        "dau hieu vi pham": "violation",
    },
    ("kiem-tra", "body"): _choices(ConductingBody.choices),
}
_NUMBERS = {"expected", "present", "absent_excused", "absent_unexcused"}
_DATES = {"held_on", "started_on", "ended_on"}
_UNITS = {"cell", "conductor", "subject"}


def template_write(kind: str) -> bytes:
    """The blank form of `kind`, with its header row and one example row."""
    title, columns = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy; not a check
    ws.title = title
    ws.append([c.header for c in columns])
    ws.append([c.example for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rows(source: str | Path | IO[bytes], columns: list[Column]) -> Iterator[tuple[int, dict[str, Any]]]:
    by_header = {fold(c.header): c.key for c in columns} | {
        fold(c.header.split(" (")[0]): c.key for c in columns
    }
    upload_check(source, suffix=".xlsx")
    wb = load_workbook(source, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        header: list[str | None] | None = None
        for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                keys = [by_header.get(fold(str(v))) if v is not None else None for v in values]
                if sum(k is not None for k in keys) >= len([c for c in columns if c.required]):
                    header = keys
                continue
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield line, {k: v for k, v in zip(header, values, strict=False) if k is not None}
        if header is None:
            raise DomainError("Không tìm thấy dòng tiêu đề: hãy dùng tệp mẫu.")
    finally:
        wb.close()


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else " ".join(str(v).split())


def _value(kind: str, col: Column, raw: Any, units: dict[str, Organisation]) -> Any:
    text = _text(raw)
    if not text:
        if col.required:
            raise DomainError("không được để trống.")
        return 0 if col.key in _NUMBERS else None if col.key in _DATES else ""
    if col.key in _DATES:
        if isinstance(raw, dt.datetime):
            return raw.date()
        return raw if isinstance(raw, dt.date) else parse_date(text, field=col.header)
    if col.key in _NUMBERS:
        if not text.isdigit():
            raise DomainError(f"«{text}» phải là số nguyên không âm.")
        return int(text)
    if col.key in _UNITS:
        unit = units.get(text.upper())
        if unit is None:
            raise DomainError(f"không có tổ chức mã «{text}» trong phạm vi cập nhật của bạn.")
        return unit
    options = _CHOICES.get((kind, col.key))
    if options is not None:
        if fold(text) not in options:
            raise DomainError(f"«{text}» không phải một giá trị được chọn.")
        return options[fold(text)]
    return text


def activities_import(
    source: str | Path | IO[bytes],
    *,
    kind: str,
    actor: Any,
    dry_run: bool = False,
    label: str = "",
    progress: Callable[[str, int], None] = lambda _stage, _n: None,
) -> ImportResult:
    """Check every row of a `kind` file ("sinh-hoat" or "kiem-tra"); unless `dry_run` or any row is wrong,
    write the new rows in one transaction. `actor` None is the command line (every unit)."""
    _, columns = KINDS[kind]
    result = ImportResult()
    qs: Any = Organisation.objects.all()
    if actor is not None:
        qs = in_scope(qs, actor, "path", RoleLevel.EDITOR)
    units = {
        o.code.upper(): o
        for o in qs.only("id", "code", "name", "kind", "path", "established_on", "dissolved_on")
    }
    existing = _existing(kind)
    seen: dict[tuple[Any, ...], int] = {}
    new: list[dict[str, Any]] = []
    try:
        for line, raw in _rows(source, columns):
            result.rows += 1
            values: dict[str, Any] = {}
            errors: list[RowError] = []
            for col in columns:
                try:
                    values[col.key] = _value(kind, col, raw.get(col.key), units)
                except DomainError as e:
                    errors.append(RowError(line, col.header, e.message))
            if not errors:
                errors += _check(kind, line, values, columns)
            if not errors:
                key = _key(kind, values)
                if key in seen:
                    errors.append(RowError(line, "", f"trùng với dòng {seen[key]}."))
                seen.setdefault(key, line)
                if key in existing:
                    result.unchanged += 1
                elif not errors:
                    new.append(values)
            result.errors.extend(errors)
    except DomainError as e:
        result.errors.append(RowError(0, "", e.message))
    if result.errors or dry_run:
        result.created = 0 if result.errors else len(new)
        return result
    _write(kind, new, actor, label)
    progress("ghi", len(new))
    result.created, result.written = len(new), True
    return result


def _check(kind: str, line: int, v: dict[str, Any], columns: list[Column]) -> list[RowError]:
    headers = {c.key: c.header for c in columns}
    try:
        if kind == "sinh-hoat":
            services.cell_meeting_check(
                cell=v["cell"],
                held_on=v["held_on"],
                kind=v["kind"],
                expected=v["expected"],
                present=v["present"],
                absent_excused=v["absent_excused"],
                absent_unexcused=v["absent_unexcused"],
                quality=v["quality"],
            )
        else:
            services.inspection_check(
                mode=v["mode"],
                kind=v["kind"],
                conductor=v["conductor"],
                body=v["body"],
                subject_organisation=v["subject"],
                subject_member=None,
                topic=v["topic"],
                started_on=v["started_on"],
                ended_on=v["ended_on"],
            )
    except DomainError as e:
        field = {"subject_organisation": "subject", "cell": "cell"}.get(e.field or "", e.field or "")
        return [RowError(line, headers.get(field, ""), e.message)]
    return []


def _key(kind: str, v: dict[str, Any]) -> tuple[Any, ...]:
    if kind == "sinh-hoat":
        return (v["cell"].pk, v["held_on"], v["kind"])
    return (v["conductor"].pk, v["subject"].pk, v["mode"], v["started_on"])


def _existing(kind: str) -> set[tuple[Any, ...]]:
    if kind == "sinh-hoat":
        return set(
            CellMeeting.objects.filter(voided_at__isnull=True).values_list("cell_id", "held_on", "kind")
        )
    return set(
        Inspection.objects.filter(voided_at__isnull=True, subject_organisation__isnull=False).values_list(
            "conductor_id", "subject_organisation_id", "mode", "started_on"
        )
    )


def _write(kind: str, rows: list[dict[str, Any]], actor: Any, label: str) -> None:
    by = actor if getattr(actor, "pk", None) is not None else None
    source = f"nhập tệp {label}"[:128] if label else "nhập tệp .xlsx"
    with transaction.atomic():
        if kind == "sinh-hoat":
            CellMeeting.objects.bulk_create(
                [
                    CellMeeting(
                        cell=v["cell"],
                        held_on=v["held_on"],
                        kind=v["kind"],
                        topic=v["topic"],
                        expected=v["expected"],
                        present=v["present"],
                        absent_excused=v["absent_excused"],
                        absent_unexcused=v["absent_unexcused"],
                        chair=v["chair"],
                        quality=v["quality"],
                        source=source,
                        recorded_by=by,
                    )
                    for v in rows
                ],
                batch_size=2000,
            )
        else:
            Inspection.objects.bulk_create(
                [
                    Inspection(
                        mode=v["mode"],
                        kind=v["kind"],
                        conductor=v["conductor"],
                        body=v["body"],
                        subject_organisation=v["subject"],
                        topic=v["topic"],
                        started_on=v["started_on"],
                        ended_on=v["ended_on"],
                        conclusion=v["conclusion"],
                        source=source,
                        recorded_by=by,
                    )
                    for v in rows
                ],
                batch_size=2000,
            )
