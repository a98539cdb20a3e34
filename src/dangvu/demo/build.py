"""Writing the synthetic province into the database, then putting it through the 2025 reorganisation.

The 2019 tree and the members go in by bulk inserts (tens of thousands of rows in seconds); the
reorganisation of 2025-07-01 goes through the same services a user's would, so it is validated and audited:
the district level is dissolved, each district's communes are merged in groups into new commune committees
placed directly under the province, and the district agencies' organisations move to the provincial bloc.
Last, `demo.work` records the 2025–2026 conferences, tasks, steering committee, candidates and residence
contacts of the province and of the two communes the demo logins edit.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from dangvu.accounts.models import Role, RoleLevel
from dangvu.core.text import fold
from dangvu.demo.names import PlaceNamer
from dangvu.demo.people import DEMO_END, MemberDetails, MemberSpec, generate_members, member_details
from dangvu.demo.province import ProvincePlan
from dangvu.demo.work import demo_work
from dangvu.members.models import EventKind, Gender, Member, MembershipEvent, Placement
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation, OrgLink, OrgName, Reorganisation, ReorganisationPart
from dangvu.organisations.paths import paths_deferred, paths_refresh
from dangvu.organisations.services import NewUnit, org_dissolve, org_move, org_rename, orgs_merge

REORGANISED_ON = dt.date(2025, 7, 1)
DECISION_2025 = "Nghị quyết về sắp xếp đơn vị hành chính cấp xã năm 2025 (mô phỏng)"
DEMO_PASSWORD = "DangVu@2026"


@dataclass
class DemoSummary:
    organisations: int
    members: int
    logins: list[tuple[str, str, str]]  # (username, password, what they see)


def build_demo(seed: int = 1, progress: Callable[[str], None] = lambda _m: None) -> DemoSummary:
    if Organisation.objects.exists():
        raise RuntimeError(
            "Cơ sở dữ liệu đã có cây tổ chức; hãy dùng một cơ sở dữ liệu trống (hoặc --rebuild)."
        )
    plan = ProvincePlan(seed)
    with transaction.atomic(), disable_auditlog():
        progress(f"Tạo {len(plan.units):,} tổ chức đảng (năm 2019)…")
        ids = _write_tree(plan)
        progress("Tạo đảng viên, kết nạp và biến động 2020–2026…")
        n_members = _write_members(plan, ids, seed)
        paths_refresh()
    progress("Sắp xếp tổ chức ngày 01/07/2025: giải thể cấp huyện, hợp nhất xã…")
    with transaction.atomic():
        _reorganise_2025(plan, ids, seed)
    progress("Tạo tài khoản mẫu…")
    logins = _write_users()
    progress("Hội nghị sơ kết, nhiệm vụ, Ban Chỉ đạo, nguồn kết nạp, liên hệ nơi cư trú 2025–2026…")
    with transaction.atomic():
        demo_work(root=Organisation.objects.get(code="HL"), communes=_login_communes(), seed=seed)
    return DemoSummary(Organisation.objects.count(), n_members, logins)


def _write_tree(plan: ProvincePlan) -> dict[int, int]:
    orgs = [
        Organisation(
            code=u.code,
            name=u.name,
            name_folded=fold(u.name),
            kind=u.kind.value,
            established_on=u.established_on,
            is_synthetic=True,
        )
        for u in plan.units
    ]
    Organisation.objects.bulk_create(orgs, batch_size=1000)
    by_code = dict(Organisation.objects.values_list("code", "id"))
    ids = {u.key: by_code[u.code] for u in plan.units}
    updates = [
        Organisation(id=ids[u.key], parent_id=ids[u.parent]) for u in plan.units if u.parent is not None
    ]
    Organisation.objects.bulk_update(updates, ["parent"], batch_size=1000)
    OrgLink.objects.bulk_create(
        [
            OrgLink(child_id=ids[u.key], parent_id=ids[u.parent], valid_from=u.established_on)
            for u in plan.units
            if u.parent is not None
        ],
        batch_size=1000,
    )
    OrgName.objects.bulk_create(
        [OrgName(organisation_id=ids[u.key], name=u.name, valid_from=u.established_on) for u in plan.units],
        batch_size=1000,
    )
    return ids


def _write_members(plan: ProvincePlan, ids: dict[int, int], seed: int) -> int:
    """Members, their placements and events, by plain multi-row inserts with the members' ids chosen here:
    Django's bulk_create spends most of its time building and preparing 400,000 model instances."""
    specs = list(generate_members(plan.member_cells(), seed))
    rng = random.Random(seed * 104729 + 3)
    details = [member_details(s, i, rng) for i, s in enumerate(specs)]
    first = (Member.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    member_ids = range(first, first + len(specs))
    _insert(
        Member,
        (
            "id",
            "full_name",
            "name_folded",
            "gender",
            "birth_date",
            "ethnicity",
            "religion",
            "home_town",
            "education",
            "profession",
            "theory_level",
            "card_number",
            "identity_number",
            "home_address",
            "admitted_on",
            "admitted_at",
            "confirmed_on",
            "left_on",
            "cell_id",
            "positions",
            "is_synthetic",
        ),
        [
            (
                pk,
                s.full_name,
                fold(s.full_name),
                Gender.FEMALE.value if s.female else Gender.MALE.value,
                s.birth_date,
                s.ethnicity,
                d.religion,
                d.home_town,
                d.education,
                d.profession,
                d.theory_level,
                d.card_number,
                d.identity_number,
                d.home_address,
                s.admitted_on,
                plan.units[s.cell].name,
                d.confirmed_on,
                s.left_on,
                ids[s.cell],
                "",
                True,
            )
            for pk, s, d in zip(member_ids, specs, details, strict=True)
        ],
    )
    _insert(
        Placement,
        ("member_id", "organisation_id", "valid_from", "valid_to"),
        [(pk, ids[s.cell], s.placed_from, s.left_on) for pk, s in zip(member_ids, specs, strict=True)],
    )
    _write_events(member_ids, specs, details, ids, rng)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Member, Placement, MembershipEvent]):
            cursor.execute(sql)
    return len(specs)


