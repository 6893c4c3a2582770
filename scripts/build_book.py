"""Build the website: execute the chapters (cached), generate the included tables, run Sphinx strictly.

Warnings are errors (-W), and any output on stderr fails the build, so a missing glyph or a broken
reference cannot slip into the published site. Sphinx builds incrementally in _build/site; the result is
swapped into _build/html only on success, so a failed build leaves the last good site in place, and a
build whose inputs are unchanged is skipped.

Sphinx runs in a child process (``python -m planeval.build.sphinx --wait``) started as soon as the runner
knows that chapters will execute: it imports Sphinx and loads its environment while the kernels run, and
builds once the chapters and the generated tables are in place.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.build import runner  # noqa: E402
from planeval.build import sphinx as site_build  # noqa: E402
from planeval.core import paths  # noqa: E402

SITE = site_build.WORK_DIR  # Sphinx's own output and doctrees, kept between builds (incremental)
STAMP = SITE / "inputs.sha256"
SOURCES = ("_config.yml", "book")


class SphinxProcess:
    """Sphinx preparing itself in a child process until told to build (or not)."""

    def __init__(self) -> None:
        self.out, self.err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        # A fixed hash seed: Sphinx writes some sets in iteration order.
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        self.proc = subprocess.Popen([sys.executable, "-m", "planeval.build.sphinx", "--wait"], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=self.out, stderr=self.err, env=env)

    def build(self) -> tuple[int, str, str]:
        """Tell the child to build; its exit status, stdout and stderr."""
        try:
            self.proc.stdin.write(f"{site_build.BUILD_COMMAND}\n".encode())
            self.proc.stdin.close()
        except BrokenPipeError:
            pass  # it ended while preparing; its stderr says why
        code = self.proc.wait()
        return code, self._read(self.out), self._read(self.err)

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


def inputs_hash() -> str:
    """Hash of everything the site is built from: configuration, pages, generated includes, chapters."""
    h = hashlib.sha256()
    for top in SOURCES:
        base = ROOT / top
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build_site(sphinx: SphinxProcess | None = None) -> int:
    """Write the generated tables, then build the site with ``sphinx`` (started while the chapters ran) or
    a new Sphinx process, unless no input of the site changed."""
    from planeval.build.site_pages import write_generated_tables  # pandas: not before the chapters start

    target = paths.BUILD / "html"
    write_generated_tables(site_build.GENERATED)
    digest = inputs_hash()
    if target.joinpath("index.html").is_file() and STAMP.is_file() and STAMP.read_text() == digest:
        print("site up to date: nothing changed since the last build")
        return 0
    code, out, err = (sphinx or SphinxProcess()).build()
    sys.stdout.write(out)
    if code != 0 or err.strip():
        sys.stderr.write(err)
        STAMP.unlink(missing_ok=True)
        print(f"error: the site build failed (exit {code}); the previous site in _build/html is kept",
              file=sys.stderr)
        return code or 1
    # Swap the new site in whole, so readers never see a half-copied one.
    fresh, old = paths.BUILD / "html.new", paths.BUILD / "html.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(site_build.OUTPUT_DIR, fresh)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    STAMP.write_text(digest)
    print(f"site built: {target / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the chapters (any runner argument, e.g. -p or --force, is passed on), then build the site."""
    started: list[SphinxProcess] = []

    def on_execute(chapters: list[str]) -> None:
        started.append(SphinxProcess())
        if len(chapters) == 1:
            # The runner executes a lone chapter in this process, which then mostly waits for the kernel:
            # import the table code (and pandas) meanwhile. Not with more chapters: the runner forks its
            # workers only from a process with no other thread.
            threading.Thread(target=importlib.import_module, args=("planeval.build.site_pages",), daemon=True).start()

    try:
        status = runner.main(list(sys.argv[1:] if argv is None else argv), on_execute=on_execute)
        if status:
            if status == 1:  # bad input (2) and interruptions already said so in one line
                print("error: the chapters did not all run; the site was not rebuilt", file=sys.stderr)
            return status
        return build_site(started[0] if started else None)
    finally:
        for sphinx in started:
            sphinx.stop()


if __name__ == "__main__":
    sys.exit(main())
