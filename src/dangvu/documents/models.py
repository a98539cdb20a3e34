"""The document register (sổ văn bản): official documents and the links between them.

A `Document` sits in one organisation's register (`owner`), or in the shared register (`owner` empty) when
a national body issued it (Trung ương, Chính phủ, Quốc hội), so every unit cites the same row. It keeps
its type code ("QĐ") apart from its kind ("Quy định" or "Quyết định"), its number, year, issuer and
symbol as registers write them, and an `identity` key (see `identity.py`) unique within its register.
`DocumentLink` says one document implements, amends or replaces another. Documents are voided, never
deleted.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.documents.identity import kinds
from dangvu.organisations.models import Organisation


class DocumentQuerySet(models.QuerySet["Document"]):
    def current(self) -> DocumentQuerySet:
        return self.filter(voided_at__isnull=True)


class Document(models.Model):
    owner = models.ForeignKey(
        Organisation,
        verbose_name="thuộc sổ văn bản của",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_registered",
    )
    type = models.CharField("loại (ký hiệu)", max_length=8)
    kind = models.CharField("loại văn bản", max_length=32, choices=[(k, k) for k in kinds()])
    number = models.CharField("số", max_length=16)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành (ký hiệu)", max_length=32, blank=True, default="")
    issuer_name = models.CharField("cơ quan ban hành", max_length=255, blank=True, default="")
    issuing_organisation = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_issued",
    )
    symbol = models.CharField("số, ký hiệu", max_length=64, db_index=True)
    title = models.CharField("trích yếu", max_length=500, blank=True, default="")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    identity = models.CharField(max_length=160, editable=False)
    register_key = models.CharField(max_length=180, unique=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    void_reason = models.CharField("lý do hủy", max_length=255, blank=True, default="")

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-year", "type", "number"]
        indexes = [models.Index(fields=["type", "number", "issuer"])]

    def __str__(self) -> str:
        return f"{self.kind} số {self.symbol}"

    @property
    def label(self) -> str:
        """As running text names it: "Chỉ thị số 05-CT/TW ngày 21/1/2021 của …"."""
        parts = [str(self)]
        if self.issued_on:
            parts.append(f"ngày {self.issued_on.day}/{self.issued_on.month}/{self.issued_on.year}")
        if self.issuer_name and self.issuer_name not in self.symbol:
            parts.append(f"của {self.issuer_name}")
        return " ".join(parts)

    def get_additional_data(self) -> dict[str, str]:
        if self.owner is None:
            return {"org_path": "", "org_code": ""}
        return {"org_path": self.owner.path, "org_code": self.owner.code}


class LinkRelation(models.TextChoices):
    IMPLEMENTS = "implements", "thực hiện"
    AMENDS = "amends", "sửa đổi, bổ sung"
    REPLACES = "replaces", "thay thế"


class DocumentLink(models.Model):
    """`source` implements, amends or replaces `target` (Kế hoạch 42-KH/TU thực hiện Nghị quyết 02-NQ/TU)."""

    source = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links_in")
    relation = models.CharField("quan hệ", max_length=16, choices=LinkRelation.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="documentlink_unique"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="documentlink_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_relation_display()} {self.target}"

    def get_additional_data(self) -> dict[str, str]:
        return self.source.get_additional_data()


auditlog.register(Document, exclude_fields=["search_text", "register_key"])
auditlog.register(DocumentLink)
