"""`dangvu remind [--days N] [--dry-run] [--on DATE]`: e-mail each lead unit's users about its tasks due
within N days or overdue, and note it in the unit's inbox; at most once a task a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.assignments.reminders import reminders_send
from dangvu.assignments.status import DUE_SOON_DAYS
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError


class Command(BaseCommand):
    help = "Nhắc hạn nhiệm vụ: gửi thư cho đơn vị chủ trì các nhiệm vụ sắp đến hạn hoặc quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=DUE_SOON_DAYS, help="nhắc trước hạn N ngày (mặc định 7)"
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi, không ghi")
        parser.add_argument("--on", help="ngày chạy YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["days"] < 0:
            raise CommandError("--days phải ≥ 0.", returncode=2)
        try:
            today = parse_date(opts["on"], field="--on") if opts["on"] else dt.date.today()
        except DomainError as e:
            raise CommandError(e.message, returncode=2) from None
        result = reminders_send(today=today, days=opts["days"], dry_run=opts["dry_run"])
        for u in result.units:
            to = ", ".join(u.recipients) or "không có ai có địa chỉ thư"
            self.stdout.write(f"{u.organisation.code} {u.organisation.name}: {len(u.tasks)} nhiệm vụ → {to}")
            for t in u.tasks:
                late = " (quá hạn)" if t.deadline and t.deadline < today else ""
                self.stdout.write(f"  - {t.deadline:%d/%m/%Y}{late}: {t.text[:80]}")
        verb = "Sẽ nhắc" if opts["dry_run"] else "Đã nhắc"
        self.stdout.write(
            f"{verb} {result.tasks} nhiệm vụ ở {len(result.units)} đơn vị; {result.sent} thư đã gửi; "
            f"{result.already} nhiệm vụ đã được nhắc hôm nay (bỏ qua)."
        )
