"""HTML for people, with no notebook machinery: status badges, tables from machine frames, the domain grid.

Shared by the chapters (through :mod:`planeval.report.display`) and the site's generated pages (the front
page, the downloads list). Headers and values come from the label catalogue, numbers from the formatting
rules, and every cell is escaped, so text from the sources can never inject markup into a page.
"""

from __future__ import annotations

import html

import pandas as pd

from planeval.report import format as fmt
from planeval.report import labels


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


#: Colour of each status word (Okabe-Ito, safe for colour-blind readers), shared by every table, grid and
#: badge; the "how to read" page explains them.
STATUS_COLOURS = {
    "target achieved": "#009E73", "on track": "#56B4E9", "acceleration needed": "#F0E442",
    "limited progress": "#E69F00", "deterioration": "#D55E00", "insufficient data": "#DDDDDD",
    "not assessable": "#DDDDDD", "no local series": "#DDDDDD",
    "pass": "#009E73", "warn": "#E69F00", "fail": "#D55E00",
    "stricter": "#009E73", "equal": "#56B4E9", "looser": "#E69F00", "not comparable": "#DDDDDD",
    "agree": "#009E73", "differ in wording": "#56B4E9", "differ in value": "#D55E00", "only in one": "#E69F00",
    "high": "#009E73", "medium": "#56B4E9", "low": "#E69F00",
}
STATUS_COLUMNS = ("status", "verdict", "national_status", "confidence")
#: Columns holding web addresses: shown as a short link (the site's name) so that a long address does not
#: squeeze the sentence beside it; the full address is the link's target and in the download.
LINK_COLUMNS = ("address", "second_address", "url")
#: Columns of sentences: they keep a reading width on a phone (the table scrolls sideways instead of
#: folding a Chinese quote into one character per line).
WIDE_COLUMNS = ("quote", "sentence", "notes", "note", "explanation", "definition_zh", "definition_en",
                "title_zh", "title_en", "population_source", "caveat", "reason")


def both(text: object) -> str:
    """Escaped HTML of a label or of a Chinese-then-English text, each language marked (``planeval-zh``,
    ``planeval-en``) so that each edition of the site keeps its own; other text escaped as it is."""
    label = text if isinstance(text, labels.Label) else labels.split(text)
    if label is None:
        return esc(text)
    zh, en = label.zh, label.en
    if zh == en:
        return esc(zh)
    return f'<span class="planeval-zh">{esc(zh)}</span> <span class="planeval-en">{esc(en)}</span>'


def link(address: str) -> str:
    """A web address as a link named by its site (``fx361.cc ↗``); anything else as escaped text."""
    from urllib.parse import urlsplit

    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return esc(address)
    return f'<a href="{esc(address)}" rel="noopener noreferrer">{esc(parts.netloc)} ↗</a>'


def badge(word: str) -> str:
    """A status word as a coloured badge, Chinese beside English (only known words are coloured)."""
    label = labels.status(word)
    colour = STATUS_COLOURS.get(word)
    style = f' style="background:{colour}"' if colour else ""
    return f'<span class="planeval-status"{style}>{both(label)}</span>'


def cells(frame: pd.DataFrame) -> list[list[str]]:
    rows = []
    for record in frame.itertuples(index=False):
        row = []
        for column, x in zip(frame.columns, record, strict=True):
            if column in STATUS_COLUMNS and isinstance(x, str) and x in STATUS_COLOURS:
                row.append(badge(x))
                continue
            if column in LINK_COLUMNS and isinstance(x, str):
                row.append(link(x))
                continue
            if isinstance(x, labels.Label):  # a text with its translation (see display.table)
                row.append(both(x))
                continue
            # A cell the chapter wrote in both languages (a Chinese line, then an English line).
            label = labels.value(column, x) or (labels.split_lines(x) if isinstance(x, str) else None)
            row.append(both(label) if label else esc(fmt.cell(column, x)))
        rows.append(row)
    return rows


def _header(label: labels.Label) -> str:
    """A column header: Chinese above English, each marked."""
    return f"<span class='planeval-zh'>{esc(label.zh)}</span><br><span class='planeval-en'>{esc(label.en)}</span>"


def html_table(frame: pd.DataFrame, rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_header(labels.header(c))}</th>" if labels.header(c).zh != labels.header(c).en
                   else f"<th>{esc(c)}</th>" for c in frame.columns)
    opening = ['<td class="planeval-wide">' if c in WIDE_COLUMNS else "<td>" for c in frame.columns]
    body = "".join("<tr>" + "".join(f"{o}{c}</td>" for o, c in zip(opening, row, strict=True)) + "</tr>"
                   for row in rows)
    return f'<table class="table planeval-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


#: The columns of the domain grid: (roll-up column, status word that colours it).
GRID = (("achieved", "target achieved"), ("on_track", "on track"), ("off_track", "limited progress"),
        ("not_judged", "insufficient data"))


def status_grid_html(rollup: pd.DataFrame, scopes: tuple[str, ...] = ("local", "national")) -> str:
    """A domain × status grid (traffic lights, as the Sustainable Development Report's dashboards): per
    domain and scope, how many targets are achieved, on track, off track and not judged."""
    head = "".join(f"<th>{_header(labels.column(c))}</th>" for c, _ in GRID)
    body = []
    for scope in scopes:
        rows = rollup[rollup["scope"] == scope]
        if rows.empty:
            continue
        name = labels.SCOPES[scope]
        body.append(f"<tr class='planeval-grid-scope'><th colspan='{len(GRID) + 1}'>{both(name)}</th></tr>")
        for r in rows.itertuples():
            domain = labels.DOMAINS.get(r.domain)
            cells = []
            for column, word in GRID:
                n = int(getattr(r, column))
                style = f' style="background:{STATUS_COLOURS[word]}"' if n else ""
                cells.append(f'<td class="planeval-grid-cell"{style}>{n}</td>')
            body.append(f"<tr><th>{both(domain) if domain else esc(r.domain)}</th>{''.join(cells)}</tr>")
    domain = _header(labels.column("domain"))
    return (f'<div class="planeval-table-wrap"><table class="table planeval-grid"><thead><tr><th>{domain}</th>'
            f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


