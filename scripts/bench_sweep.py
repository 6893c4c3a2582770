"""Benchmark the 10,000-set scenario sweep (vectorised against a loop): planeval.build.bench.sweep."""

import sys

from planeval.build.bench import main

if __name__ == "__main__":
    sys.exit(main(["--only", "sweep"]))
