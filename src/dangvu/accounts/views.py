"""Administration pages: roles over sub-trees, accounts, the audit trail; and one's own API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from dangvu.accounts import selectors, services
from dangvu.accounts.forms import RoleGrantForm, TokenCreateForm, UserCreateForm
from dangvu.accounts.models import ApiToken, Role, RoleLevel
from dangvu.core.errors import DomainError


def _acting(request: HttpRequest) -> Any:
    """The logged-in user (login_required has made sure there is one)."""
    return request.user


def _require_some_admin(user: Any) -> None:
    scope = selectors.scope_paths(user, RoleLevel.ADMINISTRATOR)
    if scope is not None and not scope:
        raise Http404("Trang không tồn tại.")


@login_required
def roles(request: HttpRequest) -> HttpResponse:
    _require_some_admin(request.user)
    form = RoleGrantForm(request.POST or None)
    user_form = UserCreateForm(prefix="new")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = get_user_model().objects.filter(username=data["username"].strip().lower()).first()
        try:
            if target is None:
                raise DomainError(f"Không có tài khoản «{data['username']}».", field="username")
            org = selectors.organisation_for(request.user, data["org_code"].strip(), RoleLevel.ADMINISTRATOR)
            services.role_grant(
                actor=request.user,
                user=target,
                organisation=org,
                level=data["level"],
                domain=data["domain"] or "",
            )
        except Http404:
            form.add_error("org_code", "Không có tổ chức này trong phạm vi bạn quản trị.")
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, f"Đã giao quyền cho {target.username} tại {org.name}.")
            return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles.html",
        {"form": form, "user_form": user_form, "roles": selectors.roles_administered(request.user)},
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(Role, pk=pk, revoked_at__isnull=True)
    if not selectors.user_holds(request.user, role.organisation, RoleLevel.ADMINISTRATOR):
        raise Http404("Không tìm thấy.")
    services.role_revoke(actor=request.user, role=role)
    messages.success(request, f"Đã thu hồi quyền của {role.user.username} tại {role.organisation.name}.")
    return redirect("accounts:roles")


@login_required
@require_POST
def user_create(request: HttpRequest) -> HttpResponse:
    _require_some_admin(request.user)
    form = UserCreateForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            messages.success(request, f"Đã tạo tài khoản {user.username}; hãy giao quyền cho tài khoản này.")
            return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles.html",
        {"form": RoleGrantForm(), "user_form": form, "roles": selectors.roles_administered(request.user)},
    )


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    _require_some_admin(request.user)
    org_code = request.GET.get("org") or None
    if org_code:  # a unit outside the administered sub-trees is a 404, as everywhere
        selectors.organisation_for(request.user, org_code, RoleLevel.ADMINISTRATOR)
    page = Paginator(selectors.audit_entries(request.user, org_code=org_code), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/audit.html", {"page": page, "org_code": org_code or ""})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token = services.api_token_create(
            actor=request.user, user=request.user, label=form.cleaned_data["label"]
        )
        form = TokenCreateForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.objects.filter(user=_acting(request)).order_by("-created_at"),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Đã thu hồi khóa «{token.label}».")
    return redirect("accounts:tokens")
