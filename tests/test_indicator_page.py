"""An indicator's page computes exactly its rows: a hand-picked indicator (childcare places per 1,000
people) against the rows read off the figures table, the observations and the national reference by hand;
the grouping of its answers; the chart's target markers; and the refusals of an unknown indicator."""

from __future__ import annotations

import pandas as pd
import pytest

from planeval.chapters import indicator
from planeval.core.errors import ParameterError
from planeval.data.catalogue import load_catalogue
from planeval.report.plotting import describe_indicator, target_marks

CHILDCARE = "childcare-places-for-children-under-3-per-1000-people"


@pytest.fixture(scope="module")
def childcare():
    return indicator.compute(CHILDCARE)


def test_the_childcare_page_has_exactly_its_targets(childcare):
    # Read off data/indicators.csv by hand: Harbin's plan (s001) and its report (s002) both print 4.5 by
    # 2025, Qingzhen's plan (s003) 4.5, and Guizhou's provincial plan (s004) prints "*" (withheld).
    targets = childcare["targets"]
    assert targets[["id", "source", "region", "year", "status"]].values.tolist() == [
        ["s001-034", "s001", "harbin", 2025, "stated"],
        ["s002-035", "s002", "harbin", 2025, "stated"],
        ["s003-543", "s003", "qingzhen", 2025, "stated"],
        ["s004-014", "s004", "province", 2025, "withheld"],
    ]
    assert targets["value"].tolist()[:3] == [4.5, 4.5, 4.5] and pd.isna(targets.loc[3, "value"])
    assert targets.loc[3, "quote"] == "每千人拥有3岁以下婴幼儿托位数达*个"
    national = childcare["national_targets"]
    assert national[["value", "year", "comparator"]].values.tolist() == [[4.5, 2025, ">="]]


def test_the_childcare_page_has_the_national_series_with_sentences(childcare):
    observed = childcare["observations"]
    assert set(observed["region"]) == {"national"}
    assert observed[["year", "value"]].values.tolist() == [[2020, 1.8], [2021, 2.03], [2022, 2.57], [2023, 3.38],
                                                           [2024, 4.08]]
    # Each value is in its own sentence (the 2023 one is derived: 4.08 less the stated increase of 0.7).
    for row in observed.itertuples():
        assert f"{row.value:g}" in row.sentence or row.year == 2023
    assert "增加0.7个" in observed.loc[3, "sentence"] and observed.loc[3, "confidence"] == "low"
    assert childcare["series"][["year", "value"]].values.tolist() == observed[["year", "value"]].values.tolist()


def test_the_childcare_page_assesses_the_national_target_and_no_local_one(childcare):
    progress = childcare["progress"]
    national = progress[progress["region"] == "national"]
    assert sorted(national["method"]) == ["escap", "linear", "opensdg", "unsd"]
    assert set(national["base_value"]) == {1.8} and set(national["latest_value"]) == {4.08}
    assert set(national["status"]) == {"on track"}
    local = progress[progress["region"] != "national"]
    assert set(local["status"]) == {"no local series"}
    shown, sentence = indicator.unassessed(progress)
    assert set(progress[shown]["region"]) == {"national"}
    assert "哈尔滨、清镇" in sentence and "Harbin, Qingzhen" in sentence


def test_the_childcare_page_compares_each_local_target_with_the_national_one(childcare):
    comparison = childcare["comparison"].set_index("local_id")["verdict"].to_dict()
    assert comparison == {"s001-034": "equal", "s002-035": "equal", "s003-543": "equal",
                          "s004-014": "not comparable"}


def test_the_childcare_answers_name_each_place_once(childcare):
    zh = [s.zh for s in childcare.answers]
    assert zh[0] == ("目标：哈尔滨4.5（2025年，s001、s002）；清镇4.5（2025年，s003）；"
                     "省级（贵州）（未公布数值）（2025年，s004）；全国4.5（2025年）。")
    assert zh[1] == "最近的观测：全国4.08（2024年，可信度高）。"
    assert "全国目标4.5（2025年）按Open SDG方法：按期可达（2020–2024年，1.8→4.08）。" in zh
    assert "哈尔滨、清镇目标4.5（2025年）按Open SDG方法：无本地数据。" in zh
    assert "与国家目标相比：哈尔滨、清镇4.5对全国4.5，相同。" in zh


