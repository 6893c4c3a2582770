"""Build the website: generate the data tables the pages include, then run Jupyter Book strictly.

Warnings are errors (-W), and any output on stderr fails the build, so a missing glyph or a broken
reference cannot slip into the published site.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval import paths  # noqa: E402
from planeval.site_tables import write_generated_tables  # noqa: E402


def main() -> int:
    write_generated_tables(ROOT / "book" / "_generated")
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "--toc", str(ROOT / "book" / "_toc.yml"),
           "--config", str(ROOT / "_config.yml"), "--path-output", str(ROOT), "-W", "-n", "--keep-going"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0 or proc.stderr.strip():
        sys.stderr.write(proc.stderr)
        print(f"error: the site build failed (exit {proc.returncode}); see the messages above", file=sys.stderr)
        return proc.returncode or 1
    print(f"site built: {paths.BUILD / 'html' / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
