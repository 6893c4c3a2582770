"""Scenario models: childcare places and their subsidy cost; allowance indexation over time.

Every function takes numpy arrays as readily as scalars (they broadcast), so a sweep over 10,000
parameter sets is one call (``scripts/bench_sweep.py`` measures the gain over a loop). Random draws
use a numpy ``Generator`` with a fixed default seed, so a run is reproducible.

Childcare (托育): the national 14th Five-Year public-service plan sets 4.5 places for children under
three per 1,000 people by 2025; Harbin's health commission announced the same ratio and a 200 yuan
monthly operating subsidy per child (source s001).

Allowance indexation: Harbin indexes orphan allowances each year by the growth of urban households'
per-capita consumption spending (source s000): p(t + 1) = p(t) × (1 + g(t)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from planeval.core.errors import ParameterError
from planeval.core.validate import (
    finite,
    greater_than,
    in_range,
    non_negative,
    positive,
    unwrap,
    whole_number,
)
from planeval.methods import growth

#: Seed of the default random generator: the year the plans start, so runs are reproducible.
DEFAULT_SEED = 2021
#: Quantiles reported by :func:`quantile_bands` unless others are asked for (a 90 % band and the median).
DEFAULT_QUANTILES = (0.05, 0.5, 0.95)


def childcare_places_needed(population: Any, places_per_1000: Any) -> float | np.ndarray:
    """Places needed for a population at a ratio per 1,000 people: ``population × rate / 1000``.

    Harbin's census population (2020, 10,009,854) at the national 2025 ratio of 4.5 per 1,000:

    >>> round(childcare_places_needed(10_009_854, 4.5), 3)
    45044.343
    >>> childcare_places_needed(-1, 4.5)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: population=-1 is not allowed: expected a number >= 0
    """
    people = non_negative("population", population)
    rate = in_range("places_per_1000", places_per_1000, 0, 1000)
    return unwrap(people * rate / 1000.0)


def childcare_gap(places_needed: Any, current_places: Any) -> float | np.ndarray:
    """Places still to be created: ``needed − current`` (negative when there is a surplus).

    >>> childcare_gap(45044.343, 20000)
    25044.343
    """
    needed = non_negative("places_needed", places_needed)
    current = non_negative("current_places", current_places)
    return unwrap(needed - current)


def required_annual_growth(current_places: Any, places_needed: Any, base_year: Any,
                           target_year: Any) -> float | np.ndarray:
    """Compound yearly growth (fraction) that takes current places to the need by the target year.

    ``(needed / current) ** (1 / (target_year − base_year)) − 1``; see :func:`planeval.methods.growth.cagr`.
    Zero current places have no growth rate (ParameterError).

    >>> round(required_annual_growth(20000, 45044.343, 2021, 2025), 4)
    0.225
    """
    span = growth.year_intervals(base_year, target_year)
    current = positive("current_places", current_places)
    needed = non_negative("places_needed", places_needed)
    return growth.cagr(current, needed, span)


def operating_subsidy_cost(places: Any, occupancy: Any, monthly_subsidy: Any,
                           months: Any = 12) -> float | np.ndarray:
    """Yearly operating-subsidy cost: ``places × occupancy × subsidy per child per month × months``.

    Harbin's 200 yuan a month for each child in care, with the 45,044 places 80 % occupied:

    >>> round(operating_subsidy_cost(45044.343, 0.8, 200))
    86485139
    """
    slots = non_negative("places", places)
    used = in_range("occupancy", occupancy, 0, 1)
    subsidy = non_negative("monthly_subsidy", monthly_subsidy)
    period = in_range("months", months, 0, 12)
    return unwrap(slots * used * subsidy * period)


@dataclass(frozen=True)
class ChildcareScenario:
    """Results of :func:`childcare_scenario`, each a float or an array of the broadcast shape."""

    places_needed: float | np.ndarray
    gap: float | np.ndarray
    annual_growth_required: float | np.ndarray
    yearly_subsidy_cost: float | np.ndarray


def childcare_scenario(population: Any, places_per_1000: Any, current_places: Any, base_year: Any,
                       target_year: Any, occupancy: Any, monthly_subsidy: Any) -> ChildcareScenario:
    """Places needed, the gap, the growth required by the target year and the yearly subsidy cost.

    The cost is that of the places needed at the target year. Each argument may be an array: one call
    computes a whole sweep.

    >>> s = childcare_scenario(10_009_854, 4.5, 20000, 2021, 2025, 0.8, 200)
    >>> round(s.places_needed, 3), round(s.gap, 3), round(s.annual_growth_required, 4)
    (45044.343, 25044.343, 0.225)
    >>> s = childcare_scenario([1e6, 2e6], 4.5, 3000, 2021, 2025, 0.8, 200)
    >>> s.places_needed.tolist()
    [4500.0, 9000.0]
    """
    needed = childcare_places_needed(population, places_per_1000)
    return ChildcareScenario(
        places_needed=needed,
        gap=childcare_gap(needed, current_places),
        annual_growth_required=required_annual_growth(current_places, needed, base_year, target_year),
        yearly_subsidy_cost=operating_subsidy_cost(needed, occupancy, monthly_subsidy),
    )


def allowance_path(initial: Any, rates: Any) -> np.ndarray:
    """Allowance over time from year-by-year rates: p(t + 1) = p(t) × (1 + g(t)).

    ``rates`` has the years on its last axis (fractions, each > −1); ``initial`` broadcasts against
    the other axes. The result has one more year than ``rates``: p(0) first.

    Source: Harbin's natural-growth mechanism for orphan allowances (s000), yearly indexation by the
    growth of urban per-capita consumption spending.

    >>> allowance_path(2585, [0.05, 0.04]).round(2).tolist()
    [2585.0, 2714.25, 2822.82]
    """
    start = positive("initial", initial)
    steps = greater_than("rates", rates, -1)
    if steps.ndim == 0:
        raise ParameterError("rates", rates, "an array with one rate per year on its last axis")
    factors = np.cumprod(1.0 + steps, axis=-1)
    ones = np.ones(steps.shape[:-1] + (1,))
    return np.asarray(start)[..., None] * np.concatenate([ones, factors], axis=-1)


def fixed_growth_path(initial: Any, rate: Any, years: int) -> np.ndarray:
    """Allowance over ``years`` years at a fixed rate: p(t) = p(0) × (1 + g)^t, t = 0 … years.

    ``initial`` and ``rate`` broadcast (a sweep of parameter sets); years are the last axis.

    >>> fixed_growth_path(100, [0.1, 0.0], 2).round(6).tolist()
    [[100.0, 110.0, 121.0], [100.0, 100.0, 100.0]]
    """
    count = int(whole_number("years", years, minimum=1))
    start = positive("initial", initial)
    step = greater_than("rate", rate, -1)
    shape = np.broadcast_shapes(start.shape, step.shape)
    return allowance_path(np.broadcast_to(start, shape), np.broadcast_to(step[..., None], shape + (count,)))


@dataclass(frozen=True)
class Normal:
    """Normally distributed yearly rates, drawn with numpy alone.

    From the same Generator it gives exactly the draws of ``scipy.stats.norm(mean, sd)`` (scipy draws
    standard normals, then scales and shifts them), without importing scipy.stats, which takes about
    0.7 s in each fresh kernel.

    >>> Normal(0.05, 0.02).rvs(size=2, random_state=np.random.default_rng(1)).round(4).tolist()
    [0.0569, 0.0664]
    >>> Normal(0.05, -1)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: sd=-1 is not allowed: expected a number >= 0
    """

    mean: float
    sd: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", float(finite("mean", self.mean)))
        object.__setattr__(self, "sd", float(non_negative("sd", self.sd)))

    def rvs(self, size: Any = None, random_state: np.random.Generator | None = None) -> np.ndarray:
        rng = random_state if random_state is not None else np.random.default_rng(DEFAULT_SEED)
        return rng.standard_normal(size) * self.sd + self.mean


def simulate_allowance(initial: Any, distribution: Any, years: int, draws: int = 10_000,
                       seed: int | np.random.Generator = DEFAULT_SEED, floor: float | None = None) -> np.ndarray:
    """Allowance paths with yearly rates drawn from ``distribution``: :class:`Normal`, a frozen
    ``scipy.stats`` distribution, or anything with ``rvs(size=..., random_state=...)``.

    Returns an array of shape ``(draws, years + 1)``; rates are independent across years and draws.
    ``seed`` is an int (a fresh ``numpy.random.default_rng(seed)``) or a Generator. A draw of a rate
    at or below −1 is a ParameterError: choose a distribution that cannot wipe the allowance out, or give
    a ``floor`` (above −1) that every drawn rate is raised to.

    >>> wild = Normal(-0.5, 0.5)
    >>> bool((simulate_allowance(2585, wild, years=3, draws=500, floor=-0.99) > 0).all())
    True

    >>> from scipy import stats
    >>> paths = simulate_allowance(2585, stats.norm(0.05, 0.02), years=4, draws=1000)
    >>> paths.shape, bool((paths[:, 0] == 2585).all())
    ((1000, 5), True)
    >>> bool(np.array_equal(paths, simulate_allowance(2585, stats.norm(0.05, 0.02), years=4, draws=1000)))
    True
    """
    count = int(whole_number("years", years, minimum=1))
    samples = int(whole_number("draws", draws, minimum=1))
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(int(finite("seed", seed)))
    rates = distribution.rvs(size=(samples, count), random_state=rng)
    if floor is not None:
        rates = np.maximum(rates, greater_than("floor", floor, -1))
    return allowance_path(np.full(samples, float(positive("initial", initial))), rates)


def quantile_bands(paths: Any, quantiles: Any = DEFAULT_QUANTILES) -> np.ndarray:
    """Quantiles across draws (first axis) for each year: shape ``(len(quantiles), years + 1)``.

    >>> quantile_bands([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], (0.0, 0.5, 1.0)).tolist()
    [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    """
    levels = in_range("quantiles", quantiles, 0, 1)
    return np.quantile(finite("paths", paths), levels, axis=0)


def care_ratio(path_a: Any, path_b: Any) -> float | np.ndarray:
    """Ratio between the allowances of two care types over time: ``a(t) / b(t)``.

    Harbin 2022: institutional care 2585 against family-based care 2255 yuan a month (s001).

    >>> round(care_ratio(2585, 2255), 4)
    1.1463
    """
    first = finite("path_a", path_a)
    second = positive("path_b", path_b)
    return unwrap(first / second)
