"""Every consistency check the library can run over the figures table and the raw sources (chapter 5).

Paired checks (a stated share against its part and whole, a stated average increment against its end
values, a stated increase against the standards before and after) are declared once below, by the
indicators they involve, so the same rule serves the chapter, the tests and any new observations.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from planeval.chapters import orphan_allowance as allowance
from planeval.data.lookup import pick, select
from planeval.methods import checks, growth
from planeval.methods.checks import Finding

#: (source, share indicator, part indicator, whole indicator, year)
SHARES = (
    ("s003", "女性人口占总人口比例", "女性人口数", "总人口数", 2020),
    ("s003", "地方教育经费支出占当年财政支出比例", "地方教育经费支出", "公共财政预算支出", 2020),
    ("s003", "地方医疗卫生经费支出占当年财政支出比例", "地方医疗卫生经费支出", "公共财政预算支出", 2020),
)
#: (source, stated average increment indicator, level indicator)
AVERAGE_INCREMENTS = (
    ("s003", "城镇居民人均可支配收入年均增长额", "城镇居民人均可支配收入"),
    ("s003", "农村常住居民人均可支配收入年均增长额", "农村常住居民人均可支配收入"),
)
#: (source, stated year-on-year decrease indicator, level indicator): the previous year is not printed
UNCHECKABLE_CHANGES = (
    ("s003", "地方医疗卫生经费支出同比降幅", "地方医疗卫生经费支出"),
)
#: Words an issuing body's name contains; a publisher field with none of them is not an issuer.
ISSUER_WORDS = ("政府", "委员会", "局", "办公室", "办公厅", "妇联", "联合会", "报", "社", "中心")
MIN_PARAGRAPH = 16  # shorter repeated lines are headings, not duplicated paragraphs
SENTENCE_MARKS = "。，,;；:："  # a repeated line without any is a heading or title, not a paragraph


def share_findings(figures: pd.DataFrame) -> list[Finding]:
    found = []
    for source, share, part, whole, year in SHARES:
        s = pick(figures, source=source, indicator_zh=share, year=year)
        p = pick(figures, source=source, indicator_zh=part, year=year)
        w = pick(figures, source=source, indicator_zh=whole, year=year)
        found.append(checks.check_share(p["value"], w["value"], s["value"], s["value_text"],
                                        (s["id"], p["id"], w["id"]), part_unit=p["unit"], whole_unit=w["unit"]))
    return found


def average_increment_findings(figures: pd.DataFrame) -> list[Finding]:
    found = []
    for source, stated, level in AVERAGE_INCREMENTS:
        s = pick(figures, source=source, indicator_zh=stated)
        levels = select(figures, source=source, indicator_zh=level).sort_values("year")
        first, last = levels.iloc[0], levels.iloc[-1]
        found.append(checks.check_average_increment(first["value"], last["value"], int(first["year"]),
                                                    int(last["year"]), s["value"], s["value_text"],
                                                    (s["id"], first["id"], last["id"])))
    return found


def uncheckable_change_findings(figures: pd.DataFrame) -> list[Finding]:
    found = []
    for source, stated, level in UNCHECKABLE_CHANGES:
        s = pick(figures, source=source, indicator_zh=stated)
        v = pick(figures, source=source, indicator_zh=level, year=int(s["year"]))
        implied = float(growth.previous_value(v["value"], -s["value"]))
        found.append(Finding("increase", "warn", (s["id"], v["id"]), -float(s["value"]), None,
                             f"{level} {int(v['year'])}: a fall of {s['value_text']}% cannot be checked because "
                             f"the previous year's figure is not printed; it implies {implied:.0f} "
                             f"{v['unit']} in {int(v['year']) - 1}."))
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
                                             "the issuer is taken from the document itself.")))
    return found


def duplicated_paragraphs(text: str) -> list[tuple[str, list[int]]]:
    """Sentences-bearing lines of at least MIN_PARAGRAPH characters printed more than once, with line numbers."""
    lines = [line.strip() for line in text.splitlines()]
    counts = Counter(line for line in lines
                     if len(line) >= MIN_PARAGRAPH and any(m in line for m in SENTENCE_MARKS))
    return [(line, [i + 1 for i, x in enumerate(lines) if x == line]) for line, n in counts.items() if n > 1]


def duplicate_findings(sources: pd.DataFrame, texts: dict[str, str]) -> list[Finding]:
    found = []
    for sid in sources["id"]:
        for line, where in duplicated_paragraphs(texts[sid]):
            found.append(Finding("duplicate paragraph", "warn", (sid,), None, None,
                                 f"{sid} prints the paragraph starting '{line[:24]}…' {len(where)} times "
                                 f"(lines {', '.join(map(str, where))}); its figures are recorded once."))
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
        found.append(Finding("report dates", "warn", tuple(group["id"]), float(last), float(first),
                             f"{indicator} ({region}) is reported as {said}: a change of {last - first:+g} "
                             "between reports that the sources do not explain."))
    return found


def run_audit(figures: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str]) -> list[Finding]:
    """All checks, in the order the chapter presents them."""
    return (allowance.increase_findings(figures) + uncheckable_change_findings(figures)
            + share_findings(figures) + average_increment_findings(figures)
            + checks.run_table_checks(figures) + workforce_changes(figures)
            + metadata_findings(sources, texts) + duplicate_findings(sources, texts))


def summary_by_check(findings: pd.DataFrame) -> pd.DataFrame:
    """Number of findings per check and status (pass, warn, fail columns, zeros kept)."""
    table = pd.crosstab(findings["check"], findings["status"]).reindex(columns=list(checks.FINDING_STATUSES),
                                                                       fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()
