"""The checks a careful reader makes on a source text: each a named rule with its own grade.

A rule reads the text (or, for printed changes, the figures table quoted from the texts) and returns
:class:`~planeval.methods.checks.Finding` records with ``rule`` set to its name. :data:`RULES` lists
them with the rule that decides their grade:

=================== ==================================================================================
rule                grade
=================== ==================================================================================
sentence_repetition **warn** for a passage of at least MIN_SENTENCE characters printed more than once
                    (nothing is wrong, but its figures count once); never pass or fail
stated_count        **pass** when the items listed equal the count, or are fewer after 等 (examples);
                    **warn** when the count holds only under a reading the text does not state, named in
                    the finding (items under a shared prefix 妇女儿童与… counted once per group; an
                    unlabelled paragraph taken as the missing item); **fail** otherwise
stated_rule         **pass** when the figures the rule governs follow it within their printed precision;
                    **warn** when they differ but would follow it if the rule were a floor (named);
                    **fail** when a figure moves against the rule (a cut under an indexation on growth)
stated_total        **pass** when the parts stay within the total (其中, "of which") or meet it (合计)
                    within the sum of their printed half-units; **warn** within twice that; **fail** beyond
printed_change      **pass** within the half-unit of the printed change, **warn** within one unit, **fail**
                    beyond (as check_increase); **warn** when no source prints the year before, naming the
                    value the change implies
=================== ==================================================================================

The general rule behind the table: an arithmetic claim wrong as printed is a **fail**; one right only under
an assumption the text does not state is a **warn** that names the assumption; one that cannot be checked
is a **warn** that says why; a claim that holds as printed is a **pass**.

How a text is read (:func:`paragraphs`, :func:`sentences`): whitespace is removed (:func:`squeeze`);
a line with no clause mark (，,；;：:。！？!?) is a heading, never a sentence; a line that does not end
with a sentence end continues on the next line (the sources break lines inside sentences), unless that
line opens with a section number; a sentence ends at 。！？!? and at the semicolons ；;, which in these
texts close clauses that are statements of their own. Each rule checks a statement once: a sentence
that repeats an earlier printing is skipped (the repetition is its own finding).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planeval.data.quotes import chinese_numeral, squeeze
from planeval.methods import growth
from planeval.methods.checks import Finding, _num, grade, half_unit

#: Sentence ends (the semicolons included, see the module docstring).
SENTENCE_ENDS = "。！？!?；;"
#: Full stops: the end of a sentence for rules that read across semicolons (totals, rules, counts).
FULL_STOPS = "。！？!?"
#: Clause marks: a line with none of them is a heading.
CLAUSE_MARKS = "，,；;：:。！？!?"
#: Marks that end a clause, where a list or a subject starts.
CLAUSE_DELIMITERS = "，,；;：:。！？!?"
#: A repeated passage shorter than this (characters, without section numbers and the final mark) is a
#: heading or a formula, not a repeated paragraph: "(二)落实规划实施责任。" (10) is not reported.
MIN_SENTENCE = 20

_OPEN = "（(“「《‘"
_CLOSE = "）)”」》’"
_CLOSING_AFTER_END = "”’」）)"
_SECTION_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d))")
_NUMERAL = r"(?:\d+|[一二两三四五六七八九十百]+)"


def _number(text: str) -> int | None:
    """A printed count (digits or a Chinese numeral), or None."""
    try:
        return int(text) if text.isdigit() else int(chinese_numeral(text))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Reading a text: paragraphs and sentences with their line numbers


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with whitespace removed; ``lines[i]`` is the source line (from 1) of character ``i``."""

    text: str
    lines: tuple[int, ...]
    heading: bool = False

    def line_at(self, i: int) -> int:
        return self.lines[min(max(i, 0), len(self.lines) - 1)]


