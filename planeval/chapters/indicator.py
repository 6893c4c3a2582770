"""One indicator's page (``notebooks/indicator.ipynb``, executed once per indicator of the catalogue): its names,
definition and unit; every target for it in every source and the national one; the observations, local
and national, with their sentences and confidence; its progress by each method with the numbers; how each
local target compares with the national one; the audit's findings that involve it; and the chapters that
treat it. An indicator with no observation says so in a sentence, never with an empty chart.
"""

from __future__ import annotations

import functools

import pandas as pd

from planeval.chapters import Chapter, Inputs, childcare, orphan_allowance, qingzhen_baseline, shared_inputs
from planeval.core.errors import ParameterError
from planeval.methods import compare, units
from planeval.methods import progress as methods
from planeval.report import format as fmt
from planeval.report.labels import METHODS, place, status
from planeval.report.statements import Statement

TARGET_COLUMNS = ["id", "source", "region", "comparator", "value", "unit", "year", "status", "quote"]
OBSERVATION_COLUMNS = ["region", "year", "value", "unit", "confidence", "publisher", "document", "sentence",
                       "address", "id"]
#: The chapters that treat particular indicators (each declares them as ``TREATS``); the targets and
#: progress chapters treat every indicator with a target.
TREATING_CHAPTERS = {"03_childcare": childcare, "04_orphan_allowance": orphan_allowance,
                     "07_qingzhen_baseline": qingzhen_baseline}


def entry(inputs: Inputs, indicator: str) -> pd.Series:
    """The catalogue entry of ``indicator`` (its id); an unknown id is refused with the closest ones."""
    from planeval.data.catalogue import closest

    rows = inputs.catalogue[inputs.catalogue["id"] == indicator]
    if rows.empty:
        near = closest(indicator, inputs.catalogue)
        ids = inputs.catalogue.set_index("indicator_zh").loc[near, "id"].tolist()
        raise ParameterError("indicator", indicator, f"an id of data/catalogue.csv (closest: {', '.join(ids)})")
    return rows.iloc[0]


@functools.cache
def _findings(inputs: Inputs) -> tuple[pd.DataFrame, list[frozenset[str]]]:
    """The audit's findings and the row ids each involves, computed once per process (a batch of pages
    shares them)."""
    from planeval.chapters import audit

    findings = audit.compute(inputs=inputs)["findings"]
    return findings, [frozenset(str(rows).split(", ")) for rows in findings["rows"]]


def _progress_all(inputs: Inputs) -> pd.DataFrame:
    """Every target's progress by every method, national then local for each method in turn."""
    from planeval.chapters import progress

    frames = []
    for method in methods.METHODS:
        chapter = progress.compute(method=method, inputs=inputs)
        frames += [chapter["status_national"], chapter["status"]]
    return pd.concat(frames, ignore_index=True)


@functools.cache
def _by_indicator(inputs: Inputs) -> dict[str, dict[str, pd.DataFrame]]:
    """Every table a page reads, split by indicator once per process: a page then looks its rows up instead
    of filtering whole tables (a batch of pages shares the split; rows keep their order)."""
    tables = {"figures": inputs.figures, "observations": inputs.observations, "reference": inputs.reference,
              "progress": _progress_all(inputs), "comparison": compare.compare_frame(inputs.figures, inputs.reference)}
    split: dict[str, dict[str, pd.DataFrame]] = {}
    for table, frame in tables.items():
        for name, group in frame.groupby("indicator_zh", sort=False):
            split.setdefault(name, {})[table] = group
        split.setdefault("", {})[table] = frame.iloc[0:0]  # the empty table, with its columns
    return split


def _rows(inputs: Inputs, indicator_zh: str, table: str) -> pd.DataFrame:
    """The rows of ``table`` about the indicator (an empty table with the same columns when none)."""
    split = _by_indicator(inputs)
    return split.get(indicator_zh, {}).get(table, split[""][table])


def observations(inputs: Inputs, indicator_zh: str) -> pd.DataFrame:
    """The published observations of the indicator (every place), with their sentences."""
    rows = _rows(inputs, indicator_zh, "observations")
    return rows[OBSERVATION_COLUMNS].sort_values(["region", "year", "id"], kind="stable").reset_index(drop=True)


def figures_observed(inputs: Inputs, indicator_zh: str) -> pd.DataFrame:
    """The values the sources themselves report for the indicator (baselines and reported figures)."""
    rows = _rows(inputs, indicator_zh, "figures")
    rows = rows[rows["kind"].isin(["baseline", "reported"])]
    return rows[["id", "source", "region", "kind", "value", "unit", "year", "quote"]].reset_index(drop=True)


def progress_rows(inputs: Inputs, indicator_zh: str) -> pd.DataFrame:
    """The indicator's targets (national and local) assessed by every method, with the numbers."""
    columns = ["region", "method", "status", "target_value", "comparator", "target_year", "years_used", "base_value",
               "latest_value", "observed_rate", "required_rate", "score", "confidence", "document"]
    return _rows(inputs, indicator_zh, "progress")[columns].reset_index(drop=True)


