"""Propose candidate figures from source texts (a thin wrapper around planeval.extract).

    python scripts/extract_figures.py data/raw/0*.txt --out candidates.csv
    python scripts/extract_figures.py FILE --date 2023-05-31
    python scripts/extract_figures.py data/raw/0*.txt --date 001=2023-05-31 --date 002=2023-05-31

Writes CSV (columns: planeval.extract.FIELDS) to stdout or to --out. ``--date`` gives the document date
used for 今年/去年 and for the year of reported figures: ``YYYY-MM-DD`` for every file, or
``NAME=YYYY-MM-DD`` for the files whose name starts with NAME (repeatable). ``--all`` also writes the
numbers that were left out (dates, list numbers, ...), with the reason in ``reason_hint``.

Exit status: 0 on success (an empty file gives no rows); 2 on bad arguments or a bad input file (a
missing path, a directory, a binary file, bytes that are neither UTF-8 nor GB18030): one line per bad
file on stderr, naming it, and no output at all. A file that is not UTF-8 but decodes as GB18030 is
read, and stderr says so.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.core.errors import PlanevalError  # noqa: E402
from planeval.extract import extract, parse_doc_date, read_source, write_csv  # noqa: E402

PROG = "extract_figures"


def _date_option(value: str) -> tuple[str, date]:
    name, sep, when = value.rpartition("=")
    try:
        return name, parse_doc_date(when)  # type: ignore[return-value]
    except PlanevalError as e:
        raise argparse.ArgumentTypeError(f"{value!r}: {e}") from None


def _date_for(path: str, dates: list[tuple[str, date]]) -> date | None:
    """The last --date whose NAME is empty or a prefix of the file name (or equals the path)."""
    name = Path(path).name
    chosen = None
    for prefix, when in dates:
        if not prefix or name.startswith(prefix) or path == prefix:
            chosen = when
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", metavar="FILE", help="source text(s), UTF-8 or GB18030")
    ap.add_argument("--out", metavar="CSV", help="write the CSV here instead of stdout")
    ap.add_argument("--date", action="append", default=[], type=_date_option, metavar="[NAME=]YYYY-MM-DD",
                    help="document date, for all files or for files whose name starts with NAME")
    ap.add_argument("--all", action="store_true", help="also write the numbers left out, with reason_hint")
    ap.add_argument("--chinese-numerals", action="store_true",
                    help="also read Chinese numerals with a unit (三所, 十个); noisy")
    args = ap.parse_args(argv)

    sources: list[tuple[str, str]] = []
    bad = False
    for path in args.files:
        try:
            text, encoding = read_source(path)
        except PlanevalError as e:
            print(f"{PROG}: error: {e}", file=sys.stderr)
            bad = True
            continue
        if encoding != "utf-8":
            print(f"{PROG}: {path}: not valid UTF-8; decoded as {encoding.upper()}", file=sys.stderr)
        sources.append((path, text))
    if bad:
        return 2

    buf = io.StringIO()
    rows = []
    for path, text in sources:
        rows += extract(text, file=path, doc_date=_date_for(path, args.date), include_skipped=args.all,
                        chinese_numerals=args.chinese_numerals)
    write_csv(rows, buf)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as f:
                f.write(buf.getvalue())
        except OSError as e:
            print(f"{PROG}: error: {args.out}: cannot write: {e.strerror or e}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
