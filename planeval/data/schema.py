"""The Frictionless Data Package descriptor of every CSV in data/, built from the vocabularies.

``data/datapackage.json`` is written from :func:`descriptor` by ``scripts/build_datapackage.py``;
a test checks that the committed file equals what this module builds, so the enums cannot drift
away from :mod:`planeval.data.vocab`.
"""

from __future__ import annotations

import json

from planeval.core import paths
from planeval.data import CONFIDENCES, SOURCE_KINDS
from planeval.data.observations import CONFIDENCE_RULES
from planeval.data.observations import COPIES as OBSERVATION_COPIES
from planeval.data.observations import PLACES as OBSERVATION_PLACES
from planeval.data.vocab import COMPARATORS, DOMAINS, KINDS, REGIONS, STATUSES, UNITS


def _field(name: str, type_: str, description: str, *, required: bool = False,
           enum: tuple[str, ...] | None = None, **constraints: object) -> dict:
    field: dict = {"name": name, "type": type_, "description": description}
    cons: dict = dict(constraints)
    if required:
        cons["required"] = True
    if enum is not None:
        cons["enum"] = list(enum)
    if cons:
        field["constraints"] = cons
    return field


#: Each data table's title and description in Chinese (custom properties ``title_zh`` and ``description_zh`` of
#: its resource), for the Chinese edition's downloads page.
CHINESE = {
    "indicators": ("数字表", "来源中印出的每个数值一行，附其原文。"),
    "sources": ("资料清单", "五份原始文本，附校验值和已知缺陷。"),
    "national_reference": ("全国参照数字", "全国目标、全国监测数据和人口普查人口，"
                                           "始终作为背景展示，不作为本地监测数据。"),
    "extraction_exclusions": ("提取排除项", "提取器在来源中找到、但不是规划数字的数值，"
                                            "各附排除理由。"),
    "catalogue": ("指标目录", "各表提到的每个指标列一次：编号、中英文名称、领域、单位、"
                              "以何方向为好，以及受监测指标的定义。"),
    "observations": ("观测值", "各指标逐年的已公布数值，各附陈述该数值的原句、发布者和文件、"
                               "所读副本的地址和可信度等级。"),
    "harbin_themes": ("哈尔滨数字的主题", "哈尔滨的各报告数分属哪个主题（第8章）。"),
    "harbin_ratios": ("哈尔滨所印数字的比率", "读者可以重算其比率的成对印出数字（第8章）。"),
}


def _csv_resource(name: str, path: str, title: str, description: str, fields: list[dict],
                  primary_key: list[str] | None, sources: list[dict]) -> dict:
    schema: dict = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = primary_key
    title_zh, description_zh = CHINESE[name]
    return {
        "name": name, "path": path, "title": title, "title_zh": title_zh, "description": description,
        "description_zh": description_zh,
        "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8", "schema": schema, "sources": sources,
    }


_NONEMPTY = {"minLength": 1}


def indicators_fields() -> list[dict]:
    return [
        _field("id", "string", "Row identifier: source id and a running number.", required=True, **_NONEMPTY),
        _field("source", "string", "Id of the source document in raw/sources.csv.", required=True,
               pattern="s[0-9]{3}"),
        _field("region", "string", "Whose figure it is.", required=True, enum=REGIONS),
        _field("domain", "string", "Domain of the plans the figure belongs to.", required=True, enum=DOMAINS),
        _field("indicator_zh", "string", "Indicator name in Chinese, as the source words it.", required=True,
               **_NONEMPTY),
        _field("indicator_en", "string", "Indicator name translated into English.", required=True, **_NONEMPTY),
        _field("kind", "string", "target, reported, baseline or claim.", required=True, enum=KINDS),
        _field("value", "number", "The number as printed (multiplier in unit); empty when withheld."),
        _field("unit", "string", "Unit from the controlled vocabulary; carries the multiplier.", required=True,
               enum=tuple(UNITS)),
        _field("comparator", "string", "Bound of a target: >=, <=, =, ~ (about) or empty.", enum=COMPARATORS),
        _field("year", "integer", "Target year for targets, reference year otherwise.", required=True,
               minimum=1949, maximum=2100),
        _field("quote", "string", "Shortest verbatim span of the source stating the value "
                                  "(only whitespace may differ).", required=True, **_NONEMPTY),
        _field("notes", "string", "Corrections, interpretations and caveats."),
        _field("value_text", "string", "The number exactly as printed in the quote (** when withheld).",
               required=True, **_NONEMPTY),
        _field("status", "string", "stated, or withheld when the source prints ** instead of the value.",
               required=True, enum=STATUSES),
        _field("notes_zh", "string", "The notes in Chinese (the Chinese edition shows these)."),
    ]


