"""Materialised paths (scope follows the tree as it is now) and the queries built on them."""

import datetime as dt

from dangvu.members.selectors import member_counts_by_organisation
from dangvu.organisations.models import Organisation
from dangvu.organisations.paths import paths_deferred, paths_refresh
from dangvu.organisations.services import org_dissolve, org_move, orgs_merge

D = dt.date(2025, 7, 1)


def test_paths_are_chains_of_ids(province):
    hl, d1, xa, ca1 = province["HL"], province["D1"], province["XA"], province["CA1"]
    assert hl.path == f"/{hl.pk}/"
    assert ca1.path == f"/{hl.pk}/{d1.pk}/{xa.pk}/{ca1.pk}/"
    assert paths_refresh() == 0  # nothing to change


def test_closed_units_hang_below_their_heir_and_follow_it(province):
    orgs_merge(actor=None, sources=[province["CA1"]], into=province["CA2"], effective_on=D)
    ca1, ca2 = province["CA1"], province["CA2"]
    assert ca1.path == f"{ca2.path}{ca1.pk}/"
    org_move(actor=None, organisation=province["XA"], parent=province["D2"], effective_on=dt.date(2026, 1, 1))
    assert province["CA1"].path.startswith(province["D2"].path)


def test_a_closed_unit_without_a_live_heir_is_kept_apart(province):
    org_dissolve(actor=None, organisation=province["CA1"], effective_on=D)
    Organisation.objects.filter(code="CA1").update(successor=None)
    paths_refresh()
    assert province["CA1"].path == f"/closed/{province['CA1'].pk}/"


def test_deferred_paths_refresh_once_at_the_end(province):
    with paths_deferred():
        org_move(actor=None, organisation=province["XA"], parent=province["D2"], effective_on=D)
        assert not province["CA1"].path.startswith(province["D2"].path)
    assert province["CA1"].path.startswith(province["D2"].path)


def test_querysets(province):
    assert set(Organisation.objects.under_paths([province["XA"].path]).values_list("code", flat=True)) == {
        "XA",
        "CA1",
        "CA2",
    }
    assert not Organisation.objects.under_paths([]).exists()
    assert Organisation.objects.existing_on(dt.date(1999, 12, 31)).count() == 0
    org_dissolve(actor=None, organisation=province["CA1"], effective_on=D)
    assert "CA1" in Organisation.objects.existing_on(dt.date(2025, 6, 30)).values_list("code", flat=True)
    assert "CA1" not in Organisation.objects.existing_on(D).values_list("code", flat=True)
    assert "CA1" not in Organisation.objects.live().values_list("code", flat=True)


def test_member_counts_by_organisation(province):
    counts = member_counts_by_organisation(dt.date(2020, 1, 1))
    assert counts == {
        province["CA1"].pk: 3,
        province["CA2"].pk: 2,
        province["CB1"].pk: 4,
        province["CS"].pk: 2,
    }
    assert member_counts_by_organisation(dt.date(1999, 12, 31)) == {}
