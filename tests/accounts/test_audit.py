"""The audit trail: who changed what, before and after, and which administrators may read it."""

import datetime as dt

from auditlog.models import LogEntry
from django.urls import reverse

from dangvu.accounts.models import Role, RoleLevel
from dangvu.accounts.selectors import audit_entries
from dangvu.organisations.kinds import OrgKind
from dangvu.organisations.models import Organisation, OrgLink
from dangvu.organisations.services import NewUnit, org_establish, org_rename, orgs_merge

D = dt.date(2025, 7, 1)


def test_a_reorganisation_is_audited_with_its_actor_and_changes(province):
    admin = province.users["admin"]
    before = LogEntry.objects.count()
    orgs_merge(actor=admin, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    entries = LogEntry.objects.order_by("id")[before:]
    assert entries and all(e.actor_id == admin.pk for e in entries)
    closed = next(
        e
        for e in entries
        if e.content_type.model == "organisation" and e.object_pk == str(province["CA1"].pk)
    )
    assert closed.changes_dict["dissolved_on"] == ["None", "2025-07-01"]
    assert closed.changes_dict["successor"][1] == str(province["CA2"].pk)
    link = next(
        e for e in entries if e.content_type.model == "orglink" and e.action == LogEntry.Action.UPDATE
    )
    assert link.changes_dict["valid_to"] == ["None", "2025-07-01"]
    assert {e.content_type.model for e in entries} >= {"organisation", "orglink", "orgname", "reorganisation"}


def test_rename_records_before_and_after(province):
    org_rename(
        actor=province.users["admin"], organisation=province["XA"], name="Đảng bộ xã Long Hà", effective_on=D
    )
    entry = LogEntry.objects.filter(
        content_type__model="organisation", object_pk=str(province["XA"].pk), action=LogEntry.Action.UPDATE
    ).latest("id")
    assert entry.changes_dict["name"] == ["Đảng bộ xã Thạch Long", "Đảng bộ xã Long Hà"]
    assert entry.actor == province.users["admin"]
    assert entry.additional_data == {"org_path": province["XA"].path, "org_code": "XA"}


def test_entries_of_a_new_unit_carry_its_path(province):
    """Created rows are logged before paths are refreshed; they must still be scoped under their parent."""
    admin = province.users["admin"]
    org = org_establish(
        actor=admin,
        code="CA3",
        name="Chi bộ 3",
        kind=OrgKind.SUBORDINATE_CELL,
        parent=province["XA"],
        established_on=D,
    )
    new = orgs_merge(
        actor=admin,
        sources=[province["CA1"], province["CA2"]],
        effective_on=dt.date(2026, 1, 1),
        new=NewUnit("CAN", "Chi bộ hợp nhất"),
    )
    for unit in (org, new):
        links = [str(pk) for pk in OrgLink.objects.filter(child=unit).values_list("pk", flat=True)]
        entries = list(LogEntry.objects.filter(object_pk=str(unit.pk), content_type__model="organisation"))
        entries += list(LogEntry.objects.filter(object_pk__in=links, content_type__model="orglink"))
        assert entries
        for e in entries:
            assert e.additional_data["org_path"].startswith(province["XA"].path), (e, e.additional_data)


def test_audit_entries_are_scoped_to_the_administered_subtree(province, django_user_model):
    admin = province.users["admin"]
    org_rename(actor=admin, organisation=province["XA"], name="Xã A mới", effective_on=D)
    org_rename(actor=admin, organisation=province["XB"], name="Xã B mới", effective_on=D)
    admin_b = django_user_model.objects.create_user(username="admin_b", password="x")
    Role.objects.create(user=admin_b, organisation=province["XB"], level=RoleLevel.ADMINISTRATOR)
    codes_b = {e.additional_data.get("org_code") for e in audit_entries(admin_b) if e.additional_data}
    assert "XB" in codes_b and "XA" not in codes_b and "CA1" not in codes_b
    assert all(e.additional_data["org_path"].startswith(province["XB"].path) for e in audit_entries(admin_b))
    codes_all = {e.additional_data.get("org_code") for e in audit_entries(admin) if e.additional_data}
    assert {"XA", "XB"} <= codes_all
    assert list(audit_entries(admin, org_code="XA"))
    assert all(e.additional_data["org_code"] == "XA" for e in audit_entries(admin, org_code="XA"))
    assert not audit_entries(province.users["editor_a"]).exists()
    assert not audit_entries(province.users["outsider"]).exists()


def test_audit_page_for_admin_and_404_for_others(province, client):
    org_rename(actor=province.users["admin"], organisation=province["XA"], name="Xã A mới", effective_on=D)
    client.force_login(province.users["admin"])
    r = client.get(reverse("accounts:audit"))
    assert r.status_code == 200
    assert "Xã A mới" in r.content.decode()
    assert client.get(reverse("accounts:audit"), {"org": "XA"}).status_code == 200
    for name in ("editor_a", "outsider"):
        client.force_login(province.users[name])
        assert client.get(reverse("accounts:audit")).status_code == 404
    client.logout()
    assert client.get(reverse("accounts:audit")).status_code == 302


def test_nothing_is_hard_deleted(province):
    admin = province.users["admin"]
    n = Organisation.objects.count()
    orgs_merge(
        actor=admin, sources=[province["XA"], province["XB"]], effective_on=D, new=NewUnit("XN", "Xã mới")
    )
    assert Organisation.objects.count() == n + 1
    assert not LogEntry.objects.filter(action=LogEntry.Action.DELETE).exists()
