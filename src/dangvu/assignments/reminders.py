"""Reminders before a deadline (`dangvu remind`): for each lead unit, its tasks due within N days or
overdue, one e-mail to each user holding a live role at that unit, and a `Reminder` row per task that
the unit's inbox shows as a notice. At most one reminder a task a day, so running it again the same day
sends nothing. Mail goes through Django's mail API (`EMAIL_BACKEND`, set from `DANGVU_EMAIL_URL`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q

from dangvu.accounts.models import Role
from dangvu.assignments.models import Reminder, Task
from dangvu.assignments.selectors import due_soon_q, overdue_q
from dangvu.organisations.models import Organisation


@dataclass
class UnitReminder:
    organisation: Organisation
    tasks: list[Task]
    recipients: list[str]

    def text(self, today: dt.date) -> str:
        lines = [
            f"Kính gửi {self.organisation.name},",
            "",
            "Các nhiệm vụ đơn vị chủ trì sắp đến hạn hoặc đã quá hạn:",
        ]
        for t in self.tasks:
            late = " (QUÁ HẠN)" if t.deadline and t.deadline < today else ""
            lines.append(
                f"- {t.text} — thời hạn {t.deadline:%d/%m/%Y}{late}; đơn vị giao: {t.organisation.name}"
            )
        lines += ["", "Đề nghị đơn vị báo cáo tiến độ trên hệ thống Đảng vụ."]
        return "\n".join(lines)


@dataclass
class RemindResult:
    units: list[UnitReminder] = field(default_factory=list)
    already: int = 0  # tasks already reminded today
    sent: int = 0  # e-mails sent

    @property
    def tasks(self) -> int:
        return sum(len(u.tasks) for u in self.units)


def reminders_due(today: dt.date, days: int) -> RemindResult:
    """What a run on `today` would remind, grouped by lead unit (tasks already reminded today left out)."""
    qs = (
        Task.objects.filter(voided_at__isnull=True, lead__isnull=False, lead__dissolved_on__isnull=True)
        .filter(overdue_q(today) | due_soon_q(today, days))
        .select_related("lead", "organisation")
        .order_by("lead__path", "deadline", "pk")
    )
    done_today = set(Reminder.objects.filter(sent_on=today).values_list("task_id", flat=True))
    result = RemindResult()
    by_unit: dict[int, list[Task]] = defaultdict(list)
    units: dict[int, Organisation] = {}
    for t in qs:
        if t.pk in done_today:
            result.already += 1
            continue
        assert t.lead is not None  # noqa: S101 - narrows the type; the query filters on lead
        by_unit[t.lead.pk].append(t)
        units[t.lead.pk] = t.lead
    emails: dict[int, set[str]] = defaultdict(set)
    roles = Role.objects.filter(
        Q(organisation_id__in=list(units)), revoked_at__isnull=True, user__is_active=True
    ).exclude(user__email="")
    for org_id, email in roles.values_list("organisation_id", "user__email"):
        emails[org_id].add(email)
    result.units = [UnitReminder(units[k], by_unit[k], sorted(emails[k])) for k in by_unit]
    return result


def reminders_send(*, today: dt.date | None = None, days: int = 7, dry_run: bool = False) -> RemindResult:
    """Send today's reminders and record them (nothing is written or sent with `dry_run`)."""
    day = today or dt.date.today()
    result = reminders_due(day, days)
    if dry_run:
        return result
    messages = [
        EmailMessage(
            subject=f"[Đảng vụ] {len(u.tasks)} nhiệm vụ sắp đến hạn hoặc quá hạn — {u.organisation.name}",
            body=u.text(day),
            to=u.recipients,
        )
        for u in result.units
        if u.recipients
    ]
    if messages:  # sent first: a failed send records nothing, so the next run tries again
        result.sent = get_connection().send_messages(messages) or 0
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(
                    task=t,
                    organisation=u.organisation,
                    sent_on=day,
                    overdue=bool(t.deadline and t.deadline < day),
                    recipients=", ".join(u.recipients),
                )
                for u in result.units
                for t in u.tasks
            ],
            ignore_conflicts=True,
        )
    return result


def reminders_for(
    organisation: Organisation, today: dt.date | None = None, within: int = 7
) -> list[Reminder]:
    """The notices the unit's inbox shows: the latest reminder of each of its tasks still not done, sent in
    the last `within` days."""
    day = today or dt.date.today()
    rows = (
        Reminder.objects.filter(organisation=organisation, sent_on__gte=day - dt.timedelta(days=within))
        .exclude(task__state="done")
        .filter(task__voided_at__isnull=True)
        .select_related("task")
        .order_by("task_id", "-sent_on")
    )
    latest: dict[int, Reminder] = {}
    for r in rows:
        latest.setdefault(r.task_id, r)
    return sorted(latest.values(), key=lambda r: (r.task.deadline or day, r.pk))