_LEAVING_EVENTS = {
    "death": EventKind.DEATH,
    "transfer_out": EventKind.TRANSFER_OUT,
    "removal": EventKind.REMOVAL,
}


def _write_events(
    member_ids: range,
    specs: list[MemberSpec],
    details: list[MemberDetails],
    ids: dict[int, int],
    rng: random.Random,
) -> None:
    """Admission, confirmation and leaving events for every member, and exemptions for some of the oldest."""
    events: list[tuple[Any, ...]] = []
    add = events.append
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fixed = ("dữ liệu mô phỏng", False, "", "", now)
    for pk, s, d in zip(member_ids, specs, details, strict=True):
        cell = ids[s.cell]
        add((pk, EventKind.ADMISSION.value, s.admitted_on, cell, "", "", *fixed))
        if d.confirmed_on is not None:
            add((pk, EventKind.CONFIRMATION.value, d.confirmed_on, cell, "", "", *fixed))
        if s.left_on is not None:
            where = "ngoài tỉnh" if d.leaving == "transfer_out" else ""
            add((pk, _LEAVING_EVENTS[d.leaving].value, s.left_on, cell, where, "", *fixed))
        elif s.birth_date.year < 1942 and rng.random() < 0.25:
            on = max(s.placed_from, s.birth_date.replace(day=1) + dt.timedelta(days=365 * 80 + 40))
            if on <= DEMO_END:
                add((pk, EventKind.EXEMPTION.value, on, cell, "", "Tuổi cao", *fixed))
    columns = ("member_id", "kind", "occurred_on", "organisation_id", "elsewhere", "note")
    _insert(MembershipEvent, (*columns, "source", "temporary", "outcome", "decision", "recorded_at"), events)


