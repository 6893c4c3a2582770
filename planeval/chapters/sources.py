"""Summaries of the figures table by source, kind, domain and status (chapter 1 and the site)."""

from __future__ import annotations

import pandas as pd

from planeval.data.vocab import DOMAINS, KINDS
from planeval.methods.compare import VERDICTS


def counts_by(figures: pd.DataFrame, rows: str, columns: str, order: tuple[str, ...]) -> pd.DataFrame:
    """Cross-tabulation with every allowed column value present (zeros kept) and a total column."""
    table = pd.crosstab(figures[rows], figures[columns]).reindex(columns=list(order), fill_value=0)
    table = table.loc[:, table.sum() > 0] if columns == "domain" else table
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def kinds_by_source(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures per source and kind, with the total and the number the source withholds."""
    table = counts_by(figures, "source", "kind", KINDS)
    withheld_counts = figures[figures["status"] == "withheld"].groupby("source").size()
    table["withheld"] = table["source"].map(withheld_counts).fillna(0).astype(int)
    return table


def domains_by_source(figures: pd.DataFrame) -> pd.DataFrame:
    return counts_by(figures, "source", "domain", DOMAINS)


def withheld(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a source withholds (printed as ``**``), with the quote that shows it."""
    cols = ["id", "source", "indicator_zh", "indicator_en", "comparator", "year", "quote", "notes"]
    return figures.loc[figures["status"] == "withheld", cols].reset_index(drop=True)


def flagged(figures: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Rows whose notes match the regular expression ``pattern`` (OCR, implausible, duplicate ...)."""
    mask = figures["notes"].str.contains(pattern, case=False, regex=True)
    return figures.loc[mask, ["id", "source", "indicator_zh", "value", "unit", "notes"]].reset_index(drop=True)


def source_table(sources: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One line per document: what it is and how many figures of each kind it holds."""
    counts = kinds_by_source(figures).rename(columns={"source": "id"})
    cols = ["id", "title_zh", "title_en", "kind", "place", "date", "publisher"]
    return sources[cols].rename(columns={"kind": "document"}).merge(counts, on="id", how="left")


TARGET_COLUMNS = ["id", "region", "domain", "indicator_zh", "indicator_en", "comparator", "value", "unit",
                  "year", "status", "quote"]


def targets(figures: pd.DataFrame, *, region: str = "all", include_withheld: bool = True) -> pd.DataFrame:
    """The targets of the figures table, optionally of one region and without withheld values."""
    rows = figures[figures["kind"] == "target"]
    if region != "all":
        rows = rows[rows["region"] == region]
    if not include_withheld:
        rows = rows[rows["status"] != "withheld"]
    return rows[TARGET_COLUMNS].sort_values(["region", "domain", "id"], kind="stable").reset_index(drop=True)


def verdict_counts(comparison: pd.DataFrame) -> pd.DataFrame:
    """Number of local-national comparisons of each verdict, per region (zeros kept)."""
    table = pd.crosstab(comparison["region"], comparison["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()
