"""Chapter 2, the targets: what the plans promise, region by region and domain by domain, and how each
local target compares with the national target for the same indicator."""

from __future__ import annotations

import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.chapters.sources import counts_by
from planeval.data.vocab import DOMAINS
from planeval.methods import compare
from planeval.methods.compare import VERDICTS
from planeval.report import format as fmt
from planeval.report.labels import DOMAINS as DOMAIN_LABELS
from planeval.report.labels import place
from planeval.report.statements import Statement

TARGET_COLUMNS = ["id", "region", "domain", "indicator_zh", "indicator_en", "comparator", "value", "unit",
                  "year", "status", "quote"]
#: The columns the comparison shows on the page (the CSV has them all).
COMPARISON_SHOWN = ["indicator_zh", "region", "local_comparator", "local_value", "local_year", "reference_value",
                    "reference_year", "verdict", "caveat"]


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


def answers(catalogue: pd.DataFrame, comparison: pd.DataFrame) -> list[Statement]:
    by_region = catalogue.groupby("region").size()
    withheld = int((catalogue["status"] == "withheld").sum())
    counts = comparison["verdict"].value_counts()
    out = [Statement(
        f"{len(catalogue)}个量化目标（" + "、".join(f"{place(r).zh}{n}" for r, n in by_region.items())
        + f"），{withheld}个未公布数值；与国家目标相比，更严{counts.get('stricter', 0)}个、"
          f"更宽{counts.get('looser', 0)}个。",
        f"{len(catalogue)} quantified targets (" + ", ".join(f"{place(r).en} {n}" for r, n in by_region.items())
        + f"), {withheld} without their value; against the national targets {counts.get('stricter', 0)} are "
          f"stricter, {counts.get('looser', 0)} looser.", "catalogue", "promised", headline=True)]
    parts_zh = "、".join(f"{place(r).zh}{n}个" for r, n in by_region.items())
    parts_en = ", ".join(f"{place(r).en} {n}" for r, n in by_region.items())
    out.append(Statement(
        f"各文件共载有{len(catalogue)}个量化目标：{parts_zh}（同一发布会的两篇报道重复的目标各计一次）；"
        f"其中{withheld}个目标值未公布（原文以“**”代替）。",
        f"The documents state {len(catalogue)} quantified targets: {parts_en} (a target both reports of one press "
        f"conference print is counted in each); {withheld} of them withhold their value (printed as **).",
        "catalogue", "promised"))
    top = catalogue.groupby("domain").size().sort_values(ascending=False, kind="stable").head(3)
    out.append(Statement(
        "目标最多的领域：" + "、".join(f"{DOMAIN_LABELS[d].zh}（{n}个）" for d, n in top.items()) + "。",
        "The domains with most targets: " + ", ".join(f"{DOMAIN_LABELS[d].en} ({n})" for d, n in top.items()) + ".",
        "targets_by_region_domain"))
    comparable = int(len(comparison) - counts.get("not comparable", 0))
    out.append(Statement(
        f"与同一指标的国家目标相比（{len(comparison)}组比较，{comparable}组可比）：更严{counts.get('stricter', 0)}组，"
        f"相同{counts.get('equal', 0)}组，更宽{counts.get('looser', 0)}组。",
        f"Against the national target for the same indicator ({len(comparison)} comparisons, {comparable} "
        f"comparable): {counts.get('stricter', 0)} stricter, {counts.get('equal', 0)} equal, "
        f"{counts.get('looser', 0)} looser.", "comparison", "promised"))
    looser = comparison[comparison["verdict"] == "looser"]
    if len(looser):
        examples_zh = "；".join(f"{place(r.region).zh}{r.indicator_zh}{fmt.number(r.local_value)}"
                               f"（{int(r.local_year)}年）"
                               f"对国家{fmt.number(r.reference_value)}（{int(r.reference_year)}年）"
                               for r in looser.head(3).itertuples())
        examples_en = "; ".join(f"{place(r.region).en} {r.indicator_en} {fmt.number(r.local_value)} "
                                f"({int(r.local_year)}) against {fmt.number(r.reference_value)} "
                                f"({int(r.reference_year)})" for r in looser.head(3).itertuples())
        out.append(Statement(
            f"较宽的目标多为2025年的本地目标对2030年的国家目标，未必偏离国家路径：{examples_zh}。",
            f"The looser ones are mostly 2025 local targets against 2030 national ones, which need not be off the "
            f"national path: {examples_en}.", "comparison"))
    return out


def compute(region: str = "all", include_withheld: bool = True, *, inputs: Inputs | None = None) -> Chapter:
    inputs = inputs or shared_inputs()
    catalogue = targets(inputs.figures, region=region, include_withheld=include_withheld)
    comparison = compare.compare_frame(inputs.figures, inputs.reference)
    if region != "all":
        comparison = comparison[comparison["region"] == region].reset_index(drop=True)
    return Chapter(
        tables={"targets_by_region_domain": counts_by(catalogue, "region", "domain", DOMAINS),
                "catalogue": catalogue, "comparison": comparison, "verdict_counts": verdict_counts(comparison)},
        answers=answers(catalogue, comparison))
