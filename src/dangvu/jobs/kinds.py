"""The real job kinds: a unit's statistical forms, its review report, a members import from .xlsx.

Each runs as the user who asked (`ctx.user`), through the same selectors as the pages, so a job produces
only what its requester may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.http import Http404

from dangvu.accounts.selectors import organisation_for
from dangvu.core.errors import DomainError
from dangvu.core.periods import Period
from dangvu.core.text import vn_number
from dangvu.jobs.registry import JobContext, JobResult, job_kind
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView

MAX_ERRORS_SHOWN = 30


def _organisation(ctx: JobContext, code: str) -> Organisation:
    try:
        return organisation_for(ctx.user, code)
    except Http404 as e:
        raise DomainError(f"Không tìm thấy tổ chức «{code}» (hoặc ngoài quyền xem).") from e


@job_kind("reports.forms_xlsx", "Biểu thống kê cơ bản")
def forms_xlsx(ctx: JobContext, *, code: str, at: str) -> JobResult:
    from dangvu.reports.forms_xlsx import statistical_forms

    org = _organisation(ctx, code)
    ctx.progress(0, 1, f"Đang tính các biểu thống kê của {org.name}")
    data = statistical_forms(ctx.user, org, dt.date.fromisoformat(at))
    ctx.progress(1, 1, "Đã lập xong các biểu thống kê")
    return f"bieu-thong-ke-{org.code}-{at}.xlsx", data


@job_kind("reports.report", "Báo cáo sơ kết, tổng kết")
def report(
    ctx: JobContext, *, code: str, period: str, fmt: str, view: str = "was", on: str = ""
) -> JobResult:
    from dangvu.reports.draft import report_draft
    from dangvu.reports.selectors import FORMATS, file_name, render

    if fmt not in FORMATS:
        raise DomainError(f"Định dạng «{fmt}» không hỗ trợ: chọn docx, pdf hoặc xlsx.")
    org = _organisation(ctx, code)
    ctx.progress(0, 2, "Đang tổng hợp số liệu của báo cáo")
    content = report_draft(
        ctx.user, org, Period.parse(period), view=TreeView(view), on=dt.date.fromisoformat(on) if on else None
    )
    ctx.progress(1, 2, f"Đang dựng tệp .{fmt}")
    data = render(content, fmt)
    ctx.progress(2, 2, "Đã dựng xong báo cáo")
    return file_name(content, fmt), data


@contextmanager
def _local_copy(name: str) -> Iterator[Path]:
    """A stored upload as a local file (storage may be remote): openpyxl wants a seekable file."""
    import tempfile

    with default_storage.open(name, "rb") as src, tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            tmp.write(chunk)
        tmp.flush()
        yield Path(tmp.name)


def _rows_estimate(path: Path) -> int:
    """Data rows in the sheet, for the progress bar: its recorded size, else its `<row>` tags counted."""
    import re
    import zipfile

    from openpyxl import load_workbook

    from dangvu.members.xlsx import SHEET

    wb = load_workbook(path, read_only=True)
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        if ws.max_row and ws.max_row > 1:
            return ws.max_row - 1
        part = getattr(ws, "_worksheet_path", "")
    finally:
        wb.close()
    count, tail, tag = 0, b"", re.compile(rb"<row[ >]")
    with zipfile.ZipFile(path) as z, z.open(part) as xml:  # files written in streaming mode record no size
        for chunk in iter(lambda: xml.read(1 << 20), b""):
            count += len(tag.findall(tail + chunk))
            tail = chunk[-4:]
    return max(1, count - 1)


@job_kind("members.import", "Nhập đảng viên từ tệp Excel", rerunnable=False)
def members_import_job(ctx: JobContext, *, file: str, label: str = "") -> JobResult:
    """Validate every row, then write all new members in one transaction, or nothing: a cancel during the
    writing stage stops at the next batch's progress report and rolls the whole transaction back."""
    from dangvu.members.xlsx_import import members_import

    if not default_storage.exists(file):
        raise DomainError("Tệp tải lên không còn trên máy chủ; hãy tải lên lại.")
    with _local_copy(file) as path:
        total = _rows_estimate(path)

        def progress(stage: str, n: int) -> None:
            if stage == "ghi" and n == 0:
                ctx.progress(
                    total, 2 * total, "Mọi dòng hợp lệ; đang ghi vào sổ (tất cả hoặc không)", force=True
                )
            elif stage == "ghi":
                ctx.progress(total + n, 2 * total, f"Đang ghi: {vn_number(n)} đảng viên")
            else:
                ctx.progress(
                    min(n, total), 2 * total, f"Đang kiểm tra: {vn_number(n)}/{vn_number(total)} dòng"
                )

        ctx.progress(0, 2 * total, "Đang kiểm tra từng dòng")
        actor: Any = None if getattr(ctx.user, "pk", None) is None else ctx.user
        result = members_import(path, actor=actor, label=label, progress=progress)
    if result.written:  # committed: a cancel or a stop asked from now on comes too late
        ctx.committed()
    default_storage.delete(file)
    if result.errors:
        lines = [str(e) for e in result.errors[:MAX_ERRORS_SHOWN]]
        if len(result.errors) > MAX_ERRORS_SHOWN:
            lines.append(f"… và {vn_number(len(result.errors) - MAX_ERRORS_SHOWN)} lỗi khác.")
        raise DomainError(
            f"Tệp có {vn_number(len(result.errors))} lỗi trong {vn_number(result.rows)} dòng; không ghi gì.\n"
            + "\n".join(lines)
        )
    summary = (
        f"Đã thêm {vn_number(result.created)} đảng viên; {vn_number(result.unchanged)} đã có trong sổ "
        f"(bỏ qua); {vn_number(result.rows)} dòng."
    )
    ctx.progress(2 * total, 2 * total, summary)
    return f"ket-qua-nhap-{Path(label).stem or 'dang-vien'}.txt", (summary + "\n").encode()
