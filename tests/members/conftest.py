"""The shared province, with its fixture members full members 12 calendar months after admission.

(The shared factory confirms them 365 days after 01/01/2000, a leap year: one day short of the 12 months
the register's rules and the import require.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest


@pytest.fixture
def province(province: Any) -> Any:
    from dangvu.members.models import Member

    Member.objects.filter(admitted_on=dt.date(2000, 1, 1)).update(confirmed_on=dt.date(2001, 1, 1))
    return province
