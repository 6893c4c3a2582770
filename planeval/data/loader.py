"""Loading the project's tables as validated DataFrames.

Every check here fails with a :class:`~planeval.core.errors.DataFileError` whose one-line message names
the file, the row (as a spreadsheet shows it: the header is row 1) and the column. The checks are
the provenance rules of the figures table: a figure is only accepted with the verbatim quote that
states it, and the number printed in that quote must be the number recorded.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from planeval.core import paths
from planeval.core.errors import DataFileError, ParameterError
from planeval.core.hashing import sha256_of
from planeval.data.dates import parse_document_date
from planeval.data.quotes import number_of, squeeze
from planeval.data.vocab import COMPARATORS, DOMAINS, KINDS, REGIONS, STATUSES, UNITS

#: Columns of data/indicators.csv, in order: the issue's required ones, then ours.
INDICATOR_COLUMNS = (
    "id", "source", "region", "domain", "indicator_zh", "indicator_en", "kind", "value", "unit",
    "comparator", "year", "quote", "notes", "value_text", "status", "notes_zh",
)
SOURCE_COLUMNS = ("id", "file", "title_zh", "title_en", "publisher", "place", "date", "kind", "sha256", "notes",
                  "event", "programme", "notes_zh")
SOURCE_KINDS = ("news", "plan", "speech")
REFERENCE_COLUMNS = (
    "indicator_zh", "indicator_en", "kind", "value", "unit", "comparator", "year", "scope",
    "publisher", "document", "confidence", "note",
)
CONFIDENCES = ("high", "medium", "low")

_REQUIRED_TEXT = ("id", "source", "region", "domain", "indicator_zh", "indicator_en", "kind", "unit",
                  "quote", "value_text", "status")
_ENUMS = {
    "kind": KINDS, "comparator": COMPARATORS, "region": REGIONS, "domain": DOMAINS,
    "unit": tuple(UNITS), "status": STATUSES,
}


#: The longest field a table may hold (Python's default): a longer one is a quote missing its closing mark.
FIELD_LIMIT = 131_072


def read_rows(path: Path, columns: Iterable[str]) -> list[dict[str, str]]:
    """Read a UTF-8 CSV (a byte-order mark, as Excel's "CSV UTF-8" writes, is allowed), requiring every
    expected column in the header. Every problem is a :class:`DataFileError` naming the file and row."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found")
    previous_limit = csv.field_size_limit(FIELD_LIMIT)  # the same limit whatever another library set
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = []
            try:
                for row in reader:
                    rows.append(row)
            except csv.Error as exc:
                problem = str(exc)
                if "field larger than field limit" in problem:
                    problem = (f"a field longer than {csv.field_size_limit():,} characters (is a quote missing "
                               "its closing quotation mark?)")
                raise DataFileError(path, f"not readable as CSV: {problem}", row=len(rows) + 2) from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from None
    finally:
        csv.field_size_limit(previous_limit)
    if not header:
        raise DataFileError(path, f"empty file: expected a header with columns {', '.join(columns)}")
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataFileError(path, f"missing column(s) {', '.join(missing)}; required: {', '.join(columns)}",
                            row=1)
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(path, "wrong number of fields for the header", row=n)
    return rows


_read_rows = read_rows  # the name the loaders below use


def load_sources(path: Path = paths.SOURCES_CSV, *, verify_hashes: bool = True) -> pd.DataFrame:
    """The manifest of the raw sources, each file's sha256 checked against the bytes on disk."""
    rows = _read_rows(path, SOURCE_COLUMNS)
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):
        if row["id"] in seen:
            raise DataFileError(path, f"duplicate id {row['id']!r}", row=n, column="id")
        seen.add(row["id"])
        if row["kind"] not in SOURCE_KINDS:
            raise DataFileError(path, f"kind {row['kind']!r} is not one of {', '.join(SOURCE_KINDS)}",
                                row=n, column="kind")
        try:
            parse_document_date(row["date"], name="date")
        except ParameterError as exc:
            raise DataFileError(path, f"date {row['date']!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY): "
                                      f"{exc.allowed}", row=n, column="date") from None
        file = Path(path).parent / row["file"]
        if not file.is_file():
            raise DataFileError(path, f"source file {row['file']!r} not found beside the manifest",
                                row=n, column="file")
        if verify_hashes and sha256_of(file) != row["sha256"]:
            raise DataFileError(path, f"sha256 of {row['file']} does not match: the raw source was changed",
                                row=n, column="sha256")
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))


def source_texts(sources: pd.DataFrame, raw_dir: Path = paths.RAW) -> dict[str, str]:
    """Source id -> full text (UTF-8)."""
    return {sid: (Path(raw_dir) / file).read_text(encoding="utf-8")
            for sid, file in zip(sources["id"], sources["file"], strict=True)}


