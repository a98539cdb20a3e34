"""`dangvu report [--org CODE] --period 2019 --format docx|pdf|xlsx -o FILE`: a unit's draft review report.

Without `--org`, the installation's top organisation. Run from the command line it acts as the system
(everything visible); `--user NAME` writes what that user may see (a unit outside it is "not found").
`--background` (no `-o`): queue the same job as the page's buttons; the worker builds the file, and the
command prints the job's page (`/cong-viec/ID/`) where it is downloaded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.jobs.cli import job_queued_lines, job_queued_warning
from dangvu.jobs.models import Job
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView
from dangvu.reports.selectors import FORMATS, report_file
from dangvu.reports.services import report_job_enqueue


class System:
    """The command line acting with every right, like a superuser."""

    is_authenticated = True
    is_superuser = True
    is_active = True


def acting_user(name: str | None) -> Any:
    if not name:
        return System()
    return get_user_model().objects.filter(username=name).first() or AnonymousUser()


def top_code(org: str | None) -> str:
    if org:
        return org
    top = Organisation.objects.live().filter(parent__isnull=True).order_by("path").first()
    if top is None:
        raise CommandError("Chưa có tổ chức nào: hãy tạo cây tổ chức trước (dangvu demo).")
    return top.code


def queued(command: BaseCommand, job: Job) -> None:
    """Say which job was queued and where to follow it; warn on stderr when no worker is running."""
    for line in job_queued_lines(job):
        command.stdout.write(line)
    warning = job_queued_warning()
    if warning:
        command.stderr.write(warning)


class Command(BaseCommand):
    help = "Xuất dự thảo báo cáo sơ kết, tổng kết của một tổ chức (.docx, .pdf hoặc .xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="mã tổ chức (mặc định: cấp cao nhất)")
        parser.add_argument("--period", required=True, help="kỳ: 2019, 2019-H1, 2019-Q3, 2019-9M, 2020-2025")
        parser.add_argument("--format", choices=list(FORMATS), default="docx")
        parser.add_argument("-o", "--output", help="tệp kết quả")
        parser.add_argument("--on", help="ngày ghi trên báo cáo YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--view", choices=[v.value for v in TreeView], default=TreeView.WAS.value)
        parser.add_argument("--user", help="với quyền của người dùng này")
        parser.add_argument(
            "--background",
            action="store_true",
            help="xếp vào hàng chờ cho máy chạy việc (dangvu worker); in địa chỉ trang theo dõi",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["output"] and not opts["background"]:
            raise CommandError("Thiếu -o/--output (tệp kết quả), hoặc dùng --background để chạy nền.")
        try:
            period = Period.parse(opts["period"])
            on = parse_date(opts["on"], field="--on") if opts["on"] else dt.date.today()
            if opts["background"]:
                user = acting_user(opts["user"])
                org = organisation_for(user, top_code(opts["org"]))
                job = report_job_enqueue(
                    actor=user,
                    organisation=org,
                    period=period,
                    fmt=opts["format"],
                    view=TreeView(opts["view"]),
                    on=on,
                )
                queued(self, job)
                return
            found = report_file(
                acting_user(opts["user"]),
                top_code(opts["org"]),
                period,
                opts["format"],
                view=TreeView(opts["view"]),
                on=on,
            )
        except DomainError as e:
            raise CommandError(e.message) from e
        except Http404 as e:
            raise CommandError(f"Không tìm thấy tổ chức «{opts['org']}» (hoặc ngoài quyền xem).") from e
        Path(opts["output"]).write_bytes(found.data)
        self.stdout.write(f"Đã ghi {opts['output']} ({len(found.data):,} byte).")
