"""The two editions' mechanisms, without a build: marking each language, keeping one, the catalogues."""

from __future__ import annotations

import re

import pandas as pd
from site_build import site_extension

from planeval.build import translations
from planeval.build.editions import BY_CODE, EDITIONS, one_language, root_page, sphinx_overrides
from planeval.report import labels
from planeval.report.html import both


def test_both_marks_each_language_of_a_label_or_a_bilingual_text():
    assert both(labels.Label("哈尔滨", "Harbin")) == \
        '<span class="planeval-zh">哈尔滨</span> <span class="planeval-en">Harbin</span>'
    assert both("各来源中的目标 The targets in each source") == \
        '<span class="planeval-zh">各来源中的目标</span> <span class="planeval-en">The targets in each source</span>'
    assert both("7. 清镇基本情况 Qingzhen's baseline") == \
        '<span class="planeval-zh">7. 清镇基本情况</span> <span class="planeval-en">Qingzhen&#x27;s baseline</span>'
    assert both(labels.Label("全国", "全国")) == "全国"
    assert both("s001-034") == "s001-034"  # no Chinese: as it is
    assert both("Harbin 哈尔滨") == "Harbin 哈尔滨"  # English first is not a Chinese-then-English text
    assert both("<b>托位</b> <i>places</i>") == "&lt;b&gt;托位&lt;/b&gt; &lt;i&gt;places&lt;/i&gt;"


def test_each_edition_removes_the_other_language_with_its_line_break():
    marked = site_extension()._marked
    header = "<th><span class='planeval-zh'>编号</span><br><span class='planeval-en'>id</span></th>"
    assert marked("en").sub("", header) == "<th><span class='planeval-zh'>编号</span></th>"
    assert marked("zh").sub("", header) == "<th><span class='planeval-en'>id</span></th>"
    answer = ('<li><span class="planeval-zh">目标：哈尔滨4.5</span><br><span class="planeval-en">Targets: Harbin 4.5'
              '</span> <a class="planeval-evidence" href="#t"><span class="planeval-zh">依据</span> '
              '<span class="planeval-en">evidence</span> ↓</a></li>')
    assert marked("en").sub("", answer) == ('<li><span class="planeval-zh">目标：哈尔滨4.5</span> <a class="planeval-'
                                            'evidence" href="#t"><span class="planeval-zh">依据</span> ↓</a></li>')
    assert marked("zh").sub("", answer) == ('<li><span class="planeval-en">Targets: Harbin 4.5</span> <a class="plan'
                                            'eval-evidence" href="#t"><span class="planeval-en">evidence</span> ↓</a>'
                                            '</li>')
    card = ('<a class="planeval-card"><span class="planeval-card-q">1. <span class="planeval-zh">承诺</span> '
            '<span class="planeval-en">promised</span></span></a>')
    kept = marked("en").sub("", card)
    assert kept.count("<span") == kept.count("</span>") == 2 and "promised" not in kept


def test_the_root_page_opens_the_chinese_edition_and_links_both():
    page = root_page()
    assert 'http-equiv="refresh" content="0; url=zh/index.html"' in page
    assert 'href="zh/index.html"' in page and 'href="en/index.html"' in page and '<html lang="zh-CN">' in page


def test_each_edition_has_its_language_and_search():
    zh, en = (sphinx_overrides(BY_CODE[c]) for c in ("zh", "en"))
    assert (zh["language"], zh["html_search_language"]) == ("zh_CN", "zh") and "dict" in zh["html_search_options"]
    assert (en["language"], en["html_search_language"], en["html_search_options"]) == ("en", "en", {})
    assert zh["locale_dirs"] == en["locale_dirs"] and zh["gettext_compact"] == "book"


def test_catalogue_statistics_count_translated_fuzzy_and_untranslated(tmp_path):
    po = tmp_path / "book.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Targets"\nmsgstr "目标"\n\n#, fuzzy\nmsgid "Progress"\nmsgstr "进展"\n\n'
                  'msgid "Audit"\nmsgstr ""\n', encoding="utf-8")
    stats = translations.statistics(po)
    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.complete) == (1, 1, 1, False)


