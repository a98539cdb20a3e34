"""The organisation tree through time.

`Organisation` is a party organisation with its *current* parent and a materialised `path` used to scope
access ("everything under this committee, as the tree is now"). `OrgLink` keeps every parent a unit had,
with the dates it held; `OrgName` every name. A `Reorganisation` (merge, split, move, rename, dissolve,
establish) records what changed on which date, with its predecessors and successors. A closed unit points
at its `successor`, whose records it follows when figures are shown "as the tree is now".
"""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.db import models

from dangvu.organisations.kinds import OrgKind, kind_choices


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def live(self) -> OrganisationQuerySet:
        return self.filter(dissolved_on__isnull=True)

    def existing_on(self, on: dt.date) -> OrganisationQuerySet:
        return self.filter(established_on__lte=on).filter(
            models.Q(dissolved_on__isnull=True) | models.Q(dissolved_on__gt=on)
        )

    def under_paths(self, paths: list[str]) -> OrganisationQuerySet:
        """Units whose path starts with one of `paths` (each like '/1/18/'); an empty list gives none."""
        if not paths:
            return self.none()
        cond = models.Q()
        for p in paths:
            cond |= models.Q(path__startswith=p)
        return self.filter(cond)


class Organisation(models.Model):
    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("tên", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField("loại", max_length=32, choices=kind_choices())
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    established_on = models.DateField("ngày thành lập")
    dissolved_on = models.DateField("ngày chấm dứt", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_synthetic = models.BooleanField("dữ liệu mô phỏng", default=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "tổ chức đảng"
        verbose_name_plural = "tổ chức đảng"
        ordering = ["name_folded"]
        # `selectors.last_change`: the last day the tree changed, read by index at any size.
        indexes = [
            models.Index(fields=["established_on"], name="org_established_on"),
            models.Index(fields=["dissolved_on"], name="org_dissolved_on"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_enum(self) -> OrgKind:
        return OrgKind(self.kind)

    @property
    def is_live(self) -> bool:
        return self.dissolved_on is None

    def get_additional_data(self) -> dict[str, str]:
        """Stored with each audit entry so that administrators see only their sub-tree's history. A unit
        being created has no path yet: its parent's path and its own id make it."""
        path = self.path
        if not path and self.pk is not None:
            path = f"{self.parent.path if self.parent is not None else '/'}{self.pk}/"
        return {"org_path": path, "org_code": self.code}


class OrgLink(models.Model):
    """The unit `child` sat under `parent` from `valid_from` until the day before `valid_to` (None: still)."""

    child = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="parent_links"
    )
    parent = models.ForeignKey(
        Organisation, verbose_name="trực thuộc", on_delete=models.PROTECT, related_name="child_links"
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["valid_from", "valid_to"]),
            models.Index(fields=["valid_to"], name="orglink_valid_to"),  # `selectors.last_change`
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="orglink_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.child} trực thuộc {self.parent} ({self.valid_from:%d/%m/%Y}–{end})"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.child.path, "org_code": self.child.code}


class OrgName(models.Model):
    """A name the unit bore from `valid_from` until the day before `valid_to`."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="names"
    )
    name = models.CharField("tên", max_length=255)
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        indexes = [  # `selectors.last_change`
            models.Index(fields=["valid_from"], name="orgname_valid_from"),
            models.Index(fields=["valid_to"], name="orgname_valid_to"),
        ]

    def __str__(self) -> str:
        return f"tên «{self.name}» từ {self.valid_from:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class ReorganisationKind(models.TextChoices):
    ESTABLISH = "establish", "Thành lập"
    MERGE = "merge", "Hợp nhất, sáp nhập"
    SPLIT = "split", "Chia tách"
    MOVE = "move", "Điều chuyển"
    RENAME = "rename", "Đổi tên"
    DISSOLVE = "dissolve", "Giải thể, kết thúc hoạt động"


class Reorganisation(models.Model):
    kind = models.CharField("loại", max_length=16, choices=ReorganisationKind.choices)
    effective_on = models.DateField("có hiệu lực từ")
    decision = models.CharField("theo văn bản", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {self.effective_on:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.path}


class ReorganisationPart(models.Model):
    class Role(models.TextChoices):
        PREDECESSOR = "predecessor", "Đơn vị trước"
        SUCCESSOR = "successor", "Đơn vị sau"
        SUBJECT = "subject", "Đơn vị được điều chỉnh"

    reorganisation = models.ForeignKey(Reorganisation, on_delete=models.PROTECT, related_name="parts")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reorganisation_parts"
    )
    role = models.CharField(max_length=16, choices=Role.choices)

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation}"


auditlog.register(Organisation, exclude_fields=["name_folded", "path"])
auditlog.register(OrgLink)
auditlog.register(OrgName)
auditlog.register(Reorganisation, exclude_fields=["path"])
auditlog.register(ReorganisationPart)
