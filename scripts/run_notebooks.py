"""Execute the chapter notebooks (cached) into _build/results and book/chapters; see planeval/runner.py.

    python scripts/run_notebooks.py                      # every chapter the cache does not cover
    python scripts/run_notebooks.py --only 03_childcare -p 03_childcare.population=1e7
    python scripts/run_notebooks.py --describe 03_childcare

Exit status: 0 success, 1 a chapter failed, 2 bad input (nothing executed).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.build.runner import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
