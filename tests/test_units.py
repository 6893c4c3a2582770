"""Unit conversion: multipliers, proportions, and refusal to compare different dimensions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planeval.core.errors import ParameterError, PlanevalError
from planeval.data.vocab import UNITS
from planeval.methods import units
from planeval.methods.units import UnitError


@pytest.mark.parametrize(("value", "from_unit", "to_unit", "expected"), [
    (62.91, "10k persons", "persons", 629_100),             # 62.91万人 (Qingzhen, 2020)
    (148697, "100m yuan", "10k yuan", 1_486_970_000),        # 1 亿 = 10,000 万
    (19.95, "100m yuan", "yuan", 1_995_000_000),
    (3.0, "‰", "%", 0.3),                                    # per mille to percent
    (14, "per 100k", "‰", 0.14),                             # 14/10万 = 0.14‰
    (14, "per 100k", "per 10k", 1.4),
    (47.3, "%", "‰", 473),
    (1, "km2", "m2", 1_000_000),
    (2, "hours", "minutes", 120),
    (1.5, "10k yuan/person/year", "yuan/person/year", 15_000),
])
def test_convert_worked_by_hand(value, from_unit, to_unit, expected):
    assert math.isclose(units.convert(value, from_unit, to_unit), expected, rel_tol=1e-12)


def test_to_base_multiplies_by_the_unit_factor():
    assert units.to_base(62.91, "10k persons") == pytest.approx(629_100)
    assert units.to_base(3.0, "‰") == pytest.approx(0.003)


def test_incompatible_units_raise_unit_error_naming_both_units_and_dimensions():
    with pytest.raises(UnitError) as caught:
        units.convert(5, "10k persons", "%")
    message = str(caught.value)
    for word in ("'10k persons'", "persons", "'%'", "proportion"):
        assert word in message
    assert isinstance(caught.value, PlanevalError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("first", "second"), [
    ("%", "percentage points"),                  # a share is not a change of a share
    ("‰", "places per 1000 people"),             # a rate is not a density of services
    ("yuan/person/month", "yuan/person/year"),   # periods differ
    ("count", "persons"),
])
def test_look_alike_units_are_not_compatible(first, second):
    assert not units.compatible(first, second)
    with pytest.raises(UnitError):
        units.require_compatible(first, second)


def test_unknown_unit_is_a_parameter_error_listing_the_vocabulary():
    with pytest.raises(ParameterError, match=r"unit='kg' is not allowed: expected one of .*'10k persons'"):
        units.convert(1, "kg", "persons")


def test_arrays_convert_elementwise_and_missing_values_stay_missing():
    out = units.convert(np.array([1.0, np.nan, 2.5]), "100m yuan", "10k yuan")
    assert out[0] == 10_000 and np.isnan(out[1]) and out[2] == 25_000


def test_units_of_lists_a_dimension_smallest_first():
    assert units.units_of("persons") == ("persons", "10k persons")
    assert set(units.units_of("proportion")) == {"%", "‰", "per 10k", "per 100k"}


compatible_pairs = [(a, b) for a in UNITS for b in UNITS if units.compatible(a, b)]


@given(st.sampled_from(compatible_pairs), st.floats(-1e9, 1e9, allow_nan=False))
def test_conversion_round_trips(pair, value):
    there = units.convert(value, *pair)
    assert math.isclose(units.convert(there, pair[1], pair[0]), value, rel_tol=1e-12, abs_tol=1e-9)
