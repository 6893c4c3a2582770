"""Report against report: what two reports of the same event, or of the same programme at different
dates, say alike and differently.

Reports are paired from the manifest (:func:`report_pairs`): sources with the same ``event`` (two
newspapers at one press conference) and sources with the same ``programme`` at different dates (the
2022 and 2023 press conferences on the Harbin plans). Never by hard-coded ids.

Facts are rows of the figures table, matched (:func:`match_facts`) in three steps:

1. the same ``indicator_zh`` and ``year``;
2. the same ``indicator_zh`` where each row's year is its report's year (a state of affairs "as of"
   each report: 302 supervisors in July 2022, 304 in May 2023);
3. the same value and unit where the wording of the measure is close (:data:`SIMILAR_WORDING`): the
   same fact under two indicator names.

A matched fact is compared (:func:`compare_fact`): **differ in value** when no one true value rounds to
both printed figures (the half-unit of each printed figure, as
:func:`planeval.methods.checks.check_disagreements`), or the units cannot be compared; otherwise
**differ in wording** when the unit as printed, the table unit, the period, the comparator or the
wording of the measure (the quote without its numbers, years and function words) differ; otherwise
**agree**. A pair's verdict is the worst of its matched facts (differ in value > differ in wording >
agree); facts printed in one report only are listed and counted but do not decide the verdict.
"""

from __future__ import annotations

import difflib
import re
from itertools import combinations

import numpy as np
import pandas as pd

from planeval.data.quotes import squeeze
from planeval.methods import units
from planeval.methods.checks import _text, half_unit, unit_zh

COMPARISON_COLUMNS = (
    "pair", "relation", "indicator_zh", "year_a", "year_b", "value_a", "value_b", "unit_a", "unit_b", "row_a",
    "row_b", "verdict", "explanation", "explanation_zh",
)
SUMMARY_COLUMNS = (
    "pair", "relation", "a", "b", "facts", "matched", "agree", "differ_in_wording", "differ_in_value", "only_a",
    "only_b", "verdict",
)
VERDICTS = ("agree", "differ in wording", "differ in value")
#: Wording similarity (difflib ratio of the measure wordings) above which two facts of the same value and
#: unit but different indicator names are taken as one fact.
SIMILAR_WORDING = 0.8
#: Characters a printed unit is made of (what follows the number in a quote).
UNIT_CHARS = "元角分万亿千百十人次/·月年日周岁小时分钟个所家名项批张床位平方米公里千克%‰倍户套台辆"
_FUNCTION_WORDS = re.compile(r"[将至到达了的在为已有约余共计]")


