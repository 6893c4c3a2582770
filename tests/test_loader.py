"""A deliberately corrupted copy of each table is rejected with a one-line message naming file, row, column."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_csv, write_csv

from planeval.core.errors import DataFileError, PlanevalError
from planeval.data import load_indicators, load_reference, load_sources


def _load(data: Path):
    return load_indicators(data / "indicators.csv", sources_csv=data / "raw" / "sources.csv")


def _corrupt(data: Path, row_index: int, **changes: str) -> None:
    header, rows = read_csv(data / "indicators.csv")
    rows[row_index].update(changes)
    write_csv(data / "indicators.csv", header, rows)


def _message(excinfo) -> str:
    msg = str(excinfo.value)
    assert "\n" not in msg, "error messages are one line"
    return msg


def test_the_untouched_copy_loads(data_copy):
    assert len(_load(data_copy)) > 200


def test_missing_column(data_copy):
    header, rows = read_csv(data_copy / "indicators.csv")
    header.remove("quote")
    for r in rows:
        del r["quote"]
    write_csv(data_copy / "indicators.csv", header, rows)
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert "indicators.csv, row 1: missing column(s) quote" in _message(exc)


def test_value_that_is_not_a_number(data_copy):
    _corrupt(data_copy, 4, value="twelve")
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert "indicators.csv, row 6, column value: value 'twelve' is not a number" in _message(exc)


def test_unknown_unit(data_copy):
    _corrupt(data_copy, 0, unit="kg")
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    msg = _message(exc)
    assert "indicators.csv, row 2, column unit: unit 'kg' is not allowed" in msg and "'10k persons'" in msg


def test_duplicate_id(data_copy):
    header, rows = read_csv(data_copy / "indicators.csv")
    rows[9]["id"] = rows[3]["id"]
    write_csv(data_copy / "indicators.csv", header, rows)
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert f"row 11, column id: duplicate id {rows[3]['id']!r} (first on row 5)" in _message(exc)


def test_quote_not_found_in_its_source(data_copy):
    _, rows = read_csv(data_copy / "indicators.csv")
    _corrupt(data_copy, 2, quote=rows[2]["quote"] + "并且更多")
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert "row 4, column quote:" in _message(exc) and "not found in source" in _message(exc)


def test_quote_with_different_whitespace_is_accepted(data_copy):
    _, rows = read_csv(data_copy / "indicators.csv")
    q = rows[2]["quote"]
    _corrupt(data_copy, 2, quote=q[:2] + " \n " + q[2:])
    assert len(_load(data_copy)) == len(rows)


def test_quote_with_one_character_changed_is_rejected(data_copy):
    # OCR errors stay as printed: "correcting" one character of a quote makes it unverifiable.
    header, rows = read_csv(data_copy / "indicators.csv")
    idx = next(i for i, r in enumerate(rows) if r["source"] == "s004" and "女" in r["quote"])
    _corrupt(data_copy, idx, quote=rows[idx]["quote"].replace("女", "妇", 1))
    with pytest.raises(DataFileError, match=rf"row {idx + 2}, column quote"):
        _load(data_copy)


def test_value_differs_from_the_printed_number(data_copy):
    header, rows = read_csv(data_copy / "indicators.csv")
    idx = next(i for i, r in enumerate(rows) if r["value_text"] == "2350")
    _corrupt(data_copy, idx, value="2530")
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert f"row {idx + 2}, column value: value 2530 differs from the number printed" in _message(exc)


def test_value_text_absent_from_quote(data_copy):
    _corrupt(data_copy, 1, value_text="987654")
    with pytest.raises(DataFileError, match=r"row 3, column value_text: value_text '987654' does not occur"):
        _load(data_copy)


def test_withheld_row_with_a_value(data_copy):
    header, rows = read_csv(data_copy / "indicators.csv")
    idx = next(i for i, r in enumerate(rows) if r["status"] == "withheld")
    _corrupt(data_copy, idx, value="90")
    with pytest.raises(DataFileError, match=rf"row {idx + 2}, column value: a withheld figure must have an empty"):
        _load(data_copy)


@pytest.mark.parametrize("column, bad, expected", [
    ("kind", "promise", "kind 'promise' is not allowed"),
    ("comparator", ">", "comparator '>' is not allowed"),
    ("region", "beijing", "region 'beijing' is not allowed"),
    ("domain", "sports", "domain 'sports' is not allowed"),
    ("year", "20x5", "year '20x5' is not a year"),
    ("source", "s009", "source 's009' is not in the manifest"),
    ("indicator_en", "", "indicator_en is empty"),
])
def test_bad_vocabulary_values(data_copy, column, bad, expected):
    _corrupt(data_copy, 7, **{column: bad})
    with pytest.raises(DataFileError) as exc:
        _load(data_copy)
    assert f"row 9, column {column}: {expected}" in _message(exc)


def test_edited_raw_source_fails_its_checksum(data_copy):
    raw = next((data_copy / "raw").glob("003_*.txt"))
    raw.write_bytes(raw.read_bytes().replace(b"62.91", b"62.19"))
    with pytest.raises(DataFileError, match=r"sources.csv, row 5, column sha256: sha256 of 003_.*does not match"):
        load_sources(data_copy / "raw" / "sources.csv")


def test_missing_file_and_non_utf8_file(data_copy, tmp_path):
    with pytest.raises(DataFileError, match="nope.csv: file not found"):
        _load_path(tmp_path / "nope.csv", data_copy)
    bad = tmp_path / "gbk.csv"
    bad.write_bytes("id,来源\n".encode("gb18030"))
    with pytest.raises(DataFileError, match="gbk.csv: not valid UTF-8"):
        _load_path(bad, data_copy)


def _load_path(path: Path, data: Path):
    return load_indicators(path, sources_csv=data / "raw" / "sources.csv")


def test_ragged_row(data_copy):
    path = data_copy / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",extra,fields"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="row 4: wrong number of fields"):
        _load(data_copy)


def test_bad_reference_confidence(data_copy):
    path = data_copy / "external" / "national_reference.csv"
    header, rows = read_csv(path)
    rows[0]["confidence"] = "certain"
    write_csv(path, header, rows)
    with pytest.raises(DataFileError, match="row 2, column confidence: confidence 'certain' is not allowed"):
        load_reference(path)


def test_errors_are_value_errors():
    assert issubclass(DataFileError, PlanevalError) and issubclass(PlanevalError, ValueError)
