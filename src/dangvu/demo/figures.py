"""Synthetic targets and reported figures for the demo province, so its dashboards have something to show.

Province admission targets for each year, shared out to the directly-under committees by their members;
a congress-term target of 95% of grassroots organisations rated "hoàn thành tốt nhiệm vụ trở lên"; and,
for every quarter from 2019 to mid-2026, each grassroots organisation's inspections and supervisions
(some units supervise nothing for a quarter, and the latest quarter still has units that have not
reported), plus yearly ratings of grassroots organisations and cells. All of it is generated.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q

from dangvu.core.periods import Period, PeriodKind
from dangvu.indicators.models import Indicator, ReportedValue, Submission, SubmissionStatus, Target
from dangvu.members.selectors import member_counts_by_organisation
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation, OrgLink
from dangvu.organisations.tree import OrgRow, assemble

FIRST_YEAR, LAST_QUARTER = 2019, Period(2026, PeriodKind.QUARTER, 2)
GRASSROOTS = (OrgKind.GRASSROOTS_COMMITTEE.value, OrgKind.GRASSROOTS_CELL.value)
CELLS = (OrgKind.GRASSROOTS_CELL.value, OrgKind.SUBORDINATE_CELL.value)


def _quarters() -> list[Period]:
    return [q for q in Period(FIRST_YEAR, PeriodKind.TERM, LAST_QUARTER.year).quarters() if q <= LAST_QUARTER]


def _existing(on: dt.date, kinds: tuple[str, ...]) -> list[int]:
    return list(Organisation.objects.existing_on(on).filter(kind__in=kinds).values_list("id", flat=True))


def build_figures(seed: int, progress: Callable[[str], None] = lambda _m: None) -> None:
    rng = random.Random(seed * 101 + 3)
    ind = {i.code: i for i in Indicator.objects.all()}
    root = Organisation.objects.get(code="HL")
    with transaction.atomic():
        progress("Giao chỉ tiêu kết nạp đảng viên hằng năm và chỉ tiêu nhiệm kỳ…")
        _targets(rng, ind, root)
        progress("Số liệu kiểm tra, giám sát, xếp loại do các đơn vị báo cáo (2019–2026)…")
        _submissions(rng, ind)


def _targets(rng: random.Random, ind: dict[str, Indicator], root: Organisation) -> None:
    rows = []
    for year in range(FIRST_YEAR, LAST_QUARTER.year + 1):
        total = rng.randrange(2500, 2800, 10)
        rows.append(Target(indicator=ind["DV_KET_NAP"], organisation=root, period=str(year), value=total))
        day = dt.date(year, 1, 1)
        kinds = dict(Organisation.objects.existing_on(day).values_list("id", "kind"))

        parent_of = dict(
            OrgLink.objects.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
            .values_list("child_id", "parent_id")
        )
        nodes, _ = assemble(
            [OrgRow(i, "", "", OrgKind(kind), parent_of.get(i)) for i, kind in kinds.items()],
            member_counts_by_organisation(day),
        )
        children = nodes[root.pk].children
        members = sum(c.members for c in children) or 1
        for c in children:
            rows.append(
                Target(
                    indicator=ind["DV_KET_NAP"],
                    organisation_id=c.id,
                    period=str(year),
                    value=round(total * c.members / members),
                )
            )
    for term in ("2020-2025", "2025-2030"):
        rows.append(Target(indicator=ind["TCCS_TSVM_TY_LE"], organisation=root, period=term, value=95))
    Target.objects.bulk_create(rows, batch_size=1000)


def _submissions(rng: random.Random, ind: dict[str, Indicator]) -> None:
    subs: list[Submission] = []
    values: list[tuple[int, str, float]] = []  # (index into subs, indicator code, value)

    def add(org: int, period: Period, status: str, figures: dict[str, float]) -> None:
        subs.append(Submission(organisation_id=org, period=str(period), status=status))
        values.extend((len(subs) - 1, code, v) for code, v in figures.items())

    quarters = _quarters()
    diligence: dict[int, float] = {}
    for q in quarters:
        latest = q == quarters[-1]
        for org in _existing(q.end, GRASSROOTS):
            d = diligence.setdefault(org, rng.uniform(0.3, 0.95))
            if latest and rng.random() < 0.12:
                continue  # has not reported yet
            supervisions = 0 if rng.random() > d else rng.choice((1, 1, 1, 2, 2, 3))
            add(
                org,
                q,
                SubmissionStatus.SUBMITTED if latest else SubmissionStatus.APPROVED,
                {"KT_CUOC": rng.choice((0, 1, 1, 2, 2, 3)), "GS_CUOC": supervisions},
            )
    for year in range(FIRST_YEAR, LAST_QUARTER.year):
        day = dt.date(year, 12, 31)
        for org in _existing(day, GRASSROOTS):
            add(
                org,
                Period(year, PeriodKind.YEAR),
                SubmissionStatus.APPROVED,
                {"TCCS_HTTNV": 1.0 if rng.random() < 0.86 + 0.01 * (year - FIRST_YEAR) else 0.0},
            )
        for org in _existing(day, (OrgKind.SUBORDINATE_CELL.value,)):
            add(
                org,
                Period(year, PeriodKind.YEAR),
                SubmissionStatus.APPROVED,
                {"CB_SH_DEU": 1.0 if rng.random() < 0.93 else 0.0},
            )
    created = Submission.objects.bulk_create(subs, batch_size=2000)
    if created and created[0].pk is None:
        created = list(Submission.objects.order_by("id"))
    ReportedValue.objects.bulk_create(
        [ReportedValue(submission_id=created[i].pk, indicator=ind[code], value=v) for i, code, v in values],
        batch_size=5000,
    )
