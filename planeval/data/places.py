"""Facts about places that the chapters use, kept as small tables beside the data instead of in code:
which of Harbin's figures belong to which theme, and which pairs of them make a ratio a reader can check.

Each table is validated like the others: its columns, its vocabularies, and its indicator names, which
must be the catalogue's.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planeval.core import paths
from planeval.core.errors import DataFileError
from planeval.data.catalogue import closest, load_catalogue
from planeval.data.loader import read_rows
from planeval.data.vocab import KINDS

THEMES_CSV = paths.PLACES_DIR / "harbin_themes.csv"
RATIOS_CSV = paths.PLACES_DIR / "harbin_ratios.csv"
THEME_COLUMNS = ("theme_zh", "theme_en", "indicator_zh")
RATIO_COLUMNS = ("ratio_zh", "ratio_en", "numerator", "denominator", "unit", "kind")


def _check_indicators(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    catalogue = load_catalogue()
    known = set(catalogue["indicator_zh"])
    for n, row in enumerate(rows, start=2):
        for column in row:
            if not row[column].strip():
                raise DataFileError(path, f"{column} is empty", row=n, column=column)
        for column in columns:
            if row[column] not in known:
                raise DataFileError(path, f"{row[column]!r} is not in the catalogue; closest: "
                                          f"{', '.join(closest(row[column], catalogue))}", row=n, column=column)


def load_themes(path: Path = THEMES_CSV) -> pd.DataFrame:
    """Harbin's figures by theme (chapter 8): one row per (theme, indicator)."""
    rows = read_rows(path, THEME_COLUMNS)
    _check_indicators(Path(path), rows, ("indicator_zh",))
    return pd.DataFrame(rows, columns=list(THEME_COLUMNS))


def load_ratios(path: Path = RATIOS_CSV) -> pd.DataFrame:
    """Ratios of two printed figures a reader can recompute (chapter 8)."""
    rows = read_rows(path, RATIO_COLUMNS)
    _check_indicators(Path(path), rows, ("numerator", "denominator"))
    for n, row in enumerate(rows, start=2):
        if row["kind"] not in KINDS:
            raise DataFileError(path, f"kind {row['kind']!r} is not one of {', '.join(KINDS)}", row=n, column="kind")
    return pd.DataFrame(rows, columns=list(RATIO_COLUMNS))
