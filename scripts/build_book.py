"""Build the website: execute the chapters (cached), generate the included tables, run Jupyter Book strictly.

Warnings are errors (-W), and any output on stderr fails the build, so a missing glyph or a broken
reference cannot slip into the published site. The site is built into a staging folder and swapped
into _build/html only on success: a failed build leaves the last good site in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval import paths, runner  # noqa: E402
from planeval.book_pages import prepare_chapters  # noqa: E402
from planeval.site_tables import write_generated_tables  # noqa: E402

STAGING = paths.BUILD / "site-staging"


def build_site() -> int:
    if STAGING.exists():
        shutil.rmtree(STAGING)
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "--toc", str(ROOT / "book" / "_toc.yml"),
           "--config", str(ROOT / "_config.yml"), "--path-output", str(STAGING), "-W", "-n", "--keep-going"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0 or proc.stderr.strip():
        sys.stderr.write(proc.stderr)
        print(f"error: the site build failed (exit {proc.returncode}); the previous site in _build/html is kept",
              file=sys.stderr)
        return proc.returncode or 1
    target = paths.BUILD / "html"
    old = paths.BUILD / "html.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(STAGING / "_build" / "html", target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(STAGING, ignore_errors=True)
    print(f"site built: {target / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the chapters (any runner argument, e.g. -p or --force, is passed on), then build the site."""
    status = runner.main(list(sys.argv[1:] if argv is None else argv))
    if status:
        print("error: the chapters did not all run; the site was not rebuilt", file=sys.stderr)
        return status
    prepare_chapters(ROOT / "book" / "chapters")
    write_generated_tables(ROOT / "book" / "_generated")
    return build_site()


if __name__ == "__main__":
    sys.exit(main())
