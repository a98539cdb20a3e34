"""Pages of the document register: search, register, one document with everything done under it, links
and voiding. Thin: forms in, services write, refusals come back on the form as the service's message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import scope_paths
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.documents import selectors, services
from dangvu.documents.forms import LinkForm, RegisterForm, VoidForm, add_error, unit_by_code
from dangvu.documents.identity import kinds
from dangvu.documents.models import LinkRelation


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    g = request.GET
    error, dates = None, {}
    for key in ("from", "to"):
        if g.get(key):
            try:
                dates[key] = parse_date(g[key], field="ngày")
            except DomainError as e:
                error = e.message
    found = selectors.documents_search(
        request.user,
        q=g.get("q", ""),
        issuer=g.get("issuer", ""),
        kind=g.get("kind", ""),
        date_from=dates.get("from"),
        date_to=dates.get("to"),
    )
    editor = scope_paths(request.user, RoleLevel.EDITOR)
    return render(
        request,
        "documents/list.html",
        {
            "documents": found,
            "q": g,
            "kinds": kinds(),
            "error": error,
            "can_register": editor is None or editor,
        },
    )


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            owner = (
                unit_by_code(request.user, d["owner_code"], field="owner_code") if d["owner_code"] else None
            )
            doc = services.document_register(
                actor=request.user,
                reference=d["reference"],
                owner=owner,
                title=d["title"],
                kind=d["kind"],
                issued_on=d["issued_on"],
                issuer_name=d["issuer_name"],
            )
        except DomainError as e:
            add_error(form, e if e.field != "owner" else DomainError(e.message, field="owner_code"))
        else:
            messages.success(request, f"Đã vào sổ: {doc.label}.")
            return redirect("documents:detail", pk=doc.pk)
    return render(request, "documents/form.html", {"form": form, "title": "Vào sổ văn bản"})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_for(request.user, pk)
    return render(
        request,
        "documents/detail.html",
        {
            "doc": doc,
            "cited": selectors.document_citations(request.user, doc),
            "can_edit": services.document_may_edit(request.user, doc) and not doc.voided_at,
            "link_form": LinkForm(),
            "void_form": VoidForm(),
        },
    )


@login_required
@require_POST
def document_link(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_for(request.user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            ref = services.document_reference_parse(form.cleaned_data["target"])
            owner = doc.owner
            target = services.document_find(reference=ref, organisation=owner) if owner else None
            if target is None:
                target = next(
                    iter(selectors.documents_search(request.user, q=form.cleaned_data["target"])), None
                )
            if target is None:
                raise DomainError(f"Chưa có «{ref.text}» trong sổ văn bản: hãy vào sổ trước.")
            services.document_link(
                actor=request.user,
                source=doc,
                target=target,
                relation=LinkRelation(form.cleaned_data["relation"]),
            )
        except DomainError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, "Đã ghi liên kết.")
    return redirect("documents:detail", pk=doc.pk)


@login_required
@require_POST
def document_void(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_for(request.user, pk)
    try:
        services.document_void(actor=request.user, document=doc, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã hủy {doc}.")
    return redirect("documents:detail", pk=doc.pk)
