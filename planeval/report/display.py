"""What a chapter shows a reader: its answers first, the parameters box, tables for people, figures.

Every table a chapter shows is also written to its results folder (:mod:`planeval.report.results`) with
its machine names and full precision, so the downloads and the researchers' CSVs are the numbers the
pages show. On the page, headers and values come from the label catalogue (:mod:`planeval.report.labels`)
and numbers from the formatting rules (:mod:`planeval.report.format`); long tables are folded, wide ones
scroll inside their frame with the first column fixed. Every cell is HTML-escaped, so text from the
sources can never inject markup into a page.
"""

from __future__ import annotations

import base64
import json
import os

import pandas as pd
from IPython.display import HTML

from planeval.report import format as fmt
from planeval.report import labels, results
from planeval.report.html import STATUS_COLOURS, badge, both, cells, esc, html_table, status_grid_html
from planeval.report.statements import Statement

#: Rows shown before a table is folded (the rest a click away; the whole table is a download).
FOLD_AFTER = 25

__all__ = ["STATUS_COLOURS", "answers", "badge", "figure", "parameters_box", "status_grid", "table"]

def download_link(name: str, suffix: str = ".csv") -> str:
    """The address of a chapter's result file on the site (``/downloads/<chapter>/<name>``), from a chapter
    page."""
    chapter = os.environ.get(results.CHAPTER_ENV) or "scratch"
    return f"../../downloads/{chapter}/{name}{suffix}"


def parameters_box(values: dict | None = None) -> HTML:
    """The 'parameters used' box: every declared parameter with its value and where the value came from.

    The runner writes the rows (from the notebook's declarations) into the chapter's results before it
    runs; a notebook run by hand passes ``values`` instead. A researcher's file is named by its file name
    and hash, never by its local path.
    """
    path = results.results_dir() / results.PARAMETERS_JSON
    if path.is_file():
        rows = json.loads(path.read_text(encoding="utf-8"))
    else:
        rows = [{"name": k, "value": v, "origin": "", "help": ""} for k, v in (values or {}).items()]
    body = "".join(
        f"<tr><td><code>{esc(r['name'])}</code></td><td>{esc(_shown_value(r['value']))}</td>"
        f"<td>{both(labels.ORIGINS.get(r['origin'], r['origin']))}</td><td>{_help(r)}</td></tr>" for r in rows)
    head = "<tr>" + "".join(f"<th>{both(h)}</th>" for h in ("参数 parameter", "取值 value", "来自 from",
                                                            "含义 meaning")) + "</tr>"
    return HTML(f'<details class="planeval-parameters"><summary>{both("本章参数 Parameters used")}</summary>'
                f'<div class="planeval-table-wrap"><table class="table"><thead>{head}</thead><tbody>{body}'
                "</tbody></table></div></details>")


def _help(row: dict) -> str:
    """A parameter's help in each edition's language (English alone when the declaration gives no Chinese)."""
    zh = row.get("help_zh") or ""
    return both(labels.Label(zh, row["help"])) if zh else esc(row["help"])


def _shown_value(value: object) -> str:
    if isinstance(value, str) and os.sep in value and os.path.isabs(value):
        return os.path.basename(value)  # never a local path on a page
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return fmt.number(value)
    return "null" if value is None else str(value)


def answers(statements: list[Statement], title: str = "本章结论 What this chapter finds") -> HTML:
    """The chapter's answers, first on its page: each sentence in Chinese and English, with a link to its
    evidence further down the page."""
    items = []
    for s in statements:
        evidence = both(labels.EVIDENCE)
        link = f' <a class="planeval-evidence" href="#{esc(s.evidence)}">{evidence} ↓</a>' if s.evidence else ""
        # The link last: each edition removes the other language with its line break and keeps the link.
        items.append(f'<li><span class="planeval-zh">{esc(s.zh)}</span><br>'
                     f'<span class="planeval-en">{esc(s.en)}</span>{link}</li>')
    results.save_answers(statements)
    results.record_caption(f"{results.ANSWERS}.csv", title)
    return HTML(f'<div class="admonition tip planeval-answers"><p class="admonition-title">{both(title)}</p>'
                f'<ol>{"".join(items)}</ol></div>')


