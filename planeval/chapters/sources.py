"""Chapter 1, the sources: the five documents, their figures by kind and domain, the values they withhold
and the defects a careful reader must allow for (the counts serve the site too)."""

from __future__ import annotations

import re

import pandas as pd

from planeval.chapters import Chapter, Inputs, shared_inputs
from planeval.core.errors import ParameterError
from planeval.data.vocab import DOMAINS, KINDS
from planeval.report.labels import DOCUMENT_KINDS
from planeval.report.labels import KINDS as KIND_LABELS
from planeval.report.statements import Statement


def counts_by(figures: pd.DataFrame, rows: str, columns: str, order: tuple[str, ...]) -> pd.DataFrame:
    """Cross-tabulation with every allowed column value present (zeros kept) and a total column."""
    table = pd.crosstab(figures[rows], figures[columns]).reindex(columns=list(order), fill_value=0)
    table = table.loc[:, table.sum() > 0] if columns == "domain" else table
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def kinds_by_source(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures per source and kind, with the total and the number the source withholds."""
    table = counts_by(figures, "source", "kind", KINDS)
    withheld_counts = figures[figures["status"] == "withheld"].groupby("source").size()
    table["withheld"] = table["source"].map(withheld_counts).fillna(0).astype(int)
    return table


def domains_by_source(figures: pd.DataFrame) -> pd.DataFrame:
    return counts_by(figures, "source", "domain", DOMAINS)


def withheld(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures a source withholds (printed as ``**``), with the quote that shows it."""
    cols = ["id", "source", "indicator_zh", "indicator_en", "comparator", "year", "quote", "notes", "notes_zh"]
    return figures.loc[figures["status"] == "withheld", cols].reset_index(drop=True)


def flagged(figures: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Rows whose notes match the regular expression ``pattern`` (OCR, implausible, duplicate ...)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ParameterError("flag_words", pattern, f"a regular expression ({exc})") from None
    mask = figures["notes"].str.contains(pattern, case=False, regex=True)
    columns = ["id", "source", "indicator_zh", "value", "unit", "notes", "notes_zh"]
    return figures.loc[mask, columns].reset_index(drop=True)


def source_table(sources: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One line per document: what it is and how many figures of each kind it holds."""
    counts = kinds_by_source(figures).rename(columns={"source": "id"})
    cols = ["id", "title_zh", "title_en", "kind", "place", "date", "publisher"]
    return sources[cols].rename(columns={"kind": "document_kind"}).merge(counts, on="id", how="left")


def answers(sources: pd.DataFrame, figures: pd.DataFrame, flagged_rows: pd.DataFrame) -> list[Statement]:
    kinds = figures["kind"].value_counts()
    parts_zh = "、".join(f"{KIND_LABELS[k].zh}{kinds.get(k, 0)}个" for k in KINDS)
    plural = {"target": "targets", "reported": "reported figures", "baseline": "baselines", "claim": "claims"}
    parts_en = ", ".join(f"{kinds.get(k, 0)} {plural[k]}" for k in KINDS)
    documents = sources["kind"].value_counts()
    docs_zh = "、".join(f"{DOCUMENT_KINDS[k].zh}{n}份" for k, n in documents.items())
    docs_en = ", ".join(f"{n} {DOCUMENT_KINDS[k].en}{'s' if n > 1 else ''}" for k, n in documents.items())
    withheld_rows = figures[figures["status"] == "withheld"]
    by_source = withheld_rows.groupby("source").size()
    out = [
        Statement(f"官员在{len(sources)}份文件中报告了{kinds.get('reported', 0)}个数字"
                  f"（另有目标值{kinds.get('target', 0)}个、"
                  f"基线值{kinds.get('baseline', 0)}个），每个都附有原文。",
                  f"Officials report {kinds.get('reported', 0)} figures in {len(sources)} documents (besides "
                  f"{kinds.get('target', 0)} targets and {kinds.get('baseline', 0)} baselines), each with its verbatim "
                  "words.", "documents", "reported", headline=True),
        Statement(f"本书评估{len(sources)}份文件（{docs_zh}），共记录{len(figures)}个数字：{parts_zh}，"
                  "每个数字都附有原文。",
                  f"The book reads {len(sources)} documents ({docs_en}) and records {len(figures)} figures from them: "
                  f"{parts_en}, each with the verbatim words that state it.", "documents"),
        Statement(f"{len(withheld_rows)}个目标值未公布（原文印作“**”），"
                  + "、".join(f"{sid}中{n}个" for sid, n in by_source.items()) + "；本书记录这些目标但不猜测其数值。",
                  f"{len(withheld_rows)} target values are withheld (printed as **): "
                  + ", ".join(f"{n} in {sid}" for sid, n in by_source.items())
                  + "; the book records them without guessing the number.", "withheld"),
        Statement("已知缺陷：清镇网页的“发布者”字段是与文件无关的垃圾文本；省级讲话经OCR识别，有错字（如“巾棚”应为“巾帼”）；"
                  "两篇报道有重复印刷的段落。",
                  "Known defects: the Qingzhen page's publisher field holds unrelated spam; the provincial speech came "
                  "through OCR and has character errors (巾棚 for 巾帼 ...); two reports print paragraphs twice.",
                  "defects"),
        Statement(f"{len(flagged_rows)}个数字的说明标出了问题（OCR、数值不合理、重复、加总不符等）。",
                  f"The notes of {len(flagged_rows)} figures flag a problem (OCR, implausible values, duplicates, "
                  "totals that do not add up ...).", "flagged_rows"),
    ]
    return out


def compute(max_notes_rows: int = 60, flag_words: str = "OCR|implausible|duplicate|does not add up|divid", *,
            inputs: Inputs | None = None) -> Chapter:
    inputs = inputs or shared_inputs()
    sources, figures = inputs.sources, inputs.figures
    flagged_rows = flagged(figures, flag_words)
    return Chapter(
        tables={"documents": source_table(sources, figures), "domains_by_source": domains_by_source(figures),
                "withheld": withheld(figures), "defects": sources[["id", "kind", "notes", "notes_zh"]].rename(
                    columns={"kind": "document_kind"}), "flagged_rows": flagged_rows},
        answers=answers(sources, figures, flagged_rows))