@dataclass(frozen=True)
class Sentence:
    """A sentence (whitespace removed) with its first and last source line and its place."""

    text: str
    first_line: int
    last_line: int
    heading: bool
    paragraph: int
    start: int  # offset of the sentence in its paragraph's text


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text``: lines joined where a sentence runs across a line break.

    >>> [(p.text, p.lines[0], p.lines[-1], p.heading) for p in paragraphs("标题\\n\\n第一句,跨\\n\\n行。第二句。\\n")]
    [('标题', 1, 1, True), ('第一句,跨行。第二句。', 3, 5, False)]
    """
    found: list[Paragraph] = []
    chars: list[str] = []
    lines: list[int] = []

    def flush() -> None:
        if chars:
            found.append(Paragraph("".join(chars), tuple(lines)))
        chars.clear()
        lines.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        s = squeeze(line)
        if not s:
            continue
        if not any(m in s for m in CLAUSE_MARKS):
            flush()
            found.append(Paragraph(s, (number,) * len(s), heading=True))
            continue
        if _SECTION_NUMBER.match(s):
            flush()
        chars.extend(s)
        lines.extend([number] * len(s))
        if s.rstrip(_CLOSING_AFTER_END)[-1:] in SENTENCE_ENDS:
            flush()
    flush()
    return found


def _split_points(text: str, ends: str) -> list[int]:
    """Offsets just after each sentence end in ``text`` (a closing quote after the end stays with it)."""
    points, i = [], 0
    while i < len(text):
        if text[i] in ends:
            j = i + 1
            while j < len(text) and text[j] in _CLOSING_AFTER_END:
                j += 1
            points.append(j)
            i = j
        else:
            i += 1
    if not points or points[-1] != len(text):
        points.append(len(text))
    return points


def sentences(text: str, ends: str = SENTENCE_ENDS) -> list[Sentence]:
    """The sentences of ``text`` in order (headings included, marked), each with its source lines.

    >>> [(s.text, s.first_line, s.last_line, s.heading) for s in sentences("标题\\n甲乙。丙\\n丁;戊。")]
    [('标题', 1, 1, True), ('甲乙。', 2, 2, False), ('丙丁;', 2, 3, False), ('戊。', 3, 3, False)]
    """
    out = []
    for k, p in enumerate(paragraphs(text)):
        if p.heading:
            out.append(Sentence(p.text, p.lines[0], p.lines[-1], True, k, 0))
            continue
        start = 0
        for end in _split_points(p.text, ends):
            if end > start:
                out.append(Sentence(p.text[start:end], p.line_at(start), p.line_at(end - 1), False, k, start))
            start = end
    return out


def _core_length(sentence: str) -> int:
    """Length of a sentence without its section number and final marks (what MIN_SENTENCE measures)."""
    return len(_SECTION_NUMBER.sub("", sentence).rstrip(SENTENCE_ENDS + _CLOSING_AFTER_END))


# --------------------------------------------------------------------------------------------------
# Rule: sentence repetition


@dataclass(frozen=True)
class Repetition:
    """A passage (consecutive sentences) printed more than once, with the lines of every printing."""

    text: str
    sentences: int
    printings: tuple[tuple[int, int], ...]


def repeated_passages(text: str, min_length: int = MIN_SENTENCE) -> list[Repetition]:
    """Passages printed more than once, across lines or within one line, counted by sentence.

    Sentences are compared with whitespace removed, so a printing that joins two lines of another
    matches it. Consecutive repeated sentences whose printings follow each other in the same way are one
    passage. A passage shorter than ``min_length`` characters is not reported (headings, formulas).

    >>> p = "甲乙丙丁戊己庚辛壬癸,子丑\\n寅卯辰。巳午未申酉戌亥,天地玄黄宇宙洪荒。"
    >>> t = p.replace("\\n", "") + "\\n其他的话。\\n" + p
    >>> [(r.sentences, r.printings) for r in repeated_passages(t)]
    [(2, ((1, 1), (3, 4)))]
    """
    found = sentences(text)
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(found):
        if not s.heading:
            positions.setdefault(s.text, []).append(i)
    absorbed: set[int] = set()
    out = []
    for i, s in enumerate(found):
        if s.heading or i in absorbed:
            continue
        starts = positions[s.text]
        if len(starts) < 2 or starts[0] != i:
            continue
        j = i + 1
        while (j < len(found) and not found[j].heading and j not in starts
               and positions.get(found[j].text) == [p + (j - i) for p in starts]):
            j += 1
        span = j - i
        absorbed.update(p + k for p in starts for k in range(span))
        passage = "".join(x.text for x in found[i:j])
        if sum(_core_length(x.text) for x in found[i:j]) < min_length:
            continue
        printings = tuple((found[p].first_line, found[p + span - 1].last_line) for p in starts)
        out.append(Repetition(passage, span, printings))
    return out


def _lines(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def sentence_repetition(source: str, text: str, min_length: int = MIN_SENTENCE) -> list[Finding]:
    """Passages a source prints more than once (a ``warn`` each: nothing is wrong, but a reader should
    count their figures once), with the lines of every printing.

    Why: newspaper pages and scraped documents repeat paragraphs (a layout slip, or two plans sharing a
    chapter); a repeated figure must not be counted twice, and a reader should know where the repeats
    are. Counted by sentence, because a repeat may join lines or sit inside one line.

    >>> f = sentence_repetition("s9", "这是一段足够长的话,会在同一个文本里被印两次。\\n" * 2)[0]
    >>> f.status, f.stated, "lines 1, 2" in f.explanation
    ('warn', 2.0, True)
    """
    out = []
    for r in repeated_passages(text, min_length):
        where = ", ".join(_lines(a, b) for a, b in r.printings)
        within = len({a for a, _ in r.printings}) < len(r.printings)
        figures = "; its figures are recorded once" if re.search(r"\d", r.text) else ""
        figures_zh = "；其中的数字只记录一次" if figures else ""
        out.append(Finding(
            "repetition", "warn", (source,), float(len(r.printings)), None,
            f"{source} prints the passage '{r.text[:24]}…' ({r.sentences} sentence{'s' * (r.sentences > 1)}, "
            f"{len(r.text)} characters) {len(r.printings)} times (lines {where})"
            f"{' — twice within one line' if within else ''}{figures}.", rule="sentence_repetition",
            explanation_zh=f"{source} 把“{r.text[:24]}…”一段（{r.sentences}句，{len(r.text)}个字符）印了"
                           f"{len(r.printings)}次（第{where.replace(', ', '、')}行）"
                           f"{'——其中两次在同一行内' if within else ''}{figures_zh}。"))
    return out


# --------------------------------------------------------------------------------------------------
# Lists


def _top_split(text: str, separators: str = "、") -> list[str]:
    """``text`` split on ``separators`` outside brackets and quotes."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def list_items(text: str) -> list[str]:
    """The items of a printed list: split on 、 (outside brackets and quotes), the last item also on its
    conjunction (和, 及, 以及), as in A、B和C.

    >>> list_items("市、乡(镇、街道)、村(居)"), list_items("新生儿、婴儿和5岁以下儿童死亡率")
    (['市', '乡(镇、街道)', '村(居)'], ['新生儿', '婴儿', '5岁以下儿童死亡率'])
    """
    items = _top_split(text)
    last = items[-1]
    conjunctions = list(re.finditer(r"以及|和|及", last))
    m = conjunctions[-1] if conjunctions else None
    if m is not None and m.start() > 0 and m.end() < len(last):
        items = items[:-1] + [last[:m.start()], last[m.end():]]
    return [i for i in items if i]


def _clause_start(text: str, end: int) -> int:
    """Offset where the clause that ends at ``end`` begins (just after the last clause delimiter)."""
    i = end - 1
    while i >= 0 and text[i] not in CLAUSE_DELIMITERS:
        i -= 1
    return i + 1


_GROUP = re.compile(r"(妇女儿童|妇女和儿童|儿童和妇女|妇女|儿童)与")
_GROUP_SIZE = {"妇女儿童": 2, "妇女和儿童": 2, "儿童和妇女": 2, "妇女": 1, "儿童": 1}


def grouped_count(items: Sequence[str]) -> int | None:
    """The number of items when an item opening with a two-group prefix (妇女儿童与健康) counts once for
    each group, up to the next prefixed item; None when no item carries a two-group prefix.

    >>> grouped_count(["妇女儿童与健康", "教育", "妇女与经济", "儿童与安全", "福利"])
    7
    """
    size, total, shared = 1, 0, False
    for item in items:
        m = _GROUP.search(item)
        if m:
            size = _GROUP_SIZE[m.group(1)]
            shared |= size > 1
        total += size
    return total if shared else None


