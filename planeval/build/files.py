"""File operations of the build: atomic writes and swaps, a run lock, and the process's own environment.

Everything the runner and the site build write goes through here, so that an interrupted or failed run
never leaves a half-written file where a reader or the next run would take it for a whole one.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planeval.core import paths
from planeval.core.errors import PlanevalError

LOCK_FILE = ".lock"  # suffix of the lock file beside a build folder


def display(path: Path | str) -> str:
    """A path relative to the repository when it is inside it (for messages and records)."""
    path = Path(path).absolute()
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def one_line(text: object, limit: int = 300) -> str:
    """``text`` on one line (whitespace runs folded), cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_bytes(obj: object) -> bytes:
    """Indented JSON with sorted keys: the same object always gives the same bytes."""
    return (json.dumps(obj, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes | str) -> Path:
    """Write (atomically) only when the content differs, so unchanged files keep their time stamps and the
    site's incremental build does not re-read the pages that include them."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    if not path.exists() or path.read_bytes() != raw:
        write_atomic(path, raw)
    return path


def swap_dir(new: Path, final: Path, aside: Path) -> None:
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
    if had_old:
        shutil.rmtree(aside, ignore_errors=True)


def remove_empty_dir(folder: Path) -> None:
    """Remove ``folder`` when it exists and holds nothing (a cleared ``_build/failed``)."""
    try:
        Path(folder).rmdir()
    except OSError:
        pass


@contextmanager
def environ(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore them."""
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
def stderr_to(path: Path) -> Iterator[None]:
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


class RunError(PlanevalError):
    """The run could not start (a folder that cannot be written, another run holding it): exit 1, not the
    exit 2 of bad input."""


class BusyError(RunError):
    """Another run holds the lock of the same build folder."""


_HELD: set[Path] = set()  # locks this process holds (a build holds the runner's lock around the runner)


def lock_path(folder: Path) -> Path:
    """The lock file of a build folder: beside it, so that the folder holds only results."""
    folder = Path(folder).absolute()
    return folder.with_name(folder.name + LOCK_FILE)


@contextmanager
def run_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` for a run; a second run at the same time is refused at once.

    The lock is an ``flock`` on ``<folder>.lock``: the operating system releases it when the holder ends,
    however it ends, so a crashed run never leaves a lock behind. Taking a lock this process already holds
    is a no-op.
    """
    import fcntl

    path = lock_path(folder)
    if path in _HELD:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the block
    except OSError as exc:
        raise RunError(f"{display(path.parent)}: cannot write there ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise BusyError(f"another run is using {display(folder)} ({holder}); wait for it to finish "
                            "and run again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        _HELD.add(path)
        try:
            yield
        finally:
            _HELD.discard(path)
    finally:
        handle.close()
