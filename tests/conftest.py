"""Shared fixtures: copies of the data tables that tests may corrupt without touching the real ones."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from planeval.core import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (raw sources, manifest, figures table) in a temporary folder."""
    dst = tmp_path / "data"
    shutil.copytree(paths.DATA, dst, ignore=shutil.ignore_patterns("staging"))
    return dst


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


#: Test files outside the unit tier (every other test, doctests included, is a unit test).
TIERS = {
    "test_runner.py": "integration", "test_chapters.py": "integration", "test_chapter_modules.py": "integration",
    "test_cluster.py": "integration", "test_pages_run.py": "integration", "test_site.py": "site",
    "test_build_book.py": "site", "test_site_build.py": "site", "test_site_editions.py": "site",
    "test_browser.py": "browser",
}


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(getattr(pytest.mark, TIERS.get(item.path.name, "unit")))


#: Neutral values of the figures table's columns, for tables a test writes row by row.
NEUTRAL = {"source": "s001", "region": "harbin", "domain": "welfare", "indicator_zh": "指标",
           "indicator_en": "indicator", "kind": "reported", "unit": "count", "comparator": "=", "year": 2022,
           "status": "stated", "quote": "", "notes": ""}


def figures_table(*rows: dict, **defaults: object) -> pd.DataFrame:
    """A figures table from partial rows: columns a row leaves out take ``defaults``, then :data:`NEUTRAL`;
    ``value_text`` is the value as printed (``**`` when it is missing); year is an integer column."""
    table = pd.DataFrame([{**NEUTRAL, **defaults, **row} for row in rows])
    if "value_text" not in table:
        table["value_text"] = table["value"].map(lambda v: f"{v:g}" if v == v else "**")
    table["value"] = table["value"].astype(float)
    table["year"] = table["year"].astype("Int64")
    return table
