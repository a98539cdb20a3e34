"""`dangvu import members FILE.xlsx [--dry-run] [--template]` and `dangvu export members [--org CODE]
[--at DATE] [-q TEXT] -o FILE.xlsx`: the register's .xlsx on the command line, with progress on stderr."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser, OutputWrapper
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.dates import parse_date
from dangvu.core.errors import DomainError
from dangvu.core.management.kinds import System, acting_user, refused
from dangvu.core.text import vn_number
from dangvu.members.xlsx import members_export, template_write
from dangvu.members.xlsx_import import members_import


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help="tệp .xlsx theo mẫu (tạo mẫu: --template)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    parser.add_argument("--template", action="store_true", help="ghi tệp mẫu trống vào FILE rồi dừng")


def _progress_line(err: OutputWrapper, stage: str, n: int) -> None:
    if (stage == "ghi" and n) or n % 10_000 == 0:  # checking reports every 2,000 rows: print every 10,000
        err.write(f"  {stage}: {vn_number(n)} dòng…")


def run_import(opts: dict[str, Any], out: OutputWrapper, err: OutputWrapper) -> str:
    path = Path(opts["file"])
    if opts["template"]:
        template_write(path)
        out.write(f"Đã ghi tệp mẫu: {path}")
        return ""
    if not path.is_file():
        return f"Không có tệp {path}."
    user = acting_user(opts.get("user"))
    started = time.perf_counter()
    result = members_import(
        path,
        actor=None if isinstance(user, System) else user,
        dry_run=opts["dry_run"],
        label=path.name,
        progress=lambda stage, n: _progress_line(err, stage, n),
    )
    seconds = time.perf_counter() - started
    if result.errors:
        return refused(result.errors, err)
    verb = "Hợp lệ, sẽ thêm" if opts["dry_run"] else "Đã thêm"
    out.write(
        f"{verb} {vn_number(result.created)} đảng viên; {vn_number(result.unchanged)} đã có trong sổ "
        f"(bỏ qua); {vn_number(result.rows)} dòng trong {seconds:.1f} giây."
    )
    return ""


def add_export_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")
    parser.add_argument("--org", help="mã tổ chức: chỉ đảng viên sinh hoạt trong tổ chức này")
    parser.add_argument("--at", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
    parser.add_argument("-q", "--query", default="", help="tìm theo tên (không cần dấu) hoặc số thẻ")


def run_export(opts: dict[str, Any], out: OutputWrapper, err: OutputWrapper) -> str:
    user = acting_user(opts.get("user"))
    try:
        on = parse_date(opts["at"], field="--at") if opts["at"] else dt.date.today()
        organisation = organisation_for(user, opts["org"]) if opts["org"] else None
    except DomainError as e:
        return e.message
    except Http404:
        return f"Không có tổ chức mã «{opts['org']}» (hoặc ngoài quyền xem)."
    started = time.perf_counter()
    result = members_export(
        user,
        opts["output"],
        on=on,
        organisation=organisation,
        query=opts["query"],
        actor=None if isinstance(user, System) else user,
        progress=lambda n: err.write(f"  {vn_number(n)} dòng…"),
    )
    out.write(
        f"Đã xuất {vn_number(result.rows)} đảng viên (ngày {on:%d/%m/%Y}) vào {opts['output']} "
        f"trong {time.perf_counter() - started:.1f} giây."
    )
    return ""
