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


MAXIMA_CSV = paths.PLACES_DIR / "plausible_maxima.csv"
SHARES_CSV = paths.PLACES_DIR / "audit_shares.csv"
INCREMENTS_CSV = paths.PLACES_DIR / "audit_increments.csv"
BASELINES_CSV = paths.PLACES_DIR / "baseline_observations.csv"
MAXIMA_COLUMNS = ("region", "dimension", "maximum", "why")
SHARE_COLUMNS = ("source", "share", "part", "whole", "year")
INCREMENT_COLUMNS = ("source", "stated", "level")
BASELINE_COLUMNS = ("source", "figure_indicator", "region", "observation_indicator", "year", "note", "note_zh")
#: The region of a bound that holds wherever the place (money per person).
ANY_PLACE = "any"


def _number(path: Path, n: int, column: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(path, f"{column} {text!r} is not a number", row=n, column=column) from None
    if not value > 0:
        raise DataFileError(path, f"{column} {text!r} must be above 0", row=n, column=column)
    return value


def load_plausible_maxima(path: Path = MAXIMA_CSV) -> dict[str, dict[str, float]]:
    """region -> {dimension: largest plausible figure in the dimension's base unit} (orders of magnitude,
    with the reason in the table); region ``any`` holds the bounds that apply wherever the place."""
    from planeval.data.vocab import REGIONS, UNITS

    dimensions = {dimension for dimension, _ in UNITS.values()}
    out: dict[str, dict[str, float]] = {}
    for n, row in enumerate(read_rows(path, MAXIMA_COLUMNS), start=2):
        if row["region"] not in (*REGIONS, ANY_PLACE):
            raise DataFileError(path, f"region {row['region']!r} is not one of {', '.join((*REGIONS, ANY_PLACE))}",
                                row=n, column="region")
        if row["dimension"] not in dimensions:
            raise DataFileError(path, f"dimension {row['dimension']!r} is not a dimension of the units", row=n,
                                column="dimension")
        out.setdefault(row["region"], {})[row["dimension"]] = _number(Path(path), n, "maximum", row["maximum"])
    return out


def _with_indicators(path: Path, columns: tuple[str, ...], checked: tuple[str, ...]) -> pd.DataFrame:
    rows = read_rows(path, columns)
    _check_indicators(Path(path), rows, checked)
    return pd.DataFrame(rows, columns=list(columns))


def load_audit_shares(path: Path = SHARES_CSV) -> pd.DataFrame:
    """Stated shares the audit recomputes from their part and whole (source, share, part, whole, year)."""
    frame = _with_indicators(path, SHARE_COLUMNS, ("share", "part", "whole"))
    return frame.assign(year=frame["year"].astype(int))


def load_audit_increments(path: Path = INCREMENTS_CSV) -> pd.DataFrame:
    """Stated average yearly increments the audit recomputes from the levels (source, stated, level)."""
    return _with_indicators(path, INCREMENT_COLUMNS, ("stated", "level"))


def load_baseline_observations(path: Path = BASELINES_CSV) -> pd.DataFrame:
    """A plan's own baseline figure and the observation of the same fact (the audit compares them)."""
    frame = _with_indicators(path, BASELINE_COLUMNS, ("figure_indicator", "observation_indicator"))
    return frame.assign(year=frame["year"].astype(int))
