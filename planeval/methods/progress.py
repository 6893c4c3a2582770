"""Progress toward targets: the official family of methods, each selectable by name.

``assess_progress(years, values, target, target_year, comparator, method=...)`` returns a
:class:`ProgressResult`. The methods (formulas and sources in each function and in
``book/methodology_formulas.md``):

* ``"escap"`` — UN ESCAP, *Asia and the Pacific SDG Progress Report*: current status index
  CS = d·(I_cur − I_0)/|I_T − I_0| and the anticipated progress at the target year from a geometric
  projection (optionally a time-weighted log-linear fit), scored as d·(Î_T − I_0)/|I_T − I_0|.
  Bands: ≥ 1 maintain progress (on track), ≥ 0 accelerate, < 0 reverse the trend (deterioration).
* ``"unsd"`` — UNSD SDG Progress Chart technical note, as applied by EUSTAT: CAGR between base and
  latest year, projection Î_T = I_t (1 + CAGR)^(T − t), P = (Î_T − I_0)/(I_T − I_0). Bands: ≥ 0.95
  on track, ≥ 0.10 acceleration needed (EUSTAT), ≥ 0 limited progress, < 0 moving away.
* ``"opensdg"`` — Statistics Canada's method in Open SDG (sdg-build ``ProgressMeasure``):
  R = s·d·CAGR_observed/|CAGR_required|, zeros replaced by 0.001, the natural-limit factor for
  indicators without a target, "target achieved" overriding all else. Bands: ≥ 0.95 on track,
  ≥ 0.60 acceleration needed, ≥ 0 limited progress, < 0 deterioration.
* ``"linear"`` — the straight path from the base value to the target (a 2020 → 2025 plan is on track
  in 2023 when it has covered 3/5 of the distance): score = achieved share / expected share.

Common rules: the direction d comes from the comparator (``>=`` higher is better, ``<=`` lower is
better; ``=``/``~`` take the direction from base to target). Fewer than two observations from the
base year on give ``"insufficient data"``, never a guess. A latest value that meets the target gives
``"target achieved"`` whatever the trend (Open SDG; EUSTAT exception 1). The annual change still
required from the latest value, (I_T − I_t)/(T − t), is reported by every method (0 once the target
is met).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from planeval.core.errors import ParameterError, PlanevalError
from planeval.core.validate import choice, columns, finite, positive, whole_number, year_order
from planeval.core.validate import comparator as validated_comparator
from planeval.methods import growth, units

METHODS = ("escap", "unsd", "opensdg", "linear")

ACHIEVED = "target achieved"
ON_TRACK = "on track"
ACCELERATE = "acceleration needed"
LIMITED = "limited progress"
DETERIORATION = "deterioration"
INSUFFICIENT = "insufficient data"
NOT_ASSESSABLE = "not assessable"

#: Assessed statuses from worst to best; the rank orders them.
STATUS_RANK = {DETERIORATION: 0, LIMITED: 1, ACCELERATE: 2, ON_TRACK: 3, ACHIEVED: 4}
#: Statuses that count toward the share achieved or on track (达标率).
SUCCESS = (ACHIEVED, ON_TRACK)

#: Lower bounds of the bands, best first; below the last bound is "deterioration".
#: escap: ESCAP dashboard (maintain progress ≥ 1, accelerate ≥ 0, reverse trend < 0).
#: unsd: UNSD Progress Chart / EUSTAT (≥ 0.95, ≥ 0.10); the extra 0 separates moving away.
#: opensdg: Statistics Canada / Open SDG (≥ 0.95, ≥ 0.60, ≥ 0).
#: linear: on or ahead of the straight path (≥ 1), behind it but moving toward the target (≥ 0).
DEFAULT_THRESHOLDS: dict[str, tuple[float, ...]] = {
    "escap": (1.0, 0.0),
    "unsd": (0.95, 0.10, 0.0),
    "opensdg": (0.95, 0.60, 0.0),
    "linear": (1.0, 0.0),
}
#: Open SDG thresholds on the observed CAGR when no target is given (1.5 %, 0.5 %, 0 a year).
OPENSDG_NO_TARGET_THRESHOLDS = (0.015, 0.005, 0.0)
#: Exponent of the Open SDG natural-limit factor C (sdg-build ``get_progress_thresholds``).
NATURAL_LIMIT_EXPONENT = 4.44
#: Stand-in for a zero base or target in exponential formulas (Open SDG default).
ZERO_REPLACEMENT = 0.001

_BAND_LABELS = (ON_TRACK, ACCELERATE, LIMITED)


@dataclass(frozen=True)
class ProgressResult:
    """The assessment of one series against one target.

    ``score`` is the method's progress measure (ESCAP and UNSD: anticipated progress ratio; Open SDG:
    R, or the direction-adjusted CAGR without a target; linear: share of the expected path covered);
    NaN when it cannot be computed. ``projected_value`` is the value expected at the target year under
    the method's projection. ``required_annual_change`` is (I_T − I_t)/(T − t) in the series' unit
    (0 once the target is met).
    ``current_status_index`` is ESCAP's CS, reported by every method when a target is given.
    """

    method: str
    score: float
    status: str
    projected_value: float
    required_annual_change: float
    notes: tuple[str, ...] = ()
    current_status_index: float = math.nan
    base_year: int | None = None
    latest_year: int | None = None
    n_observations: int = 0

    @property
    def on_track(self) -> bool:
        """True when the target is achieved or the series is on track."""
        return self.status in SUCCESS


@dataclass
class _Series:
    """A validated, sorted series from the base year on, with everything the methods share."""

    years: np.ndarray
    values: np.ndarray
    target: float | None
    target_year: int
    direction: int
    zero_replacement: float
    notes: list[str] = field(default_factory=list)

    @property
    def base_year(self) -> int:
        return int(self.years[0])

    @property
    def base(self) -> float:
        return float(self.values[0])

    @property
    def latest_year(self) -> int:
        return int(self.years[-1])

    @property
    def latest(self) -> float:
        return float(self.values[-1])

    def nonzero(self, value: float, what: str) -> float:
        """``value`` with a zero replaced, as the exponential formulas need (and a note saying so)."""
        if value != 0:
            return value
        self.notes.append(f"{what} is zero: replaced by {self.zero_replacement:g} in the growth formulas "
                          "(Open SDG rule)")
        return self.zero_replacement


def direction(comparator: str, base: float | None = None, target: float | None = None) -> int:
    """+1 when higher values are better, −1 when lower values are better.

    ``>=`` gives +1 and ``<=`` gives −1 (a ceiling such as 孕产妇死亡率 ≤ 12/10万 means lower is
    better). ``=``, ``~`` and an empty comparator give the sign of ``target − base``: the way the
    value must move.

    >>> direction(">="), direction("<="), direction("=", base=5.0, target=3.0)
    (1, -1, -1)
    """
    comparator = validated_comparator("comparator", comparator)
    if comparator == ">=":
        return 1
    if comparator == "<=":
        return -1
    if base is None or target is None:
        raise ParameterError("comparator", comparator,
                             "'>=' or '<=' when no base and target give the direction")
    return -1 if target < base else 1


def current_status_index(base: float, current: float, target: float, d: int) -> float:
    """ESCAP current status index: CS = d·(I_cur − I_0)/|I_T − I_0|.

    Share of the distance from the base value to the target covered so far; 1 at the target, negative
    when the value moved the wrong way. Source: UN ESCAP, Asia and the Pacific SDG Progress Report,
    technical notes ("Current Status Index").

    >>> current_status_index(10.0, 7.0, 4.0, -1)
    0.5
    """
    gap = abs(float(finite("target", target)) - float(finite("base", base)))
    if gap == 0:
        return math.nan
    return d * (float(finite("current", current)) - base) / gap


def anticipated_progress(base: float, projected: float, target: float, d: int) -> float:
    """Anticipated progress at the target year: P = d·(Î_T − I_0)/|I_T − I_0|.

    Equal to UNSD/EUSTAT's (Î_T − I_0)/(I_T − I_0) when the target lies in the desired direction,
    and exactly 1 when the projection lands on the target. Sources: UNSD SDG Progress Chart technical
    note; EUSTAT "Medición del progreso"; ESCAP "Anticipated Progress Index".

    >>> anticipated_progress(80.0, 90.0, 90.0, 1), anticipated_progress(80.0, 85.0, 90.0, 1)
    (1.0, 0.5)
    """
    return current_status_index(base, projected, target, d)


def required_annual_change(latest: float, latest_year: int, target: float, target_year: int) -> float:
    """Annual change still needed from the latest value: (I_T − I_t)/(T − t); NaN once T ≤ t.

    Signed like the values: negative when the value must fall. :func:`assess_progress` reports 0 for a
    target already met.

    >>> required_annual_change(2.5, 2022, 4.5, 2025)
    0.6666666666666666
    """
    span = float(target_year) - float(latest_year)
    if span <= 0:
        return math.nan
    return (float(finite("target", target)) - float(finite("latest", latest))) / span


def linear_path_value(base: float, base_year: int, target: float, target_year: int, year: int) -> float:
    """Value on the straight path from the base to the target: I_0 + (I_T − I_0)·min(1, (y − t_0)/(T − t_0)).

    The yardstick of the ``"linear"`` method: a 2020 → 2025 plan should have covered 3/5 of the
    distance by 2023 (and all of it from 2025 on).

    >>> linear_path_value(2.0, 2020, 4.5, 2025, 2023)
    3.5
    """
    year_order("base_year", base_year, "target_year", target_year)
    share = min(1.0, (float(year) - float(base_year)) / (float(target_year) - float(base_year)))
    return float(finite("base", base)) + (float(finite("target", target)) - base) * share


def natural_limit_factor(base: float, limit: float, exponent: float = NATURAL_LIMIT_EXPONENT) -> float:
    """Open SDG scaling factor C for an indicator with a natural limit (e.g. a rate bounded at 100 %).

    C = 1 − (y₀/y_lim)^a when y₀ ≤ y_lim; 1 − ((2y_lim − y₀)/y_lim)^a when y_lim < y₀ < 2y_lim; 1
    beyond, with a = 4.44 (absolute values). Positive thresholds are multiplied by C, so a base value
    near the limit is not required to grow at rates it cannot reach. Source: Open SDG progress
    methodology; sdg-build ``ProgressMeasure.get_progress_thresholds``.

    >>> natural_limit_factor(50, 100) > 0.95, natural_limit_factor(100, 100), natural_limit_factor(250, 100)
    (True, 0.0, 1.0)
    """
    y0, lim = abs(float(finite("base", base))), abs(float(finite("limit", limit)))
    if y0 >= 2 * lim:  # first, so that a zero base with a zero limit gives 1
        return 1.0
    if y0 <= lim:
        return 1.0 - (y0 / lim) ** exponent
    return 1.0 - ((2 * lim - y0) / lim) ** exponent


def opensdg_points(progress_value: float, *, has_target: bool = True, coefficient: float = 1.0) -> float:
    """Open SDG score on [−5, 5] from a progress value, for averaging several series.

    With a target, R is mapped linearly through (−0.6, −5), (0.6, 0), (1.3, 5); without one, the CAGR
    through (−2 %, −5), (0, −2.5), (0.5 %·C, 0), (1.5 %·C, 2.5), (2 %·C, 5); clipped at ±5. A series
    that achieves its target scores 5 whatever R (pass ``progress_value=inf``). Source: Open SDG
    progress methodology, "Aggregated progress status"; sdg-build ``get_score``.

    >>> [round(opensdg_points(r), 6) for r in (1.5, 0.95, 0.6, 0.0, -1.0)]
    [5.0, 2.5, 0.0, -2.5, -5.0]
    >>> round(opensdg_points(0.01, has_target=False), 6)
    1.25
    """
    value = float(progress_value)
    if has_target:
        return float(np.interp(value, [-0.6, 0.6, 1.3], [-5.0, 0.0, 5.0]))
    if coefficient == 0:
        return 5.0 if value >= 0 else float(np.interp(value, [-0.02, 0.0], [-5.0, -2.5]))
    c = coefficient
    return float(np.interp(value, [-0.02, 0.0, 0.005 * c, 0.015 * c, 0.02 * c], [-5.0, -2.5, 0.0, 2.5, 5.0]))


def band(value: float, thresholds: Sequence[float]) -> str:
    """Status of a progress value: the first band whose lower bound it reaches, else deterioration.

    >>> band(0.97, (0.95, 0.6, 0.0)), band(0.3, (0.95, 0.6, 0.0)), band(-0.1, (1.0, 0.0))
    ('on track', 'limited progress', 'deterioration')
    """
    for label, bound in zip(_BAND_LABELS, thresholds, strict=False):
        if value >= bound:
            return label
    return DETERIORATION


def _validated_thresholds(method: str, thresholds: Sequence[float] | None, default: Sequence[float]) -> tuple:
    """The method's band bounds: the default, or as many given bounds, strictly decreasing."""
    if thresholds is None:
        return tuple(default)
    bounds = tuple(float(b) for b in finite("thresholds", list(thresholds)))
    if len(bounds) != len(default) or any(a <= b for a, b in zip(bounds, bounds[1:], strict=False)):
        raise ParameterError("thresholds", thresholds,
                             f"{len(default)} numbers in decreasing order for method {method!r}")
    return bounds


