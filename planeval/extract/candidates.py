"""Candidate rows: the :class:`Candidate` dataclass, the rows of each group, duplicates, the CSV, and
:func:`extract`, the extractor's entry point as a pipeline of named phases.

The phases of :func:`extract`, each a function of its own:

1. *normalise* the text (:func:`planeval.extract.normalise.normalise`) and read the document's context
   (:class:`planeval.extract.document.Document`);
2. *value expressions* (:func:`planeval.extract.parse.read_value_expressions`);
3. *grouping* into lists and ranges (:func:`planeval.extract.parse.group_values`);
4. *left context*: subjects, roles, bound words, trailing nouns (:func:`planeval.extract.guess.read_left_context`);
5. *subject inheritance* and distribution (:func:`planeval.extract.guess.inherit_subjects`);
6. *rows*: one candidate per value, with its year, kind, comparator and notes (:func:`candidate_rows`);
7. *duplicates*: the same statement printed twice (:func:`mark_duplicates`);
8. with ``include_skipped``, the numbers left out (:func:`skipped_rows`).

Columns (:data:`FIELDS`): ``file``; ``start``/``end`` and ``quote`` (the indicator phrase, the number,
its unit and bound word; rows of one distributive list share it); ``indicator_zh``; ``value`` (as printed,
thousands separators removed; empty when withheld), ``value_text`` (the characters in the source) and
``value_start``/``value_end``; ``unit``; ``comparator``; ``year``; ``kind``; ``withheld``; ``role``;
``notes`` (how the year was found, 超过 and 余 notes, per-person assumptions, borrowed subjects);
``duplicate_of`` (the ``start`` of an earlier candidate with the same quote, value, unit and indicator:
a paragraph printed twice); ``reason_hint`` (only with ``include_skipped``).

What is *not* a candidate: numbers that are not quantities (dates and years, times of day, phone
numbers, document numbers, list and section numbers, ordinals, plan periods, ages that form part of an
indicator's name, numbers inside quoted names and titles, names with ``+``) and numbers with no unit
in the vocabulary (``12315热线``, page numbers of a table of contents, ``6个月``); see
:mod:`planeval.extract.parse`. With ``include_skipped=True`` these are returned too, with empty ``kind``
and the reason in ``reason_hint``, so that a reader can audit what was left out.

>>> [(c.indicator_zh, c.value, c.unit, c.comparator) for c in extract("孕产妇死亡率控制在14/10万以内。")]
[('孕产妇死亡率', '14', 'per 100k', '<=')]
>>> [c.quote for c in extract("截至2020年末,全市总人口数62.91\\n万人。")]
['全市总人口数62.91\\n万人']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import IO

from planeval.data.dates import parse_document_date
from planeval.data.quotes import squeeze
from planeval.data.vocab import UNITS
from planeval.extract.document import Document
from planeval.extract.guess import (
    Guesses,
    clean_indicator,
    final_unit,
    guess_value,
    inherit_subjects,
    read_left_context,
)
from planeval.extract.lexicon import PER_PERIOD_PREFIX, RANGE_CONNECTORS
from planeval.extract.normalise import NormalisedText, normalise
from planeval.extract.parse import Skip, ValueExpression, ValueGroup, format_value, group_values, read_value_expressions

__all__ = ["FIELDS", "Candidate", "candidate_rows", "extract", "mark_duplicates", "skipped_rows", "write_csv"]

#: Columns of the candidate CSV, in order.
FIELDS = (
    "file", "start", "end", "indicator_zh", "value", "value_text", "unit", "comparator", "year",
    "kind", "withheld", "quote", "role", "value_start", "value_end", "notes", "duplicate_of",
    "reason_hint",
)


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
            value = getattr(self, name)
            if isinstance(value, bool):
                row[name] = "true" if value else "false"
            else:
                row[name] = "" if value is None else str(value)
        return row


def _position(candidate: Candidate) -> tuple[int, int, int]:
    """The order of candidates: by quote start, value start, quote end."""
    return candidate.start, candidate.value_start, candidate.end


# --------------------------------------------------------------------------------------------------
# Phase: rows
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _GroupContext:
    """What the rows of one group share: its sentence and clause, a per-period prefix, the quote."""

    sentence_start: int
    sentence: str
    clause: str
    per_prefix: str  # 月, 年 or 学年 from 每人每月 before the number
    is_range: bool
    quote_span: tuple[int, int]  # original offsets


def _group_context(doc: Document, group: ValueGroup) -> _GroupContext:
    text = doc.norm.text
    first = group.values[0]
    sentence_start = doc.sentence_start(first.number_start)
    sentence = text[sentence_start:doc.sentence_end(first.number_start)]
    clause = text[doc.clause_start(first.number_start):doc.clause_end(group.values[-1].end)]
    per_match = None
    for match in PER_PERIOD_PREFIX.finditer(text, doc.scope_start(first.number_start), first.number_start):
        per_match = match
    per_prefix = (per_match[1] or per_match[2]) if per_match else ""
    is_range = len(group.values) == 2 and group.values[1].connector_before in RANGE_CONNECTORS
    # the quote runs from the subject (or the first number) to the trailing noun or the last value
    quote_start = min(group.quote_start, first.number_start)
    while quote_start < first.number_start and text[quote_start] == "\n":
        quote_start += 1
    quote_end = group.trail_end if group.trail else group.values[-1].end
    return _GroupContext(sentence_start, sentence, clause, per_prefix, is_range,
                         doc.norm.span(quote_start, quote_end))


def _notes(doc: Document, group: ValueGroup, value: ValueExpression, guesses: Guesses, is_range: bool) -> list[str]:
    """The notes of a row after those of its indicator and unit, in a fixed order."""
    notes: list[str] = []
    if guesses.year_note:
        notes.append(guesses.year_note)
    elif guesses.year is None:
        notes.append("no year found")
    if guesses.comparator_note and guesses.comparator_note != "verb":
        notes.append(guesses.comparator_note)
    if value.approx:
        notes.append(f"{value.approx}: more than the number printed")
    if group.role == "from":
        notes.append("old value (由/从 ... 提高到)")
    if group.inherited:
        notes.append("subject taken from the previous clause")
    if len(group.values) > 1 and len(group.items) != len(group.values) and not is_range:
        notes.append("several values share one subject")
    if doc.doc_date_detected and ("report date" in guesses.year_note or "document date" in guesses.year_note):
        notes.append("document date read from the header")
    return notes


def _value_row(doc: Document, group: ValueGroup, context: _GroupContext, index: int, text: str,
               file: str) -> Candidate | None:
    """The candidate of the ``index``-th value of a group (None when its unit is outside the vocabulary)."""
    value = group.values[index]
    indicator = group.items[index] if len(group.items) == len(group.values) else group.items[0]
    notes = [] if indicator else ["no indicator phrase found"]
    unit, unit_notes = final_unit(value, indicator, context.clause, context.per_prefix)
    notes += unit_notes
    if unit not in UNITS:  # pragma: no cover - guarded by the unit table
        return None
    guesses = guess_value(doc, group, index, indicator, context.sentence_start, context.clause, context.sentence,
                          context.is_range)
    notes += _notes(doc, group, value, guesses, context.is_range)
    start, end = context.quote_span
    value_start, value_end = doc.norm.span(value.number_start, value.number_end)
    number_text = doc.norm.text[value.number_start:value.number_end]
    return Candidate(
        file=file, start=start, end=end, indicator_zh=clean_indicator(indicator),
        value="" if value.withheld else format_value(number_text, value.chinese),
        value_text=text[value_start:value_end], unit=unit, comparator=guesses.comparator, year=guesses.year,
        kind=guesses.kind, withheld=value.withheld, quote=text[start:end], role=group.role,
        value_start=value_start, value_end=value_end, notes="; ".join(dict.fromkeys(notes)),
    )


def candidate_rows(doc: Document, groups: list[ValueGroup], text: str, file: str) -> list[Candidate]:
    """Phase *rows*: one candidate per value of each group, in the order of the groups.

    ``text`` is the original text (quotes and value texts are cut from it); ``file`` goes in each row.
    """
    rows: list[Candidate] = []
    for group in groups:
        context = _group_context(doc, group)
        for index in range(len(group.values)):
            row = _value_row(doc, group, context, index, text, file)
            if row is not None:
                rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------
# Phase: duplicates, and the numbers left out
# --------------------------------------------------------------------------------------------------

def mark_duplicates(rows: Iterable[Candidate]) -> list[Candidate]:
    """Phase *duplicates*: the rows in order of offset, each repeat of a statement (same quote up to
    whitespace, value text, unit and indicator) with ``duplicate_of`` = the ``start`` of the first."""
    seen: dict[tuple[str, str, str, str], int] = {}
    out: list[Candidate] = []
    for row in sorted(rows, key=_position):
        key = (squeeze(row.quote), row.value_text, row.unit, row.indicator_zh)
        first_start = seen.setdefault(key, row.start)
        out.append(replace(row, duplicate_of=first_start) if first_start != row.start else row)
    return out


def skipped_rows(norm: NormalisedText, text: str, file: str, skipped: Iterable[Skip]) -> list[Candidate]:
    """The numbers left out as rows with empty ``kind`` and the reason in ``reason_hint``."""
    out = []
    for number_start, number_end, reason in skipped:
        start, end = norm.span(number_start, number_end)
        printed = text[start:end]
        number_text = norm.text[number_start:number_end]
        withheld = number_text.startswith("*")
        try:
            value = "" if withheld else format_value(number_text, not number_text[0].isdigit())
        except ValueError:
            value = ""
        out.append(Candidate(
            file=file, start=start, end=end, indicator_zh="", value=value, value_text=printed, unit="",
            comparator="", year=None, kind="", withheld=withheld, quote=printed, role="",
            value_start=start, value_end=end, reason_hint=reason,
        ))
    return out


# --------------------------------------------------------------------------------------------------
# The entry point and the output
# --------------------------------------------------------------------------------------------------

def extract(
    text: str,
    *,
    file: str = "",
    doc_date: str | date | None = None,
    include_skipped: bool = False,
    chinese_numerals: bool = False,
) -> list[Candidate]:
    """Candidate figures of one source text, in order of appearance (deterministic).

    ``file`` is copied into each row; ``doc_date`` (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` taken as the
    first day; see :func:`planeval.data.dates.parse_document_date`) resolves 今年/去年 and the year of
    reported figures; ``include_skipped`` adds the numbers that were left out, with ``reason_hint``;
    ``chinese_numerals`` also reads Chinese numerals (三所, 十个) -- noisy, off by default.
    """
    when = parse_document_date(doc_date)
    norm = normalise(text)
    if not norm.text:
        return []
    doc = Document(norm, when)
    values, skipped = read_value_expressions(norm.text, chinese_numerals)
    groups = group_values(norm.text, values, skipped)
    read_left_context(doc, groups)
    inherit_subjects(doc, groups)
    out = mark_duplicates(candidate_rows(doc, groups, text, file))
    if include_skipped:
        out += skipped_rows(norm, text, file, skipped)
        out.sort(key=lambda candidate: (*_position(candidate), candidate.reason_hint))
    return out


def write_csv(candidates: Iterable[Candidate], out: IO[str]) -> int:
    """Write candidates as CSV (header :data:`FIELDS`, ``\\n`` line ends); return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for candidate in candidates:
        writer.writerow(candidate.as_row())
        count += 1
    return count
