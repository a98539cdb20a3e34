"""The members register as a user meets it, in Debian's chromium driven by Playwright: search a name
without accents, open the member, see the record (with the birth date, being an editor)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "test-results"

if not Path(CHROMIUM).exists():
    if os.environ.get("DANGVU_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is required (DANGVU_REQUIRE_BROWSER is set)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        pg.set_default_timeout(10_000)
        yield pg
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_searches_without_accents_and_opens_a_member(
    province: Any, live_server: Any, page: Any
) -> None:
    from dangvu.members.models import Gender
    from dangvu.members.services import member_admit

    member_admit(
        actor=None,
        cell=province["CA1"],
        full_name="Nguyễn Thị Hương",
        gender=Gender.FEMALE,
        birth_date=dt.date(1991, 7, 15),
        ethnicity="Tày",
        admitted_on=dt.date(2019, 5, 19),
    )
    member_admit(
        actor=None,
        cell=province["CB1"],
        full_name="Nguyễn Thị Hương",
        gender=Gender.FEMALE,
        birth_date=dt.date(1990, 1, 1),
        ethnicity="Kinh",
        admitted_on=dt.date(2019, 5, 19),
    )  # the same name in a commune the editor may not see
    from dangvu.members.candidate_models import Occupation
    from dangvu.members.candidate_services import candidate_add

    candidate_add(
        actor=None,
        unit=province["CA2"],
        full_name="Lò Văn Sinh",
        birth_date=dt.date(2004, 4, 4),
        gender=Gender.MALE,
        ethnicity="Thái",
        occupation=Occupation.STUDENT,
        on=dt.date(2025, 9, 1),
    )
    SHOTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/dang-vien/")
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "Mat-khau-thu-2026")
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url("**/dang-vien/**")

    page.fill("#q", "nguyen thi huong")
    page.click("button:has-text('Xem')")
    page.wait_for_url("**q=nguyen+thi+huong**")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert (
        "Nguyễn Thị Hương" in rows.first.inner_text() and "Chi bộ thôn Trung Hòa" in rows.first.inner_text()
    )
    page.screenshot(path=str(SHOTS / "register-search.png"))

    rows.first.locator("a").click()
    page.wait_for_selector("#record")
    assert page.locator("h1").inner_text() == "Nguyễn Thị Hương"
    assert page.locator("#birth-date").inner_text() == "15/07/1991"
    assert "Tày" in page.locator("#record").inner_text()
    page.screenshot(path=str(SHOTS / "register-member.png"))

    page.goto(f"{live_server.url}/dang-vien/thong-ke/")
    page.wait_for_selector("#chart-gender canvas")  # ECharts drew it from the page's own figures
    page.wait_for_selector("#chart-age canvas")
    page.screenshot(path=str(SHOTS / "register-statistics.png"), full_page=True)

    page.goto(f"{live_server.url}/dang-vien/nguon/?q=lo+van+sinh")
    assert "Lò Văn Sinh" in page.locator("#candidates").inner_text()
    assert "1 (1 / 0)" in page.locator("#counts-total").inner_text()  # one source, a student
    page.screenshot(path=str(SHOTS / "candidates.png"), full_page=True)
