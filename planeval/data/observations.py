"""Observations: published values of the indicators by year, each with the verbatim sentence that states it.

Two tables share one set of rules:

- ``data/observations.csv``, the project's observations (national monitoring reports, statistical
  bulletins, censuses), each with its publisher, document, the address of the copy read, the date it was
  read and a confidence grade that follows :func:`confidence_of`;
- a researcher's ``extra_observations`` file (:func:`load_extra_observations`), in the short form a person
  writes (indicator, region, year, value, unit, source, sentence) or the figures table's full form.

**One observation per fact.** Rows of the same indicator, region and year are never dropped without a
word (:func:`reconcile`): the same value from several documents is one observation citing all of them;
different values are all kept and shown, one is used by a stated rule (higher confidence, then the later
release, then the earlier row) and the disagreement is listed for the audit.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from planeval.core import paths
from planeval.core.errors import DataFileError
from planeval.data.catalogue import closest, find, load_catalogue
from planeval.data.loader import (
    INDICATOR_COLUMNS,
    OBSERVATION_COLUMNS,
    check_indicator_row,
    indicators_frame,
    load_sources,
    read_header,
    read_rows,
    source_texts,
)
from planeval.data.quotes import number_of, squeeze
from planeval.data.vocab import REGIONS, UNITS

COLUMNS = ("id", "indicator_zh", "indicator_en", "region", "year", "value", "unit", "value_text", "sentence",
           "publisher", "document", "released", "address", "copy", "second_address", "read_on", "confidence",
           "confidence_rule", "derivation", "notes", "document_zh", "publisher_zh")
#: Places an observation may be of (wider than the figures table's regions: the provinces of the two cities).
PLACES = ("national", "heilongjiang", "guizhou", "guiyang", "harbin", "qingzhen")
COPIES = ("official", "reputable", "reprint", "mirror")
CONFIDENCES = ("high", "medium", "low")
#: The confidence rule, in the words the data README and the methodology page use.
CONFIDENCE_RULES = {
    "official release": "high", "two independent copies": "high", "one clean copy": "medium",
    "two mirrors agree": "medium", "garbled mirror": "low", "worked back from a stated change": "low",
}
RANK = {"high": 3, "medium": 2, "low": 1, "": 0}
#: The columns of the short form of a researcher's observations.
SHORT_COLUMNS = ("indicator", "region", "year", "value", "unit", "source", "sentence")

_NUMBER = re.compile(r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?")
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def confidence_of(copy: str, second_address: str, address: str, derivation: str) -> tuple[str, str]:
    """(grade, rule) of an observation: an official release, or a clean copy confirmed at an independent second
    address, is high; one clean copy, or a mirror confirmed at a second address, medium (two spam mirrors may
    copy one original); a garbled mirror alone, or a value worked back from a stated change, low.

    >>> confidence_of("official", "", "http://www.stats.gov.cn/x", "")
    ('high', 'official release')
    >>> confidence_of("reprint", "http://b.cn/y", "http://a.cn/x", "")
    ('high', 'two independent copies')
    >>> confidence_of("reputable", "", "http://a.cn/x", ""), confidence_of("mirror", "", "http://a.cn/x", "")
    (('medium', 'one clean copy'), ('low', 'garbled mirror'))
    >>> confidence_of("mirror", "http://b.cn/y", "http://a.cn/x", "")
    ('medium', 'two mirrors agree')
    >>> confidence_of("official", "", "http://www.nhc.gov.cn/x", "4.0+0.5")
    ('low', 'worked back from a stated change')
    """
    if derivation:
        return "low", "worked back from a stated change"
    if copy == "official":
        return "high", "official release"
    confirmed = bool(second_address) and _site(second_address) != _site(address)
    if copy in ("reputable", "reprint"):
        return ("high", "two independent copies") if confirmed else ("medium", "one clean copy")
    return ("medium", "two mirrors agree") if confirmed else ("low", "garbled mirror")


def _site(address: str) -> str:
    host = urlparse(address).hostname or address
    return ".".join(host.split(".")[-2:])


def evaluate(derivation: str) -> float:
    """The value of a derivation written with numbers and + - * / (nothing else is evaluated).

    >>> evaluate("4.0+0.5"), round(evaluate("14.3/(1-0.053)"), 4)
    (4.5, 15.1003)
    """
    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"not arithmetic: {ast.dump(node)[:40]}")

    return walk(ast.parse(derivation, mode="eval"))


def find_value_text(text: str, value: float) -> str | None:
    """The number as ``text`` prints it that reads as ``value`` (thousands separators, full-width digits and
    a minus sign allowed), or None.

    >>> find_value_text("全市常住人口2,993万人", 2993), find_value_text("自然增长率-2.0‰", -2.0)
    ('2,993', '-2.0')
    >>> find_value_text("孕产妇死亡率为15.7/10万", 15.8) is None
    True
    """
    import unicodedata

    folded = unicodedata.normalize("NFKC", text)
    for match in _NUMBER.finditer(folded):
        try:
            if math.isclose(number_of(match.group()), value, rel_tol=1e-12, abs_tol=1e-12):
                return text[match.start():match.end()] if folded == text else match.group()
        except ValueError:
            continue
    return None


def _check_row(path: Path, n: int, row: dict[str, str], catalogue: pd.DataFrame,
               names: dict[str, str] | None = None) -> None:
    """Every rule of the observations table on one row; ``names`` (Chinese -> English of the catalogue) is
    the catalogue read once for the whole table."""
    def fail(column: str, problem: str) -> None:
        raise DataFileError(path, problem, row=n, column=column)

    names = names if names is not None else dict(zip(catalogue["indicator_zh"], catalogue["indicator_en"],
                                                       strict=True))

    for column in ("id", "indicator_zh", "region", "year", "value", "unit", "value_text", "sentence", "publisher",
                   "document", "document_zh", "publisher_zh", "address", "copy", "read_on", "confidence",
                   "confidence_rule"):
        if not row[column].strip():
            fail(column, f"{column} is empty; every observation needs one")
    if row["indicator_zh"] not in names:
        fail("indicator_zh", f"indicator {row['indicator_zh']!r} is not in the catalogue (data/catalogue.csv); "
                             f"closest: {', '.join(closest(row['indicator_zh'], catalogue))}")
    if row["indicator_en"] != names[row["indicator_zh"]]:
        fail("indicator_en", f"indicator_en must be the catalogue's {names[row['indicator_zh']]!r}")
    for column, allowed in (("region", PLACES), ("unit", tuple(UNITS)), ("copy", COPIES),
                            ("confidence", CONFIDENCES)):
        if row[column] not in allowed:
            fail(column, f"{column} {row[column]!r} is not allowed; expected one of {', '.join(allowed)}")
    if not row["year"].isdigit() or not 1949 <= int(row["year"]) <= 2100:
        fail("year", f"year {row['year']!r} is not a year between 1949 and 2100")
    try:
        value = float(row["value"])
    except ValueError:
        fail("value", f"value {row['value']!r} is not a number")
    if squeeze(row["value_text"]) not in squeeze(row["sentence"]):
        fail("value_text", f"{row['value_text']!r} does not occur in the sentence")
    if row["derivation"]:
        numbers = re.findall(r"\d+(?:\.\d+)?", row["derivation"])  # operands; their signs are the operators
        absent = [x for x in numbers if x not in squeeze(row["sentence"])]
        if absent:
            fail("derivation", f"{', '.join(absent)} of the derivation do not occur in the sentence")
        try:
            derived = evaluate(row["derivation"])
        except (ValueError, SyntaxError, ZeroDivisionError):
            fail("derivation", f"derivation {row['derivation']!r} is not arithmetic on printed numbers")
        if not math.isclose(derived, value, rel_tol=1e-9, abs_tol=1e-9):
            fail("value", f"value {row['value']} is not the derivation's result ({derived:g})")
    else:
        try:
            printed = number_of(row["value_text"])
        except ValueError:
            fail("value_text", f"{row['value_text']!r} is not a number as printed")
        if not math.isclose(printed, value, rel_tol=1e-12, abs_tol=1e-12):
            fail("value", f"value {row['value']} differs from the number printed in the sentence "
                          f"({row['value_text']})")
    for column in ("address", "second_address"):
        if row[column] and urlparse(row[column]).scheme not in ("http", "https"):
            fail(column, f"{column} {row[column]!r} is not a web address")
    try:
        dt.date.fromisoformat(row["read_on"])
    except ValueError:
        fail("read_on", f"read_on {row['read_on']!r} is not a date (YYYY-MM-DD)")
    grade, rule = confidence_of(row["copy"], row["second_address"], row["address"], row["derivation"])
    if (row["confidence"], row["confidence_rule"]) != (grade, rule):
        fail("confidence", f"confidence {row['confidence']!r} ({row['confidence_rule']}) does not follow the rule: "
                           f"this row is {grade!r} ({rule})")


def load_observations_table(path: Path = paths.OBSERVATIONS_CSV, catalogue_csv: Path = paths.CATALOGUE_CSV
                            ) -> pd.DataFrame:
    """The project's observations, every row validated (names from the catalogue, the value in its
    sentence, the confidence by its rule); value float, year int."""
    catalogue = load_catalogue(catalogue_csv)
    names = dict(zip(catalogue["indicator_zh"], catalogue["indicator_en"], strict=True))
    rows = read_rows(path, COLUMNS)
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, start=2):
        if row["id"] in seen:
            raise DataFileError(path, f"duplicate id {row['id']!r} (first on row {seen[row['id']]})", row=n,
                                column="id")
        seen[row["id"]] = n
        _check_row(Path(path), n, row, catalogue, names)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["value"] = frame["value"].astype("float64")
    frame["year"] = frame["year"].astype("int64")
    return frame


# --------------------------------------------------------------------------------------- reconciliation

def reconcile(observations: pd.DataFrame, *, tolerance: float = 1e-9) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One observation per (indicator, region, year), and every disagreement.

    Returns ``(used, conflicts)``. ``used`` has one row per fact: when several rows agree, the best-graded
    one, with ``documents`` listing every document and ``ids`` every row; when they disagree, the one
    chosen by the rule (higher confidence, then the later ``released`` date, then the first row), with
    ``conflict`` naming the others. ``conflicts`` lists every row of a disagreeing fact, with ``used``
    saying which one was taken and why. Nothing is averaged and nothing disappears.
    """
    frame = observations.copy()
    for column, default in (("confidence", ""), ("released", ""), ("document", ""), ("source", "")):
        if column not in frame.columns:
            frame[column] = default
    frame["_order"] = range(len(frame))
    # Values are compared in their dimension's base unit: 1000.99 (万人) and 10009854 (persons) are one fact.
    units_ = frame["unit"] if "unit" in frame.columns else pd.Series([""] * len(frame), index=frame.index)
    texts = frame["value_text"] if "value_text" in frame.columns else pd.Series([""] * len(frame), index=frame.index)
    frame["_base"] = [_in_base(v, u) for v, u in zip(frame["value"], units_, strict=True)]
    # Two printings of one number agree within the rounding of the less precise one (1000.99万 = 10009854).
    frame["_slack"] = [_in_base(_half_unit(t), u) if t else 0.0 for t, u in zip(texts, units_, strict=True)]
    frame["_rank"] = frame["confidence"].map(RANK).fillna(0)
    frame["_released"] = frame["released"].fillna("").astype(str).map(_as_date)
    keys = ["indicator_zh", "region", "year"]
    sizes = frame.groupby(keys, sort=False)["_order"].transform("size")
    # A fact printed once is its own observation (most are): no ranking to do.
    single = frame[sizes == 1].copy()
    single["documents"] = single["document"].where(single["document"] != "", single["source"]).astype(str)
    single["ids"] = single["id"].astype(str)
    single["conflict"] = ""
    used_rows, conflict_rows = [single], []
    for _, group in frame[sizes > 1].groupby(keys, sort=False):
        best, conflicts_of = _one_fact(group, tolerance)
        used_rows.append(best.to_frame().T)
        conflict_rows += conflicts_of
    helpers = ["_order", "_rank", "_released", "_base", "_slack"]
    used = pd.concat(used_rows, ignore_index=True).sort_values(keys, kind="stable")
    used = used.astype({c: frame[c].dtype for c in frame.columns if c in used.columns and c not in helpers})
    used = used.drop(columns=helpers).reset_index(drop=True)
    conflicts = pd.DataFrame(conflict_rows)
    if len(conflicts):
        conflicts = conflicts.drop(columns=helpers).reset_index(drop=True)
    return used, conflicts


