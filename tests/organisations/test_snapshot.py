"""The tree on a date, in both views, and what each user may find in it."""

import datetime as dt

from dangvu.members.models import Member, Placement
from dangvu.organisations.models import Organisation
from dangvu.organisations.selectors import (
    TreeView,
    organisation_ancestors,
    organisation_history,
    organisation_predecessors,
    organisations_search,
    tree_snapshot,
)
from dangvu.organisations.services import NewUnit, org_dissolve, org_rename, orgs_merge

D = dt.date(2025, 7, 1)
BEFORE, AFTER = dt.date(2024, 12, 31), dt.date(2025, 12, 31)


def add_members(org, n, since, until=None):
    for i in range(n):
        m = Member.objects.create(
            full_name=f"Người {i}",
            name_folded=f"nguoi {i}",
            gender="nu",
            birth_date=dt.date(1990, 1, 1),
            ethnicity="Kinh",
            admitted_on=since,
        )
        Placement.objects.create(member=m, organisation=org, valid_from=since, valid_to=until)


def _merge_communes(province):
    return orgs_merge(
        actor=None,
        sources=[province["XA"], province["XB"]],
        effective_on=D,
        new=NewUnit(code="XN", name="Đảng bộ xã Thạch Long Sơn", parent=province["HL"]),
    )


def test_was_view_before_and_after_a_merge(province, system):
    _merge_communes(province)
    before = tree_snapshot(system, BEFORE, TreeView.WAS)
    assert before.by_code("XN") is None
    assert before.nodes[before.by_code("CA1").parent_id].code == "XA"
    assert before.by_code("XA").name == "Đảng bộ xã Thạch Long"
    d1 = before.by_code("D1")
    assert d1.members == 9 and d1.grassroots == 2 and d1.units_below == 5
    after = tree_snapshot(system, AFTER, TreeView.WAS)
    assert after.by_code("XA") is None and after.by_code("XB") is None
    xn = after.by_code("XN")
    assert after.nodes[xn.parent_id].code == "HL"
    assert sorted(c.code for c in xn.children) == ["CA1", "CA2", "CB1"]
    assert xn.members == 9
    assert after.by_code("D1").members == 0 and after.by_code("D1").units_below == 0
    assert after.by_code("HL").members == 11


def test_now_view_shows_todays_tree_with_old_members(province, system):
    _merge_communes(province)
    now = tree_snapshot(system, BEFORE, TreeView.NOW)
    assert now.by_code("XA") is None
    assert now.by_code("XN").members == 9
    assert now.by_code("HL").members == 11
    assert [r.code for r in now.roots] == ["HL"]


