"""Job kinds by name: `@job_kind("reports.forms_xlsx")` registers a plain function run by the worker.

A kind is `fn(ctx: JobContext, **arguments) -> (filename, bytes | Path)`; it reports how far it got with
`ctx.progress(done, total, message)`, which writes to the database at most once a second (and always for the
last step) and refreshes the job's heartbeat. A kind raises `DomainError` for a failure to show the user.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils import timezone

JobResult = tuple[str, bytes | Path]
JobFunction = Callable[..., JobResult]

_KINDS: dict[str, JobFunction] = {}
PROGRESS_EVERY = 1.0  # seconds between progress writes


def job_kind(name: str) -> Callable[[JobFunction], JobFunction]:
    def register(fn: JobFunction) -> JobFunction:
        _KINDS[name] = fn
        return fn

    return register


def kind_function(name: str) -> JobFunction | None:
    return _KINDS.get(name)


def kinds_registered() -> list[str]:
    return sorted(_KINDS)


class JobContext:
    """What a running job sees: its row's id, the acting user, and `progress`."""

    def __init__(self, job_id: int, user: Any) -> None:
        self.job_id = job_id
        self.user = user
        self._last = 0.0

    def progress(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_EVERY and done < total:
            return
        self._last = now
        from dangvu.jobs.models import Job, JobStatus

        fields: dict[str, Any] = {
            "progress_done": done,
            "progress_total": total,
            "heartbeat_at": timezone.now(),
        }
        if message:
            fields["stage"] = message[:255]
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(**fields)
