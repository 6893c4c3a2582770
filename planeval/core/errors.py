"""The project's error types: one line that names what is wrong and what is allowed."""

from __future__ import annotations


class PlanevalError(ValueError):
    """Base of every error planeval raises on bad input; a ``ValueError`` so callers may catch either."""


class ParameterError(PlanevalError):
    """A bad argument: the message names the argument, the value given and the allowed range.

    >>> raise ParameterError("population", -5, "a number >= 0")
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: population=-5 is not allowed: expected a number >= 0
    """

    def __init__(self, name: str, value: object, allowed: str):
        self.name, self.value, self.allowed = name, value, allowed
        super().__init__(f"{name}={value!r} is not allowed: expected {allowed}")


class DataFileError(PlanevalError):
    """A bad data file or row: the message names the file, the row (1-based, header is row 1) and column.

    >>> raise DataFileError("data/indicators.csv", "unknown unit 'kg'", row=7, column="unit")
    Traceback (most recent call last):
    ...
    planeval.core.errors.DataFileError: data/indicators.csv, row 7, column unit: unknown unit 'kg'
    """

    def __init__(self, path: object, problem: str, row: int | None = None, column: str | None = None):
        self.path, self.problem, self.row, self.column = str(path), problem, row, column
        where = self.path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {problem}")
