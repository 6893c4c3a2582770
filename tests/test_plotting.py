"""Figures: the bundled CJK font is registered by file, Chinese renders, a missing glyph is an error."""

from __future__ import annotations

import io
import warnings

import matplotlib.pyplot as plt
import pytest

from planeval.report import plotting


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def test_cjk_font_is_registered_from_the_package_file():
    family = plotting.use_cjk_font()
    assert family == "Noto Sans CJK SC" and plotting.cjk_font_path().endswith("NotoSansCJKsc-Regular.otf")
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert found == plotting.cjk_font_path()


def test_chinese_labels_render_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plotting.target_chart([2021, 2022], [2.03, 2.5], target=4.5, target_year=2025,
                                    title="每千人口托位数 孤儿 新生儿死亡率", ylabel="托位/千人", series_label="全国")
        assert len(_png(fig)) > 1000


def test_a_missing_glyph_is_an_error():
    plotting.use_cjk_font()
    fig, ax = plt.subplots()
    ax.set_title("\U0001F600")  # an emoji: not in the CJK font nor in DejaVu Sans
    with pytest.raises(UserWarning, match="missing from"):
        _png(fig)


def test_the_same_figure_gives_the_same_bytes():
    def make():
        return plotting.target_chart([2021, 2022, 2023], [1.0, 2.0, 3.0], target=4.5, target_year=2025,
                                     title="托位", ylabel="y", series_label="s")
    assert _png(make()) == _png(make())


def test_target_chart_draws_the_target_line():
    fig = plotting.target_chart([2021, 2022], [1.0, 2.0], target=4.5, target_year=2025, title="t", ylabel="y",
                                series_label="s")
    ax = fig.axes[0]
    horizontal = [line for line in ax.get_lines() if len(set(line.get_ydata())) == 1 and line.get_ydata()[0] == 4.5]
    plt.close(fig)
    assert horizontal, "the target line is missing"
