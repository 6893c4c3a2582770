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
    RunError,
    display,
    environ,
    json_bytes,
    one_line,
    remove_empty_dir,
    stderr_to,
    swap_dir,
    write_atomic,
    write_if_changed,
)
from planeval.build.pages import hide_injected_parameters
from planeval.core.errors import PlanevalError
from planeval.report.results import CHAPTER_ENV, PARAMETERS_JSON, RESULTS_ENV

KERNEL = "python3"
DEFAULT_TIMEOUT = 600.0
#: Seconds to wait for a Dask scheduler to answer before giving up.
SCHEDULER_TIMEOUT = 10
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
    title: str = ""  # a page's first heading (the template's heading names no indicator)


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
    count = 0
    for cell in nb.cells:
        cell_meta = cell.get("metadata", {})
        for name in TIMING_FIELDS:
            cell_meta.get("papermill", {}).pop(name, None)
        cell_meta.pop("execution", None)
        if cell.get("cell_type") == "code" and cell.get("execution_count") is not None:
            # A kernel shared by a batch keeps counting; a notebook of its own counts from 1, as here.
            count += 1
            cell["execution_count"] = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
    if job.title:
        first = next((c for c in nb.cells if c.get("cell_type") == "markdown"), None)
        if first is not None:
            lines = first.source.split("\n")
            first.source = "\n".join([f"# {job.title}", *lines[1:]])
    hide_injected_parameters(nb)
    return nbformat.writes(nb).encode("utf-8") + b"\n"


#: The papermill engine that runs a notebook in a kernel already started (see :class:`SharedKernel`).
SHARED_ENGINE = "planeval-shared-kernel"


