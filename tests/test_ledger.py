"""The completeness ledger (planeval.extract.ledger, scripts/ledger.py).

Every candidate the extractor finds in the five sources is either a row of data/indicators.csv or an
exclusion with a reason in data/extraction_exclusions.csv; the exclusions themselves must be current.
Small hand-made texts test quote location, overlap and matching; copies of the tables test that a
removed row or a stale exclusion makes the ledger fail, naming the candidate or the exclusion.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import read_csv, write_csv

from planeval.core import paths
from planeval.data import load_indicators, load_sources, source_texts
from planeval.data.dates import source_date as doc_date
from planeval.data.exclusions import load_exclusions
from planeval.extract import Candidate, extract
from planeval.extract.ledger import (
    EXCLUSION_COLUMNS,
    REASON_CATEGORIES,
    build_ledger,
    check_exclusions,
    exclusion_row,
    line_of,
    match_candidates,
    overlaps,
    parse_reason,
    quote_spans,
    run_extractor,
    unmatched_candidates,
    values_equal,
)

CLI = paths.ROOT / "scripts" / "ledger.py"


# ---------------------------------------------------------------------------------------------
# the five sources
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def texts(sources):
    return source_texts(sources)


@pytest.fixture(scope="module")
def candidates(sources, texts):
    return run_extractor(texts, dict(zip(sources["id"], sources["date"], strict=True)))


@pytest.fixture(scope="module")
def figure_rows():
    return load_indicators().to_dict("records")


def _read_exclusions(path: Path = paths.EXCLUSIONS_CSV) -> tuple[list[str], list[dict[str, str]]]:
    rows = load_exclusions(path)
    return (list(rows[0]) if rows else list(EXCLUSION_COLUMNS)), rows


@pytest.fixture(scope="module")
def exclusions():
    return _read_exclusions()[1]


def _describe(texts, unmatched) -> str:
    return "\n".join(
        f"{m.source} line {line_of(texts[m.source], m.candidate.value_start)} [{m.candidate.start},"
        f"{m.candidate.end}) {m.candidate.value_text} {m.candidate.unit}: {m.candidate.quote!r}"
        for m in unmatched)


def test_every_candidate_of_the_sources_is_a_figure_or_an_exclusion(candidates, figure_rows, texts,
                                                                     exclusions):
    ledger = build_ledger(candidates, figure_rows, texts, exclusions)
    assert ledger.unmatched == [], (
        "candidates neither in data/indicators.csv nor in data/extraction_exclusions.csv "
        "(run python scripts/ledger.py --write-missing FILE):\n" + _describe(texts, ledger.unmatched))
    assert ledger.problems == []
    assert ledger.complete
    assert ledger.total == sum(len(cs) for cs in candidates.values()) > 250
    assert len(ledger.matched) > 200 and len(ledger.excluded) == len(exclusions)


def test_the_ledger_covers_all_five_sources(candidates, sources):
    assert sorted(candidates) == list(sources["id"]) == ["s000", "s001", "s002", "s003", "s004"]
    assert all(candidates[sid] for sid in candidates)


def test_document_dates_come_from_the_manifest(sources, texts, candidates):
    assert doc_date("2022-07-13") == date(2022, 7, 13)
    assert doc_date("2024") == date(2024, 7, 1)  # s004: year only, taken mid-year
    s004 = dict(zip(sources["id"], sources["date"], strict=True))["s004"]
    assert candidates["s004"] == extract(texts["s004"], file="s004", doc_date=doc_date(s004))


def test_exclusions_file_has_exactly_the_documented_columns_and_order(exclusions):
    header, rows = _read_exclusions()
    assert tuple(header) == EXCLUSION_COLUMNS
    keys = [(r["source"], int(r["start"]), int(r["end"])) for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {r["source"] for r in rows} <= {"s000", "s001", "s002", "s003", "s004"}


def test_every_exclusion_has_a_reason_of_the_controlled_list(exclusions):
    bad = [(r["source"], r["start"], r["reason"]) for r in exclusions if parse_reason(r["reason"]) is None]
    assert bad == []


def test_duplicate_printings_name_the_row_they_repeat(exclusions, figure_rows):
    ids = {r["id"] for r in figure_rows}
    for r in exclusions:
        category, detail = parse_reason(r["reason"])  # type: ignore[misc]
        if category == "duplicate printing":
            named = [w.strip("(),;") for w in detail.split() if w.strip("(),;") in ids]
            assert named, r


# ---------------------------------------------------------------------------------------------
# quote location and overlap
# ---------------------------------------------------------------------------------------------

def test_quote_location_ignores_whitespace_and_maps_back_to_the_original_offsets():
    text = "全市总人口数62.91\n万人,其中女性人口数 29.74万人。"
    [(s, e)] = quote_spans("总人口数62.91万人", text)
    assert text[s:e] == "总人口数62.91\n万人"
    [(s, e)] = quote_spans("女性人口数29.74\u3000万人", text)  # whitespace in the quote is ignored too
    assert text[s:e] == "女性人口数 29.74万人"


def test_quote_location_finds_every_printing():
    text = "高于国家量化指标9个。\n\n高于国家量化\n指标9个。"
    spans = quote_spans("高于国家量化指标9个", text)
    assert [text[s:e] for s, e in spans] == ["高于国家量化指标9个", "高于国家量化\n指标9个"]


def test_quote_location_of_absent_or_empty_quotes():
    assert quote_spans("不在文中", "别的文字") == []
    assert quote_spans(" \n", "别的文字") == []


def test_quote_location_keeps_full_width_characters_as_printed():
    text = "率达到９５％以上"
    assert quote_spans("９５％", text) == [(3, 6)]
    assert quote_spans("95%", text) == []  # a quote is verbatim: no NFKC folding


@pytest.mark.parametrize("a, b, expected", [
    ((0, 5), (4, 9), True), ((0, 5), (5, 9), False), ((5, 9), (0, 5), False),
    ((2, 3), (0, 9), True), ((0, 9), (2, 3), True), ((3, 3), (0, 9), False),
])
def test_overlap_of_half_open_spans(a, b, expected):
    assert overlaps(a, b) is expected


# ---------------------------------------------------------------------------------------------
# matching candidates to rows
# ---------------------------------------------------------------------------------------------

def _row(rid, quote, value, status="stated", source="t"):
    return {"id": rid, "source": source, "quote": quote, "value": value, "status": status}


def _cands(text):
    return {"t": extract(text, file="t", doc_date="2022-07-01")}


def test_values_are_equal_within_a_small_tolerance():
    [c] = extract("新生儿死亡率降至3.0‰以下。")
    assert values_equal(c, _row("r", "", 3))
    assert values_equal(c, _row("r", "", 3.0 + 1e-12))
    assert not values_equal(c, _row("r", "", 3.01))
    assert not values_equal(c, _row("r", "", ""))


def test_a_withheld_candidate_matches_only_a_withheld_row():
    [c] = extract("全省中小学生体质健康合格率达**%以上。", doc_date="2024-07-01")
    assert c.withheld
    assert values_equal(c, _row("r", "", float("nan"), status="withheld"))
    assert not values_equal(c, _row("r", "", 90))
    [stated] = extract("合格率达90%以上。")
    assert not values_equal(stated, _row("r", "", float("nan"), status="withheld"))


def test_a_candidate_is_matched_by_a_row_of_the_same_value_whose_quote_overlaps():
    text = "截至2020年末,全市总人口数62.91\n万人,其中女性人口数29.74万人,占总人口的47.3%。"
    cands = _cands(text)
    assert [c.value for c in cands["t"]] == ["62.91", "29.74", "47.3"]
    rows = [_row("a", "总人口数62.91万人", 62.91), _row("b", "女性人口数29.74万人", 29.74),
            _row("c", "占总人口的47.3%", 47.3)]
    assert [m.row for m in match_candidates(cands, rows, {"t": text})] == ["a", "b", "c"]
    # the same quote with a different value, or the right value with a quote elsewhere, is no match
    rows = [_row("a", "总人口数62.91万人", 62.9), _row("b", "全市总人口数", 29.74), _row("c", "47.3%", 47.3)]
    assert [c.value for _, c in unmatched_candidates(cands, rows, {"t": text})] == ["62.91", "29.74"]


def test_rows_of_another_source_do_not_match():
    text = "投入各类资金19.95亿元。"
    rows = [_row("x", "投入各类资金19.95亿元", 19.95, source="other")]
    assert len(unmatched_candidates(_cands(text), rows, {"t": text, "other": text})) == 1


def test_a_quote_that_only_touches_the_candidate_does_not_match():
    text = "学位8000个,新建学校4所。"
    cands = _cands(text)
    four = [c for c in cands["t"] if c.value == "4"]
    assert four and text[four[0].start - 1] == ","
    rows = [_row("a", "学位8000个", 8000), _row("b", "学位8000个,", 4)]  # ends right before the 4
    assert [c.value for _, c in unmatched_candidates(cands, rows, {"t": text})] == ["4"]


def test_two_values_of_one_sentence_need_two_rows():
    text = "新生儿遗传代谢病筛查率和听力障碍筛查率分别达**%和**%以上。"
    cands = {"t": extract(text, file="t", doc_date="2024-07-01")}
    assert [c.value_text for c in cands["t"]] == ["**", "**"]
    quote = "新生儿遗传代谢病筛查率和听力障碍筛查率分别达**%和**%以上"
    nan = float("nan")
    both = [_row("a", quote, nan, "withheld"), _row("b", quote, nan, "withheld")]
    assert sorted(m.row for m in match_candidates(cands, both, {"t": text})) == ["a", "b"]
    left = [m for m in match_candidates(cands, both[:1], {"t": text}) if not m.row]
    assert len(left) == 1 and left[0].eligible == ("a",)  # the one row accounts for one ** only


def test_a_paragraph_printed_twice_is_matched_by_one_row():
    para = "与国家“两个纲要”比对,高于国家量化指标9个。"
    text = para + "\n\n" + para
    cands = _cands(text)
    assert len(cands["t"]) == 2 and cands["t"][1].duplicate_of == cands["t"][0].start
    matches = match_candidates(cands, [_row("a", "高于国家量化指标9个", 9)], {"t": text})
    assert [m.row for m in matches] == ["a", "a"]


def test_the_row_that_prints_the_number_is_preferred():
    text = "每年至少组织2次家庭教育指导和2次家庭教育实践活动。"
    cands = _cands(text)
    rows = [_row("whole", "每年至少组织2次家庭教育指导和2次家庭教育实践活动", 2),
            _row("second", "2次家庭教育实践活动", 2)]
    matches = match_candidates(cands, rows, {"t": text})
    assert [m.row for m in matches] == ["whole", "second"]


# ---------------------------------------------------------------------------------------------
# exclusions
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reason, expected", [
    ("date", ("date", "")),
    ("date: of the press conference", ("date", "of the press conference")),
    ("  ticket price :  concert  ", ("ticket price", "concert")),
    ("duplicate printing: of row s000-006", ("duplicate printing", "of row s000-006")),
    ("scope threshold", ("scope threshold", "")),
    ("", None), ("   ", None), ("dates", None), ("weather", None), ("Date", None), (": date", None),
])
def test_reasons_start_with_a_controlled_category(reason, expected):
    assert parse_reason(reason) == expected


def test_the_reason_categories_include_those_of_the_brief():
    assert {"date", "phone number", "ticket price", "section number", "document number", "unrelated news",
            "duplicate printing", "part of a name or definition", "not about the plans",
            "scope threshold"} <= set(REASON_CATEGORIES)


def _exclusion(c: Candidate, reason="ticket price", source="t"):
    return exclusion_row(source, c, reason)


def test_a_sound_exclusion_has_no_problem_and_excludes_its_candidate():
    text = "票价:80元(惠民)/120元。"
    cands = _cands(text)
    rows = [_exclusion(c) for c in cands["t"]]
    assert check_exclusions(rows, cands) == []
    ledger = build_ledger(cands, [], {"t": text}, rows)
    assert ledger.complete and len(ledger.excluded) == 2
    assert ledger.excluded_by_category() == {"ticket price": 2}


def test_exclusion_problems_are_named():
    text = "票价:80元(惠民)/120元。"
    cands = _cands(text)
    a, b = (_exclusion(c) for c in cands["t"])
    stale = dict(a, start=str(int(a["start"]) + 1))
    problems = check_exclusions([a, stale], cands)
    assert len(problems) == 1 and "row 3" in problems[0] and "stale" in problems[0]
    assert "reason" in check_exclusions([dict(a, reason="weather"), b], cands)[0]
    assert "empty reason" in check_exclusions([dict(a, reason=""), b], cands)[0]
    assert "out of order" in check_exclusions([b, a], cands)[0]
    assert "duplicate of row 2" in check_exclusions([a, a, b], cands)[0]
    assert "quote differs" in check_exclusions([dict(a, quote="别的"), b], cands)[0]
    assert "start and end integers" in check_exclusions([dict(a, start="x")], cands)[0]
    # whitespace in the quote does not matter (a spreadsheet may rewrap it)
    assert check_exclusions([dict(a, quote=a["quote"].replace(":", ": ")), b], cands) == []


def test_an_exclusion_of_a_candidate_matched_by_a_row_is_stale():
    text = "票价:80元。"
    cands = _cands(text)
    [c] = cands["t"]
    ledger = build_ledger(cands, [_row("r", "票价:80元", 80)], {"t": text}, [_exclusion(c)])
    assert ledger.unmatched == [] and ledger.excluded == []
    assert len(ledger.problems) == 1 and "matched by a row" in ledger.problems[0]
    assert not ledger.complete


def test_an_exclusion_with_a_bad_reason_does_not_exclude():
    text = "票价:80元。"
    cands = _cands(text)
    ledger = build_ledger(cands, [], {"t": text}, [_exclusion(cands["t"][0], reason="concert")])
    assert len(ledger.unmatched) == 1 and len(ledger.problems) == 1


# ---------------------------------------------------------------------------------------------
# the real tables, deliberately damaged
# ---------------------------------------------------------------------------------------------

def test_a_removed_figure_row_leaves_its_candidate_unmatched(candidates, figure_rows, texts, exclusions):
    rows = [r for r in figure_rows if r["id"] != "s003-025"]  # 妇女人均预期寿命达到81.8岁以上
    ledger = build_ledger(candidates, rows, texts, exclusions)
    assert [(m.source, m.candidate.value_text) for m in ledger.unmatched] == [("s003", "81.8")]
    assert "81.8岁" in ledger.unmatched[0].candidate.quote


def test_a_removed_withheld_row_is_missed_although_its_sentence_has_another(candidates, figure_rows, texts,
                                                                             exclusions):
    rows = [r for r in figure_rows if r["id"] != "s004-008"]  # 听力障碍筛查率 **%
    ledger = build_ledger(candidates, rows, texts, exclusions)
    assert [(m.source, m.candidate.value_text, m.eligible) for m in ledger.unmatched] == [
        ("s004", "**", ("s004-007",))]


def test_a_moved_candidate_makes_its_exclusion_stale(candidates, figure_rows, texts, exclusions):
    first = exclusions[0]
    shifted = {sid: [replace(c, start=c.start + 1) if (sid, str(c.start)) == (first["source"], first["start"])
                     else c for c in cs] for sid, cs in candidates.items()}
    ledger = build_ledger(shifted, figure_rows, texts, exclusions)
    assert len(ledger.unmatched) == 1 and len(ledger.problems) == 1
    assert "stale" in ledger.problems[0] and f"{first['source']} {first['start']}-{first['end']}" in \
        ledger.problems[0]


def _run(*args):
    return subprocess.run([sys.executable, str(CLI), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def _cli_paths(data: Path):
    return ("--sources", data / "raw" / "sources.csv", "--indicators", data / "indicators.csv",
            "--exclusions", data / "extraction_exclusions.csv")


def test_cli_is_complete_on_the_real_tables(tmp_path):
    out = tmp_path / "missing.csv"
    r = _run("--write-missing", out)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 unmatched" in r.stdout and "0 exclusion problem(s)" in r.stdout
    assert out.read_text(encoding="utf-8") == ",".join(EXCLUSION_COLUMNS) + "\n"


def test_cli_names_the_candidate_of_a_removed_row_and_writes_it_to_fill_in(data_copy, tmp_path):
    header, rows = read_csv(data_copy / "indicators.csv")
    write_csv(data_copy / "indicators.csv", header, [r for r in rows if r["id"] != "s000-012"])
    out = tmp_path / "missing.csv"
    r = _run(*_cli_paths(data_copy), "--write-missing", out)
    assert r.returncode == 1
    assert "1 unmatched" in r.stdout
    [line] = [ln for ln in r.stdout.splitlines() if ln.startswith("s000 line")]
    assert "2350" in line and "yuan/person/month" in line
    with open(out, encoding="utf-8", newline="") as f:
        [written] = list(csv.DictReader(f))
    assert written["source"] == "s000" and written["value_text"] == "2350" and written["reason"] == ""


def test_cli_fails_on_a_stale_exclusion(data_copy):
    header, rows = read_csv(data_copy / "extraction_exclusions.csv")
    rows.append({"source": "s004", "start": "999999", "end": "1000000", "value_text": "7", "quote": "7个",
                 "reason": "date"})
    write_csv(data_copy / "extraction_exclusions.csv", header, rows)
    r = _run(*_cli_paths(data_copy))
    assert r.returncode == 1
    assert "stale" in r.stdout and "s004 999999-1000000" in r.stdout


def test_cli_refuses_an_exclusions_file_with_other_columns(data_copy):
    path = data_copy / "extraction_exclusions.csv"
    path.write_text("source,start,end,value_text,reason\n", encoding="utf-8")
    r = _run(*_cli_paths(data_copy))
    assert r.returncode == 2 and "extraction_exclusions.csv" in r.stderr and r.stdout == ""
