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
- Incremental builds equal clean ones: an edited static file reaches the output and every page's link to
  it, and the search index holds no term without a page.
- Two editions (``planeval_edition``: zh or en, see ``planeval.build.editions``): what the chapters computed
  carries both languages, each marked (``planeval-zh``, ``planeval-en``), and each edition keeps its own
  language; every page links to the same page of the other edition.
"""

from __future__ import annotations

import logging
import re
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


def _files_in(app, folders) -> list[Path]:
    """Every file under ``folders`` (relative to the configuration's folder), in a fixed order."""
    files = []
    for folder in folders:
        base = Path(app.confdir) / folder
        files += sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
    return files


def _static_files(app) -> list[Path]:
    return _files_in(app, app.config.html_static_path)


def _refresh_changed_static_files(app) -> None:
    """Sphinx 7.4 does not overwrite a static file already in the output, so an edited stylesheet would
    never reach an incremental build: remove the stale copies, and Sphinx copies the new ones."""
    if app.builder.format != "html":
        return
    for source in _static_files(app):
        for folder in app.config.html_static_path:
            base = Path(app.confdir) / folder
            if base in source.parents:
                target = Path(app.outdir) / "_static" / source.relative_to(base)
                if target.is_file() and target.read_bytes() != source.read_bytes():
                    target.unlink()


def _assets_before_pages(app) -> None:
    """Put myst-nb's stylesheet and MathJax in the output before any page is written: a page links a file
    with its checksum (``?v=``) only if the file is there, and both are otherwise copied at the end of the
    build, so a clean build would link them without it and an incremental one with it."""
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)
    _copy_mathjax(app, None)


def _digest_changed(env, name: str, digest: str) -> bool:
    """Whether ``digest`` differs from the one this environment recorded under ``name`` (then recorded)."""
    if getattr(env, name, None) == digest:
        return False
    setattr(env, name, digest)
    return True


def _template_files(app) -> list[Path]:
    """The book's own templates (the theme appends its components folder, by absolute path: not ours)."""
    return _files_in(app, [f for f in app.config.templates_path if not Path(f).is_absolute()])


def _every_page_when_static_files_change(app, env, added, changed, removed) -> list[str]:
    """Each page links its stylesheets with their checksum (``?v=``) and is written with the book's templates
    (the footer, the search page): when a static file or a template changes, every page is written again, so
    that an incremental build gives the same pages as a clean one."""
    import hashlib

    digest = hashlib.sha256()
    for source in _static_files(app) + _template_files(app):
        digest.update(str(source.name).encode() + b"\0" + source.read_bytes())
    return sorted(env.found_docs) if _digest_changed(env, "planeval_static_digest", digest.hexdigest()) else []


def _every_page_when_a_catalogue_changes(app, env, added, changed, removed) -> list[str]:
    """Sphinx makes each page depend on the ``.mo`` file of its domain, one per domain: with two locale
    folders holding the same domain (the written catalogue and the one generated from the data) only the
    last is recorded, and a new translation in the other leaves the pages as they were. Every catalogue
    of the edition's language counts here, by content."""
    import hashlib

    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding)
    digest = hashlib.sha256()
    for catalogue in sorted(repo.catalogs, key=lambda c: c.mo_path):
        mo = Path(catalogue.mo_path)
        name = mo.relative_to(app.srcdir).as_posix()
        digest.update(name.encode() + b"\0" + (mo.read_bytes() if mo.is_file() else b""))
    return sorted(env.found_docs) if _digest_changed(env, "planeval_catalogue_digest", digest.hexdigest()) else []


def _translated_captions():
    """A transform that translates the captions of the contents (``_toc.yml``): sphinx-external-toc inserts
    its toctrees after Sphinx has applied the catalogues to the page, so their captions would stay as
    written. They are looked up in the same catalogues, after the insertion."""
    from sphinx import addnodes
    from sphinx.locale import init as init_locale
    from sphinx.transforms import SphinxTransform
    from sphinx.util.i18n import docname_to_domain

    class TranslatedCaptions(SphinxTransform):
        default_priority = 101  # sphinx_external_toc.events.InsertToctrees is 100

        def apply(self, **kwargs) -> None:
            toctrees = [n for n in self.document.findall(addnodes.toctree) if n.get("caption")]
            # The gettext builder extracts the messages: it must see the captions as written.
            if not toctrees or not self.config.language or not self.app.builder.use_message_catalog:
                return
            dirs = [str(Path(self.env.srcdir) / d) for d in self.config.locale_dirs]
            domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
            catalogue, found = init_locale(dirs, self.config.language, domain)
            if not found:
                return
            for node in toctrees:
                node["caption"] = node["rawcaption"] = catalogue.gettext(node["caption"])

    return TranslatedCaptions


