"""Candidate figures from the source texts: text in, candidate rows out.

The extractor reads a plan or a news page and proposes one *candidate* row per number that states a
quantity (a value with a unit), in the vocabulary of :mod:`planeval.data.vocab`. It is the first step of the
completeness ledger: every candidate must later either match a curated row of ``data/indicators.csv``
(same source, same value, overlapping quote) or be excluded with a reason. It is a proposer, not a
judge: it does not know which numbers concern the plans (a ticket price or a rain warning is a
quantity too), and ``indicator_zh``, ``kind``, ``comparator`` and ``year`` are *guesses* from the words
around the number, to be checked by a reader.

How the text is read
--------------------
* Matching runs on a normalised copy of the text: every character is folded with NFKC (full-width
  digits and punctuation become ASCII, ``％`` becomes ``%``), whitespace is dropped (the sources break
  lines in the middle of sentences and numbers), except that a line break stays as a clause boundary
  when the line before it ends a sentence or looks like a heading. ``start``/``end`` and ``quote``
  always refer to the *original* text: ``quote == text[start:end]`` (offsets in code points of the
  decoded text), so a quote may contain the line breaks the source has.
* A value expression is ``[bound word] number [余|多] unit [bound word]``; the number is Arabic
  (``62.91``, ``1,271``, ``１２``), withheld (``*``, ``**``) or, with ``chinese_numerals=True``, a
  Chinese numeral. Units: ``%``, ``‰``, ``/10万`` (per 100k), ``个百分点``, ``万人``, ``亿元``,
  ``元/人·月``, ``每人每月X元``, ``万平方米``, counters (个 项 所 家 次 名 ...) and durations; the
  multipliers 万/亿 live in the unit (``62.91万人`` -> 62.91 ``10k persons``).
* Values joined by 、/和/及/与 form a group (a short qualifier may follow a value:
  ``640元(城市)和440元(农村)``): a bound word or unit printed once applies to all
  (``3.0‰、4.0‰和6.0‰以下``); ``至``/``-`` make a range (two rows, ``>=`` and ``<=``). When a group has
  as many values as its subject has items, the subject is distributed: ``新生儿、婴儿和5岁以下儿童死亡率
  分别降至3.0‰、4.0‰和6.0‰以下`` gives 新生儿死亡率, 婴儿死亡率 and 5岁以下儿童死亡率, sharing one quote.
* ``role`` says what the number is: ``level`` (a value), ``from`` (the old value of ``由/从 X 提高到 Y``)
  or ``change`` (``增幅达10%``, ``同比下降15.82%``, ``比2010年降低43.7%``, ``年均增长2141.4元``,
  ``以2020年为基数下降18%``). A clause without its own subject (``增幅达10%``, ``占总人口的47.3%``,
  ``提高到1360元``) borrows the subject of the previous value in the same sentence (of a change, without
  its verb: ``总数增加6.6万家,增幅达110%`` gives 总数增幅).
* ``year``: the nearest year printed before the value in its sentence (``到2025年``, ``2022年``,
  ``从2016年的``; base years such as ``以2020年为基数`` and plan periods are ignored); ``今年``/``去年``
  need the document date (``doc_date``; a ``成文日期`` in the header is used when none is given).
  Otherwise targets get the end year of the plan period printed in the document and other rows the
  year of the document date; ``notes`` says so.
* ``kind`` is a guess, from the first rule that applies: claim (the number counts targets, indicators,
  domains or revisions of the plans: 97项主要目标, 高于国家的量化指标9个); baseline (a year 2020 or
  earlier, 截至2020年, 十三五期间, or the 基本情况 section of a plan); reported if the year is before
  the document date, target if after it; target anywhere in a plan (a document with 主要目标
  headings: its lists and its measures); target after 到/至20xx年 or with 力争, 确保, 控制在, 将达到 ... in
  the clause; reported with 提高到, 增幅, 累计, 投入, 设置 ... in the clause or for an old value; target
  with 下一步, 预计, 要 ... in the sentence; otherwise reported. Bare 达到 is not a target cue outside a
  plan (``我省...女性占比达到45.3%`` reports a level).
* ``comparator``: 以上/不低于/不少于/至少/超过/突破 give ``>=``; 以下/以内/不超过/控制在 give ``<=``;
  左右/约/余/多 give ``~``; in a target, 达到/增至/提高到 give ``>=`` and 降至 gives ``<=``; else ``=``
  (empty for a withheld value with no bound word).

Columns (:data:`FIELDS`): ``file``; ``start``/``end`` and ``quote`` (the indicator phrase, the number,
its unit and bound word; rows of one distributive list share it); ``indicator_zh``; ``value`` (as printed,
thousands separators removed; empty when withheld), ``value_text`` (the characters in the source) and
``value_start``/``value_end``; ``unit``; ``comparator``; ``year``; ``kind``; ``withheld``; ``role``;
``notes`` (how the year was found, 超过 and 余 notes, per-person assumptions, borrowed subjects);
``duplicate_of`` (the ``start`` of an earlier candidate with the same quote, value, unit and indicator:
a paragraph printed twice); ``reason_hint`` (only with ``include_skipped``).

What is *not* a candidate
-------------------------
Numbers that are not quantities are left out: dates and years (``7月13日``, ``2022年``, ``2023.6.9``),
times of day, phone numbers, document numbers (``清府发〔2022〕12号``), list and section numbers (``1、``,
``2.`` at the start of a line, ``(1)``), ordinals (``第22个``), plan periods (``2021-2025``), ages that
form part of an indicator's name (``5岁以下儿童``, ``0-6岁``, ``6-36月龄``; an age with decimals, ``77.37岁``,
is a value), numbers inside quoted names and titles (``“15分钟健身圈”``, ``《...(2016-2020年)》``; a quoted
statement with a comma or a bound word, ``“达到30%以上”``, is read), names with ``+`` (``3+3``, ``1+X``), and numbers
with no unit in the vocabulary (``12315热线``, page numbers of a table of contents, ``6个月``). With
``include_skipped=True`` these are returned too, with empty ``kind`` and the reason in
``reason_hint``, so that a reader can audit what was left out.

>>> [(c.indicator_zh, c.value, c.unit, c.comparator) for c in extract("孕产妇死亡率控制在14/10万以内。")]
[('孕产妇死亡率', '14', 'per 100k', '<=')]
>>> [c.quote for c in extract("截至2020年末,全市总人口数62.91\\n万人。")]
['全市总人口数62.91\\n万人']
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO

from planeval.core.errors import DataFileError, ParameterError
from planeval.data.quotes import number_of, squeeze
from planeval.data.vocab import UNITS

__all__ = [
    "FIELDS",
    "Candidate",
    "decode_source",
    "extract",
    "parse_doc_date",
    "read_source",
    "write_csv",
]

#: Columns of the candidate CSV, in order.
FIELDS = (
    "file", "start", "end", "indicator_zh", "value", "value_text", "unit", "comparator", "year",
    "kind", "withheld", "quote", "role", "value_start", "value_end", "notes", "duplicate_of",
    "reason_hint",
)

#: The last year before the 2021-2025 plans: figures of that year or earlier describe the baseline.
BASELINE_LAST_YEAR = 2020
#: How far (in normalised characters) the indicator phrase may reach to the left of a number.
MAX_LEFT = 30
#: How far a counted noun after a counter may reach (``302名儿童督导员``).
MAX_TRAIL = 12


@dataclass(frozen=True)
class Candidate:
    """One candidate figure. Offsets are code-point offsets into the original text."""

    file: str
    start: int
    end: int
    indicator_zh: str
    value: str
    value_text: str
    unit: str
    comparator: str
    year: int | None
    kind: str
    withheld: bool
    quote: str
    role: str
    value_start: int
    value_end: int
    notes: str = ""
    duplicate_of: int | None = None
    reason_hint: str = ""

    def as_row(self) -> dict[str, str]:
        """The candidate as a CSV row (strings; booleans as ``true``/``false``; None as empty)."""
        row = {}
        for name in FIELDS:
            v = getattr(self, name)
            row[name] = ("true" if v else "false") if isinstance(v, bool) else ("" if v is None else str(v))
        return row


# --------------------------------------------------------------------------------------------------
# Decoding files
# --------------------------------------------------------------------------------------------------

def decode_source(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a source text: UTF-8, else GB18030. Returns ``(text, encoding)``.

    Raises :class:`~planeval.core.errors.DataFileError` naming ``name`` for binary data (NUL bytes) or
    bytes that are neither UTF-8 nor GB18030. A byte-order mark is kept (as U+FEFF) so that offsets
    agree with ``open(path, encoding="utf-8").read()``.

    >>> decode_source("妇女".encode("gb18030"))
    ('妇女', 'gb18030')
    >>> decode_source(b"a\\x00b", "x.txt")
    Traceback (most recent call last):
    ...
    planeval.core.errors.DataFileError: x.txt: binary file (contains NUL bytes), not a text source
    """
    if b"\x00" in data:
        raise DataFileError(name, "binary file (contains NUL bytes), not a text source")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as e:
        problem = f"neither UTF-8 nor GB18030 (undecodable byte at offset {e.start})"
        raise DataFileError(name, problem) from None


