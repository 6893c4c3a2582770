"""``make bench``: the benchmarks, each measured in one run as ratios (the machine is shared: compare
ratios, never seconds), and never inside the tests.

1. **Sweep**: 10,000 scenario parameter sets in one vectorised call against a loop of scalar calls.
2. **Extractor**: the five sources (:mod:`planeval.extract.bench`).
3. **Indicator pages**: the marginal cost of one more page (:mod:`planeval.build.bench_pages`).
4. **Site build**, in a copy of the book and of the data in a temporary folder (the working ``_build/``
   and ``data/`` are never touched): cold (empty caches), no-op (nothing changed), one chapter parameter
   changed, one indicator's figure changed (a target corrected in the copy of the figures table), and a
   floor — as many trivial notebooks as there are chapters and pages, run by the runner's executor as a
   build runs them (pages batched in shared kernels), plus the Sphinx builds of the executed pages (every
   edition, side by side) from an empty environment — and the Chinese edition alone, cold, to measure
   what the second edition adds. Aims: no-op ≤ 5% of cold, one parameter ≤ 40% of cold, one figure ≤ 25%
   of cold, cold ≤ 1.5 × the floor, the second edition ≤ 60% of the first's cold build. Each measurement
   is the best of ``--repeat`` runs (the least disturbed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from planeval.build.editions import DEFAULT, EDITIONS, EDITIONS_ENV
from planeval.core import paths
from planeval.methods import scenarios

BASE_YEAR, TARGET_YEAR, ALLOWANCE_YEARS = 2021, 2025, 5
AIMS = {"no-op": 0.05, "one parameter": 0.40, "one figure": 0.25, "floor": 1.5, "second edition": 0.6}
#: The figure the benchmark corrects in its copy of the figures table (Qingzhen's childcare target), and the
#: sentence its notes gain and lose.
CHANGED_FIGURE = "s003-543"
CORRECTION = " Checked again against the source."


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

def _timed(command: list[str], cwd: Path, data: Path | None = None, editions: str = "") -> float:
    env = dict(os.environ)
    if data is not None:
        env[paths.DATA_ENV] = str(data)
    env.pop(EDITIONS_ENV, None)
    if editions:
        env[EDITIONS_ENV] = editions
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    if proc.returncode != 0:  # a benchmark of a failing build measures nothing: say why it failed
        raise RuntimeError(f"the measured build failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return time.perf_counter() - start


def _build_command(root: Path, *extra: str) -> list[str]:
    code = ("import sys; from pathlib import Path; from planeval.build.book import Layout, main; "
            f"sys.exit(main(sys.argv[1:], layout=Layout(root=Path({str(root / 'book-root')!r}), "
            f"build=Path({str(root / '_build')!r}))))")
    return [sys.executable, "-c", code, *extra]


def floor(chapters: int, pages: int, root: Path) -> float:
    """Trivial notebooks through the runner's executor (chapters in kernels of their own, pages batched),
    plus Sphinx on the executed pages from scratch, every edition at once (as the build runs them)."""
    from planeval.build.bench_pages import floor_jobs_seconds

    notebooks = floor_jobs_seconds(chapters, pages, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        builds = [subprocess.Popen([sys.executable, "-m", "planeval.build.sphinx", "--source", str(root / "book-root"),
                                    "--edition", e.code, "--output", str(Path(tmp) / e.code / "html")],
                                   cwd=root / "book-root", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                  for e in EDITIONS]
        if any(b.wait() for b in builds):
            raise RuntimeError("the floor's Sphinx build failed")
        sphinx = time.perf_counter() - start
    return notebooks + sphinx


def change_figure(data: Path, corrected: bool) -> None:
    """Correct the benchmark's figure in the copy of the figures table, or put it back: its notes gain or lose
    a sentence. (Its value cannot change alone: the quote must print it, and the quote must stand in the
    source, whose hash is recorded.) Every chapter and page that reads the row runs again."""
    import csv

    path = data / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    row = next(r for r in rows if r["id"] == CHANGED_FIGURE)
    row["notes"] = row["notes"].removesuffix(CORRECTION) + (CORRECTION if corrected else "")
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def book(repeat: int = 3) -> dict[str, float]:
    """Cold, no-op, one-parameter, one-figure and floor times of the site build (best of ``repeat``),
    printed as ratios."""
    import shutil

    from planeval.build.book import copy_sources
    from planeval.data.catalogue import load_catalogue

    chapters = len(list(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    pages = len(load_catalogue())
    with tempfile.TemporaryDirectory(prefix="planeval-bench-") as tmp:
        root = Path(tmp)
        layout = copy_sources(root)
        data = root / "data"
        shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("staging", "__pycache__"))
        colds = []
        for _ in range(repeat):
            for cache in (layout.build, layout.chapters_out, layout.generated, layout.pages.output_dir):
                shutil.rmtree(cache, ignore_errors=True)
            colds.append(_timed(_build_command(root), root, data))
        cold = min(colds)
        # the first edition alone, from scratch: what the second one adds is the rest
        firsts = []
        for _ in range(repeat):
            for cache in (layout.build, layout.chapters_out, layout.generated, layout.pages.output_dir):
                shutil.rmtree(cache, ignore_errors=True)
            firsts.append(_timed(_build_command(root), root, data, editions=DEFAULT.code))
        first = min(firsts)
        for cache in (layout.build, layout.chapters_out, layout.generated, layout.pages.output_dir):
            shutil.rmtree(cache, ignore_errors=True)
        _timed(_build_command(root), root, data)  # both editions again, for the incremental measures
        noop = min(_timed(_build_command(root), root, data) for _ in range(repeat))
        # each repeat changes the parameter to a new value; then the book's parameters are restored
        one = min(_timed(_build_command(root, "-p", f"03_childcare.target_rate={4.6 + k / 10:.1f}"), root, data)
                  for k in range(repeat))
        # the same with Jupyter Book's own command (Sphinx started after the chapters, not prepared meanwhile)
        plain = min(_timed(_build_command(root, "--plain", "-p", f"03_childcare.target_rate={5.1 + k / 10:.1f}"),
                           root, data) for k in range(repeat))
        _timed(_build_command(root, "--reset"), root, data)
        figure = []
        for k in range(repeat):  # the figure corrected, then put back: two builds, each timed
            change_figure(data, corrected=k % 2 == 0)
            figure.append(_timed(_build_command(root), root, data))
        one_figure = min(figure)
        base = min(floor(chapters, pages, root) for _ in range(repeat))
    times = {"cold": cold, "no-op": noop, "one parameter": one, "one parameter (plain)": plain,
             "one figure": one_figure, "floor": base, "first edition": first}
    print(f"site build with {chapters} chapters and {pages} indicator pages (best of {repeat}): cold {cold:.2f} s; "
          f"no-op {noop / cold:.1%} of cold (aim <= {AIMS['no-op']:.0%}); one parameter {one / cold:.1%} of cold "
          f"(aim <= {AIMS['one parameter']:.0%}); one figure {one_figure / cold:.1%} of cold (aim <= "
          f"{AIMS['one figure']:.0%}); cold {cold / base:.2f} x the floor of {chapters + pages} trivial notebooks "
          f"+ Sphinx, {base:.2f} s (aim <= {AIMS['floor']})")
    print(f"one parameter with plain jupyter-book: {plain:.2f} s; the custom build saves {1 - one / plain:.1%} "
          "(it is kept only while it saves more than 20%)")
    print(f"editions: the {DEFAULT.name} edition alone, cold, {first:.2f} s; the second edition adds "
          f"{(cold - first) / first:.1%} of it (aim <= {AIMS['second edition']:.0%})")
    return times


def pages() -> bool:
    """The marginal cost of an indicator page; whether it meets its aim."""
    from planeval.build.bench_pages import MARGINAL_AIM, marginal
    from planeval.data.catalogue import load_catalogue

    measured = marginal(paths.NOTEBOOKS / "indicator.ipynb", list(load_catalogue()["id"]))
    return measured["slope"] / measured["trivial"] <= MARGINAL_AIM


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planeval bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per site-build measurement (best kept)")
    parser.add_argument("--only", choices=("sweep", "extract", "pages", "book"), action="append", default=[],
                        help="run only this benchmark; repeatable")
    args = parser.parse_args(argv)
    chosen = args.only or ["sweep", "extract", "pages", "book"]
    status = 0
    if "sweep" in chosen and sweep() < 100:
        status = 1
    if "extract" in chosen:
        from planeval.extract.bench import main as extract_main

        status = max(status, extract_main([], prog="planeval bench"))
    if "pages" in chosen:
        print("indicator pages aim met" if pages() else "indicator pages aim not met")
    if "book" in chosen:
        times = book(args.repeat)
        met = all(times[name] / times["cold"] <= AIMS[name] for name in ("no-op", "one parameter", "one figure"))
        met = met and times["cold"] / times["floor"] <= AIMS["floor"]
        met = met and (times["cold"] - times["first edition"]) / times["first edition"] <= AIMS["second edition"]
        print("all site-build aims met" if met else "some site-build aims not met")
    return status


if __name__ == "__main__":
    sys.exit(main())
