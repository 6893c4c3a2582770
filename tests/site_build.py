"""Build the website once per test session (chapters cached by the runner), for the site tests."""

from __future__ import annotations

import functools
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from planeval.core import paths


@functools.cache
def built_site() -> Path:
    """Run the full build (chapters, generated pages, strict Sphinx build); return _build/html."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_book", paths.ROOT / "scripts" / "build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = module.main([])
    if status != 0:
        raise AssertionError(f"site build failed with exit {status}:\n{err.getvalue()[-3000:]}")
    return paths.BUILD / "html"
