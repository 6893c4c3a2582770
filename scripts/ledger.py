"""The completeness ledger: a thin wrapper around planeval.extract.cli.ledger_main.

    python scripts/ledger.py                           # unmatched candidates and exclusion problems
    python scripts/ledger.py --write-missing new.csv   # also write them as exclusion rows to fill in

The same as ``planeval ledger``; see ``--help``.
"""

import sys

from planeval.extract.cli import ledger_main

if __name__ == "__main__":
    sys.exit(ledger_main(sys.argv[1:], prog="ledger"))
