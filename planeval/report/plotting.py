"""Figures: a CJK font registered by file, deterministic PNGs, and target charts that draw the target line.

The font comes from the ``mplfonts`` package (installed from the package registry by ``make book``) and
is registered by its file path, so the figures never depend on what fonts the machine happens to have.
A missing glyph is an error, not a warning: a chart with boxes instead of Chinese labels must not ship.
"""

from __future__ import annotations

import warnings
from importlib import resources

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

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


def target_chart(years, values, *, target: float, target_year: int, title: str, ylabel: str,
                 series_label: str, target_label: str | None = None, comparator: str = ">="):
    """A line chart of an observed series with the target drawn as a dashed line and its year marked.

    Returns the matplotlib Figure; the caller saves it with :func:`planeval.report.results.save_figure`.
    """
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.plot(list(years), list(values), marker="o", color="#0072B2", label=series_label)
    ax.axhline(target, color="#D55E00", linestyle="--",
               label=target_label or f"目标 target {comparator} {target:g} ({target_year})")
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
