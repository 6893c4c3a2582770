"""Chapter 7, Qingzhen's baseline (清镇基本情况, 2016-2020): population, incomes, fiscal figures."""

from __future__ import annotations

import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.data.lookup import pick, select
from planeval.methods import growth, units
from planeval.report import format as fmt
from planeval.report.statements import Statement

SOURCE = "s003"
INCOMES = {"urban": "城镇居民人均可支配收入", "rural": "农村常住居民人均可支配收入"}
FISCAL = {"revenue": "公共财政预算收入（地区财政收入）", "spending": "公共财政预算支出",
          "education spending": "地方教育经费支出"}
#: The indicators this chapter treats (their pages link here).
TREATS = ("总人口数", "女性人口数", "女性人口占总人口比例", *INCOMES.values(),
          *(name + "年均增长额" for name in INCOMES.values()), *FISCAL.values())


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


def answers(people: pd.DataFrame, income: pd.DataFrame, ratio: pd.DataFrame, money: pd.DataFrame
            ) -> list[Statement]:
    row = people.iloc[0]
    year, total, women = int(row["year"]), fmt.number(row["population"]), fmt.number(row["women"])
    share, printed = fmt.number(row["female_share_recomputed_pct"], 1), fmt.number(row["female_share_stated_pct"])
    out = [Statement(
        f"清镇{year}年常住人口{total}人，其中女性{women}人，占{share}%（原文{printed}%，相符）。",
        f"Qingzhen had {total} residents in {year}, {women} of them women: {share}% (the plan prints {printed}%, "
        "which holds).", "population")]
    for r in income.itertuples():
        zh, en = {"urban": ("城镇居民", "Urban"), "rural": ("农村常住居民", "Rural")}[r.series]
        start, end, cagr = fmt.number(r.start), fmt.number(r.end), fmt.number(r.cagr_pct, 1)
        stated, divisor = fmt.number(r.stated_average_increment, 1), fmt.number(r.divisor_implied_by_statement, 0)
        right, span = fmt.number(r.average_increment, 0), f"{r.start_year}—{r.end_year}"
        out.append(Statement(
            f"{zh}人均可支配收入{span}年从{start}元增至{end}元，年均增长{cagr}%；原文所称年均增长额{stated}元"
            f"是除以{divisor}得出的，而{span}年只有{r.intervals}个间隔，应为{right}元。",
            f"{en} per-capita disposable income rose from {start} to {end} yuan in {span}, {cagr}% a year; the "
            f"stated average increase of {stated} yuan divides by {divisor}, but {span} has {r.intervals} "
            f"intervals: it is {right} yuan.", "incomes", "holds"))
    first, last = ratio.iloc[0], ratio.iloc[-1]
    before, after = fmt.number(first["urban_rural_ratio"]), fmt.number(last["urban_rural_ratio"])
    out.append(Statement(f"城乡收入比{int(first['year'])}年为{before}，{int(last['year'])}年为{after}。",
                         f"The urban/rural income ratio went from {before} ({int(first['year'])}) to {after} "
                         f"({int(last['year'])}).", "urban_rural_ratio"))
    revenue = money[money["series"] == "revenue"].iloc[0]
    year, printed = int(revenue["end_year"]), fmt.number(revenue["end"])
    trillions = fmt.number(revenue["end_in_yuan_as_printed"] / 1e12, 1)
    plausible = fmt.number(revenue["end_in_yuan_if_10k_yuan"] / 1e8, 2)
    out.append(Statement(
        f"财政数字印作“亿元”：{year}年财政收入{printed}亿元即{trillions}万亿元，超过全国财政收入，只有按“万元”"
        f"（{plausible}亿元）才合理——这是一个单位错误，其他财政比例不受影响。",
        f"The fiscal figures are printed in 亿元 (100 million yuan): {year} revenue of {printed} 亿元 would be "
        f"{trillions} trillion yuan, more than the nation's; only in 万元 ({plausible} 亿元) is it plausible — one "
        "unit slip, which leaves the shares untouched.", "fiscal"))
    return out


def compute(decimals: int = 2, *, inputs: Inputs | None = None) -> Chapter:
    inputs = inputs or shared_inputs()
    figures = inputs.figures
    people, income, ratio, money = population(figures), incomes(figures), urban_rural_ratio(figures), fiscal(figures)
    return Chapter(tables={"population": people, "incomes": income.round(decimals), "urban_rural_ratio": ratio,
                           "fiscal": money.round(decimals)},
                   answers=answers(people, income, ratio, money))
