"""Chapter 3, childcare places per 1,000 people (每千人口拥有3岁以下婴幼儿托位数): the 4.5 target and what
it takes — places needed, the national series against the line, growth required, the subsidy's cost."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.data.lookup import pick, select
from planeval.data.series import observed_series
from planeval.methods import growth, scenarios
from planeval.report import format as fmt
from planeval.report.labels import Label, place, status
from planeval.report.statements import Statement

INDICATOR = "每千人口拥有3岁以下婴幼儿托位数"
#: The indicators this chapter treats (their pages link here).
TREATS = (INDICATOR,)
PLACES_COLUMNS = ("region", "population", "population_source", "target_rate", "target_year", "places_needed")
SCENARIO_COLUMNS = ("region", "population", "target_rate", "target_year", "places_needed", "current_places", "gap",
                    "annual_growth_required_pct", "occupancy", "monthly_subsidy_yuan", "yearly_subsidy_cost_yuan",
                    "yearly_subsidy_cost_100m_yuan")


def default_populations(figures: pd.DataFrame, reference: pd.DataFrame) -> dict[str, tuple[float, str]]:
    """Resident population per region from the data, with where it comes from.

    Harbin: 2020 census (national reference). Qingzhen: the plan's 2020 baseline, 62.91万人 (s003).
    """
    harbin = pick(reference, indicator_zh="常住人口（第七次全国人口普查）", scope="Harbin")
    qingzhen = pick(figures, source="s003", indicator_zh="总人口数", kind="baseline")
    # Each source is named in both languages, a line each: the page shows its edition's line.
    confidence = status(harbin["confidence"])
    return {
        "harbin": (float(harbin["value"]), f"{harbin['document']}（可信度{confidence.zh}）\n"
                                           f"{harbin['publisher']}, 2020 census bulletin ({confidence.en} confidence)"),
        "qingzhen": (float(qingzhen["value"]) * 1e4, f"清镇规划基线（数据行 {qingzhen['id']}）\n"
                                                     f"Qingzhen plan baseline, row {qingzhen['id']}"),
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


def national_series(inputs: Inputs) -> pd.DataFrame:
    """The national series of places per 1,000 people (national context), from the observations table."""
    series = observed_series(inputs.observations, INDICATOR, "national")
    return series[["year", "value", "confidence", "documents"]]


def required_versus_actual(series: pd.DataFrame, target: float, target_year: int) -> pd.DataFrame:
    """For each year: the growth actually seen since the year before, and the yearly growth still
    required from that year's value to reach the target by the target year (CAGR). A target already met
    needs no growth (0)."""
    years = series["year"].to_numpy(dtype=int)
    values = series["value"].to_numpy(dtype=float)
    actual = (np.r_[math.nan, growth.cagr(values[:-1], values[1:], np.diff(years))] if len(values) > 1
              else [math.nan] * len(values))
    required = [max(0.0, float(growth.cagr(v, target, target_year - y))) if y < target_year and v > 0 else math.nan
                for y, v in zip(years, values, strict=True)]
    return pd.DataFrame({"year": years, "value": values, "actual_growth_pct": np.round(np.asarray(actual) * 100, 2),
                         "required_growth_pct": np.round(np.asarray(required) * 100, 2),
                         "confidence": series["confidence"].to_numpy()})


def scenario_table(region: str, population: float, target_rate: float, current_places: float | None,
                   base_year: int, target_year: int, occupancy: float, monthly_subsidy: float) -> pd.DataFrame:
    """The chosen region's scenario: places needed, gap, growth required and yearly subsidy cost.

    The growth required needs places to grow from: with no current places given, or zero, it is left
    empty (and the answers say why), as is the gap when the current number is not known.
    """
    needed = float(scenarios.childcare_places_needed(population, target_rate))
    cost = float(scenarios.operating_subsidy_cost(needed, occupancy, monthly_subsidy))
    gap = growth_required = math.nan
    if current_places is not None:
        gap = float(scenarios.childcare_gap(needed, current_places))
        if current_places > 0:
            growth_required = float(scenarios.required_annual_growth(current_places, needed, base_year,
                                                                     target_year)) * 100
    return pd.DataFrame([{
        "region": region, "population": population, "target_rate": target_rate, "target_year": target_year,
        "places_needed": round(needed, 1), "current_places": current_places, "gap": round(gap, 1),
        "annual_growth_required_pct": round(growth_required, 2), "occupancy": occupancy,
        "monthly_subsidy_yuan": monthly_subsidy, "yearly_subsidy_cost_yuan": round(cost, 0),
        "yearly_subsidy_cost_100m_yuan": round(cost / 1e8, 4),
    }], columns=list(SCENARIO_COLUMNS))


def answers(places: pd.DataFrame, scenario: pd.DataFrame, national: pd.DataFrame, targets: pd.DataFrame,
            target_rate: float, target_year: int) -> list[Statement]:
    """The chapter's answers, from its tables."""
    out = []
    for row in places[places["region"] != "national"].itertuples():
        name = place(row.region)
        out.append(Statement(
            f"{name.zh}按每千人口{fmt.number(target_rate)}个托位的目标，{target_year}年需要约"
            f"{fmt.number(row.places_needed, 0)}个托位（常住人口{fmt.chinese_count(row.population)}人）。",
            f"At {fmt.number(target_rate)} places per 1,000 people, {name.en} needs about "
            f"{fmt.number(row.places_needed, 0)} childcare places by {target_year} (population "
            f"{fmt.number(row.population, 0)}).", "places_needed"))
    if len(national):
        last = national.iloc[-1]
        gap = target_rate - last["value"]
        pace = national.iloc[-1]["actual_growth_pct"] if "actual_growth_pct" in national else math.nan
        need = last["required_growth_pct"]
        verdict_zh = "已达到目标" if gap <= 0 else (
            f"需每年增长{fmt.number(need, 1)}%，近一年实际增长{fmt.number(pace, 1)}%，"
            + ("按此速度可按期达标" if pace >= need else "按此速度难以按期达标"))
        verdict_en = "the target is met" if gap <= 0 else (
            f"it must grow {fmt.number(need, 1)}% a year; it grew {fmt.number(pace, 1)}% in the latest year, "
            + ("enough to reach it in time" if pace >= need else "not enough to reach it in time"))
        out.append(Statement(
            f"全国每千人口托位数{int(last['year'])}年为{fmt.number(last['value'])}个，距{target_year}年"
            f"{fmt.number(target_rate)}个的目标差{fmt.number(max(gap, 0), 2)}个：{verdict_zh}（全国情况，作参照）。",
            f"Nationally there were {fmt.number(last['value'])} places per 1,000 people in {int(last['year'])}, "
            f"{fmt.number(max(gap, 0), 2)} short of {fmt.number(target_rate)} by {target_year}: {verdict_en} "
            "(national context).", "national_growth", "on_track"))
    row = scenario.iloc[0]
    name = place(row["region"])
    out.append(Statement(
        f"按每人每月{fmt.number(row['monthly_subsidy_yuan'])}元补贴、{fmt.percent(row['occupancy'], 0)}入托率，"
        f"{name.zh}达到目标后每年运营补贴约{fmt.number(row['yearly_subsidy_cost_yuan'] / 1e8, 2)}亿元。",
        f"With {fmt.number(row['monthly_subsidy_yuan'])} yuan a month per child and {fmt.percent(row['occupancy'], 0)} "
        f"of places taken, the operating subsidy at the target costs {name.en} about "
        f"{fmt.number(row['yearly_subsidy_cost_yuan'] / 1e6, 0)} million yuan a year.", "scenario"))
    if pd.isna(row["current_places"]):
        out.append(Statement(
            "哈尔滨和清镇均未公布现有托位数，因此无法计算缺口和所需增速（可用参数 current_places 重算）。",
            "Neither Harbin nor Qingzhen prints its current number of places, so the gap and the growth "
            "required cannot be computed (rerun with the parameter current_places).", "scenario"))
    elif row["current_places"] == 0:
        out.append(Statement(
            f"现有托位数为0时没有增长基数：{name.zh}需新建全部{fmt.number(row['places_needed'], 0)}个托位。",
            f"With no places today there is no growth rate: {name.en} must create all "
            f"{fmt.number(row['places_needed'], 0)} places.", "scenario"))
    else:
        out.append(Statement(
            f"{name.zh}现有{fmt.number(row['current_places'], 0)}个托位，缺口{fmt.number(row['gap'], 0)}个，"
            f"需每年增长{fmt.number(row['annual_growth_required_pct'], 1)}%。",
            f"{name.en} has {fmt.number(row['current_places'], 0)} places: {fmt.number(row['gap'], 0)} to create, "
            f"{fmt.number(row['annual_growth_required_pct'], 1)}% growth a year.", "scenario"))
    withheld = targets[targets["status"] == "withheld"]
    if len(withheld):
        out.append(Statement(
            f"省级讲话对同一指标的目标值以“**”代替，未公布（{len(withheld)}处）。",
            f"The provincial speech withholds its value for the same indicator (printed as **, {len(withheld)} "
            "time(s)).", "targets"))
    return out