def _one_fact(group: pd.DataFrame, tolerance: float) -> tuple[pd.Series, list[dict]]:
    """The observation used for one fact printed several times, and its rows when they disagree."""
    ranked = group.sort_values(["_rank", "_released", "_order"], ascending=[False, False, True], kind="stable")
    best = ranked.iloc[0].copy()
    documents = dict.fromkeys(group["document"].where(group["document"] != "", group["source"]))
    best["documents"] = "; ".join(str(d) for d in documents if str(d))
    best["ids"] = "; ".join(group.sort_values("_order")["id"].astype(str))
    best["conflict"] = ""
    conflicts: list[dict] = []
    if len(_distinct_values(group, tolerance)) > 1:
        others = ranked.iloc[1:]
        rule = _why_chosen(best, others, tolerance)
        best["conflict"] = "; ".join(f"{r['id']}={r['value']:g}" for _, r in others.iterrows()
                                     if not _agree(r, best, tolerance))
        for _, r in ranked.iterrows():
            verdict = ("used" if r["id"] == best["id"] else "agrees with the value used"
                       if _agree(r, best, tolerance) else f"not used: {best['id']} ({best['value']:g}) taken by {rule}")
            conflicts.append({**r.to_dict(), "used": verdict})
    return best, conflicts


def _as_date(text: str) -> str:
    """A release date for ordering: a partial date (2023, 2023-12) sits in the middle of its period, so that
    2023 comes after 2023-05 and before 2023-12-28; no date comes first."""
    from planeval.data.dates import source_date

    try:
        return source_date(text).isoformat() if text else ""
    except (ValueError, TypeError):
        return text


