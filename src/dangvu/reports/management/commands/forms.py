"""`dangvu forms [--org CODE] --at 2019-12-31 -o FILE.xlsx`: the basic statistical forms (11-HD/BTCTW).

Without `--org`, the installation's top organisation; `--user NAME` counts only what that user may see.
`--background` (no `-o`): queue the same job as the page's button; the worker builds the file, and the
command prints the job's page (`/cong-viec/ID/`) where it is downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.reports.forms_xlsx import statistical_forms
from dangvu.reports.management.commands.report import acting_user, queued, top_code
from dangvu.reports.services import forms_job_enqueue


class Command(BaseCommand):
    help = "Xuất các biểu thống kê cơ bản về tổ chức đảng và đảng viên (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="mã tổ chức (mặc định: cấp cao nhất)")
        parser.add_argument("--at", required=True, help="ngày báo cáo YYYY-MM-DD")
        parser.add_argument("-o", "--output", help="tệp .xlsx")
        parser.add_argument("--user", help="với quyền của người dùng này")
        parser.add_argument(
            "--background",
            action="store_true",
            help="xếp vào hàng chờ cho máy chạy việc (dangvu worker); in địa chỉ trang theo dõi",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if not opts["output"] and not opts["background"]:
            raise CommandError("Thiếu -o/--output (tệp .xlsx), hoặc dùng --background để chạy nền.")
        try:
            at = parse_date(opts["at"], field="--at")
            user = acting_user(opts["user"])
            org = organisation_for(user, top_code(opts["org"]))
            if opts["background"]:
                queued(self, forms_job_enqueue(actor=user, organisation=org, at=at))
                return
            data = statistical_forms(user, org, at)
        except DomainError as e:
            raise CommandError(e.message) from e
        except Http404 as e:
            raise CommandError(f"Không tìm thấy tổ chức «{opts['org']}» (hoặc ngoài quyền xem).") from e
        Path(opts["output"]).write_bytes(data)
        self.stdout.write(f"Đã ghi {opts['output']} ({len(data):,} byte).")
