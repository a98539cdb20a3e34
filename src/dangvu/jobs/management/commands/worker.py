"""`dangvu worker [--once] [--poll SECONDS]`: run background jobs from the database queue.

It may be stopped or restarted at any time: SIGTERM/Ctrl+C gives the current job back to the queue at
its next progress report (a second signal leaves at once); after `kill -9` the job is recovered by the
next worker loop once its heartbeat is older than `DANGVU_JOBS_STALE_SECONDS`.
"""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dangvu.jobs.worker import Worker


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # starts fast; restarted often
    help = "Chạy các công việc nền (xuất biểu, báo cáo, nhập tệp lớn) đang chờ trong cơ sở dữ liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="chạy hết việc đang chờ rồi dừng (cho cron, kiểm thử)"
        )
        parser.add_argument("--poll", type=float, default=2.0, help="số giây chờ giữa hai lần xem hàng chờ")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args: Any, **opts: Any) -> None:
        worker = Worker(out=self._say)

        def stop(_signum: int, _frame: Any) -> None:
            if worker.stopping.is_set():  # asked twice: leave now; the job is recovered later
                raise KeyboardInterrupt
            self.stdout.write("Nhận lệnh dừng: kết thúc việc đang làm rồi dừng.")
            worker.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Máy chạy việc {worker.ident} bắt đầu.")
        self.stdout.flush()
        worker.loop(poll=opts["poll"], once=opts["once"])
        self.stdout.write("Máy chạy việc đã dừng.")
