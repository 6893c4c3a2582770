"""Consistency checks of printed figures: recompute what the sources state and grade the difference.

Each check returns :class:`Finding` records. The tolerance of a recomputation is the precision the
source printed: ``36.7`` is printed to a tenth, so any true value in [36.65, 36.75] rounds to it and
the half-unit ±0.05 is allowed (:func:`half_unit`). The grade (:func:`grade`) is

* ``pass`` — within the half-unit of the last printed digit (the printed figure is a correct rounding);
* ``warn`` — off by more than that but by at most one unit of the last digit (truncation instead of
  rounding, or rounding of an intermediate value), or explained by a known convention;
* ``fail`` — anything further off.

Checks that need pairing (which figure is the "before" of which increase) take explicit values:
:func:`check_increase`, :func:`check_share`, :func:`check_average`, :func:`check_average_increment`,
:func:`check_magnitude`. Checks that need no pairing run over the whole figures table:
:func:`run_table_checks` (magnitudes, disagreements between sources, withheld values).

**Root causes.** A finding can name the finding it follows from (``cause``, the root's ``id``): one slip
seen by several checks is one root cause with consequences, not several faults.
:func:`unit_slip_roots` makes the root of a unit slip in totals (the magnitude fails of figures printed
in a unit they only hold in one step smaller, and the share fails that the same 10⁴ explains);
:func:`withheld_roots` the root of a document that withholds several values. :func:`number_findings`
gives ids, :func:`root_causes` lists each root with its consequences and :func:`root_summary` counts
root causes by severity. The text-reading rules are in :mod:`planeval.methods.reading`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planeval.core.errors import ParameterError
from planeval.core.validate import choice, columns, finite, non_negative, positive
from planeval.data.quotes import number_of
from planeval.data.vocab import KIND_ZH
from planeval.methods import growth, units

FINDING_STATUSES = ("pass", "warn", "fail")
FINDING_COLUMNS = ("check", "status", "rows", "stated", "expected", "explanation", "id", "cause", "rule",
                   "explanation_zh")
ROOT_COLUMNS = ("id", "check", "rule", "status", "rows", "consequences", "consequence_ids", "explanation",
                "explanation_zh")
TABLE_COLUMNS = (
    "id", "source", "region", "indicator_zh", "kind", "value", "value_text", "unit", "year", "status",
)

#: Ratios that betray a slipped multiplier word (万 = 10^4, 亿 = 10^8, and 亿/万 = 10^4).
_MULTIPLIER_SLIPS = (1e4, 1e8)


@dataclass(frozen=True)
class Finding:
    """One check's verdict on one or more rows of the figures table.

    ``stated`` is the value the source prints, ``expected`` the value recomputed from other figures
    (None when a check has nothing to recompute, e.g. a withheld value). ``id`` names the finding
    (given by :func:`number_findings`), ``cause`` is the id of the root finding it follows from (empty
    for a root) and ``rule`` the named rule that produced it (see
    :data:`planeval.methods.reading.RULES`); all three default to ``""``, so older calls are unchanged.
    ``explanation_zh`` is the explanation in Chinese, for the Chinese edition (empty: none written).

    >>> Finding("increase", "pass", ("s001-010",), 10.0, 10.0, "2350 → 2585 is +10%.").status
    'pass'
    >>> Finding("magnitude", "fail", ("r",), 1.0, None, "x", cause="a001").cause
    'a001'
    >>> Finding("increase", "ok", (), None, None, "")
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: status='ok' is not allowed: expected one of 'pass', 'warn', 'fail'
    """

    check: str
    status: str
    rows: tuple[str, ...]
    stated: float | None
    expected: float | None
    explanation: str
    id: str = ""
    cause: str = ""
    rule: str = ""
    explanation_zh: str = ""

    def __post_init__(self) -> None:
        choice("status", self.status, FINDING_STATUSES)
        object.__setattr__(self, "rows", tuple(str(r) for r in self.rows))


def half_unit(value_text: str) -> float:
    """Half a unit of the last digit printed in ``value_text``: the rounding a printed figure allows.

    Full-width digits and thousands separators are read as :func:`planeval.data.quotes.number_of` reads
    them; a Chinese numeral (三, 十五) is a whole number.

    >>> half_unit("36.7"), half_unit("10"), half_unit("2,350"), half_unit("0.125"), half_unit("三")
    (0.05, 0.5, 0.5, 0.0005, 0.5)
    >>> half_unit("**")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: value_text='**' is not allowed: expected a printed number (...)
    """
    text = unicodedata.normalize("NFKC", str(value_text)).strip().replace(",", "")
    match = re.fullmatch(r"[-+]?\d+(?:\.(\d+))?", text)
    if match:
        return 0.5 * 10.0 ** -len(match.group(1) or "")
    try:
        number_of(text)
    except ValueError:
        allowed = "a printed number (digits or a Chinese numeral)"
        raise ParameterError("value_text", value_text, allowed) from None
    return 0.5


def grade(difference: float, tolerance: float) -> str:
    """``pass`` within ``tolerance`` (a half-unit), ``warn`` within twice it (one unit), else ``fail``.

    >>> grade(0.03, 0.05), grade(0.08, 0.05), grade(0.2, 0.05)
    ('pass', 'warn', 'fail')
    """
    slack = 1 + 1e-9  # values exactly on the half-unit must not fail by binary rounding
    if abs(difference) <= tolerance * slack:
        return "pass"
    if abs(difference) <= 2 * tolerance * slack:
        return "warn"
    return "fail"


def _num(x: float) -> str:
    """A number as a reader would write it (no binary noise, no needless exponent)."""
    return f"{x:,.10g}" if abs(x) < 1e15 else f"{x:.4g}"


def _precision(stated: float, stated_text: str | None) -> tuple[str, float]:
    """The printed text of a stated value and its half-unit (from ``repr`` when no text was given)."""
    text = stated_text if stated_text is not None else repr(float(stated))
    return text, half_unit(text)


def _graded(name: str, stated: float, stated_text: str | None, expected: float) -> tuple[float, str, float, str]:
    """The stated value (checked finite), its printed text, its tolerance and the status of ``expected``."""
    value = float(finite(name, stated))
    text, tol = _precision(value, stated_text)
    return value, text, tol, grade(expected - value, tol)


def _verdict(status: str) -> str:
    return {"pass": "consistent with the printed precision",
            "warn": "off by at most one unit of the last printed digit",
            "fail": "inconsistent"}[status]


def _verdict_zh(status: str) -> str:
    return {"pass": "在印出精度内一致", "warn": "相差不超过最后一位印出数字的一个单位", "fail": "不一致"}[status]


def unit_zh(unit: str) -> str:
    """A unit as the Chinese sources print it (万元, 亿元, 人): :func:`planeval.report.labels.unit`."""
    from planeval.report import labels  # the one place of the words; it imports nothing of methods

    return labels.unit(unit).zh


def _base_unit_zh(dimension: str) -> str:
    """The Chinese name of a dimension's base unit (the unit of factor 1: 元, 人, 平方米)."""
    base = [u for u in units.units_of(dimension) if units.to_base(1.0, u) == 1.0]
    return unit_zh(base[0]) if base else dimension


