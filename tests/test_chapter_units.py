"""Each chapter module's functions on small frames written here, with the values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import figures_table

from planeval.chapters import childcare, harbin_services, orphan_allowance, progress, qingzhen_baseline, sources
from planeval.chapters import targets as targets_chapter
from planeval.methods import progress as methods


def _figures(*rows: dict) -> pd.DataFrame:
    return figures_table(*rows, id="", comparator="", value=math.nan, value_text="")


# ---------------------------------------------------------------------------------------------- sources

def test_figures_by_source_and_kind_count_zeros_and_withheld_values():
    figures = _figures({"id": "a", "kind": "target"}, {"id": "b", "kind": "target", "status": "withheld"},
                       {"id": "c", "source": "s002"})
    table = sources.kinds_by_source(figures).set_index("source")
    # s001: two targets (one withheld), nothing else; s002: one reported figure
    assert table.loc["s001", ["target", "reported", "baseline", "claim", "total", "withheld"]].tolist() == [
        2, 0, 0, 0, 2, 1]
    assert table.loc["s002", ["target", "reported", "total", "withheld"]].tolist() == [0, 1, 1, 0]


def test_a_pattern_that_is_not_a_regular_expression_is_refused_by_name():
    from planeval.core.errors import ParameterError

    with pytest.raises(ParameterError, match=r"flag_words='\(' is not allowed: expected a regular expression"):
        sources.flagged(_figures({"id": "a", "notes": "OCR"}), "(")


# ---------------------------------------------------------------------------------------------- targets

def test_verdict_counts_keep_every_verdict():
    comparison = pd.DataFrame({"region": ["harbin", "qingzhen", "qingzhen"],
                               "verdict": ["equal", "looser", "stricter"]})
    table = targets_chapter.verdict_counts(comparison).set_index("region")
    assert table.loc["qingzhen"].tolist() == [1, 0, 1, 0, 2]  # stricter, equal, looser, not comparable, total
    assert table.loc["harbin"].tolist() == [0, 1, 0, 0, 1]


# --------------------------------------------------------------------------------------------- childcare

def test_places_needed_and_the_scenario_by_hand():
    places = childcare.places_needed_table({"x": (1_000_000, "test")}, 4.5, 2025)
    assert places["places_needed"].tolist() == [4500.0]  # 1,000,000 × 4.5 / 1000
    scenario = childcare.scenario_table("x", 1_000_000, 4.5, 2000, 2021, 2025, 0.8, 200).iloc[0]
    assert scenario["gap"] == 2500.0  # 4500 − 2000
    # (4500 / 2000) ** (1/4) − 1 = 2.25 ** 0.25 − 1 = 0.2247449 → 22.47 %
    assert scenario["annual_growth_required_pct"] == 22.47
    assert scenario["yearly_subsidy_cost_yuan"] == 8_640_000  # 4500 × 0.8 × 200 × 12


def test_growth_seen_and_growth_required_by_hand():
    series = pd.DataFrame({"year": [2022, 2024], "value": [2.5, 4.0], "confidence": ["high", "high"]})
    table = childcare.required_versus_actual(series, 4.5, 2025)
    # seen: (4.0 / 2.5) ** (1/2) − 1 = 0.264911 → 26.49 %; required from 2022: (4.5/2.5) ** (1/3) − 1 = 0.216440
    assert table["actual_growth_pct"].iloc[1] == 26.49 and math.isnan(table["actual_growth_pct"].iloc[0])
    assert table["required_growth_pct"].tolist() == [21.64, 12.5]  # from 2024: 4.5 / 4.0 − 1 = 0.125


# ------------------------------------------------------------------------------------ orphan allowances

def test_a_stated_increase_implies_the_standard_before():
    figures = _figures(
        {"id": "a", "indicator_zh": "机构养育孤儿基本生活费标准", "value": 2585.0, "value_text": "2585",
         "unit": "yuan/person/month", "year": 2022},
        {"id": "b", "indicator_zh": "机构养育孤儿基本生活费标准增幅", "value": 10.0, "value_text": "10", "unit": "%",
         "year": 2022})
    series = orphan_allowance.series(figures)
    implied = series[series["status"] == "implied"].iloc[0]
    assert (implied["year"], implied["value"]) == (2021, 2350.0)  # 2585 / 1.10 = 2350.0


def test_two_sources_disagreeing_on_a_year_are_both_kept():
    figures = _figures(
        {"id": "a", "indicator_zh": "散居孤儿基本生活费标准", "value": 2255.0, "value_text": "2255",
         "unit": "yuan/person/month", "released": "2023-05-31"},
        {"id": "b", "source": "s002", "indicator_zh": "散居孤儿基本生活费标准", "value": 2250.0, "value_text": "2250",
         "unit": "yuan/person/month", "released": "2023-06-01"})
    found = orphan_allowance.conflicts(figures)
    assert dict(zip(found["id"], found["used"], strict=True)) == {
        "b": "used", "a": "not used: b (2250) taken by later release"}


# ------------------------------------------------------------------------------------------- progress

def test_the_roll_up_counts_by_hand():
    assessed = pd.DataFrame({"method": "opensdg", "domain": ["health"] * 5,
                             "status": [methods.ACHIEVED, methods.ON_TRACK, methods.LIMITED, methods.INSUFFICIENT,
                                        progress.NO_LOCAL_SERIES]})
    row = progress.rollup(assessed, "local").iloc[0]
    counts = ["targets", "assessed", "achieved", "on_track", "off_track", "not_judged"]
    assert row[counts].tolist() == [5, 3, 1, 1, 1, 2]
    assert row["share_on_track"] == pytest.approx(2 / 3)


def test_a_local_target_without_observations_shows_the_national_context():
    figures = _figures({"id": "t", "region": "qingzhen", "domain": "health", "indicator_zh": "孕产妇死亡率",
                        "indicator_en": "Maternal mortality ratio", "kind": "target", "value": 14.0,
                        "unit": "per 100k", "comparator": "<=", "year": 2025, "value_text": "14"})
    observations = pd.DataFrame(columns=["id", "indicator_zh", "region", "year", "value", "unit", "confidence",
                                         "document"])
    national = pd.DataFrame({"indicator_zh": ["孕产妇死亡率"], "status": [methods.ON_TRACK]})
    comparison = pd.DataFrame({"local_id": ["t"], "verdict": ["looser"]})
    row = progress.assess_local(figures, observations, national, comparison, "opensdg", {}).iloc[0]
    assert (row["status"], row["national_status"], row["versus_national"]) == (
        progress.NO_LOCAL_SERIES, methods.ON_TRACK, "looser")
    assert row["n_observations"] == 0


def test_time_weighting_is_escaps_alone():
    assert progress.method_options("escap", True) == {"time_weighted": True}
    assert progress.method_options("unsd", True) == {}


# ------------------------------------------------------------------------------------ Qingzhen, Harbin

def test_four_intervals_between_2016_and_2020():
    figures = _figures(
        {"id": "a", "source": "s003", "region": "qingzhen", "indicator_zh": "城镇居民人均可支配收入", "value": 28600.0,
         "unit": "yuan/person/year", "year": 2016},
        {"id": "b", "source": "s003", "region": "qingzhen", "indicator_zh": "城镇居民人均可支配收入", "value": 39307.0,
         "unit": "yuan/person/year", "year": 2020})
    row = qingzhen_baseline._growth_rows(figures, {"urban": "城镇居民人均可支配收入"}).iloc[0]
    assert row["intervals"] == 4 and row["average_increment"] == 2676.75  # (39307 − 28600) / 4
    assert row["total_change_pct"] == 37.44  # 10707 / 28600 = 0.374371


def test_a_ratio_of_two_printed_figures_by_hand():
    figures = _figures(
        {"id": "n", "indicator_zh": "学生资助资金(3年累计)", "value": 2.1, "unit": "100m yuan"},
        {"id": "d", "indicator_zh": "受资助学生人数(3年累计)", "value": 14.8, "unit": "10k persons"})
    ratios = pd.DataFrame([{"ratio_zh": "每人", "ratio_en": "per student", "numerator": "学生资助资金(3年累计)",
                            "denominator": "受资助学生人数(3年累计)", "unit": "yuan/person", "kind": "reported"}])
    row = harbin_services.derived_ratios(figures, ratios).iloc[0]
    assert row["value"] == 1418.9  # 2.1e8 / 1.48e5 = 1418.92
    assert (row["numerator"], row["numerator_zh"]) == ("2.1 100m yuan (n)", "2.1亿元（n）")
    assert (row["denominator"], row["denominator_zh"]) == ("14.8 10k persons (d)", "14.8万人（d）")
