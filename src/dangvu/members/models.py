"""The members register, as far as the organisation tree needs it: a member and the cells they belonged to.

A `Member` is a party member (đảng viên) from admission (kết nạp) until they leave; a `Placement` says in
which organisation (normally a cell, chi bộ) they were active (sinh hoạt) from one date until the day before
another. A count "at the end of Q1" is computed from placements, never kept as a mutable number.
The register's full lifecycle (candidates, confirmation, transfers, badges) builds on these two tables.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models

from dangvu.organisations.models import Organisation


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Member(models.Model):
    full_name = models.CharField("họ và tên", max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True, editable=False)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=32)
    admitted_on = models.DateField("ngày vào Đảng")
    confirmed_on = models.DateField("ngày chính thức", null=True, blank=True)
    left_on = models.DateField("ngày ra khỏi Đảng / từ trần", null=True, blank=True)
    is_synthetic = models.BooleanField("dữ liệu mô phỏng", default=False)

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"

    def __str__(self) -> str:
        return self.full_name


class Placement(models.Model):
    """Member `member` was active in `organisation` from `valid_from` until the day before `valid_to`."""

    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="placements"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="sinh hoạt tại", on_delete=models.PROTECT, related_name="placements"
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["valid_from", "valid_to", "organisation"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="placement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.member} sinh hoạt tại {self.organisation} ({self.valid_from:%d/%m/%Y}–{end})"


auditlog.register(Member, exclude_fields=["name_folded"])
auditlog.register(Placement)
