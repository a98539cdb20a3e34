"""`dangvu forms [--org CODE] --at 2019-12-31 -o FILE.xlsx`: the basic statistical forms (11-HD/BTCTW).

Without `--org`, the installation's top organisation; `--user NAME` counts only what that user may see.
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
from dangvu.reports.management.commands.report import acting_user, top_code


class Command(BaseCommand):
    help = "Xuất các biểu thống kê cơ bản về tổ chức đảng và đảng viên (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="mã tổ chức (mặc định: cấp cao nhất)")
        parser.add_argument("--at", required=True, help="ngày báo cáo YYYY-MM-DD")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx")
        parser.add_argument("--user", help="với quyền của người dùng này")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            at = parse_date(opts["at"], field="--at")
            user = acting_user(opts["user"])
            org = organisation_for(user, top_code(opts["org"]))
            data = statistical_forms(user, org, at)
        except DomainError as e:
            raise CommandError(e.message) from e
        except Http404 as e:
            raise CommandError(f"Không tìm thấy tổ chức «{opts['org']}» (hoặc ngoài quyền xem).") from e
        Path(opts["output"]).write_bytes(data)
        self.stdout.write(f"Đã ghi {opts['output']} ({len(data):,} byte).")
