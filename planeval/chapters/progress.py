"""Chapter 6, progress toward the targets (目标进展): every target with an observed series is assessed by the
chosen method (ESCAP, UNSD/EUSTAT, Open SDG or a linear path), with the numbers behind its status.

- **National targets** are assessed against the national series of the observations table (national
  monitoring reports, statistical bulletins): national context.
- **Local targets** are assessed where local observations exist (the sources' own baselines and reported
  figures, the observations table's rows for the place, a researcher's observations). Where none exist the
  row says "no local series" and shows, labelled as national context, the national status of the same
  indicator and whether the local target is stricter or looser than the national one.
- The roll-up counts, by domain and method, the targets assessed, achieved, on track, off track and not
  judged (and why).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.core.errors import PlanevalError
from planeval.data.lookup import with_extra
from planeval.data.observations import reconcile
from planeval.methods import compare, units
from planeval.methods import progress as methods
from planeval.report import format as fmt
from planeval.report.labels import METHODS, place, status
from planeval.report.statements import Statement

NO_LOCAL_SERIES = "no local series"
#: The observations table names the province of the speech by its name.
OBSERVATION_PLACE = {"province": "guizhou"}
OFF_TRACK = (methods.ACCELERATE, methods.LIMITED, methods.DETERIORATION)
NOT_JUDGED = (methods.INSUFFICIENT, methods.NOT_ASSESSABLE, NO_LOCAL_SERIES)
CONFIDENCE_ORDER = ("low", "medium", "high")
STATUS_COLUMNS = ("id", "region", "domain", "indicator_zh", "indicator_en", "method", "status", "target_value",
                  "comparator", "target_year", "unit", "years_used", "n_observations", "base_value",
                  "latest_value", "observed_rate", "required_rate", "score", "projected_value",
                  "current_status_index", "confidence", "national_status", "versus_national", "document", "notes")
ROLLUP_COLUMNS = ("scope", "method", "domain", "targets", "assessed", "achieved", "on_track", "off_track",
                  "not_judged", "share_on_track")


def method_options(method: str, time_weighted: bool) -> dict:
    """The options of :func:`planeval.methods.progress.assess_progress`: time weighting is ESCAP's alone."""
    return {"time_weighted": time_weighted} if method == "escap" else {}


def _series(rows: pd.DataFrame, unit: str) -> tuple[list[int], list[float], str, list[str]]:
    """Years, values (in ``unit``), the lowest confidence and notes, of observations already one per year."""
    notes = []
    fits = np.array([units.compatible(u, unit) for u in rows["unit"]], dtype=bool)
    if (~fits).any():
        notes.append(f"{int((~fits).sum())} observation(s) in an incompatible unit left out")
    rows = rows[fits].sort_values("year")
    values = [float(units.convert(v, u, unit)) for v, u in zip(rows["value"], rows["unit"], strict=True)]
    grades = [g for g in rows.get("confidence", pd.Series(dtype=str)) if g]
    lowest = min(grades, key=CONFIDENCE_ORDER.index) if grades else ""
    return [int(y) for y in rows["year"]], values, lowest, notes


def _assess(years: list[int], values: list[float], target: float, target_year: int, comparator: str,
            method: str, options: dict) -> methods.ProgressResult:
    try:
        return methods.assess_progress(years, values, target, target_year, comparator, method, **options)
    except PlanevalError as error:
        return methods.ProgressResult(method, math.nan, methods.NOT_ASSESSABLE, math.nan, math.nan, (str(error),))


def _numbers(years: list[int], values: list[float], result: methods.ProgressResult) -> dict:
    """The numbers behind a status: years used, first and latest values, observed and required change."""
    if not years:
        return {"years_used": "", "base_value": math.nan, "latest_value": math.nan, "observed_rate": math.nan}
    span = years[-1] - years[0]
    return {"years_used": f"{years[0]}–{years[-1]}" if span else str(years[0]), "base_value": values[0],
            "latest_value": values[-1], "observed_rate": (values[-1] - values[0]) / span if span else math.nan}


