"""Candidates (nguồn phát triển đảng viên) in .xlsx: the template, the import and the export.

The import checks every row (required values, gender, occupation, dates and their order, the cell exists,
is a cell, is open and lies in the user's editor scope) and the file against itself (the same person twice)
before writing anything. A row for a candidate already in the cell's list (same name, accents aside, and
birth date) is left alone, so importing the same file twice changes nothing. Errors are Vietnamese, per row
and column. Valid rows go through `candidate_services` in one transaction — the source step, then the
awareness course and the proposal when the row gives their dates — so they are audited like entries made
on the page, and a refusal there undoes the whole file.

The export writes the same columns (the birth date only where the reader may see it, each export with any
logged as a `PersonalDataAccess`), so an exported file can be imported again unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import path_in_scope, scope_paths
from dangvu.core.errors import DomainError
from dangvu.core.text import fold
from dangvu.core.uploads import upload_check
from dangvu.members import candidate_services as services
from dangvu.members.candidate_models import Candidate, CandidateEvent, Occupation, Stage
from dangvu.members.candidate_selectors import GROUPS, candidates
from dangvu.members.models import AccessKind, Gender, PersonalDataAccess
from dangvu.members.selectors import PERSONAL_DATA_LEVEL, in_scope, personal_scope_path
from dangvu.members.xlsx import Column
from dangvu.members.xlsx_import import ImportResult, RowError, _date, _text
from dangvu.organisations.models import Organisation

SHEET = "Nguồn phát triển"
COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", 28, required=True),
    Column("gender", "Giới tính", 9, required=True, help="Nam hoặc Nữ"),
    Column("birth_date", "Ngày sinh", 12, required=True, personal=True, help="DD/MM/YYYY"),
    Column("ethnicity", "Dân tộc", 10, required=True),
    Column(
        "occupation",
        "Nghề nghiệp",
        30,
        required=True,
        help="; ".join(str(label) for _, label in Occupation.choices),
    ),
    Column("cell_code", "Mã chi bộ", 10, required=True, help="mã tổ chức trong Dangvu"),
    Column("cell_name", "Tên chi bộ", 28, help="chỉ để đọc; khi nhập, Dangvu dùng mã chi bộ"),
    Column("source_on", "Vào nguồn từ ngày", 12, required=True, help="DD/MM/YYYY"),
    Column("course_on", "Ngày học xong lớp nhận thức về Đảng", 14, help="để trống nếu chưa học"),
    Column("course_name", "Tên lớp bồi dưỡng", 28, help="cần có khi ghi ngày học xong lớp"),
    Column("proposed_on", "Ngày đề nghị kết nạp", 12, help="để trống nếu chưa đề nghị; phải đã học lớp"),
    Column("decision", "Văn bản đề nghị (số, ký hiệu)", 18),
    Column("note", "Ghi chú", 28),
)
_BY_HEADER = {fold(c.header): c for c in COLUMNS}
HEADER = {c.key: c.header for c in COLUMNS}
_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE}
#: Occupations by their label, their short group name or their code, accents and case aside.
_OCCUPATIONS: dict[str, Occupation] = {
    **{fold(str(label)): Occupation(value) for value, label in Occupation.choices},
    **{fold(value): Occupation(value) for value in Occupation.values},
    **{fold(label): Occupation(value) for value, label in GROUPS.items() if value in Occupation.values},
}
CELL_KINDS = ("grassroots_cell", "subordinate_cell")


def template_write(target: str | Path | IO[bytes]) -> None:
    """The blank form: the header row, and a sheet explaining each column."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy; not a check
    ws.title = SHEET
    ws.append(["STT", *(c.header for c in COLUMNS)])
    for i, cell in enumerate(ws[1]):
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = COLUMNS[i - 1].width if i else 6
    ws.freeze_panes = "B2"
    guide = wb.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Bắt buộc", "Ghi chú"])
    for c in COLUMNS:
        guide.append([c.header, "có" if c.required else "", c.help])
    guide.append([])
    guide.append(["Mỗi dòng là một quần chúng ưu tú chi bộ đưa vào nguồn. Tệp chỉ được nhập khi mọi dòng"])
    guide.append(["hợp lệ; nhập lại cùng tệp không tạo bản ghi trùng (người đã có trong nguồn của chi bộ,"])
    guide.append(["cùng họ tên và ngày sinh, được bỏ qua). Việc kết nạp ghi trên trang của từng người."])
    wb.save(target)


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    unit: Organisation | None = None


def _cells(actor: Any) -> dict[str, Organisation]:
    """The cells the actor may write to, by code in capitals (one query); `actor` None: every cell."""
    qs: Any = Organisation.objects.filter(kind__in=CELL_KINDS)
    if actor is not None:
        qs = in_scope(qs, actor, "path", RoleLevel.EDITOR)
    return {o.code.upper(): o for o in qs}