def test_the_childcare_page_lists_the_findings_about_its_rows(childcare):
    findings = childcare["findings"]
    # The two Harbin documents agree (a pass) and the province withholds its value (a warning).
    assert findings[["check", "status", "rows"]].values.tolist() == [
        ["disagreement", "pass", "s001-034, s002-035"], ["withheld", "warn", "s004-014"]]


def test_the_rows_download_holds_every_row_the_page_shows(childcare):
    rows = childcare["rows"]
    assert rows.groupby("table").size().to_dict() == {"observations": 5, "targets": 4}
    assert childcare["about"].loc[0, "chapters"] == "02_targets, 06_progress, 03_childcare"


def test_the_chart_series_is_in_the_catalogue_unit():
    # Heilongjiang's 2020 census count is printed in persons (31850088), its later years in 10k persons.
    series = indicator.compute("resident-population")["series"]
    assert set(series["unit"]) == {"10k persons"}
    heilongjiang = series[series["region"] == "heilongjiang"].set_index("year")["value"]
    assert heilongjiang[2020] == pytest.approx(3185.0088) and heilongjiang[2022] == 3099
    mixed = pd.DataFrame({"region": ["a", "a", "a"], "year": [2020, 2021, 2022], "value": [5.0, 0.4, 3.0],
                          "unit": ["‰", "%", "persons"]})
    assert indicator.series_in_unit(mixed, "‰")[["year", "value"]].values.tolist() == [[2020, 5.0], [2021, 4.0]]


def test_an_indicator_without_observations_says_so():
    catalogue = load_catalogue()
    quiet = catalogue.loc[catalogue["id"] == "15-minute-fitness-circle-sports-facilities-within-15-minutes"]
    chapter = indicator.compute(quiet["id"].iloc[0])
    assert chapter["observations"].empty and chapter["series"].empty
    assert list(chapter["series"].columns) == ["region", "year", "value", "unit"]  # the catalogue reads them
    assert chapter.answers[1].zh == "观测表中没有该指标的观测值，因此无法衡量进展。"


def test_each_page_links_the_chapters_that_treat_its_indicator():
    expected = {"每千人口拥有3岁以下婴幼儿托位数": ["03_childcare"],
                "散居孤儿基本生活费标准增幅": ["04_orphan_allowance"],
                "女性人口数": ["07_qingzhen_baseline"], "常住人口": [], "孕产妇死亡率": []}
    assert {name: indicator.chapters_treating(name, has_targets=False) for name in expected} == expected


def test_an_unknown_indicator_is_refused_with_the_closest_ids():
    with pytest.raises(ParameterError) as err:
        indicator.compute("childcare-places")
    assert CHILDCARE in str(err.value)


def test_targets_shared_by_places_are_one_marker_with_every_place():
    targets = pd.DataFrame({"region": ["harbin", "harbin", "qingzhen", "province"], "year": [2025] * 4,
                            "value": [4.5, 4.5, 4.5, float("nan")],
                            "status": ["stated", "stated", "stated", "withheld"]})
    national = pd.DataFrame({"year": [2025, 2030], "value": [4.5, 5.5]})
    assert target_marks(targets, national) == {(2025, 4.5): ["harbin", "qingzhen", "national"],
                                               (2030, 5.5): ["national"]}
    series = pd.DataFrame({"region": ["national", "national"], "year": [2020, 2024], "value": [1.8, 4.08]})
    described = describe_indicator(series, targets, national, "每千人口托位数", "Childcare places")
    assert described.en == ("Line chart of Childcare places: national from 1.8 in 2020 to 4.08 in 2024; targets "
                            "marked: Harbin, Qingzhen, national 4.5 in 2025; national 5.5 in 2030.")
    assert described.zh == ("每千人口托位数折线图：全国由2020年的1.8变为2024年的4.08；标注的目标："
                            "哈尔滨、清镇、全国2025年4.5；全国2030年5.5。")