def _insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]], per: int = 500) -> None:
    """INSERT … VALUES (…), (…) in chunks of `per` rows (within SQLite's limit of bound parameters)."""
    head = f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES "  # noqa: S608 - table and column names are the models' own; values are bound
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            cursor.execute(head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])


def _reorganise_2025(plan: ProvincePlan, ids: dict[int, int], seed: int) -> None:
    rng = random.Random(seed * 31 + 7)
    namer = PlaceNamer(rng)
    units = {o.pk: o for o in Organisation.objects.all()}
    root = units[ids[0]]
    blocs = {u.role: units[ids[u.key]] for u in plan.units if u.role.startswith("bloc:")}
    agencies_bloc = blocs["bloc:agencies"]
    counter = 0
    with paths_deferred():
        org_rename(
            actor=None,
            organisation=agencies_bloc,
            name="Đảng bộ các cơ quan Đảng tỉnh",
            effective_on=REORGANISED_ON,
            decision=DECISION_2025,
        )
        for district in (u for u in plan.units if u.role == "district"):
            dname = district.place
            communes = [units[ids[k]] for k in district.children if plan.units[k].role in ("commune", "ward")]
            others = [
                units[ids[k]] for k in district.children if plan.units[k].role not in ("commune", "ward")
            ]
            i = 0
            first = True
            while i < len(communes):
                size = rng.choice((2, 3, 3, 4))
                group = communes[i : i + size]
                i += size
                counter += 1
                word = "phường" if "phường" in group[0].name else "xã"
                place = (
                    dname if first else namer.name(dname, dname.split()[0] if rng.random() < 0.4 else None)
                )
                first = False
                orgs_merge(
                    actor=None,
                    sources=group,
                    effective_on=REORGANISED_ON,
                    decision=DECISION_2025,
                    new=NewUnit(
                        code=f"X{counter:03d}",
                        name=f"Đảng bộ {word} {place}",
                        kind=OrgKind.GRASSROOTS_COMMITTEE,
                        parent=root,
                    ),
                    synthetic=True,
                )
            for org in others:
                org.refresh_from_db()
                org_move(
                    actor=None,
                    organisation=org,
                    parent=agencies_bloc,
                    effective_on=REORGANISED_ON,
                    decision=DECISION_2025,
                )
            d = units[ids[district.key]]
            d.refresh_from_db()
            org_dissolve(
                actor=None,
                organisation=d,
                effective_on=REORGANISED_ON,
                successor=root,
                decision=DECISION_2025,
            )
    # Reorganisations recorded while paths were deferred take the path of the unit they produced.
    paths = dict(Organisation.objects.values_list("id", "path"))
    for reorg in Reorganisation.objects.filter(path=""):
        part = (
            ReorganisationPart.objects.filter(reorganisation=reorg).exclude(role="predecessor").first()
            or ReorganisationPart.objects.filter(reorganisation=reorg).first()
        )
        if part is not None:
            reorg.path = paths[part.organisation_id]
            reorg.save(update_fields=["path"])


def _login_communes() -> list[Organisation]:
    """The two new communes whose editors are the demo logins xa1 and xa2."""
    return list(Organisation.objects.filter(code__startswith="X").order_by("code")[:2])


def _write_users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    root = Organisation.objects.get(code="HL")
    communes = _login_communes()
    plan = [("quantri", "Quản trị viên Văn phòng Tỉnh ủy", root, RoleLevel.ADMINISTRATOR)]
    for org, username in zip(communes, ("xa1", "xa2"), strict=False):
        plan.append((username, f"Văn phòng {org.name}", org, RoleLevel.EDITOR))
    logins = []
    for username, full_name, org, level in plan:
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD, first_name=full_name)
        Role.objects.create(user=user, organisation=org, level=level)
        logins.append((username, DEMO_PASSWORD, f"{RoleLevel(level).label} — {org.name}"))
    return logins