# --------------------------------------------------------------------------------------------------
# Rule: stated counts


@dataclass(frozen=True)
class CountCheck:
    """A count the text states and the items it lists for it."""

    kind: str  # "list before", "list after", "paragraphs", "respectively"
    stated: int
    listed: int
    items: tuple[str, ...]
    open_list: bool  # the list ends with 等
    grouped: int | None  # the count under the shared-group reading (see grouped_count)
    unlabelled: tuple[int, ...]  # lines of paragraphs taken as unlabelled items
    statement: str
    line: int


_COUNT = re.compile(rf"(?<![\d.第])(?P<open>[“\"「]?)(?P<n>{_NUMERAL})"
                    r"(?P<cls>个方面|方面|大|项|个|级|张|类|条|家|所|名|批|处|种)")
_AFTER = re.compile(r"^[^，,。；;：:]*?[，,]?(?:分别是|分别为|包括|如下|：|:)(?P<list>[^。；;]+)")
_ORDINAL = re.compile(r"([一二三四五六七八九十]+)是")
_ZAI = re.compile(r"^在[^。；;]{1,40}?方面[，,]")
_CN_ENUM = re.compile(r"^([一二三四五六七八九十]+)、")
_PAREN_ENUM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
_YEAR_PREFIX = re.compile(r"^(?:到|至|在|截至)?\d{4}年(?:末|底)?")
_NOT_AN_ITEM = re.compile(r"^(下一步|同时|此外|另外|总之)")


def _depth(text: str) -> int:
    """How many brackets or quotes are open at the end of ``text``."""
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
    return depth


def _inline_list(text: str, at: int) -> tuple[list[str], bool, int] | None:
    """The list printed just before offset ``at`` (where a count begins): its items, whether it ends with
    等, and the offset where it starts; None when there is none.

    A count inside quotes or brackets (建设“六个龙江”) counts nothing listed, nor does a list whose items
    are themselves quoted slogans or carry figures.
    """
    start = _clause_start(text, at)
    before = text[start:at]
    if _depth(before):
        return None
    open_list = before.endswith("等")
    before = before[:-1] if open_list else before
    if before[-1:] in "”\"」":
        inner = before[:-1]
        q = max(inner.rfind("“"), inner.rfind("\""), inner.rfind("「"))
        if q < 0:
            return None
        before = inner[q + 1:]
    # a list whose items name groups continues across a comma (妇女儿童与健康、…,儿童与安全、福利)
    while _GROUP.match(before) and start > 0 and text[start - 1] in "，,":
        previous = _clause_start(text, start - 1)
        if "、" not in text[previous:start - 1]:
            break
        before = text[previous:start - 1] + "、" + before
        start = previous
    if not before or before[-1] in CLAUSE_DELIMITERS + "、":
        return None
    items = list_items(before)
    bare = [_YEAR_PREFIX.sub("", items[0])] + items[1:]
    if len(_top_split(before)) < 2 or any(re.search(r"\d", i) for i in bare) \
            or any(re.search(r"[“”\"「」]", i) or _COUNT.search(i) for i in items[1:]):
        return None  # items carrying figures or counts of their own, or quoted names, are not a list
    return items, open_list, start


def _following_paragraphs(paras: Sequence[Paragraph], k: int) -> tuple[int, tuple[int, ...]] | None:
    """Items that follow paragraph ``k`` as paragraphs of their own: (labelled, lines of unlabelled ones).

    The first following paragraph sets the label: 在…方面, 一、, (一). Labelled paragraphs are counted in
    order; for 在…方面, unlabelled paragraphs after the last labelled one (up to a heading or a paragraph
    opening with 下一步, 同时, …) are returned as candidates for missing items.
    """
    rest = list(paras[k + 1:])
    if not rest or rest[0].heading:
        return None
    first = rest[0].text
    if _ZAI.match(first):
        labelled, unlabelled, i = 0, [], 0
        while i < len(rest) and not rest[i].heading and _ZAI.match(rest[i].text):
            labelled, i = labelled + 1, i + 1
        while i < len(rest) and not rest[i].heading and not _NOT_AN_ITEM.match(rest[i].text) \
                and not _ZAI.match(rest[i].text):
            unlabelled.append(rest[i].lines[0])
            i += 1
        return labelled, tuple(unlabelled)
    for pattern in (_CN_ENUM, _PAREN_ENUM):
        if pattern.match(first):
            expected = 1
            for p in rest:
                m = pattern.match(p.text)
                if m is None:
                    continue
                n = _number(m.group(1))
                if n != expected:
                    break
                expected += 1
            return expected - 1, ()
    return None


def _respectively(sentence: str, at: int) -> tuple[list[str], list[str], int, int] | None:
    """The subjects and the objects of a 分别 ('respectively') at offset ``at`` of ``sentence``, and the
    span of the statement; None when 分别 enumerates a count (分别是) or is repeated as an adverb
    (分别关押、分别管理)."""
    after = sentence[at + 2:]
    start = _clause_start(sentence, at)
    end = at + 2 + len(re.split(r"[，,；;。]", after)[0])
    if after[:1] in "是为" or sentence[start:end].count("分别") > 1:
        return None
    subject = sentence[start:at]
    if not subject and start > 0:
        start = _clause_start(sentence, start - 1)
        subject = sentence[start:at].rstrip("，,")
    objects = sentence[at + 2:end]
    m = re.search(rf"{_NUMERAL}(?=个)", subject)
    if m and _number(m.group(0)) and "、" not in subject:
        subjects = [subject] * int(_number(m.group(0)) or 0)
    else:
        subjects = list_items(subject)
    return subjects, list_items(objects), start, end


