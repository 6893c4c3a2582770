"""Scenario models: childcare places and cost, allowance indexation; vectorised and validated."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from planeval.core.errors import ParameterError
from planeval.methods import scenarios

HARBIN_POPULATION_2020 = 10_009_854  # seventh census (data/external/national_reference.csv)


def test_harbin_places_needed_at_four_and_a_half_per_thousand():
    places = scenarios.childcare_places_needed(HARBIN_POPULATION_2020, 4.5)
    assert places == pytest.approx(45_044.343, abs=1e-9)


def test_gap_growth_and_cost_worked_by_hand():
    needed = 45_044.343
    assert scenarios.childcare_gap(needed, 20_000) == pytest.approx(25_044.343)
    assert scenarios.childcare_gap(100, 150) == -50  # a surplus is a negative gap
    assert scenarios.required_annual_growth(20_000, needed, 2021, 2025) == pytest.approx(
        (needed / 20_000) ** (1 / 4) - 1)
    # 200 yuan per child and month (s001), 80 % of places used, twelve months
    assert scenarios.operating_subsidy_cost(needed, 0.8, 200) == pytest.approx(needed * 0.8 * 200 * 12)


def test_childcare_scenario_combines_the_parts():
    result = scenarios.childcare_scenario(HARBIN_POPULATION_2020, 4.5, 20_000, 2021, 2025, 0.8, 200)
    assert result.places_needed == pytest.approx(45_044.343)
    assert result.gap == pytest.approx(25_044.343)
    assert result.annual_growth_required == pytest.approx((45_044.343 / 20_000) ** 0.25 - 1)
    assert result.yearly_subsidy_cost == pytest.approx(45_044.343 * 0.8 * 200 * 12)


def test_one_vectorised_call_equals_a_loop_of_scalar_calls():
    rng = np.random.default_rng(7)
    n = 50
    population = rng.uniform(1e5, 2e7, n)
    rate = rng.uniform(1, 10, n)
    current = rng.uniform(100, 5e4, n)
    occupancy = rng.uniform(0.3, 1, n)
    subsidy = rng.uniform(0, 500, n)
    swept = scenarios.childcare_scenario(population, rate, current, 2021, 2025, occupancy, subsidy)
    for i in range(n):
        one = scenarios.childcare_scenario(population[i], rate[i], current[i], 2021, 2025, occupancy[i],
                                           subsidy[i])
        assert swept.places_needed[i] == pytest.approx(one.places_needed)
        assert swept.gap[i] == pytest.approx(one.gap)
        assert swept.annual_growth_required[i] == pytest.approx(one.annual_growth_required)
        assert swept.yearly_subsidy_cost[i] == pytest.approx(one.yearly_subsidy_cost)
    assert isinstance(one.places_needed, float) and swept.places_needed.shape == (n,)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: scenarios.childcare_places_needed(-5, 4.5),
     r"population=-5 is not allowed: expected a number >= 0"),
    (lambda: scenarios.childcare_places_needed(1000, 1001),
     r"places_per_1000=1001 is not allowed: expected a number in \[0, 1000\]"),
    (lambda: scenarios.childcare_places_needed(float("nan"), 4.5), r"population=nan is not allowed"),
    (lambda: scenarios.childcare_places_needed(np.array([1.0, -2.0]), 4.5), r"population\[1\]=-2.0"),
    (lambda: scenarios.required_annual_growth(100, 200, 2025, 2021),
     r"end_year=2021 is not allowed: expected a year after start_year=2025"),
    (lambda: scenarios.required_annual_growth(0, 200, 2021, 2025), r"current_places=0 is not allowed"),
    (lambda: scenarios.operating_subsidy_cost(100, 1.2, 200), r"occupancy=1.2 is not allowed"),
    (lambda: scenarios.fixed_growth_path(2585, -1.0, 3), r"rate=-1.0 is not allowed: expected a number > -1"),
    (lambda: scenarios.fixed_growth_path(2585, 0.05, 0), r"years=0 is not allowed"),
    (lambda: scenarios.allowance_path(2585, 0.05), r"rates=0.05 is not allowed"),
])
def test_bad_input_raises_parameter_error_naming_argument_and_range(call, message):
    with pytest.raises(ParameterError, match=message):
        call()


def test_fixed_growth_allowance_path_and_care_type_ratio():
    institutional = scenarios.fixed_growth_path(2585, 0.05, 3)
    family = scenarios.fixed_growth_path(2255, 0.05, 3)
    assert institutional == pytest.approx([2585, 2714.25, 2849.9625, 2992.460625])
    ratio = scenarios.care_ratio(institutional, family)
    assert ratio == pytest.approx(np.full(4, 2585 / 2255))  # equal growth keeps the ratio
    faster_family = scenarios.fixed_growth_path(2255, 0.08, 3)
    assert np.all(np.diff(scenarios.care_ratio(institutional, faster_family)) < 0)  # the gap narrows


def test_sweep_of_growth_rates_is_one_call():
    paths = scenarios.fixed_growth_path(np.array([2585.0, 2255.0]), np.array([[0.0], [0.1]]), 2)
    assert paths.shape == (2, 2, 3)
    assert paths[1, 0].tolist() == pytest.approx([2585, 2843.5, 3127.85])


def test_year_by_year_rates():
    assert scenarios.allowance_path(1000, [0.1, -0.1]).tolist() == pytest.approx([1000, 1100, 990])


def test_simulation_is_reproducible_with_a_seed_and_gives_ordered_bands():
    growth_rate = stats.norm(loc=0.05, scale=0.02)
    first = scenarios.simulate_allowance(2585, growth_rate, years=5, draws=2000, seed=11)
    again = scenarios.simulate_allowance(2585, growth_rate, years=5, draws=2000, seed=11)
    other = scenarios.simulate_allowance(2585, growth_rate, years=5, draws=2000, seed=12)
    assert first.shape == (2000, 6)
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    low, median, high = scenarios.quantile_bands(first)
    assert np.all(low <= median) and np.all(median <= high)
    assert low[0] == median[0] == high[0] == 2585
    assert np.all(np.diff(high - low) > 0)  # uncertainty widens with time
    assert median[-1] == pytest.approx(2585 * 1.05 ** 5, rel=0.01)


def test_simulation_with_a_degenerate_distribution_equals_the_fixed_path():
    certain = stats.uniform(loc=0.04, scale=0.0)
    paths = scenarios.simulate_allowance(2255, certain, years=3, draws=5)
    assert paths == pytest.approx(np.tile(scenarios.fixed_growth_path(2255, 0.04, 3), (5, 1)))


def test_simulation_accepts_a_generator():
    rng = np.random.default_rng(3)
    paths = scenarios.simulate_allowance(100, stats.norm(0.0, 0.01), years=2, draws=3, seed=rng)
    assert paths.shape == (3, 3)


@given(st.floats(1, 1e5), st.lists(st.floats(0, 0.5), min_size=1, max_size=10))
def test_non_negative_rates_never_lower_the_allowance(initial, rates):
    path = scenarios.allowance_path(initial, rates)
    assert path[0] == initial
    assert np.all(np.diff(path) >= 0)
    assert path[-1] == pytest.approx(initial * np.prod(1 + np.array(rates)))


@given(st.floats(0, 3e7), st.floats(0, 1000))
def test_places_needed_scales_linearly(population, rate):
    assert scenarios.childcare_places_needed(2 * population, rate) == pytest.approx(
        2 * scenarios.childcare_places_needed(population, rate))


@given(st.floats(-0.5, 0.5), st.floats(0, 0.5), st.integers(0, 2**32 - 1))
def test_normal_draws_exactly_what_scipy_norm_draws(mean, sd, seed):
    """scenarios.Normal stands in for scipy.stats.norm in the chapters (no scipy import in the kernel)."""
    ours = scenarios.Normal(mean, sd).rvs(size=(50, 3), random_state=np.random.default_rng(seed))
    theirs = stats.norm(mean, sd).rvs(size=(50, 3), random_state=np.random.default_rng(seed))
    assert np.array_equal(ours, theirs)


def test_normal_paths_equal_scipy_paths():
    ours = scenarios.simulate_allowance(2585, scenarios.Normal(0.05, 0.02), years=4, draws=500, seed=2021)
    theirs = scenarios.simulate_allowance(2585, stats.norm(0.05, 0.02), years=4, draws=500, seed=2021)
    assert np.array_equal(ours, theirs)


@pytest.mark.parametrize("mean, sd", [(float("nan"), 0.02), (0.05, -0.01), (0.05, float("inf")), ("x", 0.02)])
def test_normal_rejects_bad_parameters(mean, sd):
    with pytest.raises(ParameterError):
        scenarios.Normal(mean, sd)
