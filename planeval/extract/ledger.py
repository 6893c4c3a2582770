"""The completeness ledger: every candidate figure of the extractor is accounted for.

:mod:`planeval.extract` proposes one *candidate* per number with a unit in a source text. The ledger
checks that each candidate is either

* **matched** by a row of ``data/indicators.csv``: same source, same value (within :data:`VALUE_TOL`;
  a withheld candidate ``**`` matches a withheld row) and a quote that overlaps the candidate's
  ``[start, end)`` span once the curated quote is located in the source; or
* **excluded** by a row of ``data/extraction_exclusions.csv`` (columns :data:`EXCLUSION_COLUMNS`, read by
  :func:`planeval.data.exclusions.load_exclusions`) that
  names the candidate by source, offsets and printed value, with a reason from
  :data:`REASON_CATEGORIES` (``"date"``, or ``"date: of the press conference"`` with detail).

Everything else is *unmatched*: a figure the readers may have missed. Exclusions are checked too: an
exclusion that no longer names a current candidate, or names one a figures row already matches, is
*stale*; a reason outside the controlled list is an error. So the figures table cannot silently miss a
number, and adding a document follows the same path (see ``data/README.md``).

Locating a quote: a curated quote is verbatim up to whitespace (:func:`planeval.data.quotes.squeeze`), so it
is searched in the squeezed source and every occurrence is mapped back to offsets of the original
text. A quote printed twice in a source (a duplicated paragraph) has two spans, and a candidate on
either printing is matched by the row.

Every function here is pure: texts, rows and candidates in, results out. Reading the files and running
the extractor over the sources is left to the callers (:func:`planeval.extract.cli.ledger_main`,
``tests/test_ledger.py``); :func:`run_extractor` is a small helper for them, which gives the extractor
each source's date of ``sources.csv`` as :func:`planeval.data.dates.source_date` reads it (a year-only
date is taken as 1 July).

>>> text = "截至2020年末,全市总人口数62.91\\n万人。"
>>> quote_spans("总人口数62.91万人", text)
[(11, 23)]
>>> text[11:23]
'总人口数62.91\\n万人'
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from planeval.data.dates import source_date
from planeval.data.exclusions import EXCLUSION_COLUMNS
from planeval.extract.candidates import Candidate, extract

__all__ = [
    "EXCLUSION_COLUMNS",
    "REASON_CATEGORIES",
    "VALUE_TOL",
    "Ledger",
    "Match",
    "build_ledger",
    "check_exclusions",
    "exclusion_key",
    "exclusion_row",
    "line_of",
    "match_candidates",
    "overlaps",
    "parse_reason",
    "quote_spans",
    "run_extractor",
    "unmatched_candidates",
    "values_equal",
]

#: The reason categories an exclusion may give, each optionally followed by ``: detail``.
REASON_CATEGORIES = (
    "date",                          # dates, years used as dates, time spans of the report, plan periods
    "phone number",                  # hotlines, box-office numbers
    "ticket price",                  # prices of concert tickets on the same newspaper page
    "section number",                # list, section, table-of-contents and page numbers
    "document number",               # 清府发〔2022〕12号, index numbers
    "unrelated news",                # other items on the same newspaper page (epidemic notice, weather, ...)
    "duplicate printing",            # a second printing of a fact already a row (name the row in the detail)
    "part of a name or definition",  # ages and thresholds in an indicator's name, slogans, policy names
    "not about the plans",           # a quantity of the source that is not a figure of the plans
    "scope threshold",               # a threshold that defines who or what is counted, not a value
)

#: Tolerance of value equality (values are compared as printed, so only rounding noise is forgiven).
VALUE_TOL = 1e-9

_WS = re.compile(r"\s")
_REASON = re.compile(r"(?P<cat>[^:]+?)\s*(?::\s*(?P<detail>.*))?", re.S)


# --------------------------------------------------------------------------------------------------
# Quotes and values
# --------------------------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _squeezed_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and the original offset of each remaining character."""
    idx = [i for i, ch in enumerate(text) if not _WS.match(ch)]
    return "".join(text[i] for i in idx), idx