def _growth_pair(series: _Series) -> tuple[float, float] | None:
    """Base and latest values usable in a compound rate, or None (noted) when the sign changes."""
    base = series.nonzero(series.base, "the base value")
    if base * series.latest < 0:
        series.notes.append("the values change sign: an exponential model cannot be fitted (Open SDG: "
                            "unable to assess)")
        return None
    return base, series.latest


def _geometric_projection(series: _Series, time_weighted: bool) -> float:
    """Value at the target year continuing the observed geometric growth.

    Two-point: Î_T = I_t (1 + CAGR)^(T − t), CAGR from base to latest. Time-weighted: a weighted
    least-squares fit of ln|I| on the year with weights 1, 2, 3, … from the first year on, then
    Î_T = ±exp(a + b·T). ESCAP gives recent data more weight; these linear weights are our choice.
    """
    pair = _growth_pair(series)
    if pair is None:
        return math.nan
    base, latest = pair
    if not time_weighted:
        rate = growth.cagr(base, latest, series.latest_year - series.base_year)
        return float(growth.project(latest, rate, series.target_year - series.latest_year))
    values = np.where(series.values == 0, series.zero_replacement * np.sign(base), series.values)
    if np.any(values * base < 0):
        series.notes.append("the values change sign: no geometric fit is possible")
        return math.nan
    weights = 1.0 + (series.years - series.years[0])
    slope, intercept = np.polyfit(series.years, np.log(np.abs(values)), 1, w=np.sqrt(weights))
    series.notes.append("projection by time-weighted log-linear fit (weights 1, 2, … by year from the base)")
    return float(np.sign(base) * np.exp(intercept + slope * series.target_year))