def place_zh(region: str) -> str:
    """A place's Chinese name: :func:`planeval.report.labels.place`."""
    from planeval.report import labels

    return labels.place(region).zh


def check_increase(before: float, after: float, stated_pct: float, stated_text: str | None = None,
                   rows: Sequence[str] = ()) -> Finding:
    """Recompute a stated percentage change: expected ``(after / before − 1) × 100``.

    A decrease is a negative ``stated_pct`` (下降18% is −18). ``stated_text`` is the figure as printed
    (``"36.7"``); it sets the tolerance. Without it the float's ``repr`` does (``10.0`` → ±0.05), which
    is stricter than a printed ``"10"`` (±0.5): pass the text whenever it is known.

    Harbin 2022 (s001): 2350 → 2585 "增幅达10%", 1650 → 2255 "增幅达36.7%".

    >>> check_increase(2350, 2585, 10, "10", ("a", "b")).status
    'pass'
    >>> f = check_increase(1650, 2255, 36.7, "36.7")
    >>> f.status, round(f.expected, 2)
    ('pass', 36.67)
    >>> check_increase(1650, 2255, 40, "40").status
    'fail'
    """
    expected = float(growth.percent_change(before, after))
    stated, text, tol, status = _graded("stated_pct", stated_pct, stated_text, expected)
    return Finding("increase", status, tuple(rows), stated, expected,
                   f"{_num(before)} → {_num(after)} is a change of {expected:+.4f}%; the source states "
                   f"{text}% (±{tol:g}): {_verdict(status)}.",
                   explanation_zh=f"{_num(before)} → {_num(after)} 的变化为 {expected:+.4f}%；原文为 {text}%"
                                  f"（±{tol:g}）：{_verdict_zh(status)}。")


