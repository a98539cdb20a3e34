"""A task's status on a day, computed from what is stored (no Django import).

Stored: the state a unit reported (not started, in progress, done) and the day it was done. Computed:
"overdue" (quá hạn) when a task is not done and its deadline has passed, "done on time" or "done late" by
comparing the completion day with the deadline, "due soon" (sắp đến hạn) within `DUE_SOON_DAYS`.
`selectors.py` filters with the same rules in SQL; a test checks that both agree.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

DUE_SOON_DAYS = 7


class State(StrEnum):
    """What a unit reports."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành"}[
            self
        ]


class Status(StrEnum):
    """What a leader sees on a day."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def colour(self) -> str:
        return {"overdue": "danger", "done_late": "warning", "done_on_time": "success"}.get(self, "secondary")


STATUS_LABELS = {
    Status.NOT_STARTED: "Chưa thực hiện",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành quá hạn",
    Status.OVERDUE: "Quá hạn",
}


def task_status(state: str, deadline: dt.date | None, completed_on: dt.date | None, today: dt.date) -> Status:
    if state == State.DONE:
        late = deadline is not None and completed_on is not None and completed_on > deadline
        return Status.DONE_LATE if late else Status.DONE_ON_TIME
    if deadline is not None and today > deadline:
        return Status.OVERDUE
    return Status.IN_PROGRESS if state == State.IN_PROGRESS else Status.NOT_STARTED


def is_due_soon(state: str, deadline: dt.date | None, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    return (
        state != State.DONE and deadline is not None and today <= deadline <= today + dt.timedelta(days=days)
    )
