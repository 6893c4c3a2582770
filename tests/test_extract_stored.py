"""The extractor's output on the five sources, compared byte for byte with stored copies.

``tests/fixtures/candidates/sNNN.csv`` is exactly what ``scripts/extract_figures.py FILE --date DATE``
wrote for each source of ``data/raw/sources.csv`` (run from the repository root, so ``file`` is the
path ``data/raw/NNN_....txt``), with the date the completeness ledger gives the extractor (a year-only
date taken as 1 July). They were written before the extractor was split into modules: any difference
in any candidate (offsets, guesses, notes, order) fails here, naming the first differing line.

To accept an intended change of the extractor's output, run the script as above for the source, write
its output over the stored copy and review the diff before committing it.

The module also checks the shape of the package: no function of ``planeval/extract/`` is longer than
:data:`MAX_FUNCTION_LINES` lines.
"""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

from planeval.core import paths
from planeval.data.dates import source_date
from planeval.extract import extract, write_csv

STORED = Path(__file__).resolve().parent / "fixtures" / "candidates"
PACKAGE = paths.ROOT / "planeval" / "extract"
MAX_FUNCTION_LINES = 80


def _manifest() -> list[dict[str, str]]:
    with open(paths.SOURCES_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


SOURCES = _manifest()


def first_difference(expected: str, got: str) -> str:
    """A one-line account of the first line where two texts differ ('' when they are equal).

    >>> first_difference("a\\nb\\n", "a\\nc\\n")
    "line 2: expected 'b', got 'c'"
    >>> first_difference("a\\n", "a\\nb\\n")
    "line 2: expected <end of file>, got 'b'"
    """
    if expected == got:
        return ""
    old, new = expected.splitlines(keepends=True), got.splitlines(keepends=True)
    for n, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return f"line {n}: expected {a.rstrip(chr(10))!r}, got {b.rstrip(chr(10))!r}"
    n = min(len(old), len(new)) + 1
    if len(old) > len(new):
        return f"line {n}: expected {old[n - 1].rstrip(chr(10))!r}, got <end of file>"
    if len(new) > len(old):
        return f"line {n}: expected <end of file>, got {new[n - 1].rstrip(chr(10))!r}"
    return "the texts differ in line ends only"  # pragma: no cover - splitlines keeps the ends


def extractor_csv(source: dict[str, str]) -> str:
    """The CSV the script writes for one source with the ledger's date (``file`` = the relative path)."""
    path = f"data/raw/{source['file']}"
    text = (paths.ROOT / path).read_bytes().decode("utf-8")
    buf = io.StringIO()
    write_csv(extract(text, file=path, doc_date=source_date(source["date"])), buf)
    return buf.getvalue()


def test_there_is_a_stored_copy_for_each_source_and_no_other():
    assert sorted(p.stem for p in STORED.glob("*.csv")) == sorted(s["id"] for s in SOURCES)
    assert len(SOURCES) == 5


@pytest.mark.parametrize("source", SOURCES, ids=[s["id"] for s in SOURCES])
def test_candidates_equal_the_stored_copy_byte_for_byte(source):
    stored = (STORED / f"{source['id']}.csv").read_bytes()
    got = extractor_csv(source).encode("utf-8")
    assert got == stored, (
        f"{source['id']}: the extractor's candidates differ from tests/fixtures/candidates/{source['id']}.csv, "
        + first_difference(stored.decode("utf-8"), got.decode("utf-8")))


def test_no_function_is_long():
    modules = sorted(PACKAGE.glob("*.py"))
    assert modules
    long = []
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{module.relative_to(paths.ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == [], f"functions over {MAX_FUNCTION_LINES} lines: " + "; ".join(long)