def _method_escap(series: _Series, time_weighted: bool) -> tuple[float, float]:
    """ESCAP anticipated progress: P = d·(Î_T − I_0)/|I_T − I_0| with a geometric projection Î_T."""
    projected = _geometric_projection(series, time_weighted)
    return anticipated_progress(series.base, projected, series.target, series.direction), projected


def _method_unsd(series: _Series, time_weighted: bool) -> tuple[float, float]:
    """UNSD/EUSTAT: P = (Î_T − I_0)/(I_T − I_0), Î_T = I_t (1 + CAGR_a)^(T − t), two-point CAGR."""
    projected = _geometric_projection(series, time_weighted=False)
    return anticipated_progress(series.base, projected, series.target, series.direction), projected


def _method_opensdg(series: _Series, time_weighted: bool) -> tuple[float, float]:
    """Open SDG: R = s·d·CAGR_o/|CAGR_r| (with a target) or s·d·CAGR_o (without); s = −1 for negatives."""
    pair = _growth_pair(series)
    if pair is None:
        return math.nan, math.nan
    base, latest = pair
    sign = -1 if base < 0 else 1  # all-negative series: the formula flips the direction (Open SDG)
    observed = growth.cagr(base, latest, series.latest_year - series.base_year)
    projected = float(growth.project(latest, observed, series.target_year - series.latest_year))
    if series.target is None:
        return sign * series.direction * observed, projected
    target = series.nonzero(series.target, "the target")
    if target * base < 0:
        series.notes.append("the target and the base value differ in sign: no required growth rate exists")
        return math.nan, projected
    required = growth.cagr(base, target, series.target_year - series.base_year)
    if required == 0:
        series.notes.append("the target equals the base value: no growth is required, R is undefined")
        return math.nan, projected
    return sign * series.direction * observed / abs(required), projected