def _sheet_rows(source: str | Path | IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    upload_check(source, suffix=".xlsx")  # size, type, zip bombs, row count, formulas: before parsing
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not .xlsx
        raise DomainError("Không đọc được tệp: cần tệp .xlsx theo mẫu.") from e
    out: list[tuple[int, dict[str, Any]]] = []
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        header: list[str | None] | None = None
        for line, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if header is None:
                keys = [_BY_HEADER.get(fold(str(v))) if v is not None else None for v in values]
                if any(c is not None and c.key == "full_name" for c in keys):
                    header = [c.key if c is not None else None for c in keys]
                    missing = [c.header for c in COLUMNS if c.required and c.key not in header]
                    if missing:
                        raise DomainError(f"Dòng tiêu đề thiếu cột: {', '.join(missing)}. Hãy dùng tệp mẫu.")
                continue
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            out.append((line, {k: v for k, v in zip(header, values, strict=False) if k is not None}))
        if header is None:
            raise DomainError("Không tìm thấy dòng tiêu đề (cần có cột «Họ và tên»): hãy dùng tệp mẫu.")
    finally:
        wb.close()
    return out


def _parse(
    line: int, raw: dict[str, Any], cells: dict[str, Organisation], today: dt.date
) -> tuple[_Row, list[RowError]]:
    """One row, column by column, then the checks across its columns."""
    errors: list[RowError] = []
    v: dict[str, Any] = {}

    def fail(key: str, message: str) -> None:
        errors.append(RowError(line, HEADER[key], message))

    for c in COLUMNS:
        value = raw.get(c.key)
        try:
            if c.key in ("birth_date", "source_on", "course_on", "proposed_on"):
                v[c.key] = _date(value, c.header)
            elif c.key == "gender":
                g = fold(_text(value))
                if g and g not in _GENDERS:
                    raise DomainError("phải là «Nam» hoặc «Nữ».")
                v[c.key] = _GENDERS.get(g)
            elif c.key == "occupation":
                o = fold(_text(value))
                if o and o not in _OCCUPATIONS:
                    allowed = "; ".join(f"«{label}»" for _, label in Occupation.choices)
                    raise DomainError(f"«{_text(value)}» không có trong danh mục; ghi một trong: {allowed}.")
                v[c.key] = _OCCUPATIONS.get(o)
            else:
                v[c.key] = _text(value)
        except DomainError as e:
            fail(c.key, e.message)
            v[c.key] = None
        if c.required and v.get(c.key) in (None, "") and not any(e.column == c.header for e in errors):
            fail(c.key, "không được để trống.")
    for key, limit in (("full_name", 128), ("ethnicity", 32), ("course_name", 255), ("decision", 128)):
        if v.get(key) and len(v[key]) > limit:
            fail(key, f"dài quá {limit} ký tự.")
    birth, source, course, proposed = (
        v.get(k) for k in ("birth_date", "source_on", "course_on", "proposed_on")
    )
    for key in ("birth_date", "source_on", "course_on", "proposed_on"):
        if v.get(key) and v[key] > today:
            fail(key, f"ngày {v[key]:%d/%m/%Y} ở tương lai.")
    if birth and source and birth >= source:
        fail("birth_date", "phải trước ngày vào nguồn.")
    if course and source and course < source:
        fail("course_on", f"trước ngày vào nguồn ({source:%d/%m/%Y}).")
    if course and not v.get("course_name"):
        fail("course_name", "cần ghi tên lớp khi đã ghi ngày học xong lớp.")
    if v.get("course_name") and not course and not any(e.column == HEADER["course_on"] for e in errors):
        fail("course_on", "cần ghi ngày học xong lớp khi đã ghi tên lớp.")
    if proposed and not course and not any(e.column == HEADER["course_on"] for e in errors):
        fail(
            "proposed_on",
            "chỉ đề nghị kết nạp người đã học lớp nhận thức về Đảng: hãy ghi ngày học xong lớp.",
        )
    if proposed and course and proposed < course:
        fail("proposed_on", f"trước ngày học xong lớp ({course:%d/%m/%Y}).")
    if v.get("decision") and not proposed:
        fail("decision", "chỉ ghi khi có ngày đề nghị kết nạp.")
    row = _Row(line, v)
    code = (v.get("cell_code") or "").upper()
    if code:
        unit = cells.get(code)
        if unit is None:
            fail("cell_code", f"không có chi bộ mã «{code}» trong phạm vi bạn được cập nhật.")
        elif unit.dissolved_on is not None:
            fail("cell_code", f"chi bộ «{unit.name}» đã giải thể ngày {unit.dissolved_on:%d/%m/%Y}.")
        elif source and source < unit.established_on:
            fail(
                "source_on",
                f"chi bộ «{unit.name}» thành lập ngày {unit.established_on:%d/%m/%Y}, sau ngày này.",
            )
        else:
            row.unit = unit
    return row, errors


def _key(name: str, birth: Any, unit_id: int) -> tuple[str, Any, int]:
    return fold(" ".join(name.split())), birth, unit_id


def candidates_import(
    source: str | Path | IO[bytes],
    *,
    actor: Any,
    dry_run: bool = False,
    label: str = "",
    today: dt.date | None = None,
) -> ImportResult:
    """Check the file; unless `dry_run` or any row is wrong, add its new candidates in one transaction.

    `actor` None is the command line (every cell); otherwise each row's cell must be in the actor's editor
    scope."""
    today = today or dt.date.today()
    result = ImportResult()
    try:
        raw_rows = _sheet_rows(source)
    except DomainError as e:
        result.errors.append(RowError(0, "", e.message))
        return result
    cells = _cells(actor)
    parsed: list[_Row] = []
    seen: dict[tuple[str, Any, int], int] = {}
    for line, raw in raw_rows:
        result.rows += 1
        row, errors = _parse(line, raw, cells, today)
        if not errors and row.unit is not None:
            key = _key(row.values["full_name"], row.values["birth_date"], row.unit.pk)
            if key in seen:
                errors.append(RowError(line, HEADER["full_name"], f"trùng người với dòng {seen[key]}."))
            else:
                seen[key] = line
        result.errors.extend(errors)
        if not errors:
            parsed.append(row)
    if result.errors:
        return result
    known = set(
        Candidate.objects.filter(unit__in={r.unit for r in parsed}).values_list(
            "name_folded", "birth_date", "unit_id"
        )
    )
    new = [
        r
        for r in parsed
        if r.unit and _key(r.values["full_name"], r.values["birth_date"], r.unit.pk) not in known
    ]
    result.unchanged = len(parsed) - len(new)
    result.created = len(new)
    if dry_run or not new:
        return result
    note = f"nhập tệp {label}" if label else "nhập tệp .xlsx"
    with transaction.atomic():
        for r in new:
            try:
                _write(actor, r, note)
            except DomainError as e:  # checked above, so rare (e.g. rights changed meanwhile): undo all
                transaction.set_rollback(True)
                result.errors.append(RowError(r.line, "", e.message))
                result.created = 0
                return result
    result.written = True
    return result


def _write(actor: Any, r: _Row, source_note: str) -> None:
    v = r.values
    assert r.unit is not None  # noqa: S101 - only rows with a cell get here; narrows the type for mypy
    candidate = services.candidate_add(
        actor=actor,
        unit=r.unit,
        full_name=v["full_name"],
        birth_date=v["birth_date"],
        gender=v["gender"],
        ethnicity=v["ethnicity"],
        occupation=v["occupation"],
        on=v["source_on"],
        note="; ".join(n for n in (v["note"], source_note) if n)[:255],
    )
    if v["course_on"]:
        services.candidate_course_done(
            actor=actor, candidate=candidate, on=v["course_on"], course_name=v["course_name"]
        )
    if v["proposed_on"]:
        services.candidate_propose(
            actor=actor, candidate=candidate, on=v["proposed_on"], decision=v["decision"]
        )


GENDER_LABELS = dict(Gender.choices)
OCCUPATION_LABELS = dict(Occupation.choices)


def candidates_export(
    user: Any, target: str | Path | IO[bytes], *, organisation: Organisation | None = None, actor: Any = None
) -> tuple[int, int]:
    """Write the candidates of the user's scope (under `organisation`) in the template's columns, with the
    dates of their course and proposal. Returns (rows, rows with the birth date)."""
    found = candidates(user, organisation=organisation)
    rows = list(found.order_by("unit__path", "name_folded", "id"))
    steps: dict[int, dict[str, CandidateEvent]] = {}
    shown_steps = (Stage.SOURCE, Stage.COURSE_DONE, Stage.PROPOSED)
    events = CandidateEvent.objects.filter(candidate__in=found.order_by().values("id"), stage__in=shown_steps)
    for e in events.order_by("occurred_on", "id"):
        steps.setdefault(e.candidate_id, {}).setdefault(e.stage, e)
    personal_scope = scope_paths(user, PERSONAL_DATA_LEVEL)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - narrows the type for mypy; not a check
    ws.title = SHEET
    ws.append(["STT", *(c.header for c in COLUMNS)])
    shown: list[int] = []
    for n, c in enumerate(rows, start=1):
        personal = path_in_scope(c.unit.path, personal_scope)
        if personal:
            shown.append(c.pk)
        mine = steps.get(c.pk, {})
        source, course, proposal = (mine.get(s) for s in (Stage.SOURCE, Stage.COURSE_DONE, Stage.PROPOSED))
        ws.append(
            [
                n,
                c.full_name,
                GENDER_LABELS.get(c.gender, c.gender),
                c.birth_date if personal else None,
                c.ethnicity,
                OCCUPATION_LABELS.get(c.occupation, c.occupation),
                c.unit.code,
                c.unit.name,
                source.occurred_on if source else c.stage_on,
                course.occurred_on if course else None,
                course.course_name if course else "",
                proposal.occurred_on if proposal else None,
                proposal.decision if proposal else "",
                "",
            ]
        )
    wb.save(target)
    if shown:
        PersonalDataAccess.objects.create(
            actor=actor if getattr(actor, "pk", None) is not None else None,
            kind=AccessKind.EXPORT,
            org_path=organisation.path if organisation is not None else personal_scope_path(user),
            detail="xuất nguồn phát triển đảng viên",
            count=len(shown),
            candidate_ids=shown,
        )
    return len(rows), len(shown)
