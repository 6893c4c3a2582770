"""Write data/datapackage.json from planeval.data.schema (the vocabularies are the single source of truth)."""

import sys

from planeval.data.schema import main

if __name__ == "__main__":
    sys.exit(main())
