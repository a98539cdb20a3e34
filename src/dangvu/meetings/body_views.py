"""Pages of steering committees: the list, establishing one, one body with its members and who oversees
which unit (with the forms to change them), and one overseer's units with their key figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.core.errors import DomainError
from dangvu.documents.forms import add_error, unit_by_code
from dangvu.meetings import bodies
from dangvu.meetings import forms as f
from dangvu.meetings.models import Body
from dangvu.meetings.oversight import active, bodies_visible, body_for, overseer_units, overseers


def _people(body: Body, on: dt.date) -> list[tuple[int, str]]:
    return [(s.person.pk, f"{s.person} — {s.role}") for s in active(body.members.all(), on)]


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    editor = scope_paths(request.user, RoleLevel.EDITOR)
    return render(
        request,
        "meetings/bodies.html",
        {"bodies": list(bodies_visible(request.user)), "can_record": editor is None or bool(editor)},
    )


@login_required
def body_new(request: HttpRequest) -> HttpResponse:
    form = f.BodyForm(request.POST or None, initial={"organisation_code": request.GET.get("org", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            body = bodies.body_establish(
                actor=request.user,
                organisation=unit_by_code(
                    request.user, d["organisation_code"], RoleLevel.EDITOR, field="organisation_code"
                ),
                name=d["name"],
                established_on=d["established_on"],
                document=d["document"],
            )
        except DomainError as e:
            add_error(form, e)
        else:
            messages.success(request, f"Đã ghi {body.name}.")
            return redirect("meetings:body", pk=body.pk)
    return render(
        request,
        "documents/form.html",
        {"form": form, "title": "Thành lập Ban Chỉ đạo", "cancel_url": "/hoi-nghi/ban-chi-dao/"},
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = body_for(request.user, pk)
    today = dt.date.today()
    can_edit = body.dissolved_on is None and user_holds(request.user, body.organisation, RoleLevel.EDITOR)
    return render(
        request,
        "meetings/body.html",
        {
            "body": body,
            "today": today,
            "seats": list(body.members.all()),
            "oversights": list(body.oversights.all()),
            "overseers": overseers(body, today),
            "meetings": list(body.meetings.filter(voided_at__isnull=True)),
            "can_edit": can_edit,
            "forms": {
                "thanh-vien": f.BodyMemberForm(initial={"valid_from": today}),
                "phu-trach": f.OversightForm(people=_people(body, today), initial={"valid_from": today}),
            }
            if can_edit
            else {},
        },
    )


def _seat(user: Any, body: Body, d: dict[str, Any]) -> str:
    seat = bodies.body_member_add(
        actor=user,
        body=body,
        full_name=d["full_name"],
        role=d["role"],
        valid_from=d["valid_from"],
        positions=d["positions"],
    )
    return f"Đã thêm {seat.person} vào Ban."


def _seat_end(user: Any, body: Body, d: dict[str, Any]) -> str:
    seat = next((s for s in body.members.all() if s.pk == d["row"]), None)
    if seat is None:
        raise Http404("Không có thành viên này.")
    bodies.body_member_end(actor=user, seat=seat, valid_to=d["valid_to"])
    return f"{seat.person} thôi tham gia Ban từ {d['valid_to']:%d/%m/%Y}."


def _oversee(user: Any, body: Body, d: dict[str, Any]) -> str:
    person = next((s.person for s in body.members.all() if s.person.pk == d["person"]), None)
    o = bodies.oversight_assign(
        actor=user,
        body=body,
        organisation=unit_by_code(user, d["organisation_code"], field="organisation_code"),
        valid_from=d["valid_from"],
        person=person,
        agency=d["agency"],
    )
    return f"Đã phân công {o.person or o.agency} phụ trách {o.organisation.name}."


def _oversee_end(user: Any, body: Body, d: dict[str, Any]) -> str:
    o = next((o for o in body.oversights.all() if o.pk == d["row"]), None)
    if o is None:
        raise Http404("Không có phân công này.")
    bodies.oversight_end(actor=user, oversight=o, valid_to=d["valid_to"])
    return f"Đã kết thúc phân công phụ trách {o.organisation.name}."


ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Any, Body, dict[str, Any]], str]]] = {
    "thanh-vien": (f.BodyMemberForm, _seat),
    "thoi-thanh-vien": (f.EndForm, _seat_end),
    "phu-trach": (f.OversightForm, _oversee),
    "thoi-phu-trach": (f.EndForm, _oversee_end),
}


@login_required
@require_POST
def body_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    body = body_for(request.user, pk)
    form_class, act = ACTIONS[action]
    everyone = [(s.person.pk, str(s.person)) for s in body.members.all()]
    kwargs: dict[str, Any] = {"people": everyone} if action == "phu-trach" else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            messages.success(request, act(request.user, body, form.cleaned_data))
        except DomainError as e:
            messages.error(request, e.message)
    return redirect("meetings:body", pk=body.pk)


@login_required
def overseer(request: HttpRequest, pk: int) -> HttpResponse:
    """One overseer's units: `?can_bo=<person id>` or `?co_quan=<agency>`."""
    body = body_for(request.user, pk)
    person_id = request.GET.get("can_bo", "")
    person = next((s.person for s in body.members.all() if str(s.person.pk) == person_id), None)
    agency = request.GET.get("co_quan", "").strip()
    if person is None and not agency:
        raise Http404("Không có người phụ trách này.")
    units = overseer_units(request.user, body, person=person, agency=agency)
    return render(
        request,
        "meetings/overseer.html",
        {"body": body, "who": person or agency, "person": person, "units": units},
    )
