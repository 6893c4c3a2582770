"""Guesses from the words around a value: its subject (indicator) from the left context, subject
inheritance, and its year, kind, comparator and context-dependent unit.

Subjects
    The indicator phrase is read leftwards from the number to the start of its clause (at most
    :data:`~planeval.extract.lexicon.MAX_LEFT` characters), without the leading words of a clause
    (list numbers, 我市, 到2025年 ...) and the verbs and bound words before the number (提高到, 不低于 ...).
    A short label before a colon names the value (``票价:80元``); a noun after a counter says what it
    counts (``302名儿童督导员``), a noun after ``%的`` what a share is of. When a group has as many
    values as its subject has items, the subject is distributed: ``新生儿、婴儿和5岁以下儿童死亡率分别降至
    3.0‰、4.0‰和6.0‰以下`` gives 新生儿死亡率, 婴儿死亡率 and 5岁以下儿童死亡率, sharing one quote.

Role
    ``level`` (a value), ``from`` (the old value of ``由/从 X 提高到 Y``) or ``change`` (``增幅达10%``,
    ``同比下降15.82%``, ``比2010年降低43.7%``, ``年均增长2141.4元``, ``以2020年为基数下降18%``). A clause
    without its own subject (``增幅达10%``, ``占总人口的47.3%``, ``提高到1360元``) borrows the subject of
    the previous value in the same sentence (of a change, without its verb: ``总数增加6.6万家,增幅达110%``
    gives 总数增幅).

Year
    The nearest year printed before the value in its sentence (``到2025年``, ``2022年``, ``从2016年的``;
    base years such as ``以2020年为基数`` and plan periods are ignored); ``今年``/``去年`` need the
    document date. Otherwise targets get the end year of the plan period printed in the document and
    other rows the year of the document date; ``notes`` says so.

Kind, from the first rule that applies
    claim (the number counts targets, indicators, domains or revisions of the plans: 97项主要目标,
    高于国家的量化指标9个); baseline (a year 2020 or earlier, 截至2020年, 十三五期间, or the 基本情况
    section of a plan); reported if the year is before the document date, target if after it; target
    anywhere in a plan (a document with 主要目标 headings: its lists and its measures); target after
    到/至20xx年 or with 力争, 确保, 控制在, 将达到 ... in the clause; reported with 提高到, 增幅, 累计, 投入,
    设置 ... in the clause or for an old value; target with 下一步, 预计, 要 ... in the sentence; otherwise
    reported. Bare 达到 is not a target cue outside a plan (``我省...女性占比达到45.3%`` reports a level).

Comparator
    以上/不低于/不少于/至少/超过/突破 give ``>=``; 以下/以内/不超过/控制在 give ``<=``; 左右/约/余/多 give
    ``~``; in a target, 达到/增至/提高到 give ``>=`` and 降至 gives ``<=``; else ``=`` (empty for a
    withheld value with no bound word).
"""

from __future__ import annotations

from dataclasses import dataclass

from planeval.extract.document import Document
from planeval.extract.lexicon import (
    AGE_QUALIFIER,
    BASE_YEAR,
    BASELINE_LAST_YEAR,
    BASELINE_PERIOD,
    BOUND_AFTER_COMPARATOR,
    BOUND_BEFORE,
    CEILING_VERBS,
    CHANGE,
    CLAIM,
    COMPLETE_INDICATOR,
    COUNT_UNITS,
    FAR_BOUND,
    FLOOR_VERBS,
    FUND_NOUN,
    INDICATOR_EDGES,
    ITEM_SPLIT,
    LEAD,
    MAX_LEFT,
    MAX_TRAIL,
    PER_CAPITA,
    PER_PERSON_IN_UNIT,
    PER_THOUSAND_PEOPLE,
    PLAN_PERIOD,
    POPULATION_NOUNS,
    REPORTED_CUES,
    TAIL,
    TARGET_CUES_CLAUSE,
    TARGET_CUES_SENTENCE,
    TARGET_YEAR,
    TRAIL_OF_STOP,
    TRAIL_STOP,
    YEAR_MENTION,
)
from planeval.extract.parse import ValueExpression, ValueGroup

__all__ = [
    "Guesses",
    "clean_indicator",
    "distribute",
    "far_bound",
    "final_unit",
    "guess_comparator",
    "guess_kind",
    "guess_value",
    "guess_year",
    "inherit_subjects",
    "read_left_context",
    "split_items",
    "strip_tail",
]

