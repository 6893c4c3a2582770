"""Build the website (``make book``): run the chapters (cached), then Sphinx; see planeval/build/book.py.

    python scripts/build_book.py                    # the book's parameters (and those you chose before)
    python scripts/build_book.py --params my.yaml   # your parameters file, recorded with the results
    python scripts/build_book.py --reset            # back to the book's parameters
"""

import sys

from planeval.build.book import main

if __name__ == "__main__":
    sys.exit(main())
