"""The Excel workbook of the downloads: one sheet per table, safe to open, the same bytes for the same tables.

Safe to open: a text cell is always stored as text. A cell of a CSV that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is what spreadsheet programs take for a formula ("CSV injection"); in
the workbook every text is written as an inline string, never as a formula, and numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

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


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Characters XML 1.0 cannot hold (controls other than tab, line feed and carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def column_letters(index: int) -> str:
    """The spreadsheet name of a 0-based column.

    >>> column_letters(0), column_letters(25), column_letters(26), column_letters(702)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(reference: str, text: str) -> str:
    value = cell_value(text)
    if isinstance(value, float):
        return f'<c r="{reference}"><v>{value!r}</v></c>' if math.isfinite(value) else _text_cell(reference, text)
    return _text_cell(reference, text)


def _text_cell(reference: str, text: str) -> str:
    """Text as an inline string: always text, never a formula, whatever its first character."""
    if not text:
        return ""
    clean = xml_escape(_NOT_XML.sub("", text))
    space = ' xml:space="preserve"' if clean != clean.strip() else ""
    return f'<c r="{reference}" t="inlineStr"><is><t{space}>{clean}</t></is></c>'


def sheet_xml(path: Path) -> str:
    """One worksheet from a CSV file."""
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r, row in enumerate(csv.reader(f), start=1):
            cells = "".join(_cell(f"{column_letters(c)}{r}", text) for c, text in enumerate(row))
            rows.append(f'<row r="{r}">{cells}</row>')
    return f'{_XML_HEAD}<worksheet {_NS}><sheetData>{"".join(rows)}</sheetData></worksheet>'


def _package_parts(names: list[str]) -> dict[str, str]:
    """The parts of the package besides the sheets: content types, relationships, workbook, styles, properties."""
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>'
                     for i in range(1, len(names) + 1))
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "[Content_Types].xml": (
            f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/>'
            f"{sheets}</Types>"),
        "_rels/.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        "docProps/core.xml": (
            f'{_XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>planeval: every table of the book</dc:title><dc:creator>planeval</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'),
        "xl/workbook.xml": (
            f'{_XML_HEAD}<workbook {_NS} xmlns:r="{_REL_NS}"><sheets>'
            + "".join(f'<sheet name="{xml_escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(names, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(names) + 1))
            + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": (
            f'{_XML_HEAD}<styleSheet {_NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
            '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
            'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
            '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
    }


def workbook_bytes(tables: list[tuple[str, Path]]) -> bytes:
    """One sheet per ``(name, csv path)``; deterministic bytes, text never read as a formula.

    The package is written directly (SpreadsheetML parts in a zip with fixed time stamps): a tenth of the
    time of a general spreadsheet library, and nothing in it depends on the time of writing.
    """
    names = sheet_names([stem for stem, _ in tables])
    parts = _package_parts(names)
    for i, (_, path) in enumerate(tables, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return out.getvalue()
