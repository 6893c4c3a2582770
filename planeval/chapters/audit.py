"""Every consistency check the library can run over the figures table and the raw sources (chapter 5).

Paired checks (a stated share against its part and whole, a stated average increment against its end
values) are declared once below, by the indicators they involve, so the same rule serves the chapter,
the tests and any new observations. Printed changes (增幅, 同比下降) are paired by the rule
:func:`planeval.methods.reading.printed_change`; the checks a reader makes on the texts (repeated
sentences, stated counts, stated rules, stated totals) are the rules of :mod:`planeval.methods.reading`.

:func:`run_audit` returns every finding with an id, its rule, and its cause where it follows from
another: a unit slip in totals is one root with its magnitude and share fails as consequences; a
document withholding many values is one root; the same non-passing text finding in a second report of
one event follows from the first. The chapter opens with :func:`root_cause_table` and
:func:`root_cause_summary`; the comparison of reports of one event or programme is
:func:`report_comparison` and :func:`report_pair_verdicts`; :func:`rules_table` lists every rule with
its grade. :func:`compute` gathers them as the chapter's tables and answers.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.data.lookup import pick, select
from planeval.data.observations import CHOICE_ZH, not_used
from planeval.methods import checks, reading, reports
from planeval.methods.checks import Finding
from planeval.report import format as fmt
from planeval.report import labels
from planeval.report.labels import CHECKS
from planeval.report.statements import Statement

#: Words an issuing body's name contains; a publisher field with none of them is not an issuer.
ISSUER_WORDS = ("政府", "委员会", "局", "办公室", "办公厅", "妇联", "联合会", "报", "社", "中心")
#: The named rule of each finding a check of the figures table makes (the text rules name themselves):
#: check -> (rule, grade rule, description, grade rule in Chinese, description in Chinese).
TABLE_RULES = {
    "share": ("stated_share", "graded by the half-unit of the printed share (checks.grade); a fail that a 10^4 "
              "or 10^8 factor explains says so", "a stated share against its part and whole",
              "按印出占比的半个末位单位评级（checks.grade）；可由10^4或10^8倍差解释的不符会予以说明",
              "文中所述的占比与其部分和整体核对"),
    "average increment": ("average_increment", "graded by the half-unit; a fail explained by dividing by the "
                          "years named instead of the intervals is a warn naming the divisor",
                          "a stated average annual increase against its end values",
                          "按半个末位单位评级；若不符可由除以所列年数而非间隔数解释，则为存疑，并说明所用除数",
                          "文中所述的年均增长额与其首尾数值核对"),
    "magnitude": ("magnitude", "fail above the plausible maximum for the place (or negative), else pass",
                  "a figure against the largest plausible value for its place and dimension",
                  "超过该地合理的最大值（或为负数）为不符，否则为通过",
                  "一个数字与其所在地区、同一量纲下合理的最大值核对"),
    "disagreement": ("disagreement", "pass when one true value rounds to every printed figure; warn when the "
                     "units cannot be compared; fail otherwise", "the same fact printed by several sources",
                     "存在一个真实值，四舍五入后与每个印出的数字都一致，为通过；单位无法比较为存疑；否则为不符",
                     "多个来源印出的同一事实"),
    "withheld": ("withheld", "warn (nothing can be checked)", "a value printed as **",
                 "存疑（无从核查）", "印作“**”的数值"),
    "report dates": ("workforce_change", "warn (the text cannot tell a change from an error)",
                     "a head count reported with different values at different dates",
                     "存疑（仅凭文本无法区分是实际变化还是错误）", "不同日期报告的数值不同的人数"),
    "metadata": ("publisher_field", "fail when the page's publisher field names no issuing body, else pass",
                 "the scraped publisher field of a web page",
                 "网页的发布机构字段未写明发文单位为不符，否则为通过", "抓取的网页发布机构字段"),
    "observations": ("observation_conflict", "warn: every value is shown, one is used by the stated rule",
                     "two published observations of one indicator, place and year that disagree",
                     "存疑：列出每个数值，按既定规则采用其中一个",
                     "同一指标、地区和年份的两个已公布观测值不一致"),
    "baseline": ("baseline_against_observation", "pass within the rounding of the plan's printed figure; warn "
                 "beyond it, with the difference (definitions or dates may differ)",
                 "a plan's own baseline figure against the published observation of the same fact",
                 "在规划所印数字的舍入范围内为通过；超出为存疑，并给出差值（口径或日期可能不同）",
                 "规划自身的基线值与同一事实的已公布观测值核对"),
}
ROOT_RULES = {
    "unit_slip": ("fail (figures wrong as printed)", "figures implausible in their printed unit and plausible "
                  "one unit step smaller: one root; their magnitude and share fails follow from it",
                  "不符（数字按所印单位有误）",
                  "按所印单位不合理、小一级单位则合理的数字：归为一个根本原因，其数量级和占比的不符均由此派生"),
    "withheld_in_source": ("warn", "a document withholding several values: one root; each withheld value "
                           "follows from it", "存疑",
                           "一份文件未公布多个数值：归为一个根本原因，每个未公布的数值均由此派生"),
    "same_event": ("(the root's grade)", "a non-passing text finding repeated in a second report of the same "
                   "event follows from the first report's", "（同根本原因的评级）",
                   "同一事件的第二篇报道重复出现的未通过文本核查结果，由第一篇报道的结果派生"),
}


def share_findings(figures: pd.DataFrame) -> list[Finding]:
    """Each stated share of ``data/places/audit_shares.csv`` recomputed from its part and whole."""
    from planeval.data.places import load_audit_shares

    found = []
    for source, share, part, whole, year in load_audit_shares().itertuples(index=False):
        s = pick(figures, source=source, indicator_zh=share, year=year)
        p = pick(figures, source=source, indicator_zh=part, year=year)
        w = pick(figures, source=source, indicator_zh=whole, year=year)
        found.append(checks.check_share(p["value"], w["value"], s["value"], s["value_text"],
                                        (s["id"], p["id"], w["id"]), part_unit=p["unit"], whole_unit=w["unit"]))
    return found


def average_increment_findings(figures: pd.DataFrame) -> list[Finding]:
    """Each stated average yearly increment of ``data/places/audit_increments.csv`` against its levels."""
    from planeval.data.places import load_audit_increments

    found = []
    for source, stated, level in load_audit_increments().itertuples(index=False):
        s = pick(figures, source=source, indicator_zh=stated)
        levels = select(figures, source=source, indicator_zh=level).sort_values("year")
        first, last = levels.iloc[0], levels.iloc[-1]
        found.append(checks.check_average_increment(first["value"], last["value"], int(first["year"]),
                                                    int(last["year"]), s["value"], s["value_text"],
                                                    (s["id"], first["id"], last["id"])))
    return found


def publisher_field(text: str) -> str | None:
    """The value of the web page's 发布机构 (publisher) field, when the text carries one."""
    m = re.search(r"发布机构\s*[:：]\s*\|?\s*([^|\n]+?)\s*\|", text)
    return m.group(1) if m else None