def _in_base(value: float, unit: str) -> float:
    """``value`` in the base unit of its dimension (unchanged when the unit is unknown or empty)."""
    from planeval.methods.units import to_base

    try:
        return float(to_base(value, unit)) if unit else float(value)
    except (ValueError, KeyError):
        return float(value)


def _half_unit(text: str) -> float:
    from planeval.methods.checks import half_unit

    try:
        return half_unit(text)
    except ValueError:
        return 0.0


def _agree(a: pd.Series, b: pd.Series, tolerance: float) -> bool:
    """The same number, within the rounding of the less precise printing."""
    return (abs(a["_base"] - b["_base"]) <= max(a["_slack"], b["_slack"]) * (1 + 1e-9)
            or math.isclose(a["_base"], b["_base"], rel_tol=tolerance, abs_tol=tolerance))


def _distinct_values(group: pd.DataFrame, tolerance: float) -> list[pd.Series]:
    out: list[pd.Series] = []
    for _, row in group.iterrows():
        if not any(_agree(row, other, tolerance) for other in out):
            out.append(row)
    return out


#: The reasons of :func:`_why_chosen`, in Chinese (for the Chinese edition of the audit).
CHOICE_ZH = {"higher confidence": "可信度更高", "later release": "发布更晚",
             "first row (same confidence and release)": "可信度和发布时间相同，取第一行"}


