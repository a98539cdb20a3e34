"""Writes about access: users, roles and API tokens. Each checks the actor's role and is audited.

An administrator may grant and revoke roles only inside the sub-trees they administer, and never a level
above their own there; roles are revoked (dated), never deleted.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangvu.accounts.models import ApiToken, Role, RoleDomain, RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.organisations.models import Organisation

#: Letters without accents, digits, dot, underscore, hyphen (str.isalnum would let "nguyễn" through).
_USERNAME = re.compile(r"[a-z0-9._-]+")


def _require_admin(actor: Any, org: Organisation) -> None:
    if not user_holds(actor, org, RoleLevel.ADMINISTRATOR):
        raise PermissionDenied(f"Bạn không có quyền quản trị tại «{org.name}».")


def user_create(*, actor: Any, username: str, full_name: str, password: str, email: str = "") -> Any:
    """A new account; it sees nothing until it is granted a role."""
    User = get_user_model()
    username = username.strip().lower()
    if (
        not getattr(actor, "is_superuser", False)
        and not Role.objects.filter(
            user=actor, level=RoleLevel.ADMINISTRATOR, revoked_at__isnull=True
        ).exists()
    ):
        raise PermissionDenied("Chỉ quản trị viên được tạo tài khoản.")
    if not _USERNAME.fullmatch(username):
        raise DomainError("Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới.", field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(f"Tên đăng nhập «{username}» đã có.", field="username")
    candidate = User(username=username, first_name=full_name.strip(), email=email.strip())
    try:
        validate_password(password, candidate)
    except ValidationError as e:
        raise DomainError("Mật khẩu chưa đạt: " + " ".join(e.messages), field="password") from e
    with transaction.atomic(), set_actor(actor):
        candidate.set_password(password)
        candidate.save()
    return candidate


def role_grant(
    *, actor: Any, user: Any, organisation: Organisation, level: int, domain: str = RoleDomain.ALL
) -> Role:
    _require_admin(actor, organisation)
    if organisation.dissolved_on is not None:
        raise DomainError(
            f"«{organisation.name}» đã chấm dứt hoạt động; không thể giao quyền tại đơn vị này."
        )
    if level not in RoleLevel.values:
        raise DomainError("Mức quyền không hợp lệ.", field="level")
    if domain not in RoleDomain.values:
        raise DomainError("Lĩnh vực không hợp lệ.", field="domain")
    if Role.objects.filter(
        user=user, organisation=organisation, level=level, domain=domain, revoked_at__isnull=True
    ).exists():
        raise DomainError(f"«{user.username}» đã có quyền này tại «{organisation.name}».")
    with transaction.atomic(), set_actor(actor):
        return Role.objects.create(
            user=user, organisation=organisation, level=level, domain=domain, granted_by=actor
        )


def role_revoke(*, actor: Any, role: Role) -> None:
    _require_admin(actor, role.organisation)
    if role.revoked_at is not None:
        raise DomainError("Quyền này đã được thu hồi.")
    with transaction.atomic(), set_actor(actor):
        role.revoked_at = timezone.now()
        role.revoked_by = actor
        role.save(update_fields=["revoked_at", "revoked_by"])


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, actor: Any, user: Any, label: str) -> str:
    """A new API token for `user` (the actor themself, or a superuser acting for them). Only the digest is
    kept: the returned secret is shown once."""
    if actor != user and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("Chỉ được tạo khóa API cho chính mình.")
    raw = "dv_" + secrets.token_urlsafe(32)
    with transaction.atomic(), set_actor(actor):
        ApiToken.objects.create(
            user=user, label=label.strip() or "khóa API", prefix=raw[:8], digest=token_digest(raw)
        )
    return raw


def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    if actor != token.user and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("Chỉ được thu hồi khóa API của chính mình.")
    with transaction.atomic(), set_actor(actor):
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
