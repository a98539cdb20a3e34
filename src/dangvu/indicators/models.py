"""Indicators as data, targets, and the figures units report for a period.

An `Indicator` (chỉ tiêu) says what is counted, in which unit, how it is obtained (computed from the
registers, or reported by units) and how it adds up the tree (`rollup.Aggregation`). A `Target` is an
indicator × organisation × period × value: chỉ tiêu kế hoạch (a year's plan) or chỉ tiêu Đại hội (a term's).
A `Submission` is one unit's reported figures for one period: drafted, submitted, approved by the level
above (then locked) or returned with a comment; reopening a locked one is audited.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.indicators.rollup import Aggregation
from dangvu.organisations.models import Organisation


class Source(models.TextChoices):
    COMPUTED = "computed", "Tính từ cơ sở dữ liệu"
    REPORTED = "reported", "Đơn vị báo cáo"


class Flow(models.TextChoices):
    """A flow counts what happened in the period (admissions); a stock, the state at its end (members)."""

    FLOW = "flow", "Phát sinh trong kỳ"
    STOCK = "stock", "Tại cuối kỳ"


class Indicator(models.Model):
    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit = models.CharField("đơn vị tính", max_length=64)
    source = models.CharField("cách lấy số liệu", max_length=16, choices=Source.choices)
    computation = models.CharField(
        "phép tính", max_length=64, blank=True, help_text="với chỉ tiêu tính từ CSDL"
    )
    flow = models.CharField("loại", max_length=8, choices=Flow.choices, default=Flow.FLOW)
    aggregation = models.CharField(
        "cách tổng hợp", max_length=16, choices=[(a.value, a.value) for a in Aggregation], default="sum"
    )
    base = models.CharField(
        "chỉ tiêu gốc", max_length=128, blank=True, help_text="mã, cách nhau bởi dấu phẩy"
    )
    unit_kinds = models.CharField("loại đơn vị được đếm", max_length=255, blank=True)
    threshold = models.FloatField("ngưỡng đạt", default=1.0)
    reporting_kinds = models.CharField(
        "loại đơn vị báo cáo", max_length=255, blank=True, help_text="với chỉ tiêu do đơn vị báo cáo"
    )
    higher_is_better = models.BooleanField("càng cao càng tốt", default=True)
    description = models.TextField("giải thích", blank=True)
    position = models.PositiveIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="targets"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="tổ chức", on_delete=models.PROTECT, related_name="targets"
    )
    period = models.CharField("kỳ", max_length=16)
    value = models.FloatField("giá trị chỉ tiêu")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    set_at = models.DateTimeField(auto_now=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu kế hoạch"
        verbose_name_plural = "chỉ tiêu kế hoạch"
        indexes = [models.Index(fields=["period", "indicator"])]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.organisation} — {self.period}: {self.value:g}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
    RETURNED = "returned", "Trả lại"
    APPROVED = "approved", "Đã duyệt (khóa)"


class Submission(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="submissions"
    )
    period = models.CharField("kỳ", max_length=16)
    status = models.CharField("trạng thái", max_length=16, choices=SubmissionStatus.choices, default="draft")
    comment = models.TextField("ý kiến của cấp trên", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo số liệu"
        verbose_name_plural = "báo cáo số liệu"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "period"], name="one_submission_per_period")
        ]

    def __str__(self) -> str:
        return f"Số liệu {self.period} của {self.organisation}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class ReportedValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT)
    value = models.FloatField("giá trị")
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g}"

    def get_additional_data(self) -> dict[str, str]:
        org = self.submission.organisation
        return {"org_path": org.path, "org_code": org.code}


auditlog.register(Indicator)
auditlog.register(Target)
auditlog.register(Submission)
auditlog.register(ReportedValue)


class DataGeneration(models.Model):
    """One row whose number goes up after every committed write to the records a sheet is computed from
    (`freshness`): a cached sheet made at generation N is served only while the number is still N."""

    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "thế hệ dữ liệu"

    def __str__(self) -> str:
        return f"thế hệ {self.generation}"
