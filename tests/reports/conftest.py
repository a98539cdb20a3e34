"""Fixtures of the report tests: the small province with 2019 admissions and a target for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from factories import add_members


@pytest.fixture
def year_2019(province: Any) -> Any:
    """Four members admitted into CA1 in 2019 against a province target of 7 (57%)."""
    from dangvu.indicators.models import Indicator, Target

    add_members(province["CA1"], 4, since=dt.date(2019, 5, 3))
    Target.objects.create(
        indicator=Indicator.objects.get(code="DV_KET_NAP"),
        organisation=province["HL"],
        period="2019",
        value=7,
    )
    return province
