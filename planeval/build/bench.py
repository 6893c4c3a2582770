"""``make bench``: the benchmarks, each measured in one run as ratios (the machine is shared: compare
ratios, never seconds), and never inside the tests.

1. **Sweep**: 10,000 scenario parameter sets in one vectorised call against a loop of scalar calls.
2. **Extractor**: the five sources (:mod:`planeval.extract.bench`).
3. **Site build**, in a copy of the book in a temporary folder (the working ``_build/`` is never touched):
   cold (empty caches), no-op (nothing changed), one parameter changed, and a floor — as many trivial
   notebooks as there are chapters, run through papermill as the runner runs them, plus a Sphinx build of
   the executed pages from an empty environment. Aims: no-op ≤ 10% of cold, one parameter ≤ 40% of cold,
   cold ≤ 1.5 × the floor. Each measurement is the best of ``--repeat`` runs (the least disturbed).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from planeval.core import paths
from planeval.methods import scenarios

BASE_YEAR, TARGET_YEAR, ALLOWANCE_YEARS = 2021, 2025, 5
AIMS = {"no-op": 0.10, "one parameter": 0.40, "floor": 1.5}


# ----------------------------------------------------------------------------------------------- sweep

def parameter_sets(n: int, seed: int = scenarios.DEFAULT_SEED) -> dict[str, np.ndarray]:
    """``n`` plausible parameter sets, drawn once with a fixed seed."""
    rng = np.random.default_rng(seed)
    return {
        "population": rng.uniform(3e5, 2e7, n),       # a county to a megacity
        "places_per_1000": rng.uniform(1.0, 6.0, n),
        "current_places": rng.uniform(500, 40_000, n),
        "occupancy": rng.uniform(0.4, 1.0, n),
        "monthly_subsidy": rng.uniform(100, 400, n),
        "allowance": rng.uniform(1000, 3000, n),
        "growth": rng.uniform(0.0, 0.08, n),
    }


def vectorised(p: dict[str, np.ndarray]) -> tuple[scenarios.ChildcareScenario, np.ndarray]:
    """The whole sweep in one call of each model."""
    childcare = scenarios.childcare_scenario(p["population"], p["places_per_1000"], p["current_places"],
                                             BASE_YEAR, TARGET_YEAR, p["occupancy"], p["monthly_subsidy"])
    return childcare, scenarios.fixed_growth_path(p["allowance"], p["growth"], ALLOWANCE_YEARS)


def looped(p: dict[str, np.ndarray]) -> list[tuple[scenarios.ChildcareScenario, np.ndarray]]:
    """The same sweep, one scalar call per parameter set."""
    out = []
    for i in range(len(p["population"])):
        childcare = scenarios.childcare_scenario(
            float(p["population"][i]), float(p["places_per_1000"][i]), float(p["current_places"][i]),
            BASE_YEAR, TARGET_YEAR, float(p["occupancy"][i]), float(p["monthly_subsidy"][i]))
        path = scenarios.fixed_growth_path(float(p["allowance"][i]), float(p["growth"][i]), ALLOWANCE_YEARS)
        out.append((childcare, path))
    return out


def same_results(p: dict[str, np.ndarray]) -> bool:
    """The two ways give the same numbers (checked before timing, so the race is fair)."""
    childcare, paths_ = vectorised(p)
    loop = looped(p)
    return (np.allclose(childcare.yearly_subsidy_cost, [c.yearly_subsidy_cost for c, _ in loop])
            and np.allclose(childcare.annual_growth_required, [c.annual_growth_required for c, _ in loop])
            and np.allclose(paths_, np.array([path for _, path in loop])))


def sweep(sets: int = 10_000, repeat: int = 5) -> float:
    """The speed-up of the vectorised sweep over the loop (printed)."""
    params = parameter_sets(sets)
    if not same_results(params):
        raise SystemExit("the vectorised and looped sweeps disagree")
    fast = min(timeit.repeat(lambda: vectorised(params), number=1, repeat=repeat))
    slow = min(timeit.repeat(lambda: looped(params), number=1, repeat=repeat))
    print(f"sweep of {sets:,} scenarios: vectorised {fast * 1e3:.2f} ms, loop {slow * 1e3:.1f} ms; "
          f"speed-up {slow / fast:,.0f}x (best of {repeat})")
    return slow / fast


# ------------------------------------------------------------------------------------------- site build

def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _build_command(root: Path, *extra: str) -> list[str]:
    code = ("import sys; from pathlib import Path; from planeval.build.book import Layout, main; "
            f"sys.exit(main(sys.argv[1:], layout=Layout(root=Path({str(root / 'book-root')!r}), "
            f"build=Path({str(root / '_build')!r}))))")
    return [sys.executable, "-c", code, *extra]


def _trivial(path: str) -> None:
    import papermill

    from planeval.build.execute import kernel_options

    papermill.execute_notebook(path, path, kernel_name="python3", progress_bar=False, log_output=False,
                               **kernel_options())


def floor(chapters: int, root: Path) -> float:
    """Trivial notebooks through papermill in parallel, plus Sphinx on the executed pages from scratch."""
    import nbformat

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
        sphinx = _timed([sys.executable, "-m", "planeval.build.sphinx", "--source", str(root / "book-root"),
                         "--output", str(Path(tmp) / "html")], root / "book-root")
    return notebooks + sphinx


def book(repeat: int = 3) -> dict[str, float]:
    """Cold, no-op, one-parameter and floor times of the site build (best of ``repeat``), printed as ratios."""
    import shutil

    from planeval.build.book import copy_sources

    chapters = len(list(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    with tempfile.TemporaryDirectory(prefix="planeval-bench-") as tmp:
        root = Path(tmp)
        layout = copy_sources(root)
        colds = []
        for _ in range(repeat):
            for cache in (layout.build, layout.chapters_out, layout.generated):
                shutil.rmtree(cache, ignore_errors=True)
            colds.append(_timed(_build_command(root), root))
        cold = min(colds)
        noop = min(_timed(_build_command(root), root) for _ in range(repeat))
        # each repeat changes the parameter to a new value; then the book's parameters are restored
        one = min(_timed(_build_command(root, "-p", f"03_childcare.target_rate={4.6 + k / 10:.1f}"), root)
                  for k in range(repeat))
        # the same with Jupyter Book's own command (Sphinx started after the chapters, not prepared meanwhile)
        plain = min(_timed(_build_command(root, "--plain", "-p", f"03_childcare.target_rate={5.1 + k / 10:.1f}"),
                           root) for k in range(repeat))
        _timed(_build_command(root, "--reset"), root)
        base = min(floor(chapters, root) for _ in range(repeat))
    times = {"cold": cold, "no-op": noop, "one parameter": one, "one parameter (plain)": plain, "floor": base}
    print(f"site build (best of {repeat}): cold {cold:.2f} s; no-op {noop / cold:.1%} of cold (aim <= 10%); "
          f"one parameter {one / cold:.1%} of cold (aim <= 40%); cold {cold / base:.2f} x the floor of "
          f"{chapters} trivial notebooks + Sphinx, {base:.2f} s (aim <= 1.5)")
    print(f"one parameter with plain jupyter-book: {plain:.2f} s; the custom build saves {1 - one / plain:.1%} "
          "(it is kept only while it saves more than 20%)")
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planeval bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per site-build measurement (best kept)")
    parser.add_argument("--only", choices=("sweep", "extract", "book"), action="append", default=[],
                        help="run only this benchmark; repeatable")
    args = parser.parse_args(argv)
    chosen = args.only or ["sweep", "extract", "book"]
    status = 0
    if "sweep" in chosen and sweep() < 100:
        status = 1
    if "extract" in chosen:
        from planeval.extract.bench import main as extract_main

        status = max(status, extract_main([], prog="planeval bench"))
    if "book" in chosen:
        times = book(args.repeat)
        met = (times["no-op"] / times["cold"] <= AIMS["no-op"] and times["one parameter"] / times["cold"]
               <= AIMS["one parameter"] and times["cold"] / times["floor"] <= AIMS["floor"])
        print("all site-build aims met" if met else "some site-build aims not met")
    return status


if __name__ == "__main__":
    sys.exit(main())