_NOT_USED = re.compile(r"not used: (?P<id>\S+) \((?P<value>[^)]*)\) taken by (?P<rule>.+)\Z")


def not_used(verdict: str) -> re.Match | None:
    """The parts of a ``used`` verdict that names the observation taken instead (``id``, ``value``, ``rule``,
    as :func:`reconcile` writes it), or None for "used" and "agrees with the value used".

    >>> not_used("not used: obs-128 (1000.1) taken by later release")["rule"]
    'later release'
    """
    return _NOT_USED.match(verdict)


def _why_chosen(best: pd.Series, others: pd.DataFrame, tolerance: float) -> str:
    """Why ``best`` was taken over the best-ranked row that disagrees with it."""
    differing = others[[not _agree(row, best, tolerance) for _, row in others.iterrows()]]
    runner_up = differing.iloc[0]
    if best["_rank"] > runner_up["_rank"]:
        return "higher confidence"
    if best["_released"] > runner_up["_released"]:
        return "later release"
    return "first row (same confidence and release)"


# ------------------------------------------------------------------------- a researcher's observations

def _short_to_full(path: Path, rows: list[dict[str, str]], catalogue: pd.DataFrame,
                   texts: dict[str, str]) -> list[dict[str, str]]:
    """Rows of the short form, completed from the catalogue, as rows of the figures table's form."""
    from planeval.report.labels import PLACES as PLACE_LABELS

    zh_places = {label.zh: code for code, label in PLACE_LABELS.items()}
    out = []
    for n, row in enumerate(rows, start=2):
        def fail(column: str, problem: str, n: int = n) -> None:
            raise DataFileError(path, problem, row=n, column=column)

        entry = find(row["indicator"], catalogue)
        if entry is None:
            fail("indicator", f"indicator {row['indicator']!r} is not in the catalogue; closest: "
                              f"{', '.join(closest(row['indicator'], catalogue))} (see data/catalogue.csv)")
        region = zh_places.get(row["region"].strip(), row["region"].strip())
        full = {"id": (row.get("id") or "").strip() or f"extra-{n - 1:03d}", "source": row["source"].strip(),
                "region": region, "domain": entry["domain"], "indicator_zh": entry["indicator_zh"],
                "indicator_en": entry["indicator_en"], "kind": "reported", "value": row["value"].strip(),
                "unit": row["unit"].strip(), "comparator": "=", "year": row["year"].strip(),
                "quote": row["sentence"], "notes": row.get("notes") or "", "status": "stated",
                "value_text": row.get("value_text") or ""}
        out.append(full)
    return out


