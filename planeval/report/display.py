"""What a chapter shows a reader: a parameters box, tables saved as CSV, figures saved as PNG with alt text.

Every table a chapter shows is also written to its results folder (``planeval.report.results``), so the
website's downloads and the researcher's CSVs are the same numbers the pages show. Cell values are
HTML-escaped, so text from the sources can never inject markup into a page.
"""

from __future__ import annotations

import base64
import html

import pandas as pd
from IPython.display import HTML

from planeval.methods.checks import FINDING_STATUSES
from planeval.methods.compare import VERDICTS
from planeval.methods.progress import (
    ACCELERATE,
    ACHIEVED,
    DETERIORATION,
    INSUFFICIENT,
    LIMITED,
    NOT_ASSESSABLE,
    ON_TRACK,
)
from planeval.report import results

#: Colour of each status word (Okabe-Ito, safe for colour-blind readers), shared by every table; the
#: "how to read" page explains them.
STATUS_COLOURS = {
    ACHIEVED: "#009E73", ON_TRACK: "#56B4E9", ACCELERATE: "#F0E442", LIMITED: "#E69F00",
    DETERIORATION: "#D55E00", INSUFFICIENT: "#DDDDDD", NOT_ASSESSABLE: "#DDDDDD",
    **dict(zip(FINDING_STATUSES, ("#009E73", "#E69F00", "#D55E00"), strict=True)),
    **dict(zip(VERDICTS, ("#009E73", "#56B4E9", "#E69F00", "#DDDDDD"), strict=True)),
}
STATUS_COLUMNS = ("status", "verdict")


def parameters_box(params: dict) -> HTML:
    """A readable 'parameters used' box (replaces papermill's injected-parameters cell on the site)."""
    rows = "".join(f"<tr><td><code>{html.escape(str(k))}</code></td><td>{html.escape(repr(v))}</td></tr>"
                   for k, v in params.items())
    return HTML('<div class="admonition note"><p class="admonition-title">Parameters used 本章参数</p>'
                f'<table class="table"><tbody>{rows}</tbody></table></div>')


def table(df: pd.DataFrame, name: str, caption: str = "", *, max_rows: int = 400) -> HTML:
    """Save ``df`` as ``<name>.csv`` in the chapter's results and return it as an escaped HTML table."""
    results.save_table(df, name)
    shown = df.head(max_rows)
    body = shown.to_html(index=False, escape=True, na_rep="", classes="table planeval-table", border=0)
    body = _colour_statuses(body, shown)
    note = f"<p><em>{len(df) - max_rows} more rows in {html.escape(name)}.csv</em></p>" if len(df) > max_rows else ""
    cap = f"<p class='caption'><strong>{html.escape(caption)}</strong> " \
          f"(<code>{html.escape(name)}.csv</code>)</p>" if caption else ""
    return HTML(f'<div class="planeval-table-wrap">{cap}{body}{note}</div>')


def _colour_statuses(body: str, shown: pd.DataFrame) -> str:
    """Give the cells of status columns the colour of their word (only known words: nothing from the
    data is inserted unescaped)."""
    words = {str(v) for c in STATUS_COLUMNS if c in shown.columns for v in shown[c].unique()}
    for word in sorted(words & set(STATUS_COLOURS), key=len, reverse=True):
        escaped = html.escape(word)
        body = body.replace(f"<td>{escaped}</td>",
                            f'<td><span class="planeval-status" style="background:{STATUS_COLOURS[word]}">'
                            f"{escaped}</span></td>")
    return body


def figure(fig, name: str, alt: str) -> HTML:
    """Save ``fig`` as ``<name>.png`` in the chapter's results and show it with its alt text."""
    import matplotlib.pyplot as plt

    path = results.save_figure(fig, name)
    plt.close(fig)
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return HTML(f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
                f'style="max-width:100%;height:auto">')