def test_a_message_already_in_the_edition_s_language_needs_no_translation():
    zh, en = BY_CODE["zh"], BY_CODE["en"]
    assert not translations._needs_translation("Open the page", en)
    assert translations._needs_translation("目标 Targets", en)
    assert translations._needs_translation("Targets", zh)
    assert not translations._needs_translation("2,585 ≥ 2,255（元）", zh)


def test_generated_catalogues_give_each_edition_its_text_and_the_same_bytes(tmp_path):
    messages = {"每千人口托位数 Childcare places": {"zh": "每千人口托位数", "en": "Childcare places"}}
    first = [p.read_bytes() for p in translations.write_generated_catalogues(tmp_path / "a", messages)]
    second = [p.read_bytes() for p in translations.write_generated_catalogues(tmp_path / "b", messages)]
    assert first == second and len(first) == len(EDITIONS)
    zh = (tmp_path / "a" / "locales" / "zh_CN" / "LC_MESSAGES" / "book.po").read_text(encoding="utf-8")
    en = (tmp_path / "a" / "locales" / "en" / "LC_MESSAGES" / "book.po").read_text(encoding="utf-8")
    assert 'msgid "每千人口托位数 Childcare places"\nmsgstr "每千人口托位数"' in zh
    assert 'msgstr "Childcare places"' in en and "#, fuzzy" not in zh + en  # Sphinx skips fuzzy messages


def test_a_chart_is_drawn_in_each_language_and_put_back():
    import pandas as pd
    from matplotlib.text import Text

    from planeval.report import plotting

    series = pd.DataFrame({"region": ["national"] * 2, "year": [2020, 2021], "value": [1.0, 2.0]})
    no_targets = pd.DataFrame({"region": [], "year": [], "value": [], "status": []})
    national = pd.DataFrame({"year": [2025], "value": [4.5]})
    fig = plotting.indicator_chart(series, no_targets, national, "托位数\nChildcare places", "places per 1000 people")

    def texts() -> list[str]:
        return [t.get_text() for t in fig.findobj(Text) if t.get_text()]

    before = texts()
    with plotting.in_language(fig, "zh"):
        zh = texts()
    with plotting.in_language(fig, "en"):
        en = texts()
    assert "托位数" in zh and "年份" in zh and "全国目标 4.5" in zh and "全国观测" in zh
    assert not any(re.search("[A-Za-z]{3,}", t) for t in zh)
    assert "Childcare places" in en and "year" in en and "national target 4.5" in en and "national observed" in en
    assert not any(re.search("[\u4e00-\u9fff]", t) for t in en)
    assert texts() == before  # put back


def test_tick_labels_given_as_words_are_drawn_in_each_language():
    """Words on an axis (the audit's checks, the places) are in the edition's language once drawn, and
    numbers on the other axis are left as they are."""
    import matplotlib.pyplot as plt

    from planeval.report import plotting

    fig, ax = plt.subplots()
    ax.barh([0, 1], [3, 30])
    ax.set_yticks([0, 1], ["列举计数 stated count", "观测表 observations table"])

    def drawn() -> tuple[list[str], list[str]]:
        fig.canvas.draw()
        return ([t.get_text() for t in ax.get_yticklabels()],
                [t.get_text() for t in ax.get_xticklabels() if t.get_text()])

    before = drawn()
    with plotting.in_language(fig, "zh"):
        assert drawn() == (["列举计数", "观测表"], before[1])
    with plotting.in_language(fig, "en"):
        assert drawn() == (["stated count", "observations table"], before[1])
    assert drawn() == before and before[0] == ["列举计数 stated count", "观测表 observations table"]
    plt.close(fig)


