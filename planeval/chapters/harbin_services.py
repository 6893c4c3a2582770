"""Harbin's reported services (chapter 8): what the press conferences claim, and what can be checked."""

from __future__ import annotations

import pandas as pd

from planeval.data.lookup import pick
from planeval.methods import units

REGION = "harbin"
THEMES = {
    "education investment and school places": (
        "学校建设标准化投入资金", "新增教辅用房面积", "新增体育场馆面积", "新增教学仪器设备投入",
        "学位紧张地区新建学校数", "消除大校额学校数", "消除超标准班额班级数", "热点地区推进建设学校数",
        "新增中小学学位数", "教育集团数", "教育集团覆盖学校数", "农村学校联盟数", "农村学校联盟覆盖农村学校数",
        "学生资助资金(3年累计)", "受资助学生人数(3年累计)"),
    "child-welfare workforce": ("乡镇(街道)儿童督导员人数", "村(社区)儿童主任人数",
                                "哈尔滨市未成年人保护工作领导小组成员单位数"),
    "paediatric services and childcare": ("每个区县具备儿科综合救治能力的医院数", "开设儿科的民营医院数",
                                          "建成国家级儿童区域医疗中心所需年限", "普惠性托育机构运营补贴标准",
                                          "每千人口拥有3岁以下婴幼儿托位数"),
    "enforcement against unlicensed training": ("“双减”工作成员单位数", "百日攻坚治理会战整治任务数",
                                                "违规培训黑名单公布批次", "曝光违规培训黑机构数"),
}
#: (label, numerator indicator, denominator indicator, unit of the ratio, kind of both figures)
RATIOS = (
    ("student aid per aided student over 3 years", "学生资助资金(3年累计)", "受资助学生人数(3年累计)", "yuan/person",
     "reported"),
    ("schools per education group", "教育集团覆盖学校数", "教育集团数", "schools", "reported"),
    ("rural schools per rural alliance", "农村学校联盟覆盖农村学校数", "农村学校联盟数", "schools", "reported"),
    ("new places per new school planned for 2023", "新增中小学学位数", "学位紧张地区新建学校数", "places", "target"),
    ("institutions exposed per blacklist batch", "曝光违规培训黑机构数", "违规培训黑名单公布批次", "institutions",
     "reported"),
)
THEME_COLUMNS = ("theme", "id", "source", "indicator_zh", "indicator_en", "kind", "value", "unit", "year", "quote")


def theme_tables(figures: pd.DataFrame) -> pd.DataFrame:
    """Every Harbin figure of the four themes, from every source that prints it."""
    frames = []
    for theme, names in THEMES.items():
        rows = figures[(figures["region"] == REGION) & figures["indicator_zh"].isin(names)]
        frames.append(rows.assign(theme=theme))
    return pd.concat(frames, ignore_index=True)[list(THEME_COLUMNS)]


def derived_ratios(figures: pd.DataFrame, source: str = "s001") -> pd.DataFrame:
    """Ratios a reader can check from two printed figures (units converted to base units first)."""
    records = []
    for label, num, den, unit, kind in RATIOS:
        n = _first(figures, num, source, kind)
        d = _first(figures, den, source, kind)
        value = float(units.to_base(n["value"], n["unit"]) / units.to_base(d["value"], d["unit"]))
        records.append({"ratio": label, "value": round(value, 1), "unit": unit,
                        "numerator": f"{n['value']:g} {n['unit']} ({n['id']})",
                        "denominator": f"{d['value']:g} {d['unit']} ({d['id']})"})
    return pd.DataFrame.from_records(records)


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
    out["checkable"] = "no: the plans' full texts are not among the sources"
    return out.reset_index(drop=True)