_MONEY_UNITS = ("yuan", "10k yuan")
_SHARE_UNITS = ("%", "‰")
# words before a number that make it the old value of 由/从 X 提高到 Y
_FROM_WORDS = ("由", "从", "分别由", "分别从")
# how a year relative to the document date is counted
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "明年": 1}
# a label before a colon names a value when it is this short and has no digits (票价:80元)
_MAX_LABEL = 10
# where a distributed subject's items keep their own noun: longer than this, the counted noun replaces it
_MAX_OWN_ITEM = 4


# --------------------------------------------------------------------------------------------------
# Words of the left context
# --------------------------------------------------------------------------------------------------

def strip_tail(left: str) -> tuple[str, list[str]]:
    """Remove verbs, bound words and years from the end of a left context; return the words removed,
    nearest the number first.

    >>> strip_tail("孕产妇死亡率控制在")
    ('孕产妇死亡率', ['控制在'])
    >>> strip_tail("到2025年,人均预期寿命达到")
    ('到2025年,人均预期寿命', ['达到'])
    """
    words: list[str] = []
    while left:
        tail = TAIL.search(left)
        if not tail or not tail.group():
            break
        words.append(tail.group())
        left = left[: tail.start()]
    return left, words


def split_items(subject: str) -> list[str]:
    """The items of a subject joined by 、/和/及/与 (empty items dropped).

    >>> split_items("新生儿、婴儿和5岁以下儿童死亡率")
    ['新生儿', '婴儿', '5岁以下儿童死亡率']
    """
    return [part for part in ITEM_SPLIT.split(subject) if part]


def distribute(items: list[str]) -> list[str]:
    """Complete the items of a distributive subject (新生儿、婴儿和5岁以下儿童死亡率 -> three names).

    >>> distribute(["新生儿", "婴儿", "5岁以下儿童死亡率"])
    ['新生儿死亡率', '婴儿死亡率', '5岁以下儿童死亡率']
    >>> distribute(["城镇", "农村居民人均可支配收入"])
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    """
    last = items[-1]
    last_nouns = list(POPULATION_NOUNS.finditer(last))
    out = []
    for i, item in enumerate(items):
        if i < len(items) - 1 and not COMPLETE_INDICATOR.search(item) and last_nouns:
            own = list(POPULATION_NOUNS.finditer(item))
            if own and own[-1].end() == len(item):
                # a noun replacing the last item's first nouns: 城镇 / 农村居民人均可支配收入
                item = item + last[last_nouns[min(len(own), len(last_nouns)) - 1].end():]
            else:
                # a modifier of the last item's noun: 机构养育 / 散居孤儿基本生活费标准
                item = item + last[last_nouns[0].start():]
        out.append(item)
    # a qualifier printed once before the first item (5岁以下儿童贫血率和生长迟缓率)
    first_nouns = list(POPULATION_NOUNS.finditer(out[0]))
    if first_nouns and COMPLETE_INDICATOR.search(out[0]):
        prefix = out[0][: first_nouns[-1].end()]
        out = [out[0]] + [name if POPULATION_NOUNS.search(name) else prefix + name for name in out[1:]]
    return out


def far_bound(subject: str) -> tuple[str, str, str] | None:
    """A bound word a little before the number (每年至少组织2次): (word, comparator, note).

    >>> far_bound("每年至少组织")
    ('至少', '>=', '')
    """
    match = FAR_BOUND.search(subject[-8:])
    if not match:
        return None
    for word, comparator, note in BOUND_BEFORE:
        if match.group() == word:
            return word, comparator, note
    return None  # pragma: no cover


def clean_indicator(phrase: str) -> str:
    """The indicator column: no line breaks, no joining words or 的 at either end.

    >>> clean_indicator("和城市\\n社区的")
    '城市社区'
    """
    return INDICATOR_EDGES.sub("", phrase.replace("\n", ""))


# --------------------------------------------------------------------------------------------------
# Phase: left context
# --------------------------------------------------------------------------------------------------

def _left_start(doc: Document, number_start: int, previous_end: int) -> int:
    """Where the left context of a number starts: its clause, after the previous group, at most
    MAX_LEFT characters back, after a quoted name ending a list, inside an open quote or parenthesis."""
    text = doc.norm.text
    left = max(doc.clause_start(number_start), previous_end)
    if number_start - left > MAX_LEFT:  # cut a long clause, but not inside a number or a year
        left = number_start - MAX_LEFT
        while left < number_start and (text[left].isdigit() or text[left] in ".年"):
            left += 1
    segment = text[left:number_start]
    cut = max(segment.rfind("”、"), segment.rfind("」、"))
    if cut >= 0:  # after a quoted name that ends a list item
        left, segment = left + cut + 2, segment[cut + 2:]
    cut = segment.rfind("“")
    if cut >= 0 and "”" not in segment[cut:]:  # a quoted statement starts the phrase: 将“托位数达到4.5个
        left, segment = left + cut + 1, segment[cut + 1:]
    cut = segment.rfind("(")
    if cut >= 0 and ")" not in segment[cut:]:  # inside a parenthesis: (其中单位缴费比例为0.5%
        left += cut + 1
    return left


