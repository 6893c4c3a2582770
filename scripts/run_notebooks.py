"""Execute the chapter notebooks (cached) into _build/results and book/chapters; see planeval/build/runner.py.

    python scripts/run_notebooks.py                      # every chapter the cache does not cover
    python scripts/run_notebooks.py --only 03_childcare -p 03_childcare.population=1e7
    python scripts/run_notebooks.py --describe 03_childcare

Exit status: 0 success, 1 a chapter failed, 2 bad input (nothing executed).
"""

import sys

from planeval.build.cli import run_main

if __name__ == "__main__":
    sys.exit(run_main())
