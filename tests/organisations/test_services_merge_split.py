"""Reorganisation services, merge / split / dissolve: each happy path, and each refusal with its Vietnamese
message, nothing written."""

import datetime as dt

from reorganising import START, D, links, parts, refused

from dangvu.core.errors import PermissionDenied
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation, Reorganisation
from dangvu.organisations.services import (
    NewUnit,
    org_dissolve,
    org_establish,
    org_move,
    org_rename,
    org_split,
    orgs_merge,
)

# -- merge ---------------------------------------------------------------------------------------


def test_merge_into_new_unit(province):
    admin, xa, xb, d1 = province.users["admin"], province["XA"], province["XB"], province["D1"]
    new = orgs_merge(
        actor=admin,
        sources=[xa, xb],
        effective_on=D,
        new=NewUnit(code="XN", name="Đảng bộ xã Thạch Long Sơn"),
        decision="02-NQ/TU",
    )
    assert new.kind == OrgKind.GRASSROOTS_COMMITTEE and new.parent_id == d1.pk
    assert new.path == f"{d1.path}{new.pk}/"
    assert links(new) == [("D1", D, None)]
    for code in ("XA", "XB"):
        old = province[code]
        assert old.dissolved_on == D and old.successor_id == new.pk and old.parent_id is None
        assert links(old) == [("D1", START, D)]
        assert old.names.get().valid_to == D
        assert old.path == f"{new.path}{old.pk}/"
    for code, was in (("CA1", "XA"), ("CA2", "XA"), ("CB1", "XB")):
        cell = province[code]
        assert links(cell) == [(was, START, D), ("XN", D, None)]
        assert cell.parent_id == new.pk and cell.path == f"{new.path}{cell.pk}/"
    reorg = Reorganisation.objects.get(kind="merge")
    assert parts(reorg) == [("XA", "predecessor"), ("XB", "predecessor"), ("XN", "successor")]
    assert reorg.path == new.path and reorg.effective_on == D


def test_merge_into_existing_unit(province):
    admin, xa, xb = province.users["admin"], province["XA"], province["XB"]
    got = orgs_merge(actor=admin, sources=[xa], into=xb, effective_on=D)
    assert got.pk == xb.pk
    xa.refresh_from_db()
    assert xa.successor_id == xb.pk and xa.dissolved_on == D
    assert set(Organisation.objects.filter(parent=xb).values_list("code", flat=True)) == {"CA1", "CA2", "CB1"}
    assert links(province["CB1"]) == [("XB", START, None)]


def test_merge_refusals(province):
    admin, xa, xb, cs, ca1, ca2 = (
        province.users["admin"],
        province["XA"],
        province["XB"],
        province["CS"],
        province["CA1"],
        province["CA2"],
    )
    refused(
        orgs_merge,
        "vừa là đơn vị nhận vừa là đơn vị bị sáp nhập",
        actor=admin,
        sources=[xa, xb],
        into=xa,
        effective_on=D,
    )
    refused(orgs_merge, "đúng một đơn vị nhận", actor=admin, sources=[xa], effective_on=D)
    refused(
        orgs_merge,
        "đúng một đơn vị nhận",
        actor=admin,
        sources=[xa],
        into=xb,
        new=NewUnit("N", "N"),
        effective_on=D,
    )
    refused(orgs_merge, "ít nhất một đơn vị", actor=admin, sources=[], into=xb, effective_on=D)
    # a grassroots cell cannot take a committee's cells
    refused(orgs_merge, "không thể có đơn vị trực thuộc", actor=admin, sources=[xa], into=cs, effective_on=D)
    refused(
        orgs_merge, "không sau lần thay đổi gần nhất", actor=admin, sources=[xa], into=xb, effective_on=START
    )
    refused(
        orgs_merge,
        "Mã «CS» đã được dùng",
        actor=admin,
        sources=[ca1, ca2],
        effective_on=D,
        new=NewUnit(code="CS", name="Chi bộ chung"),
    )
    refused(
        orgs_merge,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["editor_a"],
        sources=[ca1],
        into=ca2,
        effective_on=D,
    )
    refused(
        orgs_merge,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["outsider"],
        sources=[xa],
        into=xb,
        effective_on=D,
    )