def stated_counts(text: str) -> list[CountCheck]:
    """Every count the text states together with the items it lists for it.

    Four forms are read: a list printed just before the count (健康、安全、教育7个领域; 等 before the count
    marks the list as open); a list after it in the same sentence (10处…,分别是A、B…; N项…:一是…二是…);
    paragraphs that follow a sentence ending the paragraph with N个方面 (在…方面 / 一、 / (一) openers);
    and 分别 ('respectively'): as many subjects as values (A和B分别达X和Y). Counts inside headings and in
    repeated printings are not read.

    >>> [(c.kind, c.stated, c.listed) for c in stated_counts("规划设定了健康、教育、安全3个领域。")]
    [('list before', 3, 3)]
    """
    paras = paragraphs(text)
    seen: set[str] = set()
    out: list[CountCheck] = []
    for k, p in enumerate(paras):
        if p.heading:
            continue
        starts = _split_points(p.text, FULL_STOPS)
        bounds = list(zip([0] + starts[:-1], starts, strict=True))
        for a, b in bounds:
            sentence = p.text[a:b]
            if sentence in seen:
                continue  # a repeated printing: read once
            seen.add(sentence)
            last_of_paragraph = b == len(p.text)
            previous_subjects: list[str] | None = None
            for m in _COUNT.finditer(sentence):
                n = _number(m.group("n"))
                if not n or n < 2 or _depth(sentence[:m.start()]):
                    continue  # 一批 counts nothing; a count inside quotes or brackets is part of a name
                if m.group("open") and re.match(r"^[^”\"」]*[”\"」](?:、|和|及|以及)", sentence[m.end():]):
                    continue  # a quoted name that is itself an item of a list (建设“六个龙江”、打造…)
                where = a + m.start()
                noun = re.split(r"[，,；;。：:]", sentence[m.end():])[0][:12]
                inline = _inline_list(sentence, m.start())
                if inline is not None and m.group("open") and any(re.search(r"[“”\"「」]", i) for i in inline[0]):
                    continue  # a quoted count after quoted names: slogans (协调推进“四个全面”), not a list
                if inline is not None:
                    items, open_list, start = inline
                    statement = sentence[start:m.end()] + noun
                    out.append(CountCheck("list before", n, len(items), tuple(items), open_list,
                                          grouped_count(items), (), statement, p.line_at(where)))
                    continue
                statement = sentence[_clause_start(sentence, m.start()):m.end()] + noun
                if m.group("open"):
                    continue  # a quoted slogan (“四个不摘”) lists nothing
                after = sentence[m.end():]
                ordinals = [_number(o) for o in _ORDINAL.findall(p.text[a + m.end():])]
                follow = _AFTER.match(after)
                if ordinals[:1] == [1] and re.match(r"^[^。]*?[：:。]\s*一是", after + p.text[b:b + 3]):
                    listed = 0
                    for o in ordinals:
                        if o != listed + 1:
                            break
                        listed = o
                    out.append(CountCheck("list after", n, listed, (), False, None, (), statement,
                                          p.line_at(where)))
                elif follow is not None:
                    raw = follow.group("list")
                    open_list = raw.endswith("等")
                    items = list_items(raw[:-1] if open_list else raw)
                    if len(items) >= 2:
                        out.append(CountCheck("list after", n, len(items), tuple(items), open_list, None, (),
                                              statement, p.line_at(where)))
                elif m.group("cls") in ("个方面", "方面") and last_of_paragraph:
                    following = _following_paragraphs(paras, k)
                    if following is not None:
                        labelled, unlabelled = following
                        out.append(CountCheck("paragraphs", n, labelled, (), False, None, unlabelled, statement,
                                              p.line_at(where)))
            for m in re.finditer("分别", sentence):
                pair = _respectively(sentence, m.start())
                if pair is None:
                    continue
                subjects, objects, start, end = pair
                if len(subjects) < 2 and previous_subjects is not None:
                    subjects = previous_subjects
                if len(subjects) < 2 or len(objects) < 1:
                    continue
                previous_subjects = subjects
                out.append(CountCheck("respectively", len(subjects), len(objects), tuple(objects), False, None, (),
                                      sentence[start:end], p.line_at(a + m.start())))
    return out


def _short(items: Iterable[str], width: int = 10) -> str:
    return " / ".join(i if len(i) <= width else i[:width] + "…" for i in items)


def grade_count(c: CountCheck) -> tuple[str, str, str]:
    """The grade of a stated count and why, in English and in Chinese (see the module's table).

    >>> grade_count(CountCheck("list before", 15, 10, (), True, 15, (), "", 1))[0]
    'warn'
    >>> grade_count(CountCheck("list before", 23, 3, (), True, None, (), "", 1))[0]
    'pass'
    >>> grade_count(CountCheck("list after", 10, 11, (), False, None, (), "", 1))[0]
    'fail'
    """
    if c.kind == "respectively":
        if c.listed == c.stated:
            return ("pass", f"{c.stated} subjects and {c.listed} values or objects, one for each",
                    f"{c.stated}个主体与{c.listed}个数值或对象一一对应")
        return ("fail", f"{c.stated} subjects but {c.listed} values or objects: 分别 pairs them one to one",
                f"{c.stated}个主体却有{c.listed}个数值或对象：“分别”要求一一对应")
    paragraphs = c.kind == "paragraphs"
    listed = f"{c.listed} {'are listed' if not paragraphs else 'labelled paragraphs follow'}"
    listed_zh = f"{'其后有' if paragraphs else '列出了'}{c.listed}{'个带标题的段落' if paragraphs else '项'}"
    if c.listed == c.stated:
        return "pass", f"{listed}, as announced", f"{listed_zh}，与所述一致"
    if c.grouped is not None and c.grouped == c.stated:
        return "warn", (f"{listed}; the count holds only if each item under a shared prefix (妇女儿童与…) counts "
                        f"once for women and once for children ({c.grouped}), which the text does not state"), (
            f"{listed_zh}；只有把共用前缀（妇女儿童与…）下的每一项按妇女和儿童各算一次（{c.grouped}项）才相符，"
            "而文本没有这样说明")
    if c.unlabelled and c.listed + len(c.unlabelled) == c.stated:
        lines = ", ".join(map(str, c.unlabelled))
        return "warn", (f"{listed}; the count holds only if the paragraph at line {lines} is the missing item, "
                        "its opening phrase not printed"), (
            f"{listed_zh}；只有第{lines.replace(', ', '、')}行的段落是缺少的那一项（其开头短语未印出）才相符")
    if c.open_list and c.listed < c.stated:
        return ("pass", f"{listed}, ending with 等: examples of the {c.stated}",
                f"{listed_zh}，以“等”结尾：是{c.stated}项中的举例")
    return "fail", f"{listed}, not {c.stated}", f"{listed_zh}，而不是{c.stated}项"


