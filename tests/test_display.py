"""Tables for people: the rows and columns a page shows, while the CSV keeps every one; addresses as short
links, and nothing but http(s) ever linked."""

from __future__ import annotations

import pandas as pd
import pytest

from planeval.report import display
from planeval.report.html import link
from planeval.report.results import CHAPTER_ENV, RESULTS_ENV


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setenv(RESULTS_ENV, str(tmp_path))
    monkeypatch.setenv(CHAPTER_ENV, "test_chapter")
    return tmp_path


def test_a_table_shows_the_chosen_rows_and_saves_them_all(results):
    frame = pd.DataFrame({"region": ["national", "harbin", "qingzhen"], "value": [1.5, 2.0, 3.25]})
    html = display.table(frame, "progress", "caption", rows=[True, False, True]).data
    assert "全国" in html and "清镇" in html and "哈尔滨" not in html
    assert "more rows" not in html  # rows left out on purpose are not "in the download"
    saved = pd.read_csv(results / "progress.csv")
    assert saved["region"].tolist() == ["national", "harbin", "qingzhen"]


def test_a_capped_table_says_how_many_rows_the_download_adds(results):
    frame = pd.DataFrame({"value": range(10)})
    html = display.table(frame, "long", max_rows=4, fold=2).data
    zh, en = '<span class="planeval-zh">', '<span class="planeval-en">'
    assert f"{zh}下载文件中另有6行。</span> {en}6 more rows in the download.</span>" in html
    assert f"{zh}显示其余 2 行</span> {en}Show the other 2 rows</span>" in html


def test_addresses_are_short_links_and_only_http_is_linked():
    assert link("https://m.neamco.com/2026-01/11/content_1304298656.htm") == (
        '<a href="https://m.neamco.com/2026-01/11/content_1304298656.htm" rel="noopener noreferrer">'
        "m.neamco.com ↗</a>")
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert link('http://a.cn/"><script>') == ('<a href="http://a.cn/&quot;&gt;&lt;script&gt;" '
                                               'rel="noopener noreferrer">a.cn ↗</a>')