def _register_shared_engine() -> None:
    """Register, once, a papermill engine that is papermill's own (nbclient) but runs the notebook with the
    kernel client it is given, instead of starting a kernel and a client for each notebook."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if SHARED_ENGINE in papermill_engines._engines:
        return

    class SharedKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            client_of_batch = kwargs.pop("kc")
            safe = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(nb_man, **merge_kwargs(
                safe, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                log=logger, log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file))
            client.kc = client_of_batch  # the batch's client: setup_kernel starts no other
            return client.execute()

    papermill_engines.register(SHARED_ENGINE, SharedKernelEngine)


class SharedKernel:
    """One kernel executing a batch of notebooks in turn (the indicator pages): started once with one client,
    and before each notebook its namespace is emptied (every name the last one defined) and its working folder
    and environment set as a kernel of the notebook's own would have them. Modules stay imported and the
    tables loaded, so a page costs a fraction of a kernel's start; what a page computes is what the template
    computes."""

    def __init__(self, kernel_name: str, cwd: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        from jupyter_client.manager import KernelManager

        _register_shared_engine()
        self.km = KernelManager(kernel_name=kernel_name, config=kernel_options()["config"])
        self.km.start_kernel(cwd=cwd, env={**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=timeout)

    def alive(self) -> bool:
        return self.km.is_alive()

    def prepare(self, job: Job, results: Path, timeout: float) -> None:
        """Empty the namespace (every name a notebook defined, the output history, open figures), then set
        the folder and the environment the notebook is run with. IPython's ``%reset`` and its output cache's
        ``flush`` do the same but also walk every prompt number of the batch so far and collect garbage,
        which costs 60-100 ms a page and grows along the batch."""
        environment = {RESULTS_ENV: str(results), CHAPTER_ENV: job.chapter}
        code = ("_ip, _name = get_ipython(), None\n"
                "for _name in [n for n in _ip.user_ns if n not in _ip.user_ns_hidden and not n.startswith('_')]:\n"
                "    del _ip.user_ns[_name]\n"
                "for _name in [n for n in _ip.user_ns if n[:1] == '_' and n[1:].isdigit()]:\n"
                "    del _ip.user_ns[_name]\n    _ip.user_ns_hidden.pop(_name, None)\n"
                "_ip.user_ns.get('_oh', {}).clear()\n"
                "_ip.displayhook._ = _ip.displayhook.__ = _ip.displayhook.___ = ''\n"
                "_ip.user_ns.update({'_': '', '__': '', '___': ''})\n"
                "import sys as _sys\n"
                "if 'matplotlib.pyplot' in _sys.modules:\n    _sys.modules['matplotlib.pyplot'].close('all')\n"
                f"import os as _os\n_os.chdir({job.cwd!r})\n_os.environ.update({environment!r})\n"
                "del _ip, _sys, _os, _name")
        reply = self.kc.execute_interactive(code, silent=True, store_history=False, timeout=timeout)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the shared kernel could not be reset: {reply['content'].get('evalue')}")

    def shutdown(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def _execute_notebook(job: Job, executed: Path, results: Path, log: Path,
                      kernel: SharedKernel | None = None) -> tuple[int, str, object]:
    """Run papermill (one retry when the kernel fails to start), in a kernel of its own or in ``kernel``;
    returns (attempts, error or "", the executed notebook or None). The notebook papermill returns is the one
    it wrote: publishing it needs no second read of the file."""
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
            if kernel is not None:
                kernel.prepare(job, results, job.timeout)
                nb = papermill.execute_notebook(
                    job.notebook, str(executed), parameters=job.parameters, kernel_name=job.kernel_name,
                    progress_bar=False, log_output=False, cwd=job.cwd, km=kernel.km, kc=kernel.kc,
                    engine_name=SHARED_ENGINE, start_timeout=job.timeout, execution_timeout=job.timeout,
                    request_save_on_cell_execute=False, **kernel_options())
                return attempts, "", nb
            with stderr_to(log), environ(**{RESULTS_ENV: str(results), CHAPTER_ENV: job.chapter,
                                            "PYDEVD_DISABLE_FILE_VALIDATION": "1"}):
                nb = papermill.execute_notebook(
                    job.notebook, str(executed), parameters=job.parameters, kernel_name=job.kernel_name,
                    progress_bar=False, log_output=False, cwd=job.cwd,
                    start_timeout=job.timeout, execution_timeout=job.timeout, **kernel_options())
            return attempts, "", nb
        except PapermillExecutionError as exc:
            cell = _source_index(executed, exc.cell_index)
            return attempts, (f"failed in cell {cell} of {Path(job.notebook).name} (execution count "
                              f"{exc.exec_count}, {_first_line(exc.source)!r}): {exc.ename}: "
                              f"{one_line(exc.evalue)}"), None
        except Exception as exc:  # kernel start-up, timeouts, dead kernels, unreadable notebooks
            if attempts == 1 and kernel is None and _is_startup_failure(exc, executed):
                continue  # one retry when the kernel failed to start
            started = _started_cells(executed)
            where = f" in cell {_source_index(executed, started[-1])}" if started else ""
            if not started and attempts > 1:
                where = " (the kernel failed to start twice)"
            return attempts, f"failed{where}: {type(exc).__name__}: {one_line(exc)}", None


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


def _publish(job: Job, nb, results: Path, record: dict) -> None:
    data = published_bytes(nb, job)
    record["status"] = "ok"
    record["executed_notebook"] = {"path": display(job.output), "sha256": hashlib.sha256(data).hexdigest()}
    write_atomic(results / "run.json", json_bytes(record))
    # The notebook first: if the results swap then failed, the old run.json no longer matches and the
    # next run executes the chapter again. Unchanged, it keeps its time stamp: the site's incremental build
    # then does not read the page again (a figure's note changes every chapter's inputs, few pages).
    write_if_changed(Path(job.output), data)
    swap_dir(results, Path(job.results), Path(job.staging) / "previous")
    for suffix in (".ipynb", ".run.json", ".log"):
        (Path(job.failed_dir) / f"{job.chapter}{suffix}").unlink(missing_ok=True)
    remove_empty_dir(Path(job.failed_dir))


def run_chapter(job: Job, kernel: SharedKernel | None = None) -> Outcome:
    """Execute one chapter or page (in a worker process or this one, in its own kernel or ``kernel``);
    never raises."""
    start = time.monotonic()
    staging = Path(job.staging)
    results, executed, log = staging / "results", staging / f"{job.chapter}.ipynb", staging / "kernel.log"
    attempts, error, nb = 0, "", None
    try:
        attempts, error, nb = _execute_notebook(job, executed, results, log, kernel)
    except Exception as exc:  # the staging folder could not be written, say
        error = f"failed before its kernel started: {type(exc).__name__}: {one_line(exc)}"
    seconds = round(time.monotonic() - start, 3)
    finished = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = {**job.record, "duration_s": seconds, "attempts": attempts, "finished_at": finished}
    try:
        if error:
            return Outcome(job.chapter, "failed", seconds, _keep_failed(job, executed, log, record, error), attempts)
        _publish(job, nb, results, record)
        return Outcome(job.chapter, "ok", seconds, "", attempts)
    except Exception as exc:
        return Outcome(job.chapter, "failed", seconds,
                       f"failed while storing its results: {type(exc).__name__}: {one_line(exc)}", attempts)


def run_batch(jobs: list[Job]) -> list[Outcome]:
    """Execute a batch of pages in one shared kernel, in turn; never raises. A kernel that cannot start, or
    that a page brings down, is replaced (and a page it cannot run is a failed page, not a failed batch)."""
    if not jobs:
        return []
    log = Path(jobs[0].staging) / "kernel.log"
    outcomes: list[Outcome] = []
    kernel: SharedKernel | None = None
    try:
        with stderr_to(log):  # the kernel's own messages, kept out of the runner's lines
            for job in jobs:
                if kernel is None or not kernel.alive():
                    if kernel is not None:
                        kernel.shutdown()
                    try:
                        kernel = SharedKernel(job.kernel_name, job.cwd, job.timeout)
                    except Exception:
                        kernel = None
                outcomes.append(run_chapter(job, kernel) if kernel is not None else run_chapter(job))
    finally:
        if kernel is not None:
            kernel.shutdown()
    return outcomes


def split(jobs: list[Job], parts: int) -> list[list[Job]]:
    """``jobs`` dealt into ``parts`` batches of nearly equal size (in turn, so that each batch has pages of
    every kind)."""
    batches = [jobs[i::parts] for i in range(max(1, parts))]
    return [b for b in batches if b]


def run_jobs(jobs: list[Job], workers: int, batched: list[Job] | None = None,
             scheduler: str | None = None) -> Iterator[Outcome]:
    """Outcomes of ``jobs`` (each in a kernel of its own) and of ``batched`` (pages, dealt into one batch
    per worker, each batch in one shared kernel), in completion order, from a pool of local processes or,
    with ``scheduler``, from a Dask cluster."""
    batched = batched or []
    if scheduler:
        yield from _run_on_dask(jobs, batched, scheduler)
        return
    if not batched:
        yield from _run_local(jobs, workers)
        return
    yield from _run_local(jobs, workers, split(batched, workers))


def _run_on_dask(jobs: list[Job], batched: list[Job], scheduler: str) -> Iterator[Outcome]:
    """The same work on a Dask distributed cluster: a task per chapter and per batch of pages; results, cache
    and atomic swaps are the same (the workers write into the same folders)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RunError("--scheduler needs dask.distributed: pip install 'dask[distributed]' (pinned in "
                       "requirements.txt)") from None
    try:
        client = Client(scheduler, set_as_default=False, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise RunError(f"cannot reach the Dask scheduler at {scheduler} ({one_line(exc)}); start one with "
                       "`dask scheduler` or leave out --scheduler to run locally") from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures = {client.submit(run_chapter, job, pure=False): job for job in jobs}
        futures |= {client.submit(run_batch, batch, pure=False): batch for batch in split(batched, workers)}
        for future in as_completed(list(futures), loop=client.loop):
            try:
                result = future.result()
            except Exception as exc:
                work = futures[future]
                result = [Outcome(j.chapter, "failed", 0.0, f"failed on the cluster ({type(exc).__name__}: "
                                  f"{one_line(exc)})") for j in (work if isinstance(work, list) else [work])]
            yield from (result if isinstance(result, list) else [result])


def _run_local(jobs: list[Job], workers: int, batches: list[list[Job]] | None = None) -> Iterator[Outcome]:
    """Outcomes in completion order, from a pool of ``workers`` processes.

    A single chapter runs in this process: starting a pool costs about a second, as much as a small
    chapter, and the environment it sets for the kernel is restored afterwards.

    The workers are forked after papermill is imported here, so that none imports it again (about
    0.3 s each). Forking is safe only from a process with no other thread (no kernel and no ZeroMQ
    context has been started here either); when another thread runs, e.g. when the runner is called
    from a notebook, the workers start from a fork server instead.
    """
    batches = batches or []
    if len(jobs) == 1 and not batches:
        yield run_chapter(jobs[0])
        return
    if not jobs and len(batches) == 1:
        yield from run_batch(batches[0])
        return
    import papermill  # noqa: F401  (inherited by the forked workers)

    if threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["papermill", "planeval.build.execute"])
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        # Batches of pages first: they are the longest, and chapters fill in around them.
        futures = {pool.submit(run_batch, batch): batch for batch in batches}
        futures |= {pool.submit(run_chapter, job): [job] for job in jobs}
        try:
            for future in concurrent.futures.as_completed(futures):
                work = futures[future]
                try:
                    result = future.result()
                    yield from (result if isinstance(result, list) else [result])
                except Exception as exc:  # a worker that died (BrokenProcessPool) or did not pickle
                    for job in work:
                        yield Outcome(job.chapter, "failed", 0.0, f"failed: the worker process ended "
                                      f"({type(exc).__name__}: {one_line(exc)})")
        except BaseException:
            for f in futures:
                f.cancel()
            raise
