"""Benchmarks of the indicator pages (part of ``make bench``; see :mod:`planeval.build.bench`).

* **Marginal cost of a page**: the template executed for the catalogue's n indicators, then for a synthetic
  catalogue ten times larger (every indicator ten times over), in one shared kernel; the slope between
  the two, per page, against one trivial notebook run through papermill alone (a kernel of its own).
  Aim: the slope ≤ 0.25 × the trivial notebook, and the cost per page about the same at both sizes
  (linear growth).
* **Trivial jobs for the floor**: trivial notebooks as chapters (a kernel each) and as pages (batched in
  shared kernels, one batch per worker), run by the runner's own executor, so that the floor of the cold
  build does everything a build does except what the notebooks compute.
"""

from __future__ import annotations

import tempfile
import time
import timeit
from pathlib import Path

from planeval.build.execute import DEFAULT_TIMEOUT, KERNEL, Job, kernel_options, run_batch, run_jobs

#: The marginal page cost, as a share of a trivial notebook's, that the pages aim to stay under.
MARGINAL_AIM = 0.25
#: How many times over the synthetic catalogue repeats the real one.
SCALE = 10


def trivial_notebook(path: Path) -> Path:
    """A one-cell notebook with a parameters cell (``indicator``), as the template has."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('indicator = ""', metadata={"tags": ["parameters"]}),
                                         nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def trivial_seconds(repeat: int = 5) -> float:
    """One trivial notebook through papermill alone, in a kernel of its own (best of ``repeat``)."""
    import papermill

    with tempfile.TemporaryDirectory() as tmp:
        path = str(trivial_notebook(Path(tmp) / "trivial.ipynb"))
        return min(timeit.repeat(lambda: papermill.execute_notebook(
            path, path, kernel_name=KERNEL, progress_bar=False, log_output=False, **kernel_options()),
            number=1, repeat=repeat))


def jobs_for(notebook: Path, names: list[str], parameters: list[dict], root: Path) -> list[Job]:
    """A job per name, executing ``notebook`` with its parameters, its outputs under ``root``."""
    jobs = []
    (root / "results").mkdir(parents=True, exist_ok=True)
    for name, given in zip(names, parameters, strict=True):
        staging = root / "staging" / name
        staging.mkdir(parents=True, exist_ok=True)
        jobs.append(Job(chapter=name, notebook=str(notebook), parameters=given, record={"chapter": name},
                        shown=[], staging=str(staging), results=str(root / "results" / name),
                        output=str(root / "executed" / f"{name}.ipynb"), failed_dir=str(root / "failed"),
                        cwd=str(notebook.parent), timeout=DEFAULT_TIMEOUT, kernel_name=KERNEL))
    return jobs


def template_jobs(template: Path, ids: list[str], times: int, root: Path) -> list[Job]:
    """The template's jobs for ``ids`` repeated ``times`` over (the synthetic catalogue)."""
    names = [f"{i}--{k}" for k in range(times) for i in ids]
    return jobs_for(template, names, [{"indicator": i} for _ in range(times) for i in ids], root)


def batch_seconds(jobs: list[Job]) -> float:
    """Wall time of ``jobs`` as one batch in one shared kernel (every page must succeed)."""
    start = time.perf_counter()
    outcomes = run_batch(jobs)
    seconds = time.perf_counter() - start
    failed = [o for o in outcomes if o.status != "ok"]
    if failed:
        raise SystemExit(f"a page failed in the benchmark: {failed[0].chapter} {failed[0].message}")
    return seconds


def marginal(template: Path, ids: list[str], scale: int = SCALE) -> dict[str, float]:
    """Seconds per page at the catalogue's size and at ``scale`` times it, the slope between them, and the
    trivial notebook's cost (printed as ratios)."""
    with tempfile.TemporaryDirectory(prefix="planeval-bench-pages-") as tmp:
        small = batch_seconds(template_jobs(template, ids, 1, Path(tmp) / "small"))
        large = batch_seconds(template_jobs(template, ids, scale, Path(tmp) / "large"))
    n = len(ids)
    slope = (large - small) / (n * (scale - 1))
    trivial = trivial_seconds()
    print(f"indicator pages in one shared kernel: {n} pages {small:.1f} s ({small / n * 1e3:.0f} ms each), "
          f"{n * scale} pages {large:.1f} s ({large / (n * scale) * 1e3:.0f} ms each); marginal page "
          f"{slope * 1e3:.0f} ms = {slope / trivial:.2f} x one trivial notebook through papermill "
          f"({trivial * 1e3:.0f} ms) (aim <= {MARGINAL_AIM})")
    return {"small": small, "large": large, "slope": slope, "trivial": trivial, "pages": n}


def floor_jobs_seconds(chapters: int, pages: int, workers: int) -> float:
    """Trivial chapters (a kernel each) and trivial pages (batched, one batch per worker) through the
    runner's executor, as a build runs the real ones."""
    with tempfile.TemporaryDirectory(prefix="planeval-floor-") as tmp:
        root = Path(tmp)
        notebook = trivial_notebook(root / "trivial.ipynb")
        chapter_jobs = jobs_for(notebook, [f"chapter_{i}" for i in range(chapters)], [{}] * chapters, root)
        page_jobs = jobs_for(notebook, [f"page_{i}" for i in range(pages)],
                             [{"indicator": f"page_{i}"} for i in range(pages)], root)
        start = time.perf_counter()
        outcomes = list(run_jobs(chapter_jobs, workers, page_jobs))
        seconds = time.perf_counter() - start
    if any(o.status != "ok" for o in outcomes):
        raise SystemExit("a trivial notebook failed in the benchmark's floor")
    return seconds

