"""Pages load nothing from outside (closed networks), and log-in is hardened (Argon2, lock-out)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

EXTERNAL = re.compile(r"""(?:src|href)=["']https?://""")


@pytest.mark.parametrize("url", ["/dang-nhap/", "/api/docs"])
def test_pages_use_only_local_assets(client, province, url):
    client.force_login(province.users["admin"])
    html = client.get(url).content.decode()
    assert not EXTERNAL.search(html), EXTERNAL.search(html)


def test_tree_page_uses_only_local_assets(client, province):
    client.force_login(province.users["admin"])
    response = client.get("/to-chuc/")
    assert response.status_code == 200
    assert not EXTERNAL.search(response.content.decode())


def test_passwords_are_hashed_with_argon2_outside_tests():
    import dangvu.settings as configured  # the suite swaps in a fast hasher; the shipped settings do not

    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    assert hasher.verify("Mat-khau-thu-2026", hasher.encode("Mat-khau-thu-2026", hasher.salt()))


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, province):
    for _ in range(5):
        client.post(
            "/dang-nhap/", {"username": "editor_a", "password": "sai-mat-khau"}, REMOTE_ADDR="10.0.0.9"
        )
    response = client.post(
        "/dang-nhap/", {"username": "editor_a", "password": "Mat-khau-thu-2026"}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code in (403, 429)
    assert "tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_works_and_lands_on_the_tree(client, province):
    response = client.post("/dang-nhap/", {"username": "editor_a", "password": "Mat-khau-thu-2026"})
    assert response.status_code == 302
    assert response["Location"] == "/to-chuc/"


def test_session_cookie_is_http_only(client, province):
    client.post("/dang-nhap/", {"username": "editor_a", "password": "Mat-khau-thu-2026"})
    assert client.cookies["sessionid"]["httponly"]
