"""Shared fixtures: copies of the data tables that tests may corrupt without touching the real ones."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

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
    "test_cluster.py": "integration", "test_site.py": "site", "test_build_book.py": "site",
    "test_site_build.py": "site", "test_browser.py": "browser",
}


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(getattr(pytest.mark, TIERS.get(item.path.name, "unit")))
