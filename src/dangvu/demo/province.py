"""The plan of the synthetic province's tree at the end of 2019, with no Django import.

Its size is that of the real province in the seeds (003): exactly 17 directly-under committees (13 district-
level ones and four blocs), 722 grassroots organisations and 4,138 cells under grassroots committees. Totals
are shared out by weights with the largest-remainder rule, so they hold exactly whatever the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from dangvu.demo.names import VILLAGE_WORDS, PlaceNamer
from dangvu.organisations.kinds import OrgKind

DIRECTLY_UNDER = 17
GRASSROOTS = 722
SUBORDINATE_CELLS = 4138
COMMUNES = 262
DISTRICT_AGENCIES = 300

PROVINCE_NAME = "Hà Lam"

#: (kind of district, name, weight of its size, mountainous?)
DISTRICTS: list[tuple[str, str, float, bool]] = [
    ("thành phố", "Hà Lam", 1.1, False),
    ("thị xã", "Kỳ Sơn", 1.0, False),
    ("thị xã", "Hồng Lĩnh", 0.5, False),
    ("huyện", "Thạch Hà", 1.4, False),
    ("huyện", "Cẩm Xuyên", 1.3, False),
    ("huyện", "Đức Thọ", 1.1, False),
    ("huyện", "Hương Khê", 1.1, True),
    ("huyện", "Hương Sơn", 1.3, True),
    ("huyện", "Nghi Xuân", 0.9, False),
    ("huyện", "Can Lộc", 1.0, False),
    ("huyện", "Lộc Hà", 0.7, False),
    ("huyện", "Vũ Quang", 0.6, True),
    ("huyện", "Kỳ Anh", 1.1, True),
]
BLOCS: list[tuple[str, str, int, float]] = [
    # (role, name, grassroots organisations, share of them that are committees)
    ("agencies", "Đảng bộ Khối các cơ quan tỉnh", 70, 0.4),
    ("enterprises", "Đảng bộ Khối Doanh nghiệp tỉnh", 50, 0.4),
    ("military", "Đảng bộ Quân sự tỉnh", 22, 1.0),
    ("police", "Đảng bộ Công an tỉnh", 18, 1.0),
]
DISTRICT_AGENCY_UNITS = [
    "Cơ quan Huyện ủy",
    "Cơ quan Ủy ban nhân dân",
    "Trung tâm Y tế",
    "Bệnh viện Đa khoa",
    "Phòng Giáo dục và Đào tạo",
    "Ngân hàng Chính sách xã hội",
    "Chi cục Thuế",
    "Kho bạc Nhà nước",
    "Trung tâm Văn hóa – Truyền thông",
    "Viện Kiểm sát nhân dân",
    "Tòa án nhân dân",
    "Chi cục Thi hành án dân sự",
    "Hạt Kiểm lâm",
    "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
    "Bảo hiểm xã hội",
    "Điện lực",
]
SCHOOL_KINDS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT"]
AGENCY_UNITS = [
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Lao động – Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Ban Dân tộc tỉnh",
    "Đài Phát thanh – Truyền hình tỉnh",
    "Báo Hà Lam",
    "Trường Chính trị tỉnh",
    "Bệnh viện Đa khoa tỉnh",
    "Bệnh viện Y học cổ truyền",
    "Trường Đại học Hà Lam",
    "Trường Cao đẳng Kỹ thuật",
    "Cục Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Cục Thống kê tỉnh",
    "Liên minh Hợp tác xã",
    "Tòa án nhân dân tỉnh",
    "Viện Kiểm sát nhân dân tỉnh",
    "Ngân hàng Nhà nước chi nhánh tỉnh",
    "Cục Hải quan",
    "Ủy ban Mặt trận Tổ quốc tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Liên đoàn Lao động tỉnh",
]
ENTERPRISE_WORDS = [
    "Công ty Cổ phần Môi trường",
    "Công ty Điện lực",
    "Công ty Cổ phần Cấp nước",
    "Công ty TNHH MTV Thủy lợi",
    "Công ty Cổ phần Xây dựng",
    "Công ty Cổ phần Vận tải",
    "Công ty Cổ phần Dược",
    "Công ty Cao su",
    "Công ty Xăng dầu",
    "Ngân hàng Thương mại Cổ phần chi nhánh",
    "Công ty Cổ phần Khoáng sản",
    "Công ty Lâm nghiệp",
    "Công ty Cổ phần Du lịch",
    "Công ty Cổ phần Thương mại",
    "Công ty Cổ phần Cảng",
]
MILITARY_UNITS = [
    "Ban Chỉ huy Quân sự",
    "Trung đoàn",
    "Tiểu đoàn",
    "Bộ Chỉ huy Bộ đội Biên phòng",
    "Cơ quan Bộ Chỉ huy",
]
AGENCY_SECTIONS = [
    "Văn phòng",
    "Phòng Tổ chức – Hành chính",
    "Phòng Nghiệp vụ",
    "Phòng Kế hoạch – Tài chính",
    "Khoa",
    "Trung tâm",
]
POLICE_UNITS = ["Công an", "Phòng Cảnh sát", "Phòng An ninh", "Trại tạm giam", "Cơ quan Công an tỉnh"]


@dataclass
class PlanUnit:
    key: int
    code: str
    name: str
    kind: OrgKind
    parent: int | None
    role: str  # province, district, bloc:…, commune, ward, agency, school, enterprise, military, police, …
    district: int | None = None  # the district (or bloc) key it belongs to
    mountainous: bool = False
    established_on: dt.date = dt.date(1945, 1, 1)
    place: str = ""  # for a district: its place name ("Thạch Hà")
    children: list[int] = field(default_factory=list)


def share_out(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into integers proportional to `weights`, each at least `minimum`, summing to `total`."""
    if total < minimum * len(weights):
        raise ValueError("total too small for the minimum")
    rest = total - minimum * len(weights)
    wsum = sum(weights)
    raw = [rest * w / wsum for w in weights]
    parts = [int(r) for r in raw]
    short = rest - sum(parts)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[:short]:
        parts[i] += 1
    return [p + minimum for p in parts]


