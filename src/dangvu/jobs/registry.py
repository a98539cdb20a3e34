"""Job kinds by name: `@job_kind("reports.forms_xlsx")` registers a plain function run by the worker.

A kind is `fn(ctx: JobContext, **arguments) -> (filename, bytes | Path)`; it reports how far it got with
`ctx.progress(done, total, message)`, which writes to the database at most once a second (and always for the
last step) and refreshes the job's heartbeat. A kind raises `DomainError` for a failure to show the user.

Progress reports are also where a job stops when someone cancels it: the report raises `Cancelled`, which
unwinds the kind's own transactions (an import writes all rows or none). A kind whose work is committed
calls `ctx.committed()` first, so no later report throws away what is already written.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone

JobResult = tuple[str, bytes | Path]
JobFunction = Callable[..., JobResult]

_KINDS: dict[str, JobFunction] = {}
PROGRESS_EVERY = 1.0  # seconds between progress writes


_LABELS: dict[str, str] = {}
_ONE_SHOT: set[str] = set()


class Cancelled(Exception):
    """Raised by a progress report of a job someone asked to cancel."""


def job_kind(name: str, label: str = "", *, rerunnable: bool = True) -> Callable[[JobFunction], JobFunction]:
    """Register `fn` as the kind `name`; `label` (Vietnamese) names its jobs when they have no title.
    `rerunnable=False`: its arguments do not outlive a run (an uploaded file), so "run again" is refused."""

    def register(fn: JobFunction) -> JobFunction:
        _KINDS[name] = fn
        _LABELS[name] = label or name
        if not rerunnable:
            _ONE_SHOT.add(name)
        return fn

    return register


def kind_rerunnable(name: str) -> bool:
    return name in _KINDS and name not in _ONE_SHOT


def kind_function(name: str) -> JobFunction | None:
    return _KINDS.get(name)


def kind_label(name: str) -> str:
    return _LABELS.get(name, name)


def kinds_registered() -> list[str]:
    return sorted(_KINDS)


class JobContext:
    """What a running job sees: its row's id, the acting user, and `progress`.

    Progress reported inside the job's own transaction (e.g. the members import's bulk insert) is not
    written by the job's connection, where nobody would see it before the commit: it is left in `pending`
    for the worker's heartbeat thread, whose own connection writes it at once. On SQLite (one writer at a
    time) it is written by the job's connection and shows when the transaction ends.
    """

    def __init__(self, job_id: int, user: Any) -> None:
        self.job_id = job_id
        self.user = user
        self.pending: dict[str, Any] | None = None
        self._last = 0.0
        self._lock = threading.Lock()
        self._depth = len(connection.atomic_blocks)
        self.stoppable = True

    def committed(self) -> None:
        """The job's work is written for good: from now on a progress report never stops it."""
        self.stoppable = False

    def progress(self, done: int, total: int, message: str = "", *, force: bool = False) -> None:
        """Report how far the job got; written at most once a second unless last (`done >= total`) or
        `force` (a stage change the user should see at once). Raises `Cancelled` when the job was asked
        to stop (checked as often as progress is written)."""
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY and done < total and not force:
            return
        self._last = now
        fields: dict[str, Any] = {"progress_done": done, "progress_total": total}
        if message:
            fields["stage"] = message[:255]
        if len(connection.atomic_blocks) > self._depth and connection.vendor != "sqlite":
            with self._lock:
                self.pending = (self.pending or {}) | fields
        else:
            with self._lock:  # after any pending value, never overwritten by it
                self.pending = None
                self.write(fields)
        if self.stoppable and self.cancel_requested():
            raise Cancelled

    def cancel_requested(self) -> bool:
        """Someone asked to cancel the job (read on the job's own connection: inside the job's transaction
        on PostgreSQL it still sees the request, committed by another connection)."""
        from dangvu.jobs.models import Job

        return Job.objects.filter(pk=self.job_id, cancel_requested_at__isnull=False).exists()

    def flush_pending(self) -> bool:
        """Write the progress left pending by the job (the heartbeat thread calls it); False if none."""
        with self._lock:
            if self.pending is None:
                return False
            fields, self.pending = self.pending, None
            self.write(fields)
        return True

    def write(self, fields: dict[str, Any]) -> None:
        """Progress and heartbeat on the job's row (only while it runs)."""
        from dangvu.jobs.models import Job, JobStatus

        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            **fields, heartbeat_at=timezone.now()
        )
