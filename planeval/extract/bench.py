"""Time the figure extractor over the five sources (data/raw/0*.txt, about 245 KB): ``scripts/bench_extract.py``.

Files are read once; each repeat extracts candidates from all of them, and the best (and median) wall
time of the repeats is printed. Exits 1 when the best time exceeds ``--limit`` seconds (default 1.0), so
the command can guard performance in CI; 2 on bad arguments or an unreadable source (one line on stderr).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from planeval.core import paths
from planeval.core.errors import PlanevalError
from planeval.extract.candidates import extract
from planeval.extract.cli import OneLineParser
from planeval.extract.normalise import read_source

__all__ = ["main"]

#: A sentence extracted once before the timing, so that compiled patterns and caches are warm.
WARM_UP = "预热: 孕产妇死亡率控制在14/10万以内。"


def _time_runs(texts: list[tuple[str, str]], repeat: int) -> tuple[list[float], int]:
    """Wall times of ``repeat`` runs over all texts, and the number of candidates of one run."""
    extract(WARM_UP)
    times, count = [], 0
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        count = sum(len(extract(text, file=path)) for path, text in texts)
        times.append(time.perf_counter() - started)
    return times, count


def main(argv: Sequence[str] | None = None, prog: str = "bench_extract") -> int:
    """Time the extractor; 0 when the best run is within the limit, 1 when slower, 2 on bad input."""
    parser = OneLineParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="number of timed runs (default 7)")
    parser.add_argument("--limit", type=float, default=1.0, help="fail when the best run is slower (seconds)")
    parser.add_argument("files", nargs="*", help="sources (default: data/raw/0*.txt)")
    args = parser.parse_args(argv)
    files = args.files or sorted(str(path) for path in paths.RAW.glob("0*.txt"))
    if not files:
        print(f"{prog}: error: no sources found", file=sys.stderr)
        return 2
    try:
        texts = [(path, read_source(path)[0]) for path in files]
    except PlanevalError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 2
    size = sum(Path(path).stat().st_size for path in files)
    times, count = _time_runs(texts, args.repeat)
    best = min(times)
    print(f"extract: {len(files)} files, {size / 1024:.0f} KiB, {count} candidates; "
          f"best {best * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms "
          f"over {len(times)} runs")
    if best > args.limit:
        print(f"{prog}: best time {best:.3f} s exceeds the limit {args.limit} s", file=sys.stderr)
        return 1
    return 0
