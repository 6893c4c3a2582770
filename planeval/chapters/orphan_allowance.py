"""Chapter 4, Harbin's orphan allowances (孤儿基本生活费): stated standards, stated increases checked, implied
and projected values.

The standards are monthly amounts per child for two care types: institutional care (机构养育) and
dispersed (family-based) care (散居). The city's indexation rule (s000, line 37) adjusts them every
year by the growth of urban households' per-capita consumption spending in the previous year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.data.lookup import with_extra
from planeval.data.observations import reconcile
from planeval.methods import checks, growth, scenarios
from planeval.methods.checks import Finding
from planeval.report import format as fmt
from planeval.report.labels import Label
from planeval.report.statements import Statement

#: The two kinds of care the allowances are paid for, as the sources name them.
CARE = {"institutional": Label("机构养育", "institutional care"), "dispersed": Label("社会散居", "dispersed care")}

#: care type -> (indicator of the standard, indicator of its stated increase)
CATEGORIES = {
    "institutional": ("机构养育孤儿基本生活费标准", "机构养育孤儿基本生活费标准增幅"),
    "dispersed": ("散居孤儿基本生活费标准", "散居孤儿基本生活费标准增幅"),
}
#: The indicators this chapter treats (their pages link here).
TREATS = tuple(name for pair in CATEGORIES.values() for name in pair)
SERIES_COLUMNS = ("year", "category", "value", "status", "rows")
PROJECTION_COLUMNS = ("year", "category", "central", "low", "high")
#: The lowest yearly growth a simulated path takes: an allowance cannot fall by 100% or more in a year.
GROWTH_FLOOR = -0.99


def _by_year(figures: pd.DataFrame, indicator: str, region: str) -> pd.DataFrame:
    """Stated values of one indicator, one line per year.

    Sources agreeing on a year are one line citing every row; sources that disagree are reconciled by the
    rule of :func:`planeval.data.observations.reconcile` (the later document's figure is used; a
    researcher's new observation, which has no date, never silently replaces a printed one) and the
    disagreement is kept in ``conflict``.
    """
    rows = figures[(figures["indicator_zh"] == indicator) & (figures["region"] == region)
                   & (figures["status"] == "stated")]
    if rows.empty:
        return pd.DataFrame(columns=["year", "value", "value_text", "rows", "conflict"])
    used, _ = reconcile(rows.assign(year=rows["year"].astype(int)))
    used = used.rename(columns={"ids": "rows"}).sort_values("year")
    used["rows"] = used["rows"].str.replace("; ", ", ")
    return used[["year", "value", "value_text", "rows", "conflict"]].reset_index(drop=True)


def conflicts(figures: pd.DataFrame, region: str = "harbin") -> pd.DataFrame:
    """Every row of a standard or an increase whose year has disagreeing values, with the one used."""
    names = [name for pair in CATEGORIES.values() for name in pair]
    rows = figures[figures["indicator_zh"].isin(names) & (figures["region"] == region)
                   & (figures["status"] == "stated")]
    columns = ["id", "source", "indicator_zh", "year", "value", "used"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    _, found = reconcile(rows.assign(year=rows["year"].astype(int)))
    return found[columns] if len(found) else pd.DataFrame(columns=columns)


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
                                 f"is not printed; {after['value']:g} implies {implied:.2f} in {inc.year - 1}.",
                                 explanation_zh=f"{CARE[inc.category].zh if inc.category in CARE else inc.category}"
                                                f"{inc.year}年：所述增幅+{inc.value_text}%之前的标准未印出；由"
                                                f"{after['value']:g}推算{inc.year - 1}年为{implied:.2f}。"))
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
        paths = scenarios.simulate_allowance(last["value"], distribution, steps, draws=draws, seed=seed,
                                             floor=GROWTH_FLOOR)
        low, mid, high = scenarios.quantile_bands(paths, (band[0], 0.5, band[1]))
        for k in range(1, steps + 1):
            records.append({"year": int(last["year"]) + k, "category": category, "central": float(mid[k]),
                            "low": float(low[k]), "high": float(high[k])})
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
    wide = wide[(wide["institutional"] > 0) & (wide["dispersed"] > 0)]  # a ratio needs both standards
    ratio = scenarios.care_ratio(wide["dispersed"].to_numpy(), wide["institutional"].to_numpy())
    return pd.DataFrame({"year": wide.index.astype(int), "dispersed_over_institutional": np.round(ratio, 4)})


def describe(full: pd.DataFrame, horizon: int) -> Label:
    """A one-sentence description of the series in each language (the chart's alt text)."""
    parts_zh, parts_en = [], []
    for category, group in full.groupby("category", sort=True):
        first, last_stated = group.iloc[0], group[group["status"] == "stated"].iloc[-1]
        implied = first["status"] == "implied"
        y0, y1 = int(first["year"]), int(last_stated["year"])
        parts_en.append(f"{category} care from {'an implied ' if implied else ''}{first['value']:g} yuan in {y0} "
                        f"to {last_stated['value']:g} yuan in {y1}")
        parts_zh.append(f"{CARE[category].zh}由{y0}年的{first['value']:g}元{'（推算）' if implied else ''}"
                        f"增至{y1}年的{last_stated['value']:g}元")
    return Label("哈尔滨孤儿每人每月基本生活费折线图：" + "；".join(parts_zh)
                 + f"；预测至{horizon}年，附不确定性区间。",
                 "Line chart of Harbin's monthly orphan allowances per child: " + "; ".join(parts_en)
                 + f"; projected with an uncertainty band to {horizon}.")


def with_released(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The figures with the date of their document (``released``): the reconciliation rule prefers the later
    document; a researcher's own rows have none."""
    dates = dict(zip(sources["id"], sources["date"], strict=True))
    return figures.assign(released=figures["source"].map(dates).fillna(""))


def answers(findings: pd.DataFrame, full: pd.DataFrame, ratio: pd.DataFrame, projected: pd.DataFrame,
            found_conflicts: pd.DataFrame, horizon: int, band: tuple[float, float]) -> list[Statement]:
    out = []
    stated = full[full["status"] == "stated"]
    parts_zh, parts_en = [], []
    for category, group in stated.groupby("category", sort=True):
        last = group.sort_values("year").iloc[-1]
        parts_zh.append(f"{CARE[category].zh}孤儿每人每月{fmt.number(last['value'])}元（{int(last['year'])}年）")
        parts_en.append(f"{fmt.number(last['value'])} yuan a month for {CARE[category].en} ({int(last['year'])})")
    out.append(Statement("哈尔滨孤儿基本生活费标准：" + "，".join(parts_zh) + "。",
                         "Harbin's orphan allowances: " + "; ".join(parts_en) + ".", "series", "reported"))
    counts = findings["status"].value_counts()
    out.append(Statement(
        f"原文所述增幅经重算：{counts.get('pass', 0)}项相符，{counts.get('warn', 0)}项无法完全核查"
        f"（上年标准未印出，由增幅推算），{counts.get('fail', 0)}项不符。",
        f"The stated increases recomputed: {counts.get('pass', 0)} hold, {counts.get('warn', 0)} cannot be fully "
        f"checked (the standard of the year before is not printed and is implied by the increase), "
        f"{counts.get('fail', 0)} do not hold.", "increase_checks", "holds"))  # the audit gives the headline
    known = ratio[ratio["year"] <= stated["year"].max()]
    if len(known):
        last = known.iloc[-1]
        out.append(Statement(
            f"{int(last['year'])}年散居孤儿标准为机构养育标准的{fmt.percent(last['dispersed_over_institutional'])}。",
            f"In {int(last['year'])} the dispersed-care standard was "
            f"{fmt.percent(last['dispersed_over_institutional'])} "
            "of the institutional one.", "care_ratio"))
    if len(projected):
        end = projected[projected["year"] == projected["year"].max()]
        parts_zh = "，".join(f"{CARE[r.category].zh}约{fmt.number(r.central, 0)}元（{fmt.number(r.low, 0)}—"
                            f"{fmt.number(r.high, 0)}元）" for r in end.itertuples())
        parts_en = "; ".join(f"{CARE[r.category].en} about {fmt.number(r.central, 0)} yuan ({fmt.number(r.low, 0)}"
                             f"–{fmt.number(r.high, 0)})" for r in end.itertuples())
        out.append(Statement(
            f"若每年按假定的消费支出增长调整，{horizon}年标准为：{parts_zh}（{fmt.percent(band[0], 0)}—"
            f"{fmt.percent(band[1], 0)}区间）。",
            f"Indexed every year on the assumed growth of consumption spending, the standards reach in {horizon}: "
            f"{parts_en} ({fmt.percent(band[0], 0)}–{fmt.percent(band[1], 0)} band).", "projection"))
    else:
        out.append(Statement(f"预测终止年{horizon}年不晚于最后一个公布年份，因此没有预测。",
                             f"The projection horizon {horizon} is not after the last stated year: nothing is "
                             "projected.", "projection"))
    if len(found_conflicts):
        n = found_conflicts.groupby(["indicator_zh", "year"]).ngroups
        out.append(Statement(
            f"{n}个年份的标准或增幅有互相矛盾的数值：均列于下表，按规则采用其一（较晚的文件优先）。",
            f"{n} year(s) have disagreeing values of a standard or an increase: all are shown below, and one is "
            "used by the rule (the later document first).", "conflicts"))
    return out


def compute(horizon: int = 2027, growth_mean: float = 0.05, growth_sd: float = 0.02, band_low: float = 0.05,
            band_high: float = 0.95, draws: int = 10000, seed: int = 2021, extra_observations: str | None = None,
            *, inputs: Inputs | None = None) -> Chapter:
    from planeval.data import load_observations
    from planeval.methods.scenarios import Normal

    inputs = inputs or shared_inputs()
    extra = load_observations(extra_observations) if extra_observations else None
    figures = with_released(with_extra(inputs.figures, extra), inputs.sources)
    stated = series(figures)
    projected = projection(stated, Normal(growth_mean, growth_sd), horizon, draws=draws, seed=seed,
                           band=(band_low, band_high))
    full = with_projection(stated, projected)
    findings = checks.findings_frame(increase_findings(figures))
    ratio = care_ratio(full)
    found_conflicts = conflicts(figures)
    tables = {"stated_levels": stated_levels(figures), "increase_checks": findings,
              "series": full.drop(columns="rows"), "projection": projected, "care_ratio": ratio,
              "conflicts": found_conflicts}
    if extra is not None:
        tables["your_observations"] = extra[["id", "source", "indicator_zh", "region", "year", "value", "unit",
                                             "quote"]]
    return Chapter(tables=tables, answers=answers(findings, full, ratio, projected, found_conflicts, horizon,
                                                  (band_low, band_high)))
