"""Pages that write activities: a form per record, each handing its input to one service and showing the
service's refusal on the form. Units are typed as codes, members as record numbers, and looked up in the
user's scope; `form_save` says, per record kind, which fields go to the service as they are and which are
looked up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.activities import ratings, selectors, services
from dangvu.activities.forms import (
    CellMeetingEntry,
    DecideEntry,
    DisciplineEntry,
    InspectionEntry,
    MobilisationEntry,
    PlanEntry,
    ProposeEntry,
)
from dangvu.activities.models import QualityRating
from dangvu.core.errors import DomainError
from dangvu.core.versions import VERSION_FIELD, version_check
from dangvu.documents.forms import add_error, unit_by_code
from dangvu.members.models import Member
from dangvu.members.selectors import member_for

T = TypeVar("T")


def _member(user: Any, pk: int | None, field: str) -> Member | None:
    if pk is None:
        return None
    try:
        return member_for(user, pk)
    except Http404:
        raise DomainError(f"Không có đảng viên số {pk} trong phạm vi của bạn.", field=field) from None


@dataclass(frozen=True)
class Unit:
    """A unit typed as its code in form field `field`, looked up in the user's scope at `level` (a refusal
    naming the field otherwise); a blank optional field gives None."""

    field: str
    level: int = RoleLevel.VIEWER


@dataclass(frozen=True)
class MemberNo:
    """A member typed as their record number in form field `field`, in the user's scope; blank gives None."""

    field: str


def form_save(
    service: Callable[..., T], same: tuple[str, ...], /, **mapped: Unit | MemberNo
) -> Callable[[Any, dict[str, Any]], T]:
    """The glue from a form's cleaned data to one service: `actor` is the user, the fields in `same` are
    passed under their own names, the arguments in `mapped` are units and members looked up from the
    fields they name (in the order given, so the first wrong one is the one reported)."""

    def value(user: Any, d: dict[str, Any], source: Unit | MemberNo) -> Any:
        if isinstance(source, MemberNo):
            return _member(user, d[source.field], source.field)
        code = d[source.field]
        return unit_by_code(user, code, source.level, field=source.field) if code else None

    def save(user: Any, d: dict[str, Any]) -> T:
        args = {name: d[name] for name in same} | {name: value(user, d, s) for name, s in mapped.items()}
        return service(actor=user, **args)

    return save


def _page(
    request: HttpRequest,
    form_class: type[forms.Form],
    title: str,
    save: Callable[[Any, dict[str, Any]], Any],
    done: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    form = form_class(
        request.POST or None, request.FILES or None, initial=initial or dict(request.GET.items())
    )
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, form.cleaned_data)
        except DomainError as e:
            add_error(form, e)
        else:
            messages.success(request, "Đã ghi nhận.")
            return redirect(done)
    return render(request, "activities/form.html", {"form": form, "title": title, "cancel_url": done})


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    save = form_save(
        services.cell_meeting_record,
        (
            "held_on",
            "kind",
            "topic",
            "expected",
            "present",
            "absent_excused",
            "absent_unexcused",
            "chair",
            "quality",
            "minutes",
        ),
        cell=Unit("cell_code", RoleLevel.EDITOR),
    )
    return _page(request, CellMeetingEntry, "Ghi buổi sinh hoạt chi bộ", save, "/hoat-dong/sinh-hoat/")


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    save = form_save(
        services.inspection_record,
        (
            "mode",
            "kind",
            "body",
            "topic",
            "started_on",
            "ended_on",
            "findings",
            "conclusion",
            "violation_found",
        ),
        conductor=Unit("conductor_code", RoleLevel.EDITOR),
        subject_organisation=Unit("subject_code"),
        subject_member=MemberNo("subject_member"),
    )
    return _page(request, InspectionEntry, "Ghi cuộc kiểm tra, giám sát", save, "/hoat-dong/kiem-tra/")


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    save = form_save(
        services.inspection_plan_set,
        ("year", "inspections_planned", "supervisions_planned", "subjects", "topics"),
        organisation=Unit("organisation_code", RoleLevel.EDITOR),
    )
    title = "Chương trình kiểm tra, giám sát năm"
    return _page(request, PlanEntry, title, save, "/hoat-dong/kiem-tra/")


@login_required
def discipline_new(request: HttpRequest) -> HttpResponse:
    inspection = None
    if request.GET.get("kiem_tra", "").isdigit():
        inspection = selectors.one_for(
            selectors.inspections_visible(request.user), int(request.GET["kiem_tra"])
        )
    save = form_save(
        partial(services.discipline_record, inspection=inspection),
        ("form", "decided_on", "reason", "decided_by", "decision"),
        member=MemberNo("member"),  # a required field: never blank here
    )
    initial = {"member": inspection.subject_member_id} if inspection else None
    return _page(request, DisciplineEntry, "Kỷ luật đảng viên", save, "/hoat-dong/ky-luat/", initial)


@login_required
def rating_new(request: HttpRequest) -> HttpResponse:
    save = form_save(
        ratings.rating_propose,
        ("period", "grade", "score", "tasks_on_time", "tasks_exceeding", "disciplined"),
        organisation=Unit("organisation_code"),
        member=MemberNo("member"),
    )
    return _page(request, ProposeEntry, "Đề xuất xếp loại chất lượng", save, "/hoat-dong/xep-loai/")


@login_required
@require_POST
def rating_decide(request: HttpRequest, pk: int) -> HttpResponse:
    rating = selectors.one_for(selectors.ratings_visible(request.user), pk)
    form = DecideEntry(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("activities:ratings")
    d = form.cleaned_data
    try:
        with transaction.atomic():
            version_check(
                request.POST.get(VERSION_FIELD),
                QualityRating.objects.filter(pk=rating.pk),
                what=f"Bản xếp loại «{rating}»",
            )
            rating.refresh_from_db()
            ratings.rating_decide(
                actor=request.user,
                rating=rating,
                decider=unit_by_code(request.user, d["decider_code"], field="decider_code"),
                grade=d["grade"],
                score=d["score"],
                decided_on=d["decided_on"],
                decision=d["decision"],
            )
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã ghi quyết định xếp loại.")
    return redirect("activities:ratings")


@login_required
def model_new(request: HttpRequest) -> HttpResponse:
    save = form_save(
        services.mobilisation_model_record,
        ("year", "name", "field", "level", "description", "recognised_on"),
        organisation=Unit("organisation_code", RoleLevel.EDITOR),
    )
    return _page(request, MobilisationEntry, "Ghi mô hình «Dân vận khéo»", save, "/hoat-dong/dan-van-kheo/")


@login_required
@require_POST
def inspection_void(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.one_for(selectors.inspections_visible(request.user), pk)
    try:
        services.activity_void(actor=request.user, record=item, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã hủy bản ghi.")
    return redirect("activities:inspection", pk=pk)