def read_source(path: str | Path) -> tuple[str, str]:
    """Read and decode a source file (see :func:`decode_source`); errors name the file."""
    p = Path(path)
    if not p.exists():
        raise DataFileError(path, "no such file")
    if not p.is_file():
        raise DataFileError(path, "not a regular file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    return decode_source(data, str(path))


def parse_doc_date(value: str | date | None) -> date | None:
    """A document date from ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``, taken as the first day).

    >>> parse_doc_date("2023-05-31"), parse_doc_date("2024")
    (datetime.date(2023, 5, 31), datetime.date(2024, 1, 1))
    """
    if value is None or isinstance(value, date):
        return value
    m = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if m:
        try:
            return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            pass
    raise ParameterError("doc_date", value, "a date YYYY-MM-DD (or YYYY-MM, YYYY)")


# --------------------------------------------------------------------------------------------------
# Normalisation with an offset map back to the original text
# --------------------------------------------------------------------------------------------------

_FINAL = "。!?;:"
_CLOSERS = "”’\"」』)》"
_CLAUSE_BREAK_CHARS = ",;:。!?\n"
_SENTENCE_BREAK_CHARS = "。!?\n"
_CLAUSE_BREAK_RE = re.compile(f"[{_CLAUSE_BREAK_CHARS}]")
_SENTENCE_BREAK_RE = re.compile(f"[{_SENTENCE_BREAK_CHARS}]")
_SCOPE_BREAK_RE = re.compile(f"[{_SENTENCE_BREAK_CHARS};]")
_LIST_START = re.compile(r"\(?\d{1,2}[、.)](?!\d)|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、")


# whitespace and format (Cf) characters: lines containing them take the character-by-character path
_SLOW_CHARS = re.compile(
    "[\\s\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    if unicodedata.category(ch) == "Cf":  # zero-width characters, byte-order mark
        return ""
    n = unicodedata.normalize("NFKC", ch)
    return " " if n.isspace() else n


@dataclass
class _Norm:
    text: str
    omap: list[int]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original offsets of the normalised span [a, b)."""
        return self.omap[a], self.omap[b - 1] + 1


def _line_is_boundary(prev: str, cur: str) -> bool:
    """Whether the line break between two non-empty normalised lines ends a clause."""
    tail = prev.rstrip(_CLOSERS) or prev
    if tail[-1] in _FINAL:
        return True
    if not any(c in prev for c in ",;。"):
        return True  # a heading, a title, a by-line
    return bool(_LIST_START.match(cur))


def _normalise(text: str) -> _Norm:
    out: list[str] = []
    omap: list[int] = []
    prev_line = ""
    pending_nl = -1
    pos = 0
    for line in text.split("\n"):
        if unicodedata.is_normalized("NFKC", line) and not _SLOW_CHARS.search(line):
            # fast path: nothing to fold and no whitespace to drop (most lines of CJK text)
            if line:
                if prev_line and _line_is_boundary(prev_line, line):
                    out.append("\n")
                    omap.append(pending_nl)
                out.append(line)
                omap.extend(range(pos, pos + len(line)))
                prev_line = line
                pending_nl = -1
            if pending_nl < 0 and pos + len(line) < len(text):
                pending_nl = pos + len(line)
            pos += len(line) + 1
            continue
        chars: list[str] = []
        idx: list[int] = []
        ws = -1
        for k, ch in enumerate(line):
            f = _fold(ch)
            if not f:
                continue
            if f == " ":
                if ws < 0:
                    ws = pos + k
                continue
            if ws >= 0 and chars and chars[-1].isascii() and chars[-1].isalnum() and f[0].isascii() \
                    and f[0].isalnum():
                chars.append(" ")
                idx.append(ws)
            ws = -1
            for c in f:
                chars.append(c)
                idx.append(pos + k)
        if chars:
            content = "".join(chars)
            if prev_line and _line_is_boundary(prev_line, content):
                out.append("\n")
                omap.append(pending_nl)
            out.append(content)
            omap.extend(idx)
            prev_line = content
            pending_nl = -1
        if pending_nl < 0 and pos + len(line) < len(text):
            pending_nl = pos + len(line)
        pos += len(line) + 1
    return _Norm("".join(out), omap)


# --------------------------------------------------------------------------------------------------
# Numbers that are not values
# --------------------------------------------------------------------------------------------------

_Y = r"(?:19|20)\d\d"
_QUOTED = "inside a quoted name or title"
# what makes a quoted text a statement of a value rather than a name (“达到30%以上”)
_QUOTED_STATEMENT = re.compile(r"[,;]|达到|控制在|降至|降到|提高到|提高至|增至|不低于|不少于|不超过|至少")
_SKIP_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[“\"「『][^“”\"「」『』\n。]{1,40}[”“\"」』]|《[^《》\n]{1,80}》"), _QUOTED),
    (re.compile(rf"[〔\[(]{_Y}[〕\])]第?\d+号"), "document number"),
    (re.compile(r"(?<![\d.])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)"), "phone number"),
    (re.compile(rf"(?<![\d.]){_Y}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])(?![\d.])"), "date"),
    (re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?![\d:])|(?<![\d.])\d{1,2}时(?![间期代])"), "time of day"),
    (re.compile(rf"(?<![\d.]){_Y} ?[-—–~至到] ?{_Y}年?(?!\d)"), "plan period or range of years"),
    (re.compile(rf"(?<![\d.])(?:{_Y}年(?:度)?)?\d{{1,2}}\n?月(?!龄)(?:\d{{1,2}}日|份|底|初)?|(?<=月)\d{{1,2}}日"),
     "date"),
    (re.compile(rf"(?<![\d.]){_Y}年(?:度|代)?"), "year"),
    (re.compile(r"第\d+"), "ordinal"),
    (re.compile(r"(?:^|(?<=\n))\(?\d{1,2}[、.)](?!\d)|\(\d{1,2}\)"), "list or section number"),
    (re.compile(r"\d+(?:\.\d+)?\+(?:\d+(?:\.\d+)?)?|\+\d+"), "name with + (e.g. 3+3, 1+X)"),
    (re.compile(r"(?<![\d.])\d+号"), "number or address (号)"),
    (re.compile(r"[A-Za-z]\d+|\d+(?:\.\d+)?(?!m2|km2)[A-Za-z]"), "code or name with letters"),
]
# ages that are part of an indicator's name unless a verb says they are the value (寿命达到81.8岁)
_AGE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:[-—–~至到]\d+)?(?:周岁|岁|月龄)")
_AGE_VALUE_BEFORE = re.compile(r"(?:达到|达|为|提高到|提高至|增至|延长至|延长到|突破|寿命)$")
# an age printed with decimals (77.37岁) is a value: the ages in indicator names are whole years
_AGE_DECIMAL = re.compile(r"\d+\.\d+(?:周岁|岁)")
_AGE_IN_NAME_ALWAYS = "月龄"

# --------------------------------------------------------------------------------------------------
# Value expressions
# --------------------------------------------------------------------------------------------------

_NUM = re.compile(r"\*{1,3}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
_CN_NUM = re.compile(r"[零〇一二两三四五六七八九十百千]+")
_SKIP_UNIT = "-"
_NO_VOCAB = "unit not in vocabulary"
_UNIT_ALTS: list[tuple[str, str]] = [
    (r"/10万|/十万", "per 100k"),
    (r"/万", "per 10k"),
    (r"%", "%"),
    (r"‰", "‰"),
    (r"个百分点|百分点", "percentage points"),
    (r"个月|个工作日|周年|万亩|亩|公里|千米|米|公斤|千克|吨|亿(?![元人])", _SKIP_UNIT),
    (r"万人次", "10k person-times"),
    (r"人次", "person-times"),
    (r"万(?:余|多)?(?:人|名)", "10k persons"),
    (r"亿(?:余|多)?元", "100m yuan"),
    (r"万(?:余|多)?元", "10k yuan"),
    (r"元", "yuan"),
    (r"万(?:平方米|m2)", "10k m2"),
    (r"平方公里|平方千米|km2", "km2"),
    (r"平方米|m2", "m2"),
    (r"万(?:个|所|家|项|件|次|张|户|套|台|册|条)", "10k count"),
    (r"万(?=学生|儿童|妇女|女性|农民|群众|居民|职工|老人|青少年|户)", "10k persons"),
    (r"小时", "hours"),
    (r"分钟", "minutes"),
    (r"天", "days"),
    (r"日", "days"),
    (r"年", "years"),
    (r"周岁|岁", "age in years"),
    (r"倍", "times"),
    (r"名|人|位", "persons"),
    (r"台\(套\)|个|项|所|家|次|张|件|起|批|座|台|套|处|条|支|户|篇|辆|场|例|册|间|乡|镇", "count"),
]
_UNIT_RE = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_ALTS)))
_APPROX_BEFORE_UNIT = re.compile(r"余|多(?=[个项所家名次人元万亿年天])")
_PER_SUFFIX = re.compile(r"/(?:人[·・•.]?|人/|生[·・•.]?)?(月|学年|年)")
_POST = re.compile(r"以上|以下|以内|之内|左右|上下|及以上|及以下|内")
_TIME_UNITS = {"hours", "minutes", "days", "years"}
_CONNECTOR = re.compile(r"(?:、|和|及|与|或|以及|至|到|-|—|–|~)(?=\*|\d)")
_RANGE_CONNECTORS = {"至", "到", "-", "—", "–", "~"}

_COUNT_UNITS = {"count", "10k count", "persons", "10k persons", "person-times", "10k person-times"}

# words between an indicator and its number, removed from the end of the left context one at a time
# (lookbehinds keep words that merely end with one of them: 人均, 行为, 公共, 存在)
_TAIL_WORDS = "|".join("""
    分别 (?<![人年日月户])均 各 总体 总计 共计 合计 累计 共有 现有 (?<![公节])约 大约 将近 (?<![最附])近 将 要
    已经 已 再 还 继续 全部 逐步 稳定 保持 维持 持续 进一步 平均 的 了 之前 原来 由 从 (?<![行作认成])为 是
    达到 (?<![到表传下送])达 (?<![存现所实])在 至 到 提高到 提高至 提升到 提升至 增至 增加到 增加至
    增长到 增长至 上升到 上升至 降至 降低到 降低至 降到 下降到 下降至 减少到 减少至 减至 控制在 保持在
    稳定在 维持在 不低于 不少于 不超过 不高于 不大于 不小于 至少 超过 突破 高于 低于 多于 少于 大于 小于
    增加 增长 提高 提升 上升 下降 降低 减少 拥有 有 每人每月 每生每月 每人每学年 每生每学年 每人每年
    每生每年 每月 每学年 今年 去年 明年 本年
""".split() + [rf"(?:到|至|截至|截止到|截止|于|在)?{_Y}年(?:底|末|初)?"])
_TAIL = re.compile(rf"(?:{_TAIL_WORDS})$")
_LEAD = re.compile(
    rf"^(?:\([^()]{{1,4}}\)|[、和及与(/]|以及|其中|另外|同时|此外|并且|并|推动实现|努力实现|实现|确保|力争|努力|争取|保证|我市|我省|哈市|"
    rf"(?:到|至|截至|截止到|截止)?{_Y}年(?:底|末|初)?|今年|去年|明年|下一步|十三五期间|"
    r"\d{1,2}[、.](?!\d)|[一二三四五六七八九十]{1,3}、)+"
)
_CHANGE = re.compile(
    rf"(?P<chg>(?:以{_Y}年为基数|以现行费率为基础|(?:比|较)(?:{_Y}年(?:底|末)?|上年|去年)(?:同期)?|同比|环比|年均|每年|"
    r"平均)?"
    r"(?:增幅|降幅|涨幅|增速|增长|增加|提高|提升|上升|下降|降低|减少|下调|上调))(?:分别)?(?:达到|达|为|了)?$"
)
_PER_PREFIX = re.compile(r"每(?:人|生)每(月|学年|年)|每(月|学年)")
_BOUND_BEFORE: list[tuple[str, str, str]] = [
    # (word, comparator, note)
    ("不低于", ">=", ""), ("不少于", ">=", ""), ("不小于", ">=", ""), ("至少", ">=", ""),
    ("超过", ">=", "source says 超过 (more than)"), ("突破", ">=", "source says 突破 (more than)"),
    ("高于", ">=", "source says 高于 (more than)"),
    ("多于", ">=", "source says 多于 (more than)"), ("大于", ">=", "source says 大于 (more than)"),
    ("不超过", "<=", ""), ("不高于", "<=", ""), ("不大于", "<=", ""),
    ("低于", "<=", "source says 低于 (less than)"), ("少于", "<=", "source says 少于 (less than)"),
    ("小于", "<=", "source says 小于 (less than)"),
    ("控制在", "<=", ""),
    ("约", "~", ""), ("大约", "~", ""), ("近", "~", "source says 近 (nearly)"), ("将近", "~", ""),
]
_FAR_BOUND = re.compile("|".join(sorted((w for w, _, _ in _BOUND_BEFORE if len(w) > 1), key=len,
                                         reverse=True)))
_CEILING_VERBS = ("降至", "降低到", "降低至", "降到", "下降到", "下降至", "减少到", "减少至", "减至")
_FLOOR_VERBS = ("达到", "达", "增至", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到",
                "增长至", "上升到", "上升至", "保持在", "稳定在", "维持在")
_POST_COMPARATOR = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<=",
                    "内": "<=", "左右": "~", "上下": "~"}

# context for kind and year
_YEAR_MENTION = re.compile(rf"(?<![\d.])({_Y})年|今年|去年|明年|本年")
_BASE_YEAR = re.compile(rf"以{_Y}年为基(?:数|期|准)|比{_Y}年|较{_Y}年|{_Y}年以来|自{_Y}年")
_TARGET_YEAR = re.compile(rf"(?:到|至)({_Y})年")
_CLAIM = re.compile(r"主要目标|支持性目标|策略措施|量化指标|发展领域|目标任务|修改")
_TARGET_CUES_CLAUSE = re.compile(
    r"力争|争取|确保|保证|目标|预计|控制在|将达到|将提高|将增加|将实现|努力实现|(?<![已经])完成"
)
_TARGET_CUES_SENTENCE = re.compile(r"力争|争取|下一步|预计|将达到|将提高|将增加|将实现|努力实现|(?:^|[,:])要")
_REPORTED_CUES = re.compile(
    r"提高到|提高至|增幅|累计|投入|发放|设置|已|共有|总计|获评|同比|截至目前|近年来|建立|组建|新建|消除|曝光|公布"
)
_PLAN_PERIOD = re.compile(rf"({_Y}) ?[-—–~至] ?({_Y})年?")
_DOC_DATE = re.compile(rf"(?:成文日期|发布日期|发布时间|日期)[:| ]*({_Y})-(\d{{1,2}})-(\d{{1,2}})")
_HEADING_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING_SUB = re.compile(r"^\([一二三四五六七八九十]+\)")
_TARGETS_HEADING = re.compile(r"^主要目标:?$")
_MEASURES_HEADING = re.compile(r"^策略措施:?$")

# distributing a subject over several values
_ITEM_SPLIT = re.compile(r"以及|、|和|及|与")
_POP_NOUNS = re.compile(
    r"婴幼儿|新生儿|婴儿|儿童|幼儿|孤儿|女童|少年|妇女|女性|孕产妇|小学生|初中生|高中生|学生|城市|农村|城镇|城乡|"
    r"社区|村|家庭|居民|人口"
)
_COMPLETE = re.compile(r"(?:率|数|标准|比例|比重|占比|费|金|额|量|水平|面积|收入|支出|寿命|年限|时间)$")
_PER_CAPITA = re.compile(r"^每[千万百](?:名儿童|名|人口|人)(?:拥有)?")

_TRAIL_STOP = re.compile(
    r"[,;:。!?\n、“”\"()《》\d*]|和|及|与|或|等|了|获评|实现|达到|全部|已|将|组成|开设|的|为|是"
)
_TRAIL_OF_STOP = re.compile(r"[,;:。!?\n、“”\"()《》\d*]|和|及|与|或")
_FUND_NOUN = re.compile(r"助学金|资金|经费|补助|补贴|奖励|奖金")
# an age range that begins the noun a counter counts (1.2万名0-3岁婴幼儿)
_AGE_QUALIFIER = re.compile(r"\d+(?:[-—–~至到]\d+)?(?:周岁|岁|月龄)(?:以下|以上|及以下|及以上)?")


@dataclass
class _VE:
    """A value expression found in the normalised text (offsets are normalised)."""

    num_s: int
    num_e: int
    unit: str = ""
    end: int = 0
    post: str = ""
    approx: str = ""
    withheld: bool = False
    chinese: bool = False
    per: str = ""  # 月/年 from 元/人·月
    unit_text: str = ""
    connector_before: str = ""


@dataclass
class _Group:
    ves: list[_VE]
    subj: str = ""
    items: list[str] = field(default_factory=list)
    role: str = "level"
    chg: str = ""
    pre_words: list[str] = field(default_factory=list)
    inherited: bool = False
    quote_s: int = 0
    bound_far: tuple[str, str, str] | None = None
    trail: str = ""
    trail_s: int = -1
    trail_e: int = -1


class _Doc:
    """Per-document context: boundaries, sections, plan period, document date."""

    def __init__(self, norm: _Norm, doc_date: date | None):
        t = norm.text
        self.norm = norm
        self.clause_breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(t)]
        self.sentence_breaks = [m.start() for m in _SENTENCE_BREAK_RE.finditer(t)]
        self.scope_breaks = [m.start() for m in _SCOPE_BREAK_RE.finditer(t)]
        detected = None
        m = _DOC_DATE.search(t[:2000])
        if m:
            try:
                detected = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                detected = None
        self.doc_date = doc_date or detected
        self.doc_date_detected = doc_date is None and detected is not None
        self.plan_start, self.plan_end = None, None
        # sections of a plan: 基本情况 (baseline) and 主要目标 lists (targets)
        self.section_starts: list[int] = []
        self.section_modes: list[str] = []
        self.is_plan = False
        line_start = 0
        mode = ""
        for line in t.split("\n"):
            if self.plan_end is None and ("规划" in line or "纲要" in line):
                pm = _PLAN_PERIOD.search(line)
                if pm and int(pm[2]) > BASELINE_LAST_YEAR:
                    self.plan_start, self.plan_end = int(pm[1]), int(pm[2])
            new = None
            heading = len(line) < 40 and not any(c in line for c in ",。;")
            if _TARGETS_HEADING.match(line):
                new, self.is_plan = "targets", True
            elif _MEASURES_HEADING.match(line):
                new = ""
            elif heading and _HEADING_TOP.match(line):
                new = "baseline" if "基本情况" in line else ""
            elif heading and _HEADING_SUB.match(line) and mode == "targets":
                new = ""
            if new is not None and new != mode:
                mode = new
                self.section_starts.append(line_start)
                self.section_modes.append(mode)
            line_start += len(line) + 1

    def section(self, pos: int) -> str:
        k = bisect.bisect_right(self.section_starts, pos) - 1
        return self.section_modes[k] if k >= 0 else ""

    @staticmethod
    def _start_after(breaks: list[int], pos: int) -> int:
        k = bisect.bisect_left(breaks, pos) - 1
        return breaks[k] + 1 if k >= 0 else 0

    @staticmethod
    def _end_from(breaks: list[int], pos: int, n: int) -> int:
        k = bisect.bisect_left(breaks, pos)
        return breaks[k] if k < len(breaks) else n

    def clause_start(self, pos: int) -> int:
        return self._start_after(self.clause_breaks, pos)

    def clause_end(self, pos: int) -> int:
        return self._end_from(self.clause_breaks, pos, len(self.norm.text))

    def sentence_start(self, pos: int) -> int:
        return self._start_after(self.sentence_breaks, pos)

    def sentence_end(self, pos: int) -> int:
        return self._end_from(self.sentence_breaks, pos, len(self.norm.text))

    def scope_start(self, pos: int) -> int:
        return self._start_after(self.scope_breaks, pos)


def _find_skips(t: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for rx, reason in _SKIP_PATTERNS:
        for m in rx.finditer(t):
            if reason == _QUOTED and m.group()[0] != "《" and _QUOTED_STATEMENT.search(t, m.start() + 1, m.end() - 1):
                continue  # a quoted statement, not a name: 将“托位数达到4.5个,新增托位66万个”列入
            if m.end() > m.start():
                spans.append((m.start(), m.end(), reason))
    for m in _AGE.finditer(t):
        is_value = _AGE_DECIMAL.fullmatch(m.group()) or _AGE_VALUE_BEFORE.search(t, max(0, m.start() - 4), m.start())
        if m.group().endswith(_AGE_IN_NAME_ALWAYS) or not is_value:
            spans.append((m.start(), m.end(), "age in an indicator name"))
    spans.sort()
    return spans


def _skip_reason(spans: list[tuple[int, int, str]], starts: list[int], a: int, b: int) -> str:
    """Reason of the first skip span overlapping [a, b) (spans sorted by start)."""
    k = bisect.bisect_right(starts, b - 1)
    best = None
    for j in range(k - 1, max(-1, k - 12), -1):
        s, e, reason = spans[j]
        if s < b and e > a and (best is None or s < best[0]):
            best = (s, reason)
    return best[1] if best else ""


def _parse_unit(t: str, pos: int) -> tuple[str, int, str, str]:
    """Unit at ``pos``: (unit, end, approx word, per-period). unit '' when none, '-' when not in vocab."""
    approx = ""
    m = _APPROX_BEFORE_UNIT.match(t, pos)
    if m:
        approx, pos = m.group(), m.end()
    m = _UNIT_RE.match(t, pos)
    if not m:
        return "", pos, approx, ""
    unit = _UNIT_ALTS[int(m.lastgroup[1:])][1]
    end = m.end()
    text = m.group()
    if ("余" in text or "多" in text) and not approx:
        approx = "余" if "余" in text else "多"
    per = ""
    if unit in ("yuan", "10k yuan"):
        pm = _PER_SUFFIX.match(t, end)
        if pm:
            per, end = pm[1], pm.end()
    return unit, end, approx, per


def _strip_tail(s: str) -> tuple[str, list[str]]:
    """Remove verbs, bound words and years from the end of a left context; return the words removed."""
    words: list[str] = []
    while s:
        m = _TAIL.search(s)
        if not m or not m.group():
            break
        words.append(m.group())
        s = s[: m.start()]
    return s, words


def _split_items(subject: str) -> list[str]:
    parts = [p for p in _ITEM_SPLIT.split(subject) if p]
    return parts


def _distribute(items: list[str]) -> list[str]:
    """Complete the items of a distributive subject (新生儿、婴儿和5岁以下儿童死亡率 -> three names)."""
    last = items[-1]
    pops = list(_POP_NOUNS.finditer(last))
    out = []
    for k, item in enumerate(items):
        if k < len(items) - 1 and not _COMPLETE.search(item) and pops:
            own = list(_POP_NOUNS.finditer(item))
            if own and own[-1].end() == len(item):
                # a noun replacing the last item's first nouns: 城镇 / 农村居民人均可支配收入
                item = item + last[pops[min(len(own), len(pops)) - 1].end():]
            else:
                # a modifier of the last item's noun: 机构养育 / 散居孤儿基本生活费标准
                item = item + last[pops[0].start():]
        out.append(item)
    # a qualifier printed once before the first item (5岁以下儿童贫血率和生长迟缓率)
    first_pops = list(_POP_NOUNS.finditer(out[0]))
    if first_pops and _COMPLETE.search(out[0]):
        prefix = out[0][: first_pops[-1].end()]
        out = [out[0]] + [o if _POP_NOUNS.search(o) else prefix + o for o in out[1:]]
    return out


def _far_bound(subject: str) -> tuple[str, str, str] | None:
    """A bound word a little before the number (每年至少组织2次): (word, comparator, note)."""
    m = _FAR_BOUND.search(subject[-8:])
    if not m:
        return None
    for word, comp, note in _BOUND_BEFORE:
        if m.group() == word:
            return word, comp, note
    return None  # pragma: no cover


def _format_value(value_text_norm: str, chinese: bool) -> str:
    if chinese:
        v = number_of(value_text_norm)
        return str(int(v)) if float(v).is_integer() else str(v)
    return value_text_norm.replace(",", "")


def _final_unit(ve: _VE, subject: str, clause: str, per_prefix: str) -> tuple[str, list[str]]:
    """Context-dependent units (per-capita densities, money per person and period)."""
    notes: list[str] = []
    unit = ve.unit
    ctx = subject + " " + clause
    if unit in ("count", "persons") and re.search(r"每千(?:人口|人)", ctx) and "托位" in ctx:
        unit = "places per 1000 people"
    elif unit == "persons" and "每千名儿童" in ctx and "医生" in ctx:
        unit = "doctors per 1000 children"
    elif unit == "count" and "每千名儿童" in ctx and "床位" in ctx:
        unit = "beds per 1000 children"
    elif unit in ("yuan", "10k yuan"):
        per = ve.per or per_prefix
        if per:
            if ve.per and not re.search(r"/[人生]", ve.unit_text):
                notes.append("per person assumed (元/月)")
            if per == "月":
                if unit == "yuan":
                    unit = "yuan/person/month"
                else:
                    notes.append("per person and month (no such unit for 万元)")
            else:  # 年, 学年
                unit = "yuan/person/year" if unit == "yuan" else "10k yuan/person/year"
                if per == "学年":
                    notes.append("per school year")
    return unit, notes


def extract(
    text: str,
    *,
    file: str = "",
    doc_date: str | date | None = None,
    include_skipped: bool = False,
    chinese_numerals: bool = False,
) -> list[Candidate]:
    """Candidate figures of one source text, in order of appearance (deterministic).

    ``file`` is copied into each row; ``doc_date`` (``YYYY-MM-DD``) resolves 今年/去年 and the year of
    reported figures; ``include_skipped`` adds the numbers that were left out, with ``reason_hint``;
    ``chinese_numerals`` also reads Chinese numerals (三所, 十个) -- noisy, off by default.
    """
    dd = parse_doc_date(doc_date)
    norm = _normalise(text)
    t = norm.text
    if not t:
        return []
    doc = _Doc(norm, dd)
    skips = _find_skips(t)
    skip_starts = [s for s, _, _ in skips]

    # 1. tokens -> value expressions (or skipped numbers)
    tokens: list[tuple[int, int, bool]] = [(m.start(), m.end(), False) for m in _NUM.finditer(t)]
    if chinese_numerals:
        tokens += [(m.start(), m.end(), True) for m in _CN_NUM.finditer(t)]
        tokens.sort()
    ves: list[_VE] = []
    skipped: list[tuple[int, int, str]] = []
    consumed = 0  # end of the last unit read: digits inside a unit (14/10万) are not numbers
    for a, b, chinese in tokens:
        if a < consumed:
            continue
        reason = _skip_reason(skips, skip_starts, a, b)
        if not reason and chinese and a > 0 and t[a - 1] == "第":
            reason = "ordinal"
        if reason:
            skipped.append((a, b, reason))
            continue
        unit, end, approx, per = _parse_unit(t, b)
        if unit == _SKIP_UNIT:
            skipped.append((a, b, _NO_VOCAB))
            continue
        if chinese and not unit:
            continue
        ve = _VE(a, b, unit=unit, end=end, approx=approx, per=per, withheld=t[a] == "*", chinese=chinese,
                 unit_text=t[b:end])
        consumed = end
        if unit:
            pm = _POST.match(t, end)
            if pm and (pm.group() != "内" or unit in _TIME_UNITS):
                ve.post, ve.end = pm.group(), pm.end()
        elif not _CONNECTOR.match(t, b):
            skipped.append((a, b, "no unit"))
            continue
        ves.append(ve)

    # 2. groups: values joined only by 、/和/及/与 or a range word
    groups: list[_Group] = []
    for ve in ves:
        if groups:
            prev = groups[-1].ves[-1]
            between = t[prev.end:ve.num_s]
            # a short qualifier may follow a value of the list: 640元(城市)和440元(农村)
            m = re.fullmatch(r"(?:\([^()\d]{1,6}\))?(以及|[、和及与或至到~—–-])", between)
            if m:
                ve.connector_before = m[1]
                groups[-1].ves.append(ve)
                continue
        groups.append(_Group([ve]))
    final_groups: list[_Group] = []
    for g in groups:
        # a unit printed once at the end applies to the values before it (3.0、4.0和6.0‰)
        unit, end_unit = "", None
        for ve in reversed(g.ves):
            if ve.unit:
                unit, end_unit = ve.unit, ve
            elif unit and end_unit is not None:
                ve.unit, ve.per, ve.unit_text = unit, end_unit.per, end_unit.unit_text
        kept = [ve for ve in g.ves if ve.unit]
        for ve in g.ves:
            if not ve.unit:
                skipped.append((ve.num_s, ve.num_e, "no unit"))
        if not kept:
            continue
        last_post = kept[-1].post
        for ve in kept[:-1]:
            if not ve.post and last_post and ve.unit == kept[-1].unit:
                ve.post = last_post
        g.ves = kept
        final_groups.append(g)
    groups = final_groups

    # 3. left context, subject, trailing noun
    prev_end = 0
    for g in groups:
        first = g.ves[0]
        a = first.num_s
        L = max(doc.clause_start(a), prev_end)
        if a - L > MAX_LEFT:  # cut a long clause, but not inside a number or a year
            L = a - MAX_LEFT
            while L < a and (t[L].isdigit() or t[L] in ".年"):
                L += 1
        seg = t[L:a]
        k = max(seg.rfind("”、"), seg.rfind("」、"))
        if k >= 0:
            L, seg = L + k + 2, seg[k + 2:]
        k = seg.rfind("“")
        if k >= 0 and "”" not in seg[k:]:  # a quoted statement starts the phrase: 将“托位数达到4.5个
            L, seg = L + k + 1, seg[k + 1:]
        k = seg.rfind("(")
        if k >= 0 and ")" not in seg[k:]:  # inside a parenthesis: (其中单位缴费比例为0.5%
            L += k + 1
        left = t[L:a]
        lead = _LEAD.match(left)
        lead_len = lead.end() if lead else 0
        body = left[lead_len:]
        chg = _CHANGE.search(body)
        if chg:
            g.role, g.chg = "change", chg["chg"]
            subj_text, g.pre_words = _strip_tail(body[: chg.start()])
        else:
            subj_text, g.pre_words = _strip_tail(body)
            if any(w in ("由", "从", "分别由", "分别从") for w in g.pre_words):
                g.role = "from"
        g.bound_far = _far_bound(subj_text)
        lead2 = _LEAD.match(subj_text)
        if lead2 and lead2.end():
            lead_len += lead2.end()
            subj_text = subj_text[lead2.end():]
        g.subj = subj_text.rstrip("的")
        g.quote_s = L + lead_len
        if not g.subj and not g.pre_words and L == doc.clause_start(a) and L > 0 and t[L - 1] == ":":
            # a short label before a colon names the value (票价:80元)
            label_s = doc.clause_start(L - 1)
            label = t[label_s:L - 1]
            if 0 < len(label) <= 10 and not any(ch.isdigit() for ch in label):
                g.subj, g.quote_s = label, label_s
        # trailing noun: what a counter counts (302名儿童督导员), what a share is of (90%的城市社区),
        # what money is for (1万元助学金)
        last = g.ves[-1]
        after = last.end
        if t.startswith("的", after):
            fund = last.unit in ("yuan", "10k yuan") and _FUND_NOUN.match(t, after + 1)
            if fund or last.unit in ("%", "‰") and (not g.subj or not _COMPLETE.search(g.subj)):
                stop = _TRAIL_OF_STOP.search(t, after + 1, min(len(t), after + 1 + MAX_TRAIL))
                e = stop.start() if stop else min(len(t), after + 1 + MAX_TRAIL)
                if e > after + 1:
                    g.trail, g.trail_s, g.trail_e = t[after + 1:e], after, e
        elif last.unit in _COUNT_UNITS or (last.unit in ("yuan", "10k yuan") and _FUND_NOUN.match(t, after)):
            age = _AGE_QUALIFIER.match(t, after) if last.unit in _COUNT_UNITS else None  # 3000万名3岁以下婴幼儿
            stop = _TRAIL_STOP.search(t, age.end() if age else after, min(len(t), after + MAX_TRAIL))
            e = stop.start() if stop else min(len(t), after + MAX_TRAIL)
            if e > after:
                g.trail, g.trail_s, g.trail_e = t[after:e], after, e
        prev_end = g.trail_e if g.trail else last.end

    # 4. subjects: inherit from the previous group of the sentence when incomplete; distribute
    for gi, g in enumerate(groups):
        first = g.ves[0]
        incomplete = (
            g.subj.startswith("占")
            or (not g.subj and g.role == "change")
            or (not g.subj and not g.trail and bool(g.pre_words))
        )
        if incomplete:
            scope = doc.scope_start(first.num_s)
            for src in reversed(groups[:gi]):
                if src.ves[-1].end <= scope:
                    break
                if src.subj.startswith("占") or not src.items or not src.items[0]:
                    continue
                items = src.items
                if src.role == "change":  # the subject of a change, without its verb (总数增加6.6万家,增幅达110%)
                    if src.inherited or not src.subj:
                        continue
                    items = [it[: -len(src.chg)] if it.endswith(src.chg) else it for it in items]
                tail = g.subj + g.chg
                if len(items) == len(g.ves) > 1:
                    g.items = [b + tail for b in items]
                else:
                    g.items = [(src.subj if len(items) > 1 else items[0]) + tail]
                g.inherited = True
                g.quote_s = src.quote_s
                break
        if not g.items:
            parts = _split_items(g.subj) if len(g.ves) > 1 else []
            if len(parts) == len(g.ves) > 1:
                g.items = [p + g.chg for p in _distribute(parts)]
            else:
                g.items = [g.subj + g.chg]
        if g.trail and g.trail_s >= 0:
            if t.startswith("的", g.trail_s):  # 90%的城市社区: the share is of the noun after it
                g.items = [it + g.trail for it in g.items]
            elif g.ves[-1].unit in _COUNT_UNITS:  # 302名儿童督导员: the counter counts the noun after it
                g.items = [g.trail if len(it) > 4 or g.inherited else it + g.trail for it in g.items]
            else:  # 1万元助学金
                g.items = [it + g.trail for it in g.items]
        # a per-capita prefix printed once (每千名儿童拥有...医生达到1.12名、床位增至3.17张)
        if gi > 0 and not _PER_CAPITA.match(g.items[0]):
            prev = groups[gi - 1]
            pm = _PER_CAPITA.match(prev.items[0]) if prev.items else None
            if pm and doc.clause_start(first.num_s) <= prev.ves[-1].end and not g.inherited:
                g.items = [pm.group() + it for it in g.items]

    # 5. rows
    rows: list[Candidate] = []
    for g in groups:
        first = g.ves[0]
        sent_s = doc.sentence_start(first.num_s)
        sent_e = doc.sentence_end(first.num_s)
        sentence = t[sent_s:sent_e]
        clause_s = doc.clause_start(first.num_s)
        clause_e = doc.clause_end(g.ves[-1].end)
        clause = t[clause_s:clause_e]
        per_m = None
        for pm in _PER_PREFIX.finditer(t, doc.scope_start(first.num_s), first.num_s):
            per_m = pm
        per_prefix = (per_m[1] or per_m[2]) if per_m else ""
        is_range = len(g.ves) == 2 and g.ves[1].connector_before in _RANGE_CONNECTORS
        for k, ve in enumerate(g.ves):
            notes: list[str] = []
            if len(g.items) == len(g.ves):
                indicator = g.items[k]
            else:
                indicator = g.items[0]
            trail = g.trail
            if not indicator:
                notes.append("no indicator phrase found")
            unit, unotes = _final_unit(ve, indicator, clause, per_prefix)
            notes += unotes
            if unit not in UNITS:  # pragma: no cover - guarded by the unit table
                continue
            role = g.role
            # year
            year, ynote = _year_for(doc, ve, sent_s)
            # comparator
            comparator, cnote = _comparator_for(g, ve, k, is_range)
            # kind
            kind = _kind_for(doc, g, ve, indicator, trail, year, ynote, clause, sentence)
            if kind == "baseline" and year is None and doc.plan_start:
                year, ynote = doc.plan_start - 1, "baseline year assumed (year before the plan period)"
            if year is None:
                if kind == "target" and doc.plan_end:
                    year, ynote = doc.plan_end, "plan end year"
                elif kind != "target" and doc.doc_date:
                    year, ynote = doc.doc_date.year, "year from report date"
            if comparator in (">=", "<=") and kind != "target" and cnote == "verb":
                comparator = "="  # 提高到 in a report states a level, not a floor
            if ve.withheld and comparator == "=":
                comparator = ""  # nothing is stated: no bound word, no value
            if ynote:
                notes.append(ynote)
            elif year is None:
                notes.append("no year found")
            if cnote and cnote != "verb":
                notes.append(cnote)
            if ve.approx:
                notes.append(f"{ve.approx}: more than the number printed")
            if role == "from":
                notes.append("old value (由/从 ... 提高到)")
            if g.inherited:
                notes.append("subject taken from the previous clause")
            if len(g.ves) > 1 and len(g.items) != len(g.ves) and not is_range:
                notes.append("several values share one subject")
            if doc.doc_date_detected and ("report date" in ynote or "document date" in ynote):
                notes.append("document date read from the header")
            qs = g.quote_s
            qe = g.trail_e if g.trail else g.ves[-1].end
            qs = min(qs, first.num_s)
            while qs < first.num_s and t[qs] == "\n":
                qs += 1
            start, end = norm.span(qs, qe)
            vs, ve_ = norm.span(ve.num_s, ve.num_e)
            value_text = text[vs:ve_]
            nt = t[ve.num_s:ve.num_e]
            rows.append(Candidate(
                file=file, start=start, end=end, indicator_zh=_clean_indicator(indicator),
                value="" if ve.withheld else _format_value(nt, ve.chinese), value_text=value_text,
                unit=unit, comparator=comparator, year=year, kind=kind, withheld=ve.withheld,
                quote=text[start:end], role=role, value_start=vs, value_end=ve_,
                notes="; ".join(dict.fromkeys(notes)),
            ))
    # 6. duplicates (the same statement printed twice) and skipped numbers
    seen: dict[tuple[str, str, str, str], int] = {}
    out: list[Candidate] = []
    for c in sorted(rows, key=lambda c: (c.start, c.value_start, c.end)):
        key = (squeeze(c.quote), c.value_text, c.unit, c.indicator_zh)
        first_start = seen.setdefault(key, c.start)
        if first_start != c.start:
            c = replace(c, duplicate_of=first_start)
        out.append(c)
    if include_skipped:
        for a, b, reason in skipped:
            s, e = norm.span(a, b)
            vt = text[s:e]
            nt = t[a:b]
            try:
                value = "" if nt.startswith("*") else _format_value(nt, not nt[0].isdigit())
            except ValueError:
                value = ""
            out.append(Candidate(
                file=file, start=s, end=e, indicator_zh="", value=value, value_text=vt, unit="",
                comparator="", year=None, kind="", withheld=nt.startswith("*"), quote=vt, role="",
                value_start=s, value_end=e, reason_hint=reason,
            ))
        out.sort(key=lambda c: (c.start, c.value_start, c.end, c.reason_hint))
    return out


def _clean_indicator(s: str) -> str:
    s = s.replace("\n", "")
    s = re.sub(r"^[、,和及与的]+|[、,和及与的]+$", "", s)
    return s


def _year_for(doc: _Doc, ve: _VE, sent_s: int) -> tuple[int | None, str]:
    t = doc.norm.text
    base_spans = [(m.start(), m.end()) for m in _BASE_YEAR.finditer(t, sent_s, ve.num_s)]
    found: tuple[int | None, str] | None = None
    for m in _YEAR_MENTION.finditer(t, sent_s, ve.num_s):
        if any(s <= m.start() < e for s, e in base_spans):
            continue
        in_title = t.rfind("《", sent_s, m.start()) > t.rfind("》", sent_s, m.start())
        if in_title or _inside_period(t, m.start()):
            continue
        if m.group(1):
            found = (int(m.group(1)), "")
        else:
            word = m.group()
            if doc.doc_date is None:
                found = (None, f"{word}: document date unknown")
            else:
                off = {"今年": 0, "本年": 0, "去年": -1, "明年": 1}[word]
                found = (doc.doc_date.year + off, f"year from {word} and the document date")
    return found if found else (None, "")


def _inside_period(t: str, pos: int) -> bool:
    """A year that is one end of a plan period (2021-2025) or inside a title."""
    window = t[max(0, pos - 6): pos + 11]
    for m in _PLAN_PERIOD.finditer(window):
        if m.start() <= pos - max(0, pos - 6) < m.end():
            return True
    return False


def _comparator_for(g: _Group, ve: _VE, k: int, is_range: bool) -> tuple[str, str]:
    """(comparator, note); note 'verb' marks a comparator read from a verb (kept for targets only)."""
    if ve.post:
        return _POST_COMPARATOR[ve.post], ""
    if ve.approx:
        return "~", ""
    if is_range:
        return (">=" if k == 0 else "<="), "range in the source"
    for w in g.pre_words:  # nearest the number first
        for word, comp, note in _BOUND_BEFORE:
            if w == word:
                return comp, note
    if g.bound_far:
        return g.bound_far[1], g.bound_far[2]
    for w in g.pre_words:
        if w in _CEILING_VERBS:
            return "<=", "verb"
        if w in _FLOOR_VERBS:
            return ">=", "verb"
    return "=", ""


def _kind_for(doc: _Doc, g: _Group, ve: _VE, indicator: str, trail: str, year: int | None, ynote: str,
              clause: str, sentence: str) -> str:
    """Guess the kind of a value (see the module documentation for the order of the rules)."""
    t = doc.norm.text
    if _CLAIM.search(indicator) or _CLAIM.search(trail):
        return "claim"
    section = doc.section(ve.num_s)
    year_from_text = year is not None and not ynote
    if year_from_text and year <= BASELINE_LAST_YEAR:
        return "baseline"
    if section == "baseline" or re.search(rf"截至{BASELINE_LAST_YEAR}年|十三五期间", sentence):
        return "baseline"
    dd = doc.doc_date
    if year is not None and dd is not None:
        if year < dd.year:
            return "reported"
        if year > dd.year:
            return "target"
    if section == "targets" or doc.is_plan:  # a plan states targets, even among its measures
        return "target"
    tm = None
    for m in _TARGET_YEAR.finditer(t, doc.sentence_start(ve.num_s), ve.num_s):
        tm = m
    if tm and int(tm[1]) > BASELINE_LAST_YEAR and (dd is None or int(tm[1]) >= dd.year):
        return "target"
    if _TARGET_CUES_CLAUSE.search(clause):
        return "target"
    if _REPORTED_CUES.search(clause) or g.role == "from":
        return "reported"
    if _TARGET_CUES_SENTENCE.search(sentence):
        return "target"
    return "reported"


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------

def write_csv(candidates: Iterable[Candidate], out: IO[str]) -> int:
    """Write candidates as CSV (header :data:`FIELDS`, ``\\n`` line ends); return the number of rows."""
    w = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    n = 0
    for c in candidates:
        w.writerow(c.as_row())
        n += 1
    return n