def metadata_findings(sources: pd.DataFrame, texts: dict[str, str]) -> list[Finding]:
    """Scraped publisher fields that do not name an issuing body (e.g. web spam) fail."""
    found = []
    for sid in sources["id"]:
        field = publisher_field(texts[sid])
        if field is None:
            continue
        ok = any(w in field for w in ISSUER_WORDS)
        found.append(Finding("metadata", "pass" if ok else "fail", (sid,), None, None,
                             f"{sid}: the page's publisher field reads '{field}'" +
                             ("." if ok else ", which names no issuing body: scraped metadata is not trusted, "
                                             "the issuer is taken from the document itself."),
                             explanation_zh=f"{sid}：网页的发布机构字段为“{field}”" +
                             ("。" if ok else "，不是任何发文机关：抓取的元数据不可信，发文机关改从文件本身读取。")))
    return found


def observation_conflicts(observations: pd.DataFrame) -> list[Finding]:
    """Published observations of one indicator, place and year that disagree: all are kept and shown, one
    is used by the rule of :func:`planeval.data.observations.reconcile`; each disagreement is a warn."""
    from planeval.data.observations import reconcile

    _, conflicts = reconcile(observations)
    found = []
    for (indicator, region, year), group in conflicts.groupby(["indicator_zh", "region", "year"], sort=True):
        used = group[group["used"] == "used"].iloc[0]
        others = group[~group["used"].isin(["used", "agrees with the value used"])]
        values = "; ".join(f"{fmt.number(r.value)} {r.unit} ({r.id}, {r.confidence})" for r in group.itertuples())
        values_zh = "；".join(f"{fmt.number(r.value)}{labels.unit(r.unit).zh}（{r.id}，可信度"
                             f"{labels.status(r.confidence).zh}）" for r in group.itertuples())
        what_zh = f"{indicator}（{labels.place(region).zh}，{year}年）"
        if len(others):
            reason = not_used(others.iloc[0]["used"])
            why_zh = CHOICE_ZH.get(reason["rule"], reason["rule"]) if reason else ""
            zh = f"{what_zh}的公布值为 {values_zh}；采用 {used['id']}（{why_zh}）。"
        else:
            zh = f"{what_zh}：{values_zh}。"
        found.append(Finding("observations", "warn", tuple(group["id"]), float(used["value"]), None,
                             f"{indicator} ({region}, {year}) is published as {values}; {used['id']} is used, "
                             f"{others.iloc[0]['used'].removeprefix('not used: ')}." if len(others) else
                             f"{indicator} ({region}, {year}): {values}.", explanation_zh=zh))
    return found


