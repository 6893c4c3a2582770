"""Tables and pages the website includes beside the chapters: counts, glossary, downloads, build info.

Everything here is a pure function of the data and results folders, written deterministically, so two
builds from the same inputs give byte-identical files.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pandas as pd

from planeval import __version__
from planeval.build.files import write_if_changed
from planeval.build.workbook import workbook_bytes
from planeval.chapters.sources import kinds_by_source
from planeval.core import paths
from planeval.core.hashing import sha256_of
from planeval.data import load_indicators, load_reference
from planeval.data.vocab import DOMAIN_ZH, DOMAINS, KIND_ZH, KINDS, STATUS_ZH

DOWNLOADS = "downloads"
WORKBOOK = "planeval_tables.xlsx"


def glossary(indicators: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Chinese and English for every indicator (local and national) and every domain, kind and status term."""
    ind = pd.concat([indicators[["indicator_zh", "indicator_en", "domain"]],
                     reference[["indicator_zh", "indicator_en"]].assign(domain="")])
    ind = ind.groupby(["indicator_zh", "indicator_en"], as_index=False)["domain"].agg(
        lambda d: ", ".join(sorted({x for x in d if x})))
    ind.insert(0, "type", "indicator")
    terms = [("domain", DOMAIN_ZH[d], d, d) for d in DOMAINS]
    terms += [("kind", KIND_ZH[k], k, "") for k in KINDS]
    terms += [("status", zh, en, "") for en, zh in STATUS_ZH.items()]
    terms_df = pd.DataFrame(terms, columns=["type", "indicator_zh", "indicator_en", "domain"])
    out = pd.concat([terms_df, ind], ignore_index=True)
    return out.rename(columns={"indicator_zh": "中文 Chinese", "indicator_en": "English"})


#: Words the Chinese search must index whole, besides every indicator name (jieba user dictionary).
SEARCH_WORDS = ("托位", "孤儿", "托育", "散居孤儿", "机构养育", "儿童友好城市", "基本生活费", "主要目标",
                "策略措施", "妇女发展规划", "儿童发展规划")


def search_dictionary(indicators: pd.DataFrame, reference: pd.DataFrame) -> str:
    """A jieba user dictionary (``word frequency`` per line) so Sphinx's Chinese search indexes every
    indicator name and key term as a word as well as its parts."""
    words = sorted(set(SEARCH_WORDS) | set(indicators["indicator_zh"]) | set(reference["indicator_zh"])
                   | set(DOMAIN_ZH.values()))
    words = [w for w in words if " " not in w]
    return "".join(f"{w} 100000\n" for w in words)


def _md_table(df: pd.DataFrame) -> str:
    """A Markdown table with every cell escaped, so markup in the data shows as text."""
    def cell(v: object) -> str:
        return html.escape(str(v), quote=False).replace("|", "&#124;").replace("\n", " ")
    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body]) + "\n"


def collect_downloads(out_dir: Path, results_dir: Path = paths.RESULTS) -> list[tuple[str, Path]]:
    """Copy the data tables and every results CSV into ``out_dir``; one XLSX workbook with a sheet each."""
    dl = out_dir / DOWNLOADS
    items: list[tuple[str, Path]] = []
    key = hashlib.sha256(Path(__file__).read_bytes())  # the workbook's inputs: this code and every table

    def copy(label: str, src: Path, name: str) -> None:
        data = src.read_bytes()
        items.append((label, write_if_changed(dl / name, data)))
        if name.endswith(".csv"):
            key.update(b"\0" + name.encode("utf-8") + b"\0" + data)

    for label, src in (("figures table", paths.INDICATORS_CSV), ("source manifest", paths.SOURCES_CSV),
                       ("national reference", paths.REFERENCE_CSV), ("data package", paths.DATAPACKAGE_JSON)):
        copy(label, src, src.name)
    for csv in sorted(results_dir.glob("*/*.csv")) if results_dir.is_dir() else []:
        copy(f"{csv.parent.name} / {csv.stem}", csv, f"{csv.parent.name}__{csv.name}")
    workbook = dl / WORKBOOK
    tables = [(p.stem, p) for _, p in items if p.suffix == ".csv"]
    # Writing the workbook takes longer than everything else here: it is rewritten only when a table,
    # or the code that writes it, changed since the last time.
    stamp, key = out_dir / f"{WORKBOOK}.inputs.sha256", key.hexdigest()
    if not (workbook.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key):
        write_if_changed(workbook, workbook_bytes(tables))
        stamp.write_text(key, encoding="utf-8")
    items.append(("all tables, one sheet each (Excel)", workbook))
    keep = {p for _, p in items}
    for stale in dl.iterdir():
        if stale not in keep:
            stale.unlink()
    return items


