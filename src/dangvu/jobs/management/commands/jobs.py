"""`dangvu jobs purge [--days N] [--dry-run]`: remove the result files of jobs finished more than N days
ago (default `DANGVU_JOB_RESULT_DAYS`, 30). The jobs stay, marked expired; the worker does the same once a
day, so this is for an administrator who wants it now or with another number of days.

`dangvu jobs cancel ID`: what the "Hủy" button does, from the command line (as the system)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dangvu.core.errors import DomainError
from dangvu.jobs.models import Job, JobStatus
from dangvu.jobs.retention import job_results_purge, result_days
from dangvu.jobs.services import job_cancel


class Command(BaseCommand):
    help = "Quản lý công việc chạy nền: purge xóa tệp kết quả đã hết hạn (việc vẫn được giữ lại)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        purge = sub.add_parser("purge", help="xóa tệp kết quả của các việc đã xong quá số ngày quy định")
        purge.add_argument(
            "--days",
            type=int,
            help="giữ tệp bao nhiêu ngày sau khi việc xong (mặc định: DANGVU_JOB_RESULT_DAYS)",
        )
        purge.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa gì")
        cancel = sub.add_parser("cancel", help="hủy một việc đang chờ, hoặc yêu cầu dừng một việc đang chạy")
        cancel.add_argument("job_id", type=int, help="số của việc (như trong /cong-viec/SỐ/)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "cancel":
            self.cancel(opts["job_id"])
        else:
            self.purge(opts)

    def cancel(self, pk: int) -> None:
        job = Job.objects.filter(pk=pk).first()
        if job is None:
            raise CommandError(f"Không có việc #{pk}.")
        try:
            row = job_cancel(actor=None, job=job)
        except DomainError as e:
            raise CommandError(e.message) from e
        if row.status == JobStatus.CANCELLED:
            self.stdout.write(f"Đã hủy việc #{pk}; việc sẽ không chạy.")
        else:
            self.stdout.write(f"Đã yêu cầu dừng việc #{pk}; máy chạy việc dừng ở bước kế tiếp.")

    def purge(self, opts: dict[str, Any]) -> None:
        days = result_days() if opts["days"] is None else opts["days"]
        if days < 0:
            raise CommandError(f"--days: {days} không hợp lệ; cần một số ngày ≥ 0.")
        limit = timezone.localtime() - dt.timedelta(days=days)
        found = job_results_purge(days=days, dry_run=opts["dry_run"])
        for job in found.purged:
            finished = timezone.localtime(job.finished_at) if job.finished_at else None
            when = f"{finished:%d/%m/%Y}" if finished else "?"
            self.stdout.write(f"  #{job.pk} {job.title} — {job.result_name} (xong {when})")
        for job, reason in found.failed:
            self.stderr.write(f"  #{job.pk}: không xóa được tệp ({reason}); giữ nguyên, lần sau thử lại.")
        verb = "Sẽ xóa" if opts["dry_run"] else "Đã xóa"
        self.stdout.write(
            f"{verb} tệp kết quả của {len(found.purged)} việc xong trước {limit:%d/%m/%Y %H:%M} "
            f"(giữ {days} ngày)" + (" — chạy thử, không xóa gì." if opts["dry_run"] else ".")
        )
        if found.failed:
            raise CommandError(f"{len(found.failed)} tệp không xóa được.")
