"""Pages of the members register: the list, one member, admission and events, import, statistics, work lists.

Views stay thin: they read the query string, call selectors with the acting user and services with the
actor, and render. A member or unit outside the user's scope is a 404. Personal data is shown only when
`selectors.may_see_personal_data` allows, and each page that shows it is logged (`PersonalDataAccess`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, scope_paths, user_holds
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.jobs.services import job_enqueue
from dangvu.members import residence_services, selectors, services
from dangvu.members.candidate_models import Candidate
from dangvu.members.forms import (
    ACTIONS,
    AdmitForm,
    AgencyCellForm,
    EarlyBadgeForm,
    EventForm,
    ImportForm,
    ResidenceCommentForm,
    ResidenceContactForm,
)
from dangvu.members.models import (
    AccessKind,
    EarlyBadge,
    EventKind,
    Gender,
    PersonalDataAccess,
    ResidenceComment,
    ResidenceContact,
)
from dangvu.members.statistics import DIMENSIONS, member_statistics
from dangvu.members.xlsx import members_export, template_write
from dangvu.members.xlsx_import import members_import
from dangvu.organisations.models import Organisation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_MAX_BYTES = 512 * 1024  # ~10,000 rows, checked in seconds while the user waits; larger: by the job


def _user(request: HttpRequest) -> Any:
    return request.user


def _filters(request: HttpRequest) -> dict[str, Any]:
    on, error = dt.date.today(), None
    try:
        if request.GET.get("at"):
            on = parse_date(request.GET["at"], field="ngày xem")
    except DomainError as e:
        error = e.message
    code = request.GET.get("org", "").strip()
    org = organisation_for(request.user, code) if code else None
    status = request.GET.get("status", "")
    return {
        "on": on,
        "date_error": error,
        "org": org,
        "q": request.GET.get("q", "").strip(),
        "gender": request.GET.get("gender", "") if request.GET.get("gender") in Gender.values else "",
        "status": status,
        "probationary": {"du-bi": True, "chinh-thuc": False}.get(status),
        "genders": Gender.choices,
        "query": request.GET.urlencode(),
    }


@login_required
def register(request: HttpRequest) -> HttpResponse:
    ctx = _filters(request)
    rows = selectors.register_on(
        request.user,
        on=ctx["on"],
        organisation=ctx["org"],
        query=ctx["q"],
        gender=ctx["gender"],
        probationary=ctx["probationary"],
    )
    ctx["page"] = Paginator(rows, 50).get_page(request.GET.get("trang"))
    return render(request, "members/register.html", ctx)


@login_required
def export(request: HttpRequest) -> FileResponse:
    ctx = _filters(request)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    members_export(
        request.user, handle, on=ctx["on"], organisation=ctx["org"], query=ctx["q"], actor=request.user
    )
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=f"dang-vien-{ctx['on']:%Y%m%d}.xlsx", content_type=XLSX
    )


@login_required
def template(request: HttpRequest) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    template_write(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="mau-nhap-dang-vien.xlsx", content_type=XLSX)


@login_required
def detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_for(request.user, member_id)
    personal = selectors.may_see_personal_data(request.user, member)
    if personal:
        cell = selectors.member_cell(member)
        PersonalDataAccess.objects.create(
            actor=_user(request),
            kind=AccessKind.VIEW,
            org_path=cell.path if cell else "",
            detail=f"hồ sơ {member.full_name}",
            count=1,
            member_ids=[member.pk],
        )
    cell = selectors.member_cell(member)
    ctx = {
        "member": member,
        "cell": cell,
        "personal": personal,
        "history": selectors.member_history(member),
        "may_edit": cell is not None and user_holds(request.user, cell, RoleLevel.EDITOR),
        "form": EventForm(initial={"on": dt.date.today()}),
        "residence": selectors.residence_of(member),
        "early_badges": selectors.early_badges_of(member),
        "candidate": Candidate.objects.filter(member=member).first(),
        "contact_form": ResidenceContactForm(initial={"since": dt.date.today()}),
        "comment_form": ResidenceCommentForm(initial={"year": dt.date.today().year}),
        "early_form": EarlyBadgeForm(initial={"on": dt.date.today()}),
    }
    return render(request, "members/detail.html", ctx)


def _cell(user: Any, code: str) -> Organisation:
    try:
        return organisation_for(user, code.strip(), RoleLevel.EDITOR)
    except Http404 as e:
        raise DomainError(f"Không có chi bộ mã «{code}» trong phạm vi bạn được cập nhật.") from e


@login_required
@require_POST
def record_event(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_for(request.user, member_id)
    form = EventForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Biểu mẫu chưa hợp lệ: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
        )
        return redirect("members:detail", member_id)
    d, kind = form.cleaned_data, EventKind(form.cleaned_data["kind"])
    try:
        if kind == EventKind.CONFIRMATION:
            services.member_confirm(
                actor=request.user, member=member, confirmed_on=d["on"], decision=d["decision"]
            )
        elif kind == EventKind.TRANSFER:
            to = _cell(request.user, d["to_cell_code"])
            services.member_transfer(
                actor=request.user, member=member, to_cell=to, on=d["on"], decision=d["decision"]
            )
        elif kind == EventKind.EXEMPTION:
            services.member_exempt(
                actor=request.user, member=member, on=d["on"], reason=d["outcome"], decision=d["decision"]
            )
        elif kind == EventKind.DISCIPLINE:
            services.member_discipline(
                actor=request.user, member=member, on=d["on"], outcome=d["outcome"], decision=d["decision"]
            )
        else:
            services.member_remove(
                actor=request.user,
                member=member,
                on=d["on"],
                reason=kind,
                decision=d["decision"],
                destination=d["destination"],
                note=d["outcome"],
            )
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã ghi: {ACTIONS[kind]}.")
    return redirect("members:detail", member_id)


@login_required
def admit(request: HttpRequest) -> HttpResponse:
    form = AdmitForm(request.POST or None, initial={"cell_code": request.GET.get("org", "")})
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            cell = _cell(request.user, d.pop("cell_code"))
            member = services.member_admit(actor=request.user, cell=cell, **d)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"Đã kết nạp {member.full_name}.")
            return redirect("members:detail", member.pk)
    return render(request, "members/admit.html", {"form": form})


def _import_upload(user: Any, token: uuid.UUID) -> str:
    """Where an upload waits between preview and confirmation: the storage, so any app server finds it."""
    return f"imports/{user.pk}-{token}.xlsx"


def _import_organisation(user: Any) -> Organisation | None:
    """The unit an import job is filed under: the widest unit the user may edit (None for a superuser)."""
    paths = scope_paths(user, RoleLevel.EDITOR)
    if not paths:
        return None
    return Organisation.objects.filter(path=min(paths, key=len)).first()


@login_required
def import_wizard(request: HttpRequest) -> HttpResponse:
    """Step 1: upload; a file up to PREVIEW_MAX_BYTES is checked at once without writing (the preview of
    errors), a larger one is checked by the job. Step 2: confirm; a background job checks and writes it,
    all rows or none, and the user follows its progress bar."""
    ctx: dict[str, Any] = {"form": ImportForm(), "preview_max": PREVIEW_MAX_BYTES}
    if request.method == "POST" and request.POST.get("token"):
        try:
            name = _import_upload(request.user, uuid.UUID(request.POST["token"]))
        except ValueError as e:
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.") from e
        if not default_storage.exists(name):
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.")
        label = request.POST.get("name", "")[:200]
        job = job_enqueue(
            actor=request.user,
            kind="members.import",
            arguments={"file": name, "label": label},
            organisation=_import_organisation(request.user),
            title=f"Nhập đảng viên từ tệp {label}".strip(),
            max_attempts=2,
        )
        return redirect("jobs:detail", job.pk)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token = uuid.uuid4()
            name = default_storage.save(_import_upload(request.user, token), upload)
            ctx.update(token=token, name=upload.name)
            if upload.size <= PREVIEW_MAX_BYTES:
                with default_storage.open(name, "rb") as fh:
                    result = members_import(fh, actor=request.user, dry_run=True)
                ctx["result"] = result
                if not result.ok:
                    ctx["token"] = None
                    default_storage.delete(name)
            else:
                ctx["large"] = upload.size
        ctx["form"] = form
    return render(request, "members/import.html", ctx)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    ctx = _filters(request)
    year = ctx["on"].year
    period = (dt.date(year, 1, 1), ctx["on"])
    stats = member_statistics(request.user, on=ctx["on"], organisation=ctx["org"], period=period)
    charts = {
        key: [{"name": value or "(chưa ghi)", "value": n} for value, n in rows[:12]]
        for key, rows in stats.tables.items()
    }
    ctx.update(stats=stats, dimensions=DIMENSIONS, charts=charts)
    return render(request, "members/statistics.html", ctx)


@login_required
def work_lists(request: HttpRequest) -> HttpResponse:
    ctx = _filters(request)
    today = dt.date.today()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    if request.method == "POST" and request.POST.get("unmark"):
        try:
            cell = _cell(request.user, request.POST["unmark"])
            residence_services.agency_cell_unmark(actor=request.user, cell=cell, on=today)
        except DomainError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"«{cell.name}» thôi là chi bộ cơ quan từ {today:%d/%m/%Y}.")
        return redirect("members:work_lists")
    if request.method == "POST":
        form = AgencyCellForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                cell = _cell(request.user, d["cell_code"])
                residence_services.agency_cell_mark(
                    actor=request.user, cell=cell, since=d["since"], note=d["note"]
                )
            except DomainError as e:
                messages.error(request, e.message)
            else:
                messages.success(request, f"Đã đánh dấu «{cell.name}» là chi bộ cơ quan (Quy định 213).")
        else:
            messages.error(request, "Cần ghi mã chi bộ và ngày.")
        return redirect("members:work_lists")
    ctx.update(
        probation=selectors.probation_due(request.user, today=today, organisation=ctx["org"]),
        badges=selectors.badges_due(request.user, today=today, organisation=ctx["org"]),
        residence=selectors.residence_due(request.user, today=today, year=year, organisation=ctx["org"]),
        year=year,
        agency_form=AgencyCellForm(initial={"since": today}),
        agency_cells=selectors.agency_cells(request.user, today, ctx["org"]),
    )
    return render(request, "members/work_lists.html", ctx)


def _done(request: HttpRequest, member_id: int, write: Any, success: str) -> HttpResponse:
    try:
        write()
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, success)
    return redirect("members:detail", member_id)


def _invalid(request: HttpRequest, form: Any, member_id: int) -> HttpResponse:
    messages.error(
        request, "Biểu mẫu chưa hợp lệ: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
    )
    return redirect("members:detail", member_id)


@login_required
@require_POST
def residence_contact(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_for(request.user, member_id)
    form = ResidenceContactForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, member_id)
    d = form.cleaned_data

    def write() -> None:
        unit = (
            organisation_for(request.user, d["residence_code"].strip())
            if d["residence_code"].strip()
            else None
        )
        residence_services.residence_contact_register(
            actor=request.user,
            member=member,
            since=d["since"],
            residence_unit=unit,
            residence_name=d["residence_name"],
        )

    return _done(request, member_id, write, "Đã ghi nơi cư trú giữ mối liên hệ.")


@login_required
@require_POST
def residence_comment(request: HttpRequest, member_id: int, contact_id: int) -> HttpResponse:
    member = selectors.member_for(request.user, member_id)
    contact = ResidenceContact.objects.filter(pk=contact_id, member=member).first()
    if contact is None:
        raise Http404("Không tìm thấy liên hệ với nơi cư trú.")
    form = ResidenceCommentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, member_id)
    d = form.cleaned_data
    asked = ResidenceComment.objects.filter(contact=contact, year=d["year"]).first()

    @transaction.atomic
    def write() -> None:
        if asked is None:
            if d["sent_on"] is None:
                raise DomainError("Cần ghi ngày gửi phiếu xin nhận xét.", field="sent_on")
            residence_services.residence_comment_send(
                actor=request.user, contact=contact, year=d["year"], sent_on=d["sent_on"]
            )
        if d["returned_on"] is not None:
            comment = asked or ResidenceComment.objects.get(contact=contact, year=d["year"])
            residence_services.residence_comment_return(
                actor=request.user,
                comment=comment,
                returned_on=d["returned_on"],
                assessment=d["assessment"],
                content=d["content"],
            )

    return _done(request, member_id, write, f"Đã ghi nhận xét của nơi cư trú năm {d['year']}.")


@login_required
@require_POST
def early_badge(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_for(request.user, member_id)
    form = EarlyBadgeForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, member_id)
    d = form.cleaned_data
    mark_id = request.POST.get("revoke")
    if mark_id:
        mark = EarlyBadge.objects.filter(pk=mark_id, member=member).first()
        if mark is None:
            raise Http404("Không tìm thấy ghi nhận.")
        return _done(
            request,
            member_id,
            lambda: services.member_unmark_seriously_ill(actor=request.user, mark=mark, on=d["on"]),
            "Đã thôi áp dụng trao huy hiệu sớm.",
        )
    return _done(
        request,
        member_id,
        lambda: services.member_mark_seriously_ill(
            actor=request.user, member=member, on=d["on"], reason=d["reason"]
        ),
        "Đã ghi nhận: trao huy hiệu sớm (ốm nặng).",
    )