def check_share(part: float, whole: float, stated_pct: float, stated_text: str | None = None,
                rows: Sequence[str] = (), *, part_unit: str | None = None,
                whole_unit: str | None = None) -> Finding:
    """Recompute a stated share of a whole: expected ``part / whole × 100`` (units converted first).

    When the share fails but would pass with one figure scaled by 10⁴ or 10⁸, the explanation says
    so: the mark of a 万/亿 slip.

    Qingzhen 2020 (s003): 29.74万 women of 62.91万 people, "占总人口的47.3%"; education spending
    142818万元 "占当年财政支出的31.28%" of a spending printed as 456636亿元.

    >>> check_share(29.74, 62.91, 47.3, "47.3").status
    'pass'
    >>> f = check_share(142818, 456636, 31.28, "31.28", part_unit="10k yuan", whole_unit="100m yuan")
    >>> f.status, "10^4" in f.explanation
    ('fail', True)
    """
    numerator = non_negative("part", part)
    denominator = positive("whole", whole)
    if part_unit is not None or whole_unit is not None:
        numerator = np.asarray(units.convert(numerator, part_unit or whole_unit, whole_unit or part_unit))
    expected = float(numerator / denominator * 100.0)
    stated, text, tol, status = _graded("stated_pct", stated_pct, stated_text, expected)
    part_text = _num(part) + (f" {part_unit}" if part_unit else "")
    whole_text = _num(whole) + (f" {whole_unit}" if whole_unit else "")
    explanation = f"{part_text} of {whole_text} is {expected:.6g}%; the source states {text}% (±{tol:g})"
    part_zh = _num(part) + (unit_zh(part_unit) if part_unit else "")
    whole_zh = _num(whole) + (unit_zh(whole_unit) if whole_unit else "")
    explanation_zh = f"{part_zh} 占 {whole_zh} 的 {expected:.6g}%；原文为 {text}%（±{tol:g}）"
    if status == "fail":
        slips = [f for f in _MULTIPLIER_SLIPS for s in (f, 1 / f)
                 if grade(expected * s - stated, tol) == "pass"]
        if slips:
            power = round(np.log10(slips[0]))
            explanation += f", which it matches only if a multiplier is off by 10^{power} (a 万/亿 slip)"
            explanation_zh += f"，只有倍数相差 10^{power} 才能吻合（万/亿 错位）"
    return Finding("share", status, tuple(rows), stated, expected, explanation + f": {_verdict(status)}.",
                   explanation_zh=f"{explanation_zh}：{_verdict_zh(status)}。")


def check_average(values: Iterable[float], stated_average: float, stated_text: str | None = None,
                  rows: Sequence[str] = ()) -> Finding:
    """Recompute a stated arithmetic mean: expected ``Σ xᵢ / n``.

    >>> check_average([1, 2, 4], 2.3, "2.3").status
    'pass'
    """
    data = finite("values", list(values))
    if data.size == 0:
        raise ParameterError("values", [], "at least one value")
    expected = float(data.mean())
    stated, text, tol, status = _graded("stated_average", stated_average, stated_text, expected)
    return Finding("average", status, tuple(rows), stated, expected,
                   f"the mean of {data.size} values is {expected:.6g}; the source states {text} (±{tol:g}): "
                   f"{_verdict(status)}.",
                   explanation_zh=f"{data.size} 个数值的平均数为 {expected:.6g}；原文为 {text}（±{tol:g}）："
                                  f"{_verdict_zh(status)}。")


