"""Pages of conferences: the list, recording one, one conference with its people, contributions,
conclusion, documents, figures, shortcomings and tasks (and the text it was read from, with each fact
marked), people and one person's positions, and the month calendar of conferences and deadlines (page and
.ics). Every write goes through a service; a
refusal comes back as the service's message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths, user_holds
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.documents.forms import VoidForm, add_error, unit_by_code
from dangvu.meetings import calendar, selectors, services
from dangvu.meetings import forms as f
from dangvu.meetings.kinds import MEETING_KINDS
from dangvu.meetings.models import Meeting, ParticipantRole
from dangvu.meetings.oversight import bodies_visible, person_seats
from dangvu.meetings.source import source_marked


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    try:
        date_from = parse_date(g["from"]) if g.get("from") else None
        date_to = parse_date(g["to"]) if g.get("to") else None
    except DomainError as e:
        messages.warning(request, e.message)
        date_from = date_to = None
    found = selectors.meetings_search(
        request.user,
        q=g.get("q", ""),
        organiser_code=g.get("org", ""),
        kind=g.get("kind", ""),
        date_from=date_from,
        date_to=date_to,
    )
    editor = scope_paths(request.user, RoleLevel.EDITOR)
    return render(
        request,
        "meetings/list.html",
        {"meetings": found, "q": g, "kinds": MEETING_KINDS, "can_record": editor is None or bool(editor)},
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    form = f.MeetingForm(
        request.POST or None,
        initial={"organiser_code": request.GET.get("org", ""), "body": request.GET.get("ban", "") or None},
        bodies=bodies_visible(request.user, RoleLevel.EDITOR).order_by("organisation__name_folded", "name"),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            meeting = services.meeting_record(
                actor=request.user,
                organiser=unit_by_code(
                    request.user, d["organiser_code"], RoleLevel.EDITOR, field="organiser_code"
                ),
                kind=d["kind"],
                title=d["title"],
                held_on=d["held_on"],
                starts_at=d["starts_at"],
                venue=d["venue"],
                period=d["period"],
                agenda=d["agenda"],
                conclusion=d["conclusion"],
                documents=[line for line in d["documents"].splitlines() if line.strip()],
                body=d["body"],
            )
        except DomainError as e:
            add_error(form, e)
        else:
            messages.success(request, f"Đã ghi hội nghị: {meeting.title}.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "documents/form.html", {"form": form, "title": "Ghi hội nghị", "cancel_url": "/hoi-nghi/"}
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    can_edit = meeting.voided_at is None and user_holds(request.user, meeting.organiser, RoleLevel.EDITOR)
    participants = list(meeting.participants.all())
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "chairs": [p for p in participants if p.role == ParticipantRole.CHAIR],
            "attendees": [p for p in participants if p.role == ParticipantRole.ATTENDEE],
            "tasks": meeting.tasks.filter(voided_at__isnull=True).select_related("lead"),
            "source": source_marked(meeting),
            "can_edit": can_edit,
            "forms": {
                "nguoi-du": f.ParticipantForm(),
                "y-kien": f.ContributionForm(),
                "ket-luan": f.ConclusionForm(initial={"conclusion": meeting.conclusion}),
                "van-ban": f.CiteForm(),
                "huy": VoidForm(),
            }
            if can_edit
            else {},
        },
    )


def _participant(user: Any, m: Meeting, d: dict[str, Any]) -> str:
    services.meeting_participant_add(
        actor=user,
        meeting=m,
        role=ParticipantRole(d["role"]),
        full_name=d["full_name"],
        positions=d["positions"],
        unit_name=d["unit_name"],
    )
    return "Đã thêm người dự."


def _contribution(user: Any, m: Meeting, d: dict[str, Any]) -> str:
    services.meeting_contribution_add(
        actor=user,
        meeting=m,
        topic=d["topic"],
        summary=d["summary"],
        full_name=d["full_name"],
        positions=d["positions"],
        unit_name=d["unit_name"],
    )
    return "Đã ghi ý kiến."


def _conclusion(user: Any, m: Meeting, d: dict[str, Any]) -> str:
    services.meeting_conclude(actor=user, meeting=m, conclusion=d["conclusion"])
    return "Đã ghi kết luận."


def _cite(user: Any, m: Meeting, d: dict[str, Any]) -> str:
    doc = services.meeting_document_cite(actor=user, meeting=m, reference=d["reference"])
    return f"Đã ghi văn bản {doc}."


def _void(user: Any, m: Meeting, d: dict[str, Any]) -> str:
    services.meeting_void(actor=user, meeting=m, reason=d["reason"])
    return "Đã hủy hội nghị."


ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Any, Meeting, dict[str, Any]], str]]] = {
    "nguoi-du": (f.ParticipantForm, _participant),
    "y-kien": (f.ContributionForm, _contribution),
    "ket-luan": (f.ConclusionForm, _conclusion),
    "van-ban": (f.CiteForm, _cite),
    "huy": (VoidForm, _void),
}


@login_required
@require_POST
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    meeting = selectors.meeting_for(request.user, pk)
    form_class, act = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    else:
        try:
            messages.success(request, act(request.user, meeting, form.cleaned_data))
        except DomainError as e:
            messages.error(request, e.message)
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for(request.user, pk)
    can_edit = user_holds(request.user, person.home, RoleLevel.EDITOR)
    if request.method == "POST" and can_edit:
        try:
            services.person_member_link(
                actor=request.user, person=person, card_number=request.POST.get("card_number", "")
            )
        except DomainError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "Đã gắn với hồ sơ đảng viên.")
        return redirect("meetings:person", pk=person.pk)
    return render(
        request,
        "meetings/person.html",
        {
            "person": person,
            "seats": selectors.person_meetings(request.user, person),
            "bodies": person_seats(request.user, person),
            "can_edit": can_edit,
        },
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    return render(
        request, "meetings/people.html", {"people": selectors.people_search(request.user, q=q), "q": q}
    )


def _month(request: HttpRequest) -> Any:
    today = dt.date.today()
    try:
        return calendar.parse_month(request.GET.get("thang", ""), today)
    except DomainError as e:
        messages.warning(request, e.message)
        return today.replace(day=1)


@login_required
def calendar_month(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    events = calendar.month_events(request.user, month)
    return render(
        request,
        "meetings/calendar.html",
        {
            "month": month,
            "prev": calendar.shift(month, -1),
            "next": calendar.shift(month, 1),
            "weeks": calendar.month_grid(month, events),
            "events": events,
            "today": dt.date.today(),
            "weekdays": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
        },
    )


@login_required
def calendar_ics(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    events = calendar.month_events(request.user, month)
    body = calendar.ics(events, request.build_absolute_uri("/").rstrip("/"), timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lich-{month:%Y-%m}.ics"'
    return response