def _method_linear(series: _Series, time_weighted: bool) -> tuple[float, float]:
    """Linear path: score = d·(I_t − I_0)/|E_t − I_0|, E_t the value on the straight path in year t."""
    on_path = linear_path_value(series.base, series.base_year, series.target, series.target_year,
                                series.latest_year)
    score = current_status_index(series.base, series.latest, on_path, series.direction)
    yearly = (series.latest - series.base) / (series.latest_year - series.base_year)
    return score, series.latest + yearly * (series.target_year - series.latest_year)


_METHODS = {
    "escap": _method_escap, "unsd": _method_unsd, "opensdg": _method_opensdg, "linear": _method_linear,
}


def _observations(years: Any, values: Any) -> tuple[np.ndarray, np.ndarray]:
    """Years and values as sorted float arrays, one value per distinct whole year."""
    when = whole_number("years", np.atleast_1d(years))
    what = finite("values", np.atleast_1d(values))
    if when.ndim != 1 or when.shape != what.shape:
        raise ParameterError("values", f"{what.size} values", f"one value for each of the {when.size} years")
    unique, counts = np.unique(when, return_counts=True)
    if np.any(counts > 1):
        raise ParameterError("years", int(unique[counts > 1][0]), "distinct years (one value per year)")
    order = np.argsort(when)
    return when[order], what[order]


