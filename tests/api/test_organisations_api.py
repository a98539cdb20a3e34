"""The HTTP API: token and session auth, and the same scope and 404s as the pages."""

import pytest

from dangvu.accounts.services import api_token_create, api_token_revoke


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def tokens(province):
    return {name: api_token_create(actor=u, user=u, label="thử") for name, u in province.users.items()}


def test_anonymous_and_bad_tokens_get_401(province, client):
    for path in ("/api/organisations/tree", "/api/organisations/XA", "/api/organisations/search?q=a"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, **bearer("dv_not-a-token")).status_code == 401, path


def test_revoked_token_is_refused(province, client, tokens):
    from dangvu.accounts.models import ApiToken

    assert client.get("/api/organisations/XA", **bearer(tokens["editor_a"])).status_code == 200
    api_token_revoke(
        actor=province.users["editor_a"], token=ApiToken.objects.get(user=province.users["editor_a"])
    )
    assert client.get("/api/organisations/XA", **bearer(tokens["editor_a"])).status_code == 401


def test_inactive_users_token_is_refused(province, client, tokens):
    province.users["admin"].is_active = False
    province.users["admin"].save()
    assert client.get("/api/organisations/HL", **bearer(tokens["admin"])).status_code == 401


VISIBLE_TO = {
    "HL": {"admin"},
    "XA": {"admin", "editor_a"},
    "CA1": {"admin", "editor_a"},
    "XB": {"admin", "outsider"},
    "CB1": {"admin", "outsider"},
    "NOPE": set(),
}


@pytest.mark.parametrize("user", ["admin", "editor_a", "outsider"])
def test_detail_and_tree_404_outside_scope(province, client, tokens, user):
    for code, visible_to in VISIBLE_TO.items():
        ok = user in visible_to
        r = client.get(f"/api/organisations/{code}", **bearer(tokens[user]))
        assert r.status_code == (200 if ok else 404), code
        if ok:
            assert r.json()["code"] == code
        r = client.get(f"/api/organisations/tree?org={code}&at=2024-12-31", **bearer(tokens[user]))
        assert r.status_code == (200 if ok else 404), code


def test_detail_payload(province, client, tokens):
    r = client.get("/api/organisations/XA", **bearer(tokens["admin"]))
    assert r.json() == {
        "code": "XA",
        "name": "Đảng bộ xã Thạch Long",
        "kind": "grassroots_committee",
        "parent_code": "D1",
        "established_on": "2000-01-01",
        "dissolved_on": None,
        "successor_code": None,
        "is_synthetic": False,
    }


def test_tree_with_counts_depth_and_views(province, client, tokens):
    r = client.get("/api/organisations/tree?at=2024-12-31", **bearer(tokens["admin"]))
    data = r.json()
    assert data["at"] == "2024-12-31" and data["view"] == "was"
    (root,) = data["roots"]
    assert root["code"] == "HL" and root["members"] == 11 and root["units"]["grassroots"] == 3
    assert [c["code"] for c in root["children"]] == ["D1", "D2"]
    assert all("children" not in c for c in root["children"])  # depth 1 by default
    deep = client.get(
        "/api/organisations/tree?org=D1&depth=2&at=2024-12-31&view=now", **bearer(tokens["admin"])
    ).json()
    assert deep["view"] == "now" and deep["roots"][0]["children"][0]["children"][0]["code"] in {"CA1", "CA2"}
    outsider = client.get("/api/organisations/tree?at=2024-12-31", **bearer(tokens["outsider"])).json()
    assert [r["code"] for r in outsider["roots"]] == ["XB"] and outsider["roots"][0]["members"] == 4
    assert client.get("/api/organisations/tree?at=2024-13-01", **bearer(tokens["admin"])).status_code == 422
    assert client.get("/api/organisations/tree?view=later", **bearer(tokens["admin"])).status_code == 422


def test_search_is_scoped(province, client, tokens):
    for user, codes in (("admin", ["XA"]), ("editor_a", ["XA"]), ("outsider", [])):
        r = client.get("/api/organisations/search?q=thach%20long", **bearer(tokens[user]))
        assert r.status_code == 200 and [o["code"] for o in r.json()] == codes, user


def test_session_auth_works_too(province, client):
    client.force_login(province.users["outsider"])
    assert client.get("/api/organisations/XB").status_code == 200
    assert client.get("/api/organisations/XA").status_code == 404


def test_openapi_schema_and_docs(province, client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/organisations/tree" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200