def baseline_findings(figures: pd.DataFrame, observations: pd.DataFrame) -> list[Finding]:
    """Each plan's own baseline figure (``data/places/baseline_observations.csv``) against the published
    observation of the same fact, within the rounding of the figure as the plan prints it."""
    from planeval.data.places import load_baseline_observations
    from planeval.methods import units

    found = []
    for pair in load_baseline_observations().itertuples():
        stated = pick(figures, source=pair.source, indicator_zh=pair.figure_indicator, year=pair.year)
        rows = observations[(observations["indicator_zh"] == pair.observation_indicator)
                            & (observations["region"] == pair.region) & (observations["year"] == pair.year)]
        for obs in rows.itertuples():
            plan = float(units.to_base(stated["value"], stated["unit"]))
            seen = float(units.to_base(obs.value, obs.unit))
            slack = float(units.to_base(checks.half_unit(stated["value_text"]), stated["unit"]))
            status = "pass" if abs(plan - seen) <= slack * (1 + 1e-9) else "warn"
            found.append(Finding(
                "baseline", status, (stated["id"], obs.id), plan, seen,
                f"{pair.source} prints {pair.figure_indicator} {stated['value_text']} {stated['unit']} for {pair.year} "
                f"({plan:,.0f}); {obs.document} publishes {obs.value:g} {obs.unit} ({seen:,.0f}): a difference of "
                f"{plan - seen:+,.0f}, {'within' if status == 'pass' else 'beyond'} the rounding of the plan's "
                f"figure (±{slack:,.0f}): {pair.note}.",
                explanation_zh=f"{pair.source} 印出{pair.year}年{pair.figure_indicator} {stated['value_text']}"
                               f"{labels.unit(stated['unit']).zh}（{plan:,.0f}）；{obs.document_zh}公布为 {obs.value:g}"
                               f"{labels.unit(obs.unit).zh}（{seen:,.0f}）：相差 {plan - seen:+,.0f}，"
                               f"{'在' if status == 'pass' else '超出'}规划数字的舍入范围（±{slack:,.0f}）"
                               f"{'之内' if status == 'pass' else ''}：{pair.note_zh}。"))
    return found