def load_extra_observations(path: Path, *, sources_csv: Path = paths.SOURCES_CSV,
                            indicators_csv: Path = paths.INDICATORS_CSV,
                            catalogue_csv: Path = paths.CATALOGUE_CSV) -> pd.DataFrame:
    """A researcher's observations (the ``extra_observations`` parameter), as rows of the figures table.

    Two forms are accepted. The short one has the columns a person knows: ``indicator`` (the catalogue's
    Chinese name, English name or id), ``region``, ``year``, ``value``, ``unit``, ``source`` (the document's
    name) and ``sentence`` (its words, where the value is printed); domain, English name and kind come
    from the catalogue. The full one has the figures table's columns (``id, source, region, domain,
    indicator_zh, indicator_en, kind, value, unit, comparator, year, quote, notes``), every row of kind
    reported. Either way the value must be printed in the sentence (``2,993`` reads as 2993; negative
    values are allowed), ids must not clash with the figures table's, and an unknown indicator is
    refused with the three closest catalogue names.
    """
    path = Path(path)
    header = read_header(path)
    short = all(c in header for c in SHORT_COLUMNS) and "quote" not in header
    rows = read_rows(path, SHORT_COLUMNS if short else OBSERVATION_COLUMNS)
    if not rows:
        raise DataFileError(path, "no observations: the file has a header but no rows")
    catalogue = load_catalogue(catalogue_csv)
    texts = source_texts(load_sources(sources_csv), Path(sources_csv).parent)
    if short:
        rows = _short_to_full(path, rows, catalogue, texts)
    squeezed = {sid: squeeze(t) for sid, t in texts.items()}
    taken = {r["id"] for r in read_rows(indicators_csv, ("id",))}
    seen: dict[str, int] = {}
    quote_column = "sentence" if short else "quote"
    for n, row in enumerate(rows, start=2):
        row.setdefault("status", "stated")
        if row["id"] in taken:
            raise DataFileError(path, f"id {row['id']!r} is already used in the figures table; use new ids",
                                row=n, column="id")
        if row["id"] in seen:
            raise DataFileError(path, f"duplicate id {row['id']!r} (first on row {seen[row['id']]})",
                                row=n, column="id")
        seen[row["id"]] = n
        if row["kind"] != "reported":
            raise DataFileError(path, f"kind {row['kind']!r} is not allowed; new observations are 'reported'",
                                row=n, column="kind")
        if not short:
            entry = find(row["indicator_zh"], catalogue)
            if entry is None:
                raise DataFileError(path, f"indicator {row['indicator_zh']!r} is not in the catalogue; closest: "
                                          f"{', '.join(closest(row['indicator_zh'], catalogue))}",
                                    row=n, column="indicator_zh")
        if not row.get("value_text"):
            _fill_value_text(path, n, row, quote_column)
        known = dict(squeezed)
        if row["source"] not in known:
            # A researcher's own document: the quote cannot be checked here, but it must be given.
            known[row["source"]] = squeeze(row["quote"])
        check_indicator_row(path, n, row, known, quote_column=quote_column)
    return indicators_frame(rows)


def _fill_value_text(path: Path, n: int, row: dict[str, str], quote_column: str) -> None:
    """The number as the sentence prints it, found from the value (a column the researcher need not write)."""
    try:
        value = float(row["value"])
    except ValueError:
        raise DataFileError(path, f"value {row['value']!r} is not a number", row=n, column="value") from None
    if not row["quote"].strip():
        raise DataFileError(path, f"{quote_column} is empty; every row needs one", row=n, column=quote_column)
    text = find_value_text(row["quote"], value)
    if text is None:
        raise DataFileError(path, f"value {row['value']} is not printed in the {quote_column} "
                                  f"(as {row['value']} or with thousands separators)", row=n, column="value")
    row["value_text"] = text


__all__ = ["COLUMNS", "CONFIDENCE_RULES", "INDICATOR_COLUMNS", "PLACES", "REGIONS", "SHORT_COLUMNS",
           "confidence_of", "find_value_text", "load_extra_observations", "load_observations_table", "reconcile"]
