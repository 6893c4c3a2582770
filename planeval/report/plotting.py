"""Figures: a CJK font registered by file, deterministic PNGs, and target charts that draw the target line.

The font comes from the ``mplfonts`` package (installed from the package registry by ``make book``) and
is registered by its file path, so the figures never depend on what fonts the machine happens to have.
A missing glyph is an error, not a warning: a chart with boxes instead of Chinese labels must not ship.
"""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from importlib import resources

import matplotlib
import pandas as pd

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from planeval.report.html import GRID, STATUS_COLOURS  # noqa: E402
from planeval.report.labels import CHECKS, COLUMNS, DOMAINS, PLACES, SCOPES, STATUSES, Label, split  # noqa: E402

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
_registered: str | None = None


def cjk_font_path() -> str:
    """Path of the bundled Noto Sans CJK SC font file."""
    return str(resources.files("mplfonts") / "fonts" / CJK_FONT_FILE)


def use_cjk_font() -> str:
    """Register the CJK font by file and make it matplotlib's default; returns the family name.

    >>> use_cjk_font()
    'Noto Sans CJK SC'
    """
    global _registered
    if _registered is None:
        path = cjk_font_path()
        manager = font_manager.fontManager
        manager.addfont(path)
        _registered = font_manager.FontProperties(fname=path).get_name()
        # A machine may have the same family installed (e.g. Debian's fonts-noto-cjk, another version):
        # keep only the bundled file, so figures are the same bytes on every machine.
        manager.ttflist = [f for f in manager.ttflist if f.name != _registered or f.fname == path]
        font_manager.FontManager._findfont_cached.cache_clear()
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [_registered, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "planeval",
        "figure.dpi": 100,
        "savefig.dpi": 120,
    })
    warnings.filterwarnings("error", message=r"Glyph .* missing from")
    return _registered


@contextmanager
def in_language(fig, lang: str):
    """Every bilingual text of ``fig`` (titles, axis labels, legends, notes, tick labels) in one language,
    ``"zh"`` or ``"en"``, while the context lasts: each edition of the site shows its own image."""
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    def one(text: str) -> str:
        label = split(text)
        return label.text(lang) if label else text

    texts = [(t, t.get_text()) for t in fig.findobj(Text) if split(t.get_text())]
    # Tick labels given as words (set_yticks(ticks, labels)): matplotlib keeps them in a FixedFormatter or,
    # from 3.9, a FuncFormatter; each is wrapped for the while. Number formatters are left alone.
    formatters = [(axis, f) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
                  if isinstance(f := axis.get_major_formatter(), FixedFormatter | FuncFormatter)]
    try:
        for text, original in texts:
            text.set_text(one(original))
        for axis, formatter in formatters:
            axis.set_major_formatter(FuncFormatter(lambda x, pos, f=formatter: one(f(x, pos))))
        yield fig
    finally:
        for text, original in texts:
            text.set_text(original)
        for axis, formatter in formatters:
            axis.set_major_formatter(formatter)


def target_chart(years, values, *, target: float, target_year: int, title: str, ylabel: str,
                 series_label: str, target_label: str | None = None, comparator: str = ">="):
    """A line chart of an observed series with the target drawn as a dashed line and its year marked.

    Returns the matplotlib Figure; the caller saves it with :func:`planeval.report.results.save_figure`.
    """
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.plot(list(years), list(values), marker="o", color="#0072B2", label=series_label)
    ax.axhline(target, color="#D55E00", linestyle="--",
               label=target_label or Label(f"目标 {comparator} {target:g}（{target_year}年）",
                                           f"target {comparator} {target:g} ({target_year})").both())
    ax.axvline(target_year, color="#999999", linestyle=":", linewidth=1)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("年份 year")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="best", frameon=False)
    return fig


CATEGORY_LABELS = {"institutional": "机构养育 institutional care", "dispersed": "散居 dispersed care"}


