"""The administrators' log of reads of members' personal data (Decree 13/2023): the page and its .xlsx.

Entries are `members.models.PersonalDataAccess` rows (written where personal data is shown, exported or
served). Each names the records read: members' ids and, for the candidate pipeline (birth dates of
non-members), candidates' ids; the page shows the first of them, the .xlsx all. Browsing or exporting the
log is itself a read of who saw whose data, so it writes one entry too, naming the records it showed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook

from dangvu.accounts import selectors
from dangvu.accounts.models import RoleLevel
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.members.models import AccessKind, PersonalDataAccess

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = (
    "Thời điểm",
    "Người xem",
    "Hình thức",
    "Phạm vi",
    "Nội dung",
    "Số hồ sơ",
    "Mã hồ sơ đảng viên",
    "Mã hồ sơ quần chúng (nguồn phát triển)",
)
PAGE_SIZE = 50
IDS_ON_PAGE = 20  # per kind and entry; an export of a province names 100,000: the .xlsx has them all


@dataclass(frozen=True)
class Ids:
    """The ids of one kind of record an entry names, as the page shows them: the first few, how many more."""

    label: str
    first: list[int]
    more: int


def ids_shown(entry: PersonalDataAccess) -> list[Ids]:
    out = []
    for label, ids in (("đảng viên", entry.member_ids or []), ("quần chúng", entry.candidate_ids or [])):
        if ids:
            out.append(Ids(label, list(ids[:IDS_ON_PAGE]), max(0, len(ids) - IDS_ON_PAGE)))
    return out


def _filters(request: HttpRequest) -> tuple[dict[str, Any], list[str]]:
    """The filters of the query string; a wrong date is reported by name and ignored."""
    g, errors = request.GET, []
    found: dict[str, Any] = {"username": g.get("user", "").strip(), "kind": ""}
    if g.get("kind") in AccessKind.values:
        found["kind"] = g["kind"]
    for key, name in (("from", "date_from"), ("to", "date_to")):
        found[name] = None
        if g.get(key):
            try:
                found[name] = parse_date(g[key], field="từ ngày" if key == "from" else "đến ngày")
            except DomainError as e:
                errors.append(e.message)
    return found, errors


def _admin_scope_path(user: Any) -> str:
    paths = selectors.scope_paths(user, RoleLevel.ADMINISTRATOR)
    if paths is not None and not paths:
        raise Http404("Trang không tồn tại.")
    return paths[0] if paths and len(paths) == 1 else ""


def _log_reading(user: Any, kind: str, shown: Iterable[PersonalDataAccess], what: str) -> None:
    entries = list(shown)
    members = sorted({i for e in entries for i in (e.member_ids or [])})
    candidates = sorted({i for e in entries for i in (e.candidate_ids or [])})
    PersonalDataAccess.objects.create(
        actor=user,
        kind=kind,
        org_path=_admin_scope_path(user),
        detail=what[:255],
        count=len(members) + len(candidates),
        member_ids=members,
        candidate_ids=candidates,
    )


def _describe(f: dict[str, Any]) -> str:
    parts = [f"người xem «{f['username']}»" if f["username"] else ""]
    if f["kind"]:
        parts.append(AccessKind(f["kind"]).label.lower())
    if f["date_from"] or f["date_to"]:
        parts.append(f"{f['date_from'] or '…'} – {f['date_to'] or '…'}")
    return ", ".join(p for p in parts if p)


@login_required
def personal_data(request: HttpRequest) -> HttpResponse:
    _admin_scope_path(request.user)
    filters, errors = _filters(request)
    page = Paginator(selectors.personal_data_log(request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    described = _describe(filters)
    _log_reading(
        request.user,
        AccessKind.VIEW,
        page.object_list,
        f"nhật ký truy cập dữ liệu cá nhân, trang {page.number}" + (f" ({described})" if described else ""),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/personal_data.html",
        {
            "page": page,
            "rows": [(e, ids_shown(e)) for e in page.object_list],
            "f": request.GET,
            "kinds": AccessKind.choices,
            "errors": errors,
            "query": query.urlencode(),
        },
    )


def log_xlsx(entries: Iterable[PersonalDataAccess]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Truy cập dữ liệu cá nhân")
    sheet.append(list(HEADER))
    for e in entries:
        sheet.append(
            [
                timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"),
                e.actor.username if e.actor else "hệ thống",
                e.get_kind_display(),
                e.org_path,
                e.detail,
                e.count,
                ", ".join(str(i) for i in e.member_ids or []),
                ", ".join(str(i) for i in e.candidate_ids or []),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@login_required
def personal_data_export(request: HttpRequest) -> HttpResponse:
    _admin_scope_path(request.user)
    filters, _errors = _filters(request)
    entries = list(selectors.personal_data_log(request.user, **filters))
    data = log_xlsx(entries)
    described = _describe(filters)
    _log_reading(
        request.user,
        AccessKind.EXPORT,
        entries,
        "xuất nhật ký truy cập dữ liệu cá nhân" + (f" ({described})" if described else ""),
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{dt.date.today():%Y%m%d}.xlsx"'
    return response
