"""Tasks from .xlsx: template, per-row errors naming row and column, scope, all or nothing, the same file
twice changes nothing; the page's preview then confirm; `dangvu import|export tasks`."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from dangvu.assignments.models import Task
from dangvu.assignments.xlsx_import import COLUMNS, tasks_import, template_write

ROWS = [
    ["Rà soát đảng viên", "D1", "XA", "XB; CS", dt.date(2026, 1, 5), "31/03/2026", "Quyết định số 32-QĐ/TU"],
    ["Báo cáo sơ kết", "D1", "Đảng bộ xã Thạch Sơn", None, "2026-01-05", None, None],
]


def _xlsx(rows, header=COLUMNS):
    out = io.BytesIO()
    template_write(out)
    wb = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    ws = wb.worksheets[0]
    if header != COLUMNS:
        ws.delete_rows(1)
        ws.append(list(header))
    for r in rows:
        ws.append(r)
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    return data


def test_import_twice_changes_nothing(province, system):
    result = tasks_import(_xlsx(ROWS), actor=None)
    assert result.written and result.created == 2
    t = Task.objects.get(text="Rà soát đảng viên")
    assert t.lead.code == "XA" and {o.code for o in t.supporting.all()} == {"XB", "CS"}
    assert t.deadline == dt.date(2026, 3, 31) and t.document.symbol == "32-QĐ/TU"
    again = tasks_import(_xlsx(ROWS), actor=None)
    assert (again.created, again.unchanged, Task.objects.count()) == (0, 2, 2)


def test_errors_name_row_and_column_and_nothing_is_written(province):
    bad = [
        ROWS[0],
        ["", "D1", "XA", None, "2026-01-05", None, None],
        ["Kiểm tra", "D1", "XZ", None, "05/01/2026", "01/01/2026", "02-NQ"],
        ["Họp", "D1", "XA", None, "ngày mai", None, None],
    ]
    result = tasks_import(_xlsx(bad), actor=None)
    text = [str(e) for e in result.errors]
    assert "Dòng 3, cột «Nội dung nhiệm vụ»: cần có giá trị." in text
    assert any(
        e.startswith("Dòng 4, cột «Đơn vị chủ trì (mã hoặc tên)»: Không có tổ chức «XZ»") for e in text
    )
    assert any(e.startswith("Dòng 4, cột «Thời hạn»: thời hạn 01/01/2026 trước ngày giao") for e in text)
    assert any(e.startswith("Dòng 4, cột «Theo văn bản") for e in text)
    assert any(e.startswith("Dòng 5, cột «Ngày giao»") for e in text)
    assert not Task.objects.exists()
    missing = tasks_import(_xlsx([], header=["Nội dung nhiệm vụ"]), actor=None)
    assert str(missing.errors[0]).startswith("Dòng 1, cột «")


def test_scope(province):
    result = tasks_import(_xlsx(ROWS), actor=province.users["editor_a"])
    assert any("cột «Đơn vị giao (mã)»: Không có tổ chức «D1» trong phạm vi" in str(e) for e in result.errors)
    own = [["Họp chi bộ", "XA", "CA1", None, "2026-01-05", None, None]]
    assert tasks_import(_xlsx(own), actor=province.users["editor_a"]).created == 1


def test_page_preview_then_confirm(client, province):
    client.force_login(province.users["admin"])
    assert client.get("/nhiem-vu/mau-nhap.xlsx").status_code == 200
    upload = _xlsx(ROWS)
    upload.name = "nhiem-vu.xlsx"
    r = client.post("/nhiem-vu/nhap/", {"file": upload})
    page = r.content.decode()
    assert 'id="preview"' in page and "Rà soát đảng viên" in page and not Task.objects.exists()
    token = r.context["token"]
    r = client.post("/nhiem-vu/nhap/", {"token": str(token)})
    assert r.status_code == 302 and Task.objects.count() == 2


def test_cli(province, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(_xlsx(ROWS).getvalue())
    out = io.StringIO()
    call_command("import", "tasks", str(path), "--dry-run", stdout=out)
    assert "Hợp lệ, sẽ giao 2 nhiệm vụ" in out.getvalue() and not Task.objects.exists()
    call_command("import", "tasks", str(path), stdout=out)
    assert Task.objects.count() == 2
    with pytest.raises(CommandError, match="lỗi"):
        call_command("import", "tasks", str(path), "--user", "outsider", stdout=out, stderr=io.StringIO())
    call_command("export", "tasks", "-o", str(tmp_path / "x.xlsx"), stdout=out)
    assert "Đã xuất 2 nhiệm vụ" in out.getvalue()


def test_a_hostile_file_is_refused_before_parsing(tmp_path: Path) -> None:
    """The task import goes through the upload guard too: a formula is refused with the cell named."""
    from openpyxl import Workbook

    from dangvu.assignments.xlsx_import import tasks_import

    wb = Workbook()
    ws = wb.active
    ws.append(["Nội dung", "Số"])
    ws.append(["Việc thử", "=1+1"])
    path = tmp_path / "cong-thuc.xlsx"
    wb.save(path)
    result = tasks_import(path, actor=None, dry_run=True)
    assert result.errors and "công thức" in result.errors[0].message
