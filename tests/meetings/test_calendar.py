"""The month calendar: conferences and task deadlines in the user's scope, month navigation, .ics."""

from __future__ import annotations

import datetime as dt

from dangvu.assignments.services import task_assign
from dangvu.meetings.calendar import _fold, month_grid, parse_month, shift
from dangvu.meetings.services import meeting_record


def _records(province):
    admin = province.users["admin"]
    meeting_record(
        actor=admin,
        organiser=province["XA"],
        kind="giao_ban",
        title="Giao ban, tháng 3",
        held_on=dt.date(2026, 3, 4),
    )
    meeting_record(
        actor=admin,
        organiser=province["XB"],
        kind="giao_ban",
        title="Giao ban Thạch Sơn",
        held_on=dt.date(2026, 3, 5),
    )
    task_assign(
        actor=admin,
        organisation=province["D1"],
        text="Nộp báo cáo quý",
        lead=province["XA"],
        assigned_on=dt.date(2026, 3, 1),
        deadline=dt.date(2026, 3, 31),
    )


def test_month_helpers():
    assert shift(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)
    assert shift(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    weeks = month_grid(dt.date(2026, 3, 1), [])
    assert weeks[0][0][0] == dt.date(2026, 2, 23) and weeks[0][0][0].weekday() == 0  # Monday first
    assert parse_month("", dt.date(2026, 3, 9)) == dt.date(2026, 3, 1)
    long = "SUMMARY:" + "Nhiệm vụ " * 20
    lines = _fold(long).split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines) and "".join(x.lstrip(" ") for x in lines) != ""


def test_page_and_ics_in_scope(client, province):
    _records(province)
    client.force_login(province.users["editor_a"])
    page = client.get("/hoi-nghi/lich/?thang=2026-03").content.decode()
    assert "Giao ban, tháng 3" in page and "Nộp báo cáo quý" in page
    assert "Thạch Sơn" not in page  # XB's conference is outside editor_a's scope
    assert "?thang=2026-02" in page and "?thang=2026-04" in page
    assert "Giao ban" not in client.get("/hoi-nghi/lich/?thang=2026-04").content.decode()
    assert "Tháng không hợp lệ" in client.get("/hoi-nghi/lich/?thang=abc", follow=True).content.decode()
    r = client.get("/hoi-nghi/lich.ics?thang=2026-03")
    body = r.content.decode()
    assert r["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20260304" in body and "SUMMARY:Giao ban\\, tháng 3" in body