def check_average_increment(start: float, end: float, start_year: int, end_year: int, stated: float,
                            stated_text: str | None = None, rows: Sequence[str] = ()) -> Finding:
    """Recompute a stated average annual increase: expected ``(end − start) / (end_year − start_year)``.

    When the stated figure is off but equals ``(end − start) / d`` for another whole ``d`` (usually the
    number of years named, one more than the intervals), the finding is a ``warn`` naming ``d``;
    otherwise a ``fail``.

    Qingzhen (s003): urban income 28600 (2016) → 39307 (2020), "年均增长2141.4元".

    >>> f = check_average_increment(28600, 39307, 2016, 2020, 2141.4, "2141.4", ("q1", "q2", "q3"))
    >>> f.status, f.expected
    ('warn', 2676.75)
    >>> "divided by 5" in f.explanation
    True
    """
    intervals = float(growth.year_intervals(start_year, end_year))
    expected = float(growth.average_annual_increment(start, end, intervals))
    value, text, tol, status = _graded("stated", stated, stated_text, expected)
    explanation = (f"({_num(end)} − {_num(start)}) / {intervals:g} intervals ({start_year}→{end_year}) = "
                   f"{expected:.6g} a year; the source states {text} (±{tol:g})")
    explanation_zh = (f"({_num(end)} − {_num(start)}) / {intervals:g} 个间隔（{start_year}→{end_year}）= "
                      f"每年 {expected:.6g}；原文为 {text}（±{tol:g}）")
    verdict, verdict_zh = _verdict(status), _verdict_zh(status)
    if status == "fail":
        divisor = growth.infer_divisor(start, end, value, tolerance=tol)
        if divisor is not None:
            status = "warn"
            verdict = "a wrong count of periods, not a rounding difference"
            verdict_zh = "期数算错，而非四舍五入的差异"
            explanation += (f", which is the change divided by {divisor} instead of {intervals:g}"
                            f"{' (years named, not intervals)' if divisor == intervals + 1 else ''}")
            explanation_zh += (f"，即变化量除以 {divisor} 而不是 {intervals:g}"
                               f"{'（用的是所列年份数，而不是间隔数）' if divisor == intervals + 1 else ''}")
    return Finding("average increment", status, tuple(rows), value, expected, f"{explanation}: {verdict}.",
                   explanation_zh=f"{explanation_zh}：{verdict_zh}。")


Limits = dict[str, dict[str, float]]


def plausible_maximum(region: str, unit: str, limits: Limits | None = None) -> float | None:
    """Largest plausible figure (base unit) for a place and a unit's dimension, or None if unbounded.

    ``limits`` maps a region (or ``any``, for bounds that hold wherever the place, such as money per
    person) to its bounds; by default the project's table, ``data/places/plausible_maxima.csv`` (orders of
    magnitude, each with its reason: Qingzhen, a county-level city of 629,100 people, cannot have a budget
    above a trillion yuan).

    >>> plausible_maximum("qingzhen", "100m yuan"), plausible_maximum("harbin", "%") is None
    (1000000000000.0, True)
    >>> plausible_maximum("harbin", "yuan/person/month")
    100000.0
    """
    from planeval.data.places import ANY_PLACE

    bounds = _project_maxima() if limits is None else limits
    dim = units.dimension(unit)
    return bounds.get(ANY_PLACE, {}).get(dim, bounds.get(region, {}).get(dim))


@functools.cache
def _project_maxima() -> Limits:
    from planeval.data.places import load_plausible_maxima

    return load_plausible_maxima()


def check_magnitude(value: float, unit: str, region: str, rows: Sequence[str] = (),
                    limits: Limits | None = None) -> Finding | None:
    """Flag a figure too large (or negative) to be true for the place: ``value × factor(unit) ≤ maximum``.

    Returns None when the dimension has no bound (shares, counts of things). A failure names the
    largest unit of the same dimension in which the figure would be plausible.

    Qingzhen (s003): "公共财政预算收入从2016年的148697亿元" is 1.49 × 10¹³ yuan, more than half of
    China's national fiscal revenue; read as 万元 it is 1.49 × 10⁹ yuan, plausible for a county.

    >>> f = check_magnitude(148697, "100m yuan", "qingzhen", ("s003-020",))
    >>> f.status, "10k yuan" in f.explanation
    ('fail', True)
    >>> check_magnitude(62.91, "10k persons", "qingzhen").status
    'pass'
    """
    maximum = plausible_maximum(region, unit, limits)
    if maximum is None:
        return None
    amount = float(finite("value", value))
    base = float(units.to_base(amount, unit))
    dim = units.dimension(unit)
    base_zh, place = _base_unit_zh(dim), place_zh(region)
    if 0 <= base <= maximum:
        return Finding("magnitude", "pass", tuple(rows), amount, None,
                       f"{_num(amount)} {unit} ({base:.3g} {dim}) is within the plausible range for {region} "
                       f"(at most {maximum:.3g}).",
                       explanation_zh=f"{_num(amount)}{unit_zh(unit)}（{base:.3g}{base_zh}）在{place}的合理范围内"
                                      f"（至多 {maximum:.3g}）。")
    problem = "negative" if base < 0 else f"above the plausible maximum {maximum:.3g} {dim} for {region}"
    problem_zh = "为负数" if base < 0 else f"超过{place}的合理上限 {maximum:.3g}{base_zh}"
    explanation = f"{_num(amount)} {unit} is {base:.3g} {dim}, {problem}"
    explanation_zh = f"{_num(amount)}{unit_zh(unit)}即 {base:.3g}{base_zh}，{problem_zh}"
    smaller = [u for u in units.units_of(dim) if 0 <= units.to_base(amount, u) <= maximum]
    if base > 0 and smaller:
        alternative = smaller[-1]
        as_alternative = units.to_base(amount, alternative)
        explanation += f"; read as {alternative} it would be {as_alternative:.3g} {dim}, which is plausible"
        explanation_zh += f"；若读作{unit_zh(alternative)}，则为 {as_alternative:.3g}{base_zh}，是合理的"
    return Finding("magnitude", "fail", tuple(rows), amount, None, explanation + ".",
                   explanation_zh=explanation_zh + "。")


