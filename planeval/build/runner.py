"""Execute the chapter notebooks with papermill: validated parameters, a content-hash cache, atomic results.

The chapters are ``notebooks/[0-9][0-9]_*.ipynb`` (a chapter's name is the file's stem). A run:

1. takes the lock of the results folder (a second run at the same time is refused in one line);
2. validates every parameter (:mod:`planeval.build.params`) and computes each chapter's cache key
   (:mod:`planeval.build.cache`), printing one note per chapter whose earlier researcher parameters are
   kept, replaced or forgotten;
3. removes the outputs of chapters whose notebook is gone;
4. executes the chapters the cache does not cover (:mod:`planeval.build.execute`), each into a staging
   folder swapped in whole on success.

Exit codes: 0 success, 1 a chapter failed (or the run could not start), 2 bad input (nothing executed).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from planeval.build.cache import CHAPTER_GLOB, RUN_JSON, PageSet, Planned, discover_chapters, plan, stale_reason
from planeval.build.execute import DEFAULT_TIMEOUT, KERNEL, Job, Outcome, check_kernel, run_jobs
from planeval.build.files import RunError, display, remove_empty_dir, run_lock
from planeval.build.params import KEPT, Override
from planeval.core import paths

NOTEBOOKS, CHAPTERS_OUT, FAILED, LIBRARY = paths.NOTEBOOKS, paths.CHAPTERS_OUT, paths.FAILED, paths.LIBRARY


@dataclass(frozen=True)
class Config:
    """Where things are and how to run; every folder is an argument so that tests can use fixtures."""

    notebooks_dir: Path = NOTEBOOKS
    params_file: Path | None = None  # the book's parameters; None: <notebooks_dir>/params.yaml when it exists
    extra_params: Path | None = None  # a researcher's parameters file (--params), applied after the book's
    results_dir: Path = paths.RESULTS
    output_dir: Path = CHAPTERS_OUT
    failed_dir: Path = FAILED
    data_dir: Path = paths.DATA
    library_dir: Path = LIBRARY
    timeout: float = DEFAULT_TIMEOUT
    jobs: int = 0  # 0: one worker per core
    kernel_name: str = KERNEL
    force: bool = False
    reset: bool = False  # forget the parameters researchers chose in earlier runs
    pages: PageSet | None = None  # the indicator pages, executed in batches (the site build sets them)
    scheduler: str | None = None  # a Dask scheduler's address: run there instead of local processes

    @property
    def sources_csv(self) -> Path:
        return Path(self.data_dir) / "raw" / "sources.csv"

    def params_path(self) -> Path | None:
        if self.params_file is not None:
            return Path(self.params_file)
        default = Path(self.notebooks_dir) / "params.yaml"
        return default if default.is_file() else None


def parameters_shown(item: Planned) -> list[dict]:
    """The rows of a chapter's parameters box: every declared parameter, its value and where it came from.

    A file is shown by its name and hash, never by its path: the site publishes evidence, not the folders
    of a researcher's machine.
    """
    record = item.record
    files = record["inputs"]["parameter_files"]
    rows = []
    for p in item.params:
        value = record["parameters"][p.name]
        if p.name in files:
            value = f"{files[p.name]['name']} (sha256 {files[p.name]['sha256'][:12]})"
        origin = record["origins"][p.name]
        if p.name in record["researcher"]:
            origin = "kept from your last run" if origin == KEPT else "your parameters"
        elif origin != "default":
            origin = Path(origin).name
        rows.append({"name": p.name, "value": value, "origin": origin, "help": p.help,
                     "help_zh": p.help_zh})
    return rows


def remove_gone_chapters(config: Config, chapters: Iterable[str], log: Callable[[str], None]) -> None:
    """Remove the results, executed notebook and failed copies of chapters whose notebook is gone, so that
    they no longer feed the downloads, the workbook or the site."""
    keep = set(chapters)
    results, output, failed = Path(config.results_dir), Path(config.output_dir), Path(config.failed_dir)
    gone: set[str] = set()
    if results.is_dir():
        for folder in results.iterdir():
            if folder.is_dir() and (folder / RUN_JSON).exists() and folder.name not in keep:
                shutil.rmtree(folder)
                gone.add(folder.name)
    if output.is_dir():
        for notebook in output.glob(CHAPTER_GLOB):
            if notebook.stem not in keep:
                notebook.unlink()
                gone.add(notebook.stem)
    if failed.is_dir():
        for leftover in failed.iterdir():
            stem = leftover.name.split(".")[0]
            if leftover.is_file() and stem not in keep:
                leftover.unlink()
        remove_empty_dir(failed)
    for chapter in sorted(gone):
        log(f"removed the outputs of {chapter}: its notebook is gone")


class _Bar(tqdm):
    """tqdm's progress bar without its monitor thread, which would keep the workers from being forked."""

    monitor_interval = 0


def _jobs(todo: list[Planned], config: Config, stagings: list[Path]) -> list[Job]:
    jobs = []
    for item in todo:
        results_dir = Path(item.results_dir or config.results_dir)
        results_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{item.chapter}-", dir=results_dir))
        stagings.append(staging)
        failed = Path(config.failed_dir) / ("pages" if item.results_dir else "")
        jobs.append(Job(
            chapter=item.chapter, notebook=str(item.notebook.absolute()), parameters=item.given,
            record=item.record, shown=parameters_shown(item), staging=str(staging),
            results=str(results_dir / item.chapter),
            output=str(Path(item.output_dir or config.output_dir) / f"{item.chapter}.ipynb"),
            failed_dir=str(failed), cwd=str(Path(config.notebooks_dir).absolute()),
            timeout=config.timeout, kernel_name=config.kernel_name, title=item.title))
    return jobs


