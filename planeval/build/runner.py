"""Execute the chapter notebooks with papermill: validated parameters, a content-hash cache, atomic results.

The chapters are ``notebooks/[0-9][0-9]_*.ipynb`` (a chapter's name is the file's stem). For each one:

1. its parameters (declared once in the ``parameters`` cell, see :mod:`planeval.build.params`) are read from
   ``notebooks/params.yaml`` and ``-p chapter.name=value`` and validated before any kernel starts;
2. a cache key is computed from the notebook, the parameter values, the files they name, the input data
   (``data/`` CSVs and texts) and the library code (``planeval/*.py``); a chapter whose key equals the
   one in ``_build/results/<chapter>/run.json`` (and whose executed notebook is in place) is skipped;
3. the others run through papermill in a process pool, each writing into a staging folder
   (``PLANEVAL_RESULTS_DIR``); on success the executed notebook replaces ``book/chapters/<chapter>.ipynb``
   and the staging folder replaces ``_build/results/<chapter>`` (with ``run.json``); on failure both stay
   as they were and the failed notebook is kept in ``_build/failed/<chapter>.ipynb``.

Exit codes: 0 success, 1 a chapter failed, 2 bad input (nothing executed).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import yaml
from tqdm import tqdm

from planeval.build.pages import hide_injected_parameters
from planeval.build.params import Override, Param, load_params_file, read_declarations, resolve, unknown_chapter
from planeval.core import paths
from planeval.core.errors import PlanevalError
from planeval.core.hashing import sha256_of
from planeval.report.results import CHAPTER_ENV, RESULTS_ENV

CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
NOTEBOOKS = paths.ROOT / "notebooks"
PARAMS_FILE = NOTEBOOKS / "params.yaml"
CHAPTERS_OUT = paths.ROOT / "book" / "chapters"
FAILED = paths.BUILD / "failed"
LIBRARY = paths.ROOT / "planeval"
#: Subpackages of the library that are not analysis code: editing them re-executes no chapter.
NOT_ANALYSIS = ("build",)
RUN_JSON = "run.json"
#: Bump to invalidate every cached chapter when the meaning of the key changes.
CACHE_FORMAT = 1
DEFAULT_TIMEOUT = 600.0
KERNEL = "python3"
DATA_SUFFIXES = (".csv", ".txt")
_SKIP_DIRS = ("staging", "__pycache__")


@dataclass(frozen=True)
class Config:
    """Where things are and how to run; every folder is an argument so that tests can use fixtures."""

    notebooks_dir: Path = NOTEBOOKS
    params_file: Path | None = None  # None: <notebooks_dir>/params.yaml when it exists
    results_dir: Path = paths.RESULTS
    output_dir: Path = CHAPTERS_OUT
    failed_dir: Path = FAILED
    data_dir: Path = paths.DATA
    library_dir: Path = LIBRARY
    timeout: float = DEFAULT_TIMEOUT
    jobs: int = 0  # 0: one worker per core
    kernel_name: str = KERNEL
    force: bool = False

    @property
    def sources_csv(self) -> Path:
        return Path(self.data_dir) / "raw" / "sources.csv"

    def params_path(self) -> Path | None:
        if self.params_file is not None:
            return Path(self.params_file)
        default = Path(self.notebooks_dir) / "params.yaml"
        return default if default.is_file() else None


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to execute one chapter (plain data: it crosses process boundaries)."""

    chapter: str
    notebook: str
    parameters: dict  # injected by papermill
    record: dict  # the run.json written on success (without the outcome fields)
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


@dataclass
class Planned:
    chapter: str
    notebook: Path
    params: list[Param]
    given: dict
    record: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.record["cache_key"]


# ------------------------------------------------------------------------------------------ discovery

def discover_chapters(notebooks_dir: Path) -> dict[str, Path]:
    """Chapter name (file stem) -> notebook, in name order."""
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise PlanevalError(f"{notebooks_dir}: notebooks folder not found")
    return {p.stem: p for p in sorted(notebooks_dir.glob(CHAPTER_GLOB)) if p.is_file()}


