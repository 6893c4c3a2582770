"""The Excel workbook of the downloads: one sheet per table, safe to open, the same bytes for the same tables.

Safe to open: a text cell is always stored as text. A cell of a CSV that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is what spreadsheet programs take for a formula ("CSV injection"); in
the workbook such text is written as an inline string, never as a formula, and numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FIXED_TIME = dt.datetime(2026, 1, 1)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(stems: list[str]) -> list[str]:
    """Short, readable, unique sheet names (Excel allows 31 characters): a chapter's table is named by the
    chapter's number and the table's name; the start of a name is kept, and a number added when two
    would be the same.

    >>> sheet_names(["02_targets__targets_by_region_domain", "03_childcare__places_needed", "indicators"])
    ['02 targets_by_region_domain', '03 places_needed', 'indicators']
    >>> sheet_names(["x" * 40, "x" * 40])
    ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx~2']
    """
    used: set[str] = set()
    out = []
    for stem in stems:
        chapter_table = re.fullmatch(r"(\d\d)_[^_].*?__(.+)", stem)
        base = f"{chapter_table[1]} {chapter_table[2]}" if chapter_table else stem
        base = _SHEET_FORBIDDEN.sub("_", base)
        name, i = base[:31], 1
        while name.lower() in used:
            i += 1
            suffix = f"~{i}"
            name = base[: 31 - len(suffix)] + suffix
        used.add(name.lower())
        out.append(name)
    return out


def cell_value(text: str) -> object:
    """A number when the text is one (so that a spreadsheet can sum it), else the text itself.

    >>> cell_value("2350"), cell_value("-2.5"), cell_value("=1+1"), cell_value(" 12")
    (2350.0, -2.5, '=1+1', ' 12')
    """
    if text and text.strip() == text:
        try:
            return float(text)
        except ValueError:
            pass
    return text


def workbook_bytes(tables: list[tuple[str, Path]]) -> bytes:
    """One sheet per ``(name, csv path)``; deterministic bytes, text never read as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)  # streams rows out: about a third faster, and the sheets are plain tables
    for (_, path), name in zip(tables, sheet_names([s for s, _ in tables]), strict=True):
        ws = wb.create_sheet(name)
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                cells = []
                for text in row:
                    value = cell_value(text)
                    cell = WriteOnlyCell(ws, value=value)
                    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                        cell.data_type = "s"  # openpyxl would store "=..." as a formula
                    cells.append(cell)
                ws.append(cells)
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """openpyxl stamps each zip member, and the document's "modified" field, with the time of saving:
    rewrite them with a fixed time, so that two builds from the same tables give the same workbook."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()
