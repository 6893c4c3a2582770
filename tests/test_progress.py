"""Progress toward targets: worked examples of each official method, their rules, and properties."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from planeval.core.errors import ParameterError
from planeval.methods import progress
from planeval.methods.progress import assess_progress


def test_direction_comes_from_the_comparator():
    assert progress.direction(">=") == 1
    assert progress.direction("<=") == -1
    assert progress.direction("=", base=2.0, target=4.5) == 1
    assert progress.direction("~", base=16.9, target=12.0) == -1
    with pytest.raises(ParameterError, match="comparator='='"):
        progress.direction("=")


# --- Open SDG / Statistics Canada ---------------------------------------------------------------

def test_opensdg_worked_example_increasing_indicator():
    # base 50 (2015), latest 60 (2020), target ≥ 80 by 2030
    observed = (60 / 50) ** (1 / 5) - 1          # 0.037137
    required = (80 / 50) ** (1 / 15) - 1         # 0.031830
    result = assess_progress([2015, 2020], [50, 60], 80, 2030, ">=", "opensdg")
    assert result.score == pytest.approx(observed / required)
    assert result.score == pytest.approx(1.1668, abs=1e-4)
    assert result.status == "on track"
    assert result.projected_value == pytest.approx(60 * (1 + observed) ** 10)
    assert result.required_annual_change == pytest.approx((80 - 60) / 10)


def test_opensdg_worked_example_decreasing_indicator_national_maternal_mortality():
    # China's maternal mortality ratio 16.9 (2020) → 14.3 (2024) per 100k, national target ≤ 12 by 2030
    observed = (14.3 / 16.9) ** (1 / 4) - 1
    required = (12 / 16.9) ** (1 / 10) - 1
    result = assess_progress([2020, 2021, 2022, 2023, 2024], [16.9, 16.1, 15.7, 15.1, 14.3], 12, 2030, "<=",
                             "opensdg")
    assert result.score == pytest.approx(-observed / abs(required))
    assert result.status == "on track"
    assert (result.base_year, result.latest_year, result.n_observations) == (2020, 2024, 5)


@pytest.mark.parametrize(("latest", "status"), [
    (62.0, "on track"),            # R ≈ 1.29
    (56.0, "acceleration needed"), # R ≈ 0.72
    (52.0, "limited progress"),    # R ≈ 0.25
    (48.0, "deterioration"),       # R < 0
])
def test_opensdg_bands(latest, status):
    assert assess_progress([2015, 2020], [50, latest], 80, 2030, ">=", "opensdg").status == status


def test_target_achieved_overrides_a_worsening_trend():
    # the value fell from 95 to 92 but the target is ≥ 90: achieved, whatever the trend
    result = assess_progress([2020, 2023], [95, 92], 90, 2025, ">=", "opensdg")
    assert result.status == "target achieved"
    assert result.score < 0
    assert result.required_annual_change == 0.0  # nothing more is required


def test_opensdg_zero_base_is_replaced_and_noted():
    result = assess_progress([2020, 2022], [0, 2.0], 4.5, 2025, ">=", "opensdg")
    observed = (2.0 / 0.001) ** (1 / 2) - 1
    required = (4.5 / 0.001) ** (1 / 5) - 1
    assert result.score == pytest.approx(observed / required)
    assert any("0.001" in note for note in result.notes)


def test_opensdg_zero_target_is_replaced():
    result = assess_progress([2020, 2022], [5.0, 3.0], 0, 2030, "<=", "opensdg")
    required = (0.001 / 5.0) ** (1 / 10) - 1
    assert result.score == pytest.approx(-((3 / 5) ** 0.5 - 1) / abs(required))


def test_opensdg_natural_limit_factor_for_a_rate_bounded_at_100_percent():
    # no target: coverage 98 % → 99 % in five years, CAGR 0.2 % a year
    cagr = (99 / 98) ** (1 / 5) - 1
    plain = assess_progress([2015, 2020], [98, 99], None, 2030, ">=", "opensdg")
    assert plain.score == pytest.approx(cagr)
    assert plain.status == "limited progress"     # below 0.5 % a year
    factor = 1 - (98 / 100) ** 4.44
    assert progress.natural_limit_factor(98, 100) == pytest.approx(factor)
    bounded = assess_progress([2015, 2020], [98, 99], None, 2030, ">=", "opensdg", limit=100)
    assert cagr >= 0.015 * factor
    assert bounded.status == "on track"           # thresholds scaled down near the limit
    with_target = assess_progress([2015, 2020], [98, 99], 100, 2030, ">=", "opensdg", limit=100)
    assert any("limit ignored" in note for note in with_target.notes)


def test_natural_limit_factor_cases():
    assert progress.natural_limit_factor(0, 100) == 1.0
    assert progress.natural_limit_factor(100, 100) == 0.0
    assert progress.natural_limit_factor(150, 100) == pytest.approx(1 - 0.5 ** 4.44)
    assert progress.natural_limit_factor(200, 100) == 1.0


def test_opensdg_points_follow_the_published_score_transformation():
    assert progress.opensdg_points(1.3) == pytest.approx(5)
    assert progress.opensdg_points(0.95) == pytest.approx(2.5)
    assert progress.opensdg_points(0.6) == pytest.approx(0)
    assert progress.opensdg_points(0.0) == pytest.approx(-2.5)
    assert progress.opensdg_points(-0.6) == pytest.approx(-5)
    assert progress.opensdg_points(0.02, has_target=False) == pytest.approx(5)
    assert progress.opensdg_points(-0.02, has_target=False) == pytest.approx(-5)


# --- UNSD Progress Chart / EUSTAT --------------------------------------------------------------------

def test_unsd_worked_example():
    # v_b = 40 (2015), v_t = 50 (2022), target 70 by 2030
    cagr = (50 / 40) ** (1 / 7) - 1
    expected_2030 = 50 * (1 + cagr) ** 8
    ratio = (expected_2030 - 40) / (70 - 40)
    result = assess_progress([2015, 2022], [40, 50], 70, 2030, ">=", "unsd")
    assert result.projected_value == pytest.approx(expected_2030)
    assert result.score == pytest.approx(ratio)
    assert ratio == pytest.approx(0.8175, abs=1e-4)
    assert result.status == "acceleration needed"   # 0.10 ≤ P < 0.95


@pytest.mark.parametrize(("latest", "status"), [
    (55.0, "on track"), (45.0, "acceleration needed"), (40.5, "limited progress"), (39.0, "deterioration"),
])
def test_unsd_bands(latest, status):
    assert assess_progress([2015, 2022], [40, latest], 70, 2030, ">=", "unsd").status == status


def test_anticipated_progress_is_one_exactly_at_the_target():
    assert progress.anticipated_progress(40, 70, 70, 1) == 1.0
    assert progress.anticipated_progress(16.9, 12, 12, -1) == 1.0


@given(st.floats(0.1, 1e4), st.floats(0.1, 1e4))
def test_p_is_one_exactly_when_the_projection_lands_on_the_target(base, target):
    assume(base != target)
    d = 1 if target > base else -1
    assert progress.anticipated_progress(base, target, target, d) == 1.0


# --- UN ESCAP -------------------------------------------------------------------------------------

def test_escap_current_status_index():
    assert progress.current_status_index(10.0, 7.0, 4.0, -1) == pytest.approx(0.5)
    assert progress.current_status_index(10.0, 12.0, 4.0, -1) == pytest.approx(-1 / 3)
    result = assess_progress([2015, 2020], [10.0, 7.0], 4.0, 2030, "<=", "escap")
    assert result.current_status_index == pytest.approx(0.5)


def test_escap_anticipated_progress_two_point_projection():
    # 10 → 8.5 in five years, target ≤ 4 by 2030: the projection 8.5 × 0.85² = 6.14 falls short
    cagr = (8.5 / 10) ** (1 / 5) - 1
    projected = 8.5 * (1 + cagr) ** 10
    result = assess_progress([2015, 2020], [10.0, 8.5], 4.0, 2030, "<=", "escap")
    assert result.projected_value == pytest.approx(projected)
    assert projected == pytest.approx(8.5 * 0.85 ** 2)
    assert result.score == pytest.approx((10 - projected) / 6)           # 0.643
    assert result.status == "acceleration needed"                       # 0 ≤ P < 1
    faster = assess_progress([2015, 2020], [10.0, 7.0], 4.0, 2030, "<=", "escap")
    assert faster.projected_value == pytest.approx(7 * 0.7 ** 2)        # 3.43 ≤ 4
    assert faster.status == "on track"


def test_escap_time_weighted_projection_leans_on_recent_years():
    # fast early fall then slow: the weighted fit projects a higher (worse) 2030 value than an unweighted one
    years, values = [2015, 2016, 2017, 2018, 2019, 2020], [10.0, 8.0, 7.0, 6.8, 6.7, 6.6]
    weighted = assess_progress(years, values, 4.0, 2030, "<=", "escap", time_weighted=True)
    assert math.isfinite(weighted.projected_value)
    import numpy as np

    slope, intercept = np.polyfit(years, np.log(values), 1)
    unweighted = math.exp(intercept + slope * 2030)
    assert weighted.projected_value > unweighted
    assert any("time-weighted" in note for note in weighted.notes)


# --- linear path ----------------------------------------------------------------------------------------

def test_linear_path_for_a_2020_to_2025_plan():
    # national childcare places per 1000 people: 1.8 (2020) → 4.08 (2024) against 4.5 by 2025
    result = assess_progress([2020, 2024], [1.8, 4.08], 4.5, 2025, ">=", "linear")
    covered = (4.08 - 1.8) / (4.5 - 1.8)       # 0.8444
    expected_share = 4 / 5                      # four of five years gone
    assert result.score == pytest.approx(covered / expected_share)
    assert result.status == "on track"
    assert result.required_annual_change == pytest.approx(0.42)
    assert result.projected_value == pytest.approx(4.08 + (4.08 - 1.8) / 4)


def test_linear_path_value_covers_the_distance_in_proportion_to_time():
    assert progress.linear_path_value(2.0, 2020, 4.5, 2025, 2020) == 2.0
    assert progress.linear_path_value(2.0, 2020, 4.5, 2025, 2023) == pytest.approx(3.5)
    assert progress.linear_path_value(2.0, 2020, 4.5, 2025, 2027) == 4.5   # the target, not beyond
    assert progress.linear_path_value(16.9, 2020, 12.0, 2030, 2025) == pytest.approx(14.45)


def test_linear_path_behind_schedule():
    result = assess_progress([2020, 2023], [2.0, 3.0], 4.5, 2025, ">=", "linear")
    assert result.score == pytest.approx((1 / 2.5) / (3 / 5))
    assert result.status == "acceleration needed"
    assert result.required_annual_change == pytest.approx(0.75)


# --- common rules ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", progress.METHODS)
def test_fewer_than_two_observations_is_insufficient_data_never_a_guess(method):
    one = assess_progress([2020], [1.8], 4.5, 2025, ">=", method)
    assert one.status == "insufficient data"
    assert math.isnan(one.score) and math.isnan(one.projected_value)
    assert one.required_annual_change == pytest.approx((4.5 - 1.8) / 5)  # arithmetic, not a guess
    none = assess_progress([], [], 4.5, 2025, ">=", method)
    assert none.status == "insufficient data"
    met = assess_progress([2020], [5.0], 4.5, 2025, ">=", method)
    assert met.status == "insufficient data"
    assert any("already meets" in note for note in met.notes)


def test_base_year_argument_moves_to_the_next_observation():
    result = assess_progress([2014, 2016, 2020], [40, 45, 50], 70, 2030, ">=", "unsd", base_year=2015)
    assert result.base_year == 2016
    assert any("base moved to 2016" in note for note in result.notes)


def test_thresholds_are_arguments():
    default = assess_progress([2015, 2022], [40, 50], 70, 2030, ">=", "unsd")
    strict = assess_progress([2015, 2022], [40, 50], 70, 2030, ">=", "unsd", thresholds=(0.99, 0.9, 0.0))
    assert (default.status, strict.status) == ("acceleration needed", "limited progress")


def test_sign_change_is_not_assessable():
    result = assess_progress([2015, 2020], [-1.0, 2.0], 5.0, 2030, ">=", "opensdg")
    assert result.status == "not assessable"
    assert any("sign" in note for note in result.notes)


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(method="magic"), r"method='magic' is not allowed: expected one of 'escap', 'unsd', 'opensdg', "
                           r"'linear'"),
    (dict(target_year=2010), r"target_year=2010 is not allowed: expected a year after base_year=2015"),
    (dict(base_year=2031), r"target_year=2030 is not allowed: expected a year after base_year=2031"),
    (dict(values=[40.0, float("nan")]), r"values\[1\]=nan is not allowed: expected a finite number"),
    (dict(values=[40.0]), r"values='1 values' is not allowed"),
    (dict(years=[2015, 2015]), r"years=2015 is not allowed: expected distinct years"),
    (dict(comparator="!="), r"comparator='!=' is not allowed"),
    (dict(thresholds=(0.5,)), r"thresholds=\(0.5,\) is not allowed: expected 3 numbers in decreasing order"),
    (dict(method="unsd", target=None), r"target=None is not allowed"),
    (dict(target=float("nan")), r"target=nan is not allowed"),
])
def test_bad_input_raises_parameter_error(kwargs, message):
    args = dict(years=[2015, 2022], values=[40.0, 50.0], target=70.0, target_year=2030, comparator=">=",
                method="opensdg")
    args.update(kwargs)
    with pytest.raises(ParameterError, match=message):
        assess_progress(**args)


rank = progress.STATUS_RANK


@given(st.sampled_from(progress.METHODS), st.sampled_from([">=", "<="]), st.floats(10, 100),
       st.floats(1.05, 3), st.floats(0.5, 1.5), st.floats(0.01, 0.5), st.booleans())
def test_status_never_improves_when_the_latest_value_moves_away_from_the_target(
        method, comparator, base, target_factor, latest_factor, move, weighted):
    d = 1 if comparator == ">=" else -1
    target = base * target_factor if d > 0 else base / target_factor
    latest = base * latest_factor
    worse = latest * (1 - move) if d > 0 else latest * (1 + move)
    years = [2020, 2021, 2023]
    kwargs = dict(time_weighted=weighted)
    middle = (base + latest) / 2
    before = assess_progress(years, [base, middle, latest], target, 2030, comparator, method, **kwargs)
    after = assess_progress(years, [base, middle, worse], target, 2030, comparator, method, **kwargs)
    assert rank[after.status] <= rank[before.status]
    if math.isfinite(before.score) and math.isfinite(after.score):
        assert after.score <= before.score + 1e-12


# --- tables -------------------------------------------------------------------------------------------

def _figures() -> pd.DataFrame:
    rows = [
        # a target with a two-point series (one in another unit of the same dimension)
        ("t1", "target", "托位数", 4.5, "places per 1000 people", ">=", 2025, "stated", "health"),
        ("o1", "baseline", "托位数", 1.8, "places per 1000 people", "=", 2020, "stated", "health"),
        ("o2", "reported", "托位数", 4.08, "places per 1000 people", "=", 2024, "stated", "health"),
        ("o3", "reported", "托位数", 52.0, "%", "=", 2024, "stated", "health"),          # incompatible unit
        # a target with one observation
        ("t2", "target", "孕产妇死亡率", 14.0, "per 100k", "<=", 2025, "stated", "health"),
        ("o4", "baseline", "孕产妇死亡率", 0.016, "%", "=", 2020, "stated", "health"),   # 16 per 100k
        # a withheld target takes no part
        ("t3", "target", "入园率", float("nan"), "%", ">=", 2025, "withheld", "education"),
        # a target for a year before its only observations: the method cannot take it
        ("t4", "target", "巩固率", 96.0, "%", ">=", 2019, "stated", "education"),
        ("o5", "reported", "巩固率", 95.0, "%", "=", 2020, "stated", "education"),
        ("o6", "reported", "巩固率", 95.5, "%", "=", 2022, "stated", "education"),
    ]
    table = pd.DataFrame(rows, columns=["id", "kind", "indicator_zh", "value", "unit", "comparator", "year",
                                        "status", "domain"])
    table["region"], table["indicator_en"], table["source"] = "harbin", "indicator", "s001"
    table["year"] = table["year"].astype("Int64")
    return table


def test_assess_frame_builds_series_from_the_figures_table():
    assessed = progress.assess_frame(_figures(), "linear").set_index("id")
    assert list(assessed.index) == ["t1", "t2", "t4"]
    assert assessed.loc["t1", "status"] == "on track"
    assert assessed.loc["t1", "n_observations"] == 2
    assert "incompatible unit" in assessed.loc["t1", "notes"]
    assert assessed.loc["t2", "status"] == "insufficient data"
    assert assessed.loc["t2", "required_annual_change"] == pytest.approx((14 - 16) / 5)  # 0.016% = 16/100k
    assert assessed.loc["t4", "status"] == "not assessable"
    assert "target_year=2019" in assessed.loc["t4", "notes"]
    assert list(assessed.reset_index().columns) == list(progress.ASSESSMENT_COLUMNS)


def test_rollup_by_domain_shares_and_means():
    assessed = progress.assess_frame(_figures(), "linear")
    rolled = progress.rollup_by_domain(assessed).set_index("domain")
    health = rolled.loc["health"]
    assert (health["targets"], health["assessed"], health["achieved_or_on_track"]) == (2, 1, 1)
    assert health["share_on_track"] == 1.0
    assert health["mean_score"] == pytest.approx(((4.08 - 1.8) / 2.7) / 0.8)
    education = rolled.loc["education"]
    assert education["assessed"] == 0 and math.isnan(education["share_on_track"])
