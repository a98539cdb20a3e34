"""`dangvu import tasks FILE.xlsx [--dry-run] [--template] [--user NAME]` and `dangvu export tasks
[--org CODE] [--status S] -o FILE.xlsx`: tasks' .xlsx on the command line (see `core.management.kinds`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser, OutputWrapper
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.assignments.export import tasks_xlsx
from dangvu.assignments.selectors import tasks_search
from dangvu.assignments.status import Status
from dangvu.assignments.xlsx_import import tasks_import, template_write
from dangvu.core.management.kinds import System, acting_user, refused


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help="tệp .xlsx theo mẫu (tạo mẫu: --template)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    parser.add_argument("--template", action="store_true", help="ghi tệp mẫu trống vào FILE rồi dừng")


def run_import(opts: dict[str, Any], out: OutputWrapper, err: OutputWrapper) -> str:
    path = Path(opts["file"])
    if opts["template"]:
        template_write(path)
        out.write(f"Đã ghi tệp mẫu: {path}")
        return ""
    if not path.is_file():
        return f"Không có tệp {path}."
    user = acting_user(opts.get("user"))
    result = tasks_import(path, actor=None if isinstance(user, System) else user, dry_run=opts["dry_run"])
    if result.errors:
        return refused(result.errors, err)
    verb = "Hợp lệ, sẽ giao" if opts["dry_run"] else "Đã giao"
    out.write(f"{verb} {result.created} nhiệm vụ; {result.unchanged} đã có (bỏ qua); {result.rows} dòng.")
    return ""


def add_export_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")
    parser.add_argument(
        "--org", help="mã tổ chức: nhiệm vụ do tổ chức này và cấp dưới giao, chủ trì, phối hợp"
    )
    parser.add_argument("--status", choices=[s.value for s in Status], help="chỉ nhiệm vụ có tình trạng này")


def run_export(opts: dict[str, Any], out: OutputWrapper, err: OutputWrapper) -> str:
    user = acting_user(opts.get("user"))
    try:
        organisation = organisation_for(user, opts["org"]) if opts["org"] else None
    except Http404:
        return f"Không có tổ chức mã «{opts['org']}» (hoặc ngoài quyền xem)."
    today = dt.date.today()
    found = tasks_search(user, organisation=organisation, status=opts["status"] or "", limit=1_000_000)
    Path(opts["output"]).write_bytes(tasks_xlsx(found, today))
    out.write(f"Đã xuất {len(found)} nhiệm vụ vào {opts['output']}.")
    return ""
