"""The book's two editions, Chinese (the default: the site's root opens it) and English, built from one source.

- Hand-written text (the Markdown pages, the narrative cells of the chapters and of the indicator template)
  is translated by Sphinx's gettext catalogues, ``book/locales/<language>/LC_MESSAGES/book.po``, written by
  people (``planeval translations``). The source text is English with bilingual headings; the Chinese
  catalogue gives every message in Chinese, the English one gives the bilingual messages in English.
- Text computed from the data carries both languages. The chapters mark each language of what they display
  (``planeval-zh`` and ``planeval-en`` elements) and each edition keeps its own
  (``book/_ext/planeval_site.py``); headings computed from the data (the indicator pages' titles) are
  translated by a catalogue generated from the label catalogue, ``book/_generated/locales``.
- Each edition is a separate Sphinx build with its own language (the theme's words: 搜索, 目录, 上一页),
  its own search language (Chinese words split by jieba with the indicator dictionary; English stems) and
  its own output folder, ``_build/html/<code>/``. Every page links to the same page of the other edition.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planeval.core import paths
from planeval.core.errors import PlanevalError


@dataclass(frozen=True)
class Edition:
    """One edition of the book."""

    code: str  # its folder under the site's root, and the language of the marks it keeps: zh, en
    language: str  # Sphinx's language (the theme's words, <html lang>, the catalogue's folder)
    name: str  # its name in its own language, on the other edition's switch
    search_language: str  # Sphinx's search language
    title: str  # the book's title, in the edition's language
    author: str  # who wrote it, as the footer says it


EDITIONS = (Edition("zh", "zh_CN", "中文", "zh", "妇女儿童发展规划评估", "planeval 贡献者"),
            Edition("en", "en", "English", "en", "planeval: evaluating women's and children's development plans",
                    "planeval contributors"))
DEFAULT = EDITIONS[0]
#: ``PLANEVAL_EDITIONS=zh`` builds the Chinese edition alone: quicker while writing, and how the benchmark
#: measures what the second edition costs. Unset, the build makes every edition.
EDITIONS_ENV = "PLANEVAL_EDITIONS"
BY_CODE = {e.code: e for e in EDITIONS}
#: The catalogues written by people, and those generated from the data (relative to the book's root).
LOCALES = paths.BOOK.relative_to(paths.ROOT) / "locales"
GENERATED_LOCALES = paths.GENERATED.relative_to(paths.ROOT) / "locales"
#: One catalogue per language (Sphinx's gettext_compact): the indicator pages share their template's messages.
DOMAIN = "book"
#: The Chinese search's word list, written with the generated pages (relative to the book's root).
SEARCH_WORDS = paths.GENERATED.relative_to(paths.ROOT) / "jieba_dict.txt"


def to_build() -> tuple[Edition, ...]:
    """The editions a build makes: every one, or those ``PLANEVAL_EDITIONS`` names (comma-separated codes)."""
    chosen = os.environ.get(EDITIONS_ENV, "").strip()
    if not chosen:
        return EDITIONS
    codes = [c.strip() for c in chosen.split(",") if c.strip()]
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:
        raise PlanevalError(f"{EDITIONS_ENV}={chosen!r}: unknown edition {unknown[0]!r}; allowed: "
                            f"{', '.join(BY_CODE)}")
    return tuple(e for e in EDITIONS if e.code in codes)


def sphinx_overrides(edition: Edition) -> dict:
    """The Sphinx settings that make ``edition`` out of the one configuration in ``_config.yml``."""
    return {
        "language": edition.language,
        "html_title": edition.title,
        "author": edition.author,
        "locale_dirs": [LOCALES.as_posix(), GENERATED_LOCALES.as_posix()],
        "gettext_compact": DOMAIN,
        # A translation keeps the text of links and roles; a message edited since it was translated
        # (marked fuzzy) is not used.
        "gettext_allow_fuzzy_translations": False,
        "html_search_language": edition.search_language,
        "html_search_options": {"dict": SEARCH_WORDS.as_posix()} if edition.search_language == "zh" else {},
        "planeval_edition": edition.code,
        "planeval_editions": {e.code: e.name for e in EDITIONS},
    }


def one_language(text: str, edition: Edition) -> str:
    """A bilingual text of the configuration (Chinese, then English; the footer) in the edition's language."""
    from planeval.report.labels import split

    found = split(text)
    return found.text(edition.code) if found else text


def catalogue_path(root: Path, edition: Edition, locales: Path = LOCALES) -> Path:
    """The ``.po`` file of ``edition`` in the ``locales`` folder (relative to the book's ``root``)."""
    return Path(root) / locales / edition.language / "LC_MESSAGES" / f"{DOMAIN}.po"


def root_page(editions: tuple[Edition, ...] = EDITIONS) -> str:
    """The site's root page: it opens the first edition (Chinese) at once and links to every one."""
    links = " · ".join(f'<a href="{e.code}/index.html" hreflang="{e.language.replace("_", "-")}">{e.name}</a>'
                       for e in editions)
    first = editions[0]
    return ("<!DOCTYPE html>\n"
            f'<html lang="{first.language.replace("_", "-")}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="refresh" content="0; url={first.code}/index.html">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>planeval 妇女儿童发展规划评估</title>\n</head>\n"
            f"<body>\n<p>{links}</p>\n</body>\n</html>\n")
