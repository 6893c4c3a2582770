"""Executing chapters: one papermill run per job, in this process or a pool of worker processes.

A :class:`Job` is plain data (it crosses process boundaries); :func:`run_chapter` executes one and never
raises: it returns an :class:`Outcome`. On success the executed notebook replaces the published one and
the staging folder replaces the chapter's results, both atomically; on failure both stay as they were and
the failed notebook, its kernel log and its record are kept in the failed folder.

Executed notebooks carry no time stamps or durations (those go to ``run.json``), so that the same inputs
give the same bytes.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planeval.build.files import (
    display,
    environ,
    json_bytes,
    one_line,
    remove_empty_dir,
    stderr_to,
    swap_dir,
    write_atomic,
)
from planeval.build.pages import hide_injected_parameters
from planeval.core.errors import PlanevalError
from planeval.report.results import CHAPTER_ENV, PARAMETERS_JSON, RESULTS_ENV

KERNEL = "python3"
DEFAULT_TIMEOUT = 600.0
#: papermill's per-cell and per-notebook timing fields, removed from the published notebook.
TIMING_FIELDS = ("start_time", "end_time", "duration", "exception")


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to execute one chapter."""

    chapter: str
    notebook: str
    parameters: dict  # injected by papermill
    record: dict  # the run.json written on success (without the outcome fields)
    shown: list  # the parameters box: one entry per declared parameter (PARAMETERS_JSON)
    staging: str
    results: str  # final <results>/<chapter>
    output: str  # final book/chapters/<chapter>.ipynb
    failed_dir: str
    cwd: str
    timeout: float
    kernel_name: str


@dataclass(frozen=True)
class Outcome:
    chapter: str
    status: str  # ok | cached | failed
    seconds: float = 0.0
    message: str = ""
    attempts: int = 0