#: Where each data table sits in the repository's data/ folder (the downloads put them side by side).
REPOSITORY_PATHS = {
    "indicators": "indicators.csv", "sources": "raw/sources.csv",
    "national_reference": "external/national_reference.csv", "extraction_exclusions": "extraction_exclusions.csv",
    "catalogue": "catalogue.csv", "observations": "observations.csv",
    "harbin_themes": "places/harbin_themes.csv", "harbin_ratios": "places/harbin_ratios.csv",
}
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def data_resources(path_of: dict[str, str] | None = None) -> list[dict]:
    """The Frictionless resources of every data table, at the paths of ``path_of`` (the repository's by
    default)."""
    where = {**REPOSITORY_PATHS, **(path_of or {})}
    local = [{"title": "Five source documents (see sources.csv)", "path": where["sources"]}]
    published = [{"title": "National monitoring reports, statistical bulletins and censuses (see publisher, "
                           "document, address)"}]
    return [

        _csv_resource("indicators", where["indicators"], "Figures table",
                      "One row per value stated in the sources, with its quote.",
                      indicators_fields(), ["id"], local),
        _csv_resource("sources", where["sources"], "Source manifest",
                      "The five raw texts with checksums and known defects.", [
                          _field("id", "string", "Source id.", required=True, pattern="s[0-9]{3}"),
                          _field("file", "string", "File name of the text in the repository's data/raw/.",
                                 required=True, **_NONEMPTY),
                          _field("title_zh", "string", "Title in Chinese.", required=True, **_NONEMPTY),
                          _field("title_en", "string", "Title in English.", required=True, **_NONEMPTY),
                          _field("publisher", "string", "Publisher as established from the text.",
                                 required=True, **_NONEMPTY),
                          _field("place", "string", "Place the document concerns.", required=True),
                          _field("date", "string", "Date as the text shows (YYYY-MM-DD, or YYYY).",
                                 required=True, pattern="[0-9]{4}(-[0-9]{2}-[0-9]{2})?"),
                          _field("kind", "string", "news, plan or speech.", required=True,
                                 enum=SOURCE_KINDS),
                          _field("sha256", "string", "SHA-256 of the raw file.", required=True,
                                 pattern="[0-9a-f]{64}"),
                          _field("notes", "string", "Known defects."),
                          _field("event", "string", "The event the document reports (a press conference, "
                                 "a plan's publication); documents with the same event report the same "
                                 "occasion and are compared with each other.", required=True, **_NONEMPTY),
                          _field("programme", "string", "The plans the document concerns; documents of the "
                                 "same programme at different dates are compared.", required=True,
                                 **_NONEMPTY),
                          _field("notes_zh", "string", "The known defects in Chinese."),
                      ], ["id"], local),
        _csv_resource("national_reference", where["national_reference"], "National reference figures",
                      "National targets, national monitoring series and census populations, "
                      "always shown as context, never as local monitoring data.", [
                          _field("indicator_zh", "string", "Indicator in Chinese.", required=True),
                          _field("indicator_en", "string", "Indicator in English.", required=True),
                          _field("kind", "string", "target or reported.", required=True, enum=KINDS),
                          _field("value", "number", "Value in unit.", required=True),
                          _field("unit", "string", "Unit.", required=True, enum=tuple(UNITS)),
                          _field("comparator", "string", "Bound.", enum=COMPARATORS),
                          _field("year", "integer", "Target or reference year.", required=True),
                          _field("scope", "string", "Whose figure (national, a province, a city).",
                                 required=True),
                          _field("publisher", "string", "Original publisher.", required=True),
                          _field("document", "string", "Original publication.", required=True),
                          _field("confidence", "string", "How firmly the figure was confirmed.",
                                 required=True, enum=CONFIDENCES),
                          _field("note", "string", "Caveats."),
                      ], None, [{"title": "Public reports and press statements (see publisher, document)"}]),
        _csv_resource("extraction_exclusions", where["extraction_exclusions"], "Extraction exclusions",
                      "Numbers the extractor finds in the sources that are not figures of the plans, "
                      "each with the reason it is left out.", [
                          _field("source", "string", "Source id.", required=True, pattern="s[0-9]{3}"),
                          _field("start", "integer", "Character offset of the quote.", required=True),
                          _field("end", "integer", "End offset of the quote.", required=True),
                          _field("value_text", "string", "The number as printed.", required=True),
                          _field("quote", "string", "Text around the number.", required=True),
                          _field("reason", "string", "Why it is not a figure of the plans.",
                                 required=True, **_NONEMPTY),
                      ], ["source", "start", "end"], local),
        _csv_resource("catalogue", where["catalogue"], "Catalogue of indicators",
                      "Every indicator the tables name, once: id, Chinese and English names, domain, unit, the "
                      "direction that counts as better, and a definition for the monitored ones.", [
                          _field("id", "string", "Stable id (lower-case words joined by hyphens).", required=True,
                                 pattern="[a-z0-9]+(-[a-z0-9]+)*"),
                          _field("indicator_zh", "string", "Name in Chinese.", required=True, **_NONEMPTY),
                          _field("indicator_en", "string", "Name in English.", required=True, **_NONEMPTY),
                          _field("domain", "string", "Domain of the plans.", required=True, enum=DOMAINS),
                          _field("unit", "string", "Unit.", required=True, enum=tuple(UNITS)),
                          _field("better", "string", "higher, lower, or empty when neither is better.",
                                 enum=("higher", "lower")),
                          _field("definition_zh", "string", "Definition in Chinese."),
                          _field("definition_en", "string", "Definition in English."),
                      ], ["id"], local),
        _csv_resource("observations", where["observations"], "Observations",
                      "Published values of the indicators by year, each with the verbatim sentence that states "
                      "it, its publisher and document, the address of the copy read and a confidence grade.", [
                          _field("id", "string", "Observation id.", required=True, **_NONEMPTY),
                          _field("indicator_zh", "string", "Indicator (catalogue name) in Chinese.", required=True),
                          _field("indicator_en", "string", "Indicator (catalogue name) in English.", required=True),
                          _field("region", "string", "Place of the value.", required=True, enum=OBSERVATION_PLACES),
                          _field("year", "integer", "Reference year.", required=True, minimum=1949, maximum=2100),
                          _field("value", "number", "The value, in unit.", required=True),
                          _field("unit", "string", "Unit.", required=True, enum=tuple(UNITS)),
                          _field("value_text", "string", "The number as printed in the sentence.", required=True),
                          _field("sentence", "string", "The verbatim sentence that states the value.",
                                 required=True, **_NONEMPTY),
                          _field("publisher", "string", "Original publisher.", required=True, **_NONEMPTY),
                          _field("document", "string", "Original document.", required=True, **_NONEMPTY),
                          _field("released", "string", "Release date of the original, when known."),
                          _field("address", "string", "Address of the copy read.", required=True, **_NONEMPTY),
                          _field("copy", "string", "Kind of copy read.", required=True, enum=OBSERVATION_COPIES),
                          _field("second_address", "string", "An independent second copy, when found."),
                          _field("read_on", "date", "Date the copy was read.", required=True),
                          _field("confidence", "string", "Grade by the confidence rule.", required=True,
                                 enum=CONFIDENCES),
                          _field("confidence_rule", "string", "Which part of the rule gives the grade.",
                                 required=True, enum=tuple(CONFIDENCE_RULES)),
                          _field("derivation", "string", "Arithmetic on printed numbers, for a worked-back value."),
                          _field("notes", "string", "What a careful reader must know."),
                          _field("document_zh", "string", "The document in Chinese (the Chinese edition shows it).",
                                 required=True, **_NONEMPTY),
                          _field("publisher_zh", "string", "The publisher in Chinese.", required=True,
                                 **_NONEMPTY),
                      ], ["id"], published),
        _csv_resource("harbin_themes", where["harbin_themes"], "Harbin's figures by theme",
                      "Which of Harbin's reported figures belong to which theme (chapter 8).", [
                          _field("theme_zh", "string", "Theme in Chinese.", required=True, **_NONEMPTY),
                          _field("theme_en", "string", "Theme in English.", required=True, **_NONEMPTY),
                          _field("indicator_zh", "string", "Indicator (catalogue name).", required=True),
                      ], None, local),
        _csv_resource("harbin_ratios", where["harbin_ratios"], "Ratios of Harbin's printed figures",
                      "Pairs of printed figures whose ratio a reader can recompute (chapter 8).", [
                          _field("ratio_zh", "string", "Ratio in Chinese.", required=True, **_NONEMPTY),
                          _field("ratio_en", "string", "Ratio in English.", required=True, **_NONEMPTY),
                          _field("numerator", "string", "Indicator of the numerator.", required=True),
                          _field("denominator", "string", "Indicator of the denominator.", required=True),
                          _field("unit", "string", "Unit of the ratio.", required=True),
                          _field("kind", "string", "Kind of both figures.", required=True, enum=KINDS),
                      ], None, local),
    ]


