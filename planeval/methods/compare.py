"""Comparison of a local target with a reference (national) target for the same indicator.

A local target is *stricter* when it asks for more in the desired direction (a higher floor for
``>=``, a lower ceiling for ``<=``), *looser* when it asks for less, *equal* when the values agree,
and *not comparable* when the two cannot be set side by side: incompatible units, opposite or
missing directions, a missing value. Values are converted into the reference's unit first
(:mod:`planeval.methods.units`). Target years that differ are never ignored: the verdict compares the values
and the caveat says which year each target is for and what that means for the verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from planeval.core.validate import columns, comparator, finite, whole_number
from planeval.methods import units
from planeval.methods.checks import unit_zh
from planeval.methods.units import UnitError

VERDICTS = ("stricter", "equal", "looser", "not comparable")

#: Comparators that carry a direction; ``=`` and ``~`` state a value only.
_DIRECTIONS = {">=": 1, "<=": -1}


@dataclass(frozen=True)
class TargetComparison:
    """Verdict of a local target against a reference target.

    ``local_in_reference_unit`` is the local value converted into the reference's unit (NaN when the
    units are incompatible); ``reason`` explains a ``not comparable`` verdict; ``caveat`` qualifies
    any verdict (different target years, approximate values, a reference of low confidence);
    ``caveat_zh`` and ``reason_zh`` say the same in Chinese.
    """

    verdict: str
    local_in_reference_unit: float
    caveat: str
    reason: str = ""
    caveat_zh: str = ""
    reason_zh: str = ""


def _direction(local_comparator: str, reference_comparator: str) -> tuple[int | None, str, str]:
    """Shared direction of two targets, or None with the reason there is none (in English and Chinese)."""
    local = _DIRECTIONS.get(local_comparator)
    reference = _DIRECTIONS.get(reference_comparator)
    if local is not None and reference is not None and local != reference:
        return None, (f"the local target is a {'floor' if local > 0 else 'ceiling'} ({local_comparator}) and "
                      f"the reference a {'floor' if reference > 0 else 'ceiling'} ({reference_comparator})"), (
            f"本地目标是{'下限' if local > 0 else '上限'}（{local_comparator}），"
            f"参照目标是{'下限' if reference > 0 else '上限'}（{reference_comparator}）")
    if local is None and reference is None:
        return (None, "neither target says whether higher or lower is better",
                "两个目标都没有说明越高越好还是越低越好")
    return (local if local is not None else reference), "", ""


def _year_caveat(local_year: int, reference_year: int, verdict: str) -> tuple[str, str]:
    """What differing target years mean for the verdict, in English and Chinese (empty when they agree)."""
    if local_year == reference_year:
        return "", ""
    gap = abs(reference_year - local_year)
    text = f"the local target is for {local_year}, the reference for {reference_year}"
    text_zh = f"本地目标以{local_year}年为期，参照目标以{reference_year}年为期"
    if local_year < reference_year:
        meaning = {
            "stricter": (f"a stricter value {gap} year(s) earlier, so stricter still",
                         f"提前{gap}年达到更严的数值，因而更严"),
            "equal": (f"the same value {gap} year(s) earlier, so stricter in timing",
                      f"提前{gap}年达到相同数值，在时间上更严"),
            "looser": (f"the reference allows {gap} more year(s), so a looser value for an earlier year may "
                       "still be on the path to it",
                       f"参照目标多给{gap}年，因此较早年份的较宽数值仍可能处在通向它的路径上"),
        }
    else:
        meaning = {
            "stricter": (f"the local target allows {gap} more year(s), offsetting part of its stricter value",
                         f"本地目标多给{gap}年，抵消了其数值更严的一部分"),
            "equal": (f"the same value {gap} year(s) later, so looser in timing",
                      f"推迟{gap}年达到相同数值，在时间上更宽"),
            "looser": (f"the local target allows {gap} more year(s), so it is looser still",
                       f"本地目标多给{gap}年，因而更宽"),
        }
    en, zh = meaning[verdict]
    return f"{text}: {en}", f"{text_zh}：{zh}"


def compare_targets(local_value: float, local_unit: str, local_comparator: str, local_year: int,
                    reference_value: float, reference_unit: str, reference_comparator: str,
                    reference_year: int, *, rel_tol: float = 1e-9) -> TargetComparison:
    """Whether a local target is stricter, equal, looser than a reference target, or not comparable.

    With direction d (+1 for a floor ``>=``, −1 for a ceiling ``<=``, taken from whichever target has
    one) and the local value L converted into the reference unit: stricter when d·(L − R) > 0, equal
    when L ≈ R (relative tolerance ``rel_tol``), looser when d·(L − R) < 0.

    Harbin/Qingzhen-style childcare targets against the national 4.5 places per 1000 people by 2025;
    a 2025 local maternal mortality ceiling against the national 2030 ceiling of 12 per 100k:

    >>> places = "places per 1000 people"
    >>> compare_targets(5, places, ">=", 2025, 4.5, places, ">=", 2025).verdict
    'stricter'
    >>> c = compare_targets(14, "per 100k", "<=", 2025, 12, "per 100k", "<=", 2030)
    >>> c.verdict, c.caveat[:47]
    ('looser', 'the local target is for 2025, the reference for')
    >>> compare_targets(0.3, "%", "<=", 2025, 3.0, "‰", "<=", 2025).verdict
    'equal'
    >>> c = compare_targets(90, "%", ">=", 2025, 4.5, "places per 1000 people", ">=", 2025)
    >>> c.verdict, c.reason[:14]
    ('not comparable', 'cannot compare')
    """
    local_comparator = comparator("local_comparator", local_comparator)
    reference_comparator = comparator("reference_comparator", reference_comparator)
    local_when = int(whole_number("local_year", local_year))
    reference_when = int(whole_number("reference_year", reference_year))
    reference = float(finite("reference_value", reference_value))
    if local_value is None or pd.isna(local_value):
        return TargetComparison("not comparable", math.nan, "", "the local value is withheld or missing",
                                reason_zh="本地数值未公布或缺失")
    try:
        local = float(units.convert(finite("local_value", local_value), local_unit, reference_unit))
    except UnitError as error:
        return TargetComparison("not comparable", math.nan, "", str(error),
                                reason_zh=f"单位不相容，无法比较：{unit_zh(local_unit)} 与 {unit_zh(reference_unit)}")
    d, reason, reason_zh = _direction(local_comparator, reference_comparator)
    if d is None:
        return TargetComparison("not comparable", local, "", reason, reason_zh=reason_zh)
    if math.isclose(local, reference, rel_tol=rel_tol, abs_tol=1e-12):
        verdict = "equal"
    else:
        verdict = "stricter" if d * (local - reference) > 0 else "looser"
    notes = [_year_caveat(local_when, reference_when, verdict)]
    approximate = [who for who, c in (("local", local_comparator), ("reference", reference_comparator))
                   if c == "~"]
    if approximate:
        who_zh = "和".join({"local": "本地", "reference": "参照"}[w] for w in approximate)
        notes.append((f"the {' and '.join(approximate)} value is approximate (~)", f"{who_zh}数值为约数（~）"))
    return TargetComparison(verdict, local, "; ".join(en for en, _ in notes if en),
                            caveat_zh="；".join(zh for _, zh in notes if zh))


COMPARISON_COLUMNS = (
    "local_id", "region", "indicator_zh", "indicator_en", "local_value", "local_unit", "local_comparator",
    "local_year", "reference_value", "reference_unit", "reference_comparator", "reference_year",
    "reference_document", "verdict", "caveat", "reason", "caveat_zh", "reason_zh",
)


def compare_frame(figures: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Every local target matched (by ``indicator_zh``) with every reference target, with a verdict.

    ``figures`` has the columns of the figures table, ``reference`` those of
    ``data/external/national_reference.csv``. Only ``kind == "target"`` rows take part; a reference
    of ``low`` confidence is named in the caveat. A withheld local value gives ``not comparable``.
    """
    columns("figures", figures, ("id", "region", "indicator_zh", "indicator_en", "kind", "value", "unit",
                                 "comparator", "year"))
    columns("reference", reference, ("indicator_zh", "kind", "value", "unit", "comparator", "year"))
    local_targets = figures[(figures["kind"] == "target") & figures["year"].notna()]
    reference_targets = reference[reference["kind"] == "target"]
    pairs = local_targets.merge(reference_targets, on="indicator_zh", suffixes=("", "_ref"))
    records = []
    for _, row in pairs.iterrows():
        result = compare_targets(row["value"], row["unit"], row["comparator"], int(row["year"]),
                                 row["value_ref"], row["unit_ref"], row["comparator_ref"],
                                 int(row["year_ref"]))
        caveat, caveat_zh = result.caveat, result.caveat_zh
        if row.get("confidence") == "low":
            caveat = "; ".join(filter(None, [caveat, "the reference figure has low confidence"]))
            caveat_zh = "；".join(filter(None, [caveat_zh, "参照数字的可信度低"]))
        records.append({
            "local_id": row["id"], "region": row["region"], "indicator_zh": row["indicator_zh"],
            "indicator_en": row["indicator_en"], "local_value": row["value"], "local_unit": row["unit"],
            "local_comparator": row["comparator"], "local_year": int(row["year"]),
            "reference_value": float(row["value_ref"]), "reference_unit": row["unit_ref"],
            "reference_comparator": row["comparator_ref"], "reference_year": int(row["year_ref"]),
            "reference_document": row.get("document", ""), "verdict": result.verdict, "caveat": caveat,
            "reason": result.reason, "caveat_zh": caveat_zh, "reason_zh": result.reason_zh,
        })
    return pd.DataFrame.from_records(records, columns=list(COMPARISON_COLUMNS))
