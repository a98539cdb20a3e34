"""Who may see and change what: roles held at an organisation, covering its whole sub-tree, and API tokens.

A `Role` gives a user one level (viewer < editor < approver < administrator) at an organisation, as the
tree is now; a commission's role may be limited to one domain (organisation, inspection, mass
mobilisation). Roles are revoked, never deleted. An `ApiToken` keeps only the hash of its secret.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.organisations.models import Organisation


class RoleLevel(models.IntegerChoices):
    VIEWER = 10, "Xem"
    EDITOR = 20, "Cập nhật"
    APPROVER = 30, "Phê duyệt"
    ADMINISTRATOR = 40, "Quản trị"


class RoleDomain(models.TextChoices):
    ALL = "", "Mọi lĩnh vực"
    ORGANISATION = "organisation", "Tổ chức"
    INSPECTION = "inspection", "Kiểm tra"
    MOBILISATION = "mobilisation", "Dân vận"


class Role(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.PROTECT,
        related_name="dangvu_roles",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.PROTECT, related_name="roles"
    )
    level = models.IntegerField("quyền", choices=RoleLevel.choices)
    domain = models.CharField("lĩnh vực", max_length=16, choices=RoleDomain.choices, blank=True, default="")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giao",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField("thời điểm giao", auto_now_add=True)
    revoked_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thu hồi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        ordering = ["organisation__path", "-level"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_level_display()} tại {self.organisation}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    label = models.CharField("tên", max_length=64)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"khóa API «{self.label}» ({self.prefix}…) của {self.user}"


auditlog.register(Role)
auditlog.register(ApiToken, exclude_fields=["digest", "last_used_at"])