def quote_spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Every ``[start, end)`` span of ``text`` that prints ``quote``, whitespace ignored on both sides.

    Spans are offsets of the original text, from the quote's first to its last non-space character
    (line breaks inside are kept). Overlapping occurrences are all returned; an empty quote has none.

    >>> quote_spans("12%", "达12%。又达1\\n2%")
    [(1, 4), (7, 11)]
    >>> quote_spans("", "abc"), quote_spans("xyz", "abc")
    ([], [])
    """
    q = _WS.sub("", quote)
    if not q:
        return []
    squeezed, idx = _squeezed_with_map(text)
    spans = []
    k = squeezed.find(q)
    while k >= 0:
        spans.append((idx[k], idx[k + len(q) - 1] + 1))
        k = squeezed.find(q, k + 1)
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open spans share at least one character.

    >>> overlaps((0, 5), (4, 9)), overlaps((0, 5), (5, 9)), overlaps((3, 4), (0, 9))
    (True, False, True)
    """
    return max(a[0], b[0]) < min(a[1], b[1])


def _is_withheld(row: Mapping[str, object]) -> bool:
    return str(row.get("status", "")).strip() == "withheld"


def _row_value(row: Mapping[str, object]) -> float | None:
    v = row.get("value")
    if v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == "":
        return None
    return float(v)  # type: ignore[arg-type]


def values_equal(candidate: Candidate, row: Mapping[str, object], tol: float = VALUE_TOL) -> bool:
    """Whether a candidate and a figures row state the same value.

    A withheld candidate (``**``) equals a withheld row and nothing else; otherwise the numbers are
    compared with a small relative and absolute tolerance.
    """
    if candidate.withheld or _is_withheld(row):
        return candidate.withheld and _is_withheld(row)
    rv = _row_value(row)
    if rv is None or not candidate.value:
        return False
    return math.isclose(float(candidate.value), rv, rel_tol=tol, abs_tol=tol)


# --------------------------------------------------------------------------------------------------
# Matching candidates to the figures table
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Match:
    """A candidate and the figures row that accounts for it (``row`` empty when none does).

    ``eligible`` lists every row of the same value whose quote overlaps the candidate; a candidate
    with eligible rows may still be unmatched when each of them accounts for another candidate at the
    same printing (two ``**`` of one sentence need two withheld rows).
    """

    source: str
    candidate: Candidate
    row: str = ""
    eligible: tuple[str, ...] = ()


def _augment(k: int, options: list[list[tuple[str, int]]], owner: dict[tuple[str, int], int],
             seen: set[tuple[str, int]]) -> bool:
    for res in options[k]:
        if res in seen:
            continue
        seen.add(res)
        if res not in owner or _augment(owner[res], options, owner, seen):
            owner[res] = k
            return True
    return False


def match_candidates(
    candidates: Mapping[str, Sequence[Candidate]],
    rows: Iterable[Mapping[str, object]],
    texts: Mapping[str, str],
    tol: float = VALUE_TOL,
) -> list[Match]:
    """A :class:`Match` for every candidate, in order of source and offset.

    ``candidates`` maps a source id to the extractor's candidates for its text (``texts[source]``);
    ``rows`` are figures rows with at least ``id``, ``source``, ``quote``, ``value`` and ``status``. A
    row is *eligible* for a candidate of the same source when the values are equal (:func:`values_equal`)
    and one of the spans of the row's quote (:func:`quote_spans`) overlaps the candidate's
    ``[start, end)``. Each printing of a row (the row and one span of its quote) accounts for at most
    one candidate: the rows are assigned by a maximum bipartite matching, so that two values of one
    sentence need two rows, while a paragraph printed twice is accounted for by one row with two spans.
    A row whose quote cannot be found matches nothing (the loader refuses such rows anyway).
    """
    by_source: dict[str, list[tuple[str, Mapping[str, object], list[tuple[int, int]]]]] = {}
    for row in rows:
        sid = str(row["source"])
        if sid not in texts:
            continue
        spans = quote_spans(str(row["quote"]), texts[sid])
        by_source.setdefault(sid, []).append((str(row["id"]), row, spans))
    out: list[Match] = []
    for sid in sorted(candidates):
        located = by_source.get(sid, [])
        cands = sorted(candidates[sid], key=lambda c: (c.start, c.value_start, c.end))
        options: list[list[tuple[str, int]]] = []
        for c in cands:
            scored = []
            for rid, row, spans in located:
                if values_equal(c, row, tol):
                    scored += [(not (s[0] <= c.value_start < s[1]), abs(s[0] - c.start), rid, j)
                               for j, s in enumerate(spans) if overlaps((c.start, c.end), s)]
            # try first the rows whose quote prints this very number, then the nearest
            options.append([(rid, j) for *_, rid, j in sorted(scored)])
        owner: dict[tuple[str, int], int] = {}
        for k in range(len(cands)):
            if options[k]:
                _augment(k, options, owner, set())
        assigned = {k: res[0] for res, k in owner.items()}
        for k, c in enumerate(cands):
            eligible = tuple(dict.fromkeys(rid for rid, _ in options[k]))
            out.append(Match(sid, c, assigned.get(k, ""), eligible))
    return out


