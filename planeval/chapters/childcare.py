"""Childcare places per 1,000 people (每千人口拥有3岁以下婴幼儿托位数): the 4.5 target and what it takes."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planeval.data.lookup import pick, select
from planeval.methods import growth, scenarios

INDICATOR = "每千人口拥有3岁以下婴幼儿托位数"
PLACES_COLUMNS = ("region", "population", "population_source", "target_rate", "target_year", "places_needed")


def default_populations(figures: pd.DataFrame, reference: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """Resident population per region from the data, with where it comes from.

    Harbin: 2020 census (national reference). Qingzhen: the plan's 2020 baseline, 62.91万人 (s003).
    """
    harbin = pick(reference, indicator_zh="常住人口（第七次全国人口普查）", scope="Harbin")
    qingzhen = pick(figures, source="s003", indicator_zh="总人口数", kind="baseline")
    return {
        "harbin": (float(harbin["value"]), f"{harbin['document']} ({harbin['confidence']} confidence)"),
        "qingzhen": (float(qingzhen["value"]) * 1e4, f"Qingzhen plan baseline, row {qingzhen['id']}"),
    }


def local_targets(figures: pd.DataFrame) -> pd.DataFrame:
    """The 4.5-places targets as each source states them (withheld ones included, value empty)."""
    cols = ["id", "source", "region", "value", "comparator", "year", "status", "quote"]
    return select(figures, indicator_zh=INDICATOR, kind="target")[cols].reset_index(drop=True)


def places_needed_table(populations: dict[str, tuple[float, str]], target_rate: float,
                        target_year: int) -> pd.DataFrame:
    """Places needed = population × rate / 1000 for every region."""
    records = [{"region": region, "population": pop, "population_source": src, "target_rate": target_rate,
                "target_year": target_year,
                "places_needed": round(float(scenarios.childcare_places_needed(pop, target_rate)), 1)}
               for region, (pop, src) in populations.items()]
    return pd.DataFrame.from_records(records, columns=list(PLACES_COLUMNS))


def national_series(reference: pd.DataFrame) -> pd.DataFrame:
    """The national series of places per 1,000 people (national context), with its confidence."""
    rows = select(reference, indicator_zh=INDICATOR, kind="reported", scope="national")
    return rows[["year", "value", "confidence", "publisher"]].sort_values("year").reset_index(drop=True)


def required_versus_actual(series: pd.DataFrame, target: float, target_year: int) -> pd.DataFrame:
    """For each year: the growth actually seen since the year before, and the yearly growth still
    required from that year's value to reach the target by the target year (CAGR)."""
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    actual = np.r_[math.nan, growth.cagr(values[:-1], values[1:], np.diff(years))] if len(values) > 1 else [math.nan]
    required = [float(growth.cagr(v, target, target_year - y)) if y < target_year else math.nan
                for y, v in zip(years, values, strict=True)]
    return pd.DataFrame({"year": years, "value": values, "actual_growth_pct": np.round(np.asarray(actual) * 100, 2),
                         "required_growth_pct": np.round(np.asarray(required) * 100, 2),
                         "confidence": series["confidence"].to_numpy()})


def scenario_table(region: str, population: float, target_rate: float, current_places: float | None,
                   base_year: int, target_year: int, occupancy: float, monthly_subsidy: float) -> pd.DataFrame:
    """The chosen region's scenario: places needed, gap, growth required and yearly subsidy cost."""
    needed = float(scenarios.childcare_places_needed(population, target_rate))
    cost = float(scenarios.operating_subsidy_cost(needed, occupancy, monthly_subsidy))
    gap = growth_required = math.nan
    if current_places is not None:
        result = scenarios.childcare_scenario(population, target_rate, current_places, base_year, target_year,
                                              occupancy, monthly_subsidy)
        gap, growth_required = float(result.gap), float(result.annual_growth_required) * 100
    return pd.DataFrame([{
        "region": region, "population": population, "target_rate": target_rate, "target_year": target_year,
        "places_needed": round(needed, 1), "current_places": current_places, "gap": round(gap, 1),
        "annual_growth_required_pct": round(growth_required, 2), "occupancy": occupancy,
        "monthly_subsidy_yuan": monthly_subsidy, "yearly_subsidy_cost_yuan": round(cost, 0),
        "yearly_subsidy_cost_100m_yuan": round(cost / 1e8, 4),
    }])
