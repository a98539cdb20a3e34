"""`dangvu remind`: tasks due soon or overdue → one e-mail per lead unit's users, a notice in the inbox,
once a task a day."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from dangvu.assignments.models import Reminder
from dangvu.assignments.reminders import reminders_send
from dangvu.assignments.services import task_assign

TODAY = dt.date(2026, 3, 10)


def _tasks(province):
    admin = province.users["admin"]
    province.users["editor_a"].email = "xa@example.org"
    province.users["editor_a"].save()

    def give(text, lead, deadline):
        return task_assign(
            actor=admin,
            organisation=province["D1"],
            text=text,
            lead=province[lead],
            assigned_on=dt.date(2026, 1, 1),
            deadline=deadline,
        )

    return [
        give("Rà soát đảng viên", "XA", dt.date(2026, 3, 1)),  # overdue
        give("Báo cáo sơ kết", "XA", dt.date(2026, 3, 15)),  # due within 7 days
        give("Kiểm tra chi bộ", "XA", dt.date(2026, 5, 1)),  # not yet
        give("Họp chi bộ", "XB", dt.date(2026, 3, 12)),  # nobody at XB has an address
    ]


def test_send_once_a_day(province):
    tasks = _tasks(province)
    dry = reminders_send(today=TODAY, days=7, dry_run=True)
    assert dry.tasks == 3 and not Reminder.objects.exists() and not mail.outbox
    result = reminders_send(today=TODAY, days=7)
    assert result.sent == 1 and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["xa@example.org"]
    assert (
        "Rà soát đảng viên" in message.body and "QUÁ HẠN" in message.body and "Kiểm tra" not in message.body
    )
    assert Reminder.objects.count() == 3
    again = reminders_send(today=TODAY, days=7)
    assert (again.tasks, again.already, len(mail.outbox)) == (0, 3, 1)
    reminders_send(today=TODAY + dt.timedelta(days=1), days=7)
    assert Reminder.objects.count() == 6 and len(mail.outbox) == 2
    assert {r.task_id for r in Reminder.objects.filter(overdue=True)} == {tasks[0].pk}


def test_inbox_shows_the_notice(client, province):
    _tasks(province)
    reminders_send(days=30, today=dt.date.today())
    client.force_login(province.users["editor_a"])
    page = client.get("/nhiem-vu/don-vi/XA/").content.decode()
    assert 'id="reminders"' in page and "Báo cáo sơ kết" in page


def test_command(province):
    _tasks(province)
    out = io.StringIO()
    call_command("remind", "--on", "2026-03-10", "--dry-run", stdout=out)
    assert "Sẽ nhắc 3 nhiệm vụ ở 2 đơn vị" in out.getvalue()
    call_command("remind", "--on", "2026-03-10", stdout=out)
    assert Reminder.objects.count() == 3
    with pytest.raises(CommandError, match="--on"):
        call_command("remind", "--on", "hôm qua")