def descriptor() -> dict:
    """The repository's data package (``data/datapackage.json``)."""
    return {
        "profile": "tabular-data-package",
        "name": "planeval-figures",
        "title": "Figures of Chinese municipal women's and children's development plans (2021-2025)",
        "description": "Every quantitative statement of five source documents about the Harbin, Qingzhen and "
                       "provincial women's and children's development plans, each with the verbatim quote "
                       "that states it; the manifest of the sources; national reference figures; the catalogue "
                       "of indicators; published observations with their sentences.",
        "licenses": [LICENSE],
        "resources": data_resources(),
    }


def descriptor_json() -> str:
    return json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n"


def write_descriptor(path=paths.DATAPACKAGE_JSON) -> None:
    path.write_text(descriptor_json(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``planeval datapackage``: write data/datapackage.json, or with ``--check`` say whether it is current."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="planeval datapackage", description=main.__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed file is out of date")
    args = parser.parse_args(argv)
    if args.check:
        current = paths.DATAPACKAGE_JSON.read_text(encoding="utf-8") == descriptor_json()
        print("data/datapackage.json is up to date" if current else
              "data/datapackage.json is out of date: run `planeval datapackage`", file=sys.stderr)
        return 0 if current else 1
    write_descriptor()
    print(f"wrote {paths.DATAPACKAGE_JSON.relative_to(paths.ROOT)}")
    return 0
