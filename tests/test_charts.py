"""The audit's findings chart and the progress chart: bars that total the counts, legends in both languages,
the site's status colours, legible sizes, a missing glyph an error, the same bytes twice, alt texts with numbers."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.text import Text

from planeval.report import plotting
from planeval.report.html import STATUS_COLOURS

#: Six findings by hand: s003 has a unit slip (fail) with a magnitude fail that follows from it (not counted),
#: s000 a warn and a pass, s001 and s002 share a passing disagreement, s004 withholds (a warn).
FINDINGS = pd.DataFrame({
    "check": ["unit slip", "magnitude", "increase", "count", "disagreement", "withheld"],
    "status": ["fail", "fail", "warn", "pass", "pass", "warn"],
    "rows": ["s003-015, s003-016", "s003-015", "s000-012, s000-014", "s000", "s002-004, s001-001", "s004"],
    "stated": [1.0, 2.0, 3.0, None, 4.0, None], "expected": [None] * 6, "explanation": [""] * 6,
    "id": ["a001", "a002", "a003", "a004", "a005", "a006"], "cause": ["", "a001", "", "", "", ""],
    "rule": ["unit_slip", "magnitude", "printed_change", "stated_count", "disagreement", "withheld_in_source"],
})
ROLLUP = pd.DataFrame({
    "scope": ["local", "local", "national", "national"],
    "domain": ["education", "health", "education", "health"],
    "targets": [3, 12, 2, 17], "assessed": [1, 4, 2, 11], "achieved": [1, 2, 2, 7], "on_track": [0, 1, 0, 2],
    "off_track": [0, 1, 0, 2], "not_judged": [2, 8, 0, 6], "share_on_track": [1.0, 0.75, 1.0, 9 / 11],
})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _png(fig) -> bytes:
    """The bytes :func:`planeval.report.results.save_figure` writes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    return buffer.getvalue()


def _bars(ax) -> dict[str, dict[str, float]]:
    """{tick label: {legend label: width}} read back from the bar patches of an axes."""
    names = [t.get_text() for t in ax.get_yticklabels()]
    return {name: {c.get_label(): patch.get_width() for c in ax.containers for patch in [c.patches[i]]}
            for i, name in enumerate(names)}


def _totals(ax) -> dict[str, float]:
    return {name: sum(widths.values()) for name, widths in _bars(ax).items()}


def test_findings_bars_count_the_root_findings_by_document_and_by_check():
    fig = plotting.findings_chart(FINDINGS)
    by_source, by_check = fig.axes
    assert _totals(by_source) == {"s000": 2, "s003": 1, "s004": 1, "s001 + s002": 1}
    assert list(_totals(by_source)) == ["s000", "s003", "s004", "s001 + s002"]  # documents, then several
    assert _bars(by_source)["s000"] == {"不符 fail": 0, "存疑 warn": 1, "通过 pass": 1}
    assert _bars(by_source)["s003"] == {"不符 fail": 1, "存疑 warn": 0, "通过 pass": 0}  # the magnitude is not counted
    # checks with fails first, then warns; the magnitude fail follows from the slip and has no bar
    assert _totals(by_check) == {"单位错误 unit slip": 1, "增幅 increase": 1, "未公布 withheld": 1,
                                 "列举计数 stated count": 1, "来源间不一致 disagreement": 1}
    assert sum(_totals(by_check).values()) == sum(_totals(by_source).values()) == 5


def test_progress_bars_count_the_targets_of_each_domain():
    fig = plotting.progress_chart(ROLLUP)
    local, national = fig.axes
    assert _totals(local) == {"健康 health": 12, "教育 education": 3}  # the most targets first
    assert _totals(national) == {"健康 health": 17, "教育 education": 2}
    assert _bars(national)["健康 health"] == {"已达标 achieved": 7, "按期可达 on track": 2, "进度落后 off track": 2,
                                            "无法判断 not judged": 6}
    assert [ax.get_title(loc="left") for ax in (local, national)] == [
        "本地目标 local targets", "国家目标（全国情况，作参照） national targets, for context"]