def _read_subject(doc: Document, group: ValueGroup, previous_end: int) -> None:
    """Subject, role, change word, words before the number, far bound and quote start of a group."""
    text = doc.norm.text
    number_start = group.values[0].number_start
    left_start = _left_start(doc, number_start, previous_end)
    left = text[left_start:number_start]
    lead = LEAD.match(left)
    lead_length = lead.end() if lead else 0
    body = left[lead_length:]
    change = CHANGE.search(body)
    if change:
        group.role, group.change = "change", change["chg"]
        subject, group.words_before = strip_tail(body[: change.start()])
    else:
        subject, group.words_before = strip_tail(body)
        if any(word in _FROM_WORDS for word in group.words_before):
            group.role = "from"
    group.far_bound = far_bound(subject)
    second_lead = LEAD.match(subject)
    if second_lead and second_lead.end():
        lead_length += second_lead.end()
        subject = subject[second_lead.end():]
    group.subject = subject.rstrip("的")
    group.quote_start = left_start + lead_length
    at_clause_start = left_start == doc.clause_start(number_start)
    if not group.subject and not group.words_before and at_clause_start and left_start > 0 \
            and text[left_start - 1] == ":":
        # a short label before a colon names the value (票价:80元)
        label_start = doc.clause_start(left_start - 1)
        label = text[label_start:left_start - 1]
        if 0 < len(label) <= _MAX_LABEL and not any(ch.isdigit() for ch in label):
            group.subject, group.quote_start = label, label_start


def _read_trailing_noun(text: str, group: ValueGroup) -> None:
    """The noun after the last value: what a counter counts (302名儿童督导员), what a share is of
    (90%的城市社区), what money is for (1万元助学金)."""
    last = group.values[-1]
    after = last.end
    if text.startswith("的", after):
        fund = last.unit in _MONEY_UNITS and FUND_NOUN.match(text, after + 1)
        share = last.unit in _SHARE_UNITS and (not group.subject or not COMPLETE_INDICATOR.search(group.subject))
        if fund or share:
            limit = min(len(text), after + 1 + MAX_TRAIL)
            stop = TRAIL_OF_STOP.search(text, after + 1, limit)
            end = stop.start() if stop else limit
            if end > after + 1:
                group.trail, group.trail_start, group.trail_end = text[after + 1:end], after, end
    elif last.unit in COUNT_UNITS or (last.unit in _MONEY_UNITS and FUND_NOUN.match(text, after)):
        # an age range may begin the counted noun: 3000万名3岁以下婴幼儿
        age = AGE_QUALIFIER.match(text, after) if last.unit in COUNT_UNITS else None
        limit = min(len(text), after + MAX_TRAIL)
        stop = TRAIL_STOP.search(text, age.end() if age else after, limit)
        end = stop.start() if stop else limit
        if end > after:
            group.trail, group.trail_start, group.trail_end = text[after:end], after, end


def read_left_context(doc: Document, groups: list[ValueGroup]) -> None:
    """Phase *left context*: the subject, role and bound words left of each group, and the noun after it.

    A left context never reaches back into the previous group (its quote ends at its trailing noun).
    """
    previous_end = 0
    for group in groups:
        _read_subject(doc, group, previous_end)
        _read_trailing_noun(doc.norm.text, group)
        previous_end = group.trail_end if group.trail else group.values[-1].end


# --------------------------------------------------------------------------------------------------
# Phase: subject inheritance
# --------------------------------------------------------------------------------------------------

def _is_incomplete(group: ValueGroup) -> bool:
    """A subject that needs the previous one: 占..., a change or a verb without a subject."""
    return (
        group.subject.startswith("占")
        or (not group.subject and group.role == "change")
        or (not group.subject and not group.trail and bool(group.words_before))
    )


def _inherit_subject(doc: Document, groups: list[ValueGroup], index: int) -> None:
    """Borrow the subject of the nearest earlier group of the same scope that has one."""
    group = groups[index]
    scope = doc.scope_start(group.values[0].number_start)
    for source in reversed(groups[:index]):
        if source.values[-1].end <= scope:
            break
        if source.subject.startswith("占") or not source.items or not source.items[0]:
            continue
        items = source.items
        if source.role == "change":  # the subject of a change, without its verb (总数增加6.6万家,增幅达110%)
            if source.inherited or not source.subject:
                continue
            items = [item[: -len(source.change)] if item.endswith(source.change) else item for item in items]
        tail = group.subject + group.change
        if len(items) == len(group.values) > 1:
            group.items = [item + tail for item in items]
        else:
            group.items = [(source.subject if len(items) > 1 else items[0]) + tail]
        group.inherited = True
        group.quote_start = source.quote_start
        return