def check_indicator_row(path: Path, n: int, row: dict[str, str], squeezed: dict[str, str], *,
                        quote_column: str = "quote") -> None:
    """Every provenance and vocabulary rule of the figures table on one row (``quote_column`` is what the
    messages call the quote: a researcher's short form calls it ``sentence``)."""
    def fail(column: str, problem: str) -> None:
        raise DataFileError(path, problem, row=n, column=quote_column if column == "quote" else column)

    for col in _REQUIRED_TEXT:
        if not row[col].strip():
            fail(col, f"{quote_column if col == 'quote' else col} is empty; every row needs one")
    for col, allowed in _ENUMS.items():
        if row[col] not in allowed:
            shown = ", ".join(repr(a) for a in allowed)
            fail(col, f"{col} {row[col]!r} is not allowed; expected one of {shown}")
    if row["source"] not in squeezed:
        fail("source", f"source {row['source']!r} is not in the manifest ({', '.join(sorted(squeezed))})")
    if not row["year"].strip().isdigit() or not 1949 <= int(row["year"]) <= 2100:
        fail("year", f"year {row['year']!r} is not a year between 1949 and 2100")
    quote = squeeze(row["quote"])
    if quote not in squeezed[row["source"]]:
        fail("quote", f"{quote_column} {row['quote'][:40]!r} not found in source {row['source']} "
                      "(only whitespace may differ)")
    if squeeze(row["value_text"]) not in quote:
        fail("value_text", f"value_text {row['value_text']!r} does not occur in the quote")
    if row["status"] == "withheld":
        if row["value"].strip():
            fail("value", "a withheld figure must have an empty value")
        if not set(row["value_text"]) <= {"*"}:
            fail("value_text", "a withheld figure's value_text must be the printed asterisks")
        return
    try:
        value = float(row["value"])
    except ValueError:
        fail("value", f"value {row['value']!r} is not a number")
    if not math.isfinite(value):
        fail("value", f"value {row['value']!r} is not a finite number")
    try:
        printed = number_of(row["value_text"])
    except ValueError:
        fail("value_text", f"value_text {row['value_text']!r} is not a number as printed")
    if not math.isclose(printed, value, rel_tol=1e-12, abs_tol=1e-12):
        fail("value", f"value {row['value']} differs from the number printed in the quote ({row['value_text']})")


def validate_indicator_rows(path: Path, rows: list[dict[str, str]], texts: dict[str, str]) -> None:
    """Apply every provenance and vocabulary rule to rows read from ``path``."""
    squeezed = {sid: squeeze(t) for sid, t in texts.items()}
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, start=2):
        if row["id"] in seen:
            raise DataFileError(path, f"duplicate id {row['id']!r} (first on row {seen[row['id']]})",
                                row=n, column="id")
        seen[row["id"]] = n
        check_indicator_row(path, n, row, squeezed)


def indicators_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    """Typed DataFrame of already validated rows: value float (NaN when withheld), year Int64."""
    df = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    # a researcher's observations have no Chinese notes column
    df["notes_zh"] = df["notes_zh"].astype("object").where(df["notes_zh"].notna(), "")
    df["value"] = pd.to_numeric(df["value"].replace("", None), errors="raise").astype("float64")
    df["year"] = pd.to_numeric(df["year"]).astype("Int64")
    return df


def load_indicators(path: Path = paths.INDICATORS_CSV, *, sources_csv: Path = paths.SOURCES_CSV) -> pd.DataFrame:
    """The figures table, validated row by row against the vocabularies and the source texts."""
    sources = load_sources(sources_csv)
    rows = _read_rows(path, INDICATOR_COLUMNS)
    validate_indicator_rows(Path(path), rows, source_texts(sources, Path(sources_csv).parent))
    return indicators_frame(rows)


def load_reference(path: Path = paths.REFERENCE_CSV) -> pd.DataFrame:
    """National and external reference figures, with their provenance columns."""
    rows = _read_rows(path, REFERENCE_COLUMNS)
    for n, row in enumerate(rows, start=2):
        for col, allowed in (("kind", KINDS), ("unit", tuple(UNITS)), ("comparator", COMPARATORS),
                             ("confidence", CONFIDENCES)):
            if row[col] not in allowed:
                raise DataFileError(path, f"{col} {row[col]!r} is not allowed; expected one of "
                                          f"{', '.join(map(repr, allowed))}", row=n, column=col)
        for col in ("value", "year"):
            try:
                float(row[col])
            except ValueError:
                raise DataFileError(path, f"{col} {row[col]!r} is not a number", row=n, column=col) from None
    df = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    df["value"] = df["value"].astype("float64")
    df["year"] = df["year"].astype("int64")
    return df


#: Columns of the full form of a researcher's observations (the figures table's required columns).
OBSERVATION_COLUMNS = INDICATOR_COLUMNS[:13]


def read_header(path: Path) -> list[str]:
    """The column names of a CSV file (empty when the file is empty); a missing or non-UTF-8 file is a
    :class:`DataFileError`."""
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found")
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [h.strip() for h in next(csv.reader(f), [])]
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from None
    except csv.Error as exc:
        raise DataFileError(path, f"not readable as CSV: {exc}", row=1) from None
