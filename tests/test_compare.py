"""Local targets against reference targets: direction, units and target years."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planeval.core.errors import ParameterError
from planeval.methods import compare
from planeval.methods.compare import compare_targets


@pytest.mark.parametrize(("local", "comparator", "reference", "verdict"), [
    (95, ">=", 90, "stricter"),   # pre-school enrolment: a higher floor asks for more
    (90, ">=", 90, "equal"),
    (85, ">=", 90, "looser"),
    (4.0, "<=", 5.0, "stricter"),  # infant mortality: a lower ceiling asks for more
    (5.0, "<=", 5.0, "equal"),
    (6.0, "<=", 5.0, "looser"),
])
def test_verdict_depends_on_direction(local, comparator, reference, verdict):
    result = compare_targets(local, "%", comparator, 2025, reference, "%", comparator, 2025)
    assert result.verdict == verdict
    assert result.caveat == ""


def test_units_are_converted_before_comparing():
    # 14 per 100k is 0.14‰; against a 0.12‰ ceiling it is looser
    result = compare_targets(14, "per 100k", "<=", 2025, 0.12, "‰", "<=", 2025)
    assert result.verdict == "looser"
    assert result.local_in_reference_unit == pytest.approx(0.14)
    assert compare_targets(0.3, "%", "<=", 2025, 3.0, "‰", "<=", 2025).verdict == "equal"


def test_incompatible_units_are_not_comparable_with_the_reason():
    result = compare_targets(90, "%", ">=", 2025, 4.5, "places per 1000 people", ">=", 2025)
    assert result.verdict == "not comparable"
    assert "'%'" in result.reason and "'places per 1000 people'" in result.reason
    assert math.isnan(result.local_in_reference_unit)


def test_opposite_or_missing_directions_are_not_comparable():
    opposite = compare_targets(5, "%", ">=", 2025, 5, "%", "<=", 2025)
    assert opposite.verdict == "not comparable"
    assert "floor" in opposite.reason and "ceiling" in opposite.reason
    neither = compare_targets(5, "%", "=", 2025, 5, "%", "~", 2025)
    assert neither.verdict == "not comparable"


def test_a_target_without_bound_word_takes_the_reference_direction():
    assert compare_targets(4.5, "places per 1000 people", "=", 2025, 4.5, "places per 1000 people", ">=",
                           2025).verdict == "equal"
    assert compare_targets(5, "places per 1000 people", "", 2025, 4.5, "places per 1000 people", ">=",
                           2025).verdict == "stricter"
    approximate = compare_targets(5, "%", "~", 2025, 4.5, "%", ">=", 2025)
    assert "approximate" in approximate.caveat


def test_different_target_years_are_reported_never_silently():
    # Qingzhen: maternal mortality ≤ 14/10万 by 2025; national outline: ≤ 12/10万 by 2030
    looser = compare_targets(14, "per 100k", "<=", 2025, 12, "per 100k", "<=", 2030)
    assert looser.verdict == "looser"
    assert "2025" in looser.caveat and "2030" in looser.caveat and "5 more year" in looser.caveat
    earlier_same = compare_targets(3.0, "‰", "<=", 2025, 3.0, "‰", "<=", 2030)
    assert earlier_same.verdict == "equal" and "earlier" in earlier_same.caveat
    later_stricter = compare_targets(2.0, "‰", "<=", 2035, 3.0, "‰", "<=", 2030)
    assert later_stricter.verdict == "stricter" and "offsetting" in later_stricter.caveat


def test_withheld_local_value_is_not_comparable():
    result = compare_targets(float("nan"), "%", ">=", 2025, 90, "%", ">=", 2025)
    assert result.verdict == "not comparable" and "withheld" in result.reason


def test_bad_arguments_raise_parameter_errors():
    with pytest.raises(ParameterError, match="local_comparator='>'"):
        compare_targets(5, "%", ">", 2025, 5, "%", ">=", 2025)
    with pytest.raises(ParameterError, match="reference_value=nan"):
        compare_targets(5, "%", ">=", 2025, float("nan"), "%", ">=", 2025)
    with pytest.raises(ParameterError, match="local_year=2025.5"):
        compare_targets(5, "%", ">=", 2025.5, 5, "%", ">=", 2025)


CHILDCARE = "每千人口拥有3岁以下婴幼儿托位数"


def _figures() -> pd.DataFrame:
    table = pd.DataFrame([
        ("q1", "qingzhen", "孕产妇死亡率", "target", 14.0, "per 100k", "<=", 2025),
        ("q2", "qingzhen", "学前教育毛入园率", "target", 95.0, "%", ">=", 2025),
        ("q3", "qingzhen", "学前教育毛入园率", "reported", 88.0, "%", "=", 2020),   # not a target
        ("p1", "province", CHILDCARE, "target", float("nan"), "places per 1000 people", ">=", 2025),
        ("h1", "harbin", "无参照指标", "target", 1.0, "count", ">=", 2025),        # no reference
    ], columns=["id", "region", "indicator_zh", "kind", "value", "unit", "comparator", "year"])
    table["indicator_en"] = "indicator"
    table["year"] = table["year"].astype("Int64")
    return table


def _reference() -> pd.DataFrame:
    return pd.DataFrame([
        ("孕产妇死亡率", "target", 12.0, "per 100k", "<=", 2030, "中国妇女发展纲要（2021—2030年）", "high"),
        ("学前教育毛入园率", "target", 90.0, "%", ">=", 2025, "\"十四五\"公共服务规划", "medium"),
        ("学前教育毛入园率", "reported", 85.2, "%", "=", 2020, "统计监测报告", "high"),
        (CHILDCARE, "target", 4.5, "places per 1000 people", ">=", 2025, "规划", "low"),
    ], columns=["indicator_zh", "kind", "value", "unit", "comparator", "year", "document", "confidence"])


def test_compare_frame_matches_local_targets_with_reference_targets():
    frame = compare.compare_frame(_figures(), _reference())
    assert list(frame.columns) == list(compare.COMPARISON_COLUMNS)
    rows = frame.set_index("local_id")
    assert sorted(rows.index) == ["p1", "q1", "q2"]
    assert rows.loc["q1", "verdict"] == "looser" and "2030" in rows.loc["q1", "caveat"]
    assert rows.loc["q2", "verdict"] == "stricter" and rows.loc["q2", "reference_value"] == 90.0
    assert rows.loc["p1", "verdict"] == "not comparable"
    assert "low confidence" in rows.loc["p1", "caveat"]


def test_compare_frame_requires_the_columns():
    with pytest.raises(ParameterError, match="reference="):
        compare.compare_frame(_figures(), pd.DataFrame({"indicator_zh": []}))