def _own_items(group: ValueGroup) -> list[str]:
    """The group's own subject, distributed over its values when it has as many items."""
    parts = split_items(group.subject) if len(group.values) > 1 else []
    if len(parts) == len(group.values) > 1:
        return [part + group.change for part in distribute(parts)]
    return [group.subject + group.change]


def _with_trailing_noun(text: str, group: ValueGroup) -> list[str]:
    """The items completed with the noun after the value."""
    if text.startswith("的", group.trail_start):  # 90%的城市社区: the share is of the noun after it
        return [item + group.trail for item in group.items]
    if group.values[-1].unit in COUNT_UNITS:  # 302名儿童督导员: the counter counts the noun after it
        return [group.trail if len(item) > _MAX_OWN_ITEM or group.inherited else item + group.trail
                for item in group.items]
    return [item + group.trail for item in group.items]  # 1万元助学金


def _share_per_capita(doc: Document, groups: list[ValueGroup], index: int) -> None:
    """A per-capita prefix printed once (每千名儿童拥有...医生达到1.12名、床位增至3.17张)."""
    group = groups[index]
    if index == 0 or PER_CAPITA.match(group.items[0]):
        return
    previous = groups[index - 1]
    prefix = PER_CAPITA.match(previous.items[0]) if previous.items else None
    same_clause = doc.clause_start(group.values[0].number_start) <= previous.values[-1].end
    if prefix and same_clause and not group.inherited:
        group.items = [prefix.group() + item for item in group.items]


def inherit_subjects(doc: Document, groups: list[ValueGroup]) -> None:
    """Phase *subject inheritance*: the indicator of each value of each group (``items``).

    An incomplete subject is borrowed from the previous group of the sentence; a subject with as many
    items as values is distributed; the trailing noun and a per-capita prefix are added. Groups are
    completed in order, so a group borrows the finished items of the one before it.
    """
    for index, group in enumerate(groups):
        if _is_incomplete(group):
            _inherit_subject(doc, groups, index)
        if not group.items:
            group.items = _own_items(group)
        if group.trail and group.trail_start >= 0:
            group.items = _with_trailing_noun(doc.norm.text, group)
        _share_per_capita(doc, groups, index)


# --------------------------------------------------------------------------------------------------
# Year, comparator, kind, unit
# --------------------------------------------------------------------------------------------------

def _inside_period(text: str, pos: int) -> bool:
    """A year that is one end of a plan period (2021-2025)."""
    window_start = max(0, pos - 6)
    for period in PLAN_PERIOD.finditer(text[window_start: pos + 11]):
        if period.start() <= pos - window_start < period.end():
            return True
    return False


def guess_year(doc: Document, value: ValueExpression, sentence_start: int) -> tuple[int | None, str]:
    """The nearest year printed before the value in its sentence, and a note when it is not printed as
    a year (今年: from the document date) or cannot be known."""
    text = doc.norm.text
    base_spans = [(base.start(), base.end())
                  for base in BASE_YEAR.finditer(text, sentence_start, value.number_start)]
    found: tuple[int | None, str] | None = None
    for mention in YEAR_MENTION.finditer(text, sentence_start, value.number_start):
        at = mention.start()
        if any(base_start <= at < base_end for base_start, base_end in base_spans):
            continue
        in_title = text.rfind("《", sentence_start, at) > text.rfind("》", sentence_start, at)
        if in_title or _inside_period(text, at):
            continue
        if mention.group(1):
            found = (int(mention.group(1)), "")
        else:
            word = mention.group()
            if doc.doc_date is None:
                found = (None, f"{word}: document date unknown")
            else:
                found = (doc.doc_date.year + _RELATIVE_YEARS[word], f"year from {word} and the document date")
    return found if found else (None, "")


def guess_comparator(group: ValueGroup, value: ValueExpression, index: int, is_range: bool) -> tuple[str, str]:
    """(comparator, note); the note ``verb`` marks a comparator read from a verb (kept for targets only)."""
    if value.bound_after:
        return BOUND_AFTER_COMPARATOR[value.bound_after], ""
    if value.approx:
        return "~", ""
    if is_range:
        return (">=" if index == 0 else "<="), "range in the source"
    for word_before in group.words_before:  # nearest the number first
        for word, comparator, note in BOUND_BEFORE:
            if word_before == word:
                return comparator, note
    if group.far_bound:
        return group.far_bound[1], group.far_bound[2]
    for word_before in group.words_before:
        if word_before in CEILING_VERBS:
            return "<=", "verb"
        if word_before in FLOOR_VERBS:
            return ">=", "verb"
    return "=", ""


