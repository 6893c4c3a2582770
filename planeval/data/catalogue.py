"""The catalogue of indicators: every indicator the figures, the national reference and the observations
name, once, with a stable id, its Chinese and English names, its domain, unit, the direction that counts
as better and (for the monitored ones) a definition.

``data/catalogue.csv`` is curated data: the indicator names of the other tables must be the catalogue's
(a test checks it), and a researcher's observation naming an unknown indicator is refused with the
closest catalogue names.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import pandas as pd

from planeval.core import paths
from planeval.core.errors import DataFileError
from planeval.data.loader import read_rows
from planeval.data.vocab import DOMAINS, UNITS

CATALOGUE_COLUMNS = ("id", "indicator_zh", "indicator_en", "domain", "unit", "better", "definition_zh",
                     "definition_en")
BETTER = ("higher", "lower", "")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def load_catalogue(path: Path = paths.CATALOGUE_CSV) -> pd.DataFrame:
    """The catalogue, validated: unique ids (lower-case words joined by hyphens) and names, known domains,
    units and directions."""
    rows = read_rows(path, CATALOGUE_COLUMNS)
    seen: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows, start=2):
        for column in ("id", "indicator_zh", "indicator_en"):
            key = (column, row[column])
            if not row[column].strip():
                raise DataFileError(path, f"{column} is empty", row=n, column=column)
            if key in seen:
                raise DataFileError(path, f"{column} {row[column]!r} is also on row {seen[key]}", row=n,
                                    column=column)
            seen[key] = n
        if not _ID.match(row["id"]):
            raise DataFileError(path, f"id {row['id']!r} is not lower-case words joined by hyphens", row=n,
                                column="id")
        for column, allowed in (("domain", DOMAINS), ("unit", tuple(UNITS)), ("better", BETTER)):
            if row[column] not in allowed:
                raise DataFileError(path, f"{column} {row[column]!r} is not allowed; expected one of "
                                          f"{', '.join(repr(a) for a in allowed)}", row=n, column=column)
    return pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))


@functools.cache
def catalogue() -> pd.DataFrame:
    """The project's catalogue, loaded once per process."""
    return load_catalogue()


def closest(name: str, entries: pd.DataFrame, n: int = 3) -> list[str]:
    """The ``n`` catalogue names closest to ``name`` (Chinese or English names, or ids)."""
    choices = {**dict(zip(entries["indicator_zh"], entries["indicator_zh"], strict=True)),
               **dict(zip(entries["indicator_en"], entries["indicator_zh"], strict=True)),
               **dict(zip(entries["id"], entries["indicator_zh"], strict=True))}
    found = difflib.get_close_matches(name, list(choices), n=n * 3, cutoff=0.0)
    out: list[str] = []
    for match in found:
        if choices[match] not in out:
            out.append(choices[match])
    return out[:n]


def find(name: str, entries: pd.DataFrame) -> pd.Series | None:
    """The catalogue entry whose id, Chinese or English name is ``name`` (spaces ignored), else None."""
    key = "".join(str(name).split())
    for column in ("indicator_zh", "id", "indicator_en"):
        hits = entries[entries[column].map(lambda v: "".join(v.split())) == key]
        if len(hits):
            return hits.iloc[0]
    return None