def _rows_in(figures: pd.DataFrame | None, source: str, span: str, values: Iterable[float] = ()) -> tuple[str, ...]:
    """Ids of the source's figure rows whose quote lies in ``span`` (and whose value is one of ``values``)."""
    if figures is None or figures.empty:
        return ()
    wanted = {round(float(v), 6) for v in values}
    rows = figures[figures["source"] == source]
    hits = [r["id"] for _, r in rows.iterrows()
            if squeeze(str(r["quote"])) and (squeeze(str(r["quote"])) in span or span in squeeze(str(r["quote"])))
            and (not wanted or (r["value"] == r["value"] and round(float(r["value"]), 6) in wanted))]
    return tuple(hits)


def stated_count(source: str, text: str, figures: pd.DataFrame | None = None) -> list[Finding]:
    """Each count the text announces (N项, N个方面, N大任务, N个…, 分别 lists) against the items it lists.

    Why: a count and its list are printed together, and a reader notices when they disagree (a list
    that drops an item, an item added after the count was written). Graded by :func:`grade_count`;
    ``stated`` is the count, ``expected`` the number of items printed.

    >>> [f.status for f in stated_count("t", "方案提出甲、乙、丙、丁五方面建设任务。")]
    ['fail']
    >>> [f.status for f in stated_count("t", "方案提出甲、乙、丙、丁四方面建设任务。")]
    ['pass']
    """
    out = []
    for c in stated_counts(text):
        status, why, why_zh = grade_count(c)
        rows = _rows_in(figures, source, c.statement, [c.stated]) or (source,)
        items = f" ({_short(c.items)})" if c.items else ""
        items_zh = f"（{_short(c.items)}）" if c.items else ""
        out.append(Finding("count", status, rows, float(c.stated), float(c.listed),
                           f"{source} line {c.line}: '{c.statement[:40]}' — {why}{items}.", rule="stated_count",
                           explanation_zh=f"{source} 第{c.line}行：“{c.statement[:40]}”——{why_zh}{items_zh}。"))
    return out


# --------------------------------------------------------------------------------------------------
# Rule: a stated rule against the figures it governs

_INDEXATION = re.compile(r"每年(?:按照|按|根据)(?P<index>[^，,。；;]{2,40}?)的?(?:增长幅度|增幅|增长率|涨幅)[，,]?"
                         r"(?:对|将)?(?P<subject>[^，,。；;]{2,30}?)(?:进行|予以)?(?:同步)?调整")
_INCREASE = re.compile(r"(?P<kind>增幅|降幅|下降|下调)(?:分别)?(?:达到|达|为)?(?P<p>\d+(?:\.\d+)?)%"
                       r"(?:和(?P<q>\d+(?:\.\d+)?)%)?")
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)年")


@dataclass(frozen=True)
class RuleCheck:
    """An indexation rule and the increases of one year printed after it."""

    index: str
    subject: str
    year: int | None
    increases: tuple[str, ...]  # as printed
    rule_line: int
    line: int
    span: str


def stated_rules(text: str) -> list[RuleCheck]:
    """Indexation rules (每年按照X的增长幅度对Y进行调整) with the changes printed after them in the same
    paragraph (增幅 P%; a fall, 降幅 or 下降 P%, as −P), grouped by the year named before each.

    >>> t = "每年按照物价的增长幅度,对补贴标准进行调整。2022年,甲标准提高到110元,增幅达10%;乙标准增幅达30%。"
    >>> [(r.year, r.increases) for r in stated_rules(t)]
    [(2022, ('10', '30'))]
    """
    out = []
    for p in paragraphs(text):
        if p.heading:
            continue
        for m in _INDEXATION.finditer(p.text):
            rest = p.text[m.end():]
            by_year: dict[int | None, list[tuple[str, int]]] = {}
            for inc in _INCREASE.finditer(rest):
                years = _YEAR.findall(rest[:inc.start()])
                year = int(years[-1]) if years else None
                sign = "" if inc.group("kind") == "增幅" else "-"
                for g in ("p", "q"):
                    if inc.group(g):
                        by_year.setdefault(year, []).append((sign + inc.group(g), m.end() + inc.start()))
            for year, found in by_year.items():
                out.append(RuleCheck(m.group("index"), m.group("subject"), year, tuple(v for v, _ in found),
                                     p.line_at(m.start()), p.line_at(found[0][1]), rest))
    return out


def grade_rule(increases: Sequence[str]) -> tuple[str, float, float]:
    """Grade of the increases an indexation governs: one rate for all within printed precision is a pass;
    different rises a warn (right only if the rule is a floor); a fall a fail. Returns (status, highest,
    lowest).

    >>> grade_rule(["10", "10.2"]), grade_rule(["10", "36.7"])[0], grade_rule(["10", "-2"])[0]
    (('pass', 10.2, 10.0), 'warn', 'fail')
    """
    values = np.array([float(v) for v in increases])
    halves = np.array([half_unit(v) for v in increases])
    highest, lowest = float(values.max()), float(values.min())
    if lowest < 0:
        return "fail", highest, lowest
    if (values - halves).max() <= (values + halves).min() + 1e-9:
        return "pass", highest, lowest
    return "warn", highest, lowest


