"""Chapter 8, Harbin's reported services (哈尔滨服务供给): what the press conferences claim, and what can be
checked. The themes and the ratios are data (``data/places/harbin_themes.csv``, ``harbin_ratios.csv``)."""

from __future__ import annotations

import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.data.lookup import pick
from planeval.methods import units
from planeval.report import format as fmt
from planeval.report import labels
from planeval.report.statements import Statement

REGION = "harbin"
THEME_COLUMNS = ("theme", "theme_zh", "id", "source", "indicator_zh", "indicator_en", "kind", "value", "unit", "year",
                 "quote")


def theme_tables(figures: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Every Harbin figure of the themes, from every source that prints it."""
    frames = []
    for (theme, theme_zh), group in themes.groupby(["theme_en", "theme_zh"], sort=False):
        rows = figures[(figures["region"] == REGION) & figures["indicator_zh"].isin(group["indicator_zh"])]
        frames.append(rows.assign(theme=theme, theme_zh=theme_zh))
    return pd.concat(frames, ignore_index=True)[list(THEME_COLUMNS)]


def derived_ratios(figures: pd.DataFrame, ratios: pd.DataFrame, source: str = "s001") -> pd.DataFrame:
    """Ratios a reader can check from two printed figures (units converted to base units first)."""
    records = []
    for r in ratios.itertuples():
        n = _first(figures, r.numerator, source, r.kind)
        d = _first(figures, r.denominator, source, r.kind)
        value = float(units.to_base(n["value"], n["unit"]) / units.to_base(d["value"], d["unit"]))
        records.append({"ratio": r.ratio_en, "ratio_zh": r.ratio_zh, "value": round(value, 1), "unit": r.unit,
                        "numerator": _printed(n), "denominator": _printed(d),
                        "numerator_zh": _printed(n, "zh"), "denominator_zh": _printed(d, "zh")})
    return pd.DataFrame.from_records(records)


def _printed(figure: pd.Series, lang: str = "en") -> str:
    """A figure as a ratio's table names it: value, unit and row id (the unit in Chinese for ``lang="zh"``)."""
    if lang == "zh":
        return f"{figure['value']:g}{labels.unit(figure['unit']).zh}（{figure['id']}）"
    return f"{figure['value']:g} {figure['unit']} ({figure['id']})"


def _first(figures: pd.DataFrame, indicator: str, source: str, kind: str) -> pd.Series:
    """The figure as ``source`` prints it, else as the first other source does."""
    rows = figures[(figures["indicator_zh"] == indicator) & (figures["region"] == REGION)
                   & (figures["kind"] == kind)]
    in_source = rows[rows["source"] == source]
    return pick((in_source if not in_source.empty else rows).head(1), indicator_zh=indicator)


def claims(figures: pd.DataFrame) -> pd.DataFrame:
    """Harbin's claims about its plans, and whether the sources allow checking them."""
    rows = figures[(figures["region"] == REGION) & (figures["kind"] == "claim")]
    out = rows[["id", "source", "indicator_zh", "indicator_en", "value", "year", "quote"]].copy()
    # Chinese line, then English line: each edition of the page shows its own (the CSV keeps both).
    out["checkable"] = "否：规划全文不在来源中\nno: the plans' full texts are not among the sources"
    return out.reset_index(drop=True)


def answers(figures: pd.DataFrame, themes: pd.DataFrame, ratios: pd.DataFrame, workforce: pd.DataFrame,
            claim_rows: pd.DataFrame) -> list[Statement]:
    counts = themes.groupby(["theme_zh", "theme"], sort=False).size()
    out = [Statement(
        "两次发布会报告的哈尔滨数字分四个主题：" + "、".join(f"{zh}{n}个" for (zh, _), n in counts.items()) + "。",
        "Harbin's two press conferences report figures on four themes: "
        + ", ".join(f"{en} {n}" for (_, en), n in counts.items()) + ".", "figures_by_theme", "reported")]
    for r in ratios.head(2).itertuples():
        unit = labels.unit(r.unit)
        out.append(Statement(f"可由原文数字重算：{r.ratio_zh}为{fmt.number(r.value)}{unit.zh}。",
                             f"A reader can recompute from the printed figures: {r.ratio} = {fmt.number(r.value)} "
                             f"{unit.en}.", "derived_ratios"))
    by_id = figures.set_index("id")
    for r in workforce.itertuples():
        first = by_id.loc[r.rows.split(", ")[0]]
        out.append(Statement(
            f"{first['indicator_zh']}在两次报告中不同：2022年报告{fmt.number(r.expected)}人，2023年报告"
            f"{fmt.number(r.stated)}人；原文未说明是岗位变化还是数字有误。",
            f"{first['indicator_en']} differs between the two reports: {fmt.number(r.expected)} in the 2022 report, "
            f"{fmt.number(r.stated)} in the 2023 one; the sources do not say whether posts changed or a figure is "
            "wrong.", "workforce_changes", "holds"))
    out.append(Statement(
        f"{len(claim_rows)}项关于规划本身的声明（如“97项主要目标”）无法核查：规划全文不在来源中。",
        f"{len(claim_rows)} claims about the plans themselves (such as \"97 main targets\") cannot be checked: the "
        "plans' full texts are not among the sources.", "claims"))
    return out


def compute(ratio_source: str = "s001", *, inputs: Inputs | None = None) -> Chapter:
    from planeval.chapters.audit import workforce_changes
    from planeval.data.places import load_ratios, load_themes
    from planeval.methods.checks import findings_frame

    inputs = inputs or shared_inputs()
    figures = inputs.figures
    themes = theme_tables(figures, load_themes())
    ratios = derived_ratios(figures, load_ratios(), ratio_source)
    workforce = findings_frame(workforce_changes(figures))
    claim_rows = claims(figures)
    return Chapter(tables={"figures_by_theme": themes, "derived_ratios": ratios, "workforce_changes": workforce,
                           "claims": claim_rows},
                   answers=answers(figures, themes, ratios, workforce, claim_rows))
