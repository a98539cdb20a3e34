"""Pages that read activities: the overview of a sub-tree and period (meeting gaps, attendance, coverage,
plan vs done, ratings, "Dân vận khéo"), the registers, one inspection, the blank import forms and the import
wizard (check first, then confirm). Thin: selectors read, `entry.py` holds the pages that write."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, roles_active, user_holds
from dangvu.activities import figures, ratings, selectors
from dangvu.activities.forms import DecideEntry, ImportEntry
from dangvu.activities.models import Mode
from dangvu.activities.xlsx_import import KINDS, activities_import, template_write
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.organisations.models import Organisation

UPLOADS = Path(tempfile.gettempdir()) / "dangvu-imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request: HttpRequest) -> Organisation:
    """The unit asked for (404 outside scope), else the top of the user's first sub-tree."""
    code = request.GET.get("org", "").strip()
    if code:
        return organisation_for(request.user, code)
    roles = roles_active(request.user)
    if roles:
        return roles[0].organisation
    top = Organisation.objects.live().filter(parent__isnull=True).first()
    if top is None or not user_holds(request.user, top, RoleLevel.VIEWER):
        raise Http404("Bạn chưa được giao vai trò tại tổ chức nào.")
    return top


def _period(request: HttpRequest) -> Period:
    try:
        return Period.parse(request.GET.get("period", "") or str(dt.date.today().year))
    except DomainError:
        return Period.parse(str(dt.date.today().year))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    org, period = _org(request), _period(request)
    year = period.end.year
    done = figures.inspections_done(period.start, period.end, [org.path])
    summary = selectors.rating_summary(org, str(year - 1))
    return render(
        request,
        "activities/overview.html",
        {
            "org": org,
            "period": period,
            "meetings": selectors.meeting_report(org, period),
            "supervision": selectors.coverage(org, period, Mode.SUPERVISION, done),
            "inspection": selectors.coverage(org, period, Mode.INSPECTION, done),
            "plans": selectors.plan_vs_done(
                org, year, through=period.end, done=done if period.start.month == 1 else None
            ),
            "year": year,
            "ratings": summary,
            "quotas": ratings.quota_report(
                summary.period, selectors.under(selectors.ratings_visible(request.user), org, "organisation")
            ),
            "chart": [{"name": g.label, "value": n} for g, n in summary.organisations.items()],
            "models": selectors.under(
                selectors.mobilisation_models_visible(request.user), org, "organisation"
            )
            .filter(year=year)
            .count(),
        },
    )


def _register(request: HttpRequest, qs: Any, field: str) -> tuple[Organisation | None, Any]:
    code = request.GET.get("org", "").strip()
    org = organisation_for(request.user, code) if code else None
    return org, (selectors.under(qs, org, field) if org else qs)


@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    org, qs = _register(request, selectors.cell_meetings_visible(request.user), "cell")
    return render(request, "activities/meetings.html", {"org": org, "items": qs[:300]})


@login_required
def inspections(request: HttpRequest) -> HttpResponse:
    org, qs = _register(request, selectors.inspections_visible(request.user), "conductor")
    plans = selectors.plans_visible(request.user)
    if org:
        plans = selectors.under(plans, org, "organisation")
    return render(
        request, "activities/inspections.html", {"org": org, "items": qs[:300], "plans": plans[:100]}
    )


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.one_for(selectors.inspections_visible(request.user, include_void=True), pk)
    return render(
        request,
        "activities/inspection.html",
        {
            "item": item,
            "disciplines": item.disciplines.select_related("member").all(),
            "can_edit": user_holds(request.user, item.conductor, RoleLevel.EDITOR),
        },
    )


@login_required
def disciplines(request: HttpRequest) -> HttpResponse:
    org, qs = _register(request, selectors.disciplines_visible(request.user), "organisation")
    return render(request, "activities/disciplines.html", {"org": org, "items": qs[:300]})


@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    org, qs = _register(request, selectors.ratings_visible(request.user), "organisation")
    period = request.GET.get("period", "").strip()
    if period:
        qs = qs.filter(period=period)
    return render(
        request,
        "activities/ratings.html",
        {"org": org, "items": qs[:300], "decide_form": DecideEntry(), "period": period},
    )


@login_required
def models(request: HttpRequest) -> HttpResponse:
    org, qs = _register(request, selectors.mobilisation_models_visible(request.user), "organisation")
    return render(request, "activities/models.html", {"org": org, "items": qs[:300]})


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404()
    response = HttpResponse(template_write(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response


@login_required
def import_wizard(request: HttpRequest, kind: str) -> HttpResponse:
    """Step 1: upload, checked without writing (the preview of errors). Step 2: confirm, written."""
    if kind not in KINDS:
        raise Http404()
    ctx: dict[str, Any] = {"form": ImportEntry(), "kind": kind, "title": KINDS[kind][0]}
    if request.method == "POST" and request.POST.get("token"):
        path = UPLOADS / f"{request.user.pk}-{uuid.UUID(request.POST['token'])}.xlsx"
        if not path.exists():
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.")
        result = activities_import(path, kind=kind, actor=request.user, label=request.POST.get("name", ""))
        path.unlink(missing_ok=True)
        if result.written:
            messages.success(request, f"Đã thêm {result.created} dòng; {result.unchanged} đã có trong sổ.")
            return redirect("activities:meetings" if kind == "sinh-hoat" else "activities:inspections")
        ctx["result"] = result
    elif request.method == "POST":
        form = ImportEntry(request.POST, request.FILES)
        if form.is_valid():
            UPLOADS.mkdir(exist_ok=True)
            token = uuid.uuid4()
            path = UPLOADS / f"{request.user.pk}-{token}.xlsx"
            with path.open("wb") as out:
                for chunk in form.cleaned_data["file"].chunks():
                    out.write(chunk)
            result = activities_import(path, kind=kind, actor=request.user, dry_run=True)
            ctx.update(result=result, token=token if result.ok else None, name=form.cleaned_data["file"].name)
            if not result.ok:
                path.unlink(missing_ok=True)
        ctx["form"] = form
    return render(request, "activities/import.html", ctx)