def display(path: Path | str) -> str:
    """A path relative to the repository when it is inside it (for messages and records)."""
    path = Path(path).absolute()
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def hash_files(root: Path, suffixes: Sequence[str], skip: Sequence[str] = ()) -> dict[str, str]:
    """relative path -> sha256 of every file under ``root`` with one of ``suffixes`` (hidden and staging
    folders, and the top-level folders in ``skip``, left out), in path order."""
    root = Path(root)
    if not root.is_dir():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if (path.is_file() and path.suffix in suffixes
                and not any(part.startswith(".") or part in _SKIP_DIRS for part in rel.parts)
                and rel.parts[0] not in skip):
            out[rel.as_posix()] = sha256_of(path)
    return out


def _canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


# ------------------------------------------------------------------------------------------- planning

def plan(config: Config, only: Iterable[str] = (), overrides: Iterable[str | Override] = (),
         cwd: Path | None = None) -> list[Planned]:
    """Validate everything and compute each selected chapter's cache key; raises PlanevalError."""
    chapters = discover_chapters(config.notebooks_dir)
    only = list(only)
    for name in only:
        if name not in chapters:
            raise unknown_chapter(name, chapters, "--only")
    params_path = config.params_path()
    file_values = load_params_file(params_path) if params_path else {}
    for name in file_values:
        if name not in chapters:
            raise unknown_chapter(name, chapters, display(params_path))
    ovs = [o if isinstance(o, Override) else Override.parse(o) for o in overrides]
    for ov in ovs:
        if ov.chapter not in chapters:
            raise unknown_chapter(ov.chapter, chapters, f"-p {ov.chapter}.{ov.name}")
    selected = [c for c in chapters if not only or c in only]
    declared = {c: read_declarations(chapters[c]) for c in selected}
    resolved = resolve(declared, file_values, ovs,
                       file_origin=display(params_path) if params_path else "the parameters file",
                       file_base=params_path.parent if params_path else None,
                       cwd=Path(cwd or Path.cwd()), notebook_base=Path(config.notebooks_dir),
                       sources_csv=config.sources_csv)
    data = hash_files(config.data_dir, DATA_SUFFIXES)
    library = hash_files(config.library_dir, (".py",), skip=NOT_ANALYSIS)
    planned = []
    for chapter in selected:
        res = resolved[chapter]
        notebook_sha = sha256_of(chapters[chapter])
        files = {name: {"path": display(path), "sha256": sha256_of(path)}
                 for name, path in res.files.items()}
        inputs = {"notebook": {"path": display(chapters[chapter]), "sha256": notebook_sha},
                  "parameter_files": files, "data": data, "library": library}
        material = {"format": CACHE_FORMAT, "chapter": chapter, "notebook": notebook_sha,
                    "parameters": res.values, "parameter_files": {n: f["sha256"] for n, f in files.items()},
                    "data": data, "library": library, "kernel": config.kernel_name,
                    "python": platform.python_version()}
        record = {"chapter": chapter, "parameters": res.values, "injected": res.given, "inputs": inputs,
                  "kernel": config.kernel_name, "python": platform.python_version(),
                  "cache_key": hashlib.sha256(_canonical(material).encode()).hexdigest()}
        planned.append(Planned(chapter, chapters[chapter], declared[chapter], res.given, record))
    return planned


def _changed_files(old: dict, new: dict) -> list[str]:
    """Files added, removed or modified between two ``{path: sha256}`` maps."""
    return sorted(f for f in set(old) | set(new) if old.get(f) != new.get(f))


