"""Forecasting a flow target's end from the pace so far (no Django import).

The projection divides what has been done by the share of the period's work that is usually done by now:
last year's share over the same stretch (its seasonal shape) when known, else the share of days gone by.
A target is at risk when the projection falls short of it (or exceeds it, for an indicator where lower is
better). The reason is given in words, as a review report would put it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangvu.core.text import vn_number


@dataclass(frozen=True)
class Forecast:
    projected: float
    percent_of_target: float | None
    at_risk: bool
    basis: str  # "seasonal" or "linear"
    reason: str


def forecast_flow(
    *,
    actual: float,
    target: float | None,
    elapsed: float,
    seasonal_share: float | None,
    period_end: dt.date,
    higher_is_better: bool = True,
) -> Forecast:
    """Project `actual` (done so far) to the end of the period; `elapsed` is the share of time gone (0–1)."""
    share = seasonal_share if seasonal_share and 0.05 <= seasonal_share <= 1.0 else None
    basis = "seasonal" if share else "linear"
    fraction = share or max(elapsed, 1e-9)
    projected = actual / fraction if fraction < 1.0 else actual
    percent = 100.0 * projected / target if target else None
    at_risk = percent is not None and (percent < 100.0 if higher_is_better else percent > 100.0)
    end = f"{period_end:%d/%m/%Y}"
    how = "theo nhịp độ cùng kỳ năm trước" if basis == "seasonal" else "theo tiến độ hiện nay"
    if percent is None:
        reason = f"{how.capitalize()}, đến {end} ước đạt {vn_number(round(projected))}."
    elif at_risk:
        reason = (
            f"{how.capitalize()}, đến {end} chỉ đạt khoảng {percent:.0f}% kế hoạch: có khả năng không đạt."
        )
    else:
        reason = f"{how.capitalize()}, đến {end} ước đạt khoảng {percent:.0f}% kế hoạch."
    return Forecast(projected, percent, at_risk, basis, reason)
