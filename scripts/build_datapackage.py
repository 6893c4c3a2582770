"""Write data/datapackage.json from planeval.data.schema (the vocabularies are the single source of truth)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planeval.core import paths  # noqa: E402
from planeval.data.schema import write_descriptor  # noqa: E402

if __name__ == "__main__":
    write_descriptor()
    print(f"wrote {paths.DATAPACKAGE_JSON}")
