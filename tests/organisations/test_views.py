"""The tree pages for the three users, for anonymous visitors, and for units outside a user's scope."""

import pytest
from django.urls import reverse

PAGES = [
    ("organisations:tree", []),
    ("organisations:search", []),
    ("organisations:detail", ["XB"]),
    ("organisations:branch", ["XB"]),
]


def test_anonymous_is_sent_to_login(province, client):
    for name, args in PAGES:
        r = client.get(reverse(name, args=args))
        assert r.status_code == 302 and r["Location"].startswith(reverse("login")), name


VISIBLE_TO = {
    "HL": {"admin"},
    "D1": {"admin"},
    "XA": {"admin", "editor_a"},
    "CA1": {"admin", "editor_a"},
    "XB": {"admin", "outsider"},
    "CB1": {"admin", "outsider"},
    "NOPE": set(),
}


@pytest.mark.parametrize("user", ["admin", "editor_a", "outsider"])
def test_detail_and_branch_answer_404_outside_scope(province, client, user):
    client.force_login(province.users[user])
    for code, visible_to in VISIBLE_TO.items():
        expected = 200 if user in visible_to else 404
        assert client.get(reverse("organisations:detail", args=[code])).status_code == expected, code
        assert client.get(reverse("organisations:branch", args=[code])).status_code == expected, code


def test_tree_page_shows_only_what_the_user_may_see(province, client):
    client.force_login(province.users["outsider"])
    body = client.get(reverse("organisations:tree"), {"at": "2024-12-31"}).content.decode()
    assert "Thạch Sơn" in body
    assert "Thạch Long" not in body and "Trung Hòa" not in body and "Sở Tư pháp" not in body
    client.force_login(province.users["admin"])
    body = client.get(reverse("organisations:tree"), {"at": "2024-12-31", "view": "now"}).content.decode()
    assert "Đảng bộ tỉnh Thử nghiệm" in body


def test_tree_page_with_a_bad_date_still_answers(province, client):
    client.force_login(province.users["admin"])
    r = client.get(reverse("organisations:tree"), {"at": "31-31-2024"})
    assert r.status_code == 200
    assert "không hợp lệ" in r.content.decode()


def test_branch_lists_children(province, client):
    client.force_login(province.users["editor_a"])
    body = client.get(reverse("organisations:branch", args=["XA"]), {"at": "2024-12-31"}).content.decode()
    assert "Trung Hòa" in body and "Đông Tân" in body


def test_branch_of_a_unit_absent_on_the_date_is_404(province, client):
    client.force_login(province.users["admin"])
    assert client.get(reverse("organisations:branch", args=["XA"]), {"at": "1990-01-01"}).status_code == 404


def test_search_page_scoped(province, client):
    for user, found in (("admin", True), ("editor_a", True), ("outsider", False)):
        client.force_login(province.users[user])
        body = client.get(reverse("organisations:search"), {"q": "thach long"}).content.decode()
        assert ("Đảng bộ xã Thạch Long" in body) is found, user
        body = client.get(
            reverse("organisations:search"), {"q": "thach long"}, HTTP_HX_REQUEST="true"
        ).content.decode()
        assert ("Đảng bộ xã Thạch Long" in body) is found, user