def test_merge_refuses_a_date_before_a_child_was_placed(province):
    """A child moved in 2020 cannot be moved by a merge dated 2010 (its link would end before it began)."""
    admin = province.users["admin"]
    org_move(
        actor=admin, organisation=province["CA1"], parent=province["XB"], effective_on=dt.date(2020, 1, 1)
    )
    refused(
        orgs_merge,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        sources=[province["XB"]],
        into=province["XA"],
        effective_on=dt.date(2010, 1, 1),
    )


def test_merge_into_a_unit_below_a_source_is_refused(province):
    """Otherwise the receiver would be left hanging under the closed source."""
    admin, xa = province.users["admin"], province["XA"]
    p1 = org_establish(
        actor=admin,
        code="P1",
        name="Đảng bộ bộ phận 1",
        kind=OrgKind.PARTIAL_COMMITTEE,
        parent=xa,
        established_on=dt.date(2001, 1, 1),
    )
    refused(orgs_merge, "không thể nhận đơn vị cấp trên", actor=admin, sources=[xa], into=p1, effective_on=D)
    refused(
        orgs_merge,
        "không thể nhận đơn vị cấp trên",
        actor=admin,
        sources=[xa],
        effective_on=D,
        new=NewUnit("P2", "Đảng bộ bộ phận 2", kind=OrgKind.PARTIAL_COMMITTEE, parent=p1),
    )


def test_merge_of_a_closed_unit_is_refused(province):
    admin = province.users["admin"]
    orgs_merge(actor=admin, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    refused(
        orgs_merge,
        "đã chấm dứt hoạt động",
        actor=admin,
        sources=[province["CA1"]],
        into=province["CB1"],
        effective_on=dt.date(2026, 1, 1),
    )
    refused(
        orgs_merge,
        "đã chấm dứt hoạt động",
        actor=admin,
        sources=[province["CB1"]],
        into=province["CA1"],
        effective_on=dt.date(2026, 1, 1),
    )


# -- split ---------------------------------------------------------------------------------------


def test_split_hands_each_child_to_one_part(province):
    admin, xa, d1 = province.users["admin"], province["XA"], province["D1"]
    ca1, ca2 = province["CA1"], province["CA2"]
    north, south = org_split(
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[
            NewUnit(code="XA1", name="Đảng bộ xã Bắc Long", children=[ca1]),
            NewUnit(code="XA2", name="Đảng bộ xã Nam Long", children=[ca2]),
        ],
    )
    assert north.parent_id == south.parent_id == d1.pk
    assert north.kind == south.kind == OrgKind.GRASSROOTS_COMMITTEE
    assert links(province["CA1"]) == [("XA", START, D), ("XA1", D, None)]
    assert links(province["CA2"]) == [("XA", START, D), ("XA2", D, None)]
    xa.refresh_from_db()
    assert xa.dissolved_on == D and xa.successor_id == north.pk
    assert province["CA2"].path == f"{south.path}{ca2.pk}/"
    assert parts(Reorganisation.objects.get(kind="split")) == [
        ("XA", "predecessor"),
        ("XA1", "successor"),
        ("XA2", "successor"),
    ]


def test_split_refusals(province):
    admin, xa, ca1, ca2, cb1 = (
        province.users["admin"],
        province["XA"],
        province["CA1"],
        province["CA2"],
        province["CB1"],
    )
    refused(
        org_split,
        "Chưa giao đơn vị trực thuộc cho đơn vị mới: Chi bộ thôn Đông Tân",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1]), NewUnit("N2", "Hai")],
    )
    refused(
        org_split,
        "được giao cho hai đơn vị mới",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1, ca2]), NewUnit("N2", "Hai", children=[ca1])],
    )
    refused(
        org_split,
        "không trực thuộc «Đảng bộ xã Thạch Long»",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1, cb1]), NewUnit("N2", "Hai", children=[ca2])],
    )
    refused(
        org_split,
        "ít nhất hai đơn vị mới",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1, ca2])],
    )
    refused(
        org_split,
        "Mã «N1» đã được dùng",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1]), NewUnit("N1", "Hai", children=[ca2])],
    )
    refused(
        org_split,
        "không thể có đơn vị trực thuộc",
        actor=admin,
        source=xa,
        effective_on=D,
        parts=[
            NewUnit("N1", "Một", kind=OrgKind.GRASSROOTS_CELL, children=[ca1]),
            NewUnit("N2", "Hai", children=[ca2]),
        ],
    )
    refused(
        org_split,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["editor_a"],
        source=xa,
        effective_on=D,
        parts=[NewUnit("N1", "Một", children=[ca1]), NewUnit("N2", "Hai", children=[ca2])],
    )


