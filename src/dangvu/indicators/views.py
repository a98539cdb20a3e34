"""Pages of targets and figures: the dashboard of a unit and period, where a figure comes from, targets,
and the reported-figures form with its approval. Thin: the work is in selectors and services."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, user_holds
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period, PeriodKind
from dangvu.core.versions import VERSION_FIELD, version_check, version_of
from dangvu.indicators import services
from dangvu.indicators.forms import DecisionForm, TargetForm, submission_form
from dangvu.indicators.models import Indicator, ReportedValue, Submission, SubmissionStatus
from dangvu.indicators.provenance import provenance
from dangvu.indicators.selectors import (
    achievement,
    achievement_periods,
    indicator_sheet,
    indicators_active,
    prefetch_periods,
    request_memo,
    submissions_missing,
)
from dangvu.meetings.oversight import overseers_of_units
from dangvu.organisations.selectors import TreeView, tree_snapshot


def _period(request: HttpRequest) -> tuple[Period, str | None]:
    text = request.GET.get("period") or request.POST.get("period") or ""
    today = dt.date.today()
    default = Period(today.year, PeriodKind.QUARTER, (today.month - 1) // 3 + 1)
    if not text:
        return default, None
    try:
        return Period.parse(text), None
    except DomainError as e:
        return default, e.message


def _view(request: HttpRequest) -> TreeView:
    return TreeView.NOW if request.GET.get("view") == "now" else TreeView.WAS


def _nav(period: Period) -> dict[str, Any]:
    if period.kind is PeriodKind.QUARTER:
        prev = (
            Period(period.year - 1, period.kind, 4)
            if period.index == 1
            else Period(period.year, period.kind, period.index - 1)
        )
        nxt = (
            Period(period.year + 1, period.kind, 1)
            if period.index == 4
            else Period(period.year, period.kind, period.index + 1)
        )
    else:
        prev, nxt = (
            period.predecessor(),
            Period(period.year + 1, period.kind, period.index)
            if period.kind is not PeriodKind.TERM
            else period,
        )
    return {
        "prev": prev,
        "next": nxt,
        # the year, the year to date (the same period for a fourth quarter: shown once), the quarters
        "related": list(dict.fromkeys([period.year_period(), period.to_date(), *period.quarters()[:4]])),
    }


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    snap = tree_snapshot(request.user, dt.date.today(), TreeView.NOW)
    if not snap.roots:
        raise Http404("Bạn chưa được giao quyền tại tổ chức nào.")
    return redirect("indicators:dashboard", code=snap.roots[0].code)


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    with request_memo():  # one tree per day, one sheet per period, however many figures the page reads
        return _dashboard(request, code)


def _dashboard(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    period, period_error = _period(request)
    view = _view(request)
    year = Period(period.year, PeriodKind.YEAR)
    catalogue = indicators_active()
    wanted = request.GET.get("chi_tieu") or "DV_KET_NAP"
    focus_only = [i for i in catalogue if i.code == wanted] or catalogue[:1]  # the focus, as below
    prefetch_periods(  # the sheets below read the placements once, in one query
        request.user,
        [(p, catalogue) for p in (period, *achievement_periods(period, org.pk))]
        + [(q, focus_only) for q in year.quarters()],
        view,
        org.path,
    )
    sheet = indicator_sheet(request.user, period, view, around=org.path)
    node = sheet.node(code)
    ctx: dict[str, Any] = {
        "org": org,
        "period": period,
        "period_error": period_error,
        "view": view,
        "query": f"period={period}&view={view.value}",
        "node": node,
        **_nav(period),
    }
    if node is not None:
        rows = achievement(request.user, sheet, node.id, dt.date.today())
        focus_code = request.GET.get("chi_tieu") or "DV_KET_NAP"
        focus = next((i for i in sheet.indicators if i.code == focus_code), sheet.indicators[0])
        children: list[dict[str, Any]] = []
        overseen = overseers_of_units(request.user, [c.id for c in node.children], period.start, period.end)
        for c in node.children:
            f = sheet.figure(focus.code, c.id)
            children.append(
                {"node": c, "value": f.value if f else None, "figure": f, "overseers": overseen.get(c.id, [])}
            )
        ranked = sorted((r for r in children if r["value"] is not None), key=lambda r: -r["value"])
        for rank, r in enumerate(ranked, start=1):
            r["rank"] = rank
        missing, expected = submissions_missing(request.user, sheet, node.id)
        trend = [
            (q, indicator_sheet(request.user, q, view, [focus], around=org.path).figure(focus.code, node.id))
            for q in year.quarters()
        ]
        chart = {
            "children": {
                "names": [c["node"].name for c in children],
                "values": [c["value"] for c in children],
            },
            "trend": {
                "names": [q.label for q, _ in trend],
                "values": [f.value if f else None for q, f in trend],
            },
            "title": focus.name,
        }
        ctx.update(
            rows=rows,
            children=children,
            focus=focus,
            indicators=sheet.indicators,
            missing=missing,
            expected=expected,
            chart_json=json.dumps(chart, ensure_ascii=False),
            can_set_targets=user_holds(request.user, org, RoleLevel.APPROVER),
        )
    return render(request, "indicators/dashboard.html", ctx)


@login_required
def figure_source(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    period, _ = _period(request)
    view = _view(request)
    ind = get_object_or_404(Indicator, code=indicator)
    org = organisation_for(request.user, code)
    sheet = indicator_sheet(request.user, period, view, around=org.path)
    node = sheet.node(code)
    if node is None:
        raise Http404("Đơn vị không có trong kỳ này.")
    return render(
        request,
        "indicators/provenance.html",
        {
            "node": node,
            "indicator": ind,
            "period": period,
            "view": view,
            "figure": sheet.figure(ind.code, node.id),
            "prov": provenance(sheet, ind, node),
            "query": f"period={period}&view={view.value}",
        },
    )


@login_required
def targets(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code, RoleLevel.APPROVER)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.target_set(
                actor=request.user,
                indicator=d["indicator"],
                organisation=org,
                period=d["period"],
                value=d["value"],
            )
            if d["split"]:
                on = Period.parse(d["period"]).start
                snap = tree_snapshot(request.user, on, TreeView.NOW)
                node = snap.by_code(org.code)
                weights = {c.id: float(c.members) for c in node.children} if node else {}
                services.target_split(
                    actor=request.user,
                    indicator=d["indicator"],
                    organisation=org,
                    period=d["period"],
                    weights=weights,
                )
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, f"Đã giao chỉ tiêu «{d['indicator'].name}» kỳ {d['period']}.")
            return redirect("indicators:targets", code=org.code)
    return render(
        request,
        "indicators/targets.html",
        {
            "org": org,
            "form": form,
            "targets": org.targets.filter(voided_at__isnull=True)
            .select_related("indicator")
            .order_by("-period"),
        },
    )


@login_required
def submission(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    period, period_error = _period(request)
    sub = Submission.objects.filter(organisation=org, period=str(period)).first()
    saved = {v.indicator.code: v.value for v in sub.values.select_related("indicator")} if sub else {}
    form_class = submission_form(saved)
    form = form_class(request.POST or None)
    can_edit = user_holds(request.user, org, RoleLevel.EDITOR)
    above = org.parent or org
    can_decide = user_holds(request.user, above, RoleLevel.APPROVER)
    rows = Submission.objects.filter(organisation=org, period=str(period))
    values_rows = ReportedValue.objects.filter(submission__in=rows)
    version = request.POST.get(VERSION_FIELD) or version_of([*rows, *values_rows])
    if request.method == "POST" and form.is_valid() and can_edit:
        values = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            with transaction.atomic():
                version_check(version, rows, values_rows, what=f"Số liệu kỳ {period} của {org.name}")
                sub = services.submission_save(
                    actor=request.user, organisation=org, period=str(period), values=values
                )
                if "submit" in request.POST:
                    services.submission_submit(actor=request.user, submission=sub)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, "Đã nộp số liệu." if "submit" in request.POST else "Đã lưu số liệu.")
            return redirect(f"{request.path}?period={period}")
    return render(
        request,
        "indicators/submission.html",
        {
            "org": org,
            "period": period,
            "period_error": period_error,
            "form": form,
            "submission": sub,
            "can_edit": can_edit and (sub is None or sub.status != SubmissionStatus.APPROVED),
            "can_decide": can_decide,
            "decision_form": DecisionForm(),
            "version": version,
        },
    )


@login_required
@require_POST
def submission_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    sub = get_object_or_404(Submission, pk=pk)
    organisation_for(request.user, sub.organisation.code)
    comment = request.POST.get("comment", "")
    actions = {
        "duyet": lambda: services.submission_approve(actor=request.user, submission=sub),
        "tra-lai": lambda: services.submission_return(actor=request.user, submission=sub, comment=comment),
        "mo-lai": lambda: services.submission_reopen(actor=request.user, submission=sub, reason=comment),
    }
    if decision not in actions:
        raise Http404("Không có thao tác này.")
    try:
        actions[decision]()
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã ghi nhận.")
    return redirect(f"/chi-tieu/{sub.organisation.code}/so-lieu/?period={sub.period}")
