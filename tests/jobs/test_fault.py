"""Fault test: the worker is a real process killed with -9 in the middle of a slow job; afterwards recovery
plus `worker --once` ends the job done, never left running."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from dangvu.jobs import services
from dangvu.jobs.models import Job

HERE = Path(__file__).parent
SRC = HERE.parent.parent / "src"


def _database_url(tmp_path: Path) -> str:
    """The worker process must see the test database: SQLite's in-memory one is copied to a file."""
    if connection.vendor == "sqlite":
        target = tmp_path / "jobs.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as dst:
            connection.connection.backup(dst)
        return f"sqlite:///{target}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _row(url: str, pk: int) -> tuple[str, int, int, int]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            found = db.execute(
                "SELECT status, progress_done, attempts, progress_total FROM jobs_job WHERE id = ?", (pk,)
            ).fetchone()
        return found[0], found[1], found[2], found[3]
    job = Job.objects.get(pk=pk)
    return job.status, job.progress_done, job.attempts, job.progress_total


def _start(url: str, env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(HERE / "run_worker.py"), "worker", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for_progress(url: str, pk: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status, _done, _attempts, total = _row(url, pk)
        if status == "running" and total > 0:  # it reported progress: in the middle of the job
            return
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        time.sleep(0.05)
    raise AssertionError("the worker never reported progress")


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_job_then_recovered_and_done(tmp_path: Path) -> None:
    job = services.job_enqueue(
        actor=None, kind="tests.slow", arguments={"steps": 12, "delay": 0.1}, organisation=None
    )
    url = _database_url(tmp_path)
    env: dict[str, Any] = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DANGVU_DATABASE_URL": url,
        "DANGVU_DATA_DIR": str(tmp_path),
        "DANGVU_JOBS_STALE_SECONDS": "1",
    }

    # kill -9: the job is left "running" with a heartbeat that stops.
    proc = _start(url, env, "--poll", "0.2")
    _wait_for_progress(url, job.pk, proc)
    proc.kill()
    proc.wait(timeout=5)
    assert _row(url, job.pk)[0] == "running"

    time.sleep(1.2)  # older than DANGVU_JOBS_STALE_SECONDS
    done = subprocess.run(
        [sys.executable, str(HERE / "run_worker.py"), "worker", "--once"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    status, progress, attempts, _total = _row(url, job.pk)
    assert (status, progress, attempts) == ("done", 12, 2), done.stdout.decode()
    assert "đã dừng" in done.stdout.decode()  # it said it recovered the job