# -- dissolve ------------------------------------------------------------------------------------


def test_dissolve_moves_children_and_names_the_heir(province):
    admin, d1, hl = province.users["admin"], province["D1"], province["HL"]
    org_dissolve(actor=admin, organisation=d1, effective_on=D, children_to=hl)
    d1.refresh_from_db()
    assert d1.dissolved_on == D and d1.successor_id == hl.pk and d1.parent_id is None
    assert links(d1) == [("HL", START, D)]
    assert links(province["XA"]) == [("D1", START, D), ("HL", D, None)]
    assert province["XA"].path == f"{hl.path}{province['XA'].pk}/"
    assert province["CA1"].path.startswith(province["XA"].path)
    assert parts(Reorganisation.objects.get(kind="dissolve")) == [("D1", "predecessor"), ("HL", "successor")]


def test_dissolve_a_cell_hands_its_records_to_the_parent(province):
    admin, ca1 = province.users["admin"], province["CA1"]
    org_dissolve(actor=admin, organisation=ca1, effective_on=D)
    ca1.refresh_from_db()
    assert ca1.successor_id == province["XA"].pk and ca1.dissolved_on == D


def test_dissolve_refusals(province):
    admin, d1, xa, ca1 = province.users["admin"], province["D1"], province["XA"], province["CA1"]
    refused(
        org_dissolve,
        "còn 2 đơn vị trực thuộc: cần chọn nơi chuyển",
        actor=admin,
        organisation=d1,
        effective_on=D,
    )
    refused(
        org_dissolve,
        "không thể có đơn vị trực thuộc",
        actor=admin,
        organisation=xa,
        effective_on=D,
        children_to=province["CS"],
    )
    refused(
        org_dissolve, "không thể tự kế thừa", actor=admin, organisation=xa, effective_on=D, children_to=xa
    )
    refused(
        org_dissolve,
        "không thể có đơn vị trực thuộc",
        actor=admin,
        organisation=xa,
        effective_on=D,
        children_to=province["CA1"],
        successor=province["XB"],
    )
    refused(
        org_dissolve, "không thể tự kế thừa", actor=admin, organisation=ca1, effective_on=D, successor=ca1
    )
    refused(
        org_dissolve, "không sau lần thay đổi gần nhất", actor=admin, organisation=ca1, effective_on=START
    )
    refused(
        org_dissolve,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["editor_a"],
        organisation=ca1,
        effective_on=D,
    )
    refused(
        org_dissolve,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["outsider"],
        organisation=province["CB1"],
        effective_on=D,
    )
    org_dissolve(actor=admin, organisation=ca1, effective_on=D)
    refused(
        org_dissolve,
        "đã chấm dứt hoạt động",
        actor=admin,
        organisation=province["CA2"],
        effective_on=dt.date(2026, 1, 1),
        successor=ca1,
    )


def test_dissolve_root_without_heir_is_refused(db):
    root = org_establish(
        actor=None, code="R", name="Gốc", kind=OrgKind.PROVINCIAL, parent=None, established_on=START
    )
    refused(
        org_dissolve, "Cần chọn đơn vị kế thừa hồ sơ của «Gốc»", actor=None, organisation=root, effective_on=D
    )


def test_establishing_on_the_same_day_then_changing_is_refused_cleanly(province):
    """A change on the day a unit was established would make an empty validity: a DomainError, not an
    IntegrityError."""
    admin = province.users["admin"]
    refused(
        org_move,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=province["XA"],
        parent=province["D2"],
        effective_on=START,
    )
    refused(
        org_rename,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=province["XA"],
        name="Khác",
        effective_on=START,
    )
