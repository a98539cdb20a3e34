"""Job kinds for tests only: echo (reports progress, returns a file), boom (a bug), refuse (a DomainError),
slow (sleeps in small steps reporting progress: the fault test kills the worker in the middle)."""

from __future__ import annotations

import time
from typing import Any

from dangvu.core.errors import DomainError
from dangvu.jobs.registry import JobContext, JobResult, job_kind


@job_kind("tests.echo")
def echo(ctx: JobContext, *, text: str, steps: int = 3) -> JobResult:
    for i in range(steps + 1):
        ctx.progress(i, steps, f"Bước {i}/{steps}")
    return "echo.txt", text.encode()


@job_kind("tests.boom")
def boom(ctx: JobContext, **_: Any) -> JobResult:
    raise RuntimeError("a bug, with details the user must not see")


@job_kind("tests.refuse")
def refuse(ctx: JobContext, **_: Any) -> JobResult:
    raise DomainError("Kỳ báo cáo «2019-Q5» không hợp lệ.")


@job_kind("tests.slow")
def slow(ctx: JobContext, *, steps: int = 10, delay: float = 0.1) -> JobResult:
    for i in range(steps):
        ctx.progress(i, steps, f"Đang làm bước {i + 1}/{steps}")
        time.sleep(delay)
    ctx.progress(steps, steps, "Xong")
    return "slow.txt", b"slow done"
