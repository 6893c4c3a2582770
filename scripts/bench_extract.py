"""Time the figure extractor over the five sources: a thin wrapper around planeval.extract.bench.main.

    python scripts/bench_extract.py [--repeat 7] [--limit 1.0]
"""

import sys

from planeval.extract.bench import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog="bench_extract"))