def stated_rule(source: str, text: str, figures: pd.DataFrame | None = None) -> list[Finding]:
    """A rule the text states (an indexation: every year by the growth of X) against the figures it
    governs, where the text prints both: one rate a year means equal increases for every standard.

    Why: a rule and its figures printed side by side can contradict each other, and neither the
    increase check (each increase against its own standards) nor any single figure shows it.
    ``stated`` is the highest increase, ``expected`` the lowest (the rate the rule would give all).

    >>> rule = "每年按照物价的增长幅度,对补贴标准进行调整。2022年,甲标准增幅达10%;乙标准增幅达"
    >>> [f.status for f in stated_rule("t", rule + "30%。")], [f.status for f in stated_rule("t", rule + "10%。")]
    (['warn'], ['pass'])
    """
    out = []
    for r in stated_rules(text):
        if len(r.increases) < 2:
            continue
        status, highest, lowest = grade_rule(r.increases)
        printed = " and ".join(f"{v}%" for v in r.increases)
        when = f"in {r.year}" if r.year else "in the same year"
        head = (f"{source} line {r.rule_line}: {r.subject} is adjusted every year by the growth of {r.index}, "
                f"one rate for all; the increases printed {when} (line {r.line}) are {printed}")
        head_zh = (f"{source} 第{r.rule_line}行：{r.subject}每年按{r.index}的增长幅度调整，所有标准同一比率；"
                   f"{f'{r.year}年' if r.year else '同一年'}印出的增幅（第{r.line}行）为"
                   f"{'和'.join(f'{v}%' for v in r.increases)}")
        if status == "pass":
            why, why_zh = ": one rate within printed precision", "：在印出精度内为同一比率"
        elif status == "warn":
            why = (f": they differ, so at most one is the indexation; consistent only if the rule is a floor and "
                   f"the {highest:g}% rise includes a raise beyond it, which the text does not state")
            why_zh = (f"：各增幅不同，至多有一个是按机制调整的结果；只有当规则是下限、且{highest:g}%的增幅包含"
                      "机制之外的额外提高时才一致，而文本没有这样说明")
        else:
            why, why_zh = ": a fall, against a rule that indexes on growth", "：出现下降，与按增长调整的规则相悖"
        rows = _rows_in(figures, source, r.span, [abs(float(v)) for v in r.increases]) or (source,)
        out.append(Finding("rule", status, rows, highest, lowest, head + why + ".", rule="stated_rule",
                           explanation_zh=head_zh + why_zh + "。"))
    return out


# --------------------------------------------------------------------------------------------------
# Rule: a stated total against the sum of its parts

#: Printed unit words → (dimension, factor to the dimension's base). Longest first when matching.
UNIT_WORDS: dict[str, tuple[str, float]] = {
    "亿元": ("yuan", 1e8), "万元": ("yuan", 1e4), "元": ("yuan", 1.0),
    "万人": ("persons", 1e4), "人": ("persons", 1.0), "名": ("persons", 1.0),
    "万平方米": ("m2", 1e4), "平方米": ("m2", 1.0), "平方公里": ("m2", 1e6),
    "%": ("%", 1.0), "‰": ("%", 0.1),
    "个": ("个", 1.0), "所": ("所", 1.0), "家": ("家", 1.0), "项": ("项", 1.0),
}
_AMOUNT = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)(?P<u>" + "|".join(
    re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True)) + ")")


@dataclass(frozen=True)
class Amount:
    """An amount printed with its unit word: its text, its value in the dimension's base, its half-unit."""

    text: str
    printed: float  # the number as printed
    value: float  # in the dimension's base
    half: float  # half a unit of the last printed digit, in the base
    dimension: str
    year: int | None
    unit: str


def _amounts(text: str, offset_year: int | None = None) -> list[Amount]:
    """Amounts printed in ``text``, each with the year named before it in its clause (else the year of
    the last dated amount before it, else ``offset_year``)."""
    out: list[Amount] = []
    last_year = offset_year
    for m in _AMOUNT.finditer(text):
        dim, f = UNIT_WORDS[m.group("u")]
        clause = text[_clause_start(text, m.start()):m.start()]
        years = _YEAR.findall(clause)
        year = int(years[-1]) if years else last_year
        last_year = year if years else last_year
        out.append(Amount(m.group(0), float(m.group("n")), float(m.group("n")) * f, half_unit(m.group("n")) * f, dim,
                          year, m.group("u")))
    return out


@dataclass(frozen=True)
class TotalCheck:
    kind: str  # "of which" (其中: parts ≤ total) or "sum" (合计: parts = total)
    total: Amount
    parts: tuple[Amount, ...]
    line: int
    statement: str


def stated_totals(text: str) -> list[TotalCheck]:
    """Totals and their parts: the amounts of the clause before 其中 and those after it in the same
    sentence (or bracket), by year and dimension; and the amount after 合计/共计/总计 with those before it.

    >>> found = stated_totals("总人口62.91万人,其中女性29.74万人。")
    >>> [(t.kind, t.total.text, [p.text for p in t.parts]) for t in found]
    [('of which', '62.91万人', ['29.74万人'])]
    """
    out = []
    seen: set[str] = set()
    for p in paragraphs(text):
        if p.heading:
            continue
        starts = _split_points(p.text, FULL_STOPS)
        for a, b in zip([0] + starts[:-1], starts, strict=True):
            sentence = p.text[a:b]
            if sentence in seen:
                continue  # a repeated printing: read once
            seen.add(sentence)
            for m in re.finditer("其中", sentence):
                start = _clause_start(sentence, m.start())
                if start == m.start() and start > 0:
                    start = _clause_start(sentence, start - 1)
                before = sentence[:m.start()]
                totals = [t for t in _amounts(before) if before.find(t.text, start) >= 0]
                inside = sentence[:m.start()].count("(") + sentence[:m.start()].count("（") > \
                    sentence[:m.start()].count(")") + sentence[:m.start()].count("）")
                after = sentence[m.end():]
                if inside:
                    after = re.split(r"[)）]", after)[0]
                year_before = totals[-1].year if totals else None
                parts = _amounts(after, year_before)
                for t in totals:
                    same = tuple(x for x in parts if x.dimension == t.dimension and x.year == t.year)
                    if same:
                        out.append(TotalCheck("of which", t, same, p.line_at(a + m.start()), sentence))
            for m in re.finditer(r"(?:合计|共计|总计)(?:为|达)?(?P<amount>\d+(?:\.\d+)?)", sentence):
                amounts = _amounts(sentence[m.start():m.end() + 6])
                if not amounts:
                    continue
                total = amounts[0]
                parts = tuple(x for x in _amounts(sentence[:m.start()]) if x.dimension == total.dimension
                              and x.unit == total.unit or (x.dimension == total.dimension and x.dimension == "yuan"))
                if len(parts) >= 2:
                    out.append(TotalCheck("sum", total, parts, p.line_at(a + m.start()), sentence))
    return out


