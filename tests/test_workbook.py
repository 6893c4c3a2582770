"""The XLSX workbook of the downloads page: one sheet per table, numbers as numbers, the same bytes for
the same tables, and rewritten only when a table changed."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from planeval.build import downloads
from planeval.build.downloads import WORKBOOK
from planeval.build.workbook import FORMULA_STARTS, sheet_names
from planeval.build.workbook import workbook_bytes as _workbook_bytes


def workbook_bytes(csvs):
    """The workbook of CSV files, each sheet named after its file."""
    return _workbook_bytes([(p.stem, p) for p in csvs])


def _csv(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_one_sheet_per_table_with_numbers_as_numbers(tmp_path):
    a = _csv(tmp_path / "03_childcare__places_needed.csv", "region,places,note\n哈尔滨市,45044.343,含 <b>标记</b>\n")
    b = _csv(tmp_path / "ids.csv", "id,value\ns000,\n")
    wb = load_workbook(io.BytesIO(workbook_bytes([a, b])))
    assert wb.sheetnames == ["03 places_needed", "ids"]
    rows = list(wb["03 places_needed"].values)
    assert rows == [("region", "places", "note"), ("哈尔滨市", 45044.343, "含 <b>标记</b>")]
    assert list(wb["ids"].values) == [("id", "value"), ("s000", None)]


def test_sheet_names_are_unique_and_fit_excel(tmp_path):
    long = "x" * 40
    first = _csv(tmp_path / "a" / f"{long}.csv", "k\n1\n")
    second = _csv(tmp_path / "b" / f"{long}.csv", "k\n2\n")
    names = load_workbook(io.BytesIO(workbook_bytes([first, second]))).sheetnames
    assert len(set(names)) == 2 and all(len(n) <= 31 for n in names)


def test_the_same_tables_give_the_same_bytes(tmp_path):
    table = _csv(tmp_path / "t.csv", "year,value\n2021,2350\n2022,2585\n")
    assert workbook_bytes([table]) == workbook_bytes([table])


def test_the_workbook_is_rewritten_only_when_a_table_changes(tmp_path, monkeypatch):
    results = tmp_path / "results"
    table = _csv(results / "04_orphan_allowance" / "series.csv", "year,value\n2021,2350\n")
    (results / "04_orphan_allowance" / "run.json").write_text('{"status": "ok"}', encoding="utf-8")
    out = tmp_path / "generated"

    def collect_downloads(out, results):
        return downloads.collect(out, results)

    collect_downloads(out, results)
    workbook = out / "downloads" / WORKBOOK
    first = workbook.read_bytes()
    assert "series" in load_workbook(workbook).sheetnames[-1]

    def must_not_run(tables):
        raise AssertionError("the workbook was rebuilt although no table changed")

    monkeypatch.setattr(downloads, "workbook_bytes", must_not_run)
    collect_downloads(out, results)
    assert workbook.read_bytes() == first

    table.write_text("year,value\n2021,2350\n2022,2585\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="rebuilt"):
        collect_downloads(out, results)
    monkeypatch.undo()
    collect_downloads(out, results)
    assert [r for r in load_workbook(workbook)["04 series"].values][-1] == (2022, 2585)


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    evil = "=cmd|' /C calc'!A0"
    table = _csv(tmp_path / "evil.csv", f"id,note\n\"{evil}\",+1+2\n@SUM(A1),-x\n-3,\"\tTAB\"\n")
    sheet = load_workbook(io.BytesIO(workbook_bytes([table])))["evil"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []  # no formula cell at all
    values = [c.value for c in cells]
    assert values == ["id", "note", evil, "+1+2", "@SUM(A1)", "-x", -3, "\tTAB"]
    assert all(str(v).startswith(FORMULA_STARTS) for v in (evil, "+1+2", "@SUM(A1)", "-x", "\tTAB"))


def test_sheet_names_keep_the_readable_start():
    names = sheet_names(["02_targets__targets_by_region_domain", "02_targets__targets_by_region_domain",
                         "x[1]"])
    assert names == ["02 targets_by_region_domain", "02 targets_by_region_domain~2", "x_1_"]
