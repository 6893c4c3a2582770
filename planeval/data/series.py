"""Observed series of one indicator in one place, from the observations table, one value per year.

Rows of the same year are reconciled (:func:`planeval.data.observations.reconcile`): a value printed by
several documents is one observation citing all of them; disagreeing values are all kept in the
conflicts table and one is used by the stated rule.
"""

from __future__ import annotations

import pandas as pd

from planeval.data.observations import reconcile

SERIES_COLUMNS = ("year", "value", "unit", "confidence", "documents", "ids", "conflict", "sentence", "address")


def observed_series(observations: pd.DataFrame, indicator_zh: str, region: str) -> pd.DataFrame:
    """The series of ``indicator_zh`` in ``region`` (one row per year, oldest first)."""
    rows = observations[(observations["indicator_zh"] == indicator_zh) & (observations["region"] == region)]
    if rows.empty:
        return pd.DataFrame(columns=list(SERIES_COLUMNS))
    used, _ = reconcile(rows)
    return used.sort_values("year")[list(SERIES_COLUMNS)].reset_index(drop=True)


def all_series(observations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every observation reconciled: (used, conflicts)."""
    return reconcile(observations)
