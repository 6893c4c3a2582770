"""Run Sphinx on the book as ``jupyter-book build <root> --toc book/_toc.yml --config _config.yml -W -n
--keep-going`` does, split in two steps so that the first can overlap with the chapters' execution.

1. *Prepare* (about 1.5 s): import Sphinx and every extension, read the configuration, load the saved
   environment, and (in ``book/_ext/planeval_site.py``) the Chinese word list of the search index.
   Nothing here reads the pages, so it can run while the chapters are still executing.
2. *Build*: read what changed, write the pages and the search index.

``python -m planeval.build.sphinx`` prepares and builds at once. With ``--wait`` it prepares, then waits for
one line on standard input: ``build`` builds; anything else, or the end of input, exits 0 without
building (a chapter failed, or nothing changed). Sphinx's messages go to stdout, its warnings and errors
to stderr; the exit status is Sphinx's (warnings are errors).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from planeval.build.editions import BY_CODE, DEFAULT, Edition, one_language, sphinx_overrides
from planeval.core import paths

#: Where Sphinx keeps its output and its environment between builds (incremental builds).
WORK_DIR = paths.SITE_WORK


def output_dir(work: Path, edition: Edition) -> Path:
    """Where Sphinx writes ``edition`` (its environment goes beside, in ``.doctrees``)."""
    return Path(work) / edition.code / "_build" / "html"  # where `jupyter-book build --path-output` writes too


TOC, CONFIG = paths.TOC, paths.CONFIG
BUILD_COMMAND = "build"
#: The folder ``html_extra_path`` in ``_config.yml`` copies to the site's root.
DOWNLOADS_ROOT = paths.GENERATED / "files"


def run_sphinx(proceed: Callable[[], bool] | None = None, *, source: Path = paths.ROOT, toc: Path | None = None,
               config: Path | None = None, output: Path | None = None, edition: Edition = DEFAULT,
               builder: str = "html") -> int:
    """Prepare Sphinx for ``edition``, then (when ``proceed`` is None or returns True) build; returns the exit
    status. ``builder`` "gettext" writes the messages to translate instead of the pages.

    ``toc`` and ``config`` default to ``book/_toc.yml`` and ``_config.yml`` of ``source``."""
    output = Path(output) if output is not None else output_dir(WORK_DIR, edition)
    toc = Path(toc) if toc is not None else Path(source) / TOC.relative_to(paths.ROOT)
    config = Path(config) if config is not None else Path(source) / CONFIG.relative_to(paths.ROOT)
    # Sphinx checks html_extra_path when it starts, before the downloads folder is written (a fresh clone has none).
    (Path(source) / DOWNLOADS_ROOT.relative_to(paths.ROOT)).mkdir(parents=True, exist_ok=True)
    from jupyter_book.config import get_final_config
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # The same overrides as jupyter-book's command line, so that both builds share one environment.
    overrides = {"external_toc_path": Path(toc).as_posix(), "latex_individualpages": False, "nitpicky": True}
    sphinx_config, _ = get_final_config(user_yaml=Path(config), cli_config=overrides, sourcedir=Path(source),
                                        use_external_toc=True)
    sphinx_config.update(sphinx_overrides(edition))
    theme = sphinx_config.get("html_theme_options") or {}
    if theme.get("extra_footer"):
        theme["extra_footer"] = one_language(theme["extra_footer"], edition)
    with patch_docutils(None), docutils_namespace():
        app = Sphinx(srcdir=source, confdir=None, outdir=output, doctreedir=Path(output).parent / ".doctrees",
                     buildername=builder, confoverrides=sphinx_config, status=sys.stdout, warning=sys.stderr,
                     freshenv=False, warningiserror=True, tags=None, verbosity=0, parallel=1, keep_going=True)
        if "numbered: true" in Path(toc).read_text(encoding="utf-8"):
            app.setup_extension("sphinx_multitoc_numbering")  # as jupyter-book does for numbered tocs
        if proceed is not None and not proceed():
            return 0
        app.build(False, [])
        return app.statuscode


def _wait_for_build() -> bool:
    return sys.stdin.readline().strip() == BUILD_COMMAND


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planeval.build.sphinx", description=__doc__.split("\n")[0])
    parser.add_argument("--wait", action="store_true",
                        help=f"prepare, then build only after reading '{BUILD_COMMAND}' on standard input")
    parser.add_argument("--output", type=Path,
                        help="folder for the HTML; the environment goes beside it, in .doctrees "
                             f"(default: {output_dir(WORK_DIR, DEFAULT).relative_to(paths.ROOT)}, per edition)")
    parser.add_argument("--source", type=Path, default=paths.ROOT,
                        help="the book's root, holding _config.yml and book/ (default: the repository)")
    parser.add_argument("--edition", choices=sorted(BY_CODE), default=DEFAULT.code,
                        help=f"the edition to build (default: {DEFAULT.code})")
    parser.add_argument("--builder", choices=("html", "gettext"), default="html",
                        help="html: the pages; gettext: the messages to translate, as .pot files (default: html)")
    args = parser.parse_args(argv)
    try:
        return run_sphinx(_wait_for_build if args.wait else None, source=args.source.absolute(),
                          output=args.output.absolute() if args.output else None, edition=BY_CODE[args.edition],
                          builder=args.builder)
    except KeyboardInterrupt:  # the parent (planeval.build.book) says so in one line
        return 130
    except Exception as exc:  # a broken configuration or extension: one line, not a traceback
        print(f"error: Sphinx could not build the site: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
