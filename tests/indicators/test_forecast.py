import datetime as dt

from dangvu.indicators.forecast import forecast_flow


def test_linear_forecast_flags_a_target_that_will_be_missed_with_the_reason():
    f = forecast_flow(
        actual=570, target=1000, elapsed=0.5, seasonal_share=None, period_end=dt.date(2019, 12, 31)
    )
    assert f.basis == "linear"
    assert round(f.projected) == 1140 and not f.at_risk
    f = forecast_flow(
        actual=355, target=1000, elapsed=0.5, seasonal_share=None, period_end=dt.date(2019, 12, 31)
    )
    assert f.at_risk
    assert (
        f.reason
        == "Theo tiến độ hiện nay, đến 31/12/2019 chỉ đạt khoảng 71% kế hoạch: có khả năng không đạt."
    )


def test_seasonal_shape_from_last_year_replaces_the_linear_pace():
    # Last year 40% of the admissions came by the end of June: 400 by June projects to 1,000.
    f = forecast_flow(
        actual=400, target=1000, elapsed=0.5, seasonal_share=0.4, period_end=dt.date(2019, 12, 31)
    )
    assert f.basis == "seasonal" and round(f.projected) == 1000 and not f.at_risk
    assert "cùng kỳ năm trước" in f.reason


def test_lower_is_better_indicators_are_at_risk_when_they_overshoot():
    f = forecast_flow(
        actual=80,
        target=100,
        elapsed=0.5,
        seasonal_share=None,
        period_end=dt.date(2019, 12, 31),
        higher_is_better=False,
    )
    assert f.at_risk
