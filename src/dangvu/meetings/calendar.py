"""The month calendar of conferences and task deadlines in the user's scope, as a page and as .ics.

`month_events` reads the month's conferences and the deadlines of live tasks (through the same scoped
selectors as the lists); `month_grid` lays days out in weeks from Monday; `ics` writes the events as an
iCalendar file (RFC 5545: all-day events, escaped text, lines folded at 75 octets) by hand, no library.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass
from typing import Any

from dangvu.core.errors import DomainError
from dangvu.meetings.selectors import meetings_visible


@dataclass(frozen=True)
class Event:
    day: dt.date
    kind: str  # "meeting" | "deadline"
    title: str
    url: str
    uid: str
    detail: str = ""
    colour: str = "secondary"


def parse_month(text: str, today: dt.date) -> dt.date:
    """ "2026-11" → 1 November 2026; empty → this month; else a Vietnamese DomainError."""
    if not text:
        return today.replace(day=1)
    try:
        year, month = (int(p) for p in text.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise DomainError(f"Tháng không hợp lệ: «{text}» (cần dạng 2026-11).", field="thang") from None


def shift(month: dt.date, by: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + by
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(month: dt.date) -> dt.date:
    return shift(month, 1) - dt.timedelta(days=1)


def month_events(user: Any, month: dt.date, today: dt.date | None = None) -> list[Event]:
    from dangvu.assignments.selectors import tasks_visible  # assignments builds on meetings

    day = today or dt.date.today()
    first, last = month, month_end(month)
    events = [
        Event(
            day=m.held_on,
            kind="meeting",
            title=m.title,
            url=f"/hoi-nghi/{m.pk}/",
            uid=f"hoi-nghi-{m.pk}@dangvu",
            detail=f"{m.kind_label} — {m.organiser.name}" + (f", {m.venue}" if m.venue else ""),
            colour="primary",
        )
        for m in meetings_visible(user).filter(held_on__gte=first, held_on__lte=last)
    ]
    for t in tasks_visible(user).filter(deadline__gte=first, deadline__lte=last):
        assert t.deadline is not None  # noqa: S101 - narrows the type; the query filters on deadline
        status = t.status_on(day)
        events.append(
            Event(
                day=t.deadline,
                kind="deadline",
                title=f"Hạn: {t.text[:120]}",
                url=f"/nhiem-vu/{t.pk}/",
                uid=f"nhiem-vu-{t.pk}@dangvu",
                detail=f"Chủ trì: {t.lead_label} — {status.label}",
                colour=status.colour,
            )
        )
    return sorted(events, key=lambda e: (e.day, e.kind != "meeting", e.title))


def month_grid(month: dt.date, events: list[Event]) -> list[list[tuple[dt.date, bool, list[Event]]]]:
    """Weeks (Monday first) of (day, in this month, that day's events)."""
    by_day: dict[dt.date, list[Event]] = {}
    for e in events:
        by_day.setdefault(e.day, []).append(e)
    weeks = cal.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[(d, d.month == month.month, by_day.get(d, [])) for d in week] for week in weeks]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never inside a character)."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode()
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += b
    out.append(current.decode())
    return "\r\n ".join(out)


def ics(events: list[Event], base_url: str, stamp: dt.datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dangvu//Lich hoi nghi va han nhiem vu//VI",
        "CALSCALE:GREGORIAN",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(e.title)}",
            f"DESCRIPTION:{_escape(e.detail)}",
            f"URL:{base_url}{e.url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
