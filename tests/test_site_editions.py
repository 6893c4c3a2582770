"""The two editions of the built site: the same pages in each, linked to each other, each in its language,
and catalogues that translate every message of the sources."""

from __future__ import annotations

import re

import pytest
from site_build import built_layout, built_site

from planeval.build import translations
from planeval.build.editions import EDITIONS, catalogue_path
from planeval.core import paths


def _pages(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not any(part.startswith("_") for part in p.relative_to(site).parts)}


def test_every_page_of_one_edition_is_in_the_other_and_links_to_its_twin():
    zh, en = built_site("zh"), built_site("en")
    assert _pages(zh) == _pages(en) and len(_pages(zh)) > 190
    missing = []
    for here, there in ((zh, en), (en, zh)):
        for page in sorted(_pages(here)):
            text = (here / page).read_text(encoding="utf-8")
            if "planeval-edition-link" not in text:
                # the redirect to the first page has no body to hold a switch
                if page != "index.html":
                    missing.append(f"{here.name}/{page}: no switch")
                continue
            href = re.search(r'class="planeval-edition-link" href="([^"]+)"', text).group(1)
            target = ((here / page).parent / href).resolve()
            if target != (there / page).resolve() or not target.is_file():
                missing.append(f"{here.name}/{page} -> {href}")
    assert missing == []


def test_the_root_opens_the_chinese_edition():
    root = built_layout().html
    assert sorted(p.name for p in root.iterdir()) == sorted(["index.html", *(e.code for e in EDITIONS)])
    assert 'url=zh/index.html' in (root / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edition, lang, words, other", [
    ("zh", "zh-CN", ["搜索", "妇女儿童发展规划评估", "每个数字均可追溯到原文。", 'placeholder="搜索本书……"',
                     "planeval 贡献者", "版权所有"], "Every figure traces back"),
    ("en", "en", ["Search", "planeval: evaluating women", "Every figure traces back to the verbatim words",
                  'placeholder="Search this book..."', "planeval contributors", "© Copyright 2026."],
     "每个数字均可追溯到原文"),
])
def test_each_edition_speaks_its_language_in_the_theme(edition, lang, words, other):
    """The theme's words, the title and the footer of the configuration."""
    page = (built_site(edition) / "book" / "methodology.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    for word in words:
        assert word in page, word
    assert other not in page


@pytest.mark.parametrize("edition, captions, title", [
    ("zh", ["阅读本书", "章节", "指标", "参考"], "1. 资料来源"),
    ("en", ["Reading the book", "Chapters", "Indicators", "Reference"], "1. The sources"),
])
def test_the_contents_and_the_numbered_titles_are_in_the_edition_s_language(edition, captions, title):
    """The captions of the contents (inserted from _toc.yml after Sphinx translates a page) and the chapters'
    numbered titles (which Markdown would read as a list) are translated like the rest."""
    page = (built_site(edition) / "book" / "chapters" / "01_sources.html").read_text(encoding="utf-8")
    assert re.findall(r'caption-text">([^<]*)<', page) == captions
    assert f"<h1>{title}<" in page and f"<title>{title} &#8212;" in page


def test_computed_text_keeps_the_edition_s_language():
    """The indicator page's tables and answers: Chinese only in the Chinese edition, English in the English."""
    name = "book/indicators/childcare-places-for-children-under-3-per-1000-people.html"
    zh = (built_site("zh") / name).read_text(encoding="utf-8")
    en = (built_site("en") / name).read_text(encoding="utf-8")
    assert "planeval-en" not in zh.split('id="main-content"')[-1] and "哈尔滨" in zh and "依据" in zh
    assert "planeval-zh" not in en.split('id="main-content"')[-1] and "Harbin" in en and "evidence" in en
    assert "各来源中的目标" in zh and "The targets in each source" not in zh
    assert "The targets in each source" in en and "各来源中的目标" not in en


def test_the_catalogues_translate_every_message_of_the_sources(tmp_path):
    """No untranslated or fuzzy message in either catalogue, and none of the sources' messages is missing
    from them (a paragraph added to a page or a notebook must be translated before the build is done)."""
    from babel.messages.pofile import read_po

    assert translations.check(paths.ROOT) == 0
    pot = translations.extract(out=tmp_path)
    wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
    for edition in EDITIONS:
        have = {m.id for m in read_po(catalogue_path(paths.ROOT, edition).open("rb")) if m.id}
        assert sorted(wanted - have) == [], edition.code
