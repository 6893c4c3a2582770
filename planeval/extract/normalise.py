"""Reading a source text: decoding its bytes, folding its characters, and the normalised text with its
offset map back to the original.

Matching runs on a normalised copy of the text: every character is folded with NFKC (full-width digits
and punctuation become ASCII, ``％`` becomes ``%``), whitespace is dropped (the sources break lines in
the middle of sentences and numbers), except that a line break stays as a clause boundary when the
line before it ends a sentence or looks like a heading, and one space stays between two ASCII letters
or digits. Every character of the normalised text keeps the offset of the character of the original it
came from, so that ``start``/``end`` and ``quote`` always refer to the *original* text (offsets in code
points of the decoded text), and a quote may contain the line breaks the source has.

>>> text = "截至2020年末,全市总人口数62.91\\n万人。"
>>> norm = normalise(text)
>>> norm.text
'截至2020年末,全市总人口数62.91万人。'
>>> start, end = norm.span(15, 22)
>>> text[start:end]
'62.91\\n万人'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from planeval.core.errors import DataFileError
from planeval.extract.lexicon import CLOSING_MARKS, LIST_START, RUNNING_TEXT_MARKS, SENTENCE_FINAL

__all__ = ["NormalisedText", "decode_source", "fold_character", "line_ends_clause", "normalise", "read_source"]

# Whitespace and format (Cf) characters: a line containing none of them, and already NFKC-normal, is
# copied as it is (the fast path, most lines of CJK text); others are folded character by character.
# tests/test_extract.py checks that every such character of Unicode is listed.
_SLOW_CHARS = re.compile(
    "[\\s\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


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
    file = Path(path)
    if not file.exists():
        raise DataFileError(path, "no such file")
    if not file.is_file():
        raise DataFileError(path, "not a regular file")
    try:
        data = file.read_bytes()
    except OSError as e:
        raise DataFileError(path, f"cannot read: {e.strerror or e}") from None
    return decode_source(data, str(path))


# --------------------------------------------------------------------------------------------------
# Normalisation with an offset map back to the original text
# --------------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def fold_character(ch: str) -> str:
    """The NFKC form of one character: ``""`` for a format character, ``" "`` for any whitespace.

    >>> fold_character("１"), fold_character("％"), fold_character("\\u200b"), fold_character("\\u3000")
    ('1', '%', '', ' ')
    """
    if unicodedata.category(ch) == "Cf":  # zero-width characters, byte-order mark
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    return " " if folded.isspace() else folded


@dataclass
class NormalisedText:
    """The normalised text and, for each of its characters, the offset in the original it came from."""

    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[start, end)``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def line_ends_clause(previous: str, current: str) -> bool:
    """Whether the line break between two non-empty normalised lines ends a clause.

    It does after final punctuation (a closing quote may follow), after a line with no running-text
    punctuation (a heading, a title, a by-line) and before a list item.

    >>> line_ends_clause("总体目标。", "x"), line_ends_clause("一、总体要求", "x"), line_ends_clause("a,b", "(1)c")
    (True, True, True)
    >>> line_ends_clause("截至2020年末,全市总人口数62.91", "万人。")
    False
    """
    tail = previous.rstrip(CLOSING_MARKS) or previous
    if tail[-1] in SENTENCE_FINAL:
        return True
    if not any(mark in previous for mark in RUNNING_TEXT_MARKS):
        return True  # a heading, a title, a by-line
    return bool(LIST_START.match(current))


def _fold_line(line: str, line_start: int) -> tuple[str, Sequence[int]]:
    """One line of the original folded: its text and the original offset of each of its characters."""
    if unicodedata.is_normalized("NFKC", line) and not _SLOW_CHARS.search(line):
        return line, range(line_start, line_start + len(line))  # nothing to fold, no space to drop
    chars: list[str] = []
    offsets: list[int] = []
    space_at = -1  # offset of the first whitespace character since the last kept character
    for i, ch in enumerate(line):
        folded = fold_character(ch)
        if not folded:
            continue
        if folded == " ":
            if space_at < 0:
                space_at = line_start + i
            continue
        if space_at >= 0 and chars and _is_ascii_word_char(chars[-1]) and _is_ascii_word_char(folded[0]):
            chars.append(" ")  # keep apart the words and numbers of Latin text
            offsets.append(space_at)
        space_at = -1
        for char in folded:
            chars.append(char)
            offsets.append(line_start + i)
    return "".join(chars), offsets


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def normalise(text: str) -> NormalisedText:
    """The normalised text of ``text`` with its offset map (see the module documentation).

    A kept line break maps to the first line break after the last non-empty line.
    """
    pieces: list[str] = []
    offsets: list[int] = []
    previous_line = ""
    pending_break = -1  # original offset of the first line break since the last non-empty line
    line_start = 0
    for line in text.split("\n"):
        content, line_offsets = _fold_line(line, line_start)
        if content:
            if previous_line and line_ends_clause(previous_line, content):
                pieces.append("\n")
                offsets.append(pending_break)
            pieces.append(content)
            offsets.extend(line_offsets)
            previous_line = content
            pending_break = -1
        if pending_break < 0 and line_start + len(line) < len(text):
            pending_break = line_start + len(line)
        line_start += len(line) + 1
    return NormalisedText("".join(pieces), offsets)
