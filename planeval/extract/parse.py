"""Value expressions: numbers, units and multipliers, bound words, and the lists and ranges they form.

A value expression is ``[bound word] number [余|多] unit [bound word]``; the number is Arabic (``62.91``,
``1,271``, ``１２``), withheld (``*``, ``**``) or, with ``chinese_numerals=True``, a Chinese numeral.
Units: ``%``, ``‰``, ``/10万`` (per 100k), ``个百分点``, ``万人``, ``亿元``, ``元/人·月``, ``万平方米``,
counters (个 项 所 家 次 名 ...) and durations; the multipliers 万/亿 live in the unit (``62.91万人`` ->
62.91 ``10k persons``); see :data:`~planeval.extract.lexicon.UNIT_ALTERNATIVES`. The bound word before
the number is read with the left context (:mod:`planeval.extract.guess`); the one after it here.

Values joined by 、/和/及/与 form a group (a short qualifier may follow a value:
``640元(城市)和440元(农村)``): a bound word or unit printed once applies to all
(``3.0‰、4.0‰和6.0‰以下``); ``至``/``-`` make a range (two rows, ``>=`` and ``<=``).

Numbers that are not quantities are left out with a reason (:data:`~planeval.extract.lexicon.SKIP_PATTERNS`:
dates, years, phone and document numbers, list numbers, ordinals, plan periods, ages in an indicator's
name, numbers inside quoted names and titles, names with ``+``), and so are numbers with no unit or a
unit outside the vocabulary.

>>> text = "新生儿死亡率分别降至3.0、4.0和6.0‰以下,7月13日"
>>> values, skipped = read_value_expressions(text)
>>> groups = group_values(text, values, skipped)
>>> [(text[v.number_start:v.number_end], v.unit, v.bound_after) for v in groups[0].values]
[('3.0', '‰', '以下'), ('4.0', '‰', '以下'), ('6.0', '‰', '以下')]
>>> skipped
[(25, 26, 'date'), (27, 29, 'date')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from planeval.data.quotes import number_of
from planeval.extract.lexicon import (
    AGE,
    AGE_DECIMAL,
    AGE_IN_NAME_ALWAYS,
    AGE_VALUE_BEFORE,
    APPROX_BEFORE_UNIT,
    BOUND_AFTER,
    CHINESE_NUMBER,
    CONNECTOR,
    LIST_JOIN,
    NO_VOCABULARY,
    NUMBER,
    PER_PERIOD_SUFFIX,
    QUOTED_NAME,
    QUOTED_STATEMENT,
    SKIP_PATTERNS,
    TIME_UNITS,
    UNIT,
    UNIT_ALTERNATIVES,
    UNIT_OUTSIDE_VOCABULARY,
)

__all__ = [
    "Skip",
    "ValueExpression",
    "ValueGroup",
    "find_skips",
    "format_value",
    "group_values",
    "parse_unit",
    "read_value_expressions",
    "skip_reason",
]

#: A number left out: ``(start, end, reason)`` in the normalised text.
Skip = tuple[int, int, str]

# how many skip spans before a number are looked at for one that overlaps it (spans are short)
_SKIP_LOOKBACK = 12


@dataclass
class ValueExpression:
    """A value expression found in the normalised text (offsets are normalised)."""

    number_start: int
    number_end: int
    unit: str = ""
    end: int = 0  # after the unit and the bound word after it
    bound_after: str = ""  # 以上, 以下, 左右 ...
    approx: str = ""  # 余 or 多: more than the number printed
    withheld: bool = False
    chinese: bool = False
    per: str = ""  # 月, 年 or 学年 from 元/人·月
    unit_text: str = ""
    connector_before: str = ""  # the word joining it to the value before it in a group


@dataclass
class ValueGroup:
    """Values joined by 、/和/及/与 or a range word, and what the left context says about them.

    ``subject`` is the indicator phrase left of the first value and ``items`` the indicator of each
    value (one when they share it); ``role`` is ``level``, ``from`` or ``change`` (``change`` the
    change word); ``words_before`` are the verbs and bound words between subject and number, nearest
    first; ``trail`` is the noun after the last value (what a counter counts) at
    ``[trail_start, trail_end)``; ``quote_start`` is where the quote begins.
    """

    values: list[ValueExpression]
    subject: str = ""
    items: list[str] = field(default_factory=list)
    role: str = "level"
    change: str = ""
    words_before: list[str] = field(default_factory=list)
    inherited: bool = False
    quote_start: int = 0
    far_bound: tuple[str, str, str] | None = None
    trail: str = ""
    trail_start: int = -1
    trail_end: int = -1


# --------------------------------------------------------------------------------------------------
# Numbers that are not values
# --------------------------------------------------------------------------------------------------

def find_skips(text: str) -> list[Skip]:
    """Spans of the normalised text whose numbers are not values, with the reason, sorted.

    >>> find_skips("7月13日,清府发〔2022〕12号,5岁以下儿童")  # doctest: +NORMALIZE_WHITESPACE
    [(0, 5, 'date'), (9, 18, 'document number'), (15, 18, 'number or address (号)'),
     (19, 21, 'age in an indicator name')]
    """
    spans: list[Skip] = []
    for pattern, reason in SKIP_PATTERNS:
        for match in pattern.finditer(text):
            is_statement = reason == QUOTED_NAME and match.group()[0] != "《" \
                and QUOTED_STATEMENT.search(text, match.start() + 1, match.end() - 1)
            if is_statement:
                continue  # a quoted statement, not a name: 将“托位数达到4.5个,新增托位66万个”列入
            if match.end() > match.start():
                spans.append((match.start(), match.end(), reason))
    for age in AGE.finditer(text):
        value_before = AGE_VALUE_BEFORE.search(text, max(0, age.start() - 4), age.start())
        is_value = AGE_DECIMAL.fullmatch(age.group()) or value_before
        if age.group().endswith(AGE_IN_NAME_ALWAYS) or not is_value:
            spans.append((age.start(), age.end(), "age in an indicator name"))
    spans.sort()
    return spans


def skip_reason(spans: list[Skip], starts: list[int], start: int, end: int) -> str:
    """Reason of the earliest-starting skip span overlapping ``[start, end)`` ('' when none overlaps).

    ``spans`` are sorted by start and ``starts`` are their starts.
    """
    after = bisect.bisect_right(starts, end - 1)  # the spans from here on start after the number
    best = None
    for j in range(after - 1, max(-1, after - _SKIP_LOOKBACK), -1):
        span_start, span_end, reason = spans[j]
        if span_start < end and span_end > start and (best is None or span_start < best[0]):
            best = (span_start, reason)
    return best[1] if best else ""


# --------------------------------------------------------------------------------------------------
# Units and values
# --------------------------------------------------------------------------------------------------

def parse_unit(text: str, pos: int) -> tuple[str, int, str, str]:
    """The unit at ``pos``: ``(unit, end, approx word, per-period)``.

    ``unit`` is ``""`` when there is none and :data:`~planeval.extract.lexicon.UNIT_OUTSIDE_VOCABULARY`
    for a unit outside the vocabulary.

    >>> parse_unit("2350元/人·月", 4), parse_unit("300余所", 3), parse_unit("6个月", 1), parse_unit("12315热线", 5)
    (('yuan', 9, '', '月'), ('count', 5, '余', ''), ('-', 3, '', ''), ('', 5, '', ''))
    """
    approx = ""
    approx_match = APPROX_BEFORE_UNIT.match(text, pos)
    if approx_match:
        approx, pos = approx_match.group(), approx_match.end()
    unit_match = UNIT.match(text, pos)
    if not unit_match:
        return "", pos, approx, ""
    unit = UNIT_ALTERNATIVES[int(unit_match.lastgroup[1:])][1]  # type: ignore[index]
    end = unit_match.end()
    printed = unit_match.group()
    if ("余" in printed or "多" in printed) and not approx:
        approx = "余" if "余" in printed else "多"
    per = ""
    if unit in ("yuan", "10k yuan"):
        per_match = PER_PERIOD_SUFFIX.match(text, end)
        if per_match:
            per, end = per_match[1], per_match.end()
    return unit, end, approx, per


def format_value(number_text: str, chinese: bool) -> str:
    """The value column of a number of the normalised text: thousands separators removed; a Chinese
    numeral as a number (``ValueError`` when it is none).

    >>> format_value("1,271", False), format_value("62.91", False), format_value("三十", True)
    ('1271', '62.91', '30')
    """
    if chinese:
        number = number_of(number_text)
        return str(int(number)) if float(number).is_integer() else str(number)
    return number_text.replace(",", "")


def _number_tokens(text: str, chinese_numerals: bool) -> list[tuple[int, int, bool]]:
    """``(start, end, chinese)`` of every number of the text, in order."""
    tokens = [(number.start(), number.end(), False) for number in NUMBER.finditer(text)]
    if chinese_numerals:
        tokens += [(number.start(), number.end(), True) for number in CHINESE_NUMBER.finditer(text)]
        tokens.sort()
    return tokens


def read_value_expressions(text: str, chinese_numerals: bool = False) -> tuple[list[ValueExpression], list[Skip]]:
    """Phase *value expressions*: every number of the normalised text with its unit and the bound word
    after it, and the numbers left out with their reasons.

    A number with no unit is kept only when a connector follows it (its unit may be printed once at
    the end of the list, see :func:`group_values`); digits inside a unit (``14/10万``) are not numbers.
    """
    skips = find_skips(text)
    skip_starts = [skip_start for skip_start, _, _ in skips]
    values: list[ValueExpression] = []
    skipped: list[Skip] = []
    consumed = 0  # end of the last unit read
    for start, end, chinese in _number_tokens(text, chinese_numerals):
        if start < consumed:
            continue
        reason = skip_reason(skips, skip_starts, start, end)
        if not reason and chinese and start > 0 and text[start - 1] == "第":
            reason = "ordinal"
        if reason:
            skipped.append((start, end, reason))
            continue
        unit, unit_end, approx, per = parse_unit(text, end)
        if unit == UNIT_OUTSIDE_VOCABULARY:
            skipped.append((start, end, NO_VOCABULARY))
            continue
        if chinese and not unit:
            continue
        value = ValueExpression(start, end, unit=unit, end=unit_end, approx=approx, per=per,
                                withheld=text[start] == "*", chinese=chinese, unit_text=text[end:unit_end])
        consumed = unit_end
        if unit:
            bound = BOUND_AFTER.match(text, unit_end)
            if bound and (bound.group() != "内" or unit in TIME_UNITS):
                value.bound_after, value.end = bound.group(), bound.end()
        elif not CONNECTOR.match(text, end):
            skipped.append((start, end, "no unit"))
            continue
        values.append(value)
    return values, skipped


# --------------------------------------------------------------------------------------------------
# Groups: lists and ranges
# --------------------------------------------------------------------------------------------------

def _join_lists(text: str, values: list[ValueExpression]) -> list[ValueGroup]:
    """Values joined only by 、/和/及/与/或 or a range word, with at most a short qualifier between."""
    groups: list[ValueGroup] = []
    for value in values:
        if groups:
            previous = groups[-1].values[-1]
            join = LIST_JOIN.fullmatch(text[previous.end:value.number_start])
            if join:
                value.connector_before = join[1]
                groups[-1].values.append(value)
                continue
        groups.append(ValueGroup([value]))
    return groups


def _share_unit_and_bound(group: ValueGroup, skipped: list[Skip]) -> bool:
    """Give the values of a group the unit and bound word printed once at the end (3.0、4.0和6.0‰以下).

    Values still without a unit are left out (added to ``skipped``); returns whether any value is left.
    """
    unit, unit_value = "", None
    for value in reversed(group.values):
        if value.unit:
            unit, unit_value = value.unit, value
        elif unit and unit_value is not None:
            value.unit, value.per, value.unit_text = unit, unit_value.per, unit_value.unit_text
    kept = [value for value in group.values if value.unit]
    for value in group.values:
        if not value.unit:
            skipped.append((value.number_start, value.number_end, "no unit"))
    if not kept:
        return False
    last_bound = kept[-1].bound_after
    for value in kept[:-1]:
        if not value.bound_after and last_bound and value.unit == kept[-1].unit:
            value.bound_after = last_bound
    group.values = kept
    return True


def group_values(text: str, values: list[ValueExpression], skipped: list[Skip]) -> list[ValueGroup]:
    """Phase *grouping*: the value expressions in groups (lists and ranges) sharing units and bound words.

    Values left without a unit are added to ``skipped`` with the reason ``no unit``.
    """
    return [group for group in _join_lists(text, values) if _share_unit_and_bound(group, skipped)]
