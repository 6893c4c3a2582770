"""Build the website once per test session into a temporary folder, never into the working ``_build/``.

The copy holds what the site is built from (``_config.yml`` and ``book/``, without the executed chapters
and generated pages of any earlier build); the notebooks and the data are read where they are.
"""

from __future__ import annotations

import atexit
import functools
import io
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from planeval.build.book import Layout, copy_sources, main
from planeval.build.editions import BY_CODE, DEFAULT


def site_extension():
    """The book's Sphinx extension (``book/_ext/planeval_site.py``), imported as Sphinx imports it."""
    import importlib.util

    from planeval.core import paths

    spec = importlib.util.spec_from_file_location("planeval_site", paths.ROOT / "book" / "_ext" / "planeval_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(layout: Layout, *argv: str) -> tuple[int, str, str]:
    """Run the site build of ``layout``; its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv), layout=layout)
    return status, out.getvalue(), err.getvalue()


@functools.cache
def built_layout() -> Layout:
    """The session's site: built once, from a clean copy, with the book's own parameters."""
    root = Path(tempfile.mkdtemp(prefix="planeval-site-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    layout = copy_sources(root)
    status, _, err = build(layout)
    if status != 0:
        raise AssertionError(f"site build failed with exit {status}:\n{err[-3000:]}")
    return layout


def built_site(edition: str = DEFAULT.code) -> Path:
    """One edition of the session's built site (``html/zh`` by default)."""
    return built_layout().edition_html(BY_CODE[edition])