def unmatched_candidates(
    candidates: Mapping[str, Sequence[Candidate]],
    rows: Iterable[Mapping[str, object]],
    texts: Mapping[str, str],
    tol: float = VALUE_TOL,
) -> list[tuple[str, Candidate]]:
    """``(source, candidate)`` of each candidate no figures row accounts for (:func:`match_candidates`)."""
    return [(m.source, m.candidate) for m in match_candidates(candidates, rows, texts, tol) if not m.row]


# --------------------------------------------------------------------------------------------------
# Exclusions
# --------------------------------------------------------------------------------------------------

def parse_reason(reason: str) -> tuple[str, str] | None:
    """``(category, detail)`` of an exclusion's reason, or None when the category is not allowed.

    A reason is a category of :data:`REASON_CATEGORIES`, optionally followed by ``:`` and a detail.

    >>> parse_reason("date: of the press conference")
    ('date', 'of the press conference')
    >>> parse_reason("ticket price"), parse_reason("dates"), parse_reason("")
    (('ticket price', ''), None, None)
    """
    m = _REASON.fullmatch(reason.strip())
    if not m or m["cat"] not in REASON_CATEGORIES:
        return None
    return m["cat"], (m["detail"] or "").strip()


def exclusion_key(source: str, start: int | str, end: int | str,
                  value_text: str) -> tuple[str, int, int, str]:
    """The key that ties an exclusion to a candidate: source, quote offsets and the printed value."""
    return str(source), int(start), int(end), str(value_text)


def exclusion_row(source: str, candidate: Candidate, reason: str = "") -> dict[str, str]:
    """An exclusion-shaped row (:data:`EXCLUSION_COLUMNS`) for a candidate, to be given a reason."""
    return {"source": source, "start": str(candidate.start), "end": str(candidate.end),
            "value_text": candidate.value_text, "quote": candidate.quote, "reason": reason}


def check_exclusions(
    exclusions: Sequence[Mapping[str, str]],
    candidates: Mapping[str, Sequence[Candidate]],
    matched: Iterable[tuple[str, Candidate]] = (),
) -> list[str]:
    """Problems of the exclusion rows, one line each (empty when every row is sound).

    ``exclusions`` are the rows of the file in order (row 2 is the first after the header). A row must
    have integer offsets, a reason of the controlled list (:func:`parse_reason`), name a current
    candidate of its source (same ``start``, ``end`` and ``value_text``; the ``quote`` must be the
    candidate's, whitespace aside) that no figures row matches (``matched``: pairs of source and
    candidate), and appear once, in order of source and start.
    """
    problems: list[str] = []
    current = {exclusion_key(sid, c.start, c.end, c.value_text): c
               for sid, cs in candidates.items() for c in cs}
    matched_keys = {exclusion_key(sid, c.start, c.end, c.value_text) for sid, c in matched}
    seen: dict[tuple[str, int, int, str], int] = {}
    spans_seen: dict[tuple[str, int, int], int] = {}
    prev: tuple[str, int, int] | None = None
    for n, row in enumerate(exclusions, start=2):
        where = f"row {n} ({row.get('source', '')} {row.get('start', '')}-{row.get('end', '')} " \
                f"{row.get('value_text', '')!r})"
        try:
            key = exclusion_key(row["source"], row["start"], row["end"], row["value_text"])
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where}: source, start, end and value_text are required; "
                            "start and end integers")
            continue
        reason = (row.get("reason") or "").strip()
        if not reason:
            problems.append(f"{where}: empty reason")
        elif parse_reason(reason) is None:
            problems.append(f"{where}: reason {reason!r} does not start with a category of "
                            f"{', '.join(REASON_CATEGORIES)} (then optionally ': detail')")
        if key in seen:
            problems.append(f"{where}: duplicate of row {seen[key]}")
        elif key[:3] in spans_seen:
            problems.append(f"{where}: same source, start and end as row {spans_seen[key[:3]]} "
                            "(the data package's primary key)")
        seen.setdefault(key, n)
        spans_seen.setdefault(key[:3], n)
        order = key[:3]
        if prev is not None and order < prev:
            problems.append(f"{where}: out of order (rows are sorted by source, start, end)")
        prev = order
        c = current.get(key)
        if c is None:
            problems.append(f"{where}: stale: no current candidate of {key[0]} has these offsets "
                            "and value_text")
        elif _WS.sub("", row.get("quote") or "") != _WS.sub("", c.quote):
            problems.append(f"{where}: quote differs from the candidate's quote {c.quote!r}")
        elif key in matched_keys:
            problems.append(f"{where}: stale: the candidate is matched by a row of the figures table")
    return problems