def allowance_chart(full, projected):
    """Stated and implied standards as solid lines and markers, projections dashed with their band."""
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    colours = {"institutional": "#0072B2", "dispersed": "#009E73"}
    for category, group in full.groupby("category", sort=True):
        colour = colours.get(category, "#555555")
        known = group[group["status"] != "projected"]
        ax.plot(known["year"], known["value"], color=colour, marker="o",
                label=CATEGORY_LABELS.get(category, category))
        implied = known[known["status"] == "implied"]
        ax.scatter(implied["year"], implied["value"], facecolors="white", edgecolors=colour, zorder=3,
                   label=f"推算 implied ({category})")
        band = projected[projected["category"] == category]
        if not band.empty:
            last = known.iloc[-1]
            ax.plot([last["year"], *band["year"]], [last["value"], *band["central"]], color=colour, linestyle="--")
            ax.fill_between(band["year"], band["low"], band["high"], color=colour, alpha=0.15)
    ax.set_title("哈尔滨孤儿基本生活费标准 Harbin orphan allowances")
    ax.set_ylabel("元/人·月 yuan per child per month")
    ax.set_xlabel("年份 year")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    return fig


# --- Charts that answer: the audit's findings and the progress by domain, as stacked horizontal bars ---------

#: Words of the charts that the label catalogue has no entry for (titles and panel names); every word of the
#: data (statuses, checks, domains, column names) comes from :mod:`planeval.report.labels`.
CHART_WORDS = {
    "findings_title": Label("核查结果（派生结果不计）", "Findings (consequences not counted)"),
    "findings": Label("结果数", "findings"),
    "by_source": Label("按文件", "by document"),
    "by_check": Label("按核查", "by check"),
    "observations": Label("观测表", "observations table"),
    "progress_title": Label("各领域目标进展", "Progress toward the targets, by domain"),
    **SCOPES,
}
#: Statuses of the findings, in the order their segments are stacked: the problems start at the axis.
FINDING_SEGMENTS = ("fail", "warn", "pass")
#: Segments of the progress chart: (roll-up column, status word that colours it), the grid's own pairs.
PROGRESS_SEGMENTS = GRID
WIDTH_IN = 7.0
ROW_IN = 0.45
FRAME_IN = 1.5
FONT = {"title": 13, "panel": 12, "tick": 11, "label": 11, "legend": 11, "count": 10}
_SOURCE = re.compile(r"\bs\d{3}\b")
_OBSERVATION = re.compile(r"\bobs-\d+\b")
#: The bar of the findings about rows of the observations table rather than a source document.
OBSERVATIONS = "observations"


def _figure(panel_rows: list[int]):
    """A figure 7 inches wide and 0.45 inch per bar (plus a frame) high, one panel per entry of ``panel_rows``:
    scaled to a phone's width, its text stays at least 10 points of a 7-inch page."""
    use_cjk_font()
    height = ROW_IN * sum(panel_rows) + FRAME_IN + 0.6 * (len(panel_rows) - 1)
    return plt.subplots(len(panel_rows), 1, figsize=(WIDTH_IN, height), sharex=True, layout="constrained",
                        gridspec_kw={"height_ratios": [n + 1 for n in panel_rows]}, squeeze=False)


def _stacked_bars(ax, counts: pd.DataFrame, segments, names: list[str], title: Label, scale: float) -> None:
    """One horizontal bar per row of ``counts``, its segments the columns in ``segments`` (column, label,
    colour), each count written inside its segment when the segment is wide enough, the total at the end."""
    y = list(range(len(counts)))
    left = [0.0] * len(counts)
    totals = [float(t) for t in counts[[column for column, _, _ in segments]].sum(axis=1)]
    for column, label, colour in segments:
        widths = [float(w) for w in counts[column]]
        ax.barh(y, widths, left=left, height=0.7, color=colour, edgecolor="white", linewidth=0.8,
                label=label.both())
        for i, (x, w) in enumerate(zip(left, widths, strict=True)):
            # the count inside its segment when it fits (and is not the whole bar: the total is written beside)
            if w and w != totals[i] and w >= scale * (0.028 * len(f"{w:g}") + 0.01):
                ax.text(x + w / 2, i, f"{w:g}", ha="center", va="center", fontsize=FONT["count"], color="black")
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for i, total in enumerate(totals):
        ax.text(total + scale * 0.01, i, f"{total:g}", ha="left", va="center", fontsize=FONT["count"],
                color="#333333")
    ax.set_yticks(y, names, fontsize=FONT["tick"])
    ax.set_ylim(len(counts) - 0.5, -0.5)  # the first row on top
    ax.set_title(title.both(), loc="left", fontsize=FONT["panel"])
    ax.tick_params(axis="x", labelsize=FONT["tick"])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)