def remove_gone_pages(config: Config, pages: list[Planned], log: Callable[[str], None]) -> None:
    """Remove the pages (and their results) of indicators no longer in the catalogue."""
    if config.pages is None:
        return
    keep = {item.chapter for item in pages}
    gone = []
    for folder in sorted(Path(config.pages.results_dir).glob("*/")) if Path(config.pages.results_dir).is_dir() else []:
        if (folder / RUN_JSON).exists() and folder.name not in keep:
            shutil.rmtree(folder)
            gone.append(folder.name)
    for notebook in sorted(Path(config.pages.output_dir).glob("*.ipynb")) if config.pages.output_dir.is_dir() else []:
        if notebook.stem not in keep:
            notebook.unlink()
    if gone:
        log(f"removed the pages of {len(gone)} indicator(s) no longer in the catalogue: {', '.join(gone[:5])}")


def run(config: Config, only: Iterable[str] = (), overrides: Iterable[str | Override] = (),
        err: TextIO | None = None, on_execute: Callable[[list[str]], None] | None = None) -> int:
    """Validate, then execute what the cache does not cover; returns the exit code (bad input raises).

    ``on_execute`` is called with the names of the chapters about to run, before any kernel starts (and
    not at all when every chapter is cached): the site build uses it to start preparing Sphinx meanwhile.
    """
    err = err or sys.stderr
    try:
        with run_lock(config.results_dir):
            return _run_locked(config, only, overrides, err, on_execute)
    except PermissionError as exc:
        raise RunError(f"{display(config.results_dir)}: cannot write there ({exc.strerror})") from None


def _run_locked(config: Config, only, overrides, err: TextIO, on_execute) -> int:
    start = time.monotonic()
    only = tuple(only)
    the_plan = plan(config, only, overrides)
    planned = the_plan.chapters
    tty = err.isatty()
    bar = _Bar(total=len(planned), file=err, disable=not tty or not planned, unit="chapter", desc="chapters",
               leave=False)

    def log(line: str) -> None:
        if tty:
            bar.write(line, file=err)
        else:
            print(line, file=err, flush=True)

    for note in the_plan.notes:
        log(f"note: {note}")
    remove_gone_chapters(config, discover_chapters(config.notebooks_dir), log)
    if not only:  # a run of some chapters leaves the pages alone
        remove_gone_pages(config, the_plan.pages, log)
    if not planned and not the_plan.pages:
        bar.close()
        print(f"no chapter notebooks ({CHAPTER_GLOB}) in {display(config.notebooks_dir)}; nothing to run",
              file=err)
        return 0
    todo: list[Planned] = []
    outcomes: list[Outcome] = []
    reasons: dict[str, str] = {}
    for item in planned:
        reason = "--force" if config.force else stale_reason(item, config)
        if reason is None:
            outcomes.append(Outcome(item.chapter, "cached"))
            log(f"[cached] {item.chapter}")
            bar.update()
        else:
            reasons[item.chapter] = reason
            todo.append(item)
    pages_todo = [p for p in the_plan.pages if config.force or stale_reason(p, config) is not None]
    page_outcomes: list[Outcome] = []
    if todo or pages_todo or config.kernel_name != KERNEL:
        check_kernel(config.kernel_name)  # only when a kernel will start (or another was asked for)
    stagings: list[Path] = []
    try:
        if todo or pages_todo:
            if on_execute is not None:
                on_execute([item.chapter for item in todo] + ([f"{len(pages_todo)} page(s)"] if pages_todo else []))
            jobs, page_jobs = _jobs(todo, config, stagings), _jobs(pages_todo, config, stagings)
            workers = min(config.jobs or os.cpu_count() or 1, max(1, len(jobs) + len(page_jobs)))
            pages = {job.chapter for job in page_jobs}
            for outcome in run_jobs(jobs, workers, page_jobs, config.scheduler):
                if outcome.chapter in pages:
                    page_outcomes.append(outcome)
                    continue
                outcomes.append(outcome)
                tag = "ok" if outcome.status == "ok" else "failed"
                retried = "; kernel restarted once" if outcome.attempts > 1 else ""
                log(f"[{tag}] {outcome.chapter} {outcome.seconds:.1f}s ({reasons[outcome.chapter]}{retried})")
                bar.update()
    finally:
        bar.close()
        for staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)
    failed = sorted((o for o in outcomes + page_outcomes if o.status == "failed"), key=lambda o: o.chapter)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "cached", "failed")}
    pages_line = ""
    if the_plan.pages:
        done = sum(o.status == "ok" for o in page_outcomes)
        pages_line = (f"; {len(the_plan.pages)} indicator page(s): {done} executed, "
                      f"{len(the_plan.pages) - len(pages_todo)} cached, {len(page_outcomes) - done} failed")
    print(f"{len(outcomes)} chapter(s): {counts['ok']} executed, {counts['cached']} cached, "
          f"{counts['failed']} failed{pages_line} in {time.monotonic() - start:.1f}s", file=err)
    for o in failed:
        print(f"error: {o.chapter} {o.message}", file=err)
    return 1 if failed else 0
