"""Build the website: execute the chapters (cached), generate the included pages, run Sphinx strictly.

Warnings are errors (-W), and any output on stderr fails the build, so a missing glyph or a broken
reference cannot slip into the published site. Sphinx builds incrementally in ``_build/site``; the result
is swapped into ``_build/html`` only on success, so a failed or interrupted build leaves the last good
site in place, and a build whose inputs are unchanged is skipped.

Sphinx runs in a child process (``python -m planeval.build.sphinx --wait``) started as soon as the runner
knows that chapters will execute: it imports Sphinx and loads its environment while the kernels run, and
builds once the chapters and the generated pages are in place.

Every folder comes from a :class:`Layout`, so that the tests build a copy of the book in a temporary
folder and never touch the working ``_build/``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planeval.build import cli, runner
from planeval.build import sphinx as sphinx_step
from planeval.build.cache import PageSet, discover_chapters
from planeval.build.editions import DEFAULT, Edition, one_language, root_page, sphinx_overrides, to_build
from planeval.build.files import display, run_lock
from planeval.core import paths
from planeval.core.errors import PlanevalError

#: The files and folders (under the book's root) the site is built from.
SOURCES = ("_config.yml", "book")


@dataclass(frozen=True)
class Layout:
    """Where a build reads and writes. ``root`` holds ``_config.yml`` and ``book/``."""

    root: Path = paths.ROOT
    notebooks: Path = paths.NOTEBOOKS
    build: Path = paths.BUILD

    @property
    def toc(self) -> Path:
        return self.root / "book" / "_toc.yml"

    @property
    def chapters_out(self) -> Path:
        return self.root / "book" / "chapters"

    @property
    def generated(self) -> Path:
        return self.root / "book" / "_generated"

    @property
    def results(self) -> Path:
        return self.build / "results"

    @property
    def pages(self) -> PageSet:
        """The indicator pages: the template executed once per indicator of the catalogue."""
        return PageSet(template=self.notebooks / "indicator.ipynb", output_dir=self.root / "book" / "indicators",
                       results_dir=self.build / "pages")

    @property
    def work(self) -> Path:
        """Sphinx's own output and environment, kept between builds (incremental builds)."""
        return self.build / "site"

    def sphinx_output(self, edition: Edition = DEFAULT) -> Path:
        """Where Sphinx writes ``edition`` (kept between builds, for incremental builds)."""
        return sphinx_step.output_dir(self.work, edition)

    @property
    def stamp(self) -> Path:
        return self.work / "inputs.sha256"

    @property
    def html(self) -> Path:
        """The published site: the root page and one folder per edition."""
        return self.build / "html"

    def edition_html(self, edition: Edition = DEFAULT) -> Path:
        return self.html / edition.code


def copy_sources(root: Path) -> Layout:
    """A copy of what the site is built from (``_config.yml`` and ``book/``, without the executed chapters, pages and
    generated pages of any earlier build) in ``root``, and the layout that builds it into ``root/_build``;
    the notebooks are read where they are. The tests and the benchmark build there, never in ``_build/``."""
    source = Path(root) / "book-root"
    source.mkdir(parents=True, exist_ok=True)
    shutil.copy2(paths.CONFIG, source / "_config.yml")
    shutil.copytree(paths.BOOK, source / "book", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("chapters", "indicators", "_generated", "__pycache__"))
    return Layout(root=source, build=Path(root) / "_build")