def test_now_view_counts_a_closed_cells_members_at_its_successor(province, system):
    orgs_merge(actor=None, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    was = tree_snapshot(system, BEFORE, TreeView.WAS)
    assert was.by_code("CA1").members == 3 and was.by_code("CA2").members == 2
    now = tree_snapshot(system, BEFORE, TreeView.NOW)
    assert now.by_code("CA1") is None
    assert now.by_code("CA2").members == 5 and now.by_code("XA").members == 5
    assert now.by_code("HL").members == 11


def test_was_view_after_a_merge_counts_members_still_placed_in_the_closed_cell(province, system):
    """The members of a merged cell are not lost on a date after the merge: they follow the successor."""
    orgs_merge(actor=None, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    after = tree_snapshot(system, AFTER, TreeView.WAS)
    assert after.by_code("CA1") is None
    assert after.by_code("CA2").members == 5
    assert after.by_code("HL").members == 11


def test_now_view_follows_chains_of_successors(province, system):
    orgs_merge(actor=None, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    org_dissolve(
        actor=None, organisation=province["CA2"], effective_on=dt.date(2026, 1, 1), successor=province["CB1"]
    )
    now = tree_snapshot(system, BEFORE, TreeView.NOW)
    assert now.by_code("CB1").members == 9
    assert now.by_code("XA").members == 0 and now.by_code("XB").members == 9


def test_dissolved_district_was_vs_now(province, system):
    org_dissolve(actor=None, organisation=province["D1"], effective_on=D, children_to=province["HL"])
    was = tree_snapshot(system, BEFORE, TreeView.WAS)
    assert was.nodes[was.by_code("XA").parent_id].code == "D1"
    assert was.by_code("D1").members == 9
    after = tree_snapshot(system, AFTER, TreeView.WAS)
    assert after.by_code("D1") is None
    assert after.nodes[after.by_code("XA").parent_id].code == "HL"
    assert after.by_code("HL").units_below == 7  # D2, XA, XB, CA1, CA2, CB1, CS
    now = tree_snapshot(system, BEFORE, TreeView.NOW)
    assert now.nodes[now.by_code("XA").parent_id].code == "HL"


def test_was_view_shows_the_name_borne_that_day(province, system):
    org_rename(actor=None, organisation=province["XA"], name="Đảng bộ xã Long Hà", effective_on=D)
    assert tree_snapshot(system, BEFORE).by_code("XA").name == "Đảng bộ xã Thạch Long"
    assert tree_snapshot(system, AFTER).by_code("XA").name == "Đảng bộ xã Long Hà"
    assert tree_snapshot(system, BEFORE, TreeView.NOW).by_code("XA").name == "Đảng bộ xã Long Hà"


def test_units_not_yet_established_are_absent(province, system):
    assert tree_snapshot(system, dt.date(1999, 12, 31)).nodes == {}
    assert tree_snapshot(system, dt.date(2000, 1, 1)).by_code("HL").members == 11


def test_counts_follow_placement_and_leaving_dates(province, system):
    ca1 = province["CA1"]
    add_members(ca1, 2, since=dt.date(2020, 6, 1), until=dt.date(2022, 1, 1))
    on = tree_snapshot(system, dt.date(2020, 5, 31))
    assert on.by_code("CA1").members == 3
    assert tree_snapshot(system, dt.date(2020, 6, 1)).by_code("CA1").members == 5
    assert tree_snapshot(system, dt.date(2021, 12, 31)).by_code("CA1").members == 5
    assert tree_snapshot(system, dt.date(2022, 1, 1)).by_code("CA1").members == 3  # the end is exclusive
    assert tree_snapshot(system, dt.date(2021, 1, 1)).by_code("HL").members == 13


# -- scope ---------------------------------------------------------------------------------------


def test_outsider_sees_only_their_commune(province):
    snap = tree_snapshot(province.users["outsider"], BEFORE)
    assert {n.code for n in snap.nodes.values()} == {"XB", "CB1"}
    assert [r.code for r in snap.roots] == ["XB"]
    assert snap.by_code("XA") is None and snap.by_code("CA1") is None and snap.by_code("HL") is None


def test_editor_sees_their_commune_and_admin_sees_everything(province):
    snap = tree_snapshot(province.users["editor_a"], BEFORE)
    assert {n.code for n in snap.nodes.values()} == {"XA", "CA1", "CA2"}
    assert snap.by_code("XA").members == 5
    full = tree_snapshot(province.users["admin"], BEFORE)
    assert len(full.nodes) == 9 and [r.code for r in full.roots] == ["HL"]


def test_a_user_with_no_role_sees_nothing(province, django_user_model):
    nobody = django_user_model.objects.create_user(username="nobody", password="x")
    assert tree_snapshot(nobody, BEFORE).nodes == {}
    assert organisations_search(nobody, "thach") == []


def test_after_a_merge_the_new_unit_holds_the_old_units_history(province, system):
    _merge_communes(province)
    from dangvu.accounts.models import Role, RoleLevel

    user = province.users["outsider"]
    Role.objects.filter(user=user).update(revoked_at=dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    Role.objects.create(user=user, organisation=province["XN"], level=RoleLevel.VIEWER)
    snap = tree_snapshot(user, BEFORE, TreeView.WAS)
    assert {n.code for n in snap.nodes.values()} == {"XA", "XB", "CA1", "CA2", "CB1"}


def test_search_is_accent_insensitive_and_scoped(province):
    admin, outsider = province.users["admin"], province.users["outsider"]
    assert [o.code for o in organisations_search(admin, "thach long")] == ["XA"]
    assert organisations_search(admin, "THẠCH  hà")[0].code == "D1"
    assert [o.code for o in organisations_search(admin, "huyen thach ha")] == ["D1"]
    assert {o.code for o in organisations_search(admin, "thach")} == {"D1", "XA", "XB"}
    assert [o.code for o in organisations_search(admin, "ca1")] == ["CA1"]
    assert organisations_search(admin, "   ") == []
    assert organisations_search(outsider, "thach long") == []
    assert [o.code for o in organisations_search(outsider, "thach")] == ["XB"]
    assert organisations_search(outsider, "ca1") == []
    assert [o.code for o in organisations_search(province.users["editor_a"], "trung hoa")] == ["CA1"]
    assert len(organisations_search(admin, "chi bo", limit=2)) == 2


def test_search_lists_live_units_before_closed_ones(province, system):
    _merge_communes(province)
    found = [o.code for o in organisations_search(system, "thach")]
    assert found[:2] == ["D1", "XN"] and set(found[2:]) == {"XA", "XB"}


def test_ancestors_history_and_predecessors(province, system):
    xn = _merge_communes(province)
    ca1 = Organisation.objects.get(code="CA1")
    assert [o.code for o in organisation_ancestors(ca1, system)] == ["HL", "XN"]
    assert [o.code for o in organisation_ancestors(ca1, province.users["editor_a"])] == []
    hist = organisation_history(ca1)
    assert [(link.parent.code, link.valid_to) for link in hist["links"]] == [("XA", D), ("XN", None)]
    assert [r.kind for r in hist["reorganisations"]] == ["establish"]
    assert [r.kind for r in organisation_history(Organisation.objects.get(code="XA"))["reorganisations"]] == [
        "merge",
        "establish",
    ]
    assert [o.code for o in organisation_predecessors(xn)] == ["XA", "XB"]
