"""The permission matrix: every URL pattern and every API operation × every role × inside and outside.

`PAGES` and `API` (tests/permission_pages.py, tests/permission_api.py) are the table: one row per URL
pattern name (or API "METHOD path"), saying how to
build its URL for commune A (inside the users' sub-tree) and commune B (outside), the lowest role that may
read it and the lowest that may write through it. `test_every_url_pattern_is_in_the_table` fails, naming
the pattern, when a URL is added without a row, so a new endpoint cannot go untested.

The convention asserted (docs/architecture.md, "Permissions"):
- anonymous: pages redirect to the login page, the API answers 401;
- inside with enough role: 200 (a POST that writes: 302 after writing, the API 201);
- inside with too little role: a read is 404 (a page at a level the user does not hold does not exist for
  them); a write is refused with the service's message (the form again, 200, or back to the page, 302) or
  404 where the view checks the level itself — in every case nothing is written;
- outside (objects, codes or `?org=` of commune B): 404 for every role, nothing written;
- and no response to a user of A contains anything of B (`SECRET`), files included.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from permission_api import API, API_ROOT_NAMES
from permission_pages import DJANGO_ADMIN, PAGES
from permission_rows import (
    ANYONE,
    EDITOR,
    ON_DATE,
    ROLES,
    TOP,
    Build,
    Row,
)
from permission_world import LEVELS, SECRET, World, build_world

# --- enumeration -------------------------------------------------------------------------------------


def url_pattern_names() -> list[str]:
    """Every named URL pattern with its namespace (the API's operations: `api_operations`)."""

    def walk(patterns: list[Any], ns: str) -> list[str]:
        out: list[str] = []
        for p in patterns:
            if isinstance(p, URLResolver):
                out += walk(p.url_patterns, ns + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern):
                out.append(ns + (p.name or ""))
        return out

    return walk(get_resolver().url_patterns, "")


def api_operations() -> list[str]:
    from dangvu.api.api import api

    schema = api.get_openapi_schema()
    return [f"{m.upper()} {p}" for p, ops in schema["paths"].items() for m in ops]


def test_every_url_pattern_is_in_the_table() -> None:
    names = url_pattern_names()
    missing = sorted(
        {
            n
            for n in names
            if not n.startswith("admin:")
            and n not in PAGES
            and n not in API_ROOT_NAMES
            and not (n.startswith("api:") and n not in PAGES)
        }
    )
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    ops = api_operations()
    missing_ops = sorted(set(ops) - set(API))
    assert not missing_ops, f"API operations without a row in the permission matrix: {missing_ops}"
    # Every ninja URL pattern belongs to an operation of the schema (none hides outside it).
    api_names = {n for n in names if n.startswith("api:")} - set(PAGES) - API_ROOT_NAMES
    assert len(api_names) <= len(ops)
    stale = sorted((set(PAGES) - set(names)) | (set(API) - set(ops)))
    assert not stale, f"rows for URLs that no longer exist: {stale}"


# --- running the matrix ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The world, built once for the module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            w = build_world()
            for role in ROLES:  # logged in once, outside the tests' savepoints (their sessions stay)
                _client(w, role)
            yield w
        finally:
            CLIENTS.clear()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


CASES: list[str] = []  # one entry per request made and judged
LEAKS: list[str] = []  # requests that showed anything of B to a user of A, or that were not refused


def _counted_tables() -> list[str]:
    from auditlog.models import LogEntry
    from django.contrib.auth import get_user_model

    models = [LogEntry, get_user_model()]
    for label in (
        "accounts",
        "organisations",
        "members",
        "documents",
        "meetings",
        "assignments",
        "activities",
        "indicators",
        "reports",
    ):
        models += [m for m in apps.get_app_config(label).get_models() if m.__name__ != "PersonalDataAccess"]
    return [m._meta.db_table for m in models]


_FINGERPRINT_SQL: list[str] = []


def fingerprint() -> tuple[int, ...]:
    """Rows of every table of Dangvu, of the users and of the audit trail (personal-data reads excepted:
    they log), counted in one query."""
    from django.db import connection

    if not _FINGERPRINT_SQL:
        qn = connection.ops.quote_name
        counts = ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in _counted_tables())
        _FINGERPRINT_SQL.append(f"SELECT {counts}")
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL[0])
        return tuple(cursor.fetchone())