def _stated_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value is printed (not withheld, not missing)."""
    return figures[(figures["status"] != "withheld") & figures["value"].notna()]


def _text(row: pd.Series) -> str:
    """The printed text of a row's value (its repr when value_text is missing)."""
    text = row["value_text"]
    return str(text) if isinstance(text, str) and text.strip() else repr(float(row["value"]))


def check_magnitudes(figures: pd.DataFrame, limits: Limits | None = None) -> list[Finding]:
    """:func:`check_magnitude` for every stated row whose unit has a plausible bound for its region."""
    columns("figures", figures, TABLE_COLUMNS)
    found = (check_magnitude(row["value"], row["unit"], row["region"], (row["id"],), limits)
             for _, row in _stated_rows(figures).iterrows())
    return [f for f in found if f is not None]


def check_disagreements(figures: pd.DataFrame) -> list[Finding]:
    """Compare reports of the same fact from different sources.

    The same fact is the same ``indicator_zh``, ``region``, ``year`` and ``kind``; rows without a year
    are not grouped. Values are converted to a common unit; they agree (``pass``) when one true value
    could round to every printed figure, i.e. the intervals ``value ± half_unit(value_text)`` share a
    point; otherwise ``fail``. Units of different dimensions cannot be compared (``warn``).

    >>> t = pd.DataFrame({"id": ["a", "b"], "source": ["s000", "s001"], "region": ["harbin"] * 2,
    ...     "indicator_zh": ["儿童督导员"] * 2, "kind": ["reported"] * 2, "value": [120.0, 150.0],
    ...     "value_text": ["120", "150"], "unit": ["persons"] * 2, "year": [2021, 2021],
    ...     "status": ["stated"] * 2})
    >>> [(f.status, f.rows) for f in check_disagreements(t)]
    [('fail', ('a', 'b'))]
    """
    columns("figures", figures, TABLE_COLUMNS)
    findings = []
    stated = _stated_rows(figures)
    keys = ["indicator_zh", "region", "year", "kind"]
    for (indicator, region, year, kind), group in stated.groupby(keys, sort=True):
        if group["source"].nunique() < 2:
            continue
        rows = tuple(group["id"])
        first = group.iloc[0]
        what = f"{indicator} ({region}, {int(year)}, {kind})"
        what_zh = f"{indicator}（{place_zh(region)}，{int(year)}年，{KIND_ZH.get(kind, kind)}）"
        unit = first["unit"]
        if any(not units.compatible(unit, u) for u in group["unit"]):
            findings.append(Finding("disagreement", "warn", rows, float(first["value"]), None,
                                    f"{what} is reported in units of different dimensions "
                                    f"({', '.join(sorted(set(group['unit'])))}) and cannot be compared.",
                                    explanation_zh=f"{what_zh}以不同量纲的单位报告"
                                                   f"（{'、'.join(unit_zh(u) for u in sorted(set(group['unit'])))}），"
                                                   "无法比较。"))
            continue
        in_first_unit = np.array([units.convert(r["value"], r["unit"], unit) for _, r in group.iterrows()])
        halves = np.array([units.convert(half_unit(_text(r)), r["unit"], unit) for _, r in group.iterrows()])
        slack = 1e-9 * np.abs(in_first_unit).max()  # binary rounding of converted values
        overlap = (in_first_unit - halves).max() <= (in_first_unit + halves).min() + slack
        farthest = float(in_first_unit[np.argmax(np.abs(in_first_unit - in_first_unit[0]))])
        status = "pass" if overlap else "fail"
        said = "; ".join(f"{r['source']} ({r['id']}) {_text(r)} {r['unit']}" for _, r in group.iterrows())
        said_zh = "；".join(f"{r['source']}（{r['id']}）{_text(r)}{unit_zh(r['unit'])}" for _, r in group.iterrows())
        findings.append(Finding("disagreement", status, rows, float(in_first_unit[0]), farthest,
                                f"{what}: {said} — " + ("the sources agree within printed precision."
                                                       if status == "pass" else "the sources disagree."),
                                explanation_zh=f"{what_zh}：{said_zh}——" + ("各来源在印出精度内一致。"
                                                                           if status == "pass" else "各来源不一致。")))
    return findings