class SphinxProcess:
    """Sphinx preparing one edition in a child process until told to build (or not)."""

    def __init__(self, layout: Layout = Layout(), edition: Edition = DEFAULT) -> None:
        self.edition = edition
        self.out, self.err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        # A fixed hash seed: Sphinx writes some sets in iteration order.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        command = [sys.executable, "-m", "planeval.build.sphinx", "--wait", "--source", str(layout.root),
                   "--output", str(layout.sphinx_output(edition)), "--edition", edition.code]
        self.proc = subprocess.Popen(command, cwd=layout.root, stdin=subprocess.PIPE, stdout=self.out,
                                     stderr=self.err, env=env)

    def start(self) -> None:
        """Tell the child to build, without waiting (the editions build side by side)."""
        try:
            self.proc.stdin.write(f"{sphinx_step.BUILD_COMMAND}\n".encode())
            self.proc.stdin.close()
        except BrokenPipeError:
            pass  # it ended while preparing; its stderr says why

    def wait(self) -> tuple[int, str, str]:
        """Its exit status, stdout and stderr, once it ends."""
        code = self.proc.wait()
        return code, self._read(self.out), self._read(self.err)

    def build(self) -> tuple[int, str, str]:
        self.start()
        return self.wait()

    def stop(self) -> None:
        """End the child without building (nothing is written before the build starts)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for f in (self.out, self.err):
            f.close()

    @staticmethod
    def _read(f) -> str:
        f.seek(0)
        return f.read().decode("utf-8", errors="replace")


class PlainJupyterBook:
    """Jupyter Book's own command, ``jupyter-book build <root> -W -n --keep-going``, into the same folder
    as :class:`SphinxProcess` (``--plain``): the reference the custom build is compared with, in the tests
    and the benchmark."""

    def __init__(self, layout: Layout = Layout(), edition: Edition = DEFAULT) -> None:
        self.layout, self.edition = layout, edition

    def _config(self) -> Path:
        """``_config.yml`` with the edition's Sphinx settings added (jupyter-book reads one file)."""
        import yaml

        config = yaml.safe_load((self.layout.root / "_config.yml").read_text(encoding="utf-8"))
        sphinx = config.setdefault("sphinx", {})
        sphinx.setdefault("config", {}).update(sphinx_overrides(self.edition))
        html = config.get("html") or {}
        if html.get("extra_footer"):
            html["extra_footer"] = one_language(html["extra_footer"], self.edition)
        # jupyter-book finds local extensions relative to the configuration file, which is no longer beside them
        sphinx["local_extensions"] = {name: str(self.layout.root / folder)
                                      for name, folder in sphinx.get("local_extensions", {}).items()}
        path = self.layout.work / self.edition.code / "_config.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def build(self) -> tuple[int, str, str]:
        jupyter_book = Path(sys.executable).parent / "jupyter-book"
        # --path-output P writes the pages into P/_build/html: the parent of the edition's html folder.
        command = [str(jupyter_book), "build", str(self.layout.root), "--toc", str(self.layout.toc),
                   "--config", str(self._config()),
                   "--path-output", str(self.layout.sphinx_output(self.edition).parent.parent),
                   "-W", "-n", "--keep-going"]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        proc = subprocess.run(command, cwd=self.layout.root, capture_output=True, text=True, env=env)
        # jupyter-book prints its own banners and hints on stderr; only Sphinx's warnings count as errors.
        err = "\n".join(line for line in proc.stderr.splitlines() if "WARNING" in line or "ERROR" in line)
        return proc.returncode, proc.stdout, err

    def start(self) -> None:
        """Nothing runs before the build (which runs in :meth:`wait`)."""

    def wait(self) -> tuple[int, str, str]:
        return self.build()

    def stop(self) -> None:
        """Nothing runs before the build."""


def check_toc(layout: Layout) -> None:
    """Every chapter notebook must be listed in the table of contents (the site shows only what it lists)."""
    toc = layout.toc.read_text(encoding="utf-8")
    listed = set(re.findall(r"file:\s*book/chapters/([0-9]{2}_[^\s#]+)", toc))
    for chapter in discover_chapters(layout.notebooks):
        if chapter not in listed:
            raise PlanevalError(f"notebooks/{chapter}.ipynb is not in the table of contents: add "
                                f"'- file: book/chapters/{chapter}' under 'Chapters' in {display(layout.toc)}")


