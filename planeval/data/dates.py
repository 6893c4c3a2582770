"""Dates of documents: the one parser for a document's date, wherever it comes from.

A document date is written ``YYYY-MM-DD`` and may be partial (``YYYY-MM`` or ``YYYY``) when the source
does not say the month or day (``data/raw/sources.csv`` has ``2024`` for the provincial speech). It
is read from the manifest by the completeness ledger, from ``--date`` on the extractor's command line,
from the ``doc_date`` argument of :func:`planeval.extract.extract` and from a ``成文日期`` in a plan's
header; all of them go through :func:`parse_document_date`.

Only how a *partial* date is completed differs between callers, and it is a parameter: the extractor's
``doc_date`` takes the first day (``2024`` is 1 January 2024), while the ledger gives the extractor the
middle of the period, so that neither end of an unknown year or month is assumed
(:func:`source_date`: ``2024`` is 1 July, ``2024-08`` is 15 August).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from planeval.core.errors import ParameterError

__all__ = ["PARTIAL_DATE_RULES", "parse_document_date", "source_date"]

#: How a date without day (or without month and day) is completed.
PARTIAL_DATE_RULES = ("start", "middle")

# years 1900-2099 only: a four-digit number outside them is a page or document number, not a date
_DATE = re.compile(r"((?:19|20)\d\d)(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# the middle of a year is 1 July, the middle of a month its 15th
_MIDDLE_MONTH, _MIDDLE_DAY = 7, 15


def parse_document_date(
    value: str | date | None,
    *,
    partial: Literal["start", "middle"] = "start",
    name: str = "doc_date",
) -> date | None:
    """A document date from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a ``date`` is returned as it is.

    The year must be 1900-2099; month and day may have one or two digits; whitespace around the text
    is ignored. ``None`` gives ``None`` (no date known). A partial date is completed by ``partial``:
    ``"start"`` takes the first day of the month or year, ``"middle"`` the middle of it (1 July, the
    15th). Anything else raises :class:`~planeval.core.errors.ParameterError` naming ``name``.

    >>> parse_document_date("2023-05-31"), parse_document_date(" 2024 ")
    (datetime.date(2023, 5, 31), datetime.date(2024, 1, 1))
    >>> parse_document_date("2023-5"), parse_document_date("2023-5-9")
    (datetime.date(2023, 5, 1), datetime.date(2023, 5, 9))
    >>> parse_document_date("2024", partial="middle"), parse_document_date("2024-08", partial="middle")
    (datetime.date(2024, 7, 1), datetime.date(2024, 8, 15))
    >>> parse_document_date("2023-05-31", partial="middle"), parse_document_date(None)
    (datetime.date(2023, 5, 31), None)
    >>> parse_document_date(date(2022, 7, 13))
    datetime.date(2022, 7, 13)
    >>> parse_document_date("2024-13-01")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: doc_date='2024-13-01' is not allowed: expected a date YYYY-MM-DD ...
    >>> parse_document_date("1850", name="date")
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: date='1850' is not allowed: expected a date YYYY-MM-DD (or YYYY-MM, YYYY)
    """
    if partial not in PARTIAL_DATE_RULES:
        raise ParameterError("partial", partial, " or ".join(PARTIAL_DATE_RULES))
    if value is None or isinstance(value, date):
        return value
    match = _DATE.fullmatch(value.strip())
    if match:
        year, month, day = match.groups()
        middle = partial == "middle"
        if month is None:
            month = _MIDDLE_MONTH if middle else 1
        if day is None:
            day = _MIDDLE_DAY if middle and match[2] is not None else 1
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            pass
    raise ParameterError(name, value, "a date YYYY-MM-DD (or YYYY-MM, YYYY)")


def source_date(value: str | date | None) -> date | None:
    """The date the completeness ledger gives the extractor for a source of ``sources.csv``.

    :func:`parse_document_date` with a partial date taken mid-period: the month or day is unknown, so
    neither end of it is assumed.

    >>> source_date("2022-07-13"), source_date("2024"), source_date("2024-08")
    (datetime.date(2022, 7, 13), datetime.date(2024, 7, 1), datetime.date(2024, 8, 15))
    """
    return parse_document_date(value, partial="middle")
