"""National reference figures shaped like the figures table, always labelled as national context."""

from __future__ import annotations

import pandas as pd

from planeval.data import INDICATOR_COLUMNS
from planeval.report import labels

#: Domain of the national indicators that the local figures table does not name (by a word they contain).
DOMAIN_BY_WORD = (("死亡率", "health"), ("接种", "health"), ("近视", "health"), ("儿科", "health"),
                  ("筛查", "health"), ("传播", "health"), ("生长迟缓", "health"), ("托位", "welfare"),
                  ("入园率", "education"), ("入学率", "education"), ("巩固率", "education"),
                  ("孤儿", "welfare"), ("人口", "population"))


def _domain(indicator: str, known: dict[str, str]) -> str:
    if indicator in known:
        return known[indicator]
    return next((d for word, d in DOMAIN_BY_WORD if word in indicator), "health")


def national_as_figures(reference: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The national rows of the reference as figures-table rows (region ``national``, id ``ref-NN``).

    The domain is the one the local table gives the same indicator, else a keyword rule. ``quote``
    names the publisher and document (the reference has no verbatim quotes), ``notes`` the confidence.
    """
    known = dict(zip(figures["indicator_zh"], figures["domain"], strict=True))
    national = reference[reference["scope"] == "national"].reset_index(drop=True)
    out = pd.DataFrame({
        "id": [f"ref-{i:02d}" for i in range(len(national))],
        "source": "national_reference", "region": "national",
        "domain": [_domain(i, known) for i in national["indicator_zh"]],
        "indicator_zh": national["indicator_zh"], "indicator_en": national["indicator_en"],
        "kind": national["kind"], "value": national["value"].astype(float), "unit": national["unit"],
        "comparator": national["comparator"].fillna(""), "year": national["year"].astype("Int64"),
        "quote": national["publisher"] + ": " + national["document"],
        "notes": "national context; confidence " + national["confidence"],
        "notes_zh": "全国参照；可信度" + national["confidence"].map(lambda c: labels.status(c).zh),
        "value_text": national["value"].map(lambda v: f"{v:g}"), "status": "stated",
    })
    out["confidence"] = national["confidence"].to_numpy()
    return out[[*INDICATOR_COLUMNS, "confidence"]]
