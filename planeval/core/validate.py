"""Argument validators shared by the analysis modules: the one place that says what an argument may be.

Every numeric validator accepts a scalar or an array and returns a float ``ndarray`` (0-d for a
scalar), so that callers compute with numpy whatever they were given; :func:`unwrap` turns a 0-d
result back into a Python ``float`` for scalar callers. A bad value raises
:class:`~planeval.core.errors.ParameterError` naming the argument (with the index of the first bad
element of an array) and the allowed range.

>>> non_negative("population", [10, -5])
Traceback (most recent call last):
...
planeval.core.errors.ParameterError: population[1]=-5.0 is not allowed: expected a number >= 0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from planeval.core.errors import ParameterError
from planeval.data.vocab import COMPARATORS


def as_floats(name: str, value: Any) -> np.ndarray:
    """``value`` as a float array, or a ParameterError when it is not numeric at all.

    >>> as_floats("x", 3).ndim, as_floats("x", [1, 2]).tolist()
    (0, [1.0, 2.0])
    """
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, value, "a number or an array of numbers") from None


def _reject_where(name: str, original: Any, values: np.ndarray, bad: np.ndarray, allowed: str) -> None:
    """Raise for the first element flagged in ``bad``; a scalar is reported as the caller gave it."""
    if not bad.any():
        return
    if values.ndim == 0:
        raise ParameterError(name, original, allowed)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    raise ParameterError(f"{name}[{', '.join(map(str, index))}]", values[index].item(), allowed)


def finite(name: str, value: Any) -> np.ndarray:
    """A number (or array) with no NaN or infinity: missing values must be dealt with before modelling.

    >>> finite("rate", float("nan"))
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: rate=nan is not allowed: expected a finite number
    """
    values = as_floats(name, value)
    _reject_where(name, value, values, ~np.isfinite(values), "a finite number")
    return values


def non_negative(name: str, value: Any) -> np.ndarray:
    """A finite number >= 0 (populations, places, costs).

    >>> float(non_negative("places", 0))
    0.0
    """
    values = finite(name, value)
    _reject_where(name, value, values, values < 0, "a number >= 0")
    return values


def greater_than(name: str, value: Any, bound: float) -> np.ndarray:
    """A finite number strictly above ``bound`` (a change of more than −100 %, a rate above −1).

    >>> greater_than("pct", -100, -100)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: pct=-100 is not allowed: expected a number > -100
    """
    values = finite(name, value)
    _reject_where(name, value, values, values <= bound, f"a number > {bound:g}")
    return values


def positive(name: str, value: Any) -> np.ndarray:
    """A finite number > 0 (durations, the base of a growth rate that must stay positive).

    >>> positive("years", 0)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: years=0 is not allowed: expected a number > 0
    """
    return greater_than(name, value, 0)


def same_sign(name: str, value: Any, reference_name: str, reference: Any) -> np.ndarray:
    """A finite number on the same side of zero as ``reference`` (zero allowed: a path may end there).

    >>> same_sign("end", -5, "start", 10)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: end=-5 is not allowed: expected a number of the same sign as start
    """
    values = finite(name, value)
    ref = as_floats(reference_name, reference)
    bad = np.broadcast_to(values * ref < 0, np.broadcast_shapes(values.shape, ref.shape))
    _reject_where(name, value, np.broadcast_to(values, bad.shape), bad,
                  f"a number of the same sign as {reference_name}")
    return values


def nonzero(name: str, value: Any, why: str = "") -> np.ndarray:
    """A finite number other than zero; ``why`` says what a zero would break.

    >>> nonzero("before", 0, "the base of a rate")
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: before=0 is not allowed: expected a non-zero number (the base of a rate)
    """
    values = finite(name, value)
    _reject_where(name, value, values, values == 0, "a non-zero number" + (f" ({why})" if why else ""))
    return values


def in_range(name: str, value: Any, low: float, high: float, *,
             low_open: bool = False, high_open: bool = False) -> np.ndarray:
    """A finite number in ``[low, high]``; ``low_open``/``high_open`` exclude an end.

    >>> in_range("places_per_1000", 1200, 0, 1000)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: places_per_1000=1200 is not allowed: expected a number in [0, 1000]
    >>> float(in_range("rate", -0.5, -1, float("inf"), low_open=True))
    -0.5
    """
    values = finite(name, value)
    too_low = values <= low if low_open else values < low
    too_high = values >= high if high_open else values > high
    allowed = f"a number in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    _reject_where(name, value, values, too_low | too_high, allowed)
    return values


def whole_number(name: str, value: Any, minimum: int = 0) -> np.ndarray:
    """A whole number >= ``minimum`` (years, counts of intervals, draws), as a float array.

    >>> whole_number("years", 2.5, minimum=1)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: years=2.5 is not allowed: expected a whole number >= 1
    """
    values = finite(name, value)
    _reject_where(name, value, values, (values != np.round(values)) | (values < minimum),
                  f"a whole number >= {minimum}")
    return values


def year_order(earlier_name: str, earlier: Any, later_name: str, later: Any, *, strict: bool = True) -> None:
    """Check that ``later`` comes after ``earlier`` (or not before, when ``strict`` is False).

    >>> year_order("base_year", 2020, "target_year", 2015)
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: target_year=2015 is not allowed: expected a year after base_year=2020
    """
    first = whole_number(earlier_name, earlier)
    last = whole_number(later_name, later)
    shape = np.broadcast_shapes(first.shape, last.shape)
    bad = np.broadcast_to(last <= first if strict else last < first, shape)
    shown = earlier if np.ndim(earlier) == 0 else "the matching element"
    relation = "after" if strict else "not before"
    _reject_where(later_name, later, np.broadcast_to(last, bad.shape), bad,
                  f"a year {relation} {earlier_name}={shown}")


def choice(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """``value`` when it is one of ``allowed``; the error lists every allowed value.

    >>> choice("method", "magic", ("escap", "unsd"))
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: method='magic' is not allowed: expected one of 'escap', 'unsd'
    """
    options = tuple(allowed)
    if value not in options:
        raise ParameterError(name, value, "one of " + ", ".join(repr(o) for o in options))
    return value


def comparator(name: str, value: Any) -> str:
    """A comparator of the vocabulary (``>=``, ``<=``, ``=``, ``~`` or empty); a missing one is empty.

    Tables read from CSV hold an empty comparator as NaN; it means "no bound word", i.e. ``""``.

    >>> comparator("comparator", float("nan")), comparator("comparator", "<=")
    ('', '<=')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return choice(name, value, COMPARATORS)


def columns(name: str, frame: Any, required: Iterable[str]) -> None:
    """Check that ``frame`` is a DataFrame holding every ``required`` column.

    >>> columns("figures", pd.DataFrame({"id": []}), ["id", "value"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: figures='a table without value' is not allowed: expected a DataFrame ...
    """
    needed = list(required)
    present = getattr(frame, "columns", None)
    if present is None:
        raise ParameterError(name, type(frame).__name__, "a DataFrame with columns " + ", ".join(needed))
    missing = [c for c in needed if c not in present]
    if missing:
        raise ParameterError(name, "a table without " + ", ".join(missing),
                             "a DataFrame with columns " + ", ".join(needed))


def unwrap(values: np.ndarray) -> float | np.ndarray:
    """A 0-d result as a Python float, anything else unchanged (scalars in, scalars out).

    >>> unwrap(np.asarray(2.0)), unwrap(np.asarray([2.0])).tolist()
    (2.0, [2.0])
    """
    values = np.asarray(values)
    return float(values) if values.ndim == 0 else values