def check_kernel(kernel_name: str) -> None:
    """The kernel must exist; the default ``python3`` must run this environment's interpreter.

    jupyter_client starts a kernelspec whose command is ``python``/``python3`` with ``sys.executable``,
    and in a virtual environment it prefers the environment's kernelspecs over the user's.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        raise PlanevalError(f"no Jupyter kernel named {kernel_name!r} "
                            "(see `jupyter kernelspec list`)") from None
    if kernel_name != KERNEL:
        return
    argv0 = spec.argv[0] if spec.argv else ""
    substituted = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
    if argv0 not in substituted and os.path.abspath(argv0) != os.path.abspath(sys.executable):
        raise PlanevalError(f"kernel {KERNEL!r} ({spec.resource_dir}) runs {argv0}, not this environment's "
                            f"{sys.executable}; run `{sys.executable} -m ipykernel install --sys-prefix`")


def kernel_options() -> dict:
    """Keyword arguments for ``papermill.execute_notebook`` that say how kernels are run; the benchmark's
    floor uses the same ones, so that it differs from a real build only in what the notebooks do.

    * ``config``: encrypted kernel transport (CurveZMQ) when pyzmq supports it; ipykernel otherwise
      warns on stderr, for every kernel, that it talks plain TCP.
    * ``shutdown_kernel="immediate"``: the kernel is stopped as soon as its last cell has run and every
      output is in the notebook. The graceful default waits for the kernel to exit by itself, and with
      several kernels running at once it now and then waits about 3 s before killing it.
    * ``record_timing=False``: nbclient writes no execution time stamps into the cells.
    """
    import zmq
    from traitlets.config import Config as TraitletsConfig

    policy = "auto" if zmq.has("curve") else "disabled"
    return {"config": TraitletsConfig({"KernelManager": {"transport_encryption": policy}}),
            "shutdown_kernel": "immediate", "record_timing": False}


def _read_notebook(notebook: Path):
    import nbformat

    try:
        return nbformat.read(notebook, as_version=4)
    except Exception:  # a missing or half-written file
        return None


def _started_cells(notebook: Path) -> list[int]:
    """Indices of the cells papermill started in a (partly) executed notebook; [] when none or unreadable."""
    nb = _read_notebook(notebook)
    if nb is None:
        return []
    return [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]


def _source_index(notebook: Path, index: int) -> int:
    """Index in the chapter's own notebook of cell ``index`` of the executed one (minus injected cells)."""
    nb = _read_notebook(notebook)
    if nb is None:
        return index
    injected = sum("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells[:index])
    return index - injected


def _first_line(source: str, limit: int = 50) -> str:
    line = next((ln.strip() for ln in str(source).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _is_startup_failure(exc: BaseException, executed: Path) -> bool:
    """A kernel that failed to start: RuntimeError/TimeoutError before any cell was started."""
    from nbclient.exceptions import CellTimeoutError

    return (isinstance(exc, RuntimeError | TimeoutError) and not isinstance(exc, CellTimeoutError)
            and not _started_cells(executed))


def published_bytes(nb, job: Job) -> bytes:
    """The executed notebook as the site gets it: no time stamps, paths relative to the repository, and
    papermill's injected cell hidden (readers see the chapter's own parameters box)."""
    import nbformat

    meta = nb.metadata.get("papermill", {})
    for name in TIMING_FIELDS:
        meta.pop(name, None)
    # Where the notebook sits in the book, never where the book sits on this machine: builds of the same
    # inputs in different folders give the same bytes.
    meta["input_path"] = f"notebooks/{Path(job.notebook).name}"
    meta["output_path"] = f"book/chapters/{Path(job.output).name}"
    for cell in nb.cells:
        cell_meta = cell.get("metadata", {})
        for name in TIMING_FIELDS:
            cell_meta.get("papermill", {}).pop(name, None)
        cell_meta.pop("execution", None)
    hide_injected_parameters(nb)
    return nbformat.writes(nb).encode("utf-8") + b"\n"


def _execute_notebook(job: Job, executed: Path, results: Path, log: Path) -> tuple[int, str]:
    """Run papermill (one retry when the kernel fails to start); returns (attempts, error or "")."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    attempts = 0
    while True:
        attempts += 1
        shutil.rmtree(results, ignore_errors=True)
        results.mkdir(parents=True)
        write_atomic(results / PARAMETERS_JSON, json_bytes(job.shown))
        executed.unlink(missing_ok=True)
        try:
            with stderr_to(log), environ(**{RESULTS_ENV: str(results), CHAPTER_ENV: job.chapter,
                                            "PYDEVD_DISABLE_FILE_VALIDATION": "1"}):
                papermill.execute_notebook(
                    job.notebook, str(executed), parameters=job.parameters, kernel_name=job.kernel_name,
                    progress_bar=False, log_output=False, cwd=job.cwd,
                    start_timeout=job.timeout, execution_timeout=job.timeout, **kernel_options())
            return attempts, ""
        except PapermillExecutionError as exc:
            cell = _source_index(executed, exc.cell_index)
            return attempts, (f"failed in cell {cell} of {Path(job.notebook).name} (execution count "
                              f"{exc.exec_count}, {_first_line(exc.source)!r}): {exc.ename}: "
                              f"{one_line(exc.evalue)}")
        except Exception as exc:  # kernel start-up, timeouts, dead kernels, unreadable notebooks
            if attempts == 1 and _is_startup_failure(exc, executed):
                continue  # one retry when the kernel failed to start
            started = _started_cells(executed)
            where = f" in cell {_source_index(executed, started[-1])}" if started else ""
            if not started and attempts > 1:
                where = " (the kernel failed to start twice)"
            return attempts, f"failed{where}: {type(exc).__name__}: {one_line(exc)}"


def _keep_failed(job: Job, executed: Path, log: Path, record: dict, error: str) -> str:
    failed = Path(job.failed_dir) / f"{job.chapter}.ipynb"
    if executed.is_file():
        write_atomic(failed, executed.read_bytes())
        error += f"; the executed notebook is kept in {display(failed)}"
    if log.is_file() and log.stat().st_size:
        write_atomic(failed.with_suffix(".log"), log.read_bytes())
    else:
        failed.with_suffix(".log").unlink(missing_ok=True)
    write_atomic(failed.with_suffix(".run.json"), json_bytes({**record, "status": "failed", "error": error}))
    return error


def _publish(job: Job, executed: Path, results: Path, record: dict) -> None:
    import nbformat

    data = published_bytes(nbformat.read(executed, as_version=4), job)
    record["status"] = "ok"
    record["executed_notebook"] = {"path": display(job.output), "sha256": hashlib.sha256(data).hexdigest()}
    write_atomic(results / "run.json", json_bytes(record))
    # The notebook first: if the results swap then failed, the old run.json no longer matches and the
    # next run executes the chapter again.
    write_atomic(Path(job.output), data)
    swap_dir(results, Path(job.results), Path(job.staging) / "previous")
    for suffix in (".ipynb", ".run.json", ".log"):
        (Path(job.failed_dir) / f"{job.chapter}{suffix}").unlink(missing_ok=True)
    remove_empty_dir(Path(job.failed_dir))


def run_chapter(job: Job) -> Outcome:
    """Execute one chapter (in a worker process or this one); never raises."""
    start = time.monotonic()
    staging = Path(job.staging)
    results, executed, log = staging / "results", staging / f"{job.chapter}.ipynb", staging / "kernel.log"
    attempts, error = 0, ""
    try:
        attempts, error = _execute_notebook(job, executed, results, log)
    except Exception as exc:  # the staging folder could not be written, say
        error = f"failed before its kernel started: {type(exc).__name__}: {one_line(exc)}"
    seconds = round(time.monotonic() - start, 3)
    finished = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = {**job.record, "duration_s": seconds, "attempts": attempts, "finished_at": finished}
    try:
        if error:
            return Outcome(job.chapter, "failed", seconds, _keep_failed(job, executed, log, record, error), attempts)
        _publish(job, executed, results, record)
        return Outcome(job.chapter, "ok", seconds, "", attempts)
    except Exception as exc:
        return Outcome(job.chapter, "failed", seconds,
                       f"failed while storing its results: {type(exc).__name__}: {one_line(exc)}", attempts)


def run_jobs(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Outcomes in completion order, from a pool of ``workers`` processes.

    A single chapter runs in this process: starting a pool costs about a second, as much as a small
    chapter, and the environment it sets for the kernel is restored afterwards.

    The workers are forked after papermill is imported here, so that none imports it again (about
    0.3 s each). Forking is safe only from a process with no other thread (no kernel and no ZeroMQ
    context has been started here either); when another thread runs, e.g. when the runner is called
    from a notebook, the workers start from a fork server instead.
    """
    if len(jobs) == 1:
        yield run_chapter(jobs[0])
        return
    import papermill  # noqa: F401  (inherited by the forked workers)

    if threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["papermill", "planeval.build.execute"])
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(run_chapter, job): job for job in jobs}
        try:
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # a worker that died (BrokenProcessPool) or did not pickle
                    yield Outcome(job.chapter, "failed", 0.0, f"failed: the worker process ended "
                                  f"({type(exc).__name__}: {one_line(exc)})")
        except BaseException:
            for f in futures:
                f.cancel()
            raise
