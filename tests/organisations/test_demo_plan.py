"""The demo province's plan and members (pure, no database): the sizes the issue fixes, whatever the seed."""

import datetime as dt
import itertools

import pytest

from dangvu.demo.people import MEMBERS_2019, generate_members
from dangvu.demo.province import ProvincePlan
from dangvu.organisations.kinds import OrgKind, may_hold

END_2019 = dt.date(2019, 12, 31)


@pytest.mark.parametrize("seed", [1, 2026])
def test_plan_has_the_real_provinces_size(seed):
    plan = ProvincePlan(seed)
    by_key = {u.key: u for u in plan.units}
    assert len(plan.of_kind(OrgKind.PROVINCIAL)) == 1 and plan.units[0].code == "HL"
    assert len(plan.of_kind(OrgKind.DIRECTLY_UNDER)) == 17
    assert sum(1 for u in plan.units if u.kind.is_grassroots) == 722
    assert len(plan.of_kind(OrgKind.SUBORDINATE_CELL)) == 4138
    assert len({u.code for u in plan.units}) == len(plan.units)
    for u in plan.units[1:]:
        parent = by_key[u.parent]
        assert u.kind in {
            OrgKind.DIRECTLY_UNDER,
            OrgKind.GRASSROOTS_COMMITTEE,
            OrgKind.GRASSROOTS_CELL,
            OrgKind.PARTIAL_COMMITTEE,
            OrgKind.SUBORDINATE_CELL,
        }
        assert may_hold(parent.kind, u.kind), (parent.name, u.name)
        assert u.established_on >= parent.established_on


def test_plans_differ_by_seed_and_repeat_for_the_same_seed():
    names = lambda seed: [u.name for u in ProvincePlan(seed).units]  # noqa: E731
    assert names(1) == names(1)
    assert names(1) != names(2)


@pytest.mark.parametrize("seed", [1, 7])
def test_members_active_at_the_end_of_2019(seed):
    plan = ProvincePlan(seed)
    cells = plan.member_cells()
    first = list(itertools.islice(generate_members(cells, seed), MEMBERS_2019 + 50))
    stock, later = first[:MEMBERS_2019], first[MEMBERS_2019:]
    assert (
        sum(1 for m in stock if m.placed_from <= END_2019 and (m.left_on is None or m.left_on > END_2019))
        == MEMBERS_2019
        == 98_908
    )
    assert all(m.admitted_on > END_2019 for m in later)  # everyone after the stock joins from 2020
    assert all((m.admitted_on - m.birth_date).days >= 18 * 365 for m in stock)  # adults when admitted
    assert {m.cell for m in stock} == {c.key for c in cells}  # every cell has members