def _record(row: dict, method: str, years: list[int], values: list[float], result: methods.ProgressResult,
            confidence: str, notes: list[str]) -> dict:
    return {**row, "method": method, "status": result.status, **_numbers(years, values, result),
            "n_observations": len(years), "required_rate": result.required_annual_change, "score": result.score,
            "projected_value": result.projected_value, "current_status_index": result.current_status_index,
            "confidence": confidence, "notes": "; ".join(notes + list(result.notes))}


def national_targets(reference: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The national targets of the reference table, with their domain from the catalogue."""
    rows = reference[(reference["kind"] == "target") & (reference["scope"] == "national")].reset_index(drop=True)
    domains = dict(zip(catalogue["indicator_zh"], catalogue["domain"], strict=True))
    return rows.assign(id=[f"national-{i:02d}" for i in range(len(rows))], region="national",
                       domain=rows["indicator_zh"].map(domains).fillna("health"))


def assess_national(targets: pd.DataFrame, used: pd.DataFrame, method: str, options: dict) -> pd.DataFrame:
    """Every national target against the national series of its indicator."""
    records = []
    for _, t in targets.iterrows():
        rows = used[(used["indicator_zh"] == t["indicator_zh"]) & (used["region"] == "national")]
        years, values, confidence, notes = _series(rows, t["unit"])
        result = _assess(years, values, float(t["value"]), int(t["year"]), t["comparator"], method, options)
        base = {"id": t["id"], "region": "national", "domain": t["domain"], "indicator_zh": t["indicator_zh"],
                "indicator_en": t["indicator_en"], "target_value": float(t["value"]), "comparator": t["comparator"],
                "target_year": int(t["year"]), "unit": t["unit"], "document": t["document"],
                "national_status": "", "versus_national": ""}
        records.append(_record(base, method, years, values, result, confidence, notes))
    return pd.DataFrame.from_records(records, columns=list(STATUS_COLUMNS))


def local_observations(figures: pd.DataFrame, used: pd.DataFrame, wanted: set[tuple[str, str]]
                       ) -> dict[tuple[str, str], pd.DataFrame]:
    """(indicator, region) -> the observations of a local target's indicator and place (the ``wanted`` pairs):
    the sources' baselines and reported figures, a researcher's rows, and the observations table's rows (its
    province named as the figures table names it), one per year (reconciled). Grouped once for every target."""
    observed = figures[figures["kind"].isin(["baseline", "reported"]) & (figures["status"] != "withheld")
                       & figures["value"].notna() & figures["year"].notna()]
    columns = ["id", "indicator_zh", "region", "year", "value", "unit", "confidence", "document"]
    from_sources = observed.assign(year=observed["year"].astype(int), confidence="", document=observed["source"])
    regions = {v: k for k, v in OBSERVATION_PLACE.items()}
    from_table = used.assign(region=used["region"].map(lambda r: regions.get(r, r)))
    both = pd.concat([from_sources[columns], from_table[columns]], ignore_index=True)
    keep = pd.Series([key in wanted for key in zip(both["indicator_zh"], both["region"], strict=True)],
                     index=both.index, dtype=bool)
    both = both[keep]
    out = {}
    for key, rows in both.groupby(["indicator_zh", "region"], sort=False):
        out[key] = reconcile(rows)[0] if len(rows) > 1 else rows.reset_index(drop=True)
    return out


def assess_local(figures: pd.DataFrame, used: pd.DataFrame, national: pd.DataFrame, comparison: pd.DataFrame,
                 method: str, options: dict) -> pd.DataFrame:
    """Every stated local target: assessed against its local series, or, with none, the national context."""
    targets = figures[(figures["kind"] == "target") & (figures["status"] != "withheld") & figures["value"].notna()
                      & figures["year"].notna()]
    national_status = national.groupby("indicator_zh")["status"].first().to_dict()
    verdicts = comparison.groupby("local_id")["verdict"].agg(lambda v: ", ".join(sorted(set(v)))).to_dict()
    observed = local_observations(figures, used, set(zip(targets["indicator_zh"], targets["region"], strict=True)))
    none = pd.DataFrame()
    records = []
    for _, t in targets.iterrows():
        rows = observed.get((t["indicator_zh"], t["region"]), none)
        years, values, confidence, notes = _series(rows, t["unit"]) if len(rows) else ([], [], "", [])
        if years:
            result = _assess(years, values, float(t["value"]), int(t["year"]), t["comparator"], method, options)
        else:
            result = methods.ProgressResult(method, math.nan, NO_LOCAL_SERIES, math.nan, math.nan,
                                            ("no observation of this indicator in this place",))
        base = {"id": t["id"], "region": t["region"], "domain": t["domain"], "indicator_zh": t["indicator_zh"],
                "indicator_en": t["indicator_en"], "target_value": float(t["value"]), "comparator": t["comparator"],
                "target_year": int(t["year"]), "unit": t["unit"], "document": t["source"],
                "national_status": national_status.get(t["indicator_zh"], ""),
                "versus_national": verdicts.get(t["id"], "")}
        records.append(_record(base, method, years, values, result, confidence, notes))
    return pd.DataFrame.from_records(records, columns=list(STATUS_COLUMNS))


def rollup(assessed: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Per method and domain: targets, assessed, achieved, on track, off track, not judged, and the share of
    the assessed that are achieved or on track (达标率). Targets not judged never count as failures."""
    records = []
    for (method, domain), group in assessed.groupby(["method", "domain"], sort=True):
        counts = group["status"].value_counts()
        achieved, on_track = int(counts.get(methods.ACHIEVED, 0)), int(counts.get(methods.ON_TRACK, 0))
        off = int(sum(counts.get(s, 0) for s in OFF_TRACK))
        judged = achieved + on_track + off
        records.append({"scope": scope, "method": method, "domain": domain, "targets": len(group),
                        "assessed": judged, "achieved": achieved, "on_track": on_track, "off_track": off,
                        "not_judged": int(sum(counts.get(s, 0) for s in NOT_JUDGED)),
                        "share_on_track": (achieved + on_track) / judged if judged else math.nan})
    return pd.DataFrame.from_records(records, columns=list(ROLLUP_COLUMNS))


