"""The reorganisation pages of one unit: establish a unit under it, rename, move, merge, split, dissolve.

Each page is a form; on submit the matching service validates and writes the change (audited, with the
acting user). A refusal comes back as the service's Vietnamese message on the form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.organisations import forms as f
from dangvu.organisations import services
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation


def _unit(user: Any, code: str) -> Organisation:
    try:
        return organisation_for(user, code.strip(), RoleLevel.ADMINISTRATOR)
    except Http404:
        raise DomainError(f"Không có tổ chức mã «{code.strip()}» trong phạm vi bạn quản trị.") from None


def _optional_unit(user: Any, code: str) -> Organisation | None:
    return _unit(user, code) if code.strip() else None


def _establish(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    return services.org_establish(
        actor=user,
        code=d["code"],
        name=d["name"],
        kind=OrgKind(d["kind"]),
        parent=org,
        established_on=d["effective_on"],
        decision=d["decision"],
    )


def _rename(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    services.org_rename(
        actor=user, organisation=org, name=d["name"], effective_on=d["effective_on"], decision=d["decision"]
    )
    return org


def _move(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    services.org_move(
        actor=user,
        organisation=org,
        parent=_unit(user, d["parent_code"]),
        effective_on=d["effective_on"],
        decision=d["decision"],
    )
    return org


def _dissolve(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    children_to = _optional_unit(user, d["children_to_code"])
    successor = _optional_unit(user, d["successor_code"])
    services.org_dissolve(
        actor=user,
        organisation=org,
        effective_on=d["effective_on"],
        children_to=children_to,
        successor=successor,
        decision=d["decision"],
    )
    org.refresh_from_db()
    return org.successor or org


def _merge(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    sources = [org] + [_unit(user, c) for c in f.split_codes(d["other_codes"]) if c != org.code]
    into = _optional_unit(user, d["into_code"])
    new = None
    if into is None:
        if not d["new_code"] or not d["new_name"]:
            raise DomainError("Cần mã đơn vị nhận có sẵn, hoặc mã và tên đơn vị mới.")
        new = services.NewUnit(
            code=d["new_code"], name=d["new_name"], parent=_optional_unit(user, d["new_parent_code"])
        )
    return services.orgs_merge(
        actor=user,
        sources=sources,
        effective_on=d["effective_on"],
        into=into,
        new=new,
        decision=d["decision"],
    )


def _split(user: Any, org: Organisation, d: dict[str, Any]) -> Organisation:
    parts = []
    for number, line in enumerate(d["parts"].splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise DomainError(f"Dòng {number}: cần «MÃ | Tên | mã các đơn vị trực thuộc».")
        children = [_unit(user, c) for c in f.split_codes(cells[2])] if len(cells) > 2 else []
        parts.append(services.NewUnit(code=cells[0], name=cells[1], children=children))
    created = services.org_split(
        actor=user, source=org, parts=parts, effective_on=d["effective_on"], decision=d["decision"]
    )
    return created[0]


ACTIONS: dict[
    str, tuple[str, type[forms.Form], Callable[[Any, Organisation, dict[str, Any]], Organisation]]
] = {
    "thanh-lap": ("Thành lập đơn vị trực thuộc", f.EstablishForm, _establish),
    "doi-ten": ("Đổi tên", f.RenameForm, _rename),
    "dieu-chuyen": ("Điều chuyển sang cấp trên khác", f.MoveForm, _move),
    "hop-nhat": ("Hợp nhất, sáp nhập", f.MergeForm, _merge),
    "chia-tach": ("Chia tách", f.SplitForm, _split),
    "giai-the": ("Giải thể", f.DissolveForm, _dissolve),
}


@login_required
def reorganise(request: HttpRequest, code: str, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    org = organisation_for(request.user, code, RoleLevel.ADMINISTRATOR)
    title, form_class, act = ACTIONS[action]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = act(request.user, org, form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, f"Đã ghi nhận: {title.lower()} — {org.name}.")
            return redirect("organisations:detail", code=result.code)
    return render(
        request,
        "organisations/reorganise.html",
        {"org": org, "form": form, "title": title, "actions": ACTIONS, "action": action},
    )
