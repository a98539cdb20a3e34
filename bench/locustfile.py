"""Locust users doing what Party offices do at a reporting deadline (run by bench/load.py).

Each user is a demo login (mostly with a session made ahead by bench/load.py; 1 in 10 logs in
through the form) (the province office `quantri`, or a commune office `xa1`/`xa2`),
then, with a short think time between clicks: opens the indicator dashboard of its unit, browses the
tree, the members register, the tasks and the document register, and (commune offices) saves the
quarter's reported figures for its commune or one of its cells through the real form, CSRF token and all.

Environment: DANGVU_LOAD_PASSWORD (default the demo's), DANGVU_LOAD_WAIT ("min,max" seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

PASSWORD = os.environ.get("DANGVU_LOAD_PASSWORD", "DangVu@2026")
_WAIT = [float(x) for x in os.environ.get("DANGVU_LOAD_WAIT", "1,3").split(",")]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_NUMBER_INPUT = re.compile(r'type="number"[^>]* name="([^"]+)"')
_rng = random.Random(2026)
_SESSIONS: list[dict[str, str]] = (
    json.loads(Path(os.environ["DANGVU_LOAD_SESSIONS"]).read_text(encoding="utf-8"))
    if os.environ.get("DANGVU_LOAD_SESSIONS")
    else []
)
_started = 0


def csrf(html: str) -> str:
    found = _CSRF.search(html)
    return found.group(1) if found else ""


class Visitor(HttpUser):
    """Logged in as a demo office, knowing its unit and the units right below; no tasks of its own."""

    abstract = True
    wait_time = between(_WAIT[0], _WAIT[1])

    def on_start(self) -> None:
        global _started
        _started += 1
        ready = _SESSIONS[_started % len(_SESSIONS)] if _SESSIONS else None
        if ready and _started % 10 != 1:  # the 1st, 11th, 21st… log in through the form
            self.username = ready["username"]
            self.client.cookies.set("sessionid", ready["sessionid"])
        else:
            self.log_in(ready["username"] if ready else _rng.choice(["quantri", "xa1", "xa2"]))
        self.look_around()

    def log_in(self, username: str) -> None:
        self.username = username
        form = self.client.get("/dang-nhap/", name="đăng nhập (mẫu)")
        with self.client.post(
            "/dang-nhap/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf(form.text)},
            name="đăng nhập",
            catch_response=True,
        ) as r:
            if "/dang-nhap/" in r.url:
                r.failure(f"đăng nhập {self.username} không được")

    def look_around(self) -> None:
        tree = self.client.get("/api/organisations/tree?depth=1", name="/api/organisations/tree")
        root = tree.json()["roots"][0] if tree.ok else {"code": "HL", "children": []}
        self.code = root["code"]
        self.units = [self.code, *(c["code"] for c in root["children"])]


class Office(Visitor):
    """The reporting-deadline mix (the default scenario)."""

    @task(1)
    def dashboard(self) -> None:
        self.client.get(f"/chi-tieu/{self.code}/", name="/chi-tieu/[mã]/")

    @task(3)
    def org_tree(self) -> None:
        self.client.get("/to-chuc/", name="/to-chuc/")

    @task(3)
    def members(self) -> None:
        page = _rng.choice(["", "?trang=2", "?q=nguyen"])
        self.client.get(f"/dang-vien/{page}", name="/dang-vien/")

    @task(2)
    def task_list(self) -> None:
        self.client.get("/nhiem-vu/", name="/nhiem-vu/")

    @task(2)
    def documents(self) -> None:
        self.client.get("/van-ban/", name="/van-ban/")

    @task(3)
    def submit_figures(self) -> None:
        if self.username == "quantri":
            return
        url = f"/chi-tieu/{_rng.choice(self.units)}/so-lieu/"
        page = self.client.get(url, name="/chi-tieu/[mã]/so-lieu/ (mẫu)")
        fields = _NUMBER_INPUT.findall(page.text)
        if not fields or 'name="save"' not in page.text:
            return  # approved already (locked), or nothing to report
        data: dict[str, Any] = {name: _rng.randint(0, 40) for name in fields}
        data["csrfmiddlewaretoken"] = csrf(page.text)
        data["save"] = ""
        period = re.search(r'name="period" value="([^"]+)"', page.text)
        data["period"] = period.group(1) if period else ""
        with self.client.post(url, data, name="/chi-tieu/[mã]/so-lieu/ (lưu)", catch_response=True) as r:
            if r.ok and "Đã lưu số liệu" not in r.text and "alert-danger" in r.text:
                message = re.search(r"alert-danger[^>]*>([^<]+)<", r.text)
                text = message.group(1) if message else "?"
                if "đã được người khác sửa" in text:
                    # Two offices saving the same unit's figures at once: the second is told, by design
                    # (the concurrent-edit check). Counted on its own line, not as an error.
                    r.request_meta["name"] = "/chi-tieu/[mã]/so-lieu/ (lưu: người khác vừa sửa)"
                    r.success()
                else:
                    r.failure(f"không lưu được: {text}")


class DashboardReader(Visitor):
    """`bench/load.py --scenario dashboard`: the review-conference week — people only read dashboards, of
    their unit and the units below, for the running quarter (computed fresh every time) and past periods
    (kept once computed), and now and then open where a figure comes from."""

    def on_start(self) -> None:
        super().on_start()
        today = dt.date.today()
        quarter = (today.month - 1) // 3 + 1
        self.periods = ["", f"{today.year}-Q{quarter}", f"{today.year - 1}", f"{today.year - 1}-Q{quarter}"]
        self.periods += [f"{today.year}-Q{q}" for q in range(1, quarter)]

    @task(5)
    def dashboard_of(self) -> None:
        period = _rng.choice(self.periods)
        query = f"?period={period}" if period else ""
        self.client.get(
            f"/chi-tieu/{_rng.choice(self.units)}/{query}",
            name="/chi-tieu/[mã]/ (kỳ đang chạy)"
            if period in ("", self.periods[1])
            else "/chi-tieu/[mã]/ (kỳ đã qua)",
        )

    @task(1)
    def figure_source(self) -> None:
        period = _rng.choice(self.periods[2:])
        self.client.get(
            f"/chi-tieu/{self.code}/nguon/DV_KET_NAP/?period={period}",
            name="/chi-tieu/[mã]/nguon/[chỉ tiêu]/",
        )