def inputs_hash(layout: Layout) -> str:
    """Hash of everything the site is built from: configuration, pages, generated includes, chapters, and
    the editions it makes."""
    h = hashlib.sha256(",".join(e.code for e in to_build()).encode())
    for top in SOURCES:
        base = layout.root / top
        # Not the compiled catalogues (.mo): Sphinx writes them from the .po files while it builds.
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file() and p.suffix != ".mo")
        for path in files:
            h.update(str(path.relative_to(layout.root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _swap_in(layout: Layout) -> None:
    """Put the new site in place whole (the root page and every edition), so readers never see a half-copied
    one."""
    fresh, old = layout.build / "html.new", layout.build / "html.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    editions = to_build()
    for edition in editions:
        shutil.copytree(layout.sphinx_output(edition), fresh / edition.code)
    (fresh / "index.html").write_text(root_page(editions), encoding="utf-8")
    if layout.html.exists():
        os.replace(layout.html, old)
    os.replace(fresh, layout.html)
    shutil.rmtree(old, ignore_errors=True)


#: What the generated pages are made of besides the results: the data, the citation and the code writing them.
GENERATED_FROM = (paths.DATA, paths.ROOT / "CITATION.cff", paths.LIBRARY / "build", paths.LIBRARY / "report",
                  paths.LIBRARY / "data")


def generated_inputs_hash(layout: Layout) -> str:
    """Hash of everything the generated pages are computed from (read as bytes: no table is parsed)."""
    h = hashlib.sha256()
    for top in (*GENERATED_FROM, layout.results, layout.pages.results_dir):
        if not top.exists():
            continue
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file()
                                                   and "__pycache__" not in p.parts and not p.name.startswith("."))
        for path in files:
            h.update(str(path).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def write_generated(layout: Layout) -> None:
    """Write the generated pages, unless nothing they are made of changed since they were written (then
    neither pandas nor any table is loaded: a no-op build stays quick)."""
    stamp = layout.generated / ".inputs.sha256"
    digest = generated_inputs_hash(layout)
    if stamp.is_file() and stamp.read_text() == digest and (layout.generated / "front.md").is_file():
        return
    from planeval.build.site_pages import write_generated_tables  # pandas: not before the chapters start

    write_generated_tables(layout.generated, layout.results, layout.pages.results_dir)
    stamp.write_text(digest)


def build_site(sphinx: Sequence[SphinxProcess | PlainJupyterBook] | None = None, layout: Layout = Layout()) -> int:
    """Write the generated pages, then build every edition with ``sphinx`` (one process per edition, started
    while the chapters ran) or new Sphinx processes, unless no input of the site changed."""
    write_generated(layout)
    digest = inputs_hash(layout)
    if layout.html.joinpath("index.html").is_file() and layout.stamp.is_file() \
            and layout.stamp.read_text() == digest:
        print("site up to date: nothing changed since the last build")
        return 0
    builds = list(sphinx or [SphinxProcess(layout, edition) for edition in to_build()])
    for one in builds:
        one.start()
    failed = 0
    for one in builds:
        code, out, err = one.wait()
        sys.stdout.write(out)
        if code != 0 or err.strip():
            sys.stderr.write(err)
            failed = failed or code or 1
    if failed:
        layout.stamp.unlink(missing_ok=True)
        print(f"error: the site build failed (exit {failed}); the previous site in {display(layout.html)} is kept",
              file=sys.stderr)
        return failed
    _swap_in(layout)
    layout.stamp.write_text(digest)
    print(f"site built: {display(layout.html / 'index.html')}")
    return 0


def main(argv: Sequence[str] | None = None, prog: str = "build_book.py", layout: Layout = Layout()) -> int:
    """Run the chapters (any runner option, e.g. --params, -p or --reset, is passed on), then build the site."""
    parser = cli.Parser(prog=prog, description="Run the chapters (cached) and build the website into "
                                               f"{display(layout.html)}.", epilog=cli.EXIT_STATUS)
    cli.add_run_options(parser, folders=False)
    parser.add_argument("--plain", action="store_true",
                        help="build with Jupyter Book's own command (slower: Sphinx starts after the chapters)")
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help (0) or a bad option (2), already printed
        return int(exc.code or 0)
    config = cli.config_of(args, notebooks_dir=layout.notebooks, results_dir=layout.results,
                           output_dir=layout.chapters_out, failed_dir=layout.build / "failed")
    if layout.pages.template.is_file():
        config = dataclasses.replace(config, pages=layout.pages)
    started: list[SphinxProcess] = []

    def on_execute(chapters: list[str]) -> None:
        if args.plain:
            return
        started.extend(SphinxProcess(layout, edition) for edition in to_build())
        if len(chapters) == 1:
            # The runner executes a lone chapter in this process, which then mostly waits for the kernel:
            # import the page code (and pandas) meanwhile. Not with more chapters: the runner forks its
            # workers only from a process with no other thread.
            threading.Thread(target=importlib.import_module, args=("planeval.build.site_pages",),
                             daemon=True).start()

    def action() -> int:
        check_toc(layout)
        with run_lock(layout.results):  # the same lock as the runner's: one build at a time
            status = runner.run(config, args.only, args.overrides, on_execute=on_execute)
            if status:
                print("error: the chapters did not all run; the site was not rebuilt", file=sys.stderr)
                return status
            plain = [PlainJupyterBook(layout, edition) for edition in to_build()]
            return build_site(plain if args.plain else started or None, layout)

    try:
        return cli.guarded(action, args.debug, f"the previous site in {display(layout.html)} is kept")
    finally:
        for sphinx in started:
            sphinx.stop()
