"""The pieces the website's pages include beside the chapters: the front page's findings, the sources, the
glossary, the downloads, the citation and the build information.

Everything here is a pure function of the data and results folders, written deterministically (and only
when it changed), so two builds from the same inputs give byte-identical files.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
import yaml

from planeval import __version__
from planeval.build import downloads
from planeval.build.cache import page_title
from planeval.build.editions import BY_CODE
from planeval.build.files import write_if_changed
from planeval.build.front import front_html
from planeval.build.translations import write_generated_catalogues
from planeval.chapters.sources import kinds_by_source
from planeval.core import paths
from planeval.core.hashing import sha256_of
from planeval.data import load_indicators, load_sources
from planeval.data.catalogue import load_catalogue
from planeval.data.observations import load_observations_table
from planeval.data.vocab import KINDS
from planeval.report import format as fmt
from planeval.report import labels
from planeval.report.html import both, cells, html_table

CITATION_CFF = paths.ROOT / "CITATION.cff"
#: Words the Chinese search must index whole, besides every indicator and place name (jieba user dictionary).
SEARCH_WORDS = ("托位", "孤儿", "托育", "散居孤儿", "机构养育", "儿童友好城市", "基本生活费", "孤儿基本生活费",
                "主要目标", "策略措施", "妇女发展规划", "儿童发展规划", "督导员", "儿童督导员", "儿童主任", "近视率",
                "死亡率", "入园率", "毛入学率", "巩固率", "资料来源", "规划目标", "数据核查", "目标进展", "基本情况",
                "服务供给")
#: What each data file on the build-information page is.
DATA_FILES = (paths.INDICATORS_CSV, paths.SOURCES_CSV, paths.REFERENCE_CSV, paths.CATALOGUE_CSV,
              paths.OBSERVATIONS_CSV, paths.DATAPACKAGE_JSON)


def md_table(df: pd.DataFrame) -> str:
    """A Markdown table with every cell escaped, so markup in the data shows as text."""
    def cell(v: object) -> str:
        return html.escape(str(v), quote=False).replace("|", "&#124;").replace("\n", " ")
    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body]) + "\n"


def people_table(frame: pd.DataFrame) -> str:
    """A frame as the chapters show tables: labelled headers, catalogue words, formatted numbers."""
    return f"<div class='planeval-table-wrap'>{html_table(frame, cells(frame))}</div>\n"


def glossary(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Chinese and English for every indicator of the catalogue and every word of the label catalogue that
    a reader meets (domains, kinds of figure, statuses, places, units)."""
    indicators = pd.DataFrame({"类别 type": "指标 indicator", "中文 Chinese": catalogue["indicator_zh"],
                               "English": catalogue["indicator_en"],
                               "领域 domain": catalogue["domain"].map(lambda d: labels.DOMAINS[d].both()),
                               "说明 definition": (catalogue["definition_zh"] + " "
                                                   + catalogue["definition_en"]).str.strip()})
    terms = []
    for kind, catalogue_of in (("领域 domain", labels.DOMAINS), ("类别 kind", labels.KINDS),
                               ("状态 status", labels.STATUSES), ("地区 place", labels.PLACES),
                               ("单位 unit", labels.UNITS)):
        terms += [{"类别 type": kind, "中文 Chinese": label.zh, "English": label.en, "领域 domain": "",
                   "说明 definition": ""} for label in catalogue_of.values() if label.zh]
    return pd.concat([pd.DataFrame(terms), indicators], ignore_index=True)


def search_dictionary(catalogue: pd.DataFrame, figures: pd.DataFrame) -> str:
    """A jieba user dictionary (``word frequency`` per line) so Sphinx's Chinese search indexes every
    indicator name, place name and key term as a word as well as its parts."""
    words = (set(SEARCH_WORDS) | set(catalogue["indicator_zh"]) | set(figures["indicator_zh"])
             | {label.zh for label in labels.PLACES.values()} | {label.zh for label in labels.DOMAINS.values()})
    return "".join(f"{w} 100000\n" for w in sorted(w for w in words if w and " " not in w))


