"""Harbin's orphan allowances: stated standards, stated increases checked, implied and projected values.

The standards are monthly amounts per child for two care types: institutional care (机构养育) and
dispersed (family-based) care (散居). The city's indexation rule (s000, line 37) adjusts them every
year by the growth of urban households' per-capita consumption spending in the previous year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planeval.methods import checks, growth, scenarios
from planeval.methods.checks import Finding

#: care type -> (indicator of the standard, indicator of its stated increase)
CATEGORIES = {
    "institutional": ("机构养育孤儿基本生活费标准", "机构养育孤儿基本生活费标准增幅"),
    "dispersed": ("散居孤儿基本生活费标准", "散居孤儿基本生活费标准增幅"),
}
SERIES_COLUMNS = ("year", "category", "value", "status", "rows")
PROJECTION_COLUMNS = ("year", "category", "central", "low", "high")


def _by_year(figures: pd.DataFrame, indicator: str, region: str) -> pd.DataFrame:
    """Stated values of one indicator, one line per year (sources agreeing on a year are merged)."""
    rows = figures[(figures["indicator_zh"] == indicator) & (figures["region"] == region)
                   & (figures["status"] == "stated")]
    grouped = rows.groupby("year", sort=True).agg(value=("value", "first"), values=("value", "nunique"),
                                                  value_text=("value_text", "first"),
                                                  rows=("id", lambda s: ", ".join(s)))
    return grouped.reset_index()


def stated_levels(figures: pd.DataFrame, region: str = "harbin") -> pd.DataFrame:
    frames = [_by_year(figures, level, region).assign(category=cat) for cat, (level, _) in CATEGORIES.items()]
    return pd.concat(frames, ignore_index=True)


def stated_increases(figures: pd.DataFrame, region: str = "harbin") -> pd.DataFrame:
    frames = [_by_year(figures, inc, region).assign(category=cat) for cat, (_, inc) in CATEGORIES.items()]
    return pd.concat(frames, ignore_index=True)


def increase_findings(figures: pd.DataFrame, region: str = "harbin") -> list[Finding]:
    """Each stated increase checked against the stated standards of that year and the year before;
    an increase whose previous standard is not printed gives a warn naming the implied value."""
    levels = stated_levels(figures, region).set_index(["category", "year"])
    found = []
    for inc in stated_increases(figures, region).itertuples():
        after = levels.loc[(inc.category, inc.year)] if (inc.category, inc.year) in levels.index else None
        before = levels.loc[(inc.category, inc.year - 1)] if (inc.category, inc.year - 1) in levels.index else None
        if after is None:
            continue
        involved = ([] if before is None else [before["rows"]]) + [after["rows"], inc.rows]
        rows = tuple(", ".join(involved).split(", "))
        if before is None:
            implied = float(growth.previous_value(after["value"], inc.value))
            found.append(Finding("increase", "warn", rows, inc.value, None,
                                 f"{inc.category} {inc.year}: the standard before the stated +{inc.value_text}% "
                                 f"is not printed; {after['value']:g} implies {implied:.2f} in {inc.year - 1}."))
        else:
            found.append(checks.check_increase(before["value"], after["value"], inc.value, inc.value_text, rows))
    return found


def series(figures: pd.DataFrame, region: str = "harbin") -> pd.DataFrame:
    """Stated standards, plus the previous year's standard implied by a stated increase where not printed."""
    levels = stated_levels(figures, region)
    records = [{"year": int(r.year), "category": r.category, "value": float(r.value), "status": "stated",
                "rows": r.rows} for r in levels.itertuples()]
    have = {(r["category"], r["year"]) for r in records}
    for inc in stated_increases(figures, region).itertuples():
        after = levels[(levels["category"] == inc.category) & (levels["year"] == inc.year)]
        if after.empty or (inc.category, inc.year - 1) in have:
            continue
        implied = float(growth.previous_value(after["value"].iloc[0], inc.value))
        records.append({"year": int(inc.year) - 1, "category": inc.category, "value": round(implied, 2),
                        "status": "implied", "rows": f"{after['rows'].iloc[0]}, {inc.rows}"})
    out = pd.DataFrame.from_records(records, columns=list(SERIES_COLUMNS))
    return out.sort_values(["category", "year"], kind="stable").reset_index(drop=True)


def projection(stated: pd.DataFrame, distribution, horizon: int, *, draws: int, seed: int,
               band: tuple[float, float] = (0.05, 0.95)) -> pd.DataFrame:
    """Project each category from its latest stated standard: p(t+1) = p(t)(1 + g(t)), g drawn from
    ``distribution`` (:class:`planeval.methods.scenarios.Normal` or a frozen scipy.stats distribution), with the
    median as central value and the ``band`` quantiles as low and high. The same seed gives the same
    numbers."""
    records = []
    for category, group in stated[stated["status"] == "stated"].groupby("category", sort=True):
        last = group.sort_values("year").iloc[-1]
        steps = int(horizon) - int(last["year"])
        if steps < 1:
            continue
        paths = scenarios.simulate_allowance(last["value"], distribution, steps, draws=draws, seed=seed)
        low, mid, high = scenarios.quantile_bands(paths, (band[0], 0.5, band[1]))
        for k in range(1, steps + 1):
            records.append({"year": int(last["year"]) + k, "category": category, "central": round(float(mid[k]), 2),
                            "low": round(float(low[k]), 2), "high": round(float(high[k]), 2)})
    return pd.DataFrame.from_records(records, columns=list(PROJECTION_COLUMNS))


def with_projection(stated: pd.DataFrame, projected: pd.DataFrame) -> pd.DataFrame:
    """The series table with projected central values appended (status ``projected``)."""
    extra = projected.rename(columns={"central": "value"})[["year", "category", "value"]].assign(
        status="projected", rows="")
    return pd.concat([stated, extra], ignore_index=True)[list(SERIES_COLUMNS)]


def care_ratio(full: pd.DataFrame) -> pd.DataFrame:
    """Dispersed-care standard as a share of the institutional one, per year where both are known."""
    wide = full.pivot_table(index="year", columns="category", values="value", aggfunc="first")
    wide = wide.dropna(subset=[c for c in ("institutional", "dispersed") if c in wide.columns])
    ratio = scenarios.care_ratio(wide["dispersed"].to_numpy(), wide["institutional"].to_numpy())
    return pd.DataFrame({"year": wide.index.astype(int), "dispersed_over_institutional": np.round(ratio, 4)})


def describe(full: pd.DataFrame, horizon: int) -> str:
    """A one-sentence description of the series (the chart's alt text)."""
    parts = []
    for category, group in full.groupby("category", sort=True):
        first, last_stated = group.iloc[0], group[group["status"] == "stated"].iloc[-1]
        parts.append(f"{category} care from {'an implied ' if first['status'] == 'implied' else ''}"
                     f"{first['value']:g} yuan in {int(first['year'])} to {last_stated['value']:g} yuan in "
                     f"{int(last_stated['year'])}")
    return ("Line chart of Harbin's monthly orphan allowances per child: " + "; ".join(parts)
            + f"; projected with an uncertainty band to {horizon}.")