def workforce_changes(figures: pd.DataFrame) -> list[Finding]:
    """Head counts of the same staff reported with different values at different dates: a warn, since
    the text cannot tell a real change from an error."""
    found = []
    people = figures[(figures["unit"] == "persons") & (figures["kind"] == "reported")
                     & figures["indicator_zh"].str.contains("人数")]
    for (indicator, region), group in people.groupby(["indicator_zh", "region"], sort=True):
        by_year = group.groupby("year")["value"].first()
        if by_year.nunique() < 2:
            continue
        said = "; ".join(f"{int(y)}: {v:g}" for y, v in by_year.items())
        first, last = by_year.iloc[0], by_year.iloc[-1]
        said_zh = "，".join(f"{int(y)}年报告{v:g}人" for y, v in by_year.items())
        found.append(Finding("report dates", "warn", tuple(group["id"]), float(last), float(first),
                             f"{indicator} ({region}) is reported as {said}: a change of {last - first:+g} "
                             "between reports that the sources do not explain.",
                             explanation_zh=f"{indicator}（{labels.place(region).zh}）：{said_zh}，两次报告之间变化"
                                            f"{last - first:+g}，来源没有说明原因。"))
    return found


def _named(findings: list[Finding]) -> list[Finding]:
    """Findings with their rule named (the table checks' rules from :data:`TABLE_RULES`)."""
    return [f if f.rule or f.check not in TABLE_RULES else dataclasses.replace(f, rule=TABLE_RULES[f.check][0])
            for f in findings]


def _what(f: Finding, indicator: dict[str, str], source: str) -> tuple:
    """What a text finding is about, across reports: the indicators of its rows, else its explanation
    without the source id and line numbers."""
    if f.rows and all(r in indicator for r in f.rows):
        return tuple(sorted(indicator[r] for r in f.rows))
    return (re.sub(r"lines? [\d–, ]+", "", f.explanation.replace(source, "")),)


def same_event_causes(findings: list[Finding], figures: pd.DataFrame, sources: pd.DataFrame) -> list[Finding]:
    """A warn or fail of a text rule that a second report of the same event repeats (same rule, grade,
    stated and expected values, and subject) follows from the first report's finding (cause ``#k``,
    resolved by :func:`planeval.methods.checks.number_findings`)."""
    event = {str(i): str(e) for i, e in zip(sources["id"], sources.get("event", pd.Series(dtype=str)),
                                             strict=False) if isinstance(e, str) and e}
    indicator = dict(zip(figures["id"], figures["indicator_zh"], strict=True))
    source_of = dict(zip(figures["id"], figures["source"], strict=True))
    first: dict[tuple, int] = {}
    out = list(findings)
    for i, f in enumerate(out):
        if f.cause or f.status == "pass" or f.rule not in reading.TEXT_RULES:
            continue
        owners = {str(source_of.get(r, r)) for r in f.rows}
        if len(owners) != 1 or next(iter(owners)) not in event:
            continue
        sid = next(iter(owners))
        key = (event[sid], f.rule, f.status, f.stated, f.expected, _what(f, indicator, sid))
        if key in first:
            out[i] = dataclasses.replace(f, cause=f"#{first[key]}", rule=f.rule)
        else:
            first[key] = i
    return out


def with_causes(findings: list[Finding], figures: pd.DataFrame, sources: pd.DataFrame) -> list[Finding]:
    """Roots made and causes set (unit slips, withheld documents, repeated reports), then ids given."""
    found = checks.unit_slip_roots(findings, figures)
    found = checks.withheld_roots(found, figures)
    found = same_event_causes(found, figures, sources)
    return checks.number_findings(found)


#: The reason category of an exclusion whose line is not about the plans (a newspaper page's other news).
UNRELATED = "unrelated news"


def about_the_plans(texts: dict[str, str], exclusions: list[dict[str, str]]) -> dict[str, str]:
    """The texts with the lines of unrelated news blanked (line numbers kept): the reader's rules check what
    the documents say about the plans, not the rain warning printed on the same newspaper page. The lines
    are those the completeness ledger excludes as unrelated news."""
    unrelated: dict[str, set[int]] = {}
    for row in exclusions:
        if row["reason"].startswith(UNRELATED) and row["source"] in texts:
            unrelated.setdefault(row["source"], set()).add(texts[row["source"]].count("\n", 0, int(row["start"])))
    out = {}
    for source, text in texts.items():
        lines = text.split("\n")
        out[source] = "\n".join("" if i in unrelated.get(source, ()) else line for i, line in enumerate(lines))
    return out