def series_in_unit(series: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The series in the catalogue's ``unit``: a value printed in another unit of the same dimension is
    converted (a census count in persons beside yearly figures in 10k persons); one that cannot be converted
    is left out of the chart (it stays in the observations table, with its sentence)."""
    known = unit in units.UNITS
    keep, values = [], []
    for row in series.itertuples(index=False):
        same = row.unit == unit
        convertible = same or (known and row.unit in units.UNITS and units.compatible(row.unit, unit))
        keep.append(convertible)
        if convertible:
            values.append(row.value if same else float(units.convert(row.value, row.unit, unit)))
    # a mask as a Series: an empty list would select columns, not rows
    return series[pd.Series(keep, index=series.index, dtype=bool)].assign(value=values, unit=unit).reset_index(
        drop=True)


def chapters_treating(name_zh: str, has_targets: bool) -> list[str]:
    """The chapters whose pages treat the indicator named ``name_zh``."""
    found = ["02_targets", "06_progress"] if has_targets else []
    return found + [chapter for chapter, module in TREATING_CHAPTERS.items() if name_zh in module.TREATS]


def _places(regions) -> tuple[str, str]:
    """Places named once each, in order: (Chinese, English)."""
    names = list(dict.fromkeys(regions))
    return "、".join(place(r).zh for r in names), ", ".join(place(r).en for r in names)


def _grouped(frame: pd.DataFrame, keys: list[str]) -> dict[tuple, list]:
    """The rows of a small frame grouped by ``keys``, groups and rows in the frame's order (a page's frames
    have a handful of rows: plain records cost a fraction of a pandas groupby). Missing values group as None."""
    groups: dict[tuple, list] = {}
    for row in frame.itertuples(index=False):
        key = tuple(None if pd.isna(value) else value for value in (getattr(row, k) for k in keys))
        groups.setdefault(key, []).append(row)
    return groups


def _target_statement(targets: pd.DataFrame, national: pd.DataFrame) -> Statement:
    """What each source promised: one entry per place, value and year, with every source that states it."""
    if targets.empty and national.empty:
        return Statement("没有任何来源为该指标设定目标。", "No source sets a target for this indicator.", "targets")
    parts_zh, parts_en = [], []
    shown = targets.assign(shown=[("withheld" if s == "withheld" else fmt.number(v))
                                  for s, v in zip(targets["status"], targets["value"], strict=True)])
    for (region, value, year), group in _grouped(shown, ["region", "shown", "year"]).items():
        sources = "、".join(dict.fromkeys(r.source for r in group))
        zh_value = "（未公布数值）" if value == "withheld" else value
        parts_zh.append(f"{place(region).zh}{zh_value}（{year}年，{sources}）")
        parts_en.append(f"{place(region).en} {value} ({year}, {sources.replace('、', ', ')})")
    parts_zh += [f"全国{fmt.number(r.value)}（{r.year}年）" for r in national.itertuples()]
    parts_en += [f"national {fmt.number(r.value)} ({r.year})" for r in national.itertuples()]
    return Statement("目标：" + "；".join(parts_zh) + "。", "Targets: " + "; ".join(parts_en) + ".", "targets")


def _observation_statement(observed: pd.DataFrame) -> Statement:
    if observed.empty:
        return Statement("观测表中没有该指标的观测值，因此无法衡量进展。",
                         "The observations table holds no value of this indicator: its progress cannot be "
                         "measured.", "observations")
    by_year = observed.sort_values("year", kind="stable").assign(position=range(len(observed)))
    latest = sorted((group[-1] for group in _grouped(by_year, ["region"]).values()), key=lambda r: r.position)
    return Statement(
        "最近的观测：" + "；".join(f"{place(r.region).zh}{fmt.number(r.value)}（{r.year}年，可信度"
                               f"{status(r.confidence).zh}）" for r in latest) + "。",
        "Latest observations: " + "; ".join(f"{place(r.region).en} {fmt.number(r.value)} ({r.year}, "
                                            f"{r.confidence} confidence)" for r in latest) + ".",
        "observations")


def _progress_statements(assessed: pd.DataFrame, method: str) -> list[Statement]:
    """The progress of each target by ``method``; places with the same target and the same result share one
    sentence (two reports of one Harbin target are one line, not two)."""
    shown = assessed[assessed["method"] == method]
    out = []
    keys = ["status", "target_value", "target_year", "years_used", "base_value", "latest_value"]
    for (result, target, year, years, base, latest), group in _grouped(shown, keys).items():
        zh, en = _places(r.region for r in group)
        numbers_zh = f"（{years}年，{fmt.number(base)}→{fmt.number(latest)}）" if years else ""
        numbers_en = f" ({fmt.number(base)} → {fmt.number(latest)} in {years})" if years else ""
        out.append(Statement(
            f"{zh}目标{fmt.number(target)}（{year}年）按{METHODS[method].zh}方法：{status(result).zh}{numbers_zh}。",
            f"{en[:1].upper() + en[1:]} target {fmt.number(target)} by {year}, by the {METHODS[method].en} method: "
            f"{status(result).en}{numbers_en}.", "progress"))
    return out


def _comparison_statement(comparison: pd.DataFrame) -> list[Statement]:
    """How the local targets compare with the national one (stricter, equal, looser), places grouped."""
    judged = comparison[comparison["verdict"] != "not comparable"]
    if judged.empty:
        return []
    parts_zh, parts_en = [], []
    for (verdict, local, reference), group in _grouped(judged, ["verdict", "local_value", "reference_value"]).items():
        zh, en = _places(r.region for r in group)
        parts_zh.append(f"{zh}{fmt.number(local)}对全国{fmt.number(reference)}，{status(verdict).zh}")
        parts_en.append(f"{en} {fmt.number(local)} against the national {fmt.number(reference)}: "
                        f"{status(verdict).en}")
    return [Statement("与国家目标相比：" + "；".join(parts_zh) + "。",
                      "Against the national target: " + "; ".join(parts_en) + ".", "comparison")]


def answers(targets: pd.DataFrame, national: pd.DataFrame, observed: pd.DataFrame, assessed: pd.DataFrame,
            comparison: pd.DataFrame, findings: pd.DataFrame, method: str) -> list[Statement]:
    out = [_target_statement(targets, national), _observation_statement(observed)]
    out += _progress_statements(assessed, method) + _comparison_statement(comparison)
    if len(findings):
        failed = findings[findings["status"].isin(["fail", "warn"])]
        out.append(Statement(f"核查：涉及该指标的{len(findings)}项核查中，{len(failed)}项未通过或需注意。",
                             f"Audit: {len(failed)} of the {len(findings)} checks that involve this indicator "
                             "failed or warn.", "findings"))
    return out


def compute(indicator: str = "maternal-mortality-ratio", method: str = "opensdg", *,
            inputs: Inputs | None = None) -> Chapter:
    inputs = inputs or shared_inputs()
    info = entry(inputs, indicator)
    name = info["indicator_zh"]
    figures = _rows(inputs, name, "figures")
    targets = figures[figures["kind"] == "target"][TARGET_COLUMNS].reset_index(drop=True)
    national = _rows(inputs, name, "reference")
    national = national[national["kind"] == "target"][
        ["value", "unit", "comparator", "year", "publisher", "document", "confidence"]].reset_index(drop=True)
    observed = observations(inputs, name)
    reported = figures_observed(inputs, name)
    assessed = progress_rows(inputs, name)
    comparison = _rows(inputs, name, "comparison")[
        ["local_id", "region", "local_value", "local_year", "reference_value", "reference_year", "verdict", "caveat",
         "reason", "caveat_zh", "reason_zh"]].reset_index(drop=True)
    ids = set(targets["id"]) | set(reported["id"]) | set(observed["id"])
    all_findings, involved = _findings(inputs)
    findings = all_findings[[bool(ids & rows) for rows in involved]]
    about = pd.DataFrame([{"id": info["id"], "indicator_zh": name, "indicator_en": info["indicator_en"],
                           "domain": info["domain"], "unit": info["unit"], "better": info["better"],
                           "definition_zh": info["definition_zh"], "definition_en": info["definition_en"],
                           "chapters": ", ".join(chapters_treating(name, bool(len(targets))))}])
    from planeval.data.observations import reconcile

    series = series_in_unit((reconcile(observed.assign(indicator_zh=name))[0] if len(observed) else observed)[
        ["region", "year", "value", "unit"]], info["unit"])
    rows = pd.concat([targets.assign(table="targets"), observed.assign(table="observations"),
                      reported.assign(table="reported")], ignore_index=True)
    return Chapter(
        tables={"about": about, "rows": rows, "targets": targets, "national_targets": national,
                "observations": observed, "series": series,
                "reported": reported, "progress": assessed, "comparison": comparison,
                "findings": findings.reset_index(drop=True)},
        answers=answers(targets, national, observed, assessed, comparison, findings, method))


#: Progress results that judge nothing.
NOT_JUDGED = ("no local series", "insufficient data", "not assessable")


def unassessed(progress: pd.DataFrame) -> tuple[list[bool], str]:
    """Which progress rows are worth showing, and one sentence for the targets no method can judge (rather than
    a row per method saying so). A target judged by at least one method keeps all its rows."""
    groups = _grouped(progress.assign(row=range(len(progress))), ["region", "target_value", "target_year"])
    never = {r.row for group in groups.values() if all(r.status in NOT_JUDGED for r in group) for r in group}
    shown = [i not in never for i in range(len(progress))]
    rest = progress[[not keep for keep in shown]]
    if rest.empty:
        return shown, ""
    parts_zh, parts_en = [], []
    for (result,), group in _grouped(rest, ["status"]).items():
        zh, en = _places(r.region for r in group)
        parts_zh.append(f"{zh}的目标：{status(result).zh}")
        parts_en.append(f"{en}: {status(result).en}")
    sentence = ("以下目标任何方法都无法评估——" + "；".join(parts_zh) + "。No method can assess these targets: "
                + "; ".join(parts_en) + ".")
    return shown, sentence