def _finish(fig, axes, segments, title: Label, xlabel: Label, xmax: float) -> None:
    axes[-1].set_xlim(0, xmax * 1.08 + 0.5)
    axes[-1].set_xlabel(xlabel.both(), fontsize=FONT["label"])
    handles = [Patch(facecolor=colour, edgecolor="white", label=label.both()) for _, label, colour in segments]
    fig.legend(handles=handles, loc="outside lower center", ncols=2 if len(handles) > 3 else len(handles),
               frameon=False, fontsize=FONT["legend"])
    fig.suptitle(title.both(), fontsize=FONT["title"])


def finding_source(rows: str, explanation: str = "") -> str:
    """The source document(s) a finding is about, from its rows (figure ids ``s003-015`` or source ids
    ``s004``), else from its explanation; several sources are joined with `` + ``. A finding about rows of
    the observations table (``obs-155``) is ``"observations"``; one that names nothing, ``"—"``.

    >>> finding_source("s001-029, s000-012, s002-023"), finding_source("s004"), finding_source("", "s003 line 4")
    ('s000 + s001 + s002', 's004', 's003')
    >>> finding_source("obs-155, obs-156"), finding_source("", "no source named")
    ('observations', '—')
    """
    found = sorted({m for r in str(rows).split(", ") for m in _SOURCE.findall(r)})
    if not found:
        found = _SOURCE.findall(str(explanation))[:1]
    if not found and _OBSERVATION.search(str(rows)):
        return OBSERVATIONS
    return " + ".join(found) or "—"


def _source_name(key: str, lang: str = "both") -> str:
    return CHART_WORDS[key].text(lang) if key in CHART_WORDS else key