#: Columns written in English with a Chinese twin ``<column>_zh`` (the audit's explanations, rules and grades,
#: the comparison's caveats and reasons, the notes of the figures table and the manifest, the terms of chapter
#: 8's ratios): the download keeps both columns, the page shows each edition its own.
TRANSLATED_COLUMNS = ("explanation", "caveat", "reason", "notes", "grade", "description", "numerator", "denominator")


#: Names a table may give in both languages, one column each: the page shows one column, in the edition's language
#: (chapter 8's ratios are named ``ratio`` in English).
NAMED_TWICE = (("indicator_zh", "indicator_en"), ("title_zh", "title_en"), ("ratio_zh", "ratio"))


def _with_translations(shown: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """``shown`` with each translated column holding both texts (a Label) and its Chinese twin left out."""
    for column in TRANSLATED_COLUMNS:
        twin = f"{column}_zh"
        if column in shown.columns and twin in df.columns:
            both_texts = [labels.Label(str(zh), str(en)) if isinstance(zh, str) and zh else en
                          for zh, en in zip(df.loc[shown.index, twin], shown[column], strict=True)]
            shown = shown.assign(**{column: both_texts}).drop(columns=[twin], errors="ignore")
    for zh, en in NAMED_TWICE:
        if {zh, en} <= set(shown.columns):
            # one column, each edition's name (an indicator_zh column alone is named by labels.indicator_names)
            names = [labels.Label(str(a), str(b)) if isinstance(a, str) and isinstance(b, str) else a
                     for a, b in zip(shown[zh], shown[en], strict=True)]
            shown = shown.assign(**{zh: names}).drop(columns=[en])
    return shown


def table(df: pd.DataFrame, name: str, caption: str = "", *, columns: list[str] | None = None,
          rows: list[bool] | None = None, fold: int = FOLD_AFTER, max_rows: int | None = None,
          download: bool = True) -> HTML:
    """Save ``df`` as ``<name>.csv`` in the chapter's results and show it for people.

    ``columns`` are the ones shown on the page and ``rows`` (a true/false per row) the rows shown (all by
    default; the CSV has every column and row). Beyond ``fold`` rows the rest of the table is folded;
    ``max_rows`` caps what the page holds at all.
    """
    results.save_table(df, name)
    results.record_caption(f"{name}.csv", caption)
    shown = _with_translations(df[list(columns)] if columns else df, df)
    shown = shown[list(rows)] if rows is not None else shown
    chosen = len(shown)
    if max_rows is not None:
        shown = shown.head(max_rows)
    body_rows = cells(shown)
    first, rest = body_rows[:fold], body_rows[fold:]
    body = html_table(shown, first)
    if rest:
        more = both(labels.Label(f"显示其余 {len(rest)} 行", f"Show the other {len(rest)} rows"))
        body += f'<details class="planeval-more"><summary>{more}</summary>{html_table(shown, rest)}</details>'
    hidden = chosen - len(shown)  # cut by max_rows (rows left out on purpose are said in the page's prose)
    more_rows = labels.Label(f"下载文件中另有{hidden}行。", f"{hidden} more rows in the download.")
    note = f"<p><em>{both(more_rows)}</em></p>" if hidden > 0 else ""
    link = f" <a class='planeval-download' href='{esc(download_link(name))}'>CSV</a>" if download else ""
    cap = f"<p class='caption' id='{esc(name)}'><strong>{both(caption)}</strong>{link}</p>"
    return HTML(f'<div class="planeval-table-block">{cap}<div class="planeval-table-wrap">{body}</div>{note}</div>')


#: The languages each chart is drawn in: one image per edition of the site (the Chinese one is ``<name>.png``).
CHART_LANGUAGES = ("zh", "en")


def figure(fig, name: str, alt: labels.Label | str, source: str = "", data: pd.DataFrame | None = None,
           download: bool = True) -> HTML:
    """Save ``fig`` once per language, as ``<name>.png`` (Chinese) and ``<name>.en.png`` (English), and the
    table it draws (``data``) as ``<name>.csv``, in the chapter's results; show both images, each marked with
    its language (each edition of the site keeps its own), with the alt text, source note and downloads."""
    import matplotlib.pyplot as plt

    from planeval.report.plotting import in_language

    images, pngs, links = [], [], []
    described = alt if isinstance(alt, labels.Label) else labels.split(alt)
    for lang in CHART_LANGUAGES:
        file = name if lang == CHART_LANGUAGES[0] else f"{name}.{lang}"
        with in_language(fig, lang):
            path = results.save_figure(fig, file)
        text = described.text(lang) if described else str(alt)
        results.record_caption(f"{file}.png", _chart_caption(described, lang) if described else text)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        images.append(f'<img class="planeval-{lang}" src="data:image/png;base64,{encoded}" alt="{esc(text)}" '
                      'style="max-width:100%;height:auto">')
        if download:
            pngs.append(f"<a class='planeval-{lang}' href='{esc(download_link(file, '.png'))}'>PNG</a>")
    plt.close(fig)
    if pngs:  # one link per edition, side by side: each edition keeps its own
        links.append(" ".join(pngs))
    if data is not None:
        results.save_table(data, name)
        caption = (labels.Label(f"图表数据：{described.zh}", f"the data of the chart: {described.en}")
                   if described else f"the data of the chart: {alt}")
        results.record_caption(f"{name}.csv", caption)
        if download:
            links.append(f"<a href='{esc(download_link(name))}'>CSV</a>")
    note = f"<p class='planeval-source'>{both(source)}</p>" if source else ""
    shown_links = f"<p class='planeval-downloads'>{' · '.join(links)}</p>" if links else ""
    return HTML(f'<figure class="planeval-figure" id="{esc(name)}">{"".join(images)}{note}{shown_links}</figure>')


#: How the downloads page names the language a chart image is drawn in.
_DRAWN_IN = {"zh": labels.Label("中文图", "the chart in Chinese"), "en": labels.Label("英文图", "the chart in English")}


def _chart_caption(described: labels.Label, lang: str) -> labels.Label:
    """What one language's image of a chart shows, said in both languages (the downloads page of each edition
    lists the images of both)."""
    drawn = _DRAWN_IN[lang]
    return labels.Label(f"{drawn.zh}：{described.zh}", f"{drawn.en}: {described.en}")


def status_grid(rollup: pd.DataFrame, title: str) -> HTML:
    """The grid of :func:`status_grid_html` with its title, saved as ``grid.csv``."""
    results.save_table(rollup, "grid")
    results.record_caption("grid.csv", title)
    return HTML(f"<p class='caption' id='grid'><strong>{both(title)}</strong> "
                f"<a class='planeval-download' href='{esc(download_link('grid'))}'>CSV</a></p>"
                f"{status_grid_html(rollup)}")


def note(text: str) -> HTML:
    """A sentence in place of a table or chart that has nothing to show (never an empty chart)."""
    return HTML(f'<p class="planeval-note">{both(text)}</p>')


def about(info: pd.DataFrame) -> HTML:
    """An indicator's card: its names, definition, unit, domain and the direction that counts as better."""
    from planeval.report import labels

    row = info.iloc[0]
    better = {"higher": labels.Label("越高越好", "higher is better"),
              "lower": labels.Label("越低越好", "lower is better")}.get(row["better"], "—")
    definition = labels.Label(row["definition_zh"] or row["definition_en"] or "—",
                              row["definition_en"] or row["definition_zh"] or "—")
    facts = [("定义 definition", definition), ("单位 unit", labels.unit(row["unit"])),
             ("领域 domain", labels.DOMAINS[row["domain"]]), ("方向 direction", better), ("编号 id", row["id"])]
    body = "".join(f"<tr><th>{both(k)}</th><td>{both(v)}</td></tr>" for k, v in facts)
    return HTML(f'<div class="planeval-table-wrap"><table class="table planeval-about"><tbody>{body}</tbody>'
                "</table></div>")


def chapter_links(chapters: str, rows_name: str) -> HTML:
    """Links to the chapters that treat an indicator, and to the download of its rows."""
    from planeval.report.labels import CHAPTER_TITLES

    names = [c for c in str(chapters).split(", ") if c]
    items = "".join(f"<li><a href='../chapters/{esc(c)}.html'>{both(CHAPTER_TITLES.get(c, c))}</a></li>"
                    for c in names)
    page = os.environ.get(results.CHAPTER_ENV) or "scratch"
    download = f"../../downloads/indicators/{page}.csv"
    rows = both(labels.Label("下载本指标的全部数据（CSV）", "Download this indicator's rows (CSV)"))
    return HTML(f"<p><strong>{both('相关章节 Chapters that treat it')}</strong></p><ul>{items or '<li>—</li>'}</ul>"
                f"<p><a class='planeval-download' href='{esc(download)}'>{rows}</a></p>")