def test_one_method_at_a_time_and_never_an_empty_chart():
    with pytest.raises(ValueError, match="several methods"):
        plotting.progress_chart(pd.concat([ROLLUP.assign(method="escap"), ROLLUP.assign(method="opensdg")]))
    with pytest.raises(ValueError, match="no targets"):
        plotting.progress_chart(ROLLUP.iloc[:0])
    with pytest.raises(ValueError, match="no findings"):
        plotting.findings_chart(FINDINGS.iloc[:0])


@pytest.mark.parametrize(("make", "legend", "colours"), [
    (lambda: plotting.findings_chart(FINDINGS), ["不符 fail", "存疑 warn", "通过 pass"], ["fail", "warn", "pass"]),
    (lambda: plotting.progress_chart(ROLLUP), ["已达标 achieved", "按期可达 on track", "进度落后 off track",
                                               "无法判断 not judged"],
     ["target achieved", "on track", "limited progress", "insufficient data"]),
])
def test_legend_words_and_colours_are_the_sites(make, legend, colours):
    fig = make()
    (box,) = fig.legends
    assert [t.get_text() for t in box.get_texts()] == legend
    expected = [to_rgba(STATUS_COLOURS[word]) for word in colours]
    assert [to_rgba(h.get_facecolor()) for h in box.legend_handles] == expected
    for ax in fig.axes:
        assert [c.get_label() for c in ax.containers] == legend
        assert [to_rgba(c.patches[0].get_facecolor()) for c in ax.containers] == expected


@pytest.mark.parametrize(("make", "rows", "panels"), [
    (lambda: plotting.findings_chart(FINDINGS), 4 + 5, 2), (lambda: plotting.progress_chart(ROLLUP), 2 + 2, 2),
    (lambda: plotting.findings_chart(FINDINGS, by=("check",)), 5, 1),
])
def test_sizes_stay_legible_on_a_phone(make, rows, panels):
    fig = make()
    width, height = fig.get_size_inches()
    assert width == 7 and height == pytest.approx(0.45 * rows + 1.5 + 0.6 * (panels - 1))
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    assert texts and min(t.get_fontsize() for t in texts) >= 10


def test_a_missing_glyph_is_an_error():
    odd = FINDINGS.assign(check=FINDINGS["check"].replace("withheld", "\U0001F600"))  # an emoji: in no font
    with pytest.raises(UserWarning, match="missing from"):
        _png(plotting.findings_chart(odd))


def test_the_same_input_gives_the_same_png_bytes():
    assert _png(plotting.findings_chart(FINDINGS)) == _png(plotting.findings_chart(FINDINGS.copy()))
    assert _png(plotting.progress_chart(ROLLUP)) == _png(plotting.progress_chart(ROLLUP.copy()))


def test_alt_texts_give_the_counts():
    described = plotting.describe_findings(FINDINGS)
    findings = described.en
    assert findings.startswith("Of 6 findings, 5 follow from no other (2 pass, 2 warn and 1 fail)")
    assert "s000 2 (1 pass, 1 warn)" in findings and "s001 + s002 1 (1 pass)" in findings
    assert findings.endswith("fails by check: unit slip 1.") and findings.count(".") == 1
    assert described.zh.startswith("共6项核查结果，其中5项不由其他结果引起（通过2项、存疑2项、不符1项）")
    assert described.zh.endswith("不符按核查：单位错误1项。")
    described = plotting.describe_progress(ROLLUP)
    progress = described.en
    assert "local targets: 15 in 2 domains (3 achieved, 1 on track, 1 off track and 10 not judged)" in progress
    assert "national targets (for context): 19 in 2 domains (9 achieved, 2 on track, 2 off track and 6 not judged)" \
        in progress
    assert "本地目标：2个领域共15个（已达标3个、按期可达1个、进度落后1个、无法判断10个）" in described.zh
    assert "国家目标（作参照）：2个领域共19个（已达标9个、按期可达2个、进度落后2个、无法判断6个）" in described.zh


def test_findings_name_their_documents():
    assert plotting.finding_source("s003-015, s003-016") == "s003"
    assert plotting.finding_source("obs-1", "") == plotting.OBSERVATIONS
