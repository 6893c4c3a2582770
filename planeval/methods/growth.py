"""Growth arithmetic: percentage changes, compound rates, average increments, real terms.

Every function accepts scalars or numpy arrays (broadcast against each other) and returns the same
kind: a float for scalars, an array otherwise. Two conventions, fixed by how the figures are printed
and by the official formulas:

* stated changes (增幅52%, 下降18%) are in **percent**: ``percent_change``, ``previous_value``,
  ``apply_increase``, ``chain_increases``, ``real_growth``; a decrease is a negative percent;
* compound annual growth rates are **fractions** (0.05 for 5 % a year), as in the CAGR formula of the
  SDG progress methodologies (UNSD Progress Chart technical note; Statistics Canada / Open SDG).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from planeval.core.validate import (
    finite,
    greater_than,
    non_negative,
    nonzero,
    positive,
    same_sign,
    unwrap,
    year_order,
)

_ZERO_BASE = "a growth rate needs a base"


def percent_change(before: Any, after: Any) -> float | np.ndarray:
    """Change from ``before`` to ``after`` in percent: ``(after / before − 1) × 100``.

    Source: the definition of 增幅 (growth rate) in Chinese statistical reporting, 增长率 =
    (报告期 − 基期) / 基期 × 100 %.

    Harbin orphan allowances, 2021 → 2022 (sources s001, s002): 2350 → 2585 and 1650 → 2255.

    >>> round(percent_change(2350, 2585), 4), round(percent_change(1650, 2255), 4)
    (10.0, 36.6667)
    """
    start = nonzero("before", before, _ZERO_BASE)
    end = finite("after", after)
    return unwrap((end / start - 1.0) * 100.0)


def apply_increase(before: Any, pct: Any) -> float | np.ndarray:
    """Value after an increase of ``pct`` percent: ``before × (1 + pct / 100)``.

    Source: the inverse of the 增长率 definition (see :func:`percent_change`).

    >>> apply_increase(2350, 10)
    2585.0
    """
    start = finite("before", before)
    change = greater_than("pct", pct, -100)
    return unwrap(start * (1.0 + change / 100.0))


def previous_value(after: Any, pct: Any) -> float | np.ndarray:
    """The value before an increase of ``pct`` percent that led to ``after``: ``after / (1 + pct / 100)``.

    Source: the 增长率 definition solved for the base period (see :func:`percent_change`).

    Harbin 2021 (s000): allowances raised to 2350 and 1650 yuan, "增幅分别达52%和43%", so the 2020
    standards were about 1546.05 and 1153.85 yuan.

    >>> round(previous_value(2350, 52), 2), round(previous_value(1650, 43), 2)
    (1546.05, 1153.85)
    """
    end = finite("after", after)
    change = greater_than("pct", pct, -100)
    return unwrap(end / (1.0 + change / 100.0))


def chain_increases(pcts: Any, axis: int = -1) -> float | np.ndarray:
    """Overall change of successive increases, in percent: ``(∏(1 + pᵢ / 100) − 1) × 100``.

    Increases compound; they do not add (52 % then 10 % is 67.2 %, not 62 %). Source: the 增长率
    definition applied period by period (发展速度 multiply: 定基发展速度 = ∏ 环比发展速度).

    >>> round(chain_increases([52, 10]), 6)
    67.2
    """
    changes = greater_than("pcts", pcts, -100)
    return unwrap((np.prod(1.0 + changes / 100.0, axis=axis) - 1.0) * 100.0)


def cagr(start: Any, end: Any, periods: Any) -> float | np.ndarray:
    """Compound annual growth rate (a fraction): ``(end / start) ** (1 / periods) − 1``.

    Source: UNSD SDG Progress Chart technical note (CAGRₐ = (v_t / v_b)^(1/(t−b)) − 1); Statistics
    Canada progress methodology as implemented in Open SDG (``growth_calculation``). ``start`` and
    ``end`` must have the same sign (an exponential path cannot cross zero); an ``end`` of zero gives −1.

    >>> round(cagr(100, 121, 2), 10)
    0.1
    >>> cagr(0, 5, 3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: start=0 is not allowed: expected a non-zero number (...)
    """
    first = nonzero("start", start, _ZERO_BASE)
    last = same_sign("end", end, "start", start)  # an exponential path cannot cross zero
    span = positive("periods", periods)
    return unwrap((last / first) ** (1.0 / span) - 1.0)


def project(value: Any, rate: Any, periods: Any) -> float | np.ndarray:
    """Value after ``periods`` years of compound growth at ``rate``: ``value × (1 + rate) ** periods``.

    The projection step of the UNSD/EUSTAT and ESCAP methods (v̂_T = v_t (1 + CAGR)^(T − t)).

    >>> round(project(100, 0.1, 2), 10)
    121.0
    """
    start = finite("value", value)
    growth = greater_than("rate", rate, -1)
    span = finite("periods", periods)
    return unwrap(start * (1.0 + growth) ** span)


def year_intervals(start_year: Any, end_year: Any) -> float | np.ndarray:
    """Number of yearly intervals between two years: ``end_year − start_year``.

    2016 → 2020 spans four intervals although five years are named. Source: the NBS convention for
    average annual growth, where the exponent (or divisor) is the number of years elapsed since the
    base period.

    >>> year_intervals(2016, 2020)
    4.0
    """
    year_order("start_year", start_year, "end_year", end_year)
    return unwrap(np.asarray(end_year, dtype=float) - np.asarray(start_year, dtype=float))


def average_annual_increment(start: Any, end: Any, intervals: Any) -> float | np.ndarray:
    """Average absolute change per year: ``(end − start) / intervals``.

    ``intervals`` is explicit because the usual slip is to divide by the number of years named
    (2016…2020 is five years but four intervals). Source: 年均增长量 = 累计增长量 / 间隔期数 (NBS
    statistical terminology, average absolute increase).

    >>> average_annual_increment(28600, 39307, 4)
    2676.75
    """
    first = finite("start", start)
    last = finite("end", end)
    span = positive("intervals", intervals)
    return unwrap((last - first) / span)


def implied_divisor(start: Any, end: Any, stated_average: Any) -> float | np.ndarray:
    """The divisor a source must have used to print ``stated_average``: ``(end − start) / stated``.

    Source: :func:`average_annual_increment` solved for its divisor.

    >>> round(implied_divisor(28600, 39307, 2141.4), 4)
    5.0
    """
    first = finite("start", start)
    last = finite("end", end)
    stated = nonzero("stated_average", stated_average, "an average of zero implies no divisor")
    return unwrap((last - first) / stated)


def infer_divisor(start: float, end: float, stated_average: float, *, tolerance: float) -> int | None:
    """The whole number of periods that reproduces ``stated_average`` within ``tolerance``, else None.

    The nearest whole number to :func:`implied_divisor` is tried; it is accepted when
    ``|(end − start) / d − stated| <= tolerance``. Pass the half-unit of the printed value as the
    tolerance (``2141.4`` is printed to 0.1, so ±0.05).

    Qingzhen (s003): "从2016年的28600元增加到2020年的39307元，年均增长2141.4元" divides by 5, not by
    the 4 intervals between 2016 and 2020.

    >>> infer_divisor(28600, 39307, 2141.4, tolerance=0.05)
    5
    >>> infer_divisor(12611, 18270, 1131.8, tolerance=0.05)
    5
    >>> infer_divisor(100, 200, 33.0, tolerance=0.05) is None
    True
    """
    implied = float(implied_divisor(start, end, stated_average))
    tol = float(non_negative("tolerance", tolerance))
    divisor = round(implied)
    if divisor < 1:
        return None
    # A tiny relative allowance absorbs binary rounding of values that sit exactly on the half-unit.
    if abs((end - start) / divisor - stated_average) <= tol * (1 + 1e-9):
        return int(divisor)
    return None


def real_value(nominal: Any, price_index: Any, base_index: Any = 100.0) -> float | np.ndarray:
    """Nominal value in prices of the base period: ``nominal × base_index / price_index``.

    Source: standard deflation (National Bureau of Statistics: 实际值 = 名义值 / 价格指数).

    >>> real_value(110, 110)
    100.0
    """
    amount = finite("nominal", nominal)
    index = positive("price_index", price_index)
    base = positive("base_index", base_index)
    return unwrap(amount * base / index)


def real_growth(nominal_pct: Any, inflation_pct: Any) -> float | np.ndarray:
    """Real growth in percent from nominal growth and inflation: ``((1 + n) / (1 + π) − 1) × 100``.

    Exact (Fisher) form rather than the approximation n − π.

    >>> round(real_growth(10, 2), 4)
    7.8431
    """
    nominal = greater_than("nominal_pct", nominal_pct, -100)
    inflation = greater_than("inflation_pct", inflation_pct, -100)
    return unwrap(((1 + nominal / 100.0) / (1 + inflation / 100.0) - 1.0) * 100.0)
