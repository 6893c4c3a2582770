"""A workspace for running the indicator pages in tests: a copy of the data whose catalogue keeps a few
indicators, the template, and folders for results, pages and executed notebooks (never the working ones).

The kernels read the project's own data (the pages compute the same thing); the copy is what the cache
keys are computed from, so that editing a row of it shows which pages the runner executes again."""

from __future__ import annotations

import csv
import io
import shutil
from contextlib import redirect_stderr
from pathlib import Path

from planeval.build import runner
from planeval.build.cache import PageSet
from planeval.core import paths

#: A page with targets from four sources and a national series, one with two national targets, and one
#: with a target and no observation at all.
PICKED = ("childcare-places-for-children-under-3-per-1000-people", "neonatal-mortality-rate",
          "15-minute-fitness-circle-sports-facilities-within-15-minutes")


def make(root: Path, picked: tuple[str, ...] = PICKED, chapters: bool = False) -> Path:
    """Lay out a workspace under ``root``: data (catalogue cut to ``picked``), notebooks (the template, and
    the chapters too when ``chapters``)."""
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("staging", "__pycache__"))
    catalogue = root / "data" / "catalogue.csv"
    with open(catalogue, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, [r for r in reader if r["id"] in picked]
    with open(catalogue, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(paths.ROOT / "notebooks" / "indicator.ipynb", notebooks)
    if chapters:
        for notebook in sorted((paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            shutil.copy(notebook, notebooks)
        shutil.copy(paths.ROOT / "notebooks" / "params.yaml", notebooks)
    return root


def config(root: Path, **options) -> runner.Config:
    pages = PageSet(template=root / "notebooks" / "indicator.ipynb", output_dir=root / "book" / "indicators",
                    results_dir=root / "pages")
    return runner.Config(notebooks_dir=root / "notebooks", results_dir=root / "results",
                         output_dir=root / "book" / "chapters", failed_dir=root / "failed", data_dir=root / "data",
                         pages=pages, jobs=2, **options)


def run(root: Path, only: tuple[str, ...] = (), **options) -> tuple[int, str]:
    """Run the runner on the workspace (``only`` some chapters); its exit status and what it printed."""
    err = io.StringIO()
    with redirect_stderr(err):
        status = runner.run(config(root, **options), only=only, err=err)
    return status, err.getvalue()


def edit_row(path: Path, match: dict[str, str], column: str, value: str) -> None:
    """Set ``column`` to ``value`` in the one row of the CSV at ``path`` that matches ``match``."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (path, match, len(hits))
    hits[0][column] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def files(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (relative name -> bytes), leaving out the names in ``skip``."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in skip}
