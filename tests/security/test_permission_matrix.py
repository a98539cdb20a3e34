"""The permission matrix: every URL pattern and every API operation × every role × inside and outside.

`PAGES` and `API` below are the table: one row per URL pattern name (or API "METHOD path"), saying how to
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

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from permission_world import LEVELS, SECRET, World, build_world

VIEWER, EDITOR, APPROVER, ADMIN = 10, 20, 30, 40
TOP = 99  # only an administrator of a top organisation: no role at commune A is enough
ANYONE = 0  # any logged-in user
ROLES = ("anonymous", *LEVELS)
TODAY = dt.date.today().isoformat()
ON_MONTH = "2024-04"  # the month of the world's conferences (permission_world.ON)
ON_DATE = dt.date(2024, 4, 14)  # permission_world.ON

Build = Callable[[World, str, str], dict[str, Any]]  # (world, "A" or "B", role) -> kwargs / query / body


@dataclass(frozen=True)
class Row:
    get: int | None = VIEWER  # lowest level that may GET; None: the URL answers POST only
    post: int | None = None  # lowest level that may POST (a write, or a read by POST)
    kwargs: Build | None = None  # URL kwargs (inside and outside); None: the URL takes none
    query: Build | None = None  # the query that points outside (?org=B) for pages without kwargs
    body: Build | None = None  # the POST body; for forms without kwargs, "outside" is B's code in it
    ok: int = 200  # GET answer when allowed
    posted: int = 302  # POST answer when allowed
    post_refused: int = 302  # POST answer inside with too little role
    post_outside: int = 404  # POST answer outside
    writes: bool = True  # an allowed POST writes something (checked), False: reads by POST or not checked
    anonymous: int | None = None  # the answer to anonymous users when not the login page / 401
    scoped: bool = True  # False: the page concerns only the user (own tokens, the reader): no outside case
    fresh: bool = False  # True: the request ends the session (logout): a new client for each request


def code(w: World, s: str, r: str) -> dict[str, Any]:
    return {"code": w[s].commune.code}


def org_q(w: World, s: str, r: str) -> dict[str, Any]:
    return {"org": w[s].commune.code}


def obj(key: str, name: str = "pk", **extra: Any) -> Build:
    return lambda w, s, r: {name: w[s][key].pk, **extra}


def member(w: World, s: str, r: str) -> dict[str, Any]:
    return {"member_id": w[s].members[0].pk}


def const(**values: Any) -> Build:
    return lambda w, s, r: dict(values)


def with_code(key: str, cell: bool = False, **extra: Any) -> Build:
    return lambda w, s, r: {key: (w[s].cell if cell else w[s].commune).code, **extra}


PAGES: dict[str, Row] = {
    "": Row(ok=302),
    "login": Row(get=ANYONE, ok=302, anonymous=200),
    "logout": Row(get=None, post=ANYONE, writes=False, fresh=True),
    "organisations:tree": Row(),
    "organisations:search": Row(query=const(q="Bình"), scoped=False),
    "organisations:detail": Row(kwargs=code),
    "organisations:branch": Row(kwargs=code),
    "organisations:reorganise": Row(
        get=ADMIN,
        post=ADMIN,
        kwargs=lambda w, s, r: {"code": w[s].cell.code, "action": "doi-ten"},
        body=const(name="Chi bộ thôn Đổi Tên", effective_on="2024-05-01"),
        post_refused=404,
    ),
    "members:register": Row(query=org_q),
    "members:export": Row(query=org_q),
    "members:template": Row(get=ANYONE),
    "members:import": Row(get=ANYONE),
    "members:admit": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code(
            "cell_code",
            cell=True,
            full_name="Nguyễn Văn Mới",
            gender="nam",
            birth_date="1995-02-03",
            ethnicity="Kinh",
            admitted_on="2024-03-02",
            theory_level="",
        ),
    ),
    "members:statistics": Row(query=org_q),
    "members:work_lists": Row(  # POST: close an agency cell's mark (Quy định 213); ?org=B: 404 first
        post=EDITOR, query=org_q, body=with_code("unmark", cell=True), post_outside=404
    ),
    "members:detail": Row(kwargs=member),
    "members:record_event": Row(
        get=None,
        post=EDITOR,
        kwargs=member,
        body=const(kind="discipline", on="2024-05-02", outcome="khiển trách", decision="12-QĐ/ĐU"),
    ),
    # Quy định 213 (residence contact and its yearly comment) and early badges, on the member's page.
    "members:residence_contact": Row(
        get=None,
        post=EDITOR,
        kwargs=member,
        body=with_code("residence_code", cell=True, since="2024-05-02", residence_name="Tổ dân phố 3"),
    ),
    "members:residence_comment": Row(
        get=None,
        post=EDITOR,
        kwargs=lambda w, s, r: {"member_id": w[s].members[0].pk, "contact_id": w[s]["contact"].pk},
        body=const(year=2024, returned_on="2024-06-01", assessment="tốt", content="gương mẫu"),
    ),
    "members:early_badge": Row(
        get=None, post=EDITOR, kwargs=member, body=const(on="2024-05-02", reason="ốm nặng, có bệnh án")
    ),
    # The candidate pipeline (nguồn phát triển đảng viên): birth dates as personal data (see below).
    "members:candidates": Row(query=org_q),
    "members:candidate_add": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code(
            "unit_code",
            cell=True,
            full_name="Quần chúng Mới",
            gender="nu",
            birth_date="2001-03-04",
            ethnicity="Kinh",
            occupation="private_enterprise",
            on="2024-05-02",
        ),
    ),
    "members:candidate_detail": Row(kwargs=obj("candidate", name="candidate_id")),
    "members:candidate_step": Row(
        get=None,
        post=EDITOR,
        kwargs=obj("candidate", name="candidate_id"),
        body=const(stage="dropped", on="2024-05-02", reason="chuyển đi nơi khác"),
    ),
    "members:candidate_admit": Row(
        get=None,
        post=EDITOR,
        kwargs=obj("candidate", name="candidate_id"),
        body=const(admitted_on="2024-05-02", decision="15-QĐ/ĐU"),
    ),
    "accounts:roles": Row(
        get=ADMIN,
        post=ADMIN,
        post_refused=404,
        post_outside=200,
        body=lambda w, s, r: {
            "username": "b_administrator",
            "org_code": w[s].commune.code,
            "level": 10,
            "domain": "",
        },
    ),
    "accounts:role_revoke": Row(get=None, post=ADMIN, kwargs=obj("role"), post_refused=404),
    "accounts:user_create": Row(
        get=None,
        post=ADMIN,
        post_refused=404,
        scoped=False,
        body=const(
            **{"new-username": "moi", "new-full_name": "Người Mới", "new-password": "Mat-khau-dai-2026"}
        ),
    ),
    "accounts:audit": Row(get=ADMIN, query=org_q),
    "accounts:personal_data": Row(get=ADMIN, scoped=False),
    "accounts:personal_data_export": Row(get=ADMIN, scoped=False),
    "accounts:tokens": Row(get=ANYONE, post=ANYONE, body=const(label="khóa mới"), posted=200, scoped=False),
    "accounts:token_revoke": Row(
        get=None,
        post=ANYONE,
        kwargs=lambda w, s, r: {
            "pk": w.users[r if s == "A" and r in LEVELS else "viewer" if s == "A" else "b_administrator"]
            .api_tokens.get()
            .pk
        },
    ),
    "documents:list": Row(query=const(q="Bình"), scoped=False),
    "documents:new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("owner_code", reference="05-NQ/ĐU", title="Nghị quyết mới", issued_on="2024-05-02"),
    ),
    "documents:detail": Row(kwargs=obj("document")),
    "documents:link": Row(
        get=None,
        post=EDITOR,
        kwargs=obj("document"),
        body=const(relation="implements", target="01-NQ/TW"),
        writes=False,
    ),
    "documents:void": Row(get=None, post=EDITOR, kwargs=obj("document"), body=const(reason="vào sổ nhầm")),
    "meetings:list": Row(query=org_q),
    "meetings:new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("organiser_code", kind="giao_ban", title="Giao ban mới", held_on="2024-05-02"),
    ),
    "meetings:detail": Row(kwargs=obj("meeting")),
    "meetings:action": Row(
        get=None, post=EDITOR, kwargs=obj("meeting", action="huy"), body=const(reason="ghi nhầm")
    ),
    "meetings:person": Row(  # POST links the cadre to their member record (by card number, in scope)
        post=EDITOR,
        kwargs=obj("person"),
        body=lambda w, s, r: {"card_number": w[s].members[0].card_number},
        post_refused=200,
    ),
    "meetings:people": Row(query=const(q="Bình")),
    "meetings:calendar": Row(query=const(thang=ON_MONTH)),
    "meetings:calendar_ics": Row(query=const(thang=ON_MONTH)),
    "meetings:bodies": Row(),
    "meetings:body_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("organisation_code", name="Ban Chỉ đạo mới", established_on="2024-05-02"),
    ),
    "meetings:body": Row(kwargs=obj("body")),
    "meetings:overseer": Row(kwargs=obj("body"), query=lambda w, s, r: {"can_bo": w[s]["body_person"].pk}),
    "meetings:body_action": Row(
        get=None,
        post=EDITOR,
        kwargs=obj("body", action="thanh-vien"),
        body=const(full_name="Thành viên Mới", role="Thành viên", valid_from="2024-05-02"),
    ),
    "assignments:list": Row(query=org_q),
    "assignments:export": Row(query=org_q),
    "assignments:new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("organisation_code", text="Nhiệm vụ mới", lead_code="A"),
    ),
    "assignments:import": Row(get=ANYONE),  # the upload itself: test_task_import_stays_in_scope
    "assignments:template": Row(get=ANYONE),
    "assignments:inbox": Row(kwargs=code),
    "assignments:detail": Row(kwargs=obj("task")),
    "assignments:progress": Row(
        get=None,
        post=EDITOR,
        kwargs=obj("task"),
        body=const(state="in_progress", reported_on=TODAY, note="đang làm"),
    ),
    "assignments:void": Row(get=None, post=EDITOR, kwargs=obj("task"), body=const(reason="giao nhầm")),
    "activities:overview": Row(query=org_q),
    "activities:meetings": Row(query=org_q),
    "activities:meeting_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code(
            "cell_code",
            cell=True,
            held_on="2024-03-05",
            kind="regular",
            expected=2,
            present=2,
            absent_excused=0,
            absent_unexcused=0,
        ),
    ),
    "activities:inspections": Row(query=org_q),
    "activities:inspection_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=lambda w, s, r: {
            "mode": "inspection",
            "kind": "thematic",
            "conductor_code": w[s].commune.code,
            "body": "committee",
            "subject_code": w[s].cell.code,
            "topic": "Kiểm tra mới",
            "started_on": "2024-05-02",
        },
    ),
    "activities:plan_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("organisation_code", year=2024, inspections_planned=2, supervisions_planned=1),
    ),
    "activities:inspection": Row(kwargs=obj("inspection")),
    "activities:inspection_void": Row(
        get=None, post=EDITOR, kwargs=obj("inspection"), body=const(reason="ghi nhầm")
    ),
    "activities:disciplines": Row(query=org_q),
    "activities:discipline_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=lambda w, s, r: {
            "member": w[s].members[1].pk,
            "form": "reprimand",
            "decided_on": "2024-05-02",
            "reason": "vi phạm",
        },
    ),
    "activities:ratings": Row(query=org_q),
    "activities:rating_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code("organisation_code", cell=True, period="2024", grade="htnv"),
    ),
    "activities:rating_decide": Row(
        get=None,
        post=APPROVER,
        kwargs=obj("rating"),
        body=lambda w, s, r: {"decider_code": w[s].commune.code, "grade": "htnv", "decided_on": "2024-01-20"},
    ),
    "activities:models": Row(query=org_q),
    "activities:model_new": Row(
        get=ANYONE,
        post=EDITOR,
        post_refused=200,
        post_outside=200,
        body=with_code(
            "organisation_code", year=2024, name="Mô hình mới", field="economy", level="grassroots"
        ),
    ),
    "activities:import": Row(get=ANYONE, kwargs=const(kind="sinh-hoat")),
    "activities:template": Row(get=ANYONE, kwargs=const(kind="sinh-hoat")),
    "indicators:home": Row(ok=302),
    "indicators:dashboard": Row(kwargs=code),
    "indicators:source": Row(kwargs=with_code("code", indicator="GS_CUOC")),
    "indicators:targets": Row(
        get=APPROVER,
        post=APPROVER,
        kwargs=code,
        post_refused=404,
        body=lambda w, s, r: {"indicator": _indicator("DV_KET_NAP"), "period": "2025", "value": 3},
    ),
    "indicators:submission": Row(
        post=EDITOR,
        kwargs=code,
        post_refused=200,
        body=const(GS_CUOC=3),
    ),
    "indicators:decide": Row(
        get=None,
        post=APPROVER,
        kwargs=obj("submission", decision="tra-lai"),
        body=const(comment="Sai số"),
    ),
    "reports:home": Row(ok=302),
    "reports:templates": Row(get=TOP),
    "reports:template_download": Row(get=TOP, kwargs=const(version=0)),
    "reports:issued_download": Row(kwargs=obj("issued", fmt="xlsx")),
    "reports:builder": Row(
        post=EDITOR,
        kwargs=code,
        post_refused=404,
        body=const(han_che="Còn chậm."),
    ),
    "reports:download": Row(kwargs=with_code("code", fmt="xlsx")),
    "reports:issue": Row(get=None, post=APPROVER, kwargs=code),
    "reports:settings": Row(get=None, post=EDITOR, kwargs=code, post_refused=404, body=const(place="An Phú")),
    "reports:forms": Row(kwargs=code),
    # Background jobs: a user sees their own, an administrator those of the sub-tree; others get 404.
    "jobs:list": Row(get=ANYONE, scoped=False),
    "jobs:detail": Row(get=ADMIN, kwargs=obj("job")),
    "jobs:download": Row(get=ADMIN, kwargs=obj("job")),
    "reader:read": Row(
        get=ANYONE,
        post=ANYONE,
        body=const(text="Chiều 14/4, Đảng ủy xã họp."),
        posted=200,
        writes=False,
        scoped=False,
    ),
    "reader:download": Row(
        get=None, post=ANYONE, posted=200, writes=False, body=const(title="x"), scoped=False
    ),
    "reader:save": Row(
        get=None,
        post=EDITOR,
        post_refused=400,
        post_outside=400,
        body=with_code(
            "organiser_code",
            title="Hội nghị đọc được",
            event_kind="giao_ban",
            event_date="2024-05-02",
            event_date_start="2024-05-02",
        ),
    ),
    # The API's description (no data in it) is public, like the login page.
    "api:openapi-json": Row(get=ANYONE, anonymous=200),
    "api:openapi-view": Row(get=ANYONE, anonymous=200),
}
# Django's own admin: staff only (no role of Dangvu makes a user staff); checked as one row.
DJANGO_ADMIN = "admin:index"


def _indicator(code_: str) -> int:
    from dangvu.indicators.models import Indicator

    return Indicator.objects.get(code=code_).pk


API: dict[str, Row] = {
    "GET /api/organisations/tree": Row(),
    "GET /api/organisations/search": Row(query=const(q="Bình"), scoped=False),
    "GET /api/organisations/{code}": Row(kwargs=code),
    "GET /api/members/": Row(query=org_q),
    "GET /api/members/statistics": Row(query=org_q),
    "GET /api/members/{member_id}": Row(kwargs=member),
    "GET /api/members/candidates": Row(query=org_q),
    "GET /api/members/candidates/counts": Row(query=org_q),
    "GET /api/members/candidates/{candidate_id}": Row(kwargs=obj("candidate", name="candidate_id")),
    "GET /api/members/work/residence": Row(query=org_q),
    "GET /api/documents": Row(query=const(q="Bình"), scoped=False),
    "POST /api/documents": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=403,
        post_outside=404,
        body=with_code("owner_code", reference="06-NQ/ĐU", title="Nghị quyết qua API"),
    ),
    "GET /api/documents/parse": Row(query=const(text="03-NQ/ĐU")),
    "GET /api/documents/{pk}": Row(kwargs=obj("document")),
    "GET /api/meetings": Row(query=org_q),
    "POST /api/meetings": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=404,
        post_outside=404,
        body=with_code("organiser_code", kind="giao_ban", title="Giao ban qua API", held_on="2024-05-02"),
    ),
    "GET /api/meetings/{pk}": Row(kwargs=obj("meeting")),
    "GET /api/meetings/bodies": Row(),
    "GET /api/meetings/bodies/{pk}": Row(kwargs=obj("body")),
    "GET /api/meetings/bodies/{pk}/overseen": Row(
        kwargs=obj("body"), query=lambda w, s, r: {"person_id": w[s]["body_person"].pk}
    ),
    "POST /api/meetings/bodies": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=404,
        body=with_code("organisation_code", name="Ban Chỉ đạo qua API", established_on="2024-05-02"),
    ),
    "POST /api/meetings/bodies/{pk}/members": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=403,
        kwargs=obj("body"),
        body=const(full_name="Thành viên qua API", valid_from="2024-05-02"),
    ),
    "POST /api/meetings/bodies/{pk}/oversights": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=403,
        kwargs=obj("body"),
        body=lambda w, s, r: {
            "organisation_code": w[s].cell.code,
            "agency": "Ban Tuyên giáo",
            "valid_from": "2024-05-02",
        },
    ),
    "GET /api/jobs/{job_id}": Row(get=ADMIN, kwargs=obj("job", name="job_id")),
    "GET /api/jobs/{job_id}/file": Row(get=ADMIN, kwargs=obj("job", name="job_id")),
    "GET /api/tasks": Row(query=org_q),
    "GET /api/tasks/attention": Row(query=org_q),
    "GET /api/tasks/inbox/{code}": Row(kwargs=code),
    "GET /api/tasks/{pk}": Row(kwargs=obj("task")),
    "POST /api/tasks/{pk}/progress": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=403,
        kwargs=obj("task"),
        body=const(state="in_progress", note="qua API"),
    ),
    "GET /api/activities/cell-meetings": Row(query=org_q),
    "POST /api/activities/cell-meetings": Row(
        get=None,
        post=EDITOR,
        posted=201,
        post_refused=403,
        body=lambda w, s, r: {
            "cell": w[s].cell.code,
            "held_on": "2024-03-05",
            "kind": "regular",
            "expected": 2,
            "present": 2,
        },
    ),
    "GET /api/activities/inspections": Row(query=org_q),
    "GET /api/activities/inspections/{pk}": Row(kwargs=obj("inspection")),
    "GET /api/activities/coverage/{code}": Row(kwargs=code),
    "GET /api/activities/plans/{code}": Row(kwargs=code, query=const(year=2024)),
    "GET /api/activities/meeting-gaps/{code}": Row(kwargs=code),
    "GET /api/reports/{code}/draft": Row(kwargs=code, query=const(period="2024")),
    "GET /api/reports/{code}/file": Row(kwargs=code, query=const(period="2024", format="xlsx")),
    "GET /api/reports/{code}/forms": Row(kwargs=code, query=const(at="2024-06-30")),
}
API_ROOT_NAMES = {"api:api-root"}  # ninja's own index of the operations below (no view of its own)


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
    """A cadre of the province is seen by A's users (above them); their seat in B's steering body is not."""
    j = Judge("meetings:person (shared)")
    url = f"/hoi-nghi/can-bo/{world['A']['shared_person'].pk}/"
    for role in ROLES:
        j.check(f"GET {role} P {url}", _client(world, role).get(url), 302 if role == "anonymous" else 200)
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
