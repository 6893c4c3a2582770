"""The completeness ledger: list the extractor's candidates that no figure row or exclusion accounts for.

    python scripts/ledger.py                       # unmatched candidates and exclusion problems
    python scripts/ledger.py --write-missing new.csv   # also write them as exclusion rows to fill in

Runs planeval.extract over every source of data/raw/sources.csv (with the source's date; a year-only
date is taken as 1 July), matches each candidate to data/indicators.csv (same source, same value,
overlapping quote) or to data/extraction_exclusions.csv, and prints, for a curator, each candidate
left over (source, line, offsets, value, unit, the extractor's guesses and the quote) and each problem
of the exclusions file (stale rows, reasons outside the controlled list; see planeval.extract.ledger).

``--write-missing FILE`` writes the unmatched candidates as rows of the exclusions file's shape
(``source,start,end,value_text,quote,reason``) with an empty reason: fill in a reason and merge them
into data/extraction_exclusions.csv, or record the figure in data/indicators.csv instead.

Exit status: 0 when every candidate is accounted for and the exclusions are sound; 1 otherwise; 2 when
a data file cannot be read.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planeval.core import paths  # noqa: E402
from planeval.core.errors import DataFileError, PlanevalError  # noqa: E402
from planeval.data import load_indicators, load_sources, source_texts  # noqa: E402
from planeval.extract.ledger import EXCLUSION_COLUMNS, build_ledger, exclusion_row, line_of, run_extractor  # noqa: E402

PROG = "ledger"


def read_exclusions(path: Path) -> list[dict[str, str]]:
    """Rows of the exclusions file; its header must be exactly EXCLUSION_COLUMNS."""
    if not path.is_file():
        raise DataFileError(path, "file not found")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = tuple(reader.fieldnames or ())
    if header != EXCLUSION_COLUMNS:
        raise DataFileError(path, f"header must be exactly {','.join(EXCLUSION_COLUMNS)}", row=1)
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(path, "wrong number of fields for the header", row=n)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=paths.SOURCES_CSV, help="manifest (default: %(default)s)")
    ap.add_argument("--indicators", type=Path, default=paths.INDICATORS_CSV,
                    help="figures table (default: %(default)s)")
    ap.add_argument("--exclusions", type=Path, default=paths.EXCLUSIONS_CSV,
                    help="exclusions file (default: %(default)s)")
    ap.add_argument("--write-missing", type=Path, metavar="FILE",
                    help="write the unmatched candidates as exclusion rows with an empty reason")
    ap.add_argument("--quiet", action="store_true", help="print only the summary line")
    args = ap.parse_args(argv)

    try:
        sources = load_sources(args.sources)
        texts = source_texts(sources, args.sources.parent)
        figures = load_indicators(args.indicators, sources_csv=args.sources)
        exclusions = read_exclusions(args.exclusions)
    except (PlanevalError, OSError) as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2

    candidates = run_extractor(texts, dict(zip(sources["id"], sources["date"], strict=True)))
    ledger = build_ledger(candidates, figures.to_dict("records"), texts, exclusions)

    if not args.quiet:
        for m in ledger.unmatched:
            c, sid = m.candidate, m.source
            value = c.value_text if c.withheld else c.value
            taken = f" [rows {', '.join(m.eligible)} account for other candidates]" if m.eligible else ""
            print(f"{sid} line {line_of(texts[sid], c.value_start)} [{c.start},{c.end}) {value} {c.unit} "
                  f"({c.kind}, {c.year}, {c.indicator_zh or '-'}): {c.quote.replace(chr(10), ' / ')}{taken}")
        for p in ledger.problems:
            print(f"{args.exclusions}: {p}")
    by_cat = ", ".join(f"{k} {v}" for k, v in ledger.excluded_by_category().items()) or "none"
    print(f"{ledger.total} candidates: {len(ledger.matched)} matched, {len(ledger.excluded)} excluded "
          f"({by_cat}), {len(ledger.unmatched)} unmatched; {len(ledger.problems)} exclusion problem(s)")

    if args.write_missing:
        try:
            with open(args.write_missing, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=EXCLUSION_COLUMNS, lineterminator="\n")
                w.writeheader()
                w.writerows(exclusion_row(m.source, m.candidate) for m in ledger.unmatched)
        except OSError as e:
            print(f"{PROG}: error: {args.write_missing}: cannot write: {e.strerror or e}", file=sys.stderr)
            return 2
    return 0 if ledger.complete else 1


if __name__ == "__main__":
    sys.exit(main())