def _index_without_empty_terms() -> None:
    """Sphinx's search index keeps a term whose last page no longer has it, with no page, after an
    incremental build; a clean build never has one. Dropping them makes both indexes the same."""
    from sphinx.search import IndexBuilder

    if getattr(IndexBuilder.freeze, "planeval", False):
        return
    original = IndexBuilder.freeze

    def freeze(self):
        for mapping in (self._mapping, self._title_mapping):
            for term in [t for t, pages in mapping.items() if not pages]:
                del mapping[term]
        return original(self)

    freeze.planeval = True
    IndexBuilder.freeze = freeze


def _marked(language: str) -> re.Pattern:
    """An element marked as being in ``language`` (a span or link holding text only, or an image), with the
    line break that separates it from the other language's text."""
    element = (rf"""(?:<(span|a) class=(["'])planeval-{language}\2[^>]*>[^<]*</\1>"""
               rf"""|<img class=(["'])planeval-{language}\3[^>]*>)""")
    return re.compile(rf"(?:\s*<br\s*/?>)?\s*{element}" if language == "en" else rf"{element}\s*(?:<br\s*/?>\s*)?")


def _keep_edition_language(app, doctree, docname) -> None:
    """Remove from the computed outputs (raw HTML) the text marked as the other edition's language."""
    from docutils import nodes

    drop = _marked("en" if app.config.planeval_edition == "zh" else "zh")
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        kept = drop.sub("", text)
        if kept != text:
            node.replace_self(nodes.raw(node.rawsource, kept, format=node["format"]))


def _edition_switch(app, pagename, templatename, context, doctree) -> None:
    """A link, at the top of every page, to the same page in the other edition (and the same link in the
    page's head, for search engines)."""
    editions = app.config.planeval_editions
    here = app.config.planeval_edition
    if not editions or here not in editions:
        return
    up = "../" * (pagename.count("/") + 1)
    links = []
    for code, name in editions.items():
        if code == here:
            continue
        href = f"{up}{code}/{pagename}.html"
        lang = "zh-CN" if code == "zh" else code
        links.append(f'<a class="planeval-edition-link" href="{href}" hreflang="{lang}" lang="{lang}">{name}</a>')
        context["metatags"] = context.get("metatags", "") + \
            f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />'
    switch = f'<p class="planeval-edition">{" ".join(links)}</p>\n'
    if "body" in context:
        context["body"] = switch + context["body"]
    else:  # the search page and the index, whose templates (book/_templates) place it
        context["planeval_edition_switch"] = switch


#: The search field's placeholder in each edition (jupyter-book sets it, in English, through the theme's options).
SEARCH_BAR_TEXT = {"zh": "搜索本书……", "en": "Search this book..."}


def _search_bar_in_the_edition_s_language(app, config) -> None:
    text = SEARCH_BAR_TEXT.get(config.planeval_edition)
    if text and config.planeval_editions:
        config.html_theme_options = {**(config.html_theme_options or {}), "search_bar_text": text}


def _no_figure_numbers(app, config) -> None:
    """No page numbers its figures or tables (the chapters write them as HTML, named by caption and anchor).
    sphinx-jupyterbook-latex turns numbering on for every builder, and with it on Sphinx unpickles every
    page's doctree at each incremental build to number them again: about 10 s of a one-page change."""
    config.numfig = False


def setup(app):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    app.config.mathjax_path = MATHJAX_PATH
    app.add_search_language(_chinese_search_language())
    app.connect("builder-inited", _load_search_words)
    app.connect("builder-inited", _cache_compiled_templates)
    app.connect("builder-inited", _refresh_changed_static_files)
    app.connect("env-get-outdated", _every_page_when_static_files_change)
    app.connect("env-get-outdated", _every_page_when_a_catalogue_changes)
    app.add_transform(_translated_captions())
    _index_without_empty_terms()
    app.connect("builder-inited", _assets_before_pages)
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    # The edition (set by planeval.build.editions): a change rebuilds every page ("env").
    app.add_config_value("planeval_edition", "zh", "env")
    app.add_config_value("planeval_editions", {}, "env")
    app.connect("doctree-resolved", _keep_edition_language)
    app.connect("html-page-context", _edition_switch)
    app.connect("config-inited", _search_bar_in_the_edition_s_language)
    # After sphinx-jupyterbook-latex's own config-inited handler (default priority 500).
    app.connect("config-inited", _no_figure_numbers, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
