"""The tree as a user meets it, in Debian's chromium driven by Playwright: log in, open the tree, search
without accents, switch the date, and be refused another commune."""

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

# Playwright's sync API keeps an event loop in this thread; the fixtures' ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        pg.set_default_timeout(10_000)
        yield pg
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_commune_editor_browses_searches_switches_date_and_is_refused_elsewhere(
    province: Any, live_server: Any, page: Any
) -> None:
    from dangvu.organisations.services import org_rename

    org_rename(
        actor=None,
        organisation=province["XA"],
        name="Đảng bộ xã Thạch Long Đông",
        effective_on=dt.date(2020, 1, 1),
    )
    SHOTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/")
    assert "Đăng nhập" in page.title()
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "Mat-khau-thu-2026")
    page.click("button:has-text('Đăng nhập')")

    page.wait_for_selector(".tree")
    tree = page.locator(".tree").inner_text()
    assert "Đảng bộ xã Thạch Long Đông" in tree
    assert "Thạch Sơn" not in tree and "Thạch Hà" not in tree  # nothing above or beside the user's commune
    page.locator(".tree .toggle").first.wait_for()
    assert "Chi bộ thôn Trung Hòa" in tree  # the commune's cells are listed under it
    page.screenshot(path=str(SHOTS / "tree-editor.png"))

    page.fill("#q", "thach long")
    page.wait_for_selector("#search-list")
    results = page.locator("#search-list").inner_text()
    assert "Thạch Long Đông" in results
    assert "Thạch Sơn" not in page.locator("#search-list").inner_text()
    page.screenshot(path=str(SHOTS / "search-no-accents.png"))

    page.fill("#at", "2019-12-31")
    page.click("#apply-date")
    page.wait_for_url("**at=2019-12-31**")
    assert "Đảng bộ xã Thạch Long" in page.locator(".tree").inner_text()
    assert "Thạch Long Đông" not in page.locator(".tree").inner_text()  # the name it bore that day
    page.screenshot(path=str(SHOTS / "tree-2019.png"))

    response = page.goto(f"{live_server.url}/to-chuc/XB/")
    assert response is not None and response.status == 404
    assert "Thạch Sơn" not in page.content()
    response = page.goto(f"{live_server.url}/api/organisations/XB")
    assert response is not None and response.status == 404
