"""Build the website: execute the chapters (cached), generate the included tables, run Jupyter Book strictly.

Warnings are errors (-W), and any output on stderr fails the build, so a missing glyph or a broken
reference cannot slip into the published site. Sphinx builds incrementally in _build/site; the result is
swapped into _build/html only on success, so a failed build leaves the last good site in place, and a
build whose inputs are unchanged is skipped.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval import paths, runner  # noqa: E402
from planeval.site_tables import write_generated_tables  # noqa: E402

SITE = paths.BUILD / "site"  # Sphinx's own output and doctrees, kept between builds (incremental)
STAMP = SITE / "inputs.sha256"
SOURCES = ("_config.yml", "book")


def inputs_hash() -> str:
    """Hash of everything the site is built from: configuration, pages, generated includes, chapters."""
    h = hashlib.sha256()
    for top in SOURCES:
        base = ROOT / top
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def build_site() -> int:
    target = paths.BUILD / "html"
    digest = inputs_hash()
    if target.joinpath("index.html").is_file() and STAMP.is_file() and STAMP.read_text() == digest:
        print("site up to date: nothing changed since the last build")
        return 0
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "--toc", str(ROOT / "book" / "_toc.yml"),
           "--config", str(ROOT / "_config.yml"), "--path-output", str(SITE), "-W", "-n", "--keep-going"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0 or proc.stderr.strip():
        sys.stderr.write(proc.stderr)
        STAMP.unlink(missing_ok=True)
        print(f"error: the site build failed (exit {proc.returncode}); the previous site in _build/html is kept",
              file=sys.stderr)
        return proc.returncode or 1
    # Swap the new site in whole, so readers never see a half-copied one.
    fresh, old = paths.BUILD / "html.new", paths.BUILD / "html.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(SITE / "_build" / "html", fresh)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    STAMP.write_text(digest)
    print(f"site built: {target / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the chapters (any runner argument, e.g. -p or --force, is passed on), then build the site."""
    status = runner.main(list(sys.argv[1:] if argv is None else argv))
    if status:
        print("error: the chapters did not all run; the site was not rebuilt", file=sys.stderr)
        return status
    write_generated_tables(ROOT / "book" / "_generated")
    return build_site()


if __name__ == "__main__":
    sys.exit(main())
