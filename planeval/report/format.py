"""How numbers read on a page: one rule per kind of number, used by every table, chart label and sentence.

- a missing value is "—" (the reason is given beside it, never ``None`` or ``NaN``);
- a whole number has thousands separators and no decimals (10,009,854);
- a year is a year (2022, not 2022.0 or 2,022);
- a figure of the sources is shown as the source prints it (its ``value_text``);
- a computed number is rounded to the decimals its column calls for (:data:`DECIMALS`), else to a
  precision that depends on its size (:func:`auto_decimals`).

The CSV downloads keep full precision and machine names; only the pages round.
"""

from __future__ import annotations

import math
import re

MISSING = "—"

#: Columns that hold years.
YEAR_COLUMNS = frozenset({"year", "base_year", "target_year", "latest_year", "start_year", "end_year",
                          "local_year", "reference_year", "reporting_year"})

#: Decimals of computed columns, by name (a column ending in _pct is a percentage: one decimal).
DECIMALS: dict[str, int] = {
    "score": 1, "mean_score": 1, "share_on_track": 2, "current_status_index": 2, "ratio": 2,
    "urban_rural_ratio": 2, "dispersed_over_institutional": 3, "required_annual_change": 2,
    "observed_rate": 2, "required_rate": 2, "projected_value": 2, "places_needed": 0, "gap": 0,
    "average_increment": 2, "occupancy": 2, "central": 0, "low": 0, "high": 0,
}


def is_missing(value: object) -> bool:
    """None, NaN, pandas' NA and the empty string are missing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    try:
        return bool(value != value)  # NaN and pd.NA are not equal to themselves
    except (TypeError, ValueError):
        return False


def auto_decimals(x: float) -> int:
    """Decimals for a computed number of this size: none from 1,000, one from 100, two from 1, else three
    significant digits.

    >>> [auto_decimals(x) for x in (45044.3, 256.7, 36.6667, 0.04321, 0.0)]
    [0, 1, 2, 4, 0]
    """
    magnitude = abs(x)
    if magnitude == 0 or magnitude >= 1000:
        return 0
    if magnitude >= 100:
        return 1
    if magnitude >= 1:
        return 2
    return min(6, 2 - math.floor(math.log10(magnitude)))


def number(x: object, decimals: int | None = None) -> str:
    """A number for a reader.

    >>> number(10009854.0), number(36.666667), number(1.857830e+13), number(None), number(float("nan"))
    ('10,009,854', '36.67', '18,578,300,000,000', '—', '—')
    >>> number(4.5, 1), number(-2.0), number(2350), number(0.2501), number(2.5), number(2.5, 2)
    ('4.5', '-2', '2,350', '0.25', '2.5', '2.50')
    """
    if is_missing(x):
        return MISSING
    if isinstance(x, bool):
        return "是 yes" if x else "否 no"
    try:
        value = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(value):
        return MISSING
    auto = decimals is None
    if auto:
        decimals = 0 if value.is_integer() else auto_decimals(value)
    text = f"{value:,.{decimals}f}"
    if auto and "." in text:
        text = text.rstrip("0").rstrip(".")  # 2.50 -> 2.5: no more digits than the number has
    return "0" if re.fullmatch(r"-0(\.0*)?", text) else text


def chinese_count(x: object, decimals: int = 2) -> str:
    """A large count as Chinese statistical texts print it, in 万 or 亿 (the sources write 62.91万人).

    >>> chinese_count(10009854), chinese_count(629100), chinese_count(1408280000), chinese_count(45044)
    ('1000.99万', '62.91万', '14.08亿', '45,044')
    >>> chinese_count(None), chinese_count(100000), chinese_count(-2500000)
    ('—', '10万', '-250万')
    """
    if is_missing(x):
        return MISSING
    value = float(x)
    # Below 100,000 the digits read as easily as 万 and lose nothing.
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if abs(value) >= max(size, 1e5):
            text = f"{value / size:.{decimals}f}".rstrip("0").rstrip(".")
            return f"{text}{unit}"
    return number(value)


def year(x: object) -> str:
    """A year as a year.

    >>> year(2022.0), year("2023"), year(None)
    ('2022', '2023', '—')
    """
    if is_missing(x):
        return MISSING
    try:
        return str(int(float(x)))
    except (TypeError, ValueError):
        return str(x)


def cell(column: str, x: object) -> str:
    """A table cell by the rule of its column."""
    if column in YEAR_COLUMNS:
        return year(x)
    if isinstance(x, int | float) and not isinstance(x, bool):
        return number(x, DECIMALS.get(column, 1 if column.endswith("_pct") else None))
    if is_missing(x):
        return MISSING
    return str(x)


def percent(x: float, decimals: int = 1) -> str:
    """A fraction as a percentage.

    >>> percent(0.4513), percent(0.5, 0)
    ('45.1%', '50%')
    """
    return f"{number(100 * x, decimals)}%" if not is_missing(x) else MISSING