def report_pairs(sources: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Pairs of reports to compare, in manifest order: ``(a, b, relation)`` with relation ``same event`` or
    ``same programme`` (same programme, different dates, not the same event).

    >>> m = pd.DataFrame({"id": ["x", "y", "z", "w"], "date": ["2022-07-13", "2023-05-31", "2023-05-31", "2024"],
    ...     "event": ["e1", "e2", "e2", "e3"], "programme": ["p", "p", "p", "q"]})
    >>> report_pairs(m)
    [('x', 'y', 'same programme'), ('x', 'z', 'same programme'), ('y', 'z', 'same event')]
    """
    out = []
    for (_, a), (_, b) in combinations(sources.iterrows(), 2):
        event_a, event_b = str(a.get("event", "") or ""), str(b.get("event", "") or "")
        programme_a, programme_b = str(a.get("programme", "") or ""), str(b.get("programme", "") or "")
        if event_a and event_a == event_b:
            out.append((str(a["id"]), str(b["id"]), "same event"))
        elif programme_a and programme_a == programme_b and str(a["date"]) != str(b["date"]):
            out.append((str(a["id"]), str(b["id"]), "same programme"))
    return out


def printed_unit(quote: str, value_text: str) -> str:
    """The unit as printed after the value in its quote ('' when none).

    >>> printed_unit("提高到2585元/人月,增幅达10%", "2585"), printed_unit("每人每年资助1万元助学金", "1")
    ('元/人月', '万元')
    """
    q, v = squeeze(str(quote)), squeeze(str(value_text))
    at = q.find(v)
    if at < 0 or not v:
        return ""
    rest = q[at + len(v):]
    n = 0
    while n < len(rest) and rest[n] in UNIT_CHARS:
        n += 1
    return rest[:n]


def measure_wording(quote: str) -> str:
    """The wording of a measure: its quote without whitespace, numbers, years, punctuation and function
    words, so that two reports of one figure compare by what they say is measured.

    >>> measure_wording("2025年,每千人口托位数将达到4.5个") == measure_wording("至2025年,每千人口托位数达到4.5个")
    True
    """
    q = squeeze(str(quote))
    q = re.sub(r"\d{4}年", "", q)
    q = re.sub(r"[\d.,，、:：;；。()（）“”\"*]+", "", q)
    return _FUNCTION_WORDS.sub("", q)


def _differences(a: str, b: str) -> str:
    """The segments in which two wordings differ, as “a” / “b” pairs."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts = [f"“{a[i1:i2] or '—'}” / “{b[j1:j2] or '—'}”" for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    return "; ".join(parts[:4]) + ("; …" if len(parts) > 4 else "")


def _report_year(sources: pd.DataFrame) -> dict[str, int | None]:
    years = {}
    for _, s in sources.iterrows():
        m = re.match(r"(\d{4})", str(s["date"]))
        years[str(s["id"])] = int(m.group(1)) if m else None
    return years


def match_facts(rows_a: pd.DataFrame, rows_b: pd.DataFrame, year_a: int | None = None,
                year_b: int | None = None) -> tuple[list[tuple[pd.Series, pd.Series, str]], list[pd.Series],
                                                    list[pd.Series]]:
    """Match the figure rows of two reports: (matched pairs with the step that matched them, rows of a
    only, rows of b only). ``year_a`` and ``year_b`` are the reports' years (step 2).

    >>> a = pd.DataFrame({"id": ["a1"], "indicator_zh": ["督导员"], "year": [2022], "value": [302.0],
    ...     "unit": ["persons"], "quote": ["302名儿童督导员"]})
    >>> b = pd.DataFrame({"id": ["b1"], "indicator_zh": ["督导员"], "year": [2023], "value": [304.0],
    ...     "unit": ["persons"], "quote": ["304名儿童督导员"]})
    >>> [(x["id"], y["id"], how) for x, y, how in match_facts(a, b, 2022, 2023)[0]]
    [('a1', 'b1', 'as of each report')]
    """
    left = [r for _, r in rows_a.iterrows()]
    right = [r for _, r in rows_b.iterrows()]
    matched: list[tuple[pd.Series, pd.Series, str]] = []

    def take(key_a, key_b, how: str) -> None:
        used_b: set[int] = set()
        keep_a = []
        for x in left:
            k = key_a(x)
            hit = None if k is None else next((j for j, y in enumerate(right) if j not in used_b
                                               and key_b(y) == k), None)
            if hit is None:
                keep_a.append(x)
            else:
                used_b.add(hit)
                matched.append((x, right[hit], how))
        left[:] = keep_a
        right[:] = [y for j, y in enumerate(right) if j not in used_b]

    def year(r: pd.Series) -> int | None:
        return None if pd.isna(r["year"]) else int(r["year"])

    for rows in (left, right):
        rows.sort(key=lambda r: (str(r["indicator_zh"]), -1 if pd.isna(r["value"]) else float(r["value"])))
    take(lambda r: (r["indicator_zh"], year(r)), lambda r: (r["indicator_zh"], year(r)), "indicator and year")
    if year_a is not None and year_b is not None:
        take(lambda r: r["indicator_zh"] if year(r) == year_a else None,
             lambda r: r["indicator_zh"] if year(r) == year_b else None, "as of each report")

    def by_value(r: pd.Series) -> tuple | None:
        return None if pd.isna(r["value"]) else (round(float(r["value"]), 9), r["unit"], year(r))

    pending = []
    for x in left:
        candidates = [y for y in right if by_value(y) is not None and by_value(y) == by_value(x)
                      and difflib.SequenceMatcher(None, measure_wording(x["quote"]),
                                                  measure_wording(y["quote"])).ratio() >= SIMILAR_WORDING]
        if len(candidates) == 1:
            matched.append((x, candidates[0], "value and wording"))
            right.remove(candidates[0])
        else:
            pending.append(x)
    left[:] = pending
    return matched, left, right


def compare_fact(a: pd.Series, b: pd.Series) -> tuple[str, str, str]:
    """The verdict on one fact reported twice, and what differs, in English and in Chinese.

    >>> f = lambda v, q, u="yuan/person/month": pd.Series({"value": v, "value_text": f"{v:g}", "unit": u,
    ...     "year": 2022, "quote": q, "comparator": "="})
    >>> compare_fact(f(2585.0, "提高到2585元/月"), f(2585.0, "提高到2585元/人月"))[0]
    'differ in wording'
    >>> compare_fact(f(302.0, "302名", "persons"), f(304.0, "304名", "persons"))[0]
    'differ in value'
    """
    # What differs, each as (English, Chinese).
    notes: list[tuple[str, str]] = []
    if pd.isna(a["value"]) or pd.isna(b["value"]):
        if pd.isna(a["value"]) and pd.isna(b["value"]):
            notes.append(("both withheld", "两者均未公布"))
            verdict = "agree"
        else:
            return ("differ in value", "one report prints the value, the other withholds it",
                    "一份报告印出数值，另一份未公布")
    elif not units.compatible(a["unit"], b["unit"]):
        return ("differ in value", f"units of different dimensions ({a['unit']}, {b['unit']}) cannot be compared",
                f"单位量纲不同（{unit_zh(a['unit'])}、{unit_zh(b['unit'])}），无法比较")
    else:
        va, vb = float(a["value"]), float(units.convert(float(b["value"]), b["unit"], a["unit"]))
        ha = half_unit(_text(a))
        hb = float(units.convert(half_unit(_text(b)), b["unit"], a["unit"]))
        slack = 1e-9 * max(abs(va), abs(vb), 1.0)
        if abs(va - vb) > ha + hb + slack:
            verdict = "differ in value"
            notes.append((f"{_text(a)} vs {_text(b)} {a['unit']}", f"{_text(a)} 对 {_text(b)}{unit_zh(a['unit'])}")
                         if a["unit"] == b["unit"] else
                         (f"{_text(a)} {a['unit']} vs {_text(b)} {b['unit']}",
                          f"{_text(a)}{unit_zh(a['unit'])} 对 {_text(b)}{unit_zh(b['unit'])}"))
        else:
            verdict = "agree"
    wording = []
    ya, yb = (None if pd.isna(x["year"]) else int(x["year"]) for x in (a, b))
    if ya != yb:
        wording.append((f"period {ya} vs {yb}", f"期间 {ya} 对 {yb}"))
    if a["unit"] != b["unit"]:
        wording.append((f"unit {a['unit']} vs {b['unit']}", f"单位 {unit_zh(a['unit'])} 对 {unit_zh(b['unit'])}"))
    pa, pb = printed_unit(a["quote"], _text(a)), printed_unit(b["quote"], _text(b))
    if pa != pb:
        wording.append((f"printed unit {pa or '—'} vs {pb or '—'}", f"印出单位 {pa or '—'} 对 {pb or '—'}"))
    ca, cb = str(a.get("comparator", "")), str(b.get("comparator", ""))
    if ca != cb:
        wording.append((f"comparator {ca} vs {cb}", f"约束 {ca} 对 {cb}"))
    wa, wb = measure_wording(a["quote"]), measure_wording(b["quote"])
    if wa != wb:
        wording.append(("wording " + _differences(wa, wb), "措辞 " + _differences(wa, wb)))
    if wording and verdict == "agree":
        verdict = "differ in wording"
    said = notes + wording
    return (verdict, "; ".join(en for en, _ in said) or "the same figure, unit and wording",
            "；".join(zh for _, zh in said) or "数字、单位和措辞相同")


#: How two facts were matched, in Chinese (see :func:`match_facts`).
MATCHED_ZH = {"as of each report": "按各报告的“截至”年份匹配", "value and wording": "按数值和措辞匹配"}


def _value(r: pd.Series) -> float:
    return np.nan if pd.isna(r["value"]) else float(r["value"])


def compare_reports(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per fact per pair of reports (see the module docstring): the pair and how it is related,
    the indicator, the year and value and unit in each report, the rows, the verdict (agree, differ in
    wording, differ in value, only in <id>) and what differs.

    >>> m = pd.DataFrame({"id": ["a", "b"], "date": ["2023-05-31"] * 2, "event": ["e"] * 2, "programme": ["p"] * 2})
    >>> t = pd.DataFrame({"id": ["a-1", "b-1", "b-2"], "source": ["a", "b", "b"],
    ...     "indicator_zh": ["托位数", "托位数", "城市数"], "year": [2025, 2025, 2023], "value": [4.5, 4.5, 40.0],
    ...     "value_text": ["4.5", "4.5", "40"], "unit": ["count"] * 3, "comparator": ["="] * 3,
    ...     "quote": ["托位数达到4.5个", "托位数4.5个", "全国40个城市"]})
    >>> compare_reports(t, m)[["indicator_zh", "verdict"]].values.tolist()
    [['托位数', 'agree'], ['城市数', 'only in b']]
    """
    years = _report_year(sources)
    records = []
    for a, b, relation in report_pairs(sources):
        rows_a = figures[figures["source"] == a]
        rows_b = figures[figures["source"] == b]
        matched, only_a, only_b = match_facts(rows_a, rows_b, years.get(a), years.get(b))
        label = f"{a} / {b}"
        for x, y, how in matched:
            verdict, why, why_zh = compare_fact(x, y)
            if how != "indicator and year":
                why = f"matched by {how}" + (f" ({y['indicator_zh']} in {b})" if how == "value and wording" else "") \
                    + f"; {why}"
                why_zh = MATCHED_ZH.get(how, how) + (f"（{b}中为{y['indicator_zh']}）" if how == "value and wording"
                                                     else "") + f"；{why_zh}"
            records.append({"pair": label, "relation": relation, "indicator_zh": x["indicator_zh"],
                            "year_a": x["year"], "year_b": y["year"], "value_a": _value(x), "value_b": _value(y),
                            "unit_a": x["unit"], "unit_b": y["unit"], "row_a": x["id"], "row_b": y["id"],
                            "verdict": verdict, "explanation": why, "explanation_zh": why_zh})
        for rows, side in ((only_a, a), (only_b, b)):
            for r in rows:
                records.append({"pair": label, "relation": relation, "indicator_zh": r["indicator_zh"],
                                "year_a": r["year"] if side == a else pd.NA,
                                "year_b": r["year"] if side == b else pd.NA,
                                "value_a": _value(r) if side == a else np.nan,
                                "value_b": _value(r) if side == b else np.nan,
                                "unit_a": r["unit"] if side == a else "", "unit_b": r["unit"] if side == b else "",
                                "row_a": r["id"] if side == a else "", "row_b": r["id"] if side == b else "",
                                "verdict": f"only in {side}",
                                "explanation": f"printed in {side} only: {squeeze(str(r['quote']))}",
                                "explanation_zh": f"仅见于 {side}：{squeeze(str(r['quote']))}"})
    out = pd.DataFrame.from_records(records, columns=list(COMPARISON_COLUMNS))
    for c in ("year_a", "year_b"):
        out[c] = out[c].astype("Int64")
    return out


def report_pairs_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per pair: how many facts, matched, agreeing, differing in wording or value, in one report
    only, and the pair's verdict (the worst verdict of its matched facts; ``agree`` when none differs).

    >>> c = pd.DataFrame({"pair": ["a / b"] * 3, "relation": ["same event"] * 3,
    ...     "verdict": ["agree", "differ in wording", "only in b"]})
    >>> report_pairs_summary(c)[["matched", "only_b", "verdict"]].values.tolist()
    [[2, 1, 'differ in wording']]
    """
    records = []
    for (pair, relation), group in comparison.groupby(["pair", "relation"], sort=False):
        a, b = (s.strip() for s in str(pair).split("/"))
        counts = group["verdict"].value_counts()
        found = [v for v in VERDICTS if counts.get(v, 0)]
        records.append({"pair": pair, "relation": relation, "a": a, "b": b, "facts": len(group),
                        "matched": int(sum(counts.get(v, 0) for v in VERDICTS)),
                        "agree": int(counts.get("agree", 0)),
                        "differ_in_wording": int(counts.get("differ in wording", 0)),
                        "differ_in_value": int(counts.get("differ in value", 0)),
                        "only_a": int(counts.get(f"only in {a}", 0)), "only_b": int(counts.get(f"only in {b}", 0)),
                        "verdict": found[-1] if found else "agree"})
    return pd.DataFrame.from_records(records, columns=list(SUMMARY_COLUMNS))


__all__ = [
    "COMPARISON_COLUMNS", "SIMILAR_WORDING", "SUMMARY_COLUMNS", "VERDICTS", "compare_fact", "compare_reports",
    "match_facts", "measure_wording", "printed_unit", "report_pairs", "report_pairs_summary",
]
