"""Report against report (issue 13): pairs from the manifest, facts matched and compared, verdicts per
pair; on small tables written here and on the five sources, with the expected results worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import figures_table
from hypothesis import given
from hypothesis import strategies as st

from planeval.data import load_indicators, load_sources
from planeval.methods import reports


def manifest(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "date", "event", "programme"])


def facts(*rows: dict) -> pd.DataFrame:
    return figures_table(*rows, year=2023)


# ------------------------------------------------------------------------------------------------
# Pairs

def test_pairs_come_from_the_event_and_programme_columns_not_from_ids():
    m = manifest(("p", "2022-07-13", "e1", "plan"), ("q", "2023-05-31", "e2", "plan"),
                 ("r", "2023-05-31", "e2", "plan"), ("s", "2022-07-20", "e3", "other"),
                 ("t", "2024", "e4", "other2"))
    assert reports.report_pairs(m) == [("p", "q", "same programme"), ("p", "r", "same programme"),
                                       ("q", "r", "same event")]
    # the same reports under other ids, and two sources that share only a programme and a date: no pair
    renamed = m.assign(id=["a1", "b2", "c3", "d4", "e5"])
    assert [x[2] for x in reports.report_pairs(renamed)] == ["same programme", "same programme", "same event"]
    same_day = manifest(("x", "2023-05-31", "e1", "plan"), ("y", "2023-05-31", "e2", "plan"))
    assert reports.report_pairs(same_day) == []


def test_the_manifest_pairs_the_two_press_conference_reports_and_the_programme():
    assert reports.report_pairs(load_sources()) == [("s000", "s001", "same programme"),
                                                    ("s000", "s002", "same programme"),
                                                    ("s001", "s002", "same event")]


# ------------------------------------------------------------------------------------------------
# Facts

def test_printed_unit_and_measure_wording():
    assert reports.printed_unit("机构养育孤儿基本生活保障标准提高到2585元/月,增幅达10%", "2585") == "元/月"
    assert reports.printed_unit("提高到2585元/人月", "2585") == "元/人月"
    assert reports.printed_unit("19.95亿元", "19.95") == "亿元"
    assert reports.printed_unit("no number here", "5") == ""
    assert reports.measure_wording("给予每月200元的经费补助") == "给予每月元经费补助"
    assert reports.measure_wording("给予每月200元") != reports.measure_wording("给予每生每月200元")


def _one(a: dict, b: dict) -> tuple[str, str]:
    return reports.compare_fact(facts(a).iloc[0], facts(b).iloc[0])[:2]


def test_what_differs_is_said_in_chinese_too():
    a = facts({"value": 2585.0, "unit": "yuan/person/month", "quote": "标准提高到2585元/月"}).iloc[0]
    b = facts({"value": 2585.0, "unit": "yuan/person/month", "quote": "标准提高到2585元/人月"}).iloc[0]
    assert reports.compare_fact(a, b)[2] == "印出单位 元/月 对 元/人月；措辞 “—” / “人”"
    c = facts({"value": 302.0, "unit": "persons", "quote": "302名"}).iloc[0]
    d = facts({"value": 304.0, "unit": "persons", "quote": "304名"}).iloc[0]
    assert reports.compare_fact(c, d)[1:] == ("302 vs 304 persons", "302 对 304人")
    assert reports.compare_fact(c, c)[2] == "数字、单位和措辞相同"


def test_the_same_figure_and_wording_agree_within_printed_precision():
    base = {"value": 62.91, "value_text": "62.91", "unit": "10k persons", "quote": "总人口62.91万人"}
    assert _one(base, base) == ("agree", "the same figure, unit and wording")
    rounded = {"value": 62.9, "value_text": "62.9", "unit": "10k persons", "quote": "总人口62.9万人"}
    assert _one(base, rounded)[0] == "agree"  # 62.91 rounds to 62.9


def test_a_different_printed_unit_or_wording_is_a_difference_in_wording():
    verdict, why = _one({"value": 2585.0, "unit": "yuan/person/month", "quote": "标准提高到2585元/月"},
                        {"value": 2585.0, "unit": "yuan/person/month", "quote": "标准提高到2585元/人月"})
    assert verdict == "differ in wording" and "printed unit 元/月 vs 元/人月" in why
    verdict, why = _one({"value": 200.0, "quote": "给予每月200元的经费补助"},
                        {"value": 200.0, "quote": "给予每生每月200元的经费补助"})
    assert verdict == "differ in wording" and "“—” / “每生”" in why
    verdict, why = _one({"value": 629100.0, "unit": "persons", "quote": "629100人"},
                        {"value": 62.91, "unit": "10k persons", "quote": "62.91万人"})
    assert verdict == "differ in wording" and "unit persons vs 10k persons" in why


def test_a_different_value_or_incomparable_units_differ_in_value():
    assert _one({"value": 302.0, "unit": "persons", "quote": "302名"},
                {"value": 304.0, "unit": "persons", "quote": "304名"}) == ("differ in value", "302 vs 304 persons")
    assert _one({"value": 3.0, "unit": "%", "quote": "3%"}, {"value": 3.0, "quote": "3个"})[0] == "differ in value"
    assert _one({"value": float("nan"), "quote": "**个"}, {"value": 3.0, "quote": "3个"})[0] == "differ in value"
    assert _one({"value": float("nan"), "quote": "**个"}, {"value": float("nan"), "quote": "**个"})[0] == "agree"


@given(st.floats(0.001, 1e6), st.integers(0, 3), st.integers(0, 3))
def test_two_roundings_of_one_value_always_agree(true, d1, d2):
    a, b = f"{true:.{d1}f}", f"{true:.{d2}f}"
    verdict, _ = _one({"value": float(a), "value_text": a, "quote": f"共{a}个"},
                      {"value": float(b), "value_text": b, "quote": f"共{b}个"})
    assert verdict == "agree"


def test_facts_are_matched_by_indicator_and_year_then_as_of_each_report_then_by_value():
    a = facts({"id": "a1", "source": "a", "indicator_zh": "督导员", "year": 2022, "value": 302.0,
               "quote": "302名督导员"},
              {"id": "a2", "source": "a", "indicator_zh": "标准", "year": 2021, "value": 2350.0, "quote": "2350元"},
              {"id": "a3", "source": "a", "indicator_zh": "学校数", "year": 2022, "value": 62.0,
               "quote": "建立教育集团62个"},
              {"id": "a4", "source": "a", "indicator_zh": "托位", "year": 2025, "value": 4.5, "quote": "托位4.5个"})
    b = facts({"id": "b1", "source": "b", "indicator_zh": "督导员", "year": 2023, "value": 304.0,
               "quote": "304名督导员"},
              {"id": "b2", "source": "b", "indicator_zh": "标准", "year": 2022, "value": 2585.0, "quote": "2585元"},
              {"id": "b3", "source": "b", "indicator_zh": "教育集团数", "year": 2022, "value": 62.0,
               "quote": "建立教育集团62个"},
              {"id": "b4", "source": "b", "indicator_zh": "托位", "year": 2025, "value": 4.5, "quote": "托位4.5个"})
    matched, only_a, only_b = reports.match_facts(a, b, 2022, 2023)
    assert [(x["id"], y["id"], how) for x, y, how in matched] == [
        ("a4", "b4", "indicator and year"), ("a1", "b1", "as of each report"), ("a3", "b3", "value and wording")]
    # the 2021 and 2022 standards are two facts (a series), not one fact reported twice
    assert [r["id"] for r in only_a] == ["a2"] and [r["id"] for r in only_b] == ["b2"]


def test_compare_reports_lists_every_fact_of_every_pair_with_a_verdict():
    m = manifest(("x", "2023-05-31", "e", "p"), ("y", "2023-05-31", "e", "p"))
    t = facts({"id": "x1", "source": "x", "indicator_zh": "托位", "value": 4.5, "quote": "托位达到4.5个"},
              {"id": "x2", "source": "x", "indicator_zh": "补助", "value": 200.0, "quote": "每月200元"},
              {"id": "x3", "source": "x", "indicator_zh": "入学率", "value": 95.0, "unit": "%", "quote": "95%"},
              {"id": "y1", "source": "y", "indicator_zh": "托位", "value": 4.5, "quote": "托位将达到4.5个"},
              {"id": "y2", "source": "y", "indicator_zh": "补助", "value": 200.0, "quote": "每生每月200元"},
              {"id": "y3", "source": "y", "indicator_zh": "城市数", "value": 40.0, "quote": "全国40个城市"})
    c = reports.compare_reports(t, m)
    assert list(c.columns) == list(reports.COMPARISON_COLUMNS)
    assert c[["indicator_zh", "row_a", "row_b", "verdict"]].values.tolist() == [
        ["托位", "x1", "y1", "agree"], ["补助", "x2", "y2", "differ in wording"],
        ["入学率", "x3", "", "only in x"], ["城市数", "", "y3", "only in y"]]
    s = reports.report_pairs_summary(c)
    assert s.drop(columns=["pair", "relation", "a", "b"]).values.tolist() == [[4, 2, 1, 1, 0, 1, 1,
                                                                               "differ in wording"]]
    # 5 would agree with 4.5 (a printed "5" allows 4.5–5.5); 5.5 does not
    worse = t.assign(value=[4.5, 200.0, 95.0, 5.5, 200.0, 40.0], value_text=["4.5", "200", "95", "5.5", "200", "40"])
    assert reports.report_pairs_summary(reports.compare_reports(worse, m))["verdict"].tolist() == ["differ in value"]


# ------------------------------------------------------------------------------------------------
# The five sources

@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    return reports.compare_reports(load_indicators(), load_sources())


def test_the_verdict_of_each_pair_of_reports(comparison):
    summary = reports.report_pairs_summary(comparison)
    # s001 has 34 rows, s002 35, s000 25; 28 facts are in both 31 May reports, 3 in s000 and each of them
    assert summary[["pair", "relation", "facts", "matched", "agree", "differ_in_wording", "differ_in_value",
                    "only_a", "only_b", "verdict"]].values.tolist() == [
        ["s000 / s001", "same programme", 56, 3, 0, 1, 2, 22, 31, "differ in value"],
        ["s000 / s002", "same programme", 57, 3, 0, 1, 2, 22, 32, "differ in value"],
        ["s001 / s002", "same event", 41, 28, 23, 5, 0, 6, 7, "differ in wording"],
    ]


def test_the_two_reports_of_the_press_conference(comparison):
    pair = comparison[comparison["pair"] == "s001 / s002"]
    wording = pair[pair["verdict"] == "differ in wording"]
    assert sorted(wording["row_a"]) == ["s001-029", "s001-030", "s001-031", "s001-032", "s001-033"]
    allowance = wording[wording["row_a"] == "s001-029"]["explanation"].iloc[0]
    assert "printed unit 元/月 vs 元/人月" in allowance and "“保障” / “费”" in allowance  # 生活保障标准 / 生活费标准
    subsidy = wording[wording["row_a"] == "s001-033"]["explanation"].iloc[0]
    assert "“—” / “每生”" in subsidy  # 每月200元 / 每生每月200元
    assert sorted(pair[pair["verdict"] == "only in s001"]["row_a"]) == [f"s001-0{n}" for n in range(14, 20)]
    assert sorted(pair[pair["verdict"] == "only in s002"]["row_b"]) == [
        "s002-001", "s002-002", "s002-003", "s002-030", "s002-031", "s002-032", "s002-033"]


def test_the_2022_and_2023_reports_of_the_programme(comparison):
    pair = comparison[(comparison["pair"] == "s000 / s001") & ~comparison["verdict"].str.startswith("only")]
    got = pair[["row_a", "row_b", "value_a", "value_b", "verdict"]].values.tolist()
    assert got == [["s000-020", "s001-027", 302.0, 304.0, "differ in value"],   # supervisors, as of each report
                   ["s000-016", "s001-026", 1.0, 1.0, "differ in wording"],     # 每人每年 / 每人每学年 1万元
                   ["s000-021", "s001-028", 2936.0, 2930.0, "differ in value"]]  # child directors
    grant = pair[pair["row_a"] == "s000-016"]["explanation"].iloc[0]
    assert "period 2022 vs 2023" in grant and "“—” / “学”" in grant
    # the allowance standards of 2021 (s000) and 2022 (s001) are a series: each is in one report only
    only = comparison[comparison["pair"] == "s000 / s001"]
    assert "s000-012" in set(only[only["verdict"] == "only in s000"]["row_a"])
    assert "s001-029" in set(only[only["verdict"] == "only in s001"]["row_b"])
