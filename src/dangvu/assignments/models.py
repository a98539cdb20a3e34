"""Tasks (nhiệm vụ) given by a conference's conclusion or by a document, and the progress reported on them.

A `Task` is given by `organisation` (the unit whose conference or document gives it) to a lead unit
(đơn vị chủ trì), with supporting units (đơn vị phối hợp) and a deadline. Units outside the party tree
("Sở Kế hoạch và Đầu tư") are kept by name. The state a unit reports is stored; overdue and on-time are
computed on the day (`status.py`). Each `ProgressUpdate` records a report with its evidence; each
`Reminder` one day's reminder to the lead unit. Tasks are voided, never deleted.
"""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.assignments.status import State, Status, is_due_soon, task_status
from dangvu.documents.models import Document
from dangvu.meetings.models import Meeting
from dangvu.organisations.models import Organisation

STATE_CHOICES = [(s.value, s.label) for s in State]


class Task(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị giao", on_delete=models.PROTECT, related_name="tasks_given"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="theo kết luận hội nghị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    document = models.ForeignKey(
        Document,
        verbose_name="theo văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    text = models.TextField("nội dung nhiệm vụ")
    lead = models.ForeignKey(
        Organisation,
        verbose_name="đơn vị chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_led",
    )
    lead_name = models.CharField("đơn vị chủ trì (ngoài hệ thống)", max_length=255, blank=True, default="")
    supporting = models.ManyToManyField(
        Organisation, verbose_name="đơn vị phối hợp", blank=True, related_name="tasks_supported"
    )
    supporting_names = models.CharField("đơn vị phối hợp khác", max_length=500, blank=True, default="")
    assigned_on = models.DateField("ngày giao")
    deadline = models.DateField("thời hạn", null=True, blank=True)
    state = models.CharField("tình trạng", max_length=16, choices=STATE_CHOICES, default=State.NOT_STARTED)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    void_reason = models.CharField("lý do hủy", max_length=255, blank=True, default="")

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = [models.F("deadline").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def lead_label(self) -> str:
        return self.lead.name if self.lead else self.lead_name

    def status_on(self, today: dt.date) -> Status:
        return task_status(self.state, self.deadline, self.completed_on, today)

    @property
    def status(self) -> Status:
        return self.status_on(dt.date.today())

    @property
    def due_soon(self) -> bool:
        return is_due_soon(self.state, self.deadline, dt.date.today())

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class ProgressUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    reported_on = models.DateField("ngày báo cáo")
    state = models.CharField("tình trạng", max_length=16, choices=STATE_CHOICES)
    note = models.TextField("kết quả", blank=True, default="")
    evidence = models.TextField("minh chứng", blank=True, default="")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reported_on:%d/%m/%Y}: {self.get_state_display()}"

    def get_additional_data(self) -> dict[str, str]:
        return self.task.get_additional_data()


class Reminder(models.Model):
    """A reminder sent on `sent_on` to the lead unit's users about a task due soon or overdue: at most one a
    task a day (`dangvu remind` may run many times), and shown as a notice in the unit's inbox."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField("ngày nhắc")
    overdue = models.BooleanField("đã quá hạn", default=False)
    recipients = models.TextField("gửi tới", blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhắc hạn"
        verbose_name_plural = "nhắc hạn"
        ordering = ["-sent_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["task", "sent_on"], name="one_reminder_per_task_day")]

    def __str__(self) -> str:
        return f"Nhắc {self.sent_on:%d/%m/%Y}: {self.task}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


auditlog.register(Task, m2m_fields={"supporting"})
auditlog.register(ProgressUpdate)
auditlog.register(Reminder)
