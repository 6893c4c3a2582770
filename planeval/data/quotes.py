"""Matching quotes against source texts, and reading the number a quote prints.

A quote must appear in its source verbatim; the only liberty taken is that whitespace (spaces, line
breaks, full-width spaces) is ignored, because the sources break lines in the middle of sentences.
OCR errors, punctuation and full-width characters are kept exactly as printed.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def squeeze(text: str) -> str:
    """Remove every whitespace character (the only difference a quote may have from its source).

    >>> squeeze("62.91 万\\n人")
    '62.91万人'
    """
    return _WS.sub("", text)


def quote_in(quote: str, source_text: str) -> bool:
    """True when ``quote`` occurs in ``source_text`` once whitespace is ignored on both sides.

    >>> quote_in("总人口数62.91万人", "全市总人口数62.91\\n万人,其中")
    True
    >>> quote_in("总人口数62.9万人", "全市总人口数62.91万人")
    False
    """
    q = squeeze(quote)
    return bool(q) and q in squeeze(source_text)


def chinese_numeral(text: str) -> float:
    """Value of a Chinese numeral up to the thousands (一, 十二, 两百, 三千零五).

    >>> chinese_numeral("十五"), chinese_numeral("二十"), chinese_numeral("两"), chinese_numeral("一百零八")
    (15, 20, 2, 108)
    """
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


def number_of(value_text: str) -> float:
    """The number that ``value_text`` (a span printed in the source) states.

    Arabic digits, with full-width forms folded by NFKC, thousands separators allowed; or a Chinese
    numeral. Multiplier words (万, 亿) are not part of value_text: they live in the unit.

    >>> number_of("62.91"), number_of("１２"), number_of("1,271"), number_of("三"), number_of("2\u200b025")
    (62.91, 12.0, 1271.0, 3, 2025.0)
    >>> number_of("-2.0"), number_of("−0.3"), number_of("62.\\n91")
    (-2.0, -0.3, 62.91)
    """
    # Format characters (zero-width spaces and joiners, category Cf) can sit inside a number in
    # scraped text; they are invisible and carry no digit. So can a line break: the sources break lines
    # in the middle of numbers, and the extractor reads through them (planeval.extract.normalise).
    t = "".join(ch for ch in unicodedata.normalize("NFKC", value_text)
                if unicodedata.category(ch) != "Cf" and not ch.isspace())
    t = t.replace("\u2212", "-")  # a minus sign printed as U+2212
    if re.fullmatch(r"-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?)", t):
        return float(t.replace(",", ""))
    return chinese_numeral(t)
