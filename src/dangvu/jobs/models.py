"""A background job: what to run (a registered kind and its JSON arguments), for whom, and how far it got.

The database is the queue: app servers keep no state, any number of workers claim rows. Result files go
through Django's storage API (`default_storage`), so any app server can serve them.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.organisations.models import Organisation


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thành công"
    CANCELLED = "cancelled", "Đã hủy"


FINISHED = (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(models.Model):
    kind = models.CharField("loại việc", max_length=64)
    title = models.CharField("tên việc", max_length=255, blank=True)
    arguments = models.JSONField("tham số", default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người yêu cầu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField("đã làm", default=0)
    progress_total = models.PositiveIntegerField("tổng số", default=0)
    stage = models.CharField("bước đang làm", max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    max_attempts = models.PositiveSmallIntegerField("số lần chạy tối đa", default=3)
    claimed_by = models.CharField("máy chạy", max_length=128, blank=True)
    heartbeat_at = models.DateTimeField("tín hiệu gần nhất", null=True, blank=True)
    created_at = models.DateTimeField("lúc yêu cầu", auto_now_add=True)
    started_at = models.DateTimeField("lúc bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("lúc kết thúc", null=True, blank=True)
    result = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True, max_length=255)
    result_name = models.CharField("tên tệp kết quả", max_length=255, blank=True)
    result_expired_at = models.DateTimeField("lúc xóa tệp kết quả hết hạn", null=True, blank=True)
    cancel_requested_at = models.DateTimeField("lúc yêu cầu hủy", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hủy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    error = models.TextField("lỗi (hiển thị)", blank=True)
    traceback = models.TextField("chi tiết lỗi (chỉ cho người quản trị hệ thống)", blank=True)

    class Meta:
        verbose_name = "công việc chạy nền"
        verbose_name_plural = "công việc chạy nền"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["requested_by", "-id"]),
        ]

    def __str__(self) -> str:
        return f"Việc #{self.pk}: {self.title or self.kind}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def cancelling(self) -> bool:
        """Asked to stop while running: the worker stops at its next progress report."""
        return self.status == JobStatus.RUNNING and self.cancel_requested_at is not None

    def get_additional_data(self) -> dict[str, str]:
        org = self.organisation
        return {"org_path": org.path, "org_code": org.code} if org is not None else {}


class WorkerSighting(models.Model):
    """The last sign of life of the workers of one machine: `dangvu worker` writes it every
    `SIGHTING_EVERY` seconds, even when the queue is empty, so commands and pages can tell whether a job
    they queue will be picked up. One row per host name (bounded; nothing to clean up)."""

    host = models.CharField("máy", max_length=128, unique=True)
    worker = models.CharField("máy chạy việc gần nhất", max_length=128)
    seen_at = models.DateTimeField("tín hiệu gần nhất")

    class Meta:
        verbose_name = "tín hiệu của máy chạy việc"
        verbose_name_plural = "tín hiệu của máy chạy việc"

    def __str__(self) -> str:
        return f"{self.worker} lúc {self.seen_at:%d/%m/%Y %H:%M:%S}"


# Only the life cycle is audited, not every progress tick: queued → running → done/failed/cancelled, the
# request to cancel and who made it, and the result file when it expires and is removed.
auditlog.register(
    Job,
    include_fields=[
        "status",
        "attempts",
        "error",
        "cancel_requested_at",
        "cancelled_by",
        "result",
        "result_expired_at",
    ],
)
