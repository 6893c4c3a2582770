"""Sphinx extension for the planeval site: an offline, quiet and clean build.

- Sphinx's Chinese search splitter imports jieba, which logs "Building prefix dict ..." to stderr;
  the build treats stderr output as failure, so only jieba's warnings are kept. jieba's word list
  (about 0.7 s to load) is loaded when the builder starts, before any page is read, so that
  ``planeval.build.sphinx`` loads it while the chapters are still executing.
- MathJax is served from the site itself (files of the ``sphinx-mathjax-offline`` package), so the
  formulas render without any network, in the build and in the reader's browser.
- Sphinx's Chinese search is replaced by the same search without its quadratic bookkeeping, and the
  theme's compiled templates are kept between builds: both only save time.
- Jupyter Book registers sphinx-thebe's inline configuration script twice, which makes browsers log
  "Identifier 'THEBE_JS_URL' has already been declared"; identical scripts are kept once per page.
"""

from __future__ import annotations

import logging
from importlib import metadata
from pathlib import Path

MATHJAX_PATH = "mathjax/tex-chtml.js"


def _mathjax_dir() -> Path:
    dist = metadata.distribution("sphinx-mathjax-offline")
    init = next(f for f in dist.files if f.name == "__init__.py")
    return Path(dist.locate_file(init)).parent / "static" / "mathjax"


def _copy_mathjax(app, exception) -> None:
    """Copy the one combined component the site loads and the folders it loads from on demand; the
    package's other combined components (about 15 MB) are never used."""
    if exception is None and app.builder.format == "html":
        from sphinx.util.fileutil import copy_asset

        source, target = _mathjax_dir(), Path(app.outdir) / "_static" / "mathjax"
        copy_asset(str(source / Path(MATHJAX_PATH).name), str(target))
        for folder in (p for p in source.iterdir() if p.is_dir()):
            copy_asset(str(folder), str(target / folder.name))


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep each identical script once. The list is changed in place: it is the builder's own list, to which
    handlers that run later (MathJax's, on pages with formulas) still add their scripts."""
    scripts = context.get("script_files")
    if scripts is None:
        return
    seen, unique = set(), []
    for script in scripts:
        # The second registration names no file as "" instead of None.
        key = (str(script.filename or ""), str(script.attributes.get("body", "")))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _cache_compiled_templates(app) -> None:
    """Keep the theme's compiled Jinja templates between builds (about 0.3 s a build), beside Sphinx's
    environment so that a clean build starts without them; entries are keyed by each template's source."""
    if app.builder.format == "html":
        from jinja2 import FileSystemBytecodeCache

        cache = Path(app.doctreedir) / "jinja"
        cache.mkdir(parents=True, exist_ok=True)
        app.builder.templates.environment.bytecode_cache = FileSystemBytecodeCache(str(cache))


def _load_search_words(app) -> None:
    if app.builder.format == "html" and str(app.config.html_search_language or "").startswith("zh"):
        import jieba

        jieba.initialize()


def _chinese_search_language():
    """Sphinx's Chinese search language, with the same words and stems, minus two slow spots: every
    Latin word of the site was appended to a list that each stemmed word was then searched in (a
    quadratic cost, about a second for this book), and each word was stemmed twice."""
    from sphinx.search.zh import SearchChinese

    class TermSet(set):
        extend = set.update  # what SearchChinese.split calls on its list of Latin terms

    class IndexedChinese(SearchChinese):
        def init(self, options):
            super().init(options)
            self.latin_terms = TermSet()
            self._stems = {}

        def stem(self, word):
            lower = word.lower()
            stemmed = self._stems.get(lower)
            if stemmed is None:
                stemmed = self._stems[lower] = self.stemmer.stemWord(lower)
            if word in self.latin_terms and len(word) >= 3 and len(stemmed) < 3:
                return lower
            return stemmed

    return IndexedChinese


def setup(app):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    app.config.mathjax_path = MATHJAX_PATH
    app.add_search_language(_chinese_search_language())
    app.connect("builder-inited", _load_search_words)
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("build-finished", _copy_mathjax)
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