def _count_text(frame: pd.DataFrame) -> tuple[str, str]:
    counts = frame["status"].value_counts()
    order = [methods.ACHIEVED, methods.ON_TRACK, methods.ACCELERATE, methods.LIMITED, methods.DETERIORATION,
             methods.INSUFFICIENT, methods.NOT_ASSESSABLE, NO_LOCAL_SERIES]
    present = [s for s in order if counts.get(s, 0)]
    return ("、".join(f"{status(s).zh}{counts[s]}个" for s in present),
            ", ".join(f"{counts[s]} {status(s).en}" for s in present))


def answers(national: pd.DataFrame, local: pd.DataFrame, conflicts: pd.DataFrame, method: str
            ) -> list[Statement]:
    judged = national[~national["status"].isin(NOT_JUDGED)]
    good = int(judged["status"].isin(list(methods.SUCCESS)).sum())
    local_judged_count = int((~local["status"].isin(NOT_JUDGED)).sum())
    out = [Statement(
        f"国家目标：{len(judged)}个可评估，其中{good}个已达标或按期、{len(judged) - good}个落后；本地目标："
        f"{len(local)}个中{local_judged_count}个有本地数据可评估。",
        f"National targets: {len(judged)} can be judged, {good} achieved or on track, {len(judged) - good} behind; "
        f"local targets: {local_judged_count} of {len(local)} have local data to judge.", "grid", "on_track",
        headline=True)]
    zh, en = _count_text(national)
    out.append(Statement(
        f"按{METHODS[method].zh}方法，{len(national)}个国家目标中{len(judged)}个有观测序列可评估：{zh}（全国情况，作参照）。",
        f"By the {METHODS[method].en} method, {len(judged)} of the {len(national)} national targets have an observed "
        f"series: {en} (national context).", "status_national", "on_track"))
    mmr = judged[judged["indicator_zh"] == "孕产妇死亡率"]
    for _, r in mmr.head(1).iterrows():
        first, latest = fmt.number(r["base_value"]), fmt.number(r["latest_value"])
        pace = fmt.number(r["observed_rate"], 2)
        target, needed, word = fmt.number(r["target_value"]), fmt.number(r["required_rate"], 2), status(r["status"])
        out.append(Statement(
            f"例：全国孕产妇死亡率{r['years_used']}年从{first}/10万降到{latest}/10万，每年约{pace}；要在"
            f"{r['target_year']}年达到{target}/10万，每年需{needed}：{word.zh}。",
            f"For example, national maternal mortality fell from {first} to {latest} per 100,000 in "
            f"{r['years_used']}, about {pace} a year; reaching {target} by {r['target_year']} needs {needed} a year: "
            f"{word.en}.", "status_national", "on_track"))
    off = judged[judged["status"].isin(OFF_TRACK)]
    if len(off):
        out.append(Statement(
            "落后的国家目标（需加快、进展有限或倒退）：" + "；".join(
                f"{r.indicator_zh}（{status(r.status).zh}，{r.years_used}年{fmt.number(r.base_value)}→"
                f"{fmt.number(r.latest_value)}，目标{fmt.number(r.target_value)}）" for r in off.itertuples()) + "。",
            "National targets behind (acceleration needed, limited progress or deterioration): " + "; ".join(
                f"{r.indicator_en} ({status(r.status).en}, {fmt.number(r.base_value)} → {fmt.number(r.latest_value)} "
                f"in {r.years_used}, target {fmt.number(r.target_value)})" for r in off.itertuples()) + ".",
            "status_national", "on_track"))
    local_judged = local[~local["status"].isin(NOT_JUDGED)]
    no_series = local[local["status"] == NO_LOCAL_SERIES]
    zh, en = _count_text(local)
    out.append(Statement(
        f"{len(local)}个公布了数值的本地目标中，{len(local_judged)}个有本地观测可评估；{len(no_series)}个没有本地数据，"
        f"表中给出同一指标的全国状态作参照。状态：{zh}。",
        f"Of the {len(local)} local targets with a stated value, {len(local_judged)} have local observations to "
        f"assess; {len(no_series)} have none, and the table shows the national status of the same indicator as "
        f"context. Statuses: {en}.", "status", "on_track"))
    by_region = local_judged.groupby("region").size()
    if len(by_region):
        out.append(Statement(
            "有本地序列的目标：" + "、".join(f"{place(r).zh}{n}个" for r, n in by_region.items()) + "。",
            "Targets with a local series: " + ", ".join(f"{place(r).en} {n}" for r, n in by_region.items()) + ".",
            "status"))
    if len(conflicts):
        facts = conflicts.groupby(["indicator_zh", "region", "year"]).ngroups
        out.append(Statement(
            f"{facts}个指标年份有互相矛盾的观测值：全部列出，按规则（可信度高者优先，其次较晚发布者）采用其一。",
            f"{facts} indicator-years have disagreeing observations: all are listed, and one is used by the rule "
            "(higher confidence first, then the later release).", "conflicts"))
    return out


