"""Write data/datapackage.json from planeval.schema (the vocabularies are the single source of truth)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planeval import paths  # noqa: E402
from planeval.schema import write_descriptor  # noqa: E402

if __name__ == "__main__":
    write_descriptor()
    print(f"wrote {paths.DATAPACKAGE_JSON}")