def check_withheld(figures: pd.DataFrame) -> list[Finding]:
    """One ``warn`` per row whose value the source withholds (printed as ``**``): it cannot be checked.

    >>> t = pd.DataFrame({"id": ["p1"], "source": ["s004"], "region": ["province"],
    ...     "indicator_zh": ["孕产妇死亡率"], "kind": ["target"], "value": [float("nan")],
    ...     "value_text": ["**"], "unit": ["per 100k"],
    ...     "year": [2025], "status": ["withheld"]})
    >>> [(f.status, f.rows) for f in check_withheld(t)]
    [('warn', ('p1',))]
    """
    columns("figures", figures, TABLE_COLUMNS)
    withheld = figures[figures["status"] == "withheld"]
    return [Finding("withheld", "warn", (row["id"],), None, None,
                    f"{row['indicator_zh']} ({row['source']}, {row['kind']}): the source withholds the value "
                    f"(printed as {row['value_text']}), so it can be neither checked nor assessed.",
                    explanation_zh=f"{row['indicator_zh']}（{row['source']}，"
                                   f"{KIND_ZH.get(row['kind'], row['kind'])}）：来源未公布数值"
                                   f"（印为 {row['value_text']}），既无法核查，也无法评估。")
            for _, row in withheld.iterrows()]


def run_table_checks(figures: pd.DataFrame, limits: Limits | None = None) -> list[Finding]:
    """Every check that needs no pairing, over the whole figures table.

    Magnitude plausibility per unit and region (:func:`check_magnitudes`), disagreements between
    sources (:func:`check_disagreements`) and withheld values (:func:`check_withheld`), in that order.
    """
    return check_magnitudes(figures, limits) + check_disagreements(figures) + check_withheld(figures)


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """Findings as a table with columns check, status, rows, stated, expected, explanation, id, cause, rule
    and explanation_zh.

    ``rows`` joins the ids with ``", "``; a missing stated or expected value is NaN; ``id``, ``cause``,
    ``rule`` and ``explanation_zh`` are ``""`` when not set.

    >>> frame = findings_frame([Finding("increase", "pass", ("a", "b"), 10.0, None, "ok.")])
    >>> list(frame.columns)
    ['check', 'status', 'rows', 'stated', 'expected', 'explanation', 'id', 'cause', 'rule', 'explanation_zh']
    >>> frame.loc[0, "rows"], float(frame.loc[0, "stated"]), bool(pd.isna(frame.loc[0, "expected"]))
    ('a, b', 10.0, True)
    """
    records = [{"check": f.check, "status": f.status, "rows": ", ".join(f.rows),
                "stated": np.nan if f.stated is None else f.stated,
                "expected": np.nan if f.expected is None else f.expected,
                "explanation": f.explanation, "id": f.id, "cause": f.cause, "rule": f.rule,
                "explanation_zh": f.explanation_zh} for f in findings]
    return pd.DataFrame.from_records(records, columns=list(FINDING_COLUMNS))


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """Count of findings per status (every status present, zero included).

    >>> summary([Finding("x", "warn", (), None, None, "")])
    {'pass': 0, 'warn': 1, 'fail': 0}
    """
    counts = dict.fromkeys(FINDING_STATUSES, 0)
    for f in findings:
        counts[f.status] += 1
    return counts


def number_findings(findings: Sequence[Finding], prefix: str = "a") -> list[Finding]:
    """Give every finding without an id the id ``<prefix><n>`` (n its position, from 1, three digits).

    Ids already set are kept; a ``cause`` naming a position (``"#3"``, as the root-cause rules write
    it before ids exist) is replaced by the id of the finding at that position (0-based).

    >>> fs = number_findings([Finding("x", "fail", (), None, None, ""),
    ...                       Finding("y", "fail", (), None, None, "", cause="#0")])
    >>> [(f.id, f.cause) for f in fs]
    [('a001', ''), ('a002', 'a001')]
    """
    numbered = [f if f.id else dataclasses.replace(f, id=f"{prefix}{i + 1:03d}") for i, f in enumerate(findings)]
    out = []
    for f in numbered:
        if f.cause.startswith("#"):
            f = dataclasses.replace(f, cause=numbered[int(f.cause[1:])].id)
        out.append(f)
    return out


