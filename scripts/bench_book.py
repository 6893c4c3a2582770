"""Benchmark of the site build, measured in one run (this machine is shared: compare ratios, not seconds).

1. cold: empty caches (no results, no executed chapters, no Sphinx environment, no site);
2. no-op: the same build again, nothing changed;
3. one parameter: the build with one chapter's parameter changed (-p 03_childcare.target_rate=4.6);
4. floor: as many trivial notebooks as there are chapters, run through papermill in parallel (one
   process per core, kernels run as the runner runs them), plus a Sphinx build of the already executed
   pages from an empty Sphinx environment (the same Sphinx step as the site build, done after the
   notebooks rather than prepared while they run).

Each measurement is the best of REPEATS (the machine is shared, so the minimum is the least disturbed).
It prints the timings and the ratios against the aims: no-op <= 10% of cold, one parameter <= 40% of
cold, cold <= 1.5 x floor. It leaves the site built with the default parameters.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.build import runner  # noqa: E402
from planeval.core import paths  # noqa: E402

BUILD = [sys.executable, str(ROOT / "scripts" / "build_book.py")]
REPEATS = 3
CACHES = [paths.RESULTS, paths.BUILD / "site", paths.BUILD / "html", ROOT / "book" / "chapters",
          ROOT / "book" / "_generated"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _trivial(path: str) -> None:
    import papermill

    papermill.execute_notebook(path, path, kernel_name="python3", progress_bar=False, log_output=False,
                               **runner.kernel_options())


def floor(chapters: int) -> float:
    """Trivial notebooks through papermill in parallel, plus Sphinx on the executed pages from scratch."""
    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        files = []
        for i in range(chapters):
            files.append(str(Path(tmp) / f"trivial_{i}.ipynb"))
            nbformat.write(nb, files[-1])
        start = time.perf_counter()
        with concurrent.futures.ProcessPoolExecutor(os.cpu_count()) as pool:
            list(pool.map(_trivial, files))
        notebooks = time.perf_counter() - start
        sphinx = timed([sys.executable, "-m", "planeval.build.sphinx", "--output", str(Path(tmp) / "html")])
    return notebooks + sphinx


def cold_build() -> float:
    for cache in CACHES:
        shutil.rmtree(cache, ignore_errors=True)
    return timed(BUILD)


def main() -> int:
    chapters = len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    cold = min(cold_build() for _ in range(REPEATS))
    noop = min(timed(BUILD) for _ in range(REPEATS))
    # each repeat changes the parameter to a new value, then the defaults are restored
    one = min(timed([*BUILD, "-p", f"03_childcare.target_rate={4.6 + k / 10:.1f}"]) for k in range(REPEATS))
    timed(BUILD)
    base = min(floor(chapters) for _ in range(REPEATS))
    rows = [("cold build", cold, ""), ("no-op rebuild", noop, f"{noop / cold:.1%} of cold (aim <= 10%)"),
            ("one-parameter rebuild", one, f"{one / cold:.1%} of cold (aim <= 40%)"),
            (f"floor ({chapters} trivial notebooks + Sphinx)", base, f"cold is {cold / base:.2f} x floor (aim <= 1.5)")]
    print(f"best of {REPEATS} runs each")
    for name, seconds, ratio in rows:
        print(f"{name:45s} {seconds:7.2f} s   {ratio}")
    ok = noop / cold <= 0.10 and one / cold <= 0.40 and cold / base <= 1.5
    print("all aims met" if ok else "some aims not met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