def grade_total(t: TotalCheck) -> tuple[str, float, float]:
    """(status, sum of the parts, tolerance), all in the dimension's base unit.

    The tolerance is the sum of the half-units of every printed figure involved; 其中 lists need only stay
    within the total, 合计 must meet it.

    >>> a = lambda v, t: Amount(t, v, v, 0.005, "persons", None, "人")
    >>> grade_total(TotalCheck("of which", a(62.91, "62.91"), (a(29.74, "29.74"), a(33.17, "33.17")), 1, ""))[0]
    'pass'
    """
    total = sum(x.value for x in t.parts)
    tol = t.total.half + sum(x.half for x in t.parts)
    difference = max(total - t.total.value, 0.0) if t.kind == "of which" else abs(total - t.total.value)
    return grade(difference, tol), total, tol


def stated_total(source: str, text: str, figures: pd.DataFrame | None = None) -> list[Finding]:
    """A stated total against the sum of its stated parts (其中: of which; 合计: in all).

    Why: parts printed under a total must fit in it; a part larger than the whole, or parts that do not
    add up to their sum, is an arithmetic slip a reader sees at once. ``stated`` is the total and
    ``expected`` the sum of the parts, both in the total's printed unit.

    >>> [f.status for f in stated_total("t", "总人口62.91万人,其中女性29.74万人,男性34.17万人。")]
    ['fail']
    """
    out = []
    for t in stated_totals(text):
        status, total, tol = grade_total(t)
        factor = UNIT_WORDS[t.total.unit][1]
        parts = " + ".join(x.text for x in t.parts)
        share = total / t.total.value * 100 if t.total.value else float("nan")
        gap = _num(abs(total - t.total.value) / factor)
        if status == "pass" and abs(total - t.total.value) <= tol * (1 + 1e-9):
            why, why_zh = "the parts make up the total", "各部分之和等于合计"
        elif status == "pass":
            why = f"the parts (其中, 'of which') are {share:.3g}% of the total"
            why_zh = f"各部分（其中）占合计的{share:.3g}%"
        elif total > t.total.value:
            why = f"the parts exceed the total by {gap}{t.total.unit}"
            why_zh = f"各部分之和超出合计{gap}{t.total.unit}"
        else:
            why = f"the parts miss the total by {gap}{t.total.unit}"
            why_zh = f"各部分之和比合计少{gap}{t.total.unit}"
        when = f" ({t.total.year})" if t.total.year else ""
        when_zh = f"（{t.total.year}年）" if t.total.year else ""
        numbers = [t.total.printed] + [x.printed for x in t.parts]
        rows = _rows_in(figures, source, t.statement, numbers)
        out.append(Finding("total", status, rows or (source,), t.total.value / factor, total / factor,
                           f"{source} line {t.line}: total {t.total.text}{when}, parts {parts} = "
                           f"{_num(total / factor)}{t.total.unit} (±{_num(tol / factor)}): {why}.",
                           rule="stated_total",
                           explanation_zh=f"{source} 第{t.line}行：合计{t.total.text}{when_zh}，各部分 {parts} = "
                                          f"{_num(total / factor)}{t.total.unit}（±{_num(tol / factor)}）：{why_zh}。"))
    return out


# --------------------------------------------------------------------------------------------------
# Rule: a figure and its printed change against the figure of the year before

#: Suffix of a change indicator → sign of the change it prints (the level is the indicator without it).
CHANGE_SUFFIXES = {"同比增幅": 1, "同比降幅": -1, "增幅": 1, "降幅": -1}


def _level_of(indicator: str) -> tuple[str, int] | None:
    for suffix, sign in CHANGE_SUFFIXES.items():
        if indicator.endswith(suffix) and len(indicator) > len(suffix):
            return indicator[: -len(suffix)], sign
    return None


def _levels(figures: pd.DataFrame, indicator: str, region: str, year: int,
            prefer: Iterable[str] = ()) -> pd.DataFrame:
    """Stated rows of a level for one year; when sources disagree, those of the preferred sources."""
    rows = figures[(figures["indicator_zh"] == indicator) & (figures["region"] == region)
                   & (figures["year"] == year) & (figures["status"] == "stated") & figures["value"].notna()]
    if rows["value"].nunique() > 1:
        preferred = rows[rows["source"].isin(list(prefer))]
        rows = preferred if len(preferred) else rows.iloc[[-1]]
    return rows


def printed_change(figures: pd.DataFrame) -> list[Finding]:
    """Each printed change of a figure (增幅, 同比下降 …%, 提高…个百分点) against the figure of the year
    before, from whichever source of the same region prints it.

    A change row is one whose indicator is a level's name with a suffix of :data:`CHANGE_SUFFIXES` and
    whose level is in the table. Sources that print the same change are one finding citing all their
    rows. A percentage change is recomputed by :func:`~planeval.methods.checks.check_increase`; a change
    in percentage points as the difference. When no source prints the year before, the finding is a
    ``warn`` naming the value the change implies.

    Why: a change printed next to a figure can be checked only against a figure the text may not give;
    a reader looks for it in the other reports.

    >>> t = pd.DataFrame({"id": ["a", "b", "c"], "source": ["s1", "s2", "s2"], "region": ["h"] * 3,
    ...     "indicator_zh": ["标准", "标准", "标准增幅"], "value": [2350.0, 2585.0, 10.0], "value_text": ["2350",
    ...     "2585", "10"], "unit": ["yuan", "yuan", "%"], "year": [2021, 2022, 2022], "status": ["stated"] * 3})
    >>> [(f.status, f.rows) for f in printed_change(t)]
    [('pass', ('a', 'b', 'c'))]
    """
    from planeval.methods import checks

    stated = figures[(figures["status"] == "stated") & figures["value"].notna()]
    indicators = set(stated["indicator_zh"])
    out = []
    changes = stated[stated["indicator_zh"].map(lambda s: (_level_of(s) or ("", 0))[0] in indicators)]
    keys = ["indicator_zh", "region", "year", "value_text"]
    for (indicator, region, year, text), group in changes.groupby(keys, sort=False):
        level, sign = _level_of(indicator) or ("", 1)
        year = int(year)
        change = sign * float(group["value"].iloc[0])
        unit = group["unit"].iloc[0]
        after = _levels(stated, level, region, year, group["source"])
        if after.empty:
            continue
        before = _levels(stated, level, region, year - 1)
        rows = tuple(before["id"]) + tuple(after["id"]) + tuple(group["id"])
        a = float(after["value"].iloc[0])
        if before.empty:
            if unit == "percentage points":
                implied = a - change
            else:
                implied = float(growth.previous_value(a, change))
            place = checks.place_zh(region)
            out.append(Finding("increase", "warn", tuple(after["id"]) + tuple(group["id"]), change, None,
                               f"{level} ({region}) {year}: the figure of {year - 1} before the printed "
                               f"{change:+g}{'%' if unit == '%' else ' points'} is printed in no source; "
                               f"{a:g} implies {implied:.2f} in {year - 1}.", rule="printed_change",
                               explanation_zh=f"{level}（{place}）{year}年：印出的变化"
                                              f"{change:+g}{'%' if unit == '%' else '个百分点'}之前的{year - 1}年数值"
                                              f"没有任何来源印出；由{a:g}推算{year - 1}年为{implied:.2f}。"))
            continue
        b = float(before["value"].iloc[0])
        if unit == "percentage points":
            expected = a - b
            status = grade(expected - change, half_unit(str(text)))
            out.append(Finding("increase", status, rows, change, expected,
                               f"{level} ({region}): {b:g} → {a:g} is {expected:+g} points; the source prints "
                               f"{change:+g}.", rule="printed_change",
                               explanation_zh=f"{level}（{checks.place_zh(region)}）：{b:g} → {a:g} 变化"
                                              f"{expected:+g}个百分点；来源印为{change:+g}。"))
        else:
            f = checks.check_increase(b, a, change, str(text), rows)
            out.append(Finding(f.check, f.status, f.rows, f.stated, f.expected,
                               f"{level} ({region}) {year - 1}→{year}: {f.explanation}", rule="printed_change",
                               explanation_zh=f"{level}（{checks.place_zh(region)}）{year - 1}→{year}年："
                                              f"{f.explanation_zh}"))
    return out