def compute(region: str = "harbin", population: float | None = None, national_population: float = 1408280000.0,
            current_places: float | None = None, target_rate: float = 4.5, base_year: int = 2022,
            target_year: int = 2025, monthly_subsidy: float = 200.0, occupancy: float = 0.8, *,
            inputs: Inputs | None = None) -> Chapter:
    inputs = inputs or shared_inputs()
    targets = local_targets(inputs.figures)
    populations = default_populations(inputs.figures, inputs.reference)
    populations["national"] = (national_population, "参数 national_population\nparameter national_population")
    if population is not None:
        populations[region] = (population, "参数 population\nparameter population")
    places = places_needed_table(populations, target_rate, target_year)
    scenario = scenario_table(region, populations[region][0], target_rate, current_places, base_year, target_year,
                              occupancy, monthly_subsidy)
    series = national_series(inputs)
    national = required_versus_actual(series, target_rate, target_year)
    return Chapter(
        tables={"targets": targets, "places_needed": places, "scenario": scenario, "national_series": series,
                "national_growth": national},
        answers=answers(places, scenario, national, targets, target_rate, target_year))


def describe_series(series: pd.DataFrame, target_rate: float, target_year: int) -> Label:
    """The chart's alt text: the series in one sentence per language."""
    first, last = series.iloc[0], series.iloc[-1]
    y0, y1, v0, v1 = int(first["year"]), int(last["year"]), fmt.number(first["value"]), fmt.number(last["value"])
    rate = fmt.number(target_rate)
    return Label(f"折线图：全国每千人口托位数，{y0}年至{y1}年由{v0}变为{v1}；虚线为{target_year}年目标{rate}。",
                 f"Line chart: national childcare places per 1,000 people from {y0} to {y1}, from {v0} to {v1}, "
                 f"against the dashed target line at {rate} for {target_year}.")
