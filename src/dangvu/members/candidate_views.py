"""Pages of the candidate pipeline: the list per unit with filters and stage counts, one candidate with its
steps, the forms to add a candidate, record a step and admit (which makes the member), and the .xlsx import
(template, upload checked without writing, then confirmed).

Thin, as `members.views`: scope through the selectors (404 outside it); the birth date only for editors and
above, each page that shows it logged as a `PersonalDataAccess` with the candidates' ids.
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
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import organisation_for, path_in_scope, scope_paths, user_holds
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.members import candidate_selectors as selectors
from dangvu.members import candidate_services as services
from dangvu.members.candidate_models import Occupation, Stage
from dangvu.members.candidate_xlsx import candidates_import, template_write
from dangvu.members.forms import CandidateAdmitForm, CandidateForm, CandidateStepForm, ImportForm
from dangvu.members.models import AccessKind, Gender, PersonalDataAccess
from dangvu.members.selectors import PERSONAL_DATA_LEVEL, personal_scope_path
from dangvu.organisations.selectors import TreeView


def _log(request: HttpRequest, ids: list[int], detail: str, org_path: str = "") -> None:
    if ids:
        actor: Any = request.user
        PersonalDataAccess.objects.create(
            actor=actor,
            kind=AccessKind.VIEW,
            org_path=org_path,
            detail=detail[:255],
            count=len(ids),
            candidate_ids=ids,
        )


@login_required
def candidate_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("org", "").strip()
    org = organisation_for(request.user, code) if code else None
    stage = request.GET.get("stage", "") if request.GET.get("stage") in Stage.values else ""
    occupation = (
        request.GET.get("occupation", "") if request.GET.get("occupation") in Occupation.values else ""
    )
    q = request.GET.get("q", "").strip()
    rows = selectors.candidates(request.user, organisation=org, stage=stage, occupation=occupation, query=q)
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    personal_scope = scope_paths(request.user, PERSONAL_DATA_LEVEL)
    shown = [c.pk for c in page if path_in_scope(c.unit.path, personal_scope)]
    # logged under a path of the reader's sub-tree (not ""), so its administrators see the entry
    where = org.path if org else personal_scope_path(request.user)
    _log(request, shown, "danh sách nguồn phát triển đảng viên", where)
    on, date_error = dt.date.today(), None
    try:
        if request.GET.get("at"):
            on = parse_date(request.GET["at"], field="ngày xem")
    except DomainError as e:
        date_error = e.message
    view = TreeView.NOW if request.GET.get("view") == TreeView.NOW.value else TreeView.WAS
    tree = selectors.pipeline_tree(request.user, on=on, view=view, organisation=org)
    ctx = {
        "org": org,
        "q": q,
        "stage": stage,
        "occupation": occupation,
        "stages": Stage.choices,
        "stage_labels": dict(Stage.choices),
        "occupations": Occupation.choices,
        "page": page,
        "shown": set(shown),
        "tree": tree,
        "totals": tree.totals,
        "on": on,
        "view": view,
        "views": list(TreeView),
        "date_error": date_error,
        "query": request.GET.urlencode(),
    }
    return render(request, "members/candidates.html", ctx)


@login_required
def candidate_add(request: HttpRequest) -> HttpResponse:
    form = CandidateForm(
        request.POST or None, initial={"unit_code": request.GET.get("org", ""), "on": dt.date.today()}
    )
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            unit = organisation_for(request.user, d.pop("unit_code").strip(), RoleLevel.EDITOR)
        except Http404:
            form.add_error("unit_code", "Không có chi bộ mã này trong phạm vi bạn được cập nhật.")
        else:
            try:
                candidate = services.candidate_add(
                    actor=request.user,
                    unit=unit,
                    gender=Gender(d.pop("gender")),
                    occupation=Occupation(d.pop("occupation")),
                    **d,
                )
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                messages.success(request, f"Đã đưa {candidate.full_name} vào nguồn phát triển đảng viên.")
                return redirect("members:candidate_detail", candidate.pk)
    return render(request, "members/candidate_add.html", {"form": form})


@login_required
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_for(request.user, candidate_id)
    personal = selectors.may_see_birth_date(request.user, candidate)
    if personal:
        _log(request, [candidate.pk], f"hồ sơ quần chúng {candidate.full_name}", candidate.unit.path)
    today = dt.date.today()
    ctx: dict[str, Any] = {
        "candidate": candidate,
        "personal": personal,
        "history": selectors.candidate_history(candidate),
        "may_edit": user_holds(request.user, candidate.unit, RoleLevel.EDITOR),
        "step_form": CandidateStepForm(initial={"on": today}),
        "admit_form": CandidateAdmitForm(initial={"admitted_on": today}),
    }
    return render(request, "members/candidate_detail.html", ctx)


@login_required
@require_POST
def candidate_step(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_for(request.user, candidate_id)
    form = CandidateStepForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Biểu mẫu chưa hợp lệ: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
        )
        return redirect("members:candidate_detail", candidate_id)
    d = form.cleaned_data
    try:
        if d["stage"] == Stage.COURSE_DONE:
            services.candidate_course_done(
                actor=request.user,
                candidate=candidate,
                on=d["on"],
                course_name=d["course_name"],
                decision=d["decision"],
            )
        elif d["stage"] == Stage.PROPOSED:
            services.candidate_propose(
                actor=request.user, candidate=candidate, on=d["on"], decision=d["decision"]
            )
        else:
            services.candidate_drop(actor=request.user, candidate=candidate, on=d["on"], reason=d["reason"])
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã ghi: {Stage(d['stage']).label}.")
    return redirect("members:candidate_detail", candidate_id)


@login_required
@require_POST
def candidate_admit(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_for(request.user, candidate_id)
    form = CandidateAdmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cần ghi ngày kết nạp.")
        return redirect("members:candidate_detail", candidate_id)
    d = dict(form.cleaned_data)
    try:
        services.candidate_admit(
            actor=request.user,
            candidate=candidate,
            admitted_on=d.pop("admitted_on"),
            decision=d.pop("decision"),
            **d,
        )
    except DomainError as e:
        messages.error(request, e.message)
        return redirect("members:candidate_detail", candidate_id)
    messages.success(request, f"Đã kết nạp {candidate.full_name} vào Đảng.")
    assert candidate.member is not None  # noqa: S101 - narrows the type for mypy
    return redirect("members:detail", candidate.member.pk)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def candidate_template(request: HttpRequest) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    template_write(handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename="mau-nhap-nguon-phat-trien.xlsx", content_type=XLSX
    )


def _upload_name(user: Any, token: uuid.UUID) -> str:
    """Where an upload waits between check and confirmation: the storage, so any app server finds it."""
    return f"imports/candidates-{user.pk}-{token}.xlsx"


@login_required
def candidate_import(request: HttpRequest) -> HttpResponse:
    """Step 1: upload; every row is checked and nothing written (errors by row and column). Step 2: confirm;
    the file is checked again and written, all rows or none."""
    ctx: dict[str, Any] = {"form": ImportForm()}
    if request.method == "POST" and request.POST.get("token"):
        try:
            name = _upload_name(request.user, uuid.UUID(request.POST["token"]))
        except ValueError as e:
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.") from e
        if not default_storage.exists(name):
            raise Http404("Tệp đã hết hạn; hãy tải lên lại.")
        label = request.POST.get("name", "")[:200]
        with default_storage.open(name, "rb") as fh:
            result = candidates_import(fh, actor=request.user, label=label)
        default_storage.delete(name)
        if result.ok:
            messages.success(
                request,
                f"Đã thêm {result.created} quần chúng vào nguồn; {result.unchanged} đã có (bỏ qua).",
            )
            return redirect("members:candidates")
        ctx["result"] = result
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            token = uuid.uuid4()
            name = default_storage.save(_upload_name(request.user, token), upload)
            with default_storage.open(name, "rb") as fh:
                result = candidates_import(fh, actor=request.user, dry_run=True)
            ctx.update(result=result, name=upload.name, token=token if result.ok and result.created else None)
            if ctx["token"] is None:
                default_storage.delete(name)
        ctx["form"] = form
    return render(request, "members/candidate_import.html", ctx)