def sources_table(sources: pd.DataFrame, figures: pd.DataFrame) -> str:
    """The five documents for people: title, kind, place, date, publisher and their figures by kind."""
    counts = kinds_by_source(figures).rename(columns={"source": "id"})
    shown = sources[["id", "title_zh", "kind", "place", "date", "publisher"]].rename(columns={"kind": "document_kind"})
    return people_table(shown.merge(counts[["id", *KINDS, "withheld", "total"]], on="id", how="left"))


def citation() -> dict:
    """Title, version, date and address of the book, from ``CITATION.cff``."""
    cff = yaml.safe_load(CITATION_CFF.read_text(encoding="utf-8"))
    return {"title": cff["title"], "version": str(cff["version"]), "date": str(cff["date-released"]),
            "url": cff["url"], "authors": ", ".join(a["name"] for a in cff["authors"]), "license": cff["license"]}


def citation_markdown(info: dict, data_date: str, messages: dict[str, dict[str, str]]) -> str:
    """How to cite the book, in each edition's language (the texts recorded in ``messages``)."""
    year, url, chinese = info["date"][:4], info["url"], BY_CODE["zh"]
    # In Chinese: the Chinese edition's title and authors, the registered (English) title after it
    reference = bilingual({
        "zh": f"{chinese.author}（{year}）。《{chinese.title}》（*{info['title']}*），版本 {info['version']}"
              f"（发布于 {info['date']}；数据截至 {data_date}）。{url}",
        "en": f"{info['authors']} ({year}). *{info['title']}*, version {info['version']} "
              f"(released {info['date']}; data as of {data_date}). {url}"}, messages)
    licence = bilingual({"zh": f"许可：{info['license']}——可自由再利用，请引用本书和原始文件。",
                         "en": f"Licence: {info['license']} — reuse freely, citing the book and the original "
                               "documents."}, messages)
    return f"> {reference}\n\n{licence}\n"


def _published_parameters(run: dict) -> dict:
    """A chapter's parameter values as published: a file is named with its hash, never by its local path."""
    values = dict(run.get("parameters") or {})
    files = (run.get("inputs") or {}).get("parameter_files") or {}
    for name, file in files.items():
        if name in values and isinstance(file, dict):
            values[name] = {"file": file.get("name") or Path(str(file.get("path", ""))).name,
                            "sha256": file.get("sha256")}
    return values


def data_date(sources: pd.DataFrame, observations: pd.DataFrame) -> str:
    """The date of the newest input: the latest source document or the latest observation read."""
    return max([*sources["date"], *observations["read_on"]])


def build_info(results_dir: Path, sources: pd.DataFrame, observations: pd.DataFrame) -> dict:
    """Version, data hashes, parameters used and date of the data, for the build-information page."""
    runs = {}
    for run in sorted(results_dir.glob("*/run.json")) if results_dir.is_dir() else []:
        info = json.loads(run.read_text(encoding="utf-8"))
        runs[run.parent.name] = {"parameters": _published_parameters(info), "status": info.get("status"),
                                 "your_parameters": sorted(info.get("researcher") or {})}
    data_files = [*(p for p in DATA_FILES if p.is_file()), *sorted(paths.RAW.glob("0*.txt"))]
    return {"version": __version__, "data_date": data_date(sources, observations),
            "data_files": {_data_name(p): sha256_of(p) for p in data_files}, "chapters": runs}


def _data_name(path: Path) -> str:
    """``data/raw/01_x.txt``: a data file named as in the repository, wherever the data folder is (the
    benchmark builds from a copy)."""
    return (Path("data") / path.relative_to(paths.DATA)).as_posix()


