"""Pages of the report builder: preview with narratives to edit, downloads, issuing, templates, forms.

Thin: every read goes through `selectors` (404 outside the user's scope), every write through `services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, user_holds
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.core.versions import VERSION_FIELD, version_check, version_of
from dangvu.organisations.selectors import TreeView, tree_snapshot
from dangvu.reports import selectors, services
from dangvu.reports.draft import report_draft
from dangvu.reports.forms_xlsx import statistical_forms
from dangvu.reports.models import ReportNarrative, ReportSettings, ReportTemplate
from dangvu.reports.outline import NARRATIVE_KEYS, figure_changes


def _params(request: HttpRequest) -> tuple[Period, TreeView, dt.date]:
    data = request.POST if request.method == "POST" else request.GET
    try:
        period = Period.parse(data.get("period") or str(dt.date.today().year - 1))
        on = parse_date(data["on"], field="ngày báo cáo") if data.get("on") else dt.date.today()
    except DomainError as e:
        raise Http404(e.message) from e
    return period, TreeView.NOW if data.get("view") == "now" else TreeView.WAS, on


def _download(found: selectors.ReportFile) -> HttpResponse:
    response = HttpResponse(found.data, content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.name}"'
    return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    snap = tree_snapshot(request.user, dt.date.today(), TreeView.NOW)
    if not snap.roots:
        raise Http404("Bạn chưa được giao quyền tại tổ chức nào.")
    return redirect("reports:builder", code=snap.roots[0].code)


@login_required
def builder(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    period, view, on = _params(request)
    can_edit = user_holds(request.user, org, RoleLevel.EDITOR)
    saved = ReportNarrative.objects.filter(organisation=org, period=str(period))
    posted: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            raise Http404("Không tìm thấy tổ chức.")
        try:
            with transaction.atomic():  # all the paragraphs or none
                version_check(request.POST.get(VERSION_FIELD), saved, what="Các đoạn văn của báo cáo")
                for key in NARRATIVE_KEYS:
                    if key in request.POST:
                        services.narrative_save(
                            actor=request.user,
                            organisation=org,
                            period=period,
                            section=key,
                            text=request.POST[key],
                        )
        except DomainError as e:  # the user's text stays in the form; the saved text shows in the draft
            messages.error(request, e.message)
            posted = {k: request.POST[k] for k in NARRATIVE_KEYS if k in request.POST}
        else:
            messages.success(request, "Đã lưu các đoạn văn của báo cáo.")
            return redirect(f"{request.path}?period={period}&view={view.value}&on={on.isoformat()}")
    ctx: dict[str, Any] = {"org": org, "period": period, "view": view, "on": on, "can_edit": can_edit}
    try:
        content = report_draft(request.user, org, period, view=view, on=on)
    except DomainError as e:
        ctx["error"] = e.message
        return render(request, "reports/builder.html", ctx)
    issued = selectors.reports_issued_for(org, str(period))
    ctx.update(
        content=content,
        query=f"period={period}&view={view.value}&on={on.isoformat()}",
        issued=issued,
        changes=figure_changes(issued[0].content, content) if issued else [],
        can_issue=user_holds(request.user, org, RoleLevel.APPROVER),
        narratives={k: "" for k in NARRATIVE_KEYS}
        | {p["key"]: p["narrative"] for p in content["sections"]}
        | {"han_che": content["shortcomings_narrative"], "phuong_huong": content["direction_narrative"]}
        | posted,
        version=version_of(saved),
        settings_version=version_of(ReportSettings.objects.filter(organisation=org)),
        narrative_titles=NARRATIVE_KEYS,
        settings=(settings := ReportSettings.objects.filter(organisation=org).first() or ReportSettings()),
        settings_rows=[
            (f.name, f.verbose_name, getattr(settings, f.name))
            for f in ReportSettings._meta.fields
            if f.name in SETTINGS_FIELDS
        ],
        can_manage_templates=services.may_manage_templates(request.user),
        download_buttons=(("docx", "Tải .docx"), ("pdf", "Tải PDF"), ("xlsx", "Tải phụ lục .xlsx")),
    )
    return render(request, "reports/builder.html", ctx)


SETTINGS_FIELDS = ("superior", "body", "symbol_issuer", "place", "authority", "signer_title", "signer_name")


@login_required
@require_POST
def report_settings(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    if not user_holds(request.user, org, RoleLevel.EDITOR):
        raise Http404("Không tìm thấy tổ chức.")
    fields = {f: request.POST.get(f, "") for f in (*SETTINGS_FIELDS, "recipients")}
    try:
        with transaction.atomic():
            version_check(
                request.POST.get(VERSION_FIELD),
                ReportSettings.objects.filter(organisation=org),
                what="Thiết lập của báo cáo",
            )
            services.settings_save(actor=request.user, organisation=org, **fields)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, "Đã lưu thiết lập phần đầu, chữ ký và nơi nhận của báo cáo.")
    return redirect(f"/bao-cao/{code}/?{request.POST.get('query', '')}")


@login_required
def download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    period, view, on = _params(request)
    if fmt not in selectors.FORMATS:
        raise Http404("Không có định dạng này.")
    if request.method == "POST":  # the page's buttons: built by the worker, with a progress bar
        org = organisation_for(request.user, code)
        job = services.report_job_enqueue(
            actor=request.user, organisation=org, period=period, fmt=fmt, view=view, on=on
        )
        return redirect("jobs:detail", job.pk)
    try:
        found = selectors.report_file(request.user, code, period, fmt, view=view, on=on)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(f"/bao-cao/{code}/?period={period}&view={view.value}")
    return _download(found)


@login_required
@require_POST
def issue(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    period, view, on = _params(request)
    try:
        issued = services.report_issue(actor=request.user, organisation=org, period=period, on=on, view=view)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã ban hành {issued} và vào sổ văn bản.")
    return redirect(f"/bao-cao/{code}/?period={period}&view={view.value}&on={on.isoformat()}")


@login_required
def issued_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in selectors.FORMATS:
        raise Http404("Không có định dạng này.")
    return _download(selectors.issued_file(selectors.report_issued(request.user, pk), fmt))


@login_required
def forms(request: HttpRequest, code: str) -> HttpResponse:
    org = organisation_for(request.user, code)
    try:
        at = parse_date(request.GET.get("at") or dt.date.today().isoformat(), field="ngày báo cáo")
    except DomainError as e:
        raise Http404(e.message) from e
    if request.method == "POST":  # a whole province's forms take a while: the worker builds them
        job = services.forms_job_enqueue(actor=request.user, organisation=org, at=at)
        return redirect("jobs:detail", job.pk)
    data = statistical_forms(request.user, org, at)
    return _download(
        selectors.ReportFile(f"bieu-thong-ke-{org.code}-{at}.xlsx", selectors.FORMATS["xlsx"], data)
    )


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    if not services.may_manage_templates(request.user):
        raise Http404("Không tìm thấy trang.")
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise DomainError("Hãy chọn tệp .docx.")
            t = services.template_upload(
                actor=request.user, data=upload.read(), note=request.POST.get("note", "")
            )
        except DomainError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"Đã lưu {t}; các báo cáo từ nay dùng mẫu này.")
        return redirect("reports:templates")
    return render(request, "reports/templates.html", {"versions": ReportTemplate.objects.all()})


@login_required
def template_download(request: HttpRequest, version: int) -> HttpResponse:
    if not services.may_manage_templates(request.user):
        raise Http404("Không tìm thấy trang.")
    if version == 0:
        data = selectors.shipped_template()
    else:
        row = ReportTemplate.objects.filter(version=version).first()
        if row is None:
            raise Http404("Không có phiên bản này.")
        data = bytes(row.content)
    return _download(selectors.ReportFile(f"mau-bao-cao-v{version}.docx", selectors.FORMATS["docx"], data))