# --------------------------------------------------------------------------------------------------
# The table of rules


@dataclass(frozen=True)
class Rule:
    """A named rule: the function that applies it, what it checks, and how it grades (in English, then in
    Chinese for the Chinese edition)."""

    name: str
    function: Callable[..., list[Finding]]
    reads: str  # "text" (source, text, figures) or "figures" (figures)
    grade: str
    description: str
    grade_zh: str
    description_zh: str


RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("sentence_repetition", sentence_repetition, "text",
         f"warn for every passage of at least {MIN_SENTENCE} characters printed more than once",
         "passages printed more than once, by sentence, across and within lines, with every printing's lines",
         f"凡至少{MIN_SENTENCE}个字符的段落重复印出，即为存疑",
         "逐句查找跨行和行内重复印出的段落，列出每次印出的行号"),
    Rule("stated_count", stated_count, "text",
         "pass if the items equal the count (fewer after 等); warn if equal only under an unstated reading, "
         "named; fail otherwise",
         "a count the text announces (N项, N个方面, N大任务, N个…, 分别) against the items it lists",
         "列举项数等于所称数目（“等”之后可以更少）为通过；仅在某种未言明的读法下相等为存疑，并说明该读法；否则为不符",
         "文中宣布的数目（N项、N个方面、N大任务、N个…、分别）与其列举的项目核对"),
    Rule("stated_rule", stated_rule, "text",
         "pass if the governed figures follow one rate; warn if they differ but all rise (the rule as a floor, "
         "named); fail if one falls",
         "a stated indexation rule against the increases it governs, printed in the same paragraph",
         "受规则约束的数字按同一比率变化为通过；比率不同但都上升为存疑（把规则视为下限，并予说明）；有一个下降为不符",
         "文中所述的调整规则与同一段落印出的、受其约束的增幅核对"),
    Rule("stated_total", stated_total, "text",
         "pass if the parts fit the total (其中) or meet it (合计) within the printed half-units; warn within "
         "twice that; fail beyond",
         "a stated total against the sum of its stated parts",
         "分项在印出数字的半个末位单位内不超过总数（其中）或等于总数（合计）为通过；在两倍范围内为存疑；超出为不符",
         "文中所述的合计与其所述分项之和核对"),
    Rule("printed_change", printed_change, "figures",
         "graded as check_increase by the printed change's half-unit; warn when no source prints the year "
         "before (names the implied value)",
         "a figure and its printed change against the figure of the year before, from any source",
         "按印出变化量的半个末位单位评级（同增幅核查）；没有来源印出上一年数字时为存疑（给出推算的数值）",
         "一个数字及其印出的变化量，与任一来源印出的上一年数字核对"),
)}

#: The rules that read a source's text, in the order the audit runs them.
TEXT_RULES = ("sentence_repetition", "stated_count", "stated_rule", "stated_total")


def read_sources(sources: pd.DataFrame, texts: dict[str, str], figures: pd.DataFrame | None = None,
                 rules: Sequence[str] = TEXT_RULES) -> list[Finding]:
    """Every text rule over every source of the manifest, rule by rule (in ``rules`` order)."""
    out: list[Finding] = []
    for name in rules:
        rule = RULES[name]
        for sid in sources["id"]:
            if name == "sentence_repetition":
                out.extend(rule.function(sid, texts[sid]))
            else:
                out.extend(rule.function(sid, texts[sid], figures))
    return out


def rules_table() -> pd.DataFrame:
    """The rules as a table: name, what they read, their grade rule and a one-line description.

    >>> list(rules_table().columns)
    ['rule', 'reads', 'grade', 'description', 'grade_zh', 'description_zh']
    """
    return pd.DataFrame([{"rule": r.name, "reads": r.reads, "grade": r.grade, "description": r.description,
                          "grade_zh": r.grade_zh, "description_zh": r.description_zh} for r in RULES.values()])


__all__ = [
    "CHANGE_SUFFIXES", "MIN_SENTENCE", "RULES", "TEXT_RULES", "UNIT_WORDS", "CountCheck", "Paragraph",
    "Repetition", "Rule", "RuleCheck", "Sentence", "TotalCheck", "grade_count", "grade_rule", "grade_total",
    "grouped_count", "list_items", "paragraphs", "printed_change", "read_sources", "repeated_passages",
    "rules_table", "sentence_repetition", "sentences", "stated_count", "stated_counts", "stated_rule",
    "stated_rules", "stated_total", "stated_totals",
]