def write_build_info(out_dir: Path, info: dict, messages: dict[str, dict[str, str]]) -> list[Path]:
    """The build-information page's includes, their words in each edition's language (recorded in
    ``messages``); the parameters stay JSON, to be copied as they are."""
    write_if_changed(out_dir / "build_info.json", json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    hashes = pd.DataFrame([{"文件 file": k, "SHA-256": v} for k, v in info["data_files"].items()],
                          columns=["文件 file", "SHA-256"])
    messages.update(table_messages(hashes))
    write_if_changed(out_dir / "data_hashes.md", md_table(hashes))
    parameters = {ch: r["parameters"] for ch, r in info["chapters"].items()}
    chosen = [f"{ch} ({', '.join(r['your_parameters'])})" for ch, r in info["chapters"].items()
              if r["your_parameters"]]
    # Both languages marked in the page, not through the catalogue: a text that changes with a parameter
    # would change the catalogue, and every page of the edition would be read again.
    if chosen:
        note = both(labels.Label("使用研究者参数运行的章节：" + "；".join(chosen) + "。",
                                 "Chapters run with a researcher's parameters: " + "; ".join(chosen) + "."))
    else:
        note = both(labels.Label("各章均使用本书自己的参数（notebooks/params.yaml）运行。",
                                 "Every chapter ran with the book's own parameters (notebooks/params.yaml)."))
    note = f"<p>{note}</p>"
    block = json.dumps(parameters, ensure_ascii=False, indent=2, sort_keys=True)
    none_yet = bilingual({"zh": "尚未运行任何一章。", "en": "No chapter has been run yet."}, messages)
    write_if_changed(out_dir / "parameters_used.md", f"{note}\n\n```json\n{block}\n```\n" if parameters
                     else f"{none_yet}\n")
    version = bilingual({"zh": f"planeval {info['version']}；数据截至 {info['data_date']}。",
                         "en": f"planeval {info['version']}; data as of {info['data_date']}."}, messages)
    write_if_changed(out_dir / "version.md", f"{version}\n")
    return [out_dir / n for n in ("build_info.json", "data_hashes.md", "parameters_used.md", "version.md")]


def _latest(series: pd.DataFrame) -> labels.Label | str:
    """The newest value of an indicator's series (the national one first), in each language, or a dash."""
    if series.empty:
        return "—"
    last = series.sort_values("year").groupby("region").tail(1)
    national = last[last["region"] == "national"]
    row = (national if len(national) else last).iloc[0]
    place, value, year = labels.place(row["region"]), fmt.number(row["value"]), int(row["year"])
    return labels.Label(f"{place.zh} {value}（{year}）", f"{place.en} {value} ({year})")


#: The order of the catalogue's lines within a domain: verdicts first, from best to worst, then the rest.
CATALOGUE_ORDER = ("target achieved", "on track", "acceleration needed", "limited progress", "deterioration")


def catalogue_summary(rows: list[dict]) -> dict[str, str]:
    """One sentence over the whole catalogue, per edition: how many indicators, with a series, with a verdict."""
    with_series = sum(1 for r in rows if r["latest"] != "—")
    judged = sum(1 for r in rows if r["status"] in CATALOGUE_ORDER)
    return {"zh": f"共 {len(rows)} 个指标，{with_series} 个有观测序列，{judged} 个可以判断进展。",
            "en": f"{len(rows)} indicators, {with_series} with an observed series, {judged} with a progress verdict."}


def bilingual(texts: dict[str, str], messages: dict[str, dict[str, str]], sep: str = " ") -> str:
    """The source text of a computed heading or sentence (both languages), its translation per edition
    recorded in ``messages`` (the generated catalogues give each edition its own)."""
    source = texts["zh"] if texts["zh"] == texts["en"] else f"{texts['zh']}{sep}{texts['en']}"
    messages[source] = texts
    return source


def indicator_catalogue(pages_dir: Path, messages: dict[str, dict[str, str]] | None = None) -> str:
    """The catalogue page: every indicator by domain, with its places, latest value and status, linked to
    its page (from the pages' own results). Its headings and summary are recorded in ``messages``."""
    messages = {} if messages is None else messages
    from planeval.report.html import badge, esc

    rows = []
    for folder in sorted(p for p in Path(pages_dir).glob("*") if (p / "about.csv").is_file()):
        about = pd.read_csv(folder / "about.csv", keep_default_na=False).iloc[0]
        targets = pd.read_csv(folder / "targets.csv", keep_default_na=False)
        series = pd.read_csv(folder / "series.csv")
        progress = pd.read_csv(folder / "progress.csv", keep_default_na=False)
        shown = progress[progress["method"] == "opensdg"]
        national = shown[shown["region"] == "national"]
        word = (national if len(national) else shown)["status"].iloc[0] if len(shown) else ""
        places = sorted(set(targets["region"]) | set(series["region"]) | ({"national"} if len(national) else set()),
                        key=lambda r: list(labels.PLACES).index(r) if r in labels.PLACES else 99)
        names = [labels.place(r) for r in places]
        rows.append({"domain": about["domain"], "id": about["id"], "zh": about["indicator_zh"],
                     "en": about["indicator_en"],
                     "places": labels.Label("、".join(n.zh for n in names), ", ".join(n.en for n in names)),
                     "latest": _latest(series), "status": word})
    order = {d: i for i, d in enumerate(labels.DOMAINS)}
    judged = {w: i for i, w in enumerate(CATALOGUE_ORDER)}
    parts = [bilingual(catalogue_summary(rows), messages) + "\n"] if rows else []
    for domain in sorted({r["domain"] for r in rows}, key=lambda d: order.get(d, 99)):
        # Indicators with a verdict first (an official looks for those), then the rest, by id.
        items = sorted((r for r in rows if r["domain"] == domain),
                       key=lambda r: (judged.get(r["status"], len(judged)), r["id"]))
        body = "".join(
            f"<tr><td><a href='indicators/{esc(r['id'])}.html'>{esc(r['zh'])}</a><br><span class='planeval-en'>"
            f"{esc(r['en'])}</span></td><td>{badge(r['status']) if r['status'] else '—'}</td>"
            f"<td>{both(r['latest'])}</td><td>{both(r['places']) if r['places'].zh else '—'}</td></tr>" for r in items)
        # A Markdown heading (not HTML) so that the page's contents list the domains.
        name = labels.DOMAINS[domain]
        heading = bilingual({"zh": f"{name.zh}（{len(items)}）", "en": f"{name.en} ({len(items)})"}, messages)
        header = "".join(f"<th>{both(labels.COLUMNS[c])}</th>"
                         for c in ("indicator", "status", "latest_value", "regions"))
        parts.append(f"## {heading}\n\n"
                     "<div class='planeval-table-wrap'><table class='table planeval-table planeval-catalogue'><thead>"
                     f"<tr>{header}</tr></thead><tbody>{body}</tbody></table></div>\n")
    return "\n".join(parts) + "\n" if parts else "No indicator page has been built yet.\n"


def table_messages(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The bilingual headers and cells of a Markdown table (``领域 domain``), each in one language per edition;
    cells in one language (an indicator's Chinese or English name) are left as they are."""
    found = {}
    for text in [*frame.columns, *(v for column in frame.columns for v in frame[column])]:
        label = labels.split(str(text).replace("\n", " "))
        if label is not None and label.zh != label.en:
            found[str(text)] = {"zh": label.zh, "en": label.en}
    return found


def page_title_messages(catalogue: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The indicator pages' titles (their first heading, written by the runner) in each edition."""
    return {page_title(r.indicator_zh, r.indicator_en): {"zh": r.indicator_zh, "en": r.indicator_en}
            for r in catalogue.itertuples()}


def write_generated_tables(out_dir: Path, results_dir: Path = paths.RESULTS, pages_dir: Path | None = None
                           ) -> list[Path]:
    """Write every generated include of the site into ``out_dir`` (git-ignored), and the downloads folder
    into ``out_dir/files`` (copied to the site's root by ``html_extra_path``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures, sources, catalogue = load_indicators(), load_sources(), load_catalogue()
    terms = glossary(catalogue)
    written = [
        write_if_changed(out_dir / "jieba_dict.txt", search_dictionary(catalogue, figures)),
        write_if_changed(out_dir / "glossary.md", md_table(terms)),
        write_if_changed(out_dir / "sources_table.md", sources_table(sources, figures)),
        write_if_changed(out_dir / "front.md", front_html(results_dir)),
    ]
    messages = {**table_messages(terms), **page_title_messages(catalogue)}
    if pages_dir is not None:
        written.append(write_if_changed(out_dir / "indicator_catalogue.md", indicator_catalogue(pages_dir, messages)))
    items = downloads.collect(out_dir / "files", results_dir, pages_dir)
    written.append(write_if_changed(out_dir / "downloads.md", downloads.downloads_html(items)))
    info = build_info(results_dir, sources, load_observations_table())
    cite = citation_markdown(citation(), info["data_date"], messages)
    written.append(write_if_changed(out_dir / "citation.md", cite))
    written += write_build_info(out_dir, info, messages)
    # Last: every computed text above has recorded its translations.
    written += write_generated_catalogues(out_dir, messages)
    return written