def compute(method: str = "opensdg", time_weighted: bool = False, extra_observations: str | None = None, *,
            inputs: Inputs | None = None) -> Chapter:
    from planeval.data import load_observations

    inputs = inputs or shared_inputs()
    options = method_options(method, time_weighted)
    extra = load_observations(extra_observations) if extra_observations else None
    figures = with_extra(inputs.figures, extra)
    used, conflicts = reconcile(inputs.observations)
    national_list = national_targets(inputs.reference, inputs.catalogue)
    national = assess_national(national_list, used, method, options)
    comparison = compare.compare_frame(inputs.figures, inputs.reference)
    local = assess_local(figures, used, national, comparison, method, options)
    every_method = pd.concat([assess_national(national_list, used, m, method_options(m, time_weighted))
                              for m in methods.METHODS], ignore_index=True)
    rollups = pd.concat([rollup(local, "local"), rollup(every_method, "national")], ignore_index=True)
    tables = {"status_national": national, "status": local, "rollup": rollups,
              "rollup_shown": rollups[rollups["method"] == method].drop(columns="method"),
              "status_every_method": every_method, "observations_used": used, "conflicts": conflicts}
    if extra is not None:
        tables["your_observations"] = extra[["id", "source", "indicator_zh", "region", "year", "value", "unit",
                                             "quote"]]
    return Chapter(tables=tables, answers=answers(national, local, conflicts, method))

