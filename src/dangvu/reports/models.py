"""What the reports app keeps: the words people write, each unit's header settings, templates, issued reports.

- `ReportNarrative`: the editable paragraph of one section of a unit's report for a period; kept between
  drafts (figures and lists are never stored here: they are assembled from the records each time).
- `ReportSettings`: a unit's overrides of the derived header (superior and issuing body lines, symbol
  issuer, place), of the signature block and of the recipients. Blank fields take the derived words.
- `ReportTemplate`: a version of the .docx template uploaded by an administrator (the bytes are kept in the
  database so an issued report and its template travel together in backups).
- `IssuedReport`: a frozen report: its content (figures, lists, text), number, template and rule versions,
  and the document register entry. Never edited; a correction is a new issue.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.organisations.models import Organisation


def _org_data(org: Organisation) -> dict[str, str]:
    return {"org_path": org.path, "org_code": org.code}


class ReportNarrative(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    period = models.CharField("kỳ", max_length=16)
    section = models.CharField("mục", max_length=32)
    text = models.TextField("nội dung", blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "đoạn văn báo cáo"
        verbose_name_plural = "đoạn văn báo cáo"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "section"], name="one_narrative_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period} {self.section}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organisation)


class ReportSettings(models.Model):
    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="+")
    superior = models.CharField("cơ quan cấp trên", max_length=255, blank=True, default="")
    body = models.CharField("cơ quan ban hành", max_length=255, blank=True, default="")
    symbol_issuer = models.CharField("ký hiệu cơ quan (TU, HU, ĐU…)", max_length=16, blank=True, default="")
    place = models.CharField("địa danh", max_length=64, blank=True, default="")
    authority = models.CharField("thẩm quyền ký (T/M …)", max_length=64, blank=True, default="")
    signer_title = models.CharField("chức vụ người ký", max_length=64, blank=True, default="")
    signer_name = models.CharField("họ tên người ký", max_length=128, blank=True, default="")
    recipients = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True, default="")

    class Meta:
        verbose_name = "thiết lập báo cáo"
        verbose_name_plural = "thiết lập báo cáo"

    def __str__(self) -> str:
        return f"Thiết lập báo cáo của {self.organisation}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organisation)


class ReportTemplate(models.Model):
    version = models.PositiveIntegerField("phiên bản", unique=True)
    content = models.BinaryField("tệp .docx")
    note = models.CharField("ghi chú", max_length=255, blank=True, default="")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Mẫu báo cáo phiên bản {self.version}"


class IssuedReport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    period = models.CharField("kỳ", max_length=16)
    number = models.PositiveIntegerField("số")
    symbol = models.CharField("số, ký hiệu", max_length=64)
    issued_on = models.DateField("ngày ban hành")
    content = models.JSONField("nội dung đã khóa")
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="issued")
    rules = models.CharField("thể thức áp dụng", max_length=32)
    document = models.OneToOneField(
        "documents.Document", on_delete=models.PROTECT, related_name="issued_report"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "báo cáo đã ban hành"
        verbose_name_plural = "báo cáo đã ban hành"
        ordering = ["-issued_on", "-number"]

    def __str__(self) -> str:
        return f"Báo cáo số {self.symbol}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organisation)


auditlog.register(ReportNarrative)
auditlog.register(ReportSettings)
auditlog.register(ReportTemplate, exclude_fields=["content"])
auditlog.register(IssuedReport)