def _target_year(doc: Document, value: ValueExpression) -> int | None:
    """The year of the last 到/至20xx年 before the value in its sentence."""
    last = None
    for match in TARGET_YEAR.finditer(doc.norm.text, doc.sentence_start(value.number_start), value.number_start):
        last = match
    return int(last[1]) if last else None


def guess_kind(doc: Document, group: ValueGroup, value: ValueExpression, indicator: str, year: int | None,
               year_note: str, clause: str, sentence: str) -> str:
    """Guess the kind of a value (see the module documentation for the order of the rules)."""
    if CLAIM.search(indicator) or CLAIM.search(group.trail):
        return "claim"
    section = doc.section(value.number_start)
    year_from_text = year is not None and not year_note
    if year_from_text and year <= BASELINE_LAST_YEAR:  # type: ignore[operator]
        return "baseline"
    if section == "baseline" or BASELINE_PERIOD.search(sentence):
        return "baseline"
    when = doc.doc_date
    if year is not None and when is not None:
        if year < when.year:
            return "reported"
        if year > when.year:
            return "target"
    if section == "targets" or doc.is_plan:  # a plan states targets, even among its measures
        return "target"
    target_year = _target_year(doc, value)
    if target_year and target_year > BASELINE_LAST_YEAR and (when is None or target_year >= when.year):
        return "target"
    if TARGET_CUES_CLAUSE.search(clause):
        return "target"
    if REPORTED_CUES.search(clause) or group.role == "from":
        return "reported"
    if TARGET_CUES_SENTENCE.search(sentence):
        return "target"
    return "reported"


@dataclass(frozen=True)
class Guesses:
    """Year, kind and comparator of one value, with the notes that explain the year and comparator."""

    year: int | None
    year_note: str
    comparator: str
    comparator_note: str
    kind: str


def guess_value(doc: Document, group: ValueGroup, index: int, indicator: str, sentence_start: int, clause: str,
                sentence: str, is_range: bool) -> Guesses:
    """Year, comparator and kind of the ``index``-th value of a group, each settled against the others:
    a year is filled in from the plan period or the document date once the kind is known, and a
    comparator read from a verb stays only in a target."""
    value = group.values[index]
    year, year_note = guess_year(doc, value, sentence_start)
    comparator, comparator_note = guess_comparator(group, value, index, is_range)
    kind = guess_kind(doc, group, value, indicator, year, year_note, clause, sentence)
    if kind == "baseline" and year is None and doc.plan_start:
        year, year_note = doc.plan_start - 1, "baseline year assumed (year before the plan period)"
    if year is None:
        if kind == "target" and doc.plan_end:
            year, year_note = doc.plan_end, "plan end year"
        elif kind != "target" and doc.doc_date:
            year, year_note = doc.doc_date.year, "year from report date"
    if comparator in (">=", "<=") and kind != "target" and comparator_note == "verb":
        comparator = "="  # 提高到 in a report states a level, not a floor
    if value.withheld and comparator == "=":
        comparator = ""  # nothing is stated: no bound word, no value
    return Guesses(year, year_note, comparator, comparator_note, kind)


def final_unit(value: ValueExpression, subject: str, clause: str, per_prefix: str) -> tuple[str, list[str]]:
    """Context-dependent units (per-capita densities, money per person and period), with notes.

    >>> from planeval.extract.parse import ValueExpression
    >>> final_unit(ValueExpression(0, 3, unit="yuan", per="月", unit_text="元/月"), "孤儿基本生活费", "", "")
    ('yuan/person/month', ['per person assumed (元/月)'])
    """
    notes: list[str] = []
    unit = value.unit
    context = subject + " " + clause
    if unit in ("count", "persons") and PER_THOUSAND_PEOPLE.search(context) and "托位" in context:
        unit = "places per 1000 people"
    elif unit == "persons" and "每千名儿童" in context and "医生" in context:
        unit = "doctors per 1000 children"
    elif unit == "count" and "每千名儿童" in context and "床位" in context:
        unit = "beds per 1000 children"
    elif unit in _MONEY_UNITS:
        per = value.per or per_prefix
        if per:
            if value.per and not PER_PERSON_IN_UNIT.search(value.unit_text):
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