# --------------------------------------------------------------------------------------------------
# The ledger
# --------------------------------------------------------------------------------------------------

@dataclass
class Ledger:
    """The account of every candidate: matched, excluded or unmatched, and the exclusions' problems."""

    matched: list[Match] = field(default_factory=list)
    excluded: list[tuple[str, Candidate, str]] = field(default_factory=list)
    unmatched: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.matched) + len(self.excluded) + len(self.unmatched)

    @property
    def complete(self) -> bool:
        return not self.unmatched and not self.problems

    def excluded_by_category(self) -> dict[str, int]:
        """Number of excluded candidates per reason category (in the order of :data:`REASON_CATEGORIES`)."""
        counts = dict.fromkeys(REASON_CATEGORIES, 0)
        for _, _, reason in self.excluded:
            parsed = parse_reason(reason)
            if parsed:
                counts[parsed[0]] += 1
        return {k: v for k, v in counts.items() if v}


def build_ledger(
    candidates: Mapping[str, Sequence[Candidate]],
    rows: Iterable[Mapping[str, object]],
    texts: Mapping[str, str],
    exclusions: Sequence[Mapping[str, str]] = (),
    tol: float = VALUE_TOL,
) -> Ledger:
    """Match every candidate to the figures rows, then to the exclusions; check the exclusions."""
    ledger = Ledger()
    matches = match_candidates(candidates, rows, texts, tol)
    ledger.matched = [m for m in matches if m.row]
    matched = [(m.source, m.candidate) for m in ledger.matched]
    ledger.problems = check_exclusions(exclusions, candidates, matched)
    reasons = {}
    for row in exclusions:
        try:
            key = exclusion_key(row["source"], row["start"], row["end"], row["value_text"])
        except (KeyError, TypeError, ValueError):
            continue
        if parse_reason(row.get("reason") or "") is not None:
            reasons.setdefault(key, row["reason"].strip())
    for m in matches:
        if m.row:
            continue
        c = m.candidate
        reason = reasons.get(exclusion_key(m.source, c.start, c.end, c.value_text))
        if reason is None:
            ledger.unmatched.append(m)
        else:
            ledger.excluded.append((m.source, m.candidate, reason))
    return ledger


# --------------------------------------------------------------------------------------------------
# Helpers for callers
# --------------------------------------------------------------------------------------------------

def run_extractor(texts: Mapping[str, str],
                  dates: Mapping[str, str | date | None]) -> dict[str, list[Candidate]]:
    """The extractor's candidates for each source text (``file`` is the source id), with the source's
    date as :func:`~planeval.data.dates.source_date` reads it (a partial date taken mid-period)."""
    return {sid: extract(text, file=sid, doc_date=source_date(dates.get(sid))) for sid, text in texts.items()}


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text`` (as ``sed -n 'Np'`` counts).

    >>> line_of("a\\nb\\nc", 2), line_of("a\\nb\\nc", 0)
    (2, 1)
    """
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return bisect.bisect_right(starts, offset)
