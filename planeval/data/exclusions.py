"""The exclusions table, ``data/extraction_exclusions.csv``: its columns and its one reader.

Each row names a candidate of the extractor (:mod:`planeval.extract`) that is not a figure of the
plans, by source, quote offsets and the number as printed, with the reason it is left out. The
completeness ledger (:mod:`planeval.extract.ledger`) checks the rows against the current candidates
(stale rows, reasons outside the controlled list, order); this module only reads the file and refuses
one whose shape is wrong, naming the file, the row (the header is row 1) and the column.
"""

from __future__ import annotations

import csv
from pathlib import Path

from planeval.core import paths
from planeval.core.errors import DataFileError

__all__ = ["EXCLUSION_COLUMNS", "load_exclusions"]

#: Columns of data/extraction_exclusions.csv, in order.
EXCLUSION_COLUMNS = ("source", "start", "end", "value_text", "quote", "reason")

# offsets are code points of the source text: whole numbers >= 0 (the ledger checks they name a candidate)
_OFFSET_COLUMNS = ("start", "end")
# what identifies the candidate; an empty reason is left to the ledger, which asks for one to be filled in
_REQUIRED_COLUMNS = ("source", "start", "end", "value_text")


def load_exclusions(path: str | Path = paths.EXCLUSIONS_CSV) -> list[dict[str, str]]:
    """The rows of the exclusions file, in order, as strings (columns :data:`EXCLUSION_COLUMNS`).

    Raises :class:`~planeval.core.errors.DataFileError` naming the file, the row and the column when
    the file is missing or not UTF-8, its header is not exactly :data:`EXCLUSION_COLUMNS`, a row has
    another number of fields, ``source``, ``start``, ``end`` or ``value_text`` is empty, or an offset
    is not a whole number >= 0.

    >>> rows = load_exclusions()
    >>> tuple(rows[0]) == EXCLUSION_COLUMNS and all(int(r["start"]) < int(r["end"]) for r in rows)
    True
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     bad = pathlib.Path(folder) / "exclusions.csv"
    ...     _ = bad.write_text("source,start,end,value_text,quote,reason\\ns000,12,x,7,7个,date\\n", "utf-8")
    ...     load_exclusions(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.DataFileError: ...exclusions.csv, row 2, column end: 'x' is not a whole number >= 0
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(path, "file not found")
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = tuple(reader.fieldnames or ())
    except UnicodeDecodeError as e:
        raise DataFileError(path, f"not valid UTF-8 (undecodable byte at offset {e.start})") from None
    except (OSError, csv.Error) as e:
        raise DataFileError(path, f"cannot read: {getattr(e, 'strerror', None) or e}") from None
    if header != EXCLUSION_COLUMNS:
        raise DataFileError(path, f"header must be exactly {','.join(EXCLUSION_COLUMNS)}", row=1)
    for number, row in enumerate(rows, start=2):
        _check_row(path, number, row)
    return rows


def _check_row(path: Path, number: int, row: dict[str, str]) -> None:
    """Refuse a row with a wrong number of fields, an empty identifying column or a bad offset."""
    if None in row or any(value is None for value in row.values()):
        raise DataFileError(path, "wrong number of fields for the header", row=number)
    for column in _REQUIRED_COLUMNS:
        if not row[column].strip():
            raise DataFileError(path, "empty; every exclusion names its candidate", row=number, column=column)
    for column in _OFFSET_COLUMNS:
        text = row[column].strip()
        if not text.isascii() or not text.isdigit():
            raise DataFileError(path, f"{row[column]!r} is not a whole number >= 0", row=number, column=column)
