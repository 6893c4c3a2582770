"""Time the figure extractor over the five sources (data/raw/0*.txt, about 245 KB).

    python scripts/bench_extract.py [--repeat 7] [--limit 1.0]

Files are read once; each repeat extracts candidates from all of them, and the best (and median) wall
time of the repeats is printed. Exits 1 when the best time exceeds --limit seconds (default 1.0), so
the script can guard performance in CI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.extract import extract, read_source  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7, help="number of timed runs (default 7)")
    ap.add_argument("--limit", type=float, default=1.0, help="fail when the best run is slower (seconds)")
    ap.add_argument("files", nargs="*", help="sources (default: data/raw/0*.txt)")
    args = ap.parse_args(argv)
    paths = args.files or sorted(str(p) for p in (ROOT / "data" / "raw").glob("0*.txt"))
    if not paths:
        print("bench_extract: no sources found", file=sys.stderr)
        return 2
    texts = [(p, read_source(p)[0]) for p in paths]
    size = sum(Path(p).stat().st_size for p in paths)

    extract("预热: 孕产妇死亡率控制在14/10万以内。")  # warm the caches once, outside the timing
    times, count = [], 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        count = sum(len(extract(text, file=p)) for p, text in texts)
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(f"extract: {len(paths)} files, {size / 1024:.0f} KiB, {count} candidates; "
          f"best {best * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms "
          f"over {len(times)} runs")
    if best > args.limit:
        print(f"bench_extract: best time {best:.3f} s exceeds the limit {args.limit} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
