"""`dangvu import candidates FILE.xlsx [--dry-run] [--template] [--user NAME]` and `dangvu export candidates
[--org CODE] -o FILE.xlsx`: the candidate pipeline's .xlsx on the command line (`core.management.kinds`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser, OutputWrapper
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.management.kinds import System, acting_user, refused
from dangvu.core.text import vn_number
from dangvu.members.candidate_xlsx import candidates_export, candidates_import, template_write


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
    result = candidates_import(
        path, actor=None if isinstance(user, System) else user, dry_run=opts["dry_run"], label=path.name
    )
    if result.errors:
        return refused(result.errors, err)
    verb = "Hợp lệ, sẽ thêm" if opts["dry_run"] else "Đã thêm"
    out.write(
        f"{verb} {vn_number(result.created)} quần chúng vào nguồn; {vn_number(result.unchanged)} đã có "
        f"(bỏ qua); {vn_number(result.rows)} dòng."
    )
    return ""


def add_export_arguments(parser: CommandParser) -> None:
    parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")
    parser.add_argument("--org", help="mã tổ chức: chỉ nguồn của các chi bộ trong tổ chức này")


def run_export(opts: dict[str, Any], out: OutputWrapper, err: OutputWrapper) -> str:
    user = acting_user(opts.get("user"))
    try:
        organisation = organisation_for(user, opts["org"]) if opts["org"] else None
    except Http404:
        return f"Không có tổ chức mã «{opts['org']}» (hoặc ngoài quyền xem)."
    rows, _ = candidates_export(
        user, opts["output"], organisation=organisation, actor=None if isinstance(user, System) else user
    )
    out.write(f"Đã xuất {vn_number(rows)} quần chúng trong nguồn vào {opts['output']}.")
    return ""
