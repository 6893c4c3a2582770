"""The context of one document that every guess needs: clause and sentence boundaries, the sections of
a plan (基本情况, 主要目标), the plan period and the document date.

A document is a plan when it has a 主要目标 heading; its lists of targets run from that heading to the
next 策略措施 heading, top-level heading or subsection. A section headed 基本情况 is the baseline. The
plan period is the first ``2021-2025``-like period on a line that names a 规划 or 纲要 and ends after
:data:`~planeval.extract.lexicon.BASELINE_LAST_YEAR`. The document date is the one given, else a
``成文日期`` (or 发布日期 ...) in the header.

>>> from planeval.extract.normalise import normalise
>>> text = "清镇市儿童发展规划(2021-2025年)\\n成文日期:2022-07-20\\n二、基本情况\\n全市总人口数62.91万人。"
>>> doc = Document(normalise(text), None)
>>> doc.plan_start, doc.plan_end, doc.doc_date, doc.doc_date_detected, doc.section(50)
(2021, 2025, datetime.date(2022, 7, 20), True, 'baseline')
"""

from __future__ import annotations

import bisect
from datetime import date

from planeval.core.errors import ParameterError
from planeval.data.dates import parse_document_date
from planeval.extract.lexicon import (
    BASELINE_LAST_YEAR,
    CLAUSE_BREAK,
    HEADER_DATE,
    HEADER_LENGTH,
    HEADING_MAX_LENGTH,
    HEADING_PUNCTUATION,
    HEADING_SUB,
    HEADING_TOP,
    MEASURES_HEADING,
    PLAN_PERIOD,
    SCOPE_BREAK,
    SENTENCE_BREAK,
    TARGETS_HEADING,
)
from planeval.extract.normalise import NormalisedText

__all__ = ["Document", "header_date", "plan_period", "plan_sections"]


def header_date(text: str) -> date | None:
    """The date printed in the header of a normalised text (成文日期: 2022-07-20), if any and valid.

    >>> header_date("成文日期:2022-07-20"), header_date("发布日期:2022-13-20"), header_date("2022-07-20")
    (datetime.date(2022, 7, 20), None, None)
    """
    match = HEADER_DATE.search(text[:HEADER_LENGTH])
    if not match:
        return None
    try:
        return parse_document_date(f"{match[1]}-{match[2]}-{match[3]}", name="header date")
    except ParameterError:
        return None


def plan_period(lines: list[str]) -> tuple[int | None, int | None]:
    """First and last year of the plan period printed on the first line that names a plan.

    >>> plan_period(["清镇市儿童发展规划(2021-2025年)"]), plan_period(["十三五规划(2016-2020年)"])
    ((2021, 2025), (None, None))
    """
    for line in lines:
        if "规划" in line or "纲要" in line:
            match = PLAN_PERIOD.search(line)
            if match and int(match[2]) > BASELINE_LAST_YEAR:
                return int(match[1]), int(match[2])
    return None, None


def _section_after(line: str, mode: str) -> tuple[str | None, bool]:
    """The section a line starts (None when it starts none) and whether it is a targets heading."""
    heading = len(line) < HEADING_MAX_LENGTH and not any(mark in line for mark in HEADING_PUNCTUATION)
    if TARGETS_HEADING.match(line):
        return "targets", True
    if MEASURES_HEADING.match(line):
        return "", False
    if heading and HEADING_TOP.match(line):
        return ("baseline" if "基本情况" in line else ""), False
    if heading and HEADING_SUB.match(line) and mode == "targets":
        return "", False
    return None, False


def plan_sections(lines: list[str]) -> tuple[list[int], list[str], bool]:
    """Where the sections of a plan start (offsets), their modes (``baseline``, ``targets`` or ``""``)
    and whether the document is a plan (has a 主要目标 heading)."""
    starts: list[int] = []
    modes: list[str] = []
    is_plan = False
    line_start = 0
    mode = ""
    for line in lines:
        new, targets_heading = _section_after(line, mode)
        is_plan = is_plan or targets_heading
        if new is not None and new != mode:
            mode = new
            starts.append(line_start)
            modes.append(mode)
        line_start += len(line) + 1
    return starts, modes, is_plan


class Document:
    """Per-document context: boundaries, sections, plan period, document date."""

    def __init__(self, norm: NormalisedText, doc_date: date | None):
        text = norm.text
        self.norm = norm
        self.clause_breaks = [match.start() for match in CLAUSE_BREAK.finditer(text)]
        self.sentence_breaks = [match.start() for match in SENTENCE_BREAK.finditer(text)]
        self.scope_breaks = [match.start() for match in SCOPE_BREAK.finditer(text)]
        detected = header_date(text)
        self.doc_date = doc_date or detected
        self.doc_date_detected = doc_date is None and detected is not None
        lines = text.split("\n")
        self.plan_start, self.plan_end = plan_period(lines)
        self.section_starts, self.section_modes, self.is_plan = plan_sections(lines)

    def section(self, pos: int) -> str:
        """The section at ``pos``: ``baseline``, ``targets`` or ``""``."""
        index = bisect.bisect_right(self.section_starts, pos) - 1
        return self.section_modes[index] if index >= 0 else ""

    @staticmethod
    def _start_after(breaks: list[int], pos: int) -> int:
        before = bisect.bisect_left(breaks, pos) - 1
        return breaks[before] + 1 if before >= 0 else 0

    @staticmethod
    def _end_from(breaks: list[int], pos: int, n: int) -> int:
        after = bisect.bisect_left(breaks, pos)
        return breaks[after] if after < len(breaks) else n

    def clause_start(self, pos: int) -> int:
        """Start of the clause that holds ``pos``."""
        return self._start_after(self.clause_breaks, pos)

    def clause_end(self, pos: int) -> int:
        """End of the clause that holds ``pos`` (the offset of its break)."""
        return self._end_from(self.clause_breaks, pos, len(self.norm.text))

    def sentence_start(self, pos: int) -> int:
        """Start of the sentence that holds ``pos``."""
        return self._start_after(self.sentence_breaks, pos)

    def sentence_end(self, pos: int) -> int:
        """End of the sentence that holds ``pos`` (the offset of its break)."""
        return self._end_from(self.sentence_breaks, pos, len(self.norm.text))

    def scope_start(self, pos: int) -> int:
        """Start of the scope a subject may be borrowed in (a sentence, cut at semicolons too)."""
        return self._start_after(self.scope_breaks, pos)
