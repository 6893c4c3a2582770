"""Small summary tables the website's pages include (written as CSV beside the pages)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planeval.data import load_indicators
from planeval.vocab import KINDS


def figures_by_source(indicators: pd.DataFrame) -> pd.DataFrame:
    """Rows of the figures table counted by source and kind, with the number withheld."""
    counts = pd.crosstab(indicators["source"], indicators["kind"]).reindex(columns=list(KINDS), fill_value=0)
    counts["withheld"] = indicators.groupby("source")["status"].apply(lambda s: int((s == "withheld").sum()))
    counts["total"] = counts[list(KINDS)].sum(axis=1)
    return counts.reset_index()


def write_generated_tables(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    table = figures_by_source(load_indicators())
    path = out_dir / "figures_by_source.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return [path]
