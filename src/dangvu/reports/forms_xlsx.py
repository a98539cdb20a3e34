"""The basic statistical forms of the organisation commission (11-HD/BTCTW) as .xlsx, from the register.

As far as the register holds the data: Biểu 1 (members gained and lost: "kỳ này" is 1/1 to the reporting
date, compared with the same stretch last year), Biểu 3 (the body of members by gender, status, age band,
general education and political theory), its annex by ethnicity and religion, and the organisations by
kind (Biểu 5 without the breakdown by type of base, which the register does not hold). Figures come from
`members.statistics` and the tree snapshot, so they agree with the register's statistics to the unit.
Columns and row letters follow the 2022 templates described in report-layout.md §4.2.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db.models import Count
from openpyxl import Workbook
from openpyxl.styles import Font

from dangvu.members.models import EventKind, MembershipEvent, Placement
from dangvu.members.rules import add_months
from dangvu.members.selectors import in_scope, valid_on
from dangvu.members.statistics import Statistics, member_statistics
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import TreeView, tree_snapshot
from dangvu.reports.layout import issuer_for
from dangvu.reports.xlsx import write_table

COMPARE = ("Tiêu chí", "Kỳ này", "Cùng kỳ năm trước", "% (kỳ này/cùng kỳ)")


def _events(user: Any, organisation: Organisation, start: dt.date, end: dt.date) -> dict[str, int]:
    qs = in_scope(
        MembershipEvent.objects.filter(occurred_on__gte=start, occurred_on__lte=end),
        user,
        "organisation__path",
    ).filter(organisation__path__startswith=organisation.path)
    return dict(qs.values_list("kind").annotate(n=Count("id")).order_by())


def _total(user: Any, organisation: Organisation, on: dt.date) -> int:
    """Members of the sub-tree on `on`: the placements valid that day (as `members.statistics` counts)."""
    qs = in_scope(Placement.objects.filter(valid_on(on)), user, "organisation__path")
    return qs.filter(organisation__path__startswith=organisation.path).count()


def _count(stats: Statistics, dimension: str, label: str) -> int:
    return dict(stats.tables.get(dimension, [])).get(label, 0)


def _ratio(now: int, before: int) -> float | None:
    return round(100.0 * now / before, 1) if before else None


def _form1(user: Any, org: Organisation, at: dt.date) -> list[tuple[str, int, int]]:
    rows: list[tuple[str, int, int]] = []
    values: list[dict[str, int]] = []
    for end in (at, add_months(at, -12)):
        start = dt.date(end.year, 1, 1)
        before, after = _total(user, org, start - dt.timedelta(days=1)), _total(user, org, end)
        ev = _events(user, org, start, end)
        values.append({"before": before, "after": after, **ev})
    labels = [
        ("A. Đảng viên cuối kỳ trước", "before"),
        ("B. Tăng: kết nạp", EventKind.ADMISSION.value),
        ("    chuyển đến", EventKind.TRANSFER_IN.value),
        ("C. Giảm: từ trần", EventKind.DEATH.value),
        ("    khai trừ", EventKind.EXPULSION.value),
        ("    xóa tên", EventKind.REMOVAL.value),
        ("    chuyển đi", EventKind.TRANSFER_OUT.value),
        ("D. Đảng viên cuối kỳ", "after"),
    ]
    for label, key in labels:
        rows.append((label, values[0].get(key, 0), values[1].get(key, 0)))
    return rows


def _form3(stats: Statistics, last: Statistics) -> list[tuple[str, int, int]]:
    def minority(s: Statistics) -> int:
        return sum(n for label, n in s.tables.get("ethnicity", []) if label != "Kinh")

    def religious(s: Statistics) -> int:
        return sum(n for label, n in s.tables.get("religion", []) if label != "Không")

    rows = [
        ("I. Tổng số đảng viên", stats.total, last.total),
        ("    trong đó: nữ", _count(stats, "gender", "Nữ"), _count(last, "gender", "Nữ")),
        ("    dự bị", _count(stats, "status", "Dự bị"), _count(last, "status", "Dự bị")),
        ("    dân tộc thiểu số", minority(stats), minority(last)),
        ("    theo tôn giáo", religious(stats), religious(last)),
    ]
    for dimension, heading in (
        ("age", "II.2 Độ tuổi"),
        ("education", "II.4 Giáo dục phổ thông"),
        ("theory_level", "II.7 Lý luận chính trị"),
    ):
        rows.append((heading, sum(n for _, n in stats.tables.get(dimension, [])), last.total))
        previous = dict(last.tables.get(dimension, []))
        rows += [(f"    {label}", n, previous.get(label, 0)) for label, n in stats.tables.get(dimension, [])]
    return rows


def statistical_forms(user: Any, organisation: Organisation, at: dt.date) -> bytes:
    """The forms of `organisation`'s sub-tree on the reporting date `at`, as an .xlsx workbook."""
    parent = organisation.parent.name if organisation.parent else None
    header = issuer_for(organisation.name, organisation.kind, parent, None)
    stats = member_statistics(user, on=at, organisation=organisation)
    last = member_statistics(user, on=add_months(at, -12), organisation=organisation)
    wb = Workbook()

    def sheet(title: str, form: str) -> Any:
        ws = wb.create_sheet(title)
        ws.append([header.body, "", "", f"Biểu số {form}"])
        ws.append(["BAN TỔ CHỨC"])
        ws.append([f"{organisation.name} — số liệu đến ngày {at:%d/%m/%Y}"])
        ws.cell(3, 1).font = Font(italic=True)
        ws.append([])
        ws.column_dimensions["A"].width = 48
        for col in "BCD":
            ws.column_dimensions[col].width = 18
        return ws

    ws = sheet("Biểu 1 tăng giảm", "1-BTCTW")
    write_table(
        ws,
        "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
        COMPARE,
        [(*r, _ratio(r[1], r[2])) for r in _form1(user, organisation, at)],
    )
    ws = sheet("Biểu 3 đội ngũ", "3-BTCTW")
    write_table(
        ws, "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN", COMPARE, [(*r, _ratio(r[1], r[2])) for r in _form3(stats, last)]
    )
    ws = sheet("Dân tộc, tôn giáo", "3-BTCTW (phụ lục)")
    for dimension, heading in (("ethnicity", "I. Theo dân tộc"), ("religion", "II. Theo tôn giáo")):
        rows = stats.tables.get(dimension, [])
        write_table(
            ws,
            heading,
            ("TT", "Tên dân tộc, tôn giáo", "Tổng số", "Tỷ lệ %"),
            [(i, label, n, _ratio(n, stats.total)) for i, (label, n) in enumerate(rows, start=1)],
        )
    node = tree_snapshot(user, at, TreeView.WAS).by_code(organisation.code)
    ws = sheet("Tổ chức đảng", "5-BTCTW (rút gọn)")
    if node is not None:
        write_table(
            ws,
            "TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN",
            ("Loại tổ chức", "Số lượng"),
            [
                ("Đảng bộ trực thuộc", node.units(OrgKind.DIRECTLY_UNDER)),
                ("Tổ chức cơ sở đảng", node.grassroots),
                ("    đảng bộ cơ sở", node.units(OrgKind.GRASSROOTS_COMMITTEE)),
                ("    chi bộ cơ sở", node.units(OrgKind.GRASSROOTS_CELL)),
                ("Đảng bộ bộ phận", node.units(OrgKind.PARTIAL_COMMITTEE)),
                ("Chi bộ trực thuộc đảng ủy cơ sở", node.units(OrgKind.SUBORDINATE_CELL)),
                ("Đảng viên", node.members),
            ],
        )
    del wb[wb.sheetnames[0]]
    for ws in wb.worksheets:
        ws.append([])
        ws.append(["NGƯỜI LẬP BIỂU", "", "", "TRƯỞNG BAN"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
