"""The server killed (kill -9) in the middle of an import: nothing of the file is in the register, and the
same import run again succeeds fully. Real processes on a real SQLite file, not a simulation."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dangvu.core.faults import MARK
from dangvu.members.xlsx import COLUMNS, template_write

SRC = Path(__file__).resolve().parents[2] / "src"
ROWS = 40
SETUP = """
import django, datetime as dt
django.setup()
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.services import org_establish
hl = org_establish(actor=None, code="HL", name="Đảng bộ tỉnh Thử nghiệm", kind=OrgKind.PROVINCIAL,
                   parent=None, established_on=dt.date(2000, 1, 1))
org_establish(actor=None, code="CS", name="Chi bộ Sở Tư pháp", kind=OrgKind.GRASSROOTS_CELL, parent=hl,
              established_on=dt.date(2000, 1, 1))
"""


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGVU_", "DJANGO_"))}
    return env | {
        "PYTHONPATH": str(SRC),
        "DANGVU_DATA_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "dangvu.settings",
    } | extra


def _dangvu(*args: str) -> list[str]:
    return [sys.executable, "-m", "dangvu.cli", *args]


def _members_file(path: Path) -> None:
    template_write(path)
    wb = openpyxl.load_workbook(path)
    headers = ["STT", *(c.header for c in COLUMNS)]
    for i in range(ROWS):
        values = {
            "Họ và tên": f"Nguyễn Văn Thử {i}",
            "Giới tính": "Nam",
            "Ngày sinh": dt.date(1980, 1, 1) + dt.timedelta(days=37 * i),
            "Dân tộc": "Kinh",
            "Số CCCD": f"0420800{i:05d}",
            "Số thẻ đảng viên": f"9{i:07d}",
            "Ngày vào Đảng": dt.date(2015, 3, 4),
            "Ngày chính thức": dt.date(2016, 3, 4),
            "Mã chi bộ": "CS",
        }
        wb.active.append([values.get(h) for h in headers])  # type: ignore[union-attr]
    wb.save(path)


def _count(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return int(c.execute("SELECT count(*) FROM members_member").fetchone()[0])


def test_an_import_killed_inside_its_transaction_leaves_nothing_and_can_be_rerun(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run(_dangvu("migrate", "-v", "0"), env=env, check=True, cwd=tmp_path, timeout=240)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, cwd=tmp_path, timeout=60)
    source = tmp_path / "dang-vien.xlsx"
    _members_file(source)
    db = tmp_path / "dangvu.sqlite3"

    paused = _env(tmp_path, DANGVU_FAULT_POINT="members-import-writing", DANGVU_FAULT_PAUSE="120")
    proc = subprocess.Popen(
        _dangvu("import", "members", str(source)),
        env=paused,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(MARK):
                break
        else:
            pytest.fail(f"the import ended before its writing transaction (code {proc.wait()})")
        os.kill(proc.pid, signal.SIGKILL)  # the rows of the first batch are inserted, not committed
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _count(db) == 0, "a killed import left rows behind"

    again = subprocess.run(
        _dangvu("import", "members", str(source)), env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert _count(db) == ROWS
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM members_placement").fetchone()[0] == ROWS
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
