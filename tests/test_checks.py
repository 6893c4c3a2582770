"""Consistency checks: recomputations at the printed precision, magnitudes, disagreements, withheld."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import figures_table
from hypothesis import given
from hypothesis import strategies as st

from planeval.core.errors import ParameterError
from planeval.methods import checks
from planeval.methods.checks import Finding


def figures(*rows: dict) -> pd.DataFrame:
    """A figures table from partial rows: unspecified columns get neutral values."""
    return figures_table(*rows)


@pytest.mark.parametrize(("text", "expected"), [
    ("36.7", 0.05), ("10", 0.5), ("31.28", 0.005), ("2,350", 0.5), ("１２", 0.5), ("0.125", 0.0005),
    ("十五", 0.5), ("3.0", 0.05),
])
def test_half_unit_of_the_last_printed_digit(text, expected):
    assert checks.half_unit(text) == pytest.approx(expected)


def test_half_unit_refuses_withheld_values():
    with pytest.raises(ParameterError, match=r"value_text='\*\*'"):
        checks.half_unit("**")


def test_harbin_increases_pass_at_their_printed_precision():
    # s001: 2350 → 2585 "增幅达10%"; 1650 → 2255 "增幅达36.7%"
    ten = checks.check_increase(2350, 2585, 10, "10", ("s001-a", "s001-b"))
    assert (ten.status, ten.rows, ten.stated) == ("pass", ("s001-a", "s001-b"), 10.0)
    assert ten.expected == pytest.approx(10.0)
    thirty_six = checks.check_increase(1650, 2255, 36.7, "36.7")
    assert thirty_six.status == "pass"
    assert thirty_six.expected == pytest.approx(36.6667, abs=1e-4)
    assert "±0.05" in thirty_six.explanation


def test_increase_grades_by_distance_in_units_of_the_last_digit():
    assert checks.check_increase(1650, 2255, 36.6, "36.6").status == "warn"  # truncated, not rounded
    assert checks.check_increase(1650, 2255, 36.8, "36.8").status == "fail"
    assert checks.check_increase(1650, 2255, 37, "37").status == "pass"     # printed to whole percent


def test_increase_precision_follows_the_text_not_the_float():
    # "10.0" claims a tenth (±0.05), "10" a whole percent (±0.5): +10.08% warns for one, passes the other
    assert checks.check_increase(100, 110.08, 10.0, "10.0").status == "warn"
    assert checks.check_increase(100, 110.08, 10.0, "10").status == "pass"
    assert checks.check_increase(100, 110.2, 10.0, "10.0").status == "fail"


def test_share_of_a_whole_and_the_wan_yi_slip():
    # s003: women 29.74万 of 62.91万 people, "占总人口的47.3%"
    assert checks.check_share(29.74, 62.91, 47.3, "47.3").status == "pass"
    # s003: education spending 142818万元 "占当年财政支出的31.28%" of spending printed as 456636亿元
    slip = checks.check_share(142818, 456636, 31.28, "31.28", ("s003-edu", "s003-spend"),
                              part_unit="10k yuan", whole_unit="100m yuan")
    assert slip.status == "fail" and "10^4" in slip.explanation
    assert slip.expected == pytest.approx(142818 / 456636 / 1e4 * 100)
    fixed = checks.check_share(142818, 456636, 31.28, "31.28", part_unit="10k yuan", whole_unit="10k yuan")
    assert fixed.status == "pass"


def test_average_recomputed():
    assert checks.check_average([29.74, 33.17], 31.455, "31.455").status == "pass"
    assert checks.check_average([1, 2], 2, "2").status == "pass"    # 1.5 printed as a whole number
    assert checks.check_average([1, 2], 1.6, "1.6").status == "warn"
    assert checks.check_average([1, 2], 3, "3").status == "fail"


def test_qingzhen_average_increment_detected_as_divided_by_five():
    found = checks.check_average_increment(28600, 39307, 2016, 2020, 2141.4, "2141.4",
                                           ("s003-inc16", "s003-inc20", "s003-avg"))
    assert found.status == "warn"
    assert found.expected == 2676.75
    assert found.stated == 2141.4
    assert "divided by 5 instead of 4" in found.explanation
    assert found.rows == ("s003-inc16", "s003-inc20", "s003-avg")
    assert checks.check_average_increment(12611, 18270, 2016, 2020, 1131.8, "1131.8").status == "warn"
    assert checks.check_average_increment(28600, 39307, 2016, 2020, 2676.8, "2676.8").status == "pass"
    assert checks.check_average_increment(28600, 39307, 2016, 2020, 1000.0, "1000.0").status == "fail"


def test_qingzhen_budget_in_yi_yuan_is_implausible():
    # "公共财政预算收入从2016年的148697亿元增加到2020年的185783亿元" (s003)
    for value in (148697, 185783):
        found = checks.check_magnitude(value, "100m yuan", "qingzhen", ("s003-x",))
        assert found.status == "fail"
        assert "10k yuan" in found.explanation and "1e+12" in found.explanation
    assert checks.check_magnitude(62.91, "10k persons", "qingzhen").status == "pass"
    assert checks.check_magnitude(19.95, "100m yuan", "harbin").status == "pass"
    assert checks.check_magnitude(-3, "persons", "harbin").status == "fail"
    assert checks.check_magnitude(2585, "yuan/person/month", "harbin").status == "pass"
    assert checks.check_magnitude(36.7, "%", "harbin") is None  # shares are not bounded here


def test_magnitude_limits_can_be_supplied():
    tight = {"harbin": {"persons": 10.0}}
    assert checks.check_magnitude(11, "persons", "harbin", limits=tight).status == "fail"


def test_disagreements_between_sources():
    table = figures(
        {"id": "a", "source": "s000", "indicator_zh": "督导员", "value": 120.0, "unit": "persons"},
        {"id": "b", "source": "s001", "indicator_zh": "督导员", "value": 150.0, "unit": "persons"},
        {"id": "c", "source": "s001", "indicator_zh": "托位数", "value": 4.5, "unit": "count"},
        {"id": "d", "source": "s002", "indicator_zh": "托位数", "value": 4.5, "unit": "count"},
        {"id": "e", "source": "s002", "indicator_zh": "人口", "value": 62.91, "unit": "10k persons"},
        {"id": "f", "source": "s003", "indicator_zh": "人口", "value": 629100.0, "unit": "persons"},
        {"id": "g", "source": "s001", "indicator_zh": "混合", "value": 3.0, "unit": "%"},
        {"id": "h", "source": "s002", "indicator_zh": "混合", "value": 3.0, "unit": "count"},
        {"id": "i", "source": "s001", "indicator_zh": "同源", "value": 1.0},
        {"id": "j", "source": "s001", "indicator_zh": "同源", "value": 2.0},
        {"id": "k", "source": "s001", "indicator_zh": "无年", "value": 1.0, "year": None},
        {"id": "l", "source": "s002", "indicator_zh": "无年", "value": 2.0, "year": None},
    )
    by_rows = {f.rows: f for f in checks.check_disagreements(table)}
    assert by_rows[("a", "b")].status == "fail" and "disagree" in by_rows[("a", "b")].explanation
    assert by_rows[("c", "d")].status == "pass"
    assert by_rows[("e", "f")].status == "pass"          # 62.91万 = 629,100 after conversion
    assert by_rows[("g", "h")].status == "warn"          # % and count cannot be compared
    assert ("i", "j") not in by_rows                     # one source: not a disagreement between sources
    assert ("k", "l") not in by_rows                     # no year: not the same fact
    assert set(by_rows) == {("a", "b"), ("c", "d"), ("e", "f"), ("g", "h")}


def test_disagreement_tolerance_is_the_printed_precision():
    close = figures({"id": "a", "source": "s001", "value": 36.7, "value_text": "36.7", "unit": "%"},
                    {"id": "b", "source": "s002", "value": 37.0, "value_text": "37", "unit": "%"})
    assert checks.check_disagreements(close)[0].status == "pass"  # "37" allows ±0.5
    rounded = figures({"id": "a", "source": "s002", "value": 62.91, "value_text": "62.91"},
                      {"id": "b", "source": "s003", "value": 62.9, "value_text": "62.9"})
    assert checks.check_disagreements(rounded)[0].status == "pass"  # 62.91 rounds to 62.9
    apart = figures({"id": "a", "source": "s001", "value": 36.7, "value_text": "36.7", "unit": "%"},
                    {"id": "b", "source": "s002", "value": 36.9, "value_text": "36.9", "unit": "%"})
    assert checks.check_disagreements(apart)[0].status == "fail"


def test_withheld_values_are_counted_as_warnings():
    table = figures({"id": "p1", "source": "s004", "value": float("nan"), "status": "withheld"},
                    {"id": "p2", "source": "s004", "value": float("nan"), "status": "withheld"},
                    {"id": "p3", "source": "s004", "value": 5.0})
    found = checks.check_withheld(table)
    assert [(f.status, f.rows) for f in found] == [("warn", ("p1",)), ("warn", ("p2",))]
    assert "**" in found[0].explanation


def test_run_table_checks_covers_magnitudes_disagreements_and_withheld():
    table = figures(
        {"id": "q1", "source": "s003", "region": "qingzhen", "value": 148697.0, "unit": "100m yuan",
         "year": 2016},
        {"id": "a", "source": "s000", "indicator_zh": "儿童督导员", "value": 120.0, "unit": "persons"},
        {"id": "b", "source": "s001", "indicator_zh": "儿童督导员", "value": 150.0, "unit": "persons"},
        {"id": "w", "source": "s004", "value": float("nan"), "status": "withheld"},
    )
    found = checks.run_table_checks(table)
    kinds = {(f.check, f.status, f.rows) for f in found}
    assert ("magnitude", "fail", ("q1",)) in kinds
    assert ("disagreement", "fail", ("a", "b")) in kinds
    assert ("withheld", "warn", ("w",)) in kinds
    assert checks.summary(found)["fail"] == 2


def test_findings_frame_has_the_documented_columns():
    frame = checks.findings_frame([
        checks.check_increase(2350, 2585, 10, "10", ("a", "b")),
        Finding("withheld", "warn", ("w",), None, None, "withheld."),
    ])
    # issue 13: the findings name their id, cause and rule, after the six columns they always had; issue 16:
    # then the explanation in Chinese
    assert list(frame.columns) == ["check", "status", "rows", "stated", "expected", "explanation", "id", "cause",
                                   "rule", "explanation_zh"]
    assert frame["explanation_zh"].tolist() == [
        "2,350 → 2,585 的变化为 +10.0000%；原文为 10%（±0.5）：在印出精度内一致。", ""]
    assert frame["rows"].tolist() == ["a, b", "w"]
    assert frame["stated"].iloc[0] == 10 and math.isnan(frame["expected"].iloc[1])
    assert checks.findings_frame([]).columns.tolist() == list(checks.FINDING_COLUMNS)


def test_table_checks_require_the_figures_columns():
    with pytest.raises(ParameterError, match="figures="):
        checks.run_table_checks(pd.DataFrame({"id": ["a"]}))


def test_finding_refuses_an_unknown_status():
    with pytest.raises(ParameterError, match="status='ok'"):
        Finding("increase", "ok", (), None, None, "")


@given(st.floats(1, 1e6), st.floats(-90, 500), st.integers(0, 3))
def test_a_correctly_rounded_increase_always_passes(before, pct, decimals):
    after = before * (1 + pct / 100)
    printed = f"{round(checks.check_increase(before, after, 0, '0').expected, decimals):.{decimals}f}"
    assert checks.check_increase(before, after, float(printed), printed).status == "pass"
