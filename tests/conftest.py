"""Shared fixtures: a small province built through the services, and three users who see different parts.

    HL  Đảng bộ tỉnh Thử nghiệm (provincial)
    ├── D1  Đảng bộ huyện Thạch Hà (directly-under, est. 2000)
    │   ├── XA  Đảng bộ xã Thạch Long (grassroots committee) ── CA1, CA2 (cells; 3 and 2 members)
    │   └── XB  Đảng bộ xã Thạch Sơn (grassroots committee) ── CB1 (cell; 4 members)
    └── D2  Đảng bộ Khối các cơ quan tỉnh (directly-under)
        └── CS  Chi bộ Sở Tư pháp (grassroots cell; 2 members)

Users: `admin` administers HL; `editor_a` edits XA; `outsider` views XB only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from factories import START, add_members

from dangvu.indicators import sheet_cache
from dangvu.organisations.kinds import OrgKind


@dataclass
class Province:
    units: dict[str, Any]
    users: dict[str, Any]

    def __getitem__(self, code: str) -> Any:
        from dangvu.organisations.models import Organisation

        return Organisation.objects.get(code=code)


@pytest.fixture
def province(db: Any, django_user_model: Any) -> Province:
    from dangvu.accounts.models import Role, RoleLevel
    from dangvu.organisations.services import org_establish

    def est(code: str, name: str, kind: OrgKind, parent: Any) -> Any:
        return org_establish(actor=None, code=code, name=name, kind=kind, parent=parent, established_on=START)

    hl = est("HL", "Đảng bộ tỉnh Thử nghiệm", OrgKind.PROVINCIAL, None)
    d1 = est("D1", "Đảng bộ huyện Thạch Hà", OrgKind.DIRECTLY_UNDER, hl)
    d2 = est("D2", "Đảng bộ Khối các cơ quan tỉnh", OrgKind.DIRECTLY_UNDER, hl)
    xa = est("XA", "Đảng bộ xã Thạch Long", OrgKind.GRASSROOTS_COMMITTEE, d1)
    xb = est("XB", "Đảng bộ xã Thạch Sơn", OrgKind.GRASSROOTS_COMMITTEE, d1)
    ca1 = est("CA1", "Chi bộ thôn Trung Hòa", OrgKind.SUBORDINATE_CELL, xa)
    ca2 = est("CA2", "Chi bộ thôn Đông Tân", OrgKind.SUBORDINATE_CELL, xa)
    cb1 = est("CB1", "Chi bộ thôn Bắc Sơn", OrgKind.SUBORDINATE_CELL, xb)
    cs = est("CS", "Chi bộ Sở Tư pháp", OrgKind.GRASSROOTS_CELL, d2)
    add_members(ca1, 3)
    add_members(ca2, 2)
    add_members(cb1, 4)
    add_members(cs, 2)
    users = {}
    for username, org, level in (
        ("admin", hl, RoleLevel.ADMINISTRATOR),
        ("editor_a", xa, RoleLevel.EDITOR),
        ("outsider", xb, RoleLevel.VIEWER),
    ):
        u = django_user_model.objects.create_user(username=username, password="Mat-khau-thu-2026")
        Role.objects.create(user=u, organisation=org, level=level)
        users[username] = u
    units = {o.code: o for o in (hl, d1, d2, xa, xb, ca1, ca2, cb1, cs)}
    return Province(units=units, users=users)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 costs ~0.1 s a hash; tests that make users would spend seconds on it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_kept_sheets() -> Iterator[None]:
    """Each test starts with an empty sheet cache: a rolled-back test's database can reuse generation
    numbers (and user ids) that an earlier test's kept sheets carry."""
    sheet_cache.forget()
    yield
    sheet_cache.forget()


class System:
    """The command line: acts with every right."""

    is_authenticated = True
    is_superuser = True
    is_active = True


@pytest.fixture
def system() -> System:
    return System()
