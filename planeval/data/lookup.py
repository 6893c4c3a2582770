"""Finding figures in the figures table by what they are, not by row number."""

from __future__ import annotations

import pandas as pd

from planeval.core.errors import PlanevalError


class MissingFigureError(PlanevalError):
    """A figure a chapter relies on is not in the table (or is there more than once)."""


def select(figures: pd.DataFrame, **conditions: object) -> pd.DataFrame:
    """Rows whose columns equal every given value (``year`` compared as an integer)."""
    mask = pd.Series(True, index=figures.index)
    for column, value in conditions.items():
        mask &= figures[column] == value
    return figures[mask]


def pick(figures: pd.DataFrame, **conditions: object) -> pd.Series:
    """The single row matching ``conditions``; a clear error when there is none or several."""
    rows = select(figures, **conditions)
    if len(rows) != 1:
        described = ", ".join(f"{k}={v!r}" for k, v in conditions.items())
        raise MissingFigureError(f"expected exactly one figure with {described}, found {len(rows)}")
    return rows.iloc[0]


def with_extra(figures: pd.DataFrame, extra: pd.DataFrame | None) -> pd.DataFrame:
    """The figures table with a researcher's new observations appended (ids must stay unique)."""
    if extra is None or extra.empty:
        return figures
    clash = sorted(set(extra["id"]) & set(figures["id"]))
    if clash:
        raise PlanevalError(f"extra_observations: id {clash[0]!r} is already used in the figures table; "
                            "use new ids")
    return pd.concat([figures, extra[figures.columns]], ignore_index=True)
