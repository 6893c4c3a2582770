"""Tests of the data: raw sources unchanged, schema valid, every figure traceable to its quote."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pytest
from frictionless import Package, system

from planeval.core import paths
from planeval.data import (
    INDICATOR_COLUMNS,
    load_indicators,
    load_reference,
    load_sources,
    sha256_of,
    source_texts,
)
from planeval.data.lookup import pick
from planeval.data.quotes import squeeze
from planeval.data.schema import descriptor_json
from planeval.data.vocab import KINDS

SHARED = paths.ROOT.parent / "shared"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_sources()


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return load_indicators()


@pytest.fixture(scope="module")
def texts(sources) -> dict[str, str]:
    return source_texts(sources)


def test_manifest_lists_the_five_raw_texts(sources):
    on_disk = sorted(p.name for p in paths.RAW.glob("0*.txt"))
    assert sorted(sources["file"]) == on_disk and len(on_disk) == 5
    assert list(sources["id"]) == ["s000", "s001", "s002", "s003", "s004"]


@pytest.mark.parametrize("name", sorted(p.name for p in paths.RAW.glob("0*.txt")))
def test_raw_source_sha256_matches_manifest(name):
    manifest = pd.read_csv(paths.SOURCES_CSV, dtype=str).set_index("file")
    assert sha256_of(paths.RAW / name) == manifest.loc[name, "sha256"]


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared/seeds not beside the checkout")
def test_raw_sources_are_byte_copies_of_the_seeds():
    for seed in (SHARED / "seeds").glob("0*.txt"):
        assert (paths.RAW / seed.name).read_bytes() == seed.read_bytes(), seed.name


@pytest.mark.skipif(not (SHARED / "reference").is_dir(), reason="shared/reference not beside the checkout")
def test_external_reference_is_a_byte_copy():
    shared = SHARED / "reference" / "national_reference.csv"
    assert paths.REFERENCE_CSV.read_bytes() == shared.read_bytes()


def test_manifest_records_the_known_defects(sources):
    notes = dict(zip(sources["id"], sources["notes"], strict=True))
    assert "澳门金威尼斯游戏" in notes["s003"]  # the spam publisher string
    assert "OCR" in notes["s004"] and "**" in notes["s004"]
    assert "line 29 repeats line 27" in notes["s000"]
    assert set(sources["kind"]) == {"news", "plan", "speech"}


def test_reference_keeps_its_provenance_columns():
    ref = load_reference()
    assert {"publisher", "document", "confidence"} <= set(ref.columns)
    assert ref["publisher"].str.len().min() > 0 and set(ref["confidence"]) <= {"high", "medium", "low"}
    childcare = ref[(ref.indicator_zh == "每千人口拥有3岁以下婴幼儿托位数") & (ref.kind == "target")]
    assert childcare["value"].tolist() == [4.5] and childcare["year"].tolist() == [2025]


def test_datapackage_json_is_built_from_the_vocabularies():
    assert paths.DATAPACKAGE_JSON.read_text(encoding="utf-8") == descriptor_json(), (
        "data/datapackage.json is stale: run python scripts/build_datapackage.py")


def test_frictionless_validation_passes():
    with system.use_context(trusted=True):
        report = Package(str(paths.DATAPACKAGE_JSON)).validate()
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors
    assert {t.name for t in report.tasks} == {"indicators", "sources", "national_reference", "extraction_exclusions",
                                              "catalogue", "observations", "harbin_themes", "harbin_ratios"}


def test_figures_table_has_exactly_the_documented_columns():
    header = paths.INDICATORS_CSV.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == INDICATOR_COLUMNS


def test_ids_are_unique(figures):
    assert figures["id"].is_unique


def test_every_quote_is_found_in_its_source(figures, texts):
    squeezed = {k: squeeze(v) for k, v in texts.items()}
    missing = [i for i, s, q in zip(figures.id, figures.source, figures.quote, strict=True)
               if squeeze(q) not in squeezed[s]]
    assert missing == []


def test_every_value_is_printed_in_its_quote(figures):
    bad = []
    for row in figures.itertuples():
        quote = unicodedata.normalize("NFKC", squeeze(row.quote))
        if row.status == "withheld":
            ok = "*" in quote and pd.isna(row.value)
        elif CJK.fullmatch(row.value_text[0]):
            ok = row.value_text in row.quote
        else:
            digits = f"{row.value:g}" if float(row.value).is_integer() else row.value_text
            ok = unicodedata.normalize("NFKC", row.value_text) in quote and digits.replace(",", "") in \
                quote.replace(",", "")
        if not ok:
            bad.append(row.id)
    assert bad == []


def test_every_source_and_kind_is_represented(figures):
    assert set(figures["source"]) == {"s000", "s001", "s002", "s003", "s004"}
    assert set(figures["kind"]) == set(KINDS)


def test_same_fact_is_recorded_once_per_source(figures):
    key = ["source", "region", "indicator_zh", "kind", "year", "value", "unit", "comparator"]
    dupes = figures[figures.duplicated(key, keep=False) & figures["value"].notna()]
    assert dupes.empty, dupes[["id", "indicator_zh"]].to_string()


def test_each_indicator_has_one_english_name(figures):
    names = figures.groupby("indicator_zh")["indicator_en"].nunique()
    assert names[names > 1].index.tolist() == []


def test_english_names_are_translations(figures):
    assert not figures["indicator_en"].str.contains(CJK).any()
    assert figures["indicator_en"].str.match(r"^[A-Z0-9(]").all()


def test_withheld_values_are_rows_with_empty_values(figures):
    withheld = figures[figures["status"] == "withheld"]
    assert len(withheld) >= 10 and withheld["value"].isna().all()
    assert set(withheld["source"]) == {"s004"}  # only the provincial speech withholds values
    assert figures.loc[figures["status"] == "stated", "value"].notna().all()


# Values read by hand from the sources (line numbers of data/raw files).
@pytest.mark.parametrize("source, value, unit, kind, year, snippet", [
    ("s000", 2350, "yuan/person/month", "reported", 2021, "2350元/人·月"),   # 000 line 37
    ("s000", 1650, "yuan/person/month", "reported", 2021, "1650元/人·月"),
    ("s000", 52, "%", "reported", 2021, "52%"),
    ("s000", 97, "count", "claim", 2022, "97项主要目标"),                    # 000 line 13
    ("s003", 62.91, "10k persons", "baseline", 2020, "62.91万人"),          # 003 line 54
    ("s003", 29.74, "10k persons", "baseline", 2020, "29.74万人"),
    ("s003", 47.3, "%", "baseline", 2020, "47.3%"),
    ("s003", 2141.4, "yuan/person/year", "baseline", 2020, "2141.4元"),                 # 003 line 56
    ("s003", 148697, "100m yuan", "baseline", 2016, "148697亿元"),
])
def test_hand_checked_figures(figures, source, value, unit, kind, year, snippet):
    rows = figures[(figures.source == source) & (figures.value == value) & (figures.unit == unit)]
    assert len(rows) == 1, rows[["id", "indicator_zh"]].to_string()
    row = rows.iloc[0]
    assert (row.kind, row.year) == (kind, year) and snippet in squeeze(row.quote)


def test_distributive_list_gives_one_row_per_indicator(figures):
    names = {"新生儿死亡率": 3.0, "婴儿死亡率": 4.0, "5岁以下儿童死亡率": 6.0}
    for name, value in names.items():
        row = pick(figures, source="s003", indicator_zh=name, kind="target")
        assert (row.value, row.unit, row.comparator, row.year) == (value, "‰", "<=", 2025)
    quotes = {pick(figures, source="s003", indicator_zh=n, kind="target").quote for n in names}
    assert len(quotes) == 1


def test_same_fact_in_two_sources_is_two_rows(figures):
    both = figures[(figures.value == 2585) & (figures.unit == "yuan/person/month")]
    assert sorted(both["source"]) == ["s001", "s002"]


def _numbers(text: str) -> set[str]:
    """The numbers a text prints (thousands separators dropped, a leading zero of a month or day ignored;
    an English gloss of a Chinese unit such as "100m yuan" for 亿元 is no number of the note)."""
    text = re.sub(r"\b\d+[mk] yuan", "", text.replace(",", ""))
    return {n.lstrip("0") or "0" for n in re.findall(r"\d+(?:\.\d+)?", text)}


@pytest.mark.parametrize("table", ["figures", "sources"])
def test_every_note_has_a_chinese_twin_with_its_numbers_and_chinese_words(table, request):
    """The Chinese edition shows ``notes_zh``: each note has one, and it keeps the note's numbers and the
    Chinese words the note quotes (a translation may add no fact, but must drop none of these)."""
    df = request.getfixturevalue(table)
    noted = df[df["notes"].str.strip() != ""]
    assert len(noted) >= (200 if table == "figures" else 5)
    for row in noted.itertuples():
        assert row.notes_zh.strip(), f"{row.id}: notes without notes_zh"
        assert CJK.search(row.notes_zh), f"{row.id}: notes_zh is not Chinese"
        assert _numbers(row.notes) <= _numbers(row.notes_zh), \
            f"{row.id}: numbers missing from notes_zh: {_numbers(row.notes) - _numbers(row.notes_zh)}"
        for words in re.findall(r"[\u3400-\u9fff]+", row.notes):
            assert words in row.notes_zh, f"{row.id}: notes_zh drops the quoted words {words}"
    assert (df.loc[df["notes"].str.strip() == "", "notes_zh"].str.strip() == "").all()
