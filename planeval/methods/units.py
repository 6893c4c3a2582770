"""Conversion between the units of the figures table, and refusal to compare what cannot be compared.

Units come from :data:`planeval.data.vocab.UNITS`: each unit belongs to a dimension and carries the factor
that takes a printed value to the dimension's base (``62.91`` in ``10k persons`` is 629,100 persons;
``3.0`` in ``‰`` is the fraction 0.003). Two units convert into each other only within one
dimension; ``%`` (a share) and ``percentage points`` (a change of a share) are different dimensions on
purpose, as are ``‰`` and ``places per 1000 people``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from planeval.core.errors import PlanevalError
from planeval.core.validate import as_floats, choice, unwrap
from planeval.data.vocab import UNITS


class UnitError(PlanevalError):
    """Two units of different dimensions were to be compared or converted.

    >>> raise UnitError("10k persons", "%")
    Traceback (most recent call last):
    ...
    planeval.methods.units.UnitError: cannot compare '10k persons' (dimension persons) with '%' (dimension ...
    """

    def __init__(self, first: str, second: str):
        self.first, self.second = first, second
        super().__init__(f"cannot compare {first!r} (dimension {dimension(first)}) with {second!r} "
                         f"(dimension {dimension(second)}): the dimensions differ")


def dimension(unit: str) -> str:
    """The dimension a unit measures; an unknown unit is a ParameterError listing the vocabulary.

    >>> dimension("100m yuan"), dimension("‰")
    ('yuan', 'proportion')
    """
    return UNITS[choice("unit", unit, UNITS)][0]


def factor(unit: str) -> float:
    """Multiplier from a printed value in ``unit`` to the dimension's base unit.

    >>> factor("10k persons"), factor("per 100k")
    (10000.0, 1e-05)
    """
    return UNITS[choice("unit", unit, UNITS)][1]


def compatible(first: str, second: str) -> bool:
    """True when values in the two units can be converted into each other.

    >>> compatible("%", "‰"), compatible("%", "percentage points")
    (True, False)
    """
    return dimension(first) == dimension(second)


def require_compatible(first: str, second: str) -> None:
    """Raise :class:`UnitError` unless the two units share a dimension.

    >>> require_compatible("yuan", "100m yuan")
    >>> require_compatible("yuan/person/month", "yuan/person/year")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.methods.units.UnitError: cannot compare 'yuan/person/month' (...) with 'yuan/person/year' (...): ...
    """
    if not compatible(first, second):
        raise UnitError(first, second)


def to_base(value: Any, unit: str) -> float | np.ndarray:
    """Value in the dimension's base unit: ``value × factor(unit)``.

    NaN passes through (a withheld value stays missing); scalars in, scalars out.

    >>> to_base(62.91, "10k persons")
    629100.0
    """
    return unwrap(as_floats("value", value) * factor(unit))


def convert(value: Any, from_unit: str, to_unit: str) -> float | np.ndarray:
    """Value re-expressed in another unit of the same dimension: ``value × f_from / f_to``.

    >>> convert(148697, "100m yuan", "10k yuan")
    1486970000.0
    >>> round(convert(3.0, "‰", "%"), 12)
    0.3
    >>> convert(1, "%", "percentage points")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.methods.units.UnitError: cannot compare '%' (dimension proportion) with 'percentage points' (...
    """
    require_compatible(from_unit, to_unit)
    values = as_floats("value", value)
    if from_unit == to_unit:
        return unwrap(values)
    return unwrap(values * (factor(from_unit) / factor(to_unit)))


def units_of(dimension_name: str) -> tuple[str, ...]:
    """Every unit of the vocabulary in one dimension, smallest factor first.

    >>> units_of("yuan")
    ('yuan', '10k yuan', '100m yuan')
    """
    return tuple(sorted((u for u, (d, _) in UNITS.items() if d == dimension_name), key=lambda u: UNITS[u][1]))
