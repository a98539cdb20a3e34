"""Tasks as an .xlsx sheet (openpyxl, write-only): one row a task, with its status on the day."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from openpyxl import Workbook

from dangvu.assignments.models import Task

HEADER = (
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị giao",
    "Theo hội nghị",
    "Theo văn bản",
    "Chủ trì",
    "Phối hợp",
    "Ngày giao",
    "Thời hạn",
    "Tình trạng",
    "Ngày hoàn thành",
)


def task_rows(tasks: Iterable[Task], today: dt.date) -> Iterable[tuple[object, ...]]:
    for i, t in enumerate(tasks, start=1):
        supporting = [o.name for o in t.supporting.all()] + (
            [t.supporting_names] if t.supporting_names else []
        )
        yield (
            i,
            t.text,
            t.organisation.name,
            t.meeting.title if t.meeting else "",
            str(t.document or ""),
            t.lead_label,
            "; ".join(supporting),
            t.assigned_on,
            t.deadline,
            t.status_on(today).label,
            t.completed_on,
        )


def tasks_xlsx(tasks: Iterable[Task], today: dt.date) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhiệm vụ")
    sheet.append(list(HEADER))
    for row in task_rows(tasks, today):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
