"""Qingzhen's baseline (2016-2020): population, incomes, fiscal figures (chapter 7)."""

from __future__ import annotations

import pandas as pd

from planeval.data.lookup import pick, select
from planeval.methods import growth, units

SOURCE = "s003"
INCOMES = {"urban": "城镇居民人均可支配收入", "rural": "农村常住居民人均可支配收入"}
FISCAL = {"revenue": "公共财政预算收入（地区财政收入）", "spending": "公共财政预算支出",
          "education spending": "地方教育经费支出"}


def population(figures: pd.DataFrame) -> pd.DataFrame:
    total = pick(figures, source=SOURCE, indicator_zh="总人口数")
    women = pick(figures, source=SOURCE, indicator_zh="女性人口数")
    share = pick(figures, source=SOURCE, indicator_zh="女性人口占总人口比例")
    return pd.DataFrame([{
        "year": int(total["year"]), "population": float(units.to_base(total["value"], total["unit"])),
        "women": float(units.to_base(women["value"], women["unit"])),
        "female_share_stated_pct": float(share["value"]),
        "female_share_recomputed_pct": round(float(women["value"] / total["value"] * 100), 3),
        "rows": ", ".join([total["id"], women["id"], share["id"]]),
    }])


def _growth_rows(figures: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    records = []
    for label, indicator in names.items():
        levels = select(figures, source=SOURCE, indicator_zh=indicator).sort_values("year")
        first, last = levels.iloc[0], levels.iloc[-1]
        intervals = int(growth.year_intervals(int(first["year"]), int(last["year"])))
        records.append({
            "series": label, "indicator_zh": indicator, "unit_as_printed": first["unit"],
            "start_year": int(first["year"]), "start": float(first["value"]),
            "end_year": int(last["year"]), "end": float(last["value"]), "intervals": intervals,
            "total_change_pct": round(float(growth.percent_change(first["value"], last["value"])), 2),
            "cagr_pct": round(float(growth.cagr(first["value"], last["value"], intervals)) * 100, 2),
            "average_increment": round(float(growth.average_annual_increment(first["value"], last["value"],
                                                                             intervals)), 2),
            "rows": f"{first['id']}, {last['id']}",
        })
    return pd.DataFrame.from_records(records)


def incomes(figures: pd.DataFrame) -> pd.DataFrame:
    """Urban and rural per-capita disposable income 2016→2020: growth and the stated averages."""
    table = _growth_rows(figures, INCOMES)
    stated = {label: pick(figures, source=SOURCE, indicator_zh=ind + "年均增长额") for label, ind in INCOMES.items()}
    table["stated_average_increment"] = [float(stated[s]["value"]) for s in table["series"]]
    table["divisor_implied_by_statement"] = [
        round(float(growth.implied_divisor(r.start, r.end, r.stated_average_increment)), 3)
        for r in table.itertuples()]
    return table


def urban_rural_ratio(figures: pd.DataFrame) -> pd.DataFrame:
    urban = select(figures, source=SOURCE, indicator_zh=INCOMES["urban"]).set_index("year")["value"]
    rural = select(figures, source=SOURCE, indicator_zh=INCOMES["rural"]).set_index("year")["value"]
    both = pd.concat({"urban": urban, "rural": rural}, axis=1).dropna()
    both["urban_rural_ratio"] = (both["urban"] / both["rural"]).round(3)
    return both.reset_index()


def fiscal(figures: pd.DataFrame) -> pd.DataFrame:
    """Fiscal growth, with each figure also shown as the 万元 it must be (see the audit chapter)."""
    table = _growth_rows(figures, FISCAL)
    as_printed = [units.to_base(r.end, r.unit_as_printed) for r in table.itertuples()]
    table["end_in_yuan_as_printed"] = as_printed
    table["end_in_yuan_if_10k_yuan"] = [units.to_base(r.end, "10k yuan") for r in table.itertuples()]
    return table