def assess_progress(years: Any, values: Any, target: float | None, target_year: int, comparator: str,
                    method: str = "opensdg", *, base_year: int | None = None,
                    thresholds: Sequence[float] | None = None, time_weighted: bool = False,
                    limit: float | None = None, zero_replacement: float = ZERO_REPLACEMENT) -> ProgressResult:
    """Assess a series (years, values) against a target value and year with a named method.

    Defaults: ``method="opensdg"``; ``base_year`` the first observed year (when given but not
    observed, the first later observation, as in Open SDG); ``thresholds`` from
    :data:`DEFAULT_THRESHOLDS`; ``time_weighted`` False (two-point geometric projection);
    ``zero_replacement`` 0.001. ``target`` may be None only for ``"opensdg"`` (its no-target rule,
    where ``limit`` sets the natural-limit factor; with a target, Open SDG ignores the limit).

    Maternal mortality in China, 16.9 (2020) → 14.3 (2024) per 100k against ≤ 12 by 2030:

    >>> r = assess_progress([2020, 2022, 2024], [16.9, 15.7, 14.3], 12, 2030, "<=", "opensdg")
    >>> r.status, round(r.score, 3), round(r.required_annual_change, 3)
    ('on track', 1.215, -0.383)
    >>> assess_progress([2020], [16.9], 12, 2030, "<=").status
    'insufficient data'
    >>> assess_progress([2020, 2024], [16.9, 14.3], 12, 2030, "<=", "magic")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: method='magic' is not allowed: expected one of 'escap', 'unsd', ...
    """
    choice("method", method, METHODS)
    comparator = validated_comparator("comparator", comparator)
    when, what = _observations(years, values)
    target_value, goal_year, bounds, replacement = _settings(method, target, target_year, thresholds, limit,
                                                             zero_replacement)
    notes: list[str] = []
    when, what = _from_base_year(when, what, base_year, goal_year, notes)
    if when.size == 0:
        notes.append("no observation from the base year on")
        return ProgressResult(method, math.nan, INSUFFICIENT, math.nan, math.nan, tuple(notes))
    year_order("base_year", int(when[0]), "target_year", goal_year)
    d = direction(comparator, float(what[0]), target_value)
    if comparator not in (">=", "<="):
        notes.append(f"comparator {comparator!r} has no direction: taken from base to target ({d:+d})")
    series = _Series(when, what, target_value, goal_year, d, replacement, notes)
    has_target = target_value is not None
    achieved = has_target and d * (series.latest - target_value) >= 0
    # Once the target is met nothing more is required (the raw headroom is not a requirement).
    needed = (0.0 if achieved else required_annual_change(series.latest, series.latest_year, target_value,
                                                          goal_year) if has_target else math.nan)
    common = dict(base_year=series.base_year, latest_year=series.latest_year, n_observations=int(when.size),
                  current_status_index=current_status_index(series.base, series.latest, target_value, d)
                  if has_target else math.nan)
    if when.size < 2:
        notes.append("fewer than two observations from the base year on: no trend can be measured")
        if achieved:
            notes.append("the single observation already meets the target")
        return ProgressResult(method, math.nan, INSUFFICIENT, math.nan, needed, tuple(notes), **common)
    if method == "opensdg" and limit is not None:
        bounds = _limit_scaled(series, bounds, limit)
    if time_weighted and method != "escap":
        notes.append(f"time_weighted applies to 'escap' only; {method!r} uses its own projection")
    score, projected = _METHODS[method](series, time_weighted)
    status = ACHIEVED if achieved else band(score, bounds) if math.isfinite(score) else NOT_ASSESSABLE
    return ProgressResult(method, float(score), status, float(projected), needed, tuple(notes), **common)