def _text_of(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # .xlsx / .docx: look inside every part
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return body.decode("utf-8", "replace")


CLIENTS: dict[str, Client] = {}  # one logged-in client per role for the whole module (see `world`)


def _client(w: World, role: str, *, fresh: bool = False) -> Client:
    """The role's client, logged in once; `fresh` for requests that end or change the session (logout)."""
    c = None if fresh else CLIENTS.get(role)
    if c is None:
        c = Client()
        if role != "anonymous":
            c.force_login(w.users[role])
        if not fresh:
            CLIENTS[role] = c
    c.cookies.pop("messages", None)  # no flash message carried from one request to the next
    return c


def _level(role: str) -> int:
    return LEVELS.get(role, -1)


def _allowed(role: str, need: int) -> bool:
    return role != "anonymous" and need != TOP and _level(role) >= need


class Judge:
    def __init__(self, key: str) -> None:
        self.key, self.errors = key, []  # type: list[str]

    def check(
        self, what: str, response: Any, expected: int | tuple[int, ...], *, secret: bool = True
    ) -> None:
        CASES.append(f"{self.key} {what}")
        want = expected if isinstance(expected, tuple) else (expected,)
        if response.status_code not in want:
            self.errors.append(f"{what}: {response.status_code}, expected {want}")
            if response.status_code == 200 and want[0] in (401, 403, 404, 302):
                LEAKS.append(f"{self.key} {what}")
        elif secret and response.status_code == 200 and SECRET in _text_of(response):
            self.errors.append(f"{what}: shows something of commune B")
            LEAKS.append(f"{self.key} {what}")

    def unchanged(self, what: str, before: tuple[int, ...]) -> None:
        if fingerprint() != before:
            self.errors.append(f"{what}: refused, yet something was written")
            LEAKS.append(f"{self.key} {what} (write)")


def _url(key: str, row: Row, w: World, side: str, role: str, api: bool) -> str:
    from django.urls import reverse
    from django.utils.http import urlencode

    kwargs = row.kwargs(w, side, role) if row.kwargs else {}
    path = key.split(" ", 1)[1].format(**kwargs) if api else (reverse(key, kwargs=kwargs) if key else "/")
    query = row.query(w, side, role) if row.query else {}
    return f"{path}?{urlencode(query)}" if query else path


def run_row(key: str, row: Row, w: World, *, api: bool) -> None:
    j = Judge(key)
    login = 401 if api else 302

    def differs(build: Build | None) -> bool:
        return build is not None and build(w, "A", "viewer") != build(w, "B", "viewer")

    outside_differs = row.scoped and (differs(row.kwargs) or differs(row.query))
    sides = ["A"] + (["B"] if row.scoped and (outside_differs or differs(row.body)) else [])
    if row.get is not None:
        for role in ROLES:
            c = _client(w, role)
            for side in sides if outside_differs else ["A"]:
                url = _url(key, row, w, side, role, api)
                if role == "anonymous":
                    expected: int | tuple[int, ...] = row.anonymous or login
                elif side == "B":
                    expected = 404
                elif _allowed(role, row.get) or row.get == ANYONE:
                    expected = row.ok
                else:
                    expected = 404
                j.check(f"GET {role} {side} {url}", c.get(url), expected)
    if row.post is not None:
        send = (
            (lambda c, url, body: c.post(url, json.dumps(body), content_type="application/json"))
            if api
            else (lambda c, url, body: c.post(url, body))
        )
        allowed_role = None
        for role in ROLES:
            c = _client(w, role, fresh=row.fresh)
            for side in sides:
                url = _url(key, row, w, side, role, api)
                body = row.body(w, side, role) if row.body else {}
                if role == "anonymous":
                    expected = login
                elif side == "B" and not (_allowed(role, row.post) or row.post == ANYONE):
                    expected = 404 if row.kwargs is not None or row.post_refused == 404 else row.post_outside
                elif side == "B":
                    expected = row.post_outside if row.kwargs is None else 404
                elif _allowed(role, row.post) or row.post == ANYONE:
                    allowed_role = allowed_role or role
                    continue  # written last, once
                else:
                    expected = row.post_refused
                before = fingerprint()
                j.check(f"POST {role} {side} {url}", send(c, url, body), expected)
                j.unchanged(f"POST {role} {side} {url}", before)
        if allowed_role:
            url = _url(key, row, w, "A", allowed_role, api)
            before = fingerprint()
            j.check(
                f"POST {allowed_role} A {url}",
                send(
                    _client(w, allowed_role, fresh=row.fresh),
                    url,
                    row.body(w, "A", allowed_role) if row.body else {},
                ),
                row.posted,
            )
            if row.writes and fingerprint() == before:
                j.errors.append(f"POST {allowed_role} A {url}: allowed, yet nothing was written")
    assert not j.errors, f"{key}:\n  " + "\n  ".join(j.errors)


@pytest.mark.parametrize("key", sorted(PAGES))
def test_page(key: str, world: World, db: Any) -> None:
    run_row(key, PAGES[key], world, api=False)


@pytest.mark.parametrize("key", sorted(API))
def test_api(key: str, world: World, db: Any) -> None:
    run_row(key, API[key], world, api=True)


def test_django_admin_is_for_staff_only(world: World, db: Any) -> None:
    j = Judge(DJANGO_ADMIN)
    for role in ROLES:
        j.check(f"GET {role}", _client(world, role).get("/django-admin/"), 302)
    assert not j.errors, j.errors


def test_personal_data_only_from_editor_up_and_each_read_logged(world: World, db: Any) -> None:
    """Birth dates, identity numbers, addresses: editor and above over the member's cell, each read logged."""
    from dangvu.members.models import PersonalDataAccess

    m = world["A"].members[0]
    for role in LEVELS:
        c, before = _client(world, role), PersonalDataAccess.objects.count()
        page = c.get(f"/dang-vien/{m.pk}/").content.decode()
        api = c.get(f"/api/members/{m.pk}").content.decode()
        shown = LEVELS[role] >= EDITOR
        CASES.extend([f"personal data {role} page", f"personal data {role} api"])
        assert (m.identity_number in page, m.identity_number in api) == (shown, shown), role
        assert PersonalDataAccess.objects.count() - before == (2 if shown else 0), role


def test_candidate_birth_date_only_from_editor_up_and_each_read_logged(world: World, db: Any) -> None:
    """A candidate's birth date (list and record, page and API): editor and above at the cell, each read
    logged under a path in A's sub-tree, so A's administrator sees it in the personal-data log."""
    from dangvu.members.models import PersonalDataAccess

    c, a_path = world["A"]["candidate"], world["A"].commune.path
    reads = (
        ("/dang-vien/nguon/", "02/01/2000"),
        (f"/dang-vien/nguon/{c.pk}/", "02/01/2000"),
        ("/api/members/candidates", "2000-01-02"),
        (f"/api/members/candidates/{c.pk}", "2000-01-02"),
    )
    for role in LEVELS:
        client, last = _client(world, role), PersonalDataAccess.objects.order_by("-pk").values("pk").first()
        shown = LEVELS[role] >= EDITOR
        for url, birth in reads:
            CASES.append(f"candidate personal data {role} {url}")
            r = client.get(url)
            assert r.status_code == 200, (role, url, r.status_code)
            assert (birth in r.content.decode()) == shown, (role, url)
        logged = PersonalDataAccess.objects.filter(pk__gt=last["pk"] if last else 0)
        assert logged.count() == (len(reads) if shown else 0), role
        for entry in logged:
            assert entry.candidate_ids == [c.pk], (role, entry.detail)
            assert entry.org_path.startswith(a_path), (role, entry.detail, entry.org_path)


def test_members_213_ids_of_b_under_a_member(world: World, db: Any) -> None:
    """B's residence contact, early-badge mark or cell code given on the page of A's member: 404, nothing
    written, for every role at A."""
    from dangvu.members.models import EarlyBadge

    a, b = world["A"], world["B"]
    b_mark = EarlyBadge.objects.create(member=b.members[0], recorded_on=ON_DATE, reason=f"ốm {SECRET}")
    m = a.members[0].pk
    posts = (
        (
            f"/dang-vien/{m}/noi-cu-tru/{b['contact'].pk}/nhan-xet/",
            {"year": 2024, "returned_on": "2024-06-01", "assessment": "tốt"},
        ),
        (f"/dang-vien/{m}/noi-cu-tru/", {"since": "2024-05-02", "residence_code": b.cell.code}),
        (f"/dang-vien/{m}/huy-hieu-som/", {"on": "2024-05-02", "reason": "thôi", "revoke": b_mark.pk}),
    )
    j = Judge("members 213 (B's ids under A's member)")
    for role in LEVELS:
        for url, body in posts:
            before = fingerprint()
            j.check(f"POST {role} {url}", _client(world, role).post(url, body), 404)
            j.unchanged(f"POST {role} {url}", before)
    assert not j.errors, j.errors


def test_shared_person_shows_nothing_of_b(world: World, db: Any) -> None:
    """A cadre of the province is seen by A's users (above them); their seat in B's steering body and the
    titles B's records gave them are not (their page, the list of cadres, the province's title shown)."""
    j = Judge("meetings:person (shared)")
    person = world["A"]["shared_person"]
    for url in (f"/hoi-nghi/can-bo/{person.pk}/", "/hoi-nghi/can-bo/?q=can+bo+tinh+chung"):
        for role in ROLES:
            r = _client(world, role).get(url)
            j.check(f"GET {role} P {url}", r, 302 if role == "anonymous" else 200)
            if role != "anonymous" and "Tỉnh ủy viên" not in r.content.decode():
                j.errors.append(f"GET {role} P {url}: the province's own title is not shown")
    assert not j.errors, j.errors


def _task_sheet(giver: str, lead: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from dangvu.assignments.xlsx_import import COLUMNS, SHEET

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append(list(COLUMNS))
    ws.append(["Nhiệm vụ nhập từ tệp", giver, lead, "", "02/05/2024", "", ""])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("nhiem-vu.xlsx", out.getvalue())


def test_task_import_stays_in_scope(world: World, db: Any) -> None:
    """The upload (step 1 checks, writes nothing; step 2 writes): B's units are unknown to every role at
    A, a viewer cannot give tasks, an editor can; nothing of B is shown."""
    j = Judge("assignments:import")
    url = "/nhiem-vu/nhap/"
    for role in ROLES:
        for side in ("A", "B"):
            giver, lead = world[side].commune.code, world[side].cell.code
            allowed = side == "A" and _level(role) >= EDITOR
            before = fingerprint()
            r = _client(world, role).post(url, {"file": _task_sheet(giver, lead)})
            j.check(f"POST {role} {side} {url}", r, 302 if role == "anonymous" else 200)
            j.unchanged(f"POST {role} {side} {url} (preview)", before)
            token = r.context["token"] if r.status_code == 200 else None
            if (token is not None) != allowed:
                j.errors.append(f"POST {role} {side}: preview {'refused' if allowed else 'accepted'}")
                if not allowed:
                    LEAKS.append(f"assignments:import {role} {side}")
            if token is not None and allowed and role == "editor":  # written once (then it is known)
                before = fingerprint()
                j.check(f"POST {role} {side} confirm", _client(world, role).post(url, {"token": token}), 302)
                if fingerprint() == before:
                    j.errors.append(f"POST {role} {side} confirm: nothing was written")
    assert not j.errors, j.errors


def test_zz_matrix_size(world: World) -> None:
    """Runs last: the number of cases judged and of leaks (printed; docs/architecture.md quotes them)."""
    print(f"\npermission matrix: {len(CASES)} cases, {len(LEAKS)} leaks")
    if len(CASES) > 500:  # the whole module ran
        assert not LEAKS, LEAKS
