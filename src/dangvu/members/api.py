"""API of the members register: the same selectors as the pages, so the same scope, 404s and personal-data
rule (birth date, identity number and address only for editors and above, each read logged)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from dangvu.accounts.selectors import organisation_for, path_in_scope, scope_paths
from dangvu.members import candidate_selectors, selectors
from dangvu.members.models import AccessKind, PersonalDataAccess
from dangvu.members.statistics import member_statistics

router = Router()


class MemberOut(Schema):
    id: int
    full_name: str
    gender: str
    ethnicity: str
    religion: str
    admitted_on: dt.date
    confirmed_on: dt.date | None
    left_on: dt.date | None
    card_number: str | None
    cell_code: str | None
    theory_level: str
    birth_date: dt.date | None = None
    identity_number: str | None = None
    home_address: str | None = None


def _out(member: Any, cell: Any, personal: bool) -> dict[str, Any]:
    out = {
        "id": member.pk,
        "full_name": member.full_name,
        "gender": member.gender,
        "ethnicity": member.ethnicity,
        "religion": member.religion,
        "admitted_on": member.admitted_on,
        "confirmed_on": member.confirmed_on,
        "left_on": member.left_on,
        "card_number": member.card_number,
        "cell_code": cell.code if cell is not None else None,
        "theory_level": member.theory_level,
    }
    if personal:
        out.update(
            birth_date=member.birth_date,
            identity_number=member.identity_number,
            home_address=member.home_address,
        )
    return out


def _log(user: Any, ids: list[int], detail: str) -> None:
    if ids:
        PersonalDataAccess.objects.create(
            actor=user,
            kind=AccessKind.API,
            org_path=selectors.personal_scope_path(user),
            detail=detail[:255],
            count=len(ids),
            member_ids=ids,
        )


@router.get("/", response=list[MemberOut], summary="Danh sách đảng viên (tìm không cần dấu)")
def register(
    request: HttpRequest,
    q: str = "",
    org: str | None = None,
    at: dt.date | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    organisation = organisation_for(request.user, org) if org else None
    on = at or dt.date.today()
    rows = selectors.register_on(request.user, on=on, organisation=organisation, query=q)
    page = list(rows[max(offset, 0) : max(offset, 0) + min(max(limit, 1), 500)])
    personal_scope = scope_paths(request.user, selectors.PERSONAL_DATA_LEVEL)
    out, seen = [], []
    for p in page:
        personal = path_in_scope(p.organisation.path, personal_scope)
        if personal:
            seen.append(p.member_id)
        out.append(_out(p.member, p.organisation, personal))
    _log(request.user, seen, f"API danh sách ngày {on:%d/%m/%Y}" + (f", tìm «{q}»" if q else ""))
    return out


@router.get("/statistics", summary="Thống kê đảng viên của một tổ chức vào một ngày")
def statistics(
    request: HttpRequest,
    org: str | None = None,
    at: dt.date | None = None,
    since: dt.date | None = None,
) -> dict[str, Any]:
    organisation = organisation_for(request.user, org) if org else None
    on = at or dt.date.today()
    period = (since, on) if since else (dt.date(on.year, 1, 1), on)
    return member_statistics(request.user, on=on, organisation=organisation, period=period).as_dict()


class CandidateOut(Schema):
    id: int
    full_name: str
    gender: str
    ethnicity: str
    occupation: str
    stage: str
    stage_on: dt.date
    unit_code: str
    member_id: int | None
    birth_date: dt.date | None = None


def _candidate_out(c: Any, personal: bool) -> dict[str, Any]:
    out = {
        "id": c.pk,
        "full_name": c.full_name,
        "gender": c.gender,
        "ethnicity": c.ethnicity,
        "occupation": c.occupation,
        "stage": c.stage,
        "stage_on": c.stage_on,
        "unit_code": c.unit.code,
        "member_id": c.member_id,
    }
    if personal:
        out["birth_date"] = c.birth_date
    return out


def _log_candidates(user: Any, ids: list[int], detail: str, org_path: str | None = None) -> None:
    """Logged under `org_path` (the candidate's cell), else the path covering the reader's scope: never ""
    for a sub-tree reader, or its administrators would not see the entry."""
    if ids:
        PersonalDataAccess.objects.create(
            actor=user,
            kind=AccessKind.API,
            org_path=selectors.personal_scope_path(user) if org_path is None else org_path,
            detail=detail[:255],
            count=len(ids),
            candidate_ids=ids,
        )


@router.get("/candidates", response=list[CandidateOut], summary="Nguồn phát triển đảng viên")
def candidates(
    request: HttpRequest,
    org: str | None = None,
    stage: str = "",
    occupation: str = "",
    q: str = "",
    offset: int = 0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    organisation = organisation_for(request.user, org) if org else None
    rows = candidate_selectors.candidates(
        request.user, organisation=organisation, stage=stage, occupation=occupation, query=q
    )
    page = list(rows[max(offset, 0) : max(offset, 0) + min(max(limit, 1), 500)])
    personal_scope = scope_paths(request.user, selectors.PERSONAL_DATA_LEVEL)
    seen = [c.pk for c in page if path_in_scope(c.unit.path, personal_scope)]
    where = organisation.path if organisation is not None else None
    _log_candidates(request.user, seen, "API nguồn phát triển đảng viên", where)
    return [_candidate_out(c, c.pk in seen) for c in page]


@router.get(
    "/candidates/counts", summary="Nguồn phát triển theo chi bộ và giai đoạn (HS-SV, DN tư nhân riêng)"
)
def candidate_counts(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    organisation = organisation_for(request.user, org) if org else None
    rows = candidate_selectors.pipeline_counts(request.user, organisation=organisation)

    def cells(c: list[tuple[str, int, int, int]]) -> dict[str, dict[str, int]]:
        return {s: {"total": n, "students": st, "private_enterprise": pr} for s, n, st, pr in c}

    return {
        "units": [{"code": r.unit.code, "name": r.unit.name, "stages": cells(r.cells())} for r in rows],
        "total": cells(candidate_selectors.pipeline_totals(rows)),
    }


@router.get("/candidates/{candidate_id}", response=CandidateOut, summary="Một quần chúng trong nguồn")
def candidate_detail(request: HttpRequest, candidate_id: int) -> dict[str, Any]:
    c = candidate_selectors.candidate_for(request.user, candidate_id)
    personal = candidate_selectors.may_see_birth_date(request.user, c)
    if personal:
        _log_candidates(request.user, [c.pk], f"API hồ sơ quần chúng {c.full_name}", c.unit.path)
    return _candidate_out(c, personal)


@router.get("/work/residence", summary="Đảng viên chi bộ cơ quan chưa có liên hệ / nhận xét nơi cư trú")
def residence_due(
    request: HttpRequest, year: int | None = None, org: str | None = None
) -> list[dict[str, Any]]:
    organisation = organisation_for(request.user, org) if org else None
    today = dt.date.today()
    rows = selectors.residence_due(
        request.user, today=today, year=year or today.year, organisation=organisation
    )
    return [
        {
            "member_id": r.member.pk,
            "full_name": r.member.full_name,
            "cell_code": r.cell.code,
            "residence": r.contact.residence_name if r.contact else None,
            "comment_sent_on": r.comment.sent_on if r.comment else None,
        }
        for r in rows
    ]


@router.get("/{member_id}", response=MemberOut, summary="Một đảng viên")
def detail(request: HttpRequest, member_id: int) -> dict[str, Any]:
    member = selectors.member_for(request.user, member_id)
    personal = selectors.may_see_personal_data(request.user, member)
    if personal:
        _log(request.user, [member.pk], f"API hồ sơ {member.full_name}")
    return _out(member, selectors.member_cell(member), personal)
