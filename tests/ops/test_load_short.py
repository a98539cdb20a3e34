"""The load test in its short form (CI): a small fixture province on SQLite (WAL), gunicorn with several
processes and threads, a few Locust users logging in, browsing and saving figures while a members import
runs on the command line. No request may fail and the database may never be reported locked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.load
def test_short_load_has_no_errors_and_no_locked_database(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    env = {k: v for k, v in os.environ.items() if k != "DANGVU_DATABASE_URL"}
    command = [sys.executable, str(ROOT / "bench" / "load.py"), "--short", "--db", "sqlite"]
    command += ["--data-dir", str(tmp_path / "data"), "--json", str(out)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=600)
    (run,) = json.loads(out.read_text(encoding="utf-8"))["sqlite"]
    pages = {r["page"] for r in run["rows"]}
    assert {"đăng nhập", "/chi-tieu/[mã]/", "/dang-vien/", "/van-ban/"} <= pages, pages
    assert sum(r["requests"] for r in run["rows"] if r["page"] != "(tất cả)") >= 15, run["rows"]
    assert run["errors"] == 0, run["rows"]
    assert run["server_errors"] == 0, run
    assert run["locked"] == 0, run
    assert run["import"]["ok"], run["import"]["output"]