def _published_parameters(run: dict) -> dict:
    """A chapter's parameter values as published: a file is named with its hash, never by its local path."""
    values = dict(run.get("parameters") or {})
    files = (run.get("inputs") or {}).get("parameter_files") or {}
    for name, file in files.items():
        if name in values and isinstance(file, dict):
            values[name] = {"file": file.get("name") or Path(str(file.get("path", ""))).name,
                            "sha256": file.get("sha256")}
    return values


def build_info(results_dir: Path = paths.RESULTS) -> dict:
    """Version, data hashes, parameters used and date of the data, for the build-information page."""
    data_files = [paths.INDICATORS_CSV, paths.SOURCES_CSV, paths.REFERENCE_CSV, paths.DATAPACKAGE_JSON,
                  *sorted(paths.RAW.glob("0*.txt"))]
    runs = {}
    for run in sorted(results_dir.glob("*/run.json")) if results_dir.is_dir() else []:
        info = json.loads(run.read_text(encoding="utf-8"))
        runs[run.parent.name] = {"parameters": _published_parameters(info), "status": info.get("status"),
                                 "your_parameters": sorted(info.get("researcher") or {})}
    sources = pd.read_csv(paths.SOURCES_CSV, dtype=str)
    return {
        "version": __version__,
        "data_files": {str(p.relative_to(paths.ROOT)): sha256_of(p) for p in data_files},
        "latest_source_date": max(sources["date"]),
        "chapters": runs,
    }


def write_generated_tables(out_dir: Path, results_dir: Path = paths.RESULTS) -> list[Path]:
    """Write every generated include of the site into ``out_dir`` (git-ignored)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures, reference = load_indicators(), load_reference()
    written = [write_if_changed(out_dir / "figures_by_source.csv",
                                kinds_by_source(figures).to_csv(index=False, lineterminator="\n"))]
    write_if_changed(out_dir / "jieba_dict.txt", search_dictionary(figures, reference))
    written.append(out_dir / "jieba_dict.txt")
    gl = glossary(figures, reference)
    write_if_changed(out_dir / "glossary.md", _md_table(gl))
    written.append(out_dir / "glossary.md")
    items = collect_downloads(out_dir, results_dir)
    lines = [f"- {{download}}`{html.escape(label)} <_generated/{DOWNLOADS}/{p.name}>` (`{p.name}`)"
             for label, p in items]
    write_if_changed(out_dir / "downloads.md", "\n".join(lines) + "\n")
    written.append(out_dir / "downloads.md")
    info = build_info(results_dir)
    write_if_changed(out_dir / "build_info.json", json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    rows = [{"file": k, "sha256": v} for k, v in info["data_files"].items()]
    write_if_changed(out_dir / "data_hashes.md", _md_table(pd.DataFrame(rows)))
    parameters = {ch: r["parameters"] for ch, r in info["chapters"].items()}
    chosen = [f"`{ch}` ({', '.join(r['your_parameters'])})" for ch, r in info["chapters"].items()
              if r["your_parameters"]]
    note = ("Chapters run with a researcher's parameters: " + "; ".join(chosen) + ".\n\n") if chosen else \
        "Every chapter ran with the book's own parameters (notebooks/params.yaml).\n\n"
    block = json.dumps(parameters, ensure_ascii=False, indent=2, sort_keys=True)
    write_if_changed(out_dir / "parameters_used.md", f"{note}```json\n{block}\n```\n" if parameters
                     else "No chapter has been run yet.\n")
    write_if_changed(out_dir / "version.md",
                     f"planeval {info['version']}; latest source document dated {info['latest_source_date']}.\n")
    written += [out_dir / n for n in ("build_info.json", "data_hashes.md", "parameters_used.md", "version.md")]
    return written