class ProvincePlan:
    """Builds the list of units; `units[0]` is the provincial committee."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.names = PlaceNamer(self.rng)
        self.units: list[PlanUnit] = []
        self._counters: dict[str, int] = {}
        self._build()

    # -- helpers ---------------------------------------------------------------------------------
    def _code(self, prefix: str, width: int) -> str:
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}{n:0{width}d}"

    def _date_after(self, start: dt.date, latest_year: int) -> dt.date:
        end = dt.date(latest_year, 12, 31)
        if start >= end:
            return start
        return start + dt.timedelta(days=self.rng.randrange((end - start).days))

    def _add(
        self,
        name: str,
        kind: OrgKind,
        parent: int | None,
        role: str,
        prefix: str,
        width: int,
        district: int | None = None,
        mountainous: bool = False,
        latest_year: int = 2015,
    ) -> PlanUnit:
        key = len(self.units)
        start = self.units[parent].established_on if parent is not None else dt.date(1945, 1, 1)
        unit = PlanUnit(
            key,
            self._code(prefix, width),
            name,
            kind,
            parent,
            role,
            district,
            mountainous,
            self._date_after(start, latest_year) if parent is not None else start,
        )
        self.units.append(unit)
        if parent is not None:
            self.units[parent].children.append(key)
        return unit

    # -- the tree --------------------------------------------------------------------------------
    def _build(self) -> None:
        rng = self.rng
        root = self._add(f"Đảng bộ tỉnh {PROVINCE_NAME}", OrgKind.PROVINCIAL, None, "province", "HL", 0)
        root.code = "HL"
        districts = [
            self._add(
                f"Đảng bộ {kind} {name}",
                OrgKind.DIRECTLY_UNDER,
                root.key,
                "district",
                "D",
                2,
                mountainous=mountain,
                latest_year=1992,
            )
            for kind, name, _w, mountain in DISTRICTS
        ]
        for d, (_k, name, _w, _m) in zip(districts, DISTRICTS, strict=True):
            d.district, d.place = d.key, name
        blocs = [
            self._add(name, OrgKind.DIRECTLY_UNDER, root.key, "bloc:" + role, "D", 2, latest_year=1995)
            for role, name, _n, _s in BLOCS
        ]
        assert len(districts) + len(blocs) == DIRECTLY_UNDER  # noqa: S101 - the plan's own arithmetic, checked while building
        weights = [w for _k, _n, w, _m in DISTRICTS]
        communes = share_out(COMMUNES, weights, minimum=8)
        agencies = share_out(DISTRICT_AGENCIES, weights, minimum=12)
        assert COMMUNES + DISTRICT_AGENCIES + sum(b[2] for b in BLOCS) == GRASSROOTS  # noqa: S101 - the plan's own arithmetic, checked while building
        committees: list[PlanUnit] = []
        for d, (dkind, dname, _w, mountain), n_communes, n_agencies in zip(
            districts, DISTRICTS, communes, agencies, strict=True
        ):
            urban = dkind != "huyện"
            first = dname.split()[0]
            for i in range(n_communes):
                ward = urban and i < n_communes * 0.6
                place = self.names.name(dname, first if rng.random() < 0.35 else None)
                c = self._add(
                    f"Đảng bộ {'phường' if ward else 'xã'} {place}",
                    OrgKind.GRASSROOTS_COMMITTEE,
                    d.key,
                    "ward" if ward else "commune",
                    "C",
                    4,
                    d.key,
                    mountain,
                    2005,
                )
                committees.append(c)
            pool = [
                f"{u} {'thành phố' if dkind == 'thành phố' else dkind} {dname}" for u in DISTRICT_AGENCY_UNITS
            ]
            rng.shuffle(pool)
            for i in range(n_agencies):
                if i < len(pool) // 2:
                    label, role = pool[i], "agency"
                else:
                    label, role = f"{rng.choice(SCHOOL_KINDS)} {self.names.name(dname + ':school')}", "school"
                is_committee = role == "agency" and rng.random() < 0.45
                kind = OrgKind.GRASSROOTS_COMMITTEE if is_committee else OrgKind.GRASSROOTS_CELL
                u = self._add(
                    f"{'Đảng bộ' if is_committee else 'Chi bộ'} {label}",
                    kind,
                    d.key,
                    role,
                    "C",
                    4,
                    d.key,
                    mountain,
                    2010,
                )
                if is_committee:
                    committees.append(u)
        for b, (role, _name, count, committee_share) in zip(blocs, BLOCS, strict=True):
            for i in range(count):
                label = self._bloc_unit_name(role, i)
                is_committee = rng.random() < committee_share
                kind = OrgKind.GRASSROOTS_COMMITTEE if is_committee else OrgKind.GRASSROOTS_CELL
                u = self._add(
                    f"{'Đảng bộ' if is_committee else 'Chi bộ'} {label}",
                    kind,
                    b.key,
                    role,
                    "C",
                    4,
                    b.key,
                    False,
                    2012,
                )
                if is_committee:
                    committees.append(u)
        self._cells(committees)

    def _bloc_unit_name(self, role: str, i: int) -> str:
        rng = self.rng
        if role == "agencies":
            return AGENCY_UNITS[i] if i < len(AGENCY_UNITS) else f"Trung tâm {self.names.name('center')}"
        if role == "enterprises":
            return f"{ENTERPRISE_WORDS[i % len(ENTERPRISE_WORDS)]} {self.names.name('enterprise')}"
        if role == "military":
            unit = MILITARY_UNITS[i % len(MILITARY_UNITS)]
            district = DISTRICTS[i % len(DISTRICTS)][1]
            return (
                f"{unit} {district}"
                if unit == "Ban Chỉ huy Quân sự"
                else f"{unit} {800 + 3 * i + rng.randrange(3)}"
            )
        unit = POLICE_UNITS[i % len(POLICE_UNITS)]
        return f"{unit} {DISTRICTS[i % len(DISTRICTS)][1]}" if unit == "Công an" else f"{unit} số {i + 1}"

    def _cells(self, committees: list[PlanUnit]) -> None:
        weight_of = {
            "commune": 13.0,
            "ward": 11.0,
            "agency": 4.0,
            "enterprise": 5.0,
            "agencies": 4.0,
            "enterprises": 5.0,
            "military": 7.0,
            "police": 6.0,
        }
        counts = share_out(
            SUBORDINATE_CELLS,
            [weight_of.get(c.role, 4.0) * self.rng.uniform(0.6, 1.4) for c in committees],
            minimum=2,
        )
        for c, n in zip(committees, counts, strict=True):
            parent = c.key
            if c.role in ("military", "police") and n >= 6:
                # Large armed-forces committees group their cells in partial committees (đảng bộ bộ phận).
                groups = share_out(n, [1.0] * (n // 4), minimum=2)
                for g, size in enumerate(groups, start=1):
                    p = self._add(
                        f"Đảng bộ bộ phận {'Tiểu đoàn' if c.role == 'military' else 'Đội'} {g}",
                        OrgKind.PARTIAL_COMMITTEE,
                        parent,
                        c.role + "-part",
                        "B",
                        3,
                        c.district,
                    )
                    for k in range(size):
                        self._add(
                            f"Chi bộ {'Đại đội' if c.role == 'military' else 'Tổ công tác'} {g}{k + 1}",
                            OrgKind.SUBORDINATE_CELL,
                            p.key,
                            c.role + "-cell",
                            "S",
                            5,
                            c.district,
                        )
                continue
            for k in range(n):
                self._add(
                    self._cell_name(c, k),
                    OrgKind.SUBORDINATE_CELL,
                    parent,
                    c.role + "-cell",
                    "S",
                    5,
                    c.district,
                    c.mountainous,
                    2016,
                )

    def _cell_name(self, committee: PlanUnit, k: int) -> str:
        if committee.role == "commune":
            return f"Chi bộ thôn {self.names.name(committee.code, words=VILLAGE_WORDS)}"
        if committee.role == "ward":
            return f"Chi bộ tổ dân phố {k + 1}"
        if committee.role in ("agency", "agencies"):
            section = AGENCY_SECTIONS[k % len(AGENCY_SECTIONS)]
            return f"Chi bộ {section}" if k < len(AGENCY_SECTIONS) else f"Chi bộ {section} {k // 6 + 1}"
        return f"Chi bộ {['Phân xưởng', 'Xí nghiệp', 'Đội', 'Phòng'][k % 4]} {k + 1}"

    # -- views -----------------------------------------------------------------------------------
    def of_kind(self, kind: OrgKind) -> list[PlanUnit]:
        return [u for u in self.units if u.kind == kind]

    def member_cells(self) -> list[PlanUnit]:
        """The units where members are placed: every cell."""
        return [u for u in self.units if u.kind in (OrgKind.SUBORDINATE_CELL, OrgKind.GRASSROOTS_CELL)]