def _insert_root(findings: list[Finding], root: Finding, consequences: list[int]) -> list[Finding]:
    """``findings`` with ``root`` placed before its first consequence and each consequence pointing at it
    by position (``#k``), to be resolved by :func:`number_findings`."""
    at = min(consequences)
    out = findings[:at] + [root] + findings[at:]
    position = {i: (i if i < at else i + 1) for i in range(len(findings))}
    root_ref = f"#{at}"
    out = [f if not f.cause.startswith("#") else dataclasses.replace(f, cause=f"#{position[int(f.cause[1:])]}")
           for f in out]
    for i in consequences:
        out[position[i]] = dataclasses.replace(out[position[i]], cause=root_ref)
    return out


_READ_AS = re.compile(r"read as (?P<unit>[^ ]+(?: [^ ]+)?) it would be")


def unit_slip_roots(findings: Sequence[Finding], figures: pd.DataFrame) -> list[Finding]:
    """One root finding per source and printed unit whose magnitude fails would all be plausible in the
    same smaller unit of the dimension (e.g. totals printed in 亿元 that hold only in 万元); the magnitude
    fails, and the share fails whose whole or part is one of those figures and which the explanation says
    match with a 10⁴ or 10⁸ factor, become its consequences (``cause``).

    Findings that already have a cause are left alone. The root lists the slipped rows; its status is
    ``fail`` (a figure wrong as printed). Returns the findings, roots inserted, causes as positions
    (``#k``) until :func:`number_findings` gives ids.

    >>> t = pd.DataFrame({"id": ["q1", "q2"], "source": ["s003"] * 2, "unit": ["100m yuan"] * 2,
    ...                   "value_text": ["148697", "185783"], "indicator_zh": ["收入"] * 2})
    >>> found = [check_magnitude(148697, "100m yuan", "qingzhen", ("q1",)),
    ...          check_magnitude(185783, "100m yuan", "qingzhen", ("q2",))]
    >>> [(f.check, f.cause) for f in number_findings(unit_slip_roots(found, t))]
    [('unit slip', ''), ('magnitude', 'a001'), ('magnitude', 'a001')]
    """
    findings = list(findings)
    by_row = figures.set_index("id") if len(figures) else figures
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(findings):
        if f.check != "magnitude" or f.status != "fail" or f.cause or len(f.rows) != 1:
            continue
        m = _READ_AS.search(f.explanation)
        if m is None or f.rows[0] not in by_row.index:
            continue
        row = by_row.loc[f.rows[0]]
        groups.setdefault((str(row["source"]), str(row["unit"]), m.group("unit")), []).append(i)
    for (source, unit, alternative), members in groups.items():
        slipped = {findings[i].rows[0] for i in members}
        shares = [i for i, f in enumerate(findings)
                  if f.check == "share" and f.status == "fail" and not f.cause and slipped & set(f.rows)
                  and "slip" in f.explanation]
        printed = ", ".join(str(by_row.loc[r, "value_text"]) for r in sorted(slipped))
        indicators = sorted({str(by_row.loc[r, "indicator_zh"]) for r in slipped})
        root = Finding("unit slip", "fail", tuple(sorted(slipped)), None, None,
                       f"{source} prints {len(slipped)} figures of {'、'.join(indicators)} ({printed}) in {unit}, "
                       f"where they are implausible; in {alternative} every one is plausible. One unit slip: "
                       f"the {len(members)} magnitude fails and the {len(shares)} share fails that use these "
                       "figures follow from it.", rule="unit_slip",
                       explanation_zh=f"{source} 以{unit_zh(unit)}印出{'、'.join(indicators)}的 {len(slipped)} 个数字"
                                      f"（{printed}），按此单位不合理；按{unit_zh(alternative)}则每个都合理。这是一个"
                                      f"单位错误：使用这些数字的 {len(members)} 项数量级不符和 {len(shares)} 项"
                                      "占比不符都由它引起。")
        findings = _insert_root(findings, root, members + shares)
    return findings


