"""Sphinx extension for the planeval site: an offline, quiet and clean build.

- Sphinx's Chinese search splitter imports jieba, which logs "Building prefix dict ..." to stderr;
  the build treats stderr output as failure, so only jieba's warnings are kept.
- MathJax is served from the site itself (files of the ``sphinx-mathjax-offline`` package), so the
  formulas render without any network, in the build and in the reader's browser.
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
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The second registration names no file as "" instead of None.
        key = (str(script.filename or ""), str(script.attributes.get("body", "")))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    app.config.mathjax_path = MATHJAX_PATH
    app.connect("build-finished", _copy_mathjax)
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
