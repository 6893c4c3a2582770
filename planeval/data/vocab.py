"""Controlled vocabularies of the figures table: the one place each allowed value is defined.

The Frictionless schema (``datapackage.json``), the loader, the unit converter and the extractor all
read these sets; a test checks that the schema's enums equal them.
"""

from __future__ import annotations

KINDS = ("target", "reported", "baseline", "claim")
COMPARATORS = (">=", "<=", "=", "~", "")
REGIONS = ("harbin", "qingzhen", "province", "national")
DOMAINS = (
    "health",
    "safety",
    "education",
    "welfare",
    "family",
    "environment",
    "law",
    "economy",
    "decision-making",
    "social-security",
    "rural-revitalisation",
    "population",
    "fiscal",
)
STATUSES = ("stated", "withheld")

#: unit -> (dimension, factor to the dimension's base unit).
#: Values are stored as printed (62.91 with ``10k persons``); multiply by the factor to get the base.
UNITS: dict[str, tuple[str, float]] = {
    # people
    "persons": ("persons", 1.0),
    "10k persons": ("persons", 1e4),
    "person-times": ("person-times", 1.0),
    "10k person-times": ("person-times", 1e4),
    # money
    "yuan": ("yuan", 1.0),
    "10k yuan": ("yuan", 1e4),
    "100m yuan": ("yuan", 1e8),
    # money per person and period
    "yuan/person/month": ("yuan/person/month", 1.0),
    "yuan/person/year": ("yuan/person/year", 1.0),
    "10k yuan/person/year": ("yuan/person/year", 1e4),
    # proportions (base: a fraction of one)
    "%": ("proportion", 1e-2),
    "‰": ("proportion", 1e-3),
    "per 10k": ("proportion", 1e-4),
    "per 100k": ("proportion", 1e-5),
    # change of a proportion
    "percentage points": ("percentage points", 1.0),
    # densities of services
    "places per 1000 people": ("places per 1000 people", 1.0),
    "doctors per 1000 children": ("doctors per 1000 children", 1.0),
    "beds per 1000 children": ("beds per 1000 children", 1.0),
    # plain counts of things (schools, institutions, indicators, cases, staff posts ...)
    "count": ("count", 1.0),
    "10k count": ("count", 1e4),
    # physical quantities
    "km2": ("area", 1e6),
    "10k m2": ("area", 1e4),
    "m2": ("area", 1.0),
    "hours": ("time", 3600.0),
    "minutes": ("time", 60.0),
    "days": ("time", 86400.0),
    "years": ("duration-years", 1.0),
    "age in years": ("age", 1.0),
    "times": ("multiple", 1.0),
}

#: Chinese multiplier words and the unit suffix they select (for the extractor and for humans).
MULTIPLIERS = {"万": 1e4, "亿": 1e8}

#: Chinese names of the domains, as the plans title their chapters (for the glossary and the site).
DOMAIN_ZH = {
    "health": "健康",
    "safety": "安全",
    "education": "教育",
    "welfare": "福利",
    "family": "家庭（家庭建设）",
    "environment": "环境",
    "law": "法律（法律保护）",
    "economy": "经济",
    "decision-making": "参与决策和管理",
    "social-security": "社会保障",
    "rural-revitalisation": "乡村振兴",
    "population": "人口",
    "fiscal": "财政",
}
KIND_ZH = {"target": "目标值", "reported": "报告值", "baseline": "基线值", "claim": "声明"}
STATUS_ZH = {"stated": "已公布", "withheld": "未公布（原文以**代替）"}