def withheld_roots(findings: Sequence[Finding], figures: pd.DataFrame, minimum: int = 2) -> list[Finding]:
    """One root ``warn`` per source that withholds at least ``minimum`` values (printed as ``**``): the
    per-row withheld warns become its consequences, since one decision of the document (to print its
    targets as ``**``) explains them all.

    >>> t = pd.DataFrame({"id": ["p1", "p2"], "source": ["s004"] * 2})
    >>> fs = [Finding("withheld", "warn", (r,), None, None, "") for r in ("p1", "p2")]
    >>> [(f.check, f.rows, f.cause) for f in number_findings(withheld_roots(fs, t))]
    [('withheld', ('s004',), ''), ('withheld', ('p1',), 'a001'), ('withheld', ('p2',), 'a001')]
    """
    findings = list(findings)
    source_of = dict(zip(figures["id"], figures["source"], strict=True)) if len(figures) else {}
    groups: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        if f.check == "withheld" and not f.cause and len(f.rows) == 1 and f.rows[0] in source_of:
            groups.setdefault(str(source_of[f.rows[0]]), []).append(i)
    for source, members in groups.items():
        if len(members) < minimum:
            continue
        root = Finding("withheld", "warn", (source,), None, None,
                       f"{source} withholds {len(members)} values (printed as **): one decision of the document, "
                       "listed below value by value; none of them can be checked or assessed.",
                       rule="withheld_in_source",
                       explanation_zh=f"{source} 未公布 {len(members)} 个数值（印为 **）：这是该文件的一个决定，"
                                      "下面逐个列出；它们都无法核查或评估。")
        findings = _insert_root(findings, root, members)
    return findings


def root_causes(findings: Iterable[Finding] | pd.DataFrame) -> pd.DataFrame:
    """One row per root cause: a warn or fail finding that follows from no other, with the number and
    ids of the findings that name it as their cause; fails first, then warns, in the order found.

    >>> fs = number_findings([Finding("unit slip", "fail", ("q1",), None, None, "slip."),
    ...                       Finding("magnitude", "fail", ("q1",), 1.0, None, "big.", cause="#0"),
    ...                       Finding("withheld", "warn", ("w",), None, None, "**.")])
    >>> root_causes(fs)[["id", "status", "consequences", "consequence_ids"]].values.tolist()
    [['a001', 'fail', 1, 'a002'], ['a003', 'warn', 0, '']]
    """
    frame = findings if isinstance(findings, pd.DataFrame) else findings_frame(findings)
    frame = frame.fillna({"cause": "", "id": "", "rule": "", "explanation_zh": ""})
    if "explanation_zh" not in frame:
        frame = frame.assign(explanation_zh="")
    roots = frame[(frame["cause"] == "") & (frame["status"] != "pass")]
    records = []
    for status in ("fail", "warn"):
        for _, r in roots[roots["status"] == status].iterrows():
            following = frame[(frame["cause"] == r["id"]) & (r["id"] != "")]["id"].tolist()
            records.append({"id": r["id"], "check": r["check"], "rule": r["rule"], "status": status,
                            "rows": r["rows"], "consequences": len(following),
                            "consequence_ids": ", ".join(following), "explanation": r["explanation"],
                            "explanation_zh": r["explanation_zh"]})
    return pd.DataFrame.from_records(records, columns=list(ROOT_COLUMNS))


def root_summary(findings: Iterable[Finding] | pd.DataFrame) -> dict[str, int]:
    """Count of root causes per severity, fails first: warn and fail findings that follow from no other
    (a pass is no cause, and is not counted).

    >>> root_summary([Finding("x", "fail", (), None, None, "", id="a1"),
    ...               Finding("y", "fail", (), None, None, "", id="a2", cause="a1"),
    ...               Finding("z", "pass", (), None, None, "", id="a3")])
    {'fail': 1, 'warn': 0}
    """
    frame = findings if isinstance(findings, pd.DataFrame) else findings_frame(findings)
    roots = frame[frame["cause"].fillna("") == ""]
    return {status: int((roots["status"] == status).sum()) for status in ("fail", "warn")}


__all__ = [
    "FINDING_COLUMNS", "FINDING_STATUSES", "Finding", "ROOT_COLUMNS",
    "check_average", "check_average_increment", "check_disagreements", "check_increase", "check_magnitude",
    "check_magnitudes", "check_share", "check_withheld", "findings_frame", "grade", "half_unit",
    "number_findings", "plausible_maximum", "root_causes", "root_summary", "run_table_checks", "summary",
    "unit_slip_roots", "withheld_roots",
]
