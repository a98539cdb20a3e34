"""The worker loop: recover stale jobs, claim one, run it as its requester, store the result or the error.

Used by `dangvu worker` and by `dangvu serve --worker` (a thread beside the web server for the demo). A
worker may be killed at any moment: its job keeps an old heartbeat and the next loop of any worker puts it
back in the queue (`services.jobs_recover_stale`). While a job runs, a side thread refreshes its heartbeat,
so a long step without progress reports is not mistaken for a dead worker.

Each loop also records the worker's sign of life (`WorkerSighting`, every `SIGHTING_EVERY` seconds, so
`dangvu forms --background` can say whether anyone will run its job), and once a day removes expired
result files (`retention.job_results_purge`). A job cancelled while running stops at its next progress
report (`registry.Cancelled`).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connection

from dangvu.core.errors import DomainError
from dangvu.core.management.kinds import System
from dangvu.jobs import services
from dangvu.jobs.models import Job
from dangvu.jobs.registry import Cancelled, JobContext, kind_function
from dangvu.jobs.retention import job_results_purge

log = logging.getLogger(__name__)
PURGE_EVERY = 3600.0  # seconds between two sweeps of abandoned uploads
RESULTS_PURGE_EVERY = 86400.0  # seconds between two purges of expired result files
SIGHTING_EVERY = 30.0  # at most, between two records of the worker's sign of life
FAILED_MESSAGE = "Có lỗi khi thực hiện việc «{title}»; đã thử {n} lần. Hãy báo người quản trị hệ thống."


class Stop(Exception):
    """Raised inside a job when the worker was asked to stop (SIGTERM)."""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class _Heartbeat(threading.Thread):
    """Beside a running job: writes progress left pending by the job, and a heartbeat every `every` s."""

    TICK = 0.5

    def __init__(self, ctx: JobContext, every: float) -> None:
        super().__init__(daemon=True)
        self.ctx, self.every, self.done = ctx, every, threading.Event()

    def run(self) -> None:
        last = time.monotonic()
        try:
            while not self.done.wait(self.TICK):
                try:
                    if self.ctx.flush_pending():  # a progress write refreshes the heartbeat too
                        last = time.monotonic()
                    elif time.monotonic() - last >= self.every:
                        self.ctx.write({})
                        last = time.monotonic()
                except Exception:  # a busy SQLite file: try again at the next tick
                    log.debug("heartbeat skipped", exc_info=True)
        finally:
            connection.close()


class Worker:
    def __init__(self, ident: str | None = None, *, out: Callable[[str], None] = lambda _s: None) -> None:
        self.ident = ident or worker_id()
        self.out = out
        self.stopping = threading.Event()
        self._purged_at = -PURGE_EVERY
        self._results_purged_at = -RESULTS_PURGE_EVERY
        self._sighted_at = -SIGHTING_EVERY

    def stop(self) -> None:
        self.stopping.set()

    def run_once(self) -> bool:
        """Recover stale jobs, then run one queued job; False when there was none."""
        if not connection.in_atomic_block:  # a long-lived worker drops broken or expired connections
            close_old_connections()
        every = max(1.0, min(SIGHTING_EVERY, services.stale_seconds() / 4))
        if time.monotonic() - self._sighted_at >= every:
            self._sighted_at = time.monotonic()
            services.worker_sighting_record(self.ident)
        if time.monotonic() - self._purged_at > PURGE_EVERY:
            self._purged_at = time.monotonic()
            services.uploads_purge()
        if time.monotonic() - self._results_purged_at > RESULTS_PURGE_EVERY:
            self._results_purged_at = time.monotonic()
            purge = job_results_purge()
            if purge.purged:
                self.out(f"Đã xóa tệp kết quả hết hạn của {len(purge.purged)} việc.")
        for stale in services.jobs_recover_stale():
            self.out(f"Việc #{stale.pk} của máy chạy đã dừng: {stale.get_status_display().lower()}.")
        job = services.job_claim_next(self.ident)
        if job is None:
            return False
        self.run_job(job)
        return True

    def run_job(self, job: Job) -> None:
        self.out(f"Bắt đầu việc #{job.pk} ({job.kind}), lần {job.attempts}.")
        ctx = _StoppableContext(job.pk, job.requested_by or System(), self.stopping)
        beat = _Heartbeat(ctx, max(1.0, services.stale_seconds() / 4))
        beat.start()
        try:
            fn = kind_function(job.kind)
            if fn is None:
                raise DomainError(f"Máy chạy việc không biết loại việc «{job.kind}».")
            filename, data = fn(ctx, **job.arguments)
        except Stop:
            services.job_abandon(job, self.ident)
            self.out(f"Dừng giữa việc #{job.pk}; việc trở lại hàng chờ.")
        except Cancelled:
            services.job_cancelled(job, self.ident)
            self.out(f"Việc #{job.pk} đã dừng theo yêu cầu hủy.")
        except DomainError as e:
            services.job_fail(
                job, self.ident, message=e.message, traceback=traceback.format_exc(), retry=False
            )
            self.out(f"Việc #{job.pk} không thành công: {e.message}")
        except Exception as e:  # any bug: kept for the administrator, a plain message for the user
            row = services.job_fail(
                job,
                self.ident,
                message=FAILED_MESSAGE.format(title=job.title or job.kind, n=job.attempts),
                traceback=traceback.format_exc(),
            )
            state = row.get_status_display().lower() if row is not None else "đã chuyển máy khác"
            self.out(f"Việc #{job.pk} gặp lỗi ({type(e).__name__}): {state}.")
        else:
            services.job_finish(job, self.ident, filename, data)
            self.out(f"Xong việc #{job.pk}: {filename}.")
        finally:
            beat.done.set()
            beat.join()

    def loop(self, *, poll: float, once: bool) -> None:
        while not self.stopping.is_set():
            try:
                ran = self.run_once()
            except Exception as e:  # the database went away, say: wait and try again (not with --once)
                if once:
                    raise
                log.exception("worker loop")
                self.out(
                    f"Lỗi khi làm việc với cơ sở dữ liệu ({type(e).__name__}); thử lại sau {poll:g} giây."
                )
                connection.close()
                ran = False
            if once and not ran:
                return
            if not ran:
                self.stopping.wait(poll)


class _StoppableContext(JobContext):
    def __init__(self, job_id: int, user: Any, stopping: threading.Event) -> None:
        super().__init__(job_id, user)
        self.stopping = stopping

    def progress(self, done: int, total: int, message: str = "", *, force: bool = False) -> None:
        if self.stopping.is_set() and self.stoppable:
            raise Stop
        super().progress(done, total, message, force=force)


def start_thread(poll: float = 2.0, out: Callable[[str], None] = lambda _s: None) -> Worker:
    """A worker in a daemon thread of this process (the demo server); it ends with the process."""
    worker = Worker(out=out)

    def run() -> None:
        try:
            worker.loop(poll=poll, once=False)
        finally:
            connection.close()

    threading.Thread(target=run, name="dangvu-worker", daemon=True).start()
    return worker
