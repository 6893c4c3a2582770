"""Propose candidate figures from source texts: a thin wrapper around planeval.extract.cli.extract_main.

    python scripts/extract_figures.py data/raw/0*.txt --out candidates.csv
    python scripts/extract_figures.py FILE --date 2023-05-31
    python scripts/extract_figures.py data/raw/0*.txt --date 001=2023-05-31 --date 002=2023-05-31

The same as ``planeval extract``; see ``--help``.
"""

import sys

from planeval.extract.cli import extract_main

if __name__ == "__main__":
    sys.exit(extract_main(sys.argv[1:], prog="extract_figures"))
