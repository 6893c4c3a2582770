"""Observations: the catalogue, the project's observations table, a researcher's observations in either
form, and the rule that keeps one observation per fact without dropping any."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from planeval.core import paths
from planeval.core.errors import DataFileError
from planeval.data import load_indicators, load_reference
from planeval.data.catalogue import closest, load_catalogue
from planeval.data.observations import (
    confidence_of,
    find_value_text,
    load_extra_observations,
    reconcile,
)


def _write(path, header, rows, bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


SHORT = ["indicator", "region", "year", "value", "unit", "source", "sentence"]


# ---------------------------------------------------------------------------------------------- catalogue

def test_every_indicator_of_the_figures_and_the_reference_is_in_the_catalogue():
    catalogue = load_catalogue()
    names = dict(zip(catalogue["indicator_zh"], catalogue["indicator_en"], strict=True))
    for table in (load_indicators(), load_reference()):
        pairs = set(zip(table["indicator_zh"], table["indicator_en"], strict=True))
        assert [p for p in pairs if names.get(p[0]) != p[1]] == []


def test_the_closest_names_of_a_misspelt_indicator():
    catalogue = load_catalogue()
    assert closest("孕产妇死亡", catalogue)[0] == "孕产妇死亡率"
    assert closest("infant mortality", catalogue)[0] == "婴儿死亡率"


def test_a_catalogue_with_a_duplicate_id_is_refused(tmp_path):
    rows = list(csv.reader(open(paths.CATALOGUE_CSV, encoding="utf-8")))
    rows[2][0] = rows[1][0]
    path = _write(tmp_path / "catalogue.csv", rows[0], rows[1:])
    with pytest.raises(DataFileError, match=r"catalogue.csv, row 3, column id: id '.*' is also on row 2"):
        load_catalogue(path)


# ------------------------------------------------------------------------------------------ confidence

@pytest.mark.parametrize("copy, second, derivation, grade", [
    ("official", "", "", "high"), ("reputable", "http://b.example.org/2", "", "high"),
    ("reputable", "http://www.a.example.cn/2", "", "medium"),  # the same site twice is one copy
    ("reprint", "", "", "medium"), ("mirror", "", "", "low"), ("mirror", "http://c.example.net/3", "", "medium"),
    ("reprint", "http://c.example.net/3", "", "high"),
    ("official", "", "4.0+0.5", "low"),
])
def test_the_confidence_rule(copy, second, derivation, grade):
    assert confidence_of(copy, second, "http://www.a.example.cn/1", derivation)[0] == grade


# --------------------------------------------------------------------------------- value in the sentence

@pytest.mark.parametrize("text, value, printed", [
    ("全市户籍人口2,993万人", 2993, "2,993"), ("自然增长率-2.0‰", -2.0, "-2.0"), ("下降至４.９‰", 4.9, "4.9"),
    ("2022年托位数为2.57个", 2.57, "2.57"), ("2022年托位数为2.57个", 2022, "2022"),
])
def test_the_printed_number_is_found_from_the_value(text, value, printed):
    assert find_value_text(text, value) == printed


def test_a_value_that_is_not_printed_is_not_found():
    assert find_value_text("孕产妇死亡率为15.7/10万", 15.70001) is None


# -------------------------------------------------------------------------- a researcher's observations

def test_the_short_form_with_a_byte_order_mark_and_thousands_separators(tmp_path):
    path = _write(tmp_path / "mine.csv", SHORT, [
        ["孕产妇死亡率", "qingzhen", "2021", "18", "per 100k", "my report", "2021年孕产妇死亡率为18/10万。"],
        ["Resident population", "哈尔滨", "2022", "9880", "10k persons", "my bulletin", "常住人口9,880万人"],
        ["出生率", "harbin", "2021", "-2.0", "‰", "my bulletin", "人口自然增长率-2.0‰"],
    ], bom=True)
    obs = load_extra_observations(path)
    assert list(obs["indicator_zh"]) == ["孕产妇死亡率", "常住人口", "出生率"]
    assert list(obs["indicator_en"]) == ["Maternal mortality ratio", "Resident population", "Crude birth rate"]
    assert list(obs["region"]) == ["qingzhen", "harbin", "harbin"]
    assert list(obs["value"]) == [18.0, 9880.0, -2.0] and list(obs["value_text"]) == ["18", "9,880", "-2.0"]
    assert set(obs["kind"]) == {"reported"} and obs["domain"].tolist()[0] == "health"


def test_the_shipped_example_is_accepted():
    obs = load_extra_observations(paths.EXAMPLE_OBSERVATIONS_CSV)
    assert len(obs) == 3 and obs["year"].tolist() == [2021, 2023, 2023]


@pytest.mark.parametrize("row, message", [
    (["孕产妇死忙率", "qingzhen", "2021", "18", "per 100k", "r", "为18/10万"],
     "column indicator: indicator '孕产妇死忙率' is not in the catalogue; closest: 孕产妇死亡率"),
    (["孕产妇死亡率", "qingzhen", "2021", "19", "per 100k", "r", "为18/10万"],
     "column value: value 19 is not printed in the sentence (as 19 or with thousands separators)"),
    (["孕产妇死亡率", "qingzhen", "2021", "18", "per 100k", "r", ""], "column sentence: sentence is empty"),
    (["孕产妇死亡率", "moscow", "2021", "18", "per 100k", "r", "为18/10万"], "column region: region 'moscow'"),
])
def test_bad_short_rows_are_refused_with_the_column_the_person_wrote(tmp_path, row, message):
    path = _write(tmp_path / "mine.csv", SHORT, [row])
    with pytest.raises(DataFileError) as exc:
        load_extra_observations(path)
    assert f"mine.csv, row 2, {message}" in str(exc.value)
    assert "value_text" not in str(exc.value)


def test_an_id_of_the_figures_table_is_refused_before_any_chapter_runs(tmp_path):
    row = {c: "" for c in ("id", "source", "region", "domain", "indicator_zh", "indicator_en", "kind", "value",
                           "unit", "comparator", "year", "quote", "notes")}
    row |= {"id": "s000-001", "source": "mine", "region": "harbin", "domain": "health", "indicator_zh": "孕产妇死亡率",
            "indicator_en": "Maternal mortality ratio", "kind": "reported", "value": "15", "unit": "per 100k",
            "comparator": "=", "year": "2023", "quote": "为15/10万"}
    path = _write(tmp_path / "full.csv", list(row), [list(row.values())])
    with pytest.raises(DataFileError, match="id 's000-001' is already used in the figures table"):
        load_extra_observations(path)


# ------------------------------------------------------------------------------------- one per fact

def _obs(*rows):
    return pd.DataFrame(rows, columns=["id", "indicator_zh", "region", "year", "value", "confidence", "released",
                                       "document"])


def test_the_same_value_from_two_documents_is_one_observation_citing_both():
    used, conflicts = reconcile(_obs(
        ("a", "婴儿死亡率", "national", 2022, 4.9, "medium", "2023-10", "卫生健康统计公报"),
        ("b", "婴儿死亡率", "national", 2022, 4.9, "high", "2023-12", "儿童纲要监测报告")))
    assert len(used) == 1 and conflicts.empty
    row = used.iloc[0]
    assert row["id"] == "b" and row["ids"] == "a; b" and row["conflict"] == ""
    assert row["documents"] == "卫生健康统计公报; 儿童纲要监测报告"


@pytest.mark.parametrize("first, second, chosen, rule", [
    (("a", 16.1, "medium", "2022"), ("b", 16.0, "high", "2022"), "b", "higher confidence"),
    (("a", 16.1, "high", "2023-12"), ("b", 16.0, "high", "2022-05"), "a", "later release"),
    (("a", 16.1, "high", "2022"), ("b", 16.0, "high", "2022"), "a", "first row"),
])
def test_different_values_are_all_kept_and_one_is_used_by_the_rule(first, second, chosen, rule):
    rows = [(i, "孕产妇死亡率", "national", 2021, v, c, r, f"doc {i}") for i, v, c, r in (first, second)]
    used, conflicts = reconcile(_obs(*rows))
    assert used["id"].tolist() == [chosen]
    other = "b" if chosen == "a" else "a"
    assert used.iloc[0]["conflict"].startswith(f"{other}=")
    assert sorted(conflicts["id"]) == ["a", "b"]  # both shown
    verdicts = dict(zip(conflicts["id"], conflicts["used"], strict=True))
    assert verdicts[chosen] == "used" and verdicts[other].startswith(f"not used: {chosen}") and rule in verdicts[other]
    assert not any(math.isnan(v) for v in used["value"])  # nothing averaged


# ------------------------------------------------------------------------------------- the table itself

def test_every_observation_is_valid_and_its_value_is_printed_in_its_sentence():
    from planeval.data.observations import evaluate, load_observations_table
    from planeval.data.quotes import number_of, squeeze

    table = load_observations_table()  # the loader applies every rule; the test restates the central one
    for row in table.itertuples():
        assert squeeze(row.value_text) in squeeze(row.sentence), row.id
        printed = evaluate(row.derivation) if row.derivation else number_of(row.value_text)
        assert math.isclose(printed, row.value, rel_tol=1e-9), row.id
        assert confidence_of(row.copy, row.second_address, row.address, row.derivation) == (
            row.confidence, row.confidence_rule), row.id


#: The national series the issue names, and the fewest years each must have (2020 baseline and later).
SERIES = {"新生儿死亡率": 3, "婴儿死亡率": 3, "5岁以下儿童死亡率": 3, "孕产妇死亡率": 3, "学前教育毛入园率": 3,
          "九年义务教育巩固率": 3, "高中阶段教育毛入学率": 3, "每千人口拥有3岁以下婴幼儿托位数": 3, "小学生近视率": 3,
          "初中生近视率": 3, "3岁以下儿童系统管理率": 2, "孕产妇系统管理率": 3, "婚前医学检查率": 3,
          "女性就业人员占全部就业人员比重": 3}


@pytest.mark.parametrize("indicator, years", SERIES.items())
def test_the_national_series_cover_the_plan_period(indicator, years):
    from planeval.data.observations import load_observations_table

    table = load_observations_table()
    found = sorted(set(table[(table["indicator_zh"] == indicator) & (table["region"] == "national")]["year"]))
    assert len(found) >= years and found[0] <= 2021 and found[-1] >= 2022, (indicator, found)


def test_the_data_readme_states_the_tables_counts():
    import re

    from planeval.data.observations import load_observations_table

    table = load_observations_table()
    text = (paths.DATA / "README.md").read_text(encoding="utf-8")
    line = re.search(r"(\d+) rows \(\d{4}-\d\d-\d\d\):\s+(\d+) national, (\d+) Heilongjiang, (\d+) Harbin, "
                     r"(\d+) Guizhou, (\d+) Qingzhen; (\d+) high, (\d+) medium, (\d+) low", " ".join(text.split()))
    regions, grades = table["region"].value_counts(), table["confidence"].value_counts()
    assert [int(x) for x in line.groups()] == [
        len(table), regions["national"], regions["heilongjiang"], regions["harbin"], regions["guizhou"],
        regions["qingzhen"], grades["high"], grades["medium"], grades["low"]]


def test_each_document_and_publisher_has_one_chinese_name():
    """The Chinese edition names a document or publisher by its ``document_zh`` / ``publisher_zh`` (looked up
    by the text of the original): one name each, Chinese, with no English words left (web addresses aside)."""
    import re

    from planeval.data.observations import load_observations_table

    table = load_observations_table()
    for column in ("document", "publisher"):
        names = table.groupby(column)[f"{column}_zh"].nunique()
        assert names.max() == 1, names[names > 1].index.tolist()
        for zh in table[f"{column}_zh"].unique():
            left = re.sub(r"[a-z]+(\.[a-z]+)+|SEO|livedoor", "", zh)
            assert re.search(r"[\u3400-\u9fff]", zh) and not re.search(r"[A-Za-z]{3,}", left), zh