def test_the_chapters_alt_texts_are_written_in_each_language():
    from planeval.chapters import childcare, orphan_allowance

    series = pd.DataFrame({"year": [2020, 2024], "value": [1.8, 4.08]})
    described = childcare.describe_series(series, 4.5, 2025)
    assert described.zh == "折线图：全国每千人口托位数，2020年至2024年由1.8变为4.08；虚线为2025年目标4.5。"
    assert described.en == ("Line chart: national childcare places per 1,000 people from 2020 to 2024, from 1.8 to "
                            "4.08, against the dashed target line at 4.5 for 2025.")
    full = pd.DataFrame({"category": ["dispersed", "dispersed", "dispersed"], "year": [2019, 2021, 2026],
                         "value": [1000.0, 1200.0, 1400.0], "status": ["implied", "stated", "projected"]})
    described = orphan_allowance.describe(full, 2026)
    assert described.zh == ("哈尔滨孤儿每人每月基本生活费折线图：社会散居由2019年的1000元（推算）增至2021年的1200元；"
                            "预测至2026年，附不确定性区间。")
    assert described.en == ("Line chart of Harbin's monthly orphan allowances per child: dispersed care from an "
                            "implied 1000 yuan in 2019 to 1200 yuan in 2021; projected with an uncertainty band to "
                            "2026.")


def test_a_bilingual_setting_is_shown_in_the_edition_s_language():
    footer = "每个数字均可追溯到原文。 Every figure traces back to the verbatim words of its source."
    assert one_language(footer, BY_CODE["zh"]) == "每个数字均可追溯到原文。"
    assert one_language(footer, BY_CODE["en"]) == "Every figure traces back to the verbatim words of its source."
    assert one_language("planeval", BY_CODE["zh"]) == "planeval"


def test_a_cell_written_a_line_per_language_is_shown_in_each_edition():
    from planeval.chapters import childcare
    from planeval.report.html import cells

    frame = pd.DataFrame({"note": ["清镇规划基线\nQingzhen plan baseline", "哈尔滨市公报 (medium confidence)"]})
    shown = cells(frame)
    assert shown[0][0] == ('<span class="planeval-zh">清镇规划基线</span> '
                           '<span class="planeval-en">Qingzhen plan baseline</span>')
    # A Chinese title followed by English words in one line is one text, not two languages.
    assert shown[1][0] == "哈尔滨市公报 (medium confidence)"
    sources = childcare.compute().tables["places_needed"].set_index("region")["population_source"]
    assert sources["qingzhen"] == "清镇规划基线（数据行 s003-006）\nQingzhen plan baseline, row s003-006"
    assert [labels.split_lines(s) is not None for s in sources] == [True, True, True]


def test_a_caption_with_latin_words_in_its_chinese_or_chinese_in_its_english_is_split():
    """Captions such as "全部结果（rows：…） Every finding (rows: …)" showed both languages in both editions."""
    zh, en = "财政收支：按原文（亿元）与应有单位（万元）", "Fiscal revenue as printed (亿元) and as it must be (万元)"
    assert labels.split(f"{zh} {en}") == labels.Label(zh, en)
    assert labels.split("全部结果（rows：涉及的数字编号） Every finding").zh == "全部结果（rows：涉及的数字编号）"
    # Chinese naming a method, or English naming a place, stays one text
    assert labels.split("采用 ESCAP 方法评估") is None
    assert labels.split("Targets of 哈尔滨 and 清镇 and 贵州 in 2025") is None


def test_computed_cells_name_documents_choices_and_verdicts_in_each_language():
    document = "第七次全国人口普查 (table compiled by maigoo.com)"
    assert labels.value("document", document) == labels.Label("第七次全国人口普查（maigoo.com整理的表格）", document)
    both_documents = f"s001; {document}"
    assert labels.value("documents", both_documents).zh == "s001；第七次全国人口普查（maigoo.com整理的表格）"
    assert labels.value("document", "s001") is None  # a source id names itself
    used = "not used: obs-128 (1000.1) taken by later release"
    assert labels.value("used", used) == labels.Label("未采用：采用obs-128（1000.1），因为发布更晚", used)
    assert labels.value("used", "used").zh == "采用"
    assert labels.value("versus_national", "equal, stricter") == labels.Label("相同、更严", "equal, stricter")
    assert labels.value("versus_national", "equal, unheard-of") is None
