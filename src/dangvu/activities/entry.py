"""Pages that write activities: a form per record, each handing its input to one service and showing the
service's refusal on the form. Units are typed as codes and looked up in the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def _member(user: Any, pk: int | None, field: str) -> Member | None:
    if pk is None:
        return None
    try:
        return member_for(user, pk)
    except Http404:
        raise DomainError(f"Không có đảng viên số {pk} trong phạm vi của bạn.", field=field) from None


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
    def save(user: Any, d: dict[str, Any]) -> Any:
        return services.cell_meeting_record(
            actor=user,
            cell=unit_by_code(user, d["cell_code"], RoleLevel.EDITOR, field="cell_code"),
            held_on=d["held_on"],
            kind=d["kind"],
            topic=d["topic"],
            expected=d["expected"],
            present=d["present"],
            absent_excused=d["absent_excused"] or 0,
            absent_unexcused=d["absent_unexcused"] or 0,
            chair=d["chair"],
            quality=d["quality"],
            minutes=d["minutes"],
        )

    return _page(request, CellMeetingEntry, "Ghi buổi sinh hoạt chi bộ", save, "/hoat-dong/sinh-hoat/")


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    def save(user: Any, d: dict[str, Any]) -> Any:
        return services.inspection_record(
            actor=user,
            mode=d["mode"],
            kind=d["kind"],
            conductor=unit_by_code(user, d["conductor_code"], RoleLevel.EDITOR, field="conductor_code"),
            body=d["body"],
            subject_organisation=unit_by_code(user, d["subject_code"], field="subject_code")
            if d["subject_code"]
            else None,
            subject_member=_member(user, d["subject_member"], "subject_member"),
            topic=d["topic"],
            started_on=d["started_on"],
            ended_on=d["ended_on"],
            findings=d["findings"],
            conclusion=d["conclusion"],
            violation_found=d["violation_found"],
        )

    return _page(request, InspectionEntry, "Ghi cuộc kiểm tra, giám sát", save, "/hoat-dong/kiem-tra/")


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    def save(user: Any, d: dict[str, Any]) -> Any:
        return services.inspection_plan_set(
            actor=user,
            organisation=unit_by_code(
                user, d["organisation_code"], RoleLevel.EDITOR, field="organisation_code"
            ),
            year=d["year"],
            inspections_planned=d["inspections_planned"],
            supervisions_planned=d["supervisions_planned"],
            subjects=d["subjects"],
            topics=d["topics"],
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

    def save(user: Any, d: dict[str, Any]) -> Any:
        member = _member(user, d["member"], "member")
        assert member is not None  # noqa: S101 - narrows the type for mypy; not a check
        return services.discipline_record(
            actor=user,
            member=member,
            form=d["form"],
            decided_on=d["decided_on"],
            reason=d["reason"],
            decided_by=d["decided_by"],
            decision=d["decision"],
            inspection=inspection,
        )

    initial = {"member": inspection.subject_member_id} if inspection else None
    return _page(request, DisciplineEntry, "Kỷ luật đảng viên", save, "/hoat-dong/ky-luat/", initial)


@login_required
def rating_new(request: HttpRequest) -> HttpResponse:
    def save(user: Any, d: dict[str, Any]) -> Any:
        return ratings.rating_propose(
            actor=user,
            period=d["period"],
            grade=d["grade"],
            organisation=unit_by_code(user, d["organisation_code"], field="organisation_code")
            if d["organisation_code"]
            else None,
            member=_member(user, d["member"], "member"),
            score=d["score"],
            tasks_on_time=d["tasks_on_time"],
            tasks_exceeding=d["tasks_exceeding"],
            disciplined=d["disciplined"],
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
    def save(user: Any, d: dict[str, Any]) -> Any:
        return services.mobilisation_model_record(
            actor=user,
            organisation=unit_by_code(
                user, d["organisation_code"], RoleLevel.EDITOR, field="organisation_code"
            ),
            year=d["year"],
            name=d["name"],
            field=d["field"],
            level=d["level"],
            description=d["description"],
            recognised_on=d["recognised_on"],
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