def _settings(method: str, target: float | None, target_year: int, thresholds: Sequence[float] | None,
              limit: float | None, zero_replacement: float) -> tuple[float | None, int, tuple, float]:
    """Validated target, target year, band thresholds and zero replacement of :func:`assess_progress`."""
    if target is None and method != "opensdg":
        raise ParameterError("target", None, f"a number (method {method!r} needs a target; only 'opensdg' "
                                             "assesses a series without one)")
    if limit is not None:
        finite("limit", limit)
    default = OPENSDG_NO_TARGET_THRESHOLDS if target is None else DEFAULT_THRESHOLDS[method]
    return (None if target is None else float(finite("target", target)),
            int(whole_number("target_year", target_year)),
            _validated_thresholds(method, thresholds, default),
            float(positive("zero_replacement", zero_replacement)))


def _from_base_year(when: np.ndarray, what: np.ndarray, base_year: int | None, goal_year: int,
                    notes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Observations from the base year on; an unobserved base year moves to the next observation."""
    if base_year is None:
        return when, what
    year_order("base_year", base_year, "target_year", goal_year)
    later = when >= base_year
    if later.any() and when[later][0] != base_year:
        notes.append(f"no observation in {int(base_year)}: base moved to {int(when[later][0])} "
                     "(Open SDG rule)")
    return when[later], what[later]


def _limit_scaled(series: _Series, bounds: tuple, limit: float) -> tuple:
    """Open SDG: positive no-target thresholds times the natural-limit factor C; ignored with a target."""
    if series.target is not None:
        series.notes.append("limit ignored: a target is given (as in Open SDG)")
        return bounds
    coefficient = natural_limit_factor(series.base, limit)
    # With C = 0 every positive bound becomes 0: holding the limit (CAGR ≥ 0) is on track (Open SDG).
    series.notes.append(f"natural limit {limit:g}: positive thresholds scaled by C = {coefficient:.4f}")
    return tuple(b * coefficient if b > 0 else b for b in bounds)


def _series_for(target_row: pd.Series, figures: pd.DataFrame) -> tuple[list[int], list[float], list[str]]:
    """Observed values of a target's indicator and region, converted to the target's unit."""
    same = figures[(figures["indicator_zh"] == target_row["indicator_zh"])
                   & (figures["region"] == target_row["region"])
                   & figures["kind"].isin(["baseline", "reported"])
                   & (figures["status"] != "withheld") & figures["value"].notna() & figures["year"].notna()]
    notes = []
    fits = np.array([units.compatible(u, target_row["unit"]) for u in same["unit"]], dtype=bool)
    if (~fits).any():
        notes.append(f"{int((~fits).sum())} observation(s) in an incompatible unit left out")
    same = same[fits]
    converted = [float(units.convert(v, u, target_row["unit"])) for v, u in zip(same["value"], same["unit"],
                                                                               strict=True)]
    by_year = pd.Series(converted, index=same["year"].astype(int).to_numpy(), dtype=float).groupby(level=0)
    counts = by_year.size()
    for year in counts[counts > 1].index:
        notes.append(f"{int(counts[year])} values for {year} averaged")
    means = by_year.mean()
    return [int(y) for y in means.index], [float(v) for v in means.to_numpy()], notes


ASSESSMENT_COLUMNS = (
    "id", "region", "domain", "indicator_zh", "indicator_en", "method", "status", "score", "projected_value",
    "required_annual_change", "current_status_index", "target", "comparator", "target_year", "unit",
    "base_year", "latest_year", "n_observations", "notes",
)


def assess_frame(figures: pd.DataFrame, method: str = "opensdg", **options: Any) -> pd.DataFrame:
    """Assess every stated target of the figures table against the observed values of its indicator.

    Observations are the ``baseline`` and ``reported`` rows of the same ``indicator_zh`` and
    ``region`` with a value and a year, converted to the target's unit (incompatible units are left
    out, several values in one year averaged, both noted). A target that the method cannot take
    (e.g. a target year not after the first observation) is ``"not assessable"`` with the reason.
    ``options`` go to :func:`assess_progress`.
    """
    columns("figures", figures, ("id", "region", "domain", "indicator_zh", "indicator_en", "kind", "value",
                                 "unit", "comparator", "year", "status"))
    choice("method", method, METHODS)
    targets = figures[(figures["kind"] == "target") & (figures["status"] != "withheld")
                      & figures["value"].notna() & figures["year"].notna()]
    records = []
    for _, row in targets.iterrows():
        years, values, notes = _series_for(row, figures)
        try:
            result = assess_progress(years, values, float(row["value"]), int(row["year"]), row["comparator"],
                                     method, **options)
        except PlanevalError as error:
            result = ProgressResult(method, math.nan, NOT_ASSESSABLE, math.nan, math.nan, (str(error),))
        records.append({
            "id": row["id"], "region": row["region"], "domain": row["domain"],
            "indicator_zh": row["indicator_zh"], "indicator_en": row["indicator_en"], "method": method,
            "status": result.status, "score": result.score, "projected_value": result.projected_value,
            "required_annual_change": result.required_annual_change,
            "current_status_index": result.current_status_index, "target": float(row["value"]),
            "comparator": row["comparator"], "target_year": int(row["year"]), "unit": row["unit"],
            "base_year": result.base_year, "latest_year": result.latest_year,
            "n_observations": result.n_observations, "notes": "; ".join(notes + list(result.notes)),
        })
    return pd.DataFrame.from_records(records, columns=list(ASSESSMENT_COLUMNS))


ROLLUP_COLUMNS = ("domain", "targets", "assessed", "achieved_or_on_track", "share_on_track", "mean_score")


def rollup_by_domain(assessed: pd.DataFrame) -> pd.DataFrame:
    """Per domain: targets, how many could be assessed, how many are achieved or on track, the share
    of the assessed that are (达标率), and the mean score of the assessed.

    Targets with ``insufficient data`` or ``not assessable`` count in ``targets`` but not in the share,
    so the share never silently treats a missing assessment as a failure.

    >>> t = pd.DataFrame({"domain": ["health", "health", "health", "education"],
    ...                   "status": ["on track", "deterioration", "insufficient data", "target achieved"],
    ...                   "score": [1.2, -0.4, float("nan"), 2.0]})
    >>> row = rollup_by_domain(t).set_index("domain").loc["health"]
    >>> int(row["targets"]), int(row["assessed"]), float(row["share_on_track"]), float(row["mean_score"])
    (3, 2, 0.5, 0.4)
    """
    columns("assessed", assessed, ("domain", "status", "score"))
    records = []
    for domain, group in assessed.groupby("domain", sort=True):
        judged = group[group["status"].isin(list(STATUS_RANK))]
        good = int(judged["status"].isin(list(SUCCESS)).sum())
        scores = judged["score"][np.isfinite(judged["score"].astype(float))]
        records.append({
            "domain": domain, "targets": int(len(group)), "assessed": int(len(judged)),
            "achieved_or_on_track": good,
            "share_on_track": good / len(judged) if len(judged) else math.nan,
            "mean_score": round(float(scores.mean()), 12) if len(scores) else math.nan,
        })
    return pd.DataFrame.from_records(records, columns=list(ROLLUP_COLUMNS))
