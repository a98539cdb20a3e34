"""Production settings pass Django's deployment checks (secure cookies, HSTS, SSL redirect, strong key)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def _check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The browser tests allow async-unsafe ORM calls in-process; a deployment never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | extra
    return subprocess.run(
        [sys.executable, "-m", "dangvu.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    done = _check(
        {
            "DANGVU_PRODUCTION": "1",
            "DANGVU_SECRET_KEY": secrets.token_urlsafe(64),
            "DANGVU_ALLOWED_HOSTS": "dangvu.example.vn",
            "DANGVU_DATA_DIR": str(tmp_path),
        }
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_development_settings_are_flagged_by_check_deploy(tmp_path):
    done = _check({"DANGVU_PRODUCTION": "0", "DANGVU_DATA_DIR": str(tmp_path)})
    assert done.returncode != 0
    assert "SECURE_HSTS_SECONDS" in done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DANGVU_SECRET_KEY"}
    env.update({"DANGVU_PRODUCTION": "1", "DANGVU_DATA_DIR": str(tmp_path)})
    done = subprocess.run(
        [sys.executable, "-m", "dangvu.cli", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "DANGVU_SECRET_KEY" in done.stderr
