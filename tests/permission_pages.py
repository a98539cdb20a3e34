"""The permission matrix's table of pages: one row per named URL pattern (see `permission_rows.Row`)."""

from __future__ import annotations

from permission_rows import (
    ADMIN,
    ANYONE,
    APPROVER,
    EDITOR,
    ON_MONTH,
    TODAY,
    TOP,
    Row,
    _indicator,
    code,
    const,
    member,
    obj,
    org_q,
    with_code,
)
from permission_world import LEVELS

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
    "members:candidate_template": Row(get=ANYONE),
    "members:candidate_import": Row(get=ANYONE),  # B's cells refused by row: test_candidate_import
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
    # Cancel and run again: who asked (here the administrator) or an administrator above; others 404.
    "jobs:cancel": Row(get=None, post=ADMIN, kwargs=obj("queued_job"), post_refused=404),
    "jobs:rerun": Row(get=None, post=ADMIN, kwargs=obj("job"), post_refused=404),
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