def stale_reason(item: Planned, config: Config) -> str | None:
    """None when the chapter's last successful run is still valid, else why it must run again."""
    try:
        run = json.loads((Path(config.results_dir) / item.chapter / RUN_JSON).read_text(encoding="utf-8"))
        if not isinstance(run, dict):
            raise ValueError
    except FileNotFoundError:
        return "no previous run"
    except (OSError, ValueError):
        return f"unreadable {RUN_JSON}"
    output = Path(config.output_dir) / f"{item.chapter}.ipynb"
    if run.get("status") != "ok":
        return "previous run did not succeed"
    if run.get("cache_key") != item.key:
        old, new = run.get("inputs"), item.record["inputs"]
        old = old if isinstance(old, dict) else {}
        reasons = []
        params_old = (run.get("parameters"), old.get("parameter_files"))
        if params_old != (item.record["parameters"], new["parameter_files"]):
            reasons.append("parameters changed")
        notebook = old.get("notebook")
        if not isinstance(notebook, dict) or notebook.get("sha256") != new["notebook"]["sha256"]:
            reasons.append("notebook changed")
        for name in ("data", "library"):
            before = old.get(name)
            if files := _changed_files(before if isinstance(before, dict) else {}, new[name]):
                reasons.append(f"{name} changed ({', '.join(files[:3])}{', ...' if len(files) > 3 else ''})")
        for name in ("kernel", "python"):
            if run.get(name) != item.record[name]:
                reasons.append(f"{name} changed ({run.get(name)} -> {item.record[name]})")
        return "; ".join(reasons) or "cache format changed"
    if not output.is_file():
        return "executed notebook missing"
    if sha256_of(output) != (run.get("executed_notebook") or {}).get("sha256"):
        return "executed notebook modified"
    return None


def is_cached(item: Planned, config: Config) -> bool:
    """True when the chapter's last successful run had the same key and its executed notebook is intact."""
    return stale_reason(item, config) is None


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


# ------------------------------------------------------------------------------------------ execution

@contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send this process's file descriptor 2 (and so the kernel's, which inherits it) to ``path``.

    The kernels and jupyter_client log to stderr (start-up retries, interrupts at shutdown); in a worker
    that would garble the runner's own lines, so it goes to a log kept with a failed notebook.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _json_bytes(obj: object) -> bytes:
    return (json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _swap_dir(new: Path, final: Path, aside: Path) -> None:
    """Put ``new`` where ``final`` is: two renames on one file system, the old one restored on failure."""
    had_old = final.exists()
    if had_old:
        os.replace(final, aside)
    try:
        os.replace(new, final)
    except BaseException:
        if had_old and not final.exists():
            os.replace(aside, final)
        raise


def _started_cells(notebook: Path) -> list[int]:
    """Indices of the cells papermill started in a (partly) executed notebook; [] when none or unreadable."""
    import nbformat

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # a missing or half-written file: no cell ran
        return []
    return [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]


def _source_index(notebook: Path, index: int) -> int:
    """Index in the chapter's own notebook of cell ``index`` of the executed one (minus injected cells)."""
    import nbformat

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:
        return index
    injected = sum("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells[:index])
    return index - injected


def _one_line(text: object, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _first_line(source: str, limit: int = 50) -> str:
    line = next((ln.strip() for ln in str(source).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _is_startup_failure(exc: BaseException, executed: Path) -> bool:
    """A kernel that failed to start: RuntimeError/TimeoutError before any cell was started."""
    from nbclient.exceptions import CellTimeoutError

    return (isinstance(exc, RuntimeError | TimeoutError) and not isinstance(exc, CellTimeoutError)
            and not _started_cells(executed))


def kernel_options() -> dict:
    """Keyword arguments for ``papermill.execute_notebook`` that say how kernels are run; the benchmark's
    floor uses the same ones, so that it differs from a real build only in what the notebooks do.

    * ``config``: encrypted kernel transport (CurveZMQ) when pyzmq supports it; ipykernel otherwise
      warns on stderr, for every kernel, that it talks plain TCP.
    * ``shutdown_kernel="immediate"``: the kernel is stopped as soon as its last cell has run and every
      output is in the notebook. The graceful default waits for the kernel to exit by itself, and with
      several kernels running at once it now and then waits about 3 s before killing it ("Kernel is
      taking too long to finish, terminating").
    """
    import zmq
    from traitlets.config import Config as TraitletsConfig

    policy = "auto" if zmq.has("curve") else "disabled"
    return {"config": TraitletsConfig({"KernelManager": {"transport_encryption": policy}}),
            "shutdown_kernel": "immediate"}


def run_chapter(job: Job) -> Outcome:
    """Execute one chapter (in a worker process); never raises."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.monotonic()
    staging = Path(job.staging)
    results = staging / "results"
    executed = staging / f"{job.chapter}.ipynb"
    log = staging / "kernel.log"
    attempts = 0
    error = ""
    while True:
        attempts += 1
        shutil.rmtree(results, ignore_errors=True)
        results.mkdir(parents=True)
        executed.unlink(missing_ok=True)
        try:
            with _stderr_to(log), _environ(**{RESULTS_ENV: str(results), CHAPTER_ENV: job.chapter,
                                              "PYDEVD_DISABLE_FILE_VALIDATION": "1"}):
                papermill.execute_notebook(
                    job.notebook, str(executed), parameters=job.parameters, kernel_name=job.kernel_name,
                    progress_bar=False, log_output=False, cwd=job.cwd,
                    start_timeout=job.timeout, execution_timeout=job.timeout, **kernel_options())
            break
        except PapermillExecutionError as exc:
            cell = _source_index(executed, exc.cell_index)
            error = (f"failed in cell {cell} of {Path(job.notebook).name} (execution count {exc.exec_count}, "
                     f"{_first_line(exc.source)!r}): {exc.ename}: {_one_line(exc.evalue)}")
            break
        except Exception as exc:  # kernel start-up, timeouts, dead kernels, unreadable notebooks
            if attempts == 1 and _is_startup_failure(exc, executed):
                continue  # one retry when the kernel failed to start
            started = _started_cells(executed)
            where = f" in cell {_source_index(executed, started[-1])}" if started else ""
            if not started and attempts > 1:
                where = " (the kernel failed to start twice)"
            error = f"failed{where}: {type(exc).__name__}: {_one_line(exc)}"
            break
    seconds = round(time.monotonic() - start, 3)
    finished = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = {**job.record, "duration_s": seconds, "attempts": attempts, "finished_at": finished}
    try:
        if error:
            failed = Path(job.failed_dir) / f"{job.chapter}.ipynb"
            if executed.is_file():
                _write_atomic(failed, executed.read_bytes())
                error += f"; the executed notebook is kept in {display(failed)}"
            if log.is_file() and log.stat().st_size:
                _write_atomic(failed.with_suffix(".log"), log.read_bytes())
            else:
                failed.with_suffix(".log").unlink(missing_ok=True)
            _write_atomic(failed.with_suffix(".run.json"),
                          _json_bytes({**record, "status": "failed", "error": error}))
            return Outcome(job.chapter, "failed", seconds, error, attempts)
        output = Path(job.output)
        nb = nbformat.read(executed, as_version=4)
        meta = nb.metadata.get("papermill", {})
        meta["input_path"], meta["output_path"] = display(job.notebook), display(output)
        hide_injected_parameters(nb)  # readers see the chapter's own "parameters used" box instead
        data = nbformat.writes(nb).encode("utf-8") + b"\n"
        record["status"] = "ok"
        record["executed_notebook"] = {"path": display(output), "sha256": hashlib.sha256(data).hexdigest()}
        (results / RUN_JSON).write_bytes(_json_bytes(record))
        # The notebook first: if the results swap then failed, the old run.json no longer matches and
        # the next run executes the chapter again.
        _write_atomic(output, data)
        _swap_dir(results, Path(job.results), staging / "previous")
        for suffix in (".ipynb", ".run.json", ".log"):
            (Path(job.failed_dir) / f"{job.chapter}{suffix}").unlink(missing_ok=True)
        return Outcome(job.chapter, "ok", seconds, "", attempts)
    except Exception as exc:
        return Outcome(job.chapter, "failed", seconds,
                       f"failed while storing its results: {type(exc).__name__}: {_one_line(exc)}", attempts)


def _execute(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Outcomes in completion order, from a pool of ``workers`` processes.

    A single chapter runs in this process: starting a pool costs about a second, as much as a small
    chapter, and the environment it sets for the kernel is restored afterwards (``_environ``).

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
        ctx.set_forkserver_preload(["papermill", "planeval.build.runner"])
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(run_chapter, job): job for job in jobs}
        try:
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # a worker that died (BrokenProcessPool) or did not pickle
                    yield Outcome(job.chapter, "failed", 0.0, f"failed: the worker process ended "
                                  f"({type(exc).__name__}: {_one_line(exc)})")
        except BaseException:
            for f in futures:
                f.cancel()
            raise


# ------------------------------------------------------------------------------------------------ run

class _Bar(tqdm):
    """tqdm's progress bar without its monitor thread, which would keep the workers from being forked."""

    monitor_interval = 0


def run(config: Config, only: Iterable[str] = (), overrides: Iterable[str | Override] = (),
        err: TextIO | None = None, on_execute: Callable[[list[str]], None] | None = None) -> int:
    """Validate, then execute what the cache does not cover; returns the exit code (bad input raises).

    ``on_execute`` is called with the names of the chapters about to run, before any kernel starts (and
    not at all when every chapter is cached): the site build uses it to start preparing Sphinx meanwhile.
    """
    err = err or sys.stderr
    start = time.monotonic()
    planned = plan(config, only, overrides)
    check_kernel(config.kernel_name)
    if not planned:
        print(f"no chapter notebooks ({CHAPTER_GLOB}) in {display(config.notebooks_dir)}; nothing to run",
              file=err)
        return 0
    tty = err.isatty()
    bar = _Bar(total=len(planned), file=err, disable=not tty, unit="chapter", desc="chapters", leave=False)

    def log(line: str) -> None:
        if tty:
            bar.write(line, file=err)
        else:
            print(line, file=err, flush=True)

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
    results_dir = Path(config.results_dir)
    stagings: list[Path] = []
    try:
        if todo:
            if on_execute is not None:
                on_execute([item.chapter for item in todo])
            results_dir.mkdir(parents=True, exist_ok=True)
            jobs = []
            for item in todo:
                staging = Path(tempfile.mkdtemp(prefix=f".staging-{item.chapter}-", dir=results_dir))
                stagings.append(staging)
                jobs.append(Job(
                    chapter=item.chapter, notebook=str(item.notebook.absolute()), parameters=item.given,
                    record=item.record, staging=str(staging), results=str(results_dir / item.chapter),
                    output=str(Path(config.output_dir) / f"{item.chapter}.ipynb"),
                    failed_dir=str(config.failed_dir), cwd=str(Path(config.notebooks_dir).absolute()),
                    timeout=config.timeout, kernel_name=config.kernel_name))
            workers = min(config.jobs or os.cpu_count() or 1, len(jobs))
            for outcome in _execute(jobs, workers):
                outcomes.append(outcome)
                tag = "ok" if outcome.status == "ok" else "failed"
                retried = "; kernel restarted once" if outcome.attempts > 1 else ""
                log(f"[{tag}] {outcome.chapter} {outcome.seconds:.1f}s ({reasons[outcome.chapter]}{retried})")
                bar.update()
    finally:
        bar.close()
        for staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)
    failed = sorted((o for o in outcomes if o.status == "failed"), key=lambda o: o.chapter)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ok", "cached", "failed")}
    print(f"{len(outcomes)} chapter(s): {counts['ok']} executed, {counts['cached']} cached, "
          f"{counts['failed']} failed in {time.monotonic() - start:.1f}s", file=err)
    for o in failed:
        print(f"error: {o.chapter} {o.message}", file=err)
    return 1 if failed else 0


# ------------------------------------------------------------------------------------------------ CLI

def defaults_yaml(notebooks_dir: Path = NOTEBOOKS) -> str:
    """A params.yaml listing every chapter's declared defaults (``--print-defaults``)."""
    lines = []
    for chapter, notebook in discover_chapters(notebooks_dir).items():
        params = read_declarations(notebook)
        if not params:
            lines.append(f"{chapter}: {{}}")
            continue
        lines.append(f"{chapter}:")
        for p in params:
            value = yaml.safe_dump(p.default, allow_unicode=True, default_flow_style=True, width=10**6)
            value = value.removesuffix("\n").removesuffix("\n...").strip()
            note = f"{p.help}; {p.allowed()}"
            lines.append(f"  {p.name}: {value}  # {note}")
    return "\n".join(lines) + "\n" if lines else "{}\n"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (bad input)
        self.exit(2, f"error: {message} (see --help)\n")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive integer")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="run_notebooks.py",
                description="Execute the chapter notebooks (cached) into _build/results and book/chapters.",
                epilog="Exit status: 0 success, 1 a chapter failed, 2 bad input (nothing executed).")
    p.add_argument("--params", type=Path, metavar="FILE",
                   help="parameters file (default: notebooks/params.yaml)")
    p.add_argument("-p", dest="overrides", action="append", default=[], metavar="CHAPTER.NAME=VALUE",
                   help="set one parameter (value read as a YAML scalar; a relative file name is taken "
                        "from the current folder); repeatable")
    p.add_argument("--only", action="append", default=[], metavar="CHAPTER",
                   help="run only this chapter; repeatable")
    p.add_argument("--force", action="store_true", help="execute even the chapters the cache covers")
    p.add_argument("--timeout", type=_positive, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="kernel start-up and cell execution timeout (default: %(default)s)")
    p.add_argument("-j", "--jobs", type=_workers, default=0, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--kernel", default=KERNEL, help="Jupyter kernel name (default: %(default)s)")
    p.add_argument("--describe", metavar="CHAPTER", help="print a chapter's declared parameters as JSON")
    p.add_argument("--print-defaults", action="store_true",
                   help="print a params.yaml with every chapter's declared defaults")
    folders = p.add_argument_group("folders (for tests; defaults are the project's)")
    folders.add_argument("--notebooks", type=Path, default=NOTEBOOKS, metavar="DIR")
    folders.add_argument("--results", type=Path, default=paths.RESULTS, metavar="DIR")
    folders.add_argument("--output", type=Path, default=CHAPTERS_OUT, metavar="DIR")
    folders.add_argument("--failed", type=Path, default=FAILED, metavar="DIR")
    folders.add_argument("--data", type=Path, default=paths.DATA, metavar="DIR")
    folders.add_argument("--library", type=Path, default=LIBRARY, metavar="DIR")
    return p


def describe(notebooks_dir: Path, chapter: str) -> list[dict]:
    chapters = discover_chapters(notebooks_dir)
    if chapter not in chapters:
        raise unknown_chapter(chapter, chapters, "--describe")
    return [p.describe() for p in read_declarations(chapters[chapter])]


def main(argv: Sequence[str] | None = None, on_execute: Callable[[list[str]], None] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a bad option (2), already printed
        return int(exc.code or 0)
    config = Config(notebooks_dir=args.notebooks, params_file=args.params, results_dir=args.results,
                    output_dir=args.output, failed_dir=args.failed, data_dir=args.data,
                    library_dir=args.library, timeout=args.timeout, jobs=args.jobs,
                    kernel_name=args.kernel, force=args.force)
    try:
        if args.describe:
            print(json.dumps(describe(config.notebooks_dir, args.describe), indent=2, ensure_ascii=False))
            return 0
        if args.print_defaults:
            sys.stdout.write(defaults_yaml(config.notebooks_dir))
            return 0
        return run(config, args.only, args.overrides, on_execute=on_execute)
    except PlanevalError as exc:
        print(f"error: {_one_line(exc, 10**4)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; results of unfinished chapters were left as they were", file=sys.stderr)
        return 130