def _roots(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings that follow from no other (``cause`` empty), passes included."""
    roots = findings[findings["cause"].fillna("") == ""]
    if roots.empty:
        raise ValueError("no findings to draw: show a note instead of an empty chart")
    return roots


def _finding_counts(findings: pd.DataFrame, by: str) -> pd.DataFrame:
    """Root findings counted per source document (``by="source"``) or per check, one column per status."""
    roots = _roots(findings)
    if by == "source":
        key = pd.Series([finding_source(r, e) for r, e in zip(roots["rows"], roots["explanation"], strict=True)],
                        index=roots.index)
    elif by == "check":
        key = roots["check"]
    else:
        raise ValueError(f"by must be 'source' or 'check', not {by!r}")
    table = pd.crosstab(key, roots["status"]).reindex(columns=list(FINDING_SEGMENTS), fill_value=0)
    if by == "source":  # single documents first, in their order, then those spanning several, then the rest
        order = sorted(table.index, key=lambda s: (not _SOURCE.match(s), s.count("+"), s))
    else:  # the checks with fails first, then warns, then the most findings
        order = sorted(table.index, key=lambda c: (-table.loc[c, "fail"], -table.loc[c, "warn"],
                                                   -table.loc[c, "pass"], c))
    return table.loc[order].astype(int)


def findings_chart(findings: pd.DataFrame, by: tuple[str, ...] = ("source", "check")):
    """The audit's findings that follow from no other, as horizontal bars stacked by status (fail, warn, pass):
    one panel per entry of ``by``, one bar per source document (``"source"``; a finding about several
    documents has its own bar, ``s001 + s002``) or per check (``"check"``). Returns the Figure.
    """
    tables = [_finding_counts(findings, b) for b in by]
    fig, axes = _figure([len(t) for t in tables])
    axes = list(axes[:, 0])
    segments = [(s, STATUSES[s], STATUS_COLOURS[s]) for s in FINDING_SEGMENTS]
    xmax = max(float(t.sum(axis=1).max()) for t in tables)
    for ax, b, table in zip(axes, by, tables, strict=True):
        if b == "source":
            names = [_source_name(s) for s in table.index]
        else:
            names = [CHECKS.get(c, Label(c, c)).both() for c in table.index]
        _stacked_bars(ax, table, segments, names, CHART_WORDS[f"by_{b}"], xmax)
    _finish(fig, axes, segments, CHART_WORDS["findings_title"], CHART_WORDS["findings"], xmax)
    return fig


def _counted(counts, words) -> str:
    """``"3 pass, 1 warn and 0 fail"`` from counts and their English words."""
    parts = [f"{int(n)} {w}" for n, w in zip(counts, words, strict=True)]
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _counted_zh(counts, words, measure: str = "项") -> str:
    """``"通过3项、存疑1项、不符0项"`` from counts and their Chinese words."""
    return "、".join(f"{w}{int(n)}{measure}" for n, w in zip(counts, words, strict=True))


def describe_findings(findings: pd.DataFrame) -> Label:
    """The numbers of :func:`findings_chart` in one sentence per language, for its alt text.

    >>> f = pd.DataFrame({"check": ["share", "magnitude", "count"], "status": ["fail", "fail", "pass"],
    ...                   "rows": ["s003-001", "s003-002", "s000"], "explanation": ["", "", ""],
    ...                   "cause": ["", "a001", ""]})
    >>> described = describe_findings(f)
    >>> described.en
    'Of 3 findings, 2 follow from no other (1 pass, 0 warn and 1 fail); by document: s000 1 (1 pass); s003 1 \
(1 fail); fails by check: share 1.'
    >>> described.zh
    '共3项核查结果，其中2项不由其他结果引起（通过1项、存疑0项、不符1项）；按文件：s000 1项（通过1项）；s003 1项\
（不符1项）；不符按核查：占比1项。'
    """
    roots = _roots(findings)
    order = FINDING_SEGMENTS[::-1]
    total = roots["status"].value_counts().reindex(order, fill_value=0)
    sources = _finding_counts(findings, "source")
    checks = _finding_counts(findings, "check")
    fails = checks[checks["fail"] > 0]["fail"]
    en_sources = "; ".join(
        f"{_source_name(s, 'en')} {int(r.sum())} ("
        + ", ".join(f"{int(r[k])} {STATUSES[k].en}" for k in order if r[k]) + ")" for s, r in sources.iterrows())
    zh_sources = "；".join(
        f"{_source_name(s, 'zh')} {int(r.sum())}项（"
        + "、".join(f"{STATUSES[k].zh}{int(r[k])}项" for k in order if r[k]) + "）" for s, r in sources.iterrows())
    en_fails = ", ".join(f"{CHECKS.get(c, Label(c, c)).en} {int(n)}" for c, n in fails.items())
    zh_fails = "、".join(f"{CHECKS.get(c, Label(c, c)).zh}{int(n)}项" for c, n in fails.items())
    en = (f"Of {len(findings)} findings, {len(roots)} follow from no other "
          f"({_counted(total, [STATUSES[s].en for s in order])}); by document: {en_sources}"
          + (f"; fails by check: {en_fails}." if en_fails else "."))
    zh = (f"共{len(findings)}项核查结果，其中{len(roots)}项不由其他结果引起"
          f"（{_counted_zh(total, [STATUSES[s].zh for s in order])}）；按文件：{zh_sources}"
          + (f"；不符按核查：{zh_fails}。" if zh_fails else "。"))
    return Label(zh, en)


def _progress_panels(rollup: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(scope, its rows with the most targets first) for the scopes of the roll-up: local, then national."""
    if "method" in rollup.columns and rollup["method"].nunique() > 1:
        raise ValueError("the roll-up has several methods: draw one (the chapter's 'rollup_shown')")
    panels = []
    for scope in ("local", "national"):
        rows = rollup[rollup["scope"] == scope]
        if len(rows):
            order = sorted(range(len(rows)), key=lambda i: (-int(rows["targets"].iloc[i]), rows["domain"].iloc[i]))
            panels.append((scope, rows.iloc[order]))
    if not panels:
        raise ValueError("no targets to draw: show a note instead of an empty chart")
    return panels


def progress_chart(rollup: pd.DataFrame):
    """The progress roll-up as an ESCAP-style snapshot: per domain (one bar each) the targets achieved, on
    track, off track and not judged, stacked and coloured like the status each counts; one panel for the
    local targets, one for the national ones (national context). Returns the Figure."""
    panels = _progress_panels(rollup)
    fig, axes = _figure([len(rows) for _, rows in panels])
    axes = list(axes[:, 0])
    segments = [(column, COLUMNS[column], STATUS_COLOURS[word]) for column, word in PROGRESS_SEGMENTS]
    columns = [column for column, _ in PROGRESS_SEGMENTS]
    xmax = max(float(rows[columns].sum(axis=1).max()) for _, rows in panels)
    for ax, (scope, rows) in zip(axes, panels, strict=True):
        names = [DOMAINS.get(d, Label(d, d)).both() for d in rows["domain"]]
        _stacked_bars(ax, rows.reset_index(drop=True), segments, names, CHART_WORDS[scope], xmax)
    _finish(fig, axes, segments, CHART_WORDS["progress_title"], COLUMNS["targets"], xmax)
    return fig


def describe_progress(rollup: pd.DataFrame) -> Label:
    """The numbers of :func:`progress_chart` in one sentence per language, for its alt text.

    >>> r = pd.DataFrame({"scope": ["local", "national"], "domain": ["health", "health"], "targets": [3, 5],
    ...                   "achieved": [0, 2], "on_track": [0, 1], "off_track": [1, 1], "not_judged": [2, 1]})
    >>> described = describe_progress(r)
    >>> described.en
    'Targets by domain and status — local targets: 3 in 1 domain (0 achieved, 0 on track, 1 off track and 2 \
not judged); national targets (for context): 5 in 1 domain (2 achieved, 1 on track, 1 off track and 1 \
not judged).'
    >>> described.zh
    '各领域目标及其状态——本地目标：1个领域共3个（已达标0个、按期可达0个、进度落后1个、无法判断2个）；\
国家目标（作参照）：1个领域共5个（已达标2个、按期可达1个、进度落后1个、无法判断1个）。'
    """
    columns = [column for column, _ in PROGRESS_SEGMENTS]
    scopes = {"local": Label("本地目标", "local targets"),
              "national": Label("国家目标（作参照）", "national targets (for context)")}
    parts_zh, parts_en = [], []
    for scope, rows in _progress_panels(rollup):
        totals = rows[columns].sum()
        domains = f"{len(rows)} domain" + ("s" if len(rows) != 1 else "")
        parts_en.append(f"{scopes[scope].en}: {int(totals.sum())} in {domains} "
                        f"({_counted(totals, [COLUMNS[c].en for c in columns])})")
        parts_zh.append(f"{scopes[scope].zh}：{len(rows)}个领域共{int(totals.sum())}个"
                        f"（{_counted_zh(totals, [COLUMNS[c].zh for c in columns], '个')}）")
    return Label("各领域目标及其状态——" + "；".join(parts_zh) + "。",
                 "Targets by domain and status — " + "; ".join(parts_en) + ".")


#: One colour per place on the indicator pages (Okabe-Ito), so that a place has its colour on every page.
PLACE_COLOURS = {"national": "#0072B2", "harbin": "#D55E00", "heilongjiang": "#E69F00", "qingzhen": "#009E73",
                 "guizhou": "#56B4E9", "guiyang": "#CC79A7", "province": "#56B4E9"}


def indicator_chart(observed: pd.DataFrame, targets: pd.DataFrame, national: pd.DataFrame, title: str,
                    unit: str):
    """An indicator's series, one line per place, with every target drawn as a marker at its year and
    value, labelled by its place (a withheld target has no value and is not drawn).

    ``observed`` has region, year, value (one per place and year: reconciled observations); ``targets``
    the local targets (region, year, value, status), ``national`` the national ones (year, value).
    """
    from planeval.report.labels import place
    from planeval.report.labels import unit as unit_label

    use_cjk_font()
    # Fixed margins (room for a two-line title and the unit): a constrained layout draws the figure twice
    # and doubles the cost of an indicator page that has a chart.
    fig, ax = plt.subplots(figsize=(7, 4.2))
    fig.subplots_adjust(left=0.13, right=0.97, top=0.86, bottom=0.12)
    for region, group in observed.groupby("region", sort=True):
        group = group.sort_values("year")
        ax.plot(group["year"], group["value"], marker="o", color=PLACE_COLOURS.get(region, "#555555"),
                label=Label(f"{place(region).zh}观测", f"{place(region).en} observed").both())
    for (year, value), regions in target_marks(targets, national).items():
        colour = PLACE_COLOURS.get(regions[0], "#555555") if len(regions) == 1 else "#333333"
        ax.scatter([year], [value], marker="D", s=70, facecolors="white", edgecolors=colour, linewidths=2, zorder=3)
        names = Label("、".join(place(region).zh for region in regions) + f"目标 {value:g}",
                      ", ".join(place(region).en for region in regions) + f" target {value:g}")
        # Labels sit to the left of the marker: the last target year is the right edge of the chart.
        ax.annotate(names.both(), (year, value), textcoords="offset points", xytext=(-8, 8),
                    ha="right", fontsize=10, color=colour)
    ax.margins(x=0.08, y=0.15)
    ax.scatter([], [], marker="D", s=70, facecolors="white", edgecolors="#555555", label="目标 target")
    ax.set_title(title, fontsize=12)
    ax.set_ylabel(unit_label(unit).both(), fontsize=11)
    ax.set_xlabel("年份 year", fontsize=11)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="best", frameon=False, fontsize=10)
    return fig


