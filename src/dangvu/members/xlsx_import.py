"""Importing members from .xlsx: every row validated, then all written at once or nothing.

Each row is checked field by field (required values, dates and their order, gender, theory level, card
and identity numbers, the cell exists, is live and the user may write there) and against the rest of the
file and the register (duplicate cards, identity numbers, people). A row for a member already in the
register (same name, birth date and admission date) is left alone, so importing the same file twice
changes nothing. Errors are Vietnamese, per row and column. Valid rows go in by bulk inserts (members,
their placements, their admission and confirmation events, marked with the file they came from).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from openpyxl import load_workbook

from dangvu.accounts.models import RoleLevel
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.faults import fault_point
from dangvu.core.text import fold
from dangvu.core.uploads import upload_check
from dangvu.members.models import EventKind, Gender, Member, MembershipEvent, Placement, TheoryLevel
from dangvu.members.rules import PROBATION_MONTHS, add_months, adult_on
from dangvu.members.selectors import in_scope
from dangvu.members.xlsx import COLUMNS, SHEET
from dangvu.organisations.models import Organisation

_BY_HEADER = {fold(c.header): c for c in COLUMNS}
_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
_THEORY = {fold(str(label)): value for value, label in TheoryLevel.choices if value}
BATCH = 2000
PROGRESS_ROWS = 2000  # rows checked between two progress reports


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"cột «{self.column}»: " if self.column else ""
        return f"Dòng {self.row}, {where}{self.message}"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    cell_id: int = 0
    placed_from: dt.date | None = None


class _Cells:
    """The cells the actor may write to, by code (one query)."""

    def __init__(self, actor: Any) -> None:
        qs: Any = Organisation.objects.filter(kind__in=("grassroots_cell", "subordinate_cell"))
        if actor is not None:
            qs = in_scope(qs, actor, "path", RoleLevel.EDITOR)
        self.by_code = {
            code.upper(): (pk, name, start, end)
            for pk, code, name, start, end in qs.values_list(
                "id", "code", "name", "established_on", "dissolved_on"
            )
        }


def _rows(source: str | Path | IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    upload_check(source, suffix=".xlsx")
    wb = load_workbook(source, read_only=True, data_only=True)
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        header: list[str | None] | None = None
        for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                keys = [_BY_HEADER.get(fold(str(v))) if v is not None else None for v in values]
                if any(c is not None and c.key == "full_name" for c in keys):
                    header = [c.key if c is not None else None for c in keys]
                continue
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield line, {k: v for k, v in zip(header, values, strict=False) if k is not None}
        if header is None:
            raise DomainError("Không tìm thấy dòng tiêu đề (cần có cột «Họ và tên»): hãy dùng tệp mẫu.")
    finally:
        wb.close()


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def _date(v: Any, header: str) -> dt.date | None:
    if v is None or _text(v) == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return parse_date(_text(v), field=header)


def _digits(v: Any, header: str, lengths: tuple[int, ...]) -> str | None:
    text = _text(v).replace(" ", "")
    if not text:
        return None
    if not text.isdigit() or len(text) not in lengths:
        allowed = (
            " hoặc ".join(str(n) for n in lengths) if len(lengths) < 4 else f"{lengths[0]}–{lengths[-1]}"
        )
        raise DomainError(f"{header} «{text}» phải gồm {allowed} chữ số.")
    return text


def _parse(line: int, raw: dict[str, Any], cells: _Cells, today: dt.date) -> tuple[_Row, list[RowError]]:
    errors: list[RowError] = []
    out: dict[str, Any] = {}
    for c in COLUMNS:
        v = raw.get(c.key)
        try:
            if c.key in ("birth_date", "admitted_on", "confirmed_on", "placed_from"):
                out[c.key] = _date(v, c.header)
            elif c.key == "card_number":
                out[c.key] = _digits(v, c.header, tuple(range(6, 13)))
            elif c.key == "identity_number":
                out[c.key] = _digits(v, c.header, (12,)) or ""
            elif c.key == "gender":
                g = fold(_text(v))
                if g and g not in _GENDERS:
                    raise DomainError("Giới tính phải là «Nam» hoặc «Nữ».")
                out[c.key] = _GENDERS.get(g)
            elif c.key == "theory_level":
                t = fold(_text(v))
                if t and t not in _THEORY:
                    raise DomainError(
                        "Lý luận chính trị phải là Sơ cấp, Trung cấp, Cao cấp, Cử nhân hoặc để trống."
                    )
                out[c.key] = _THEORY.get(t, "")
            else:
                out[c.key] = _text(v)
        except DomainError as e:
            errors.append(RowError(line, c.header, e.message))
            out[c.key] = None
        if c.required and out.get(c.key) in (None, "") and not any(e.column == c.header for e in errors):
            errors.append(RowError(line, c.header, "không được để trống."))
    row = _Row(line, out)
    header = {c.key: c.header for c in COLUMNS}
    birth, admitted, confirmed = out.get("birth_date"), out.get("admitted_on"), out.get("confirmed_on")
    for key in ("birth_date", "admitted_on", "confirmed_on", "placed_from"):
        if out.get(key) and out[key] > today:
            errors.append(RowError(line, header[key], f"ngày {out[key]:%d/%m/%Y} ở tương lai."))
    if birth and admitted and not adult_on(birth, admitted):
        errors.append(RowError(line, header["admitted_on"], "người vào Đảng phải đủ 18 tuổi."))
    if admitted and confirmed and confirmed < add_months(admitted, PROBATION_MONTHS):
        errors.append(RowError(line, header["confirmed_on"], "chưa đủ 12 tháng dự bị kể từ ngày vào Đảng."))
    code = (out.get("cell_code") or "").upper()
    if code:
        found = cells.by_code.get(code)
        if found is None:
            errors.append(
                RowError(
                    line, header["cell_code"], f"không có chi bộ mã «{code}» trong phạm vi bạn được cập nhật."
                )
            )
        elif admitted:
            pk, name, start, end = found
            placed = out.get("placed_from") or max(admitted, start)
            if placed < admitted:
                errors.append(RowError(line, header["placed_from"], "trước ngày vào Đảng."))
            elif placed < start or (end is not None and placed >= end):
                errors.append(
                    RowError(
                        line,
                        header["placed_from"],
                        f"chi bộ «{name}» không hoạt động vào ngày {placed:%d/%m/%Y}.",
                    )
                )
            row.cell_id, row.placed_from = pk, placed
    return row, errors


def _person_key(v: dict[str, Any]) -> tuple[str, Any, Any]:
    return (fold(v.get("full_name") or ""), v.get("birth_date"), v.get("admitted_on"))


def members_import(
    source: str | Path | IO[bytes],
    *,
    actor: Any,
    dry_run: bool = False,
    label: str = "",
    today: dt.date | None = None,
    progress: Callable[[str, int], None] = lambda _stage, _n: None,
) -> ImportResult:
    """Validate the file; unless `dry_run` or any row is invalid, write its new members in one transaction.

    `actor` None is the command line (every cell); otherwise the rows' cells must lie in the actor's
    editor scope."""
    today = today or dt.date.today()
    result = ImportResult()
    cells = _Cells(actor)
    register_people = {
        (n, b, a): pk
        for pk, n, b, a in Member.objects.values_list("id", "name_folded", "birth_date", "admitted_on")
    }
    register_cards = dict(Member.objects.filter(card_number__isnull=False).values_list("card_number", "id"))
    register_ids = dict(Member.objects.exclude(identity_number="").values_list("identity_number", "id"))
    seen_people: dict[tuple[str, Any, Any], int] = {}
    seen_cards: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    new: list[_Row] = []
    try:
        for line, raw in _rows(source):
            result.rows += 1
            if result.rows % PROGRESS_ROWS == 0:
                progress("kiểm tra", result.rows)
            row, errors = _parse(line, raw, cells, today)
            v = row.values
            person = _person_key(v)
            existing = register_people.get(person)
            for key, seen, register, header in (
                ("card_number", seen_cards, register_cards, "Số thẻ đảng viên"),
                ("identity_number", seen_ids, register_ids, "Số CCCD"),
            ):
                value = v.get(key)
                if not value:
                    continue
                if value in seen:
                    errors.append(RowError(line, header, f"trùng với dòng {seen[value]}."))
                else:
                    seen[value] = line
                owner = register.get(value)
                if owner is not None and owner != existing:
                    errors.append(RowError(line, header, f"«{value}» đã thuộc một đảng viên khác trong sổ."))
            if all(person) and person in seen_people:
                errors.append(RowError(line, "Họ và tên", f"trùng người với dòng {seen_people[person]}."))
            elif all(person):
                seen_people[person] = line
            result.errors.extend(errors)
            if errors:
                continue
            if existing is not None:
                result.unchanged += 1
            else:
                new.append(row)
    except DomainError as e:
        result.errors.append(RowError(0, "", e.message))
    if result.errors or dry_run:
        result.created = len(new) if not result.errors else 0
        return result
    progress("ghi", 0)  # before the transaction: seen by everyone, whatever the database
    _write(new, actor, label, progress)
    result.created, result.written = len(new), True
    return result


def _write(rows: list[_Row], actor: Any, label: str, progress: Callable[[str, int], None]) -> None:
    recorded_by = actor if getattr(actor, "pk", None) is not None else None
    source = f"nhập tệp {label}"[:128] if label else "nhập tệp .xlsx"
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            members = Member.objects.bulk_create(
                [
                    Member(
                        full_name=r.values["full_name"],
                        name_folded=fold(r.values["full_name"]),
                        gender=r.values["gender"],
                        birth_date=r.values["birth_date"],
                        ethnicity=r.values["ethnicity"],
                        religion=r.values["religion"],
                        home_town=r.values["home_town"],
                        education=r.values["education"],
                        profession=r.values["profession"],
                        theory_level=r.values["theory_level"],
                        card_number=r.values["card_number"],
                        identity_number=r.values["identity_number"],
                        home_address=r.values["home_address"],
                        admitted_on=r.values["admitted_on"],
                        admitted_at=r.values["admitted_at"],
                        confirmed_on=r.values["confirmed_on"],
                        cell_id=r.cell_id,
                        positions=r.values["positions"],
                    )
                    for r in chunk
                ]
            )
            Placement.objects.bulk_create(
                [
                    Placement(
                        member_id=m.pk,
                        organisation_id=r.cell_id,
                        valid_from=r.placed_from or r.values["admitted_on"],
                    )
                    for m, r in zip(members, chunk, strict=True)
                ]
            )
            events = []
            for m, r in zip(members, chunk, strict=True):
                # Events in the cell only when the member was already there (admitted or placed before).
                placed = r.placed_from or r.values["admitted_on"]
                events.append(
                    MembershipEvent(
                        member_id=m.pk,
                        kind=EventKind.ADMISSION,
                        occurred_on=r.values["admitted_on"],
                        organisation_id=r.cell_id if placed <= r.values["admitted_on"] else None,
                        source=source,
                        recorded_by=recorded_by,
                    )
                )
                if r.values["confirmed_on"]:
                    events.append(
                        MembershipEvent(
                            member_id=m.pk,
                            kind=EventKind.CONFIRMATION,
                            occurred_on=r.values["confirmed_on"],
                            organisation_id=r.cell_id if placed <= r.values["confirmed_on"] else None,
                            source=source,
                            recorded_by=recorded_by,
                        )
                    )
            MembershipEvent.objects.bulk_create(events)
            progress("ghi", start + len(chunk))
            fault_point("members-import-writing")
