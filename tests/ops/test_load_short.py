"""The load test in its short form (CI): a small fixture province, gunicorn with several processes and
threads, a few Locust users logging in, browsing and saving figures while a members import runs on the
command line. No request may fail and the database may never be reported locked.

On SQLite (WAL) always; on PostgreSQL too when the suite runs there (DANGVU_DATABASE_URL), in a database
of its own created and dropped around the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITE_DB = os.environ.get("DANGVU_DATABASE_URL", "")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    import psycopg

    parts = urlsplit(SUITE_DB)
    name = f"dangvu_load_{os.getpid()}"
    with psycopg.connect(SUITE_DB, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(SUITE_DB, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_short(tmp_path: Path, db: str, url: str | None = None) -> dict:
    out = tmp_path / "load.json"
    env = {k: v for k, v in os.environ.items() if k != "DANGVU_DATABASE_URL"}
    command = [sys.executable, str(ROOT / "bench" / "load.py"), "--short", "--db", db]
    command += ["--data-dir", str(tmp_path / "data"), "--json", str(out)]
    if url:
        command += ["--pg-url", url]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=600)
    (run,) = json.loads(out.read_text(encoding="utf-8"))[db]
    return run


def check(run: dict) -> None:
    pages = {r["page"] for r in run["rows"]}
    assert {"đăng nhập", "/dang-vien/", "/to-chuc/"} <= pages, pages
    assert sum(r["requests"] for r in run["rows"] if r["page"] != "(tất cả)") >= 15, run["rows"]
    assert run["errors"] == 0, run["rows"]
    assert run["server_errors"] == 0, run
    assert run["locked"] == 0, run
    assert run["import"]["ok"], run["import"]["output"]


@pytest.mark.load
def test_short_load_on_sqlite_has_no_errors_and_no_locked_database(tmp_path: Path) -> None:
    check(run_short(tmp_path, "sqlite"))


@pytest.mark.load
@pytest.mark.skipif(not SUITE_DB.startswith("postgres"), reason="the suite runs on SQLite")
def test_short_load_on_postgresql_has_no_errors(tmp_path: Path, postgres_url: str) -> None:
    check(run_short(tmp_path, "postgres", postgres_url))
