"""Reorganisation services, establish / rename / move: each happy path, and each refusal with its Vietnamese
message, nothing written (merge, split, dissolve: test_services_merge_split.py)."""

import datetime as dt

from reorganising import START, D, links, parts, refused

from dangvu.core.errors import PermissionDenied
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Reorganisation
from dangvu.organisations.services import (
    org_establish,
    org_move,
    org_rename,
)

# -- establish -----------------------------------------------------------------------------------


def test_establish_writes_unit_link_name_path_and_record(province):
    xa = province["XA"]
    org = org_establish(
        actor=province.users["admin"],
        code=" CA3 ",
        name="Chi bộ  thôn Mới",
        kind=OrgKind.SUBORDINATE_CELL,
        parent=xa,
        established_on=dt.date(2020, 3, 1),
    )
    assert org.code == "CA3" and org.name == "Chi bộ thôn Mới" and org.name_folded == "chi bo thon moi"
    assert org.path == f"{xa.path}{org.pk}/"
    assert links(org) == [("XA", dt.date(2020, 3, 1), None)]
    assert list(org.names.values_list("name", "valid_from", "valid_to")) == [
        ("Chi bộ thôn Mới", dt.date(2020, 3, 1), None)
    ]
    reorg = Reorganisation.objects.get(kind="establish", parts__organisation=org)
    assert reorg.path == org.path and parts(reorg) == [("CA3", "successor")]


def test_establish_refusals(province):
    admin, xa, ca1 = province.users["admin"], province["XA"], province["CA1"]
    kw = {"actor": admin, "code": "N1", "name": "Mới", "established_on": dt.date(2020, 1, 1)}
    refused(
        org_establish, "không thể có đơn vị trực thuộc", **kw, kind=OrgKind.GRASSROOTS_COMMITTEE, parent=ca1
    )
    refused(org_establish, "không thể có đơn vị trực thuộc", **kw, kind=OrgKind.DIRECTLY_UNDER, parent=xa)
    refused(
        org_establish,
        "Mã «XB» đã được dùng",
        **{**kw, "code": "XB"},
        kind=OrgKind.SUBORDINATE_CELL,
        parent=xa,
    )
    refused(
        org_establish, "cần có mã và tên", **{**kw, "name": "  "}, kind=OrgKind.SUBORDINATE_CELL, parent=xa
    )
    refused(
        org_establish,
        "trước ngày thành lập",
        **{**kw, "established_on": dt.date(1999, 1, 1)},
        kind=OrgKind.SUBORDINATE_CELL,
        parent=xa,
    )
    refused(
        org_establish, "Chỉ quản trị hệ thống", PermissionDenied, **kw, kind=OrgKind.PROVINCIAL, parent=None
    )
    refused(
        org_establish,
        "không có quyền quản trị",
        PermissionDenied,
        **{**kw, "actor": province.users["editor_a"]},
        kind=OrgKind.SUBORDINATE_CELL,
        parent=xa,
    )


# -- rename --------------------------------------------------------------------------------------


def test_rename_keeps_identity_and_history(province, system):
    xa = province["XA"]
    org_rename(
        actor=province.users["admin"],
        organisation=xa,
        name="Đảng bộ xã Thạch Long Mới",
        effective_on=D,
        decision="01-QĐ/TU",
    )
    xa.refresh_from_db()
    assert xa.name == "Đảng bộ xã Thạch Long Mới" and xa.name_folded == "dang bo xa thach long moi"
    assert list(xa.names.order_by("valid_from").values_list("name", "valid_from", "valid_to")) == [
        ("Đảng bộ xã Thạch Long", START, D),
        ("Đảng bộ xã Thạch Long Mới", D, None),
    ]
    reorg = Reorganisation.objects.get(kind="rename")
    assert reorg.decision == "01-QĐ/TU" and parts(reorg) == [("XA", "subject")]


def test_rename_refusals(province):
    admin, xa = province.users["admin"], province["XA"]
    refused(
        org_rename,
        "trùng tên hiện tại",
        actor=admin,
        organisation=xa,
        name=" Đảng bộ xã  Thạch Long",
        effective_on=D,
    )
    refused(org_rename, "Tên mới trống", actor=admin, organisation=xa, name="  ", effective_on=D)
    refused(
        org_rename,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["editor_a"],
        organisation=xa,
        name="Khác",
        effective_on=D,
    )
    org_rename(actor=admin, organisation=xa, name="Tên 2", effective_on=D)
    xa.refresh_from_db()
    refused(
        org_rename,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=xa,
        name="Tên 3",
        effective_on=D,
    )
    refused(
        org_rename,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=xa,
        name="Tên 3",
        effective_on=dt.date(2024, 1, 1),
    )


# -- move ----------------------------------------------------------------------------------------


def test_move_closes_and_opens_links_and_refreshes_paths_below(province):
    xa, d2 = province["XA"], province["D2"]
    org_move(actor=province.users["admin"], organisation=xa, parent=d2, effective_on=D)
    xa.refresh_from_db()
    assert xa.parent_id == d2.pk
    assert links(xa) == [("D1", START, D), ("D2", D, None)]
    assert xa.path == f"{d2.path}{xa.pk}/"
    assert province["CA1"].path == f"{xa.path}{province['CA1'].pk}/"
    assert links(province["CA1"]) == [("XA", START, None)]
    assert parts(Reorganisation.objects.get(kind="move")) == [("D2", "successor"), ("XA", "subject")]


def test_move_refusals(province):
    admin, xa, d1, d2, ca1, cs = (
        province.users["admin"],
        province["XA"],
        province["D1"],
        province["D2"],
        province["CA1"],
        province["CS"],
    )
    refused(
        org_move, "không thể có đơn vị trực thuộc", actor=admin, organisation=xa, parent=cs, effective_on=D
    )
    refused(org_move, "đã trực thuộc", actor=admin, organisation=xa, parent=d1, effective_on=D)
    refused(
        org_move, "không thể có đơn vị trực thuộc", actor=admin, organisation=ca1, parent=d2, effective_on=D
    )
    refused(
        org_move,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=xa,
        parent=d2,
        effective_on=START,
    )
    refused(
        org_move,
        "không có quyền quản trị",
        PermissionDenied,
        actor=province.users["editor_a"],
        organisation=ca1,
        parent=province["XB"],
        effective_on=D,
    )
    org_move(actor=admin, organisation=xa, parent=d2, effective_on=D)
    xa.refresh_from_db()
    refused(
        org_move,
        "không sau lần thay đổi gần nhất",
        actor=admin,
        organisation=xa,
        parent=d1,
        effective_on=dt.date(2025, 1, 1),
    )


def test_move_under_own_descendant_is_refused_as_a_cycle(province):
    """Kinds alone forbid most cycles; a partial committee moved under a cell of its own is the same error."""
    admin = province.users["admin"]
    p1 = org_establish(
        actor=admin,
        code="P1",
        name="Đảng bộ bộ phận 1",
        kind=OrgKind.PARTIAL_COMMITTEE,
        parent=province["XA"],
        established_on=dt.date(2001, 1, 1),
    )
    refused(
        org_move, "nằm dưới chính nó", actor=admin, organisation=province["XA"], parent=p1, effective_on=D
    )
    refused(org_move, "nằm dưới chính nó", actor=admin, organisation=p1, parent=p1, effective_on=D)