def target_marks(targets: pd.DataFrame, national: pd.DataFrame) -> dict[tuple[int, float], list[str]]:
    """The targets to draw, one marker per (year, value) with the places that set it, in the order of the
    table (a target printed by two reports, or shared by several places, is drawn once and labelled once).
    A withheld target has no value and is not drawn."""
    stated = targets[targets["status"] != "withheld"] if "status" in targets else targets
    marks = [(r.region, int(r.year), float(r.value)) for r in stated.itertuples()]
    marks += [("national", int(r.year), float(r.value)) for r in national.itertuples()]
    grouped: dict[tuple[int, float], list[str]] = {}
    for region, year, value in marks:
        places = grouped.setdefault((year, value), [])
        if region not in places:
            places.append(region)
    return grouped


def describe_indicator(observed: pd.DataFrame, targets: pd.DataFrame, national: pd.DataFrame, name_zh: str,
                       name_en: str) -> Label:
    """The indicator chart's alt text, with the numbers, in each language."""
    parts_zh, parts_en = [], []
    for region, group in observed.groupby("region", sort=True):
        group = group.sort_values("year")
        first, last = group.iloc[0], group.iloc[-1]
        place = PLACES.get(region, Label(region, region))
        parts_en.append(f"{place.en} from {first['value']:g} in {int(first['year'])} to {last['value']:g} in "
                        f"{int(last['year'])}")
        parts_zh.append(f"{place.zh}由{int(first['year'])}年的{first['value']:g}变为{int(last['year'])}年的"
                        f"{last['value']:g}")
    marks = target_marks(targets, national).items()
    marks_en = [f"{', '.join(PLACES.get(r, Label(r, r)).en for r in regions)} {value:g} in {year}"
                for (year, value), regions in marks]
    marks_zh = [f"{'、'.join(PLACES.get(r, Label(r, r)).zh for r in regions)}{year}年{value:g}"
                for (year, value), regions in marks]
    return Label(f"{name_zh}折线图：" + "；".join(parts_zh) + "；标注的目标：" + ("；".join(marks_zh) or "无") + "。",
                 f"Line chart of {name_en}: " + "; ".join(parts_en) + "; targets marked: "
                 + ("; ".join(marks_en) or "none") + ".")
