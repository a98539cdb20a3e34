"""A synthetic year (2024) of activities for the demo province, written by plain multi-row inserts.

For every cell alive in 2024: regular monthly meetings (a few months missed) and thematic ones (some quarters
missed), attendance drawn around the cell's members; for every committee: an annual programme of inspection
and supervision and the ones carried out (some committees do none, so coverage lists are not empty);
grassroots cells supervise their members; each grassroots organisation's quality rating for 2024 (the
proposal and the committee's decision, 124-QĐ/TW); "Dân vận khéo" models for the communes. About 62,500
meetings and 5,500 inspections and supervisions for seed 1 (1.9 s on SQLite here). All marked
`source="mô phỏng"`; no audit rows.
Not called by `dangvu demo` yet: `build_activities(seed, progress)` is meant to run after `build_demo`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from dangvu.activities.models import (
    CellMeeting,
    Inspection,
    InspectionPlan,
    MobilisationModel,
    QualityRating,
)
from dangvu.members.models import Placement
from dangvu.members.selectors import valid_on
from dangvu.organisations.models import Organisation, OrgLink

YEAR = 2024
SOURCE = "mô phỏng"
CELLS = ("grassroots_cell", "subordinate_cell")
COMMITTEES = ("provincial", "directly_under", "grassroots_committee", "partial_committee")
TOPICS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "Phát triển kinh tế hộ gia đình",
    "Xây dựng nông thôn mới",
    "Công tác phát triển đảng viên",
    "Giữ gìn an ninh trật tự ở khu dân cư",
    "Chuyển đổi số trong hoạt động của chi bộ",
]
SUBJECTS = [
    "Thực hiện nghị quyết đại hội",
    "Công tác phát triển đảng viên",
    "Thu, nộp và quản lý đảng phí",
    "Thực hiện quy chế làm việc",
    "Việc rèn luyện phẩm chất đạo đức của đảng viên",
]
MODELS = [
    "Dân vận khéo trong xây dựng nông thôn mới",
    "Tuyến đường hoa",
    "Nhà sạch, vườn đẹp",
    "Tổ tự quản an ninh",
    "Chi hội phụ nữ tiết kiệm",
    "Hiến đất làm đường",
]


@dataclass
class ActivitiesSummary:
    meetings: int
    plans: int
    inspections: int
    ratings: int
    models: int


def _insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]], per: int = 500) -> None:
    """INSERT … VALUES (…), (…) in chunks (SQLite allows about 32,000 bound parameters a statement)."""
    head = f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES "  # noqa: S608 - table and column names are the models' own; values are bound
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            cursor.execute(head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])


def build_activities(seed: int = 1, progress: Callable[[str], None] = lambda _m: None) -> ActivitiesSummary:
    rng = random.Random(seed * 7919 + 4)
    end = dt.date(YEAR, 12, 31)
    parent_of = dict(OrgLink.objects.filter(valid_on(end)).values_list("child_id", "parent_id"))
    units = [
        (pk, kind, path, parent_of.get(pk), established)
        for pk, kind, path, established in Organisation.objects.existing_on(end).values_list(
            "id", "kind", "path", "established_on"
        )
    ]
    members = dict(
        Placement.objects.filter(valid_on(dt.date(YEAR, 7, 1)))
        .values_list("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    now = timezone.now()
    with transaction.atomic():
        progress(f"Sinh hoạt chi bộ năm {YEAR}…")
        n_meetings = _meetings(rng, units, members, now)
        progress(f"Chương trình và các cuộc kiểm tra, giám sát năm {YEAR}…")
        n_plans, n_inspections = _inspections(rng, units, now)
        progress(f"Xếp loại chất lượng năm {YEAR} và mô hình «Dân vận khéo»…")
        n_ratings = _ratings(rng, units, now)
        n_models = _models(rng, units, now)
    return ActivitiesSummary(n_meetings, n_plans, n_inspections, n_ratings, n_models)


def _meetings(rng: random.Random, units: list[tuple[Any, ...]], members: dict[int, int], now: Any) -> int:
    rows: list[tuple[Any, ...]] = []
    for pk, kind, _path, _parent, established in units:
        if kind not in CELLS:
            continue
        size = max(3, members.get(pk, 0))
        careless = rng.random() < 0.12  # about one cell in eight misses several months
        for month in range(1, 13):
            day = dt.date(YEAR, month, rng.randint(1, 25))
            if day < established:
                continue
            meetings = []
            if rng.random() < (0.7 if careless else 0.93):
                meetings.append(("regular", ""))
            if month % 3 == 2 and rng.random() < (0.5 if careless else 0.85):
                meetings.append(("thematic", rng.choice(TOPICS)))
            for kind_, topic in meetings:
                excused = sum(rng.random() < 0.06 for _ in range(size))
                unexcused = sum(rng.random() < 0.015 for _ in range(size - excused))
                quality = rng.choices(["tot", "kha", "trung_binh", ""], [5, 3, 1, 1])[0]
                rows.append(
                    (
                        pk,
                        day,
                        kind_,
                        topic,
                        size,
                        size - excused - unexcused,
                        excused,
                        unexcused,
                        "",
                        quality,
                        "",
                        "",
                        SOURCE,
                        now,
                    )
                )
    columns = (
        "cell_id",
        "held_on",
        "kind",
        "topic",
        "expected",
        "present",
        "absent_excused",
        "absent_unexcused",
        "chair",
        "quality",
        "minutes",
        "note",
        "source",
        "recorded_at",
    )
    _insert(CellMeeting, (*columns, "void_reason"), [(*r, "") for r in rows])
    return len(rows)


def _inspections(rng: random.Random, units: list[tuple[Any, ...]], now: Any) -> tuple[int, int]:
    children: dict[int, list[int]] = {}
    for pk, _kind, _path, parent, _est in units:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    member_of = dict(
        Placement.objects.filter(valid_on(dt.date(YEAR, 6, 1))).values_list("organisation_id", "member_id")
    )
    plans: list[tuple[Any, ...]] = []
    done: list[tuple[Any, ...]] = []
    for pk, kind, _path, _parent, _est in units:
        if kind in COMMITTEES and children.get(pk):
            planned = (rng.randint(3, 8), rng.randint(3, 6))
            plans.append(
                (
                    pk,
                    YEAR,
                    planned[0],
                    planned[1],
                    "Các chi bộ trực thuộc",
                    "Theo chương trình năm",
                    SOURCE,
                    now,
                    "",
                )
            )
            lazy = rng.random() < 0.25  # a quarter of the committees lag behind
            for mode, n in (("inspection", planned[0]), ("supervision", planned[1])):
                count = 0 if lazy and rng.random() < 0.6 else max(0, round(n * rng.uniform(0.5, 1.1)))
                for _ in range(count):
                    kinds = ["regular", "thematic"] + (["violation"] if mode == "inspection" else [])
                    body = "commission" if mode == "inspection" else rng.choice(["committee", "standing"])
                    started = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
                    done.append(
                        (
                            mode,
                            rng.choices(kinds, [6, 3, 1][: len(kinds)])[0],
                            pk,
                            body,
                            rng.choice(children[pk]),
                            None,
                            rng.choice(SUBJECTS),
                            started,
                            started + dt.timedelta(days=rng.randint(7, 30)),
                            "",
                            "Thực hiện tốt, có mặt hạn chế",
                            False,
                            SOURCE,
                            now,
                            "",
                        )
                    )
        elif kind in CELLS and pk in member_of and rng.random() < 0.5:
            started = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
            done.append(
                (
                    "supervision",
                    "regular",
                    pk,
                    "cell",
                    None,
                    member_of[pk],
                    "Việc thực hiện nhiệm vụ đảng viên",
                    started,
                    started + dt.timedelta(days=10),
                    "",
                    "Đảng viên thực hiện tốt nhiệm vụ",
                    False,
                    SOURCE,
                    now,
                    "",
                )
            )
    _insert(
        InspectionPlan,
        (
            "organisation_id",
            "year",
            "inspections_planned",
            "supervisions_planned",
            "subjects",
            "topics",
            "source",
            "recorded_at",
            "void_reason",
        ),
        plans,
    )
    _insert(
        Inspection,
        (
            "mode",
            "kind",
            "conductor_id",
            "body",
            "subject_organisation_id",
            "subject_member_id",
            "topic",
            "started_on",
            "ended_on",
            "findings",
            "conclusion",
            "violation_found",
            "source",
            "recorded_at",
            "void_reason",
        ),
        done,
    )
    return len(plans), len(done)


def _ratings(rng: random.Random, units: list[tuple[Any, ...]], now: Any) -> int:
    rows: list[tuple[Any, ...]] = []
    decided_on = dt.date(YEAR + 1, 1, 15)
    for pk, kind, _path, parent, _est in units:
        if kind not in ("grassroots_committee", "grassroots_cell") or parent is None:
            continue
        proposed = rng.choices(["htxsnv", "httnv", "htnv", "khtnv"], [18, 68, 11, 3])[0]
        decided = "httnv" if proposed == "htxsnv" and rng.random() < 0.3 else proposed
        rows.append(
            (
                str(YEAR),
                YEAR,
                pk,
                "124-QĐ/TW",
                False,
                proposed,
                decided,
                decided_on,
                parent,
                "",
                SOURCE,
                now,
                "",
            )
        )
    _insert(
        QualityRating,
        (
            "period",
            "year",
            "organisation_id",
            "rules_code",
            "disciplined",
            "proposed_grade",
            "decided_grade",
            "decided_on",
            "deciding_organisation_id",
            "decision",
            "source",
            "recorded_at",
            "void_reason",
        ),
        rows,
    )
    return len(rows)


def _models(rng: random.Random, units: list[tuple[Any, ...]], now: Any) -> int:
    rows: list[tuple[Any, ...]] = []
    fields = ["economy", "society", "defence", "political"]
    for pk, kind, _path, _parent, _est in units:
        if kind == "grassroots_committee" and rng.random() < 0.45:
            rows.append(
                (
                    pk,
                    YEAR,
                    rng.choice(MODELS),
                    rng.choice(fields),
                    "",
                    rng.choice(["grassroots", "commune"]),
                    None,
                    SOURCE,
                    now,
                    "",
                )
            )
    _insert(
        MobilisationModel,
        (
            "organisation_id",
            "year",
            "name",
            "field",
            "description",
            "level",
            "recognised_on",
            "source",
            "recorded_at",
            "void_reason",
        ),
        rows,
    )
    return len(rows)