def run_audit(figures: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str],
              exclusions: list[dict[str, str]] | None = None,
              observations: pd.DataFrame | None = None) -> list[Finding]:
    """All checks, in the order the chapter presents them, each with an id, its rule and its cause. With
    ``exclusions``, the reader's rules skip the lines the ledger excludes as unrelated news; with
    ``observations``, the published observations' disagreements and the plans' baselines are checked too."""
    scoped = about_the_plans(texts, exclusions) if exclusions else texts
    found = (reading.printed_change(figures) + share_findings(figures) + average_increment_findings(figures)
             + checks.run_table_checks(figures) + workforce_changes(figures) + metadata_findings(sources, texts)
             + reading.read_sources(sources, scoped, figures))
    if observations is not None:
        found += baseline_findings(figures, observations) + observation_conflicts(observations)
    return with_causes(_named(found), figures, sources)


def summary_by_check(findings: pd.DataFrame) -> pd.DataFrame:
    """Number of findings per check and status (pass, warn, fail columns, zeros kept)."""
    table = pd.crosstab(findings["check"], findings["status"]).reindex(columns=list(checks.FINDING_STATUSES),
                                                                       fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def root_cause_table(findings: pd.DataFrame) -> pd.DataFrame:
    """The root causes (fails, then warns) with the number and ids of their consequences."""
    return checks.root_causes(findings)


def root_cause_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Root causes by severity (fail, warn): how many, and how many findings follow from them.

    >>> f = checks.findings_frame(checks.number_findings([Finding("a", "fail", (), None, None, ""),
    ...     Finding("b", "fail", (), None, None, "", cause="#0"), Finding("c", "warn", (), None, None, "")]))
    >>> root_cause_summary(f).values.tolist()
    [['fail', 1, 1], ['warn', 1, 0]]
    """
    counts = checks.root_summary(findings)
    roots = checks.root_causes(findings)
    rows = [{"status": status, "root_causes": n,
             "consequences": int(roots.loc[roots["status"] == status, "consequences"].sum()) if len(roots) else 0}
            for status, n in counts.items()]
    return pd.DataFrame(rows, columns=["status", "root_causes", "consequences"])


def report_comparison(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every fact of every pair of reports of one event or programme (:func:`reports.compare_reports`)."""
    return reports.compare_reports(figures, sources)


def report_pair_verdicts(comparison: pd.DataFrame) -> pd.DataFrame:
    """One verdict per pair of reports (:func:`reports.report_pairs_summary`)."""
    return reports.report_pairs_summary(comparison)


def rules_table() -> pd.DataFrame:
    """Every named rule of the audit with its grade rule and what it checks: the text rules, the checks
    of the figures table and the root-cause rules.

    >>> t = rules_table()
    >>> {"stated_count", "stated_share", "unit_slip"} <= set(t["rule"])
    True
    """
    text = reading.rules_table().drop(columns="reads")
    columns = ["rule", "grade", "description", "grade_zh", "description_zh"]
    table = pd.DataFrame([dict(zip(columns, rule, strict=True)) for rule in TABLE_RULES.values()])
    roots = pd.DataFrame([dict(zip(columns, (name, *rule), strict=True)) for name, rule in ROOT_RULES.items()])
    return pd.concat([text, table, roots], ignore_index=True)


def _where(root) -> str:
    """Where a root finding is: its source line when the explanation names one, else its rows."""
    import re

    line = re.match(r"(s\d{3}) line (\d+)", str(root.explanation))
    return f"{line[1]}:{line[2]}" if line else str(root.rows)


def report_name(sources: pd.DataFrame, source: str) -> tuple[str, str]:
    """A report as a reader knows it: its date and kind, with its id (2023-05-31 news report, s001)."""
    from planeval.report.labels import DOCUMENT_KINDS

    row = sources.set_index("id").loc[source]
    kind = DOCUMENT_KINDS.get(row["kind"])
    return (f"{row['date']}{kind.zh if kind else ''}（{source}）", f"the {row['date']} {kind.en if kind else ''} "
                                                                   f"({source})")


def answers(findings: pd.DataFrame, roots: pd.DataFrame, verdicts: pd.DataFrame,
            sources: pd.DataFrame | None = None) -> list[Statement]:
    """The chapter's sentences: root causes by severity, the unit slips among them, and each pair of reports."""
    counts = checks.root_summary(findings)
    following = int(roots["consequences"].sum()) if len(roots) else 0
    out = [Statement(
        f"核查共得{len(findings)}项结果，归结为{counts['fail']}个不成立的根本问题和{counts['warn']}个需注意的根本问题；"
        f"另有{following}项结果由这些根本问题派生。",
        f"The audit makes {len(findings)} findings. They come down to {counts['fail']} root causes that fail and "
        f"{counts['warn']} that warn; {following} further findings follow from them.", "root_causes", "holds",
        headline=True)]
    fails = roots[roots["status"] == "fail"]
    if len(fails):
        out.append(Statement(
            "不成立的根本问题：" + "；".join(f"{CHECKS[r.check].zh}（{_where(r)}）" for r in fails.itertuples()) + "。",
            "Root causes that fail: " + "; ".join(f"{CHECKS[r.check].en} ({_where(r)})" for r in fails.itertuples())
            + ".", "root_causes", "holds"))
    for _, r in roots[roots["rule"] == "unit_slip"].iterrows():
        n = len(str(r["rows"]).split(", "))
        out.append(Statement(
            f"一个单位错误：{n}个总额按所印单位不合理，换小一级单位则合理；由此派生{r['consequences']}项不符（数量级与占比）。",
            f"One unit slip: {n} totals are implausible in their printed unit and plausible one unit smaller; "
            f"{r['consequences']} fails (magnitudes and shares) follow from it.", "root_causes"))
    for _, v in verdicts.iterrows():
        relation_zh = "同一事件" if v["relation"] == "same event" else "同一规划的不同日期"
        (a_zh, a_en), (b_zh, b_en) = ((report_name(sources, v["a"]), report_name(sources, v["b"]))
                                      if sources is not None else ((v["a"], v["a"]), (v["b"], v["b"])))
        verdict_zh = {"agree": "一致", "differ in wording": "措辞不同", "differ in value": "数值不同"}[v["verdict"]]
        out.append(Statement(
            f"{a_zh}与{b_zh}（{relation_zh}）：共同事实{v['matched']}项，一致{v['agree']}项，措辞不同"
            f"{v['differ_in_wording']}项，数值不同{v['differ_in_value']}项；仅见于一方的{v['only_a'] + v['only_b']}项。"
            f"结论：{verdict_zh}。",
            f"{a_en.capitalize()} and {b_en} ({v['relation']}): {v['matched']} facts in both, {v['agree']} agree, "
            f"{v['differ_in_wording']} differ in wording, {v['differ_in_value']} differ in value; "
            f"{v['only_a'] + v['only_b']} are in one report only. Verdict: {v['verdict']}.", "report_pairs"))
    return out


def compute(show_passes: bool = True, *, inputs: Inputs | None = None) -> Chapter:
    """The audit chapter: root causes first, every finding, the comparison of reports, and the rules."""
    inputs = inputs or shared_inputs()
    from planeval.data.exclusions import load_exclusions

    findings = checks.findings_frame(run_audit(inputs.figures, inputs.sources, inputs.texts, load_exclusions(),
                                               inputs.observations))
    roots = root_cause_table(findings)
    comparison = report_comparison(inputs.figures, inputs.sources)
    verdicts = report_pair_verdicts(comparison)
    shown = findings if show_passes else findings[findings["status"] != "pass"]
    tables = {"root_summary": root_cause_summary(findings), "root_causes": roots,
              "summary": summary_by_check(findings), "findings": findings, "findings_shown": shown,
              "report_pairs": verdicts, "report_comparison": comparison, "rules": rules_table()}
    return Chapter(tables=tables, answers=answers(findings, roots, verdicts, inputs.sources))
