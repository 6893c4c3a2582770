"""Growth arithmetic, worked by hand from the sources, and its round trips."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planeval.core.errors import ParameterError
from planeval.methods import growth

# Harbin orphan allowances (yuan per person and month): 2021 standards (s000) and 2022 standards (s001).
INSTITUTIONAL_2021, FAMILY_2021 = 2350, 1650
INSTITUTIONAL_2022, FAMILY_2022 = 2585, 2255


def test_harbin_2022_increases_are_ten_and_thirty_six_point_seven_percent():
    assert growth.percent_change(INSTITUTIONAL_2021, INSTITUTIONAL_2022) == pytest.approx(10.0)
    assert round(growth.percent_change(FAMILY_2021, FAMILY_2022), 1) == 36.7
    assert growth.percent_change(FAMILY_2021, FAMILY_2022) == pytest.approx(605 / 1650 * 100)


def test_2020_values_implied_by_the_2021_increases():
    # "分别提高到2350元/人·月和1650元/人·月，增幅分别达52%和43%" (s000)
    assert growth.previous_value(INSTITUTIONAL_2021, 52) == pytest.approx(1546.0526315789, rel=1e-12)
    assert growth.previous_value(FAMILY_2021, 43) == pytest.approx(1153.8461538462, rel=1e-12)
    assert round(growth.previous_value(INSTITUTIONAL_2021, 52), 2) == 1546.05
    assert round(growth.previous_value(FAMILY_2021, 43), 2) == 1153.85


def test_chained_increases_compound_and_match_the_two_year_change():
    chained = growth.chain_increases([52, growth.percent_change(INSTITUTIONAL_2021, INSTITUTIONAL_2022)])
    assert chained == pytest.approx(67.2)  # 1.52 × 1.10 − 1, not 52 + 10
    implied_2020 = growth.previous_value(INSTITUTIONAL_2021, 52)
    assert growth.percent_change(implied_2020, INSTITUTIONAL_2022) == pytest.approx(chained)


def test_chain_increases_along_an_axis():
    out = growth.chain_increases(np.array([[10, 10], [0, -50]]))
    assert out.tolist() == pytest.approx([21.0, -50.0])


def test_qingzhen_average_increment_spans_four_intervals_but_was_divided_by_five():
    # "城镇居民人均可支配收入从2016年的28600元增加到2020年的39307元，年均增长2141.4元" (s003)
    assert growth.year_intervals(2016, 2020) == 4
    assert growth.average_annual_increment(28600, 39307, 4) == 2676.75
    assert growth.implied_divisor(28600, 39307, 2141.4) == pytest.approx(5.0, abs=1e-4)
    assert growth.infer_divisor(28600, 39307, 2141.4, tolerance=0.05) == 5
    # the rural income on the same line: (18270 − 12611) / 5 = 1131.8
    assert growth.infer_divisor(12611, 18270, 1131.8, tolerance=0.05) == 5
    # the correct average is recognised as four intervals
    assert growth.infer_divisor(28600, 39307, 2676.75, tolerance=0.005) == 4


def test_infer_divisor_returns_none_when_no_whole_divisor_fits():
    assert growth.infer_divisor(28600, 39307, 2500.0, tolerance=0.05) is None
    assert growth.infer_divisor(100, 50, 25.0, tolerance=0.05) is None  # implies a negative divisor


def test_cagr_and_projection_worked_by_hand():
    assert growth.cagr(100, 121, 2) == pytest.approx(0.1)
    assert growth.cagr(16.9, 14.3, 4) == pytest.approx((14.3 / 16.9) ** 0.25 - 1)
    assert growth.project(100, 0.1, 2) == pytest.approx(121)
    assert growth.cagr(100, 0, 3) == -1.0  # a path may end at zero


def test_real_terms_with_a_deflator():
    assert growth.real_value(39307, 110, 100) == pytest.approx(35733.6363636)
    assert growth.real_growth(10, 2) == pytest.approx((1.10 / 1.02 - 1) * 100)
    assert growth.real_growth(5, 5) == pytest.approx(0.0)


def test_scalars_give_floats_and_arrays_give_arrays():
    assert isinstance(growth.percent_change(2350, 2585), float)
    out = growth.percent_change(np.array([2350, 1650]), np.array([2585, 2255]))
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    assert out == pytest.approx([10.0, 36.666666666])
    rates = growth.cagr(np.array([100.0, 100.0]), np.array([121.0, 144.0]), 2)
    assert rates == pytest.approx([0.1, 0.2])


@pytest.mark.parametrize(("call", "message"), [
    (lambda: growth.percent_change(0, 5), r"before=0 is not allowed: expected a non-zero number"),
    (lambda: growth.cagr(0, 5, 3), r"start=0 is not allowed"),
    (lambda: growth.cagr(10, -5, 3), r"end=-5 is not allowed: expected a number of the same sign as start"),
    (lambda: growth.cagr(10, 20, 0), r"periods=0 is not allowed: expected a number > 0"),
    (lambda: growth.previous_value(2350, -100), r"pct=-100 is not allowed: expected a number > -100"),
    (lambda: growth.percent_change(float("nan"), 5), r"before=nan is not allowed: expected a finite number"),
    (lambda: growth.year_intervals(2020, 2016), r"end_year=2016 is not allowed: expected a year after "
                                                r"start_year=2020"),
    (lambda: growth.percent_change(np.array([1.0, 0.0]), 2), r"before\[1\]=0.0 is not allowed"),
])
def test_bad_input_names_the_argument_and_the_allowed_range(call, message):
    with pytest.raises(ParameterError, match=message):
        call()


positive_values = st.floats(1e-3, 1e9, allow_nan=False, allow_infinity=False)
increases = st.floats(-99, 1000, allow_nan=False)


@given(positive_values, increases)
def test_previous_value_then_increase_gives_the_same_increase(after, pct):
    before = growth.previous_value(after, pct)
    assert math.isclose(growth.percent_change(before, after), pct, rel_tol=1e-9, abs_tol=1e-9)


@given(positive_values, increases)
def test_apply_increase_inverts_previous_value(after, pct):
    assert math.isclose(growth.apply_increase(growth.previous_value(after, pct), pct), after, rel_tol=1e-12)


# Ratios within 10^±6: beyond that 1 + rate cancels to too few digits for a meaningful round trip.
@given(st.floats(1, 1e6), st.floats(1, 1e6), st.integers(1, 40))
def test_cagr_then_projection_gives_back_the_end_value(start, end, periods):
    rate = growth.cagr(start, end, periods)
    assert math.isclose(growth.project(start, rate, periods), end, rel_tol=1e-8)


@given(st.lists(increases, min_size=1, max_size=6))
def test_chained_increase_equals_the_stepwise_product(pcts):
    value = 100.0
    for pct in pcts:
        value = growth.apply_increase(value, pct)
    assert math.isclose(growth.chain_increases(pcts), value - 100.0, rel_tol=1e-9, abs_tol=1e-7)


@given(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6), st.integers(1, 30))
def test_infer_divisor_recovers_the_divisor_used_to_print_an_average(start, change, divisor):
    end = start + change
    printed = round(change / divisor, 1)
    if printed == 0:
        return  # an average printed as zero implies no divisor
    found = growth.infer_divisor(start, end, printed, tolerance=0.05)
    assert found is not None
    assert abs(change / found - printed) <= 0.05 + 1e-9
