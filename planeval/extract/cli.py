"""The extractor's commands: ``extract`` (candidate figures of source texts as CSV) and ``ledger`` (the
completeness ledger), run as ``planeval extract`` / ``planeval ledger`` or by ``scripts/extract_figures.py``
and ``scripts/ledger.py``.

Every bad input ends in one line on stderr, ``<prog>: error: ...``, and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from planeval.core import paths
from planeval.core.errors import PlanevalError
from planeval.data import load_indicators, load_sources, source_texts
from planeval.data.dates import parse_document_date
from planeval.data.exclusions import EXCLUSION_COLUMNS, load_exclusions
from planeval.extract.candidates import extract, write_csv
from planeval.extract.ledger import Ledger, build_ledger, exclusion_row, line_of, run_extractor
from planeval.extract.normalise import read_source

__all__ = ["EXTRACT_HELP", "LEDGER_HELP", "OneLineParser", "extract_main", "ledger_main"]

EXTRACT_HELP = """Propose candidate figures from source texts.

    %(prog)s data/raw/0*.txt --out candidates.csv
    %(prog)s FILE --date 2023-05-31
    %(prog)s data/raw/0*.txt --date 001=2023-05-31 --date 002=2023-05-31

Writes CSV (columns: planeval.extract.FIELDS) to stdout or to --out. --date gives the document date
used for 今年/去年 and for the year of reported figures: YYYY-MM-DD (or YYYY-MM, YYYY, taken as the first
day) for every file, or NAME=YYYY-MM-DD for the files whose name starts with NAME (repeatable; the last
that applies wins). --all also writes the numbers that were left out (dates, list numbers, ...), with the
reason in reason_hint.

Exit status: 0 on success (an empty file gives no rows); 2 on bad arguments or a bad input file (a
missing path, a directory, a binary file, bytes that are neither UTF-8 nor GB18030): one line per bad
file on stderr, naming it, and no output at all. A file that is not UTF-8 but decodes as GB18030 is
read, and stderr says so.
"""

LEDGER_HELP = """The completeness ledger: list the extractor's candidates that no figure row or exclusion accounts for.

    %(prog)s                              # unmatched candidates and exclusion problems
    %(prog)s --write-missing new.csv      # also write them as exclusion rows to fill in

Runs the extractor over every source of data/raw/sources.csv (with the source's date; a year-only date
is taken as 1 July), matches each candidate to data/indicators.csv (same source, same value,
overlapping quote) or to data/extraction_exclusions.csv, and prints, for a curator, each candidate left
over (source, line, offsets, value, unit, the extractor's guesses and the quote) and each problem of the
exclusions file (stale rows, reasons outside the controlled list; see planeval.extract.ledger).

--write-missing FILE writes the unmatched candidates as rows of the exclusions file's shape
(source,start,end,value_text,quote,reason) with an empty reason: fill in a reason and merge them into
data/extraction_exclusions.csv, or record the figure in data/indicators.csv instead.

Exit status: 0 when every candidate is accounted for and the exclusions are sound; 1 otherwise; 2 when
a data file cannot be read.
"""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, ``<prog>: error: ...``, and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _parser(prog: str, help_text: str) -> OneLineParser:
    summary, _, details = help_text.partition("\n\n")
    return OneLineParser(prog=prog, description=summary, epilog=details,
                         formatter_class=argparse.RawDescriptionHelpFormatter)


def _error(prog: str, message: object) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 2


# --------------------------------------------------------------------------------------------------
# extract
# --------------------------------------------------------------------------------------------------

def _date_option(value: str) -> tuple[str, date]:
    """``[NAME=]YYYY-MM-DD`` of --date: (NAME or '', the date)."""
    name, _, when = value.rpartition("=")
    try:
        return name, parse_document_date(when)  # type: ignore[return-value]
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


def _read_sources(prog: str, files: list[str]) -> list[tuple[str, str]] | None:
    """``(path, text)`` of each file, or None after one line on stderr per bad file."""
    sources: list[tuple[str, str]] = []
    bad = False
    for path in files:
        try:
            text, encoding = read_source(path)
        except PlanevalError as e:
            _error(prog, e)
            bad = True
            continue
        if encoding != "utf-8":
            print(f"{prog}: {path}: not valid UTF-8; decoded as {encoding.upper()}", file=sys.stderr)
        sources.append((path, text))
    return None if bad else sources


def extract_main(argv: Sequence[str] | None = None, prog: str = "planeval extract") -> int:
    """``planeval extract`` / ``scripts/extract_figures.py``: candidate figures of source texts as CSV."""
    parser = _parser(prog, EXTRACT_HELP)
    parser.add_argument("files", nargs="+", metavar="FILE", help="source text(s), UTF-8 or GB18030")
    parser.add_argument("--out", metavar="CSV", help="write the CSV here instead of stdout")
    parser.add_argument("--date", action="append", default=[], type=_date_option, metavar="[NAME=]YYYY-MM-DD",
                        help="document date, for all files or for files whose name starts with NAME")
    parser.add_argument("--all", action="store_true", help="also write the numbers left out, with reason_hint")
    parser.add_argument("--chinese-numerals", action="store_true",
                        help="also read Chinese numerals with a unit (三所, 十个); noisy")
    args = parser.parse_args(argv)

    sources = _read_sources(prog, args.files)
    if sources is None:
        return 2
    rows = []
    for path, text in sources:
        rows += extract(text, file=path, doc_date=_date_for(path, args.date), include_skipped=args.all,
                        chinese_numerals=args.chinese_numerals)
    buf = io.StringIO()
    write_csv(rows, buf)
    if not args.out:
        sys.stdout.write(buf.getvalue())
        return 0
    try:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())
    except OSError as e:
        return _error(prog, f"{args.out}: cannot write: {e.strerror or e}")
    return 0


# --------------------------------------------------------------------------------------------------
# ledger
# --------------------------------------------------------------------------------------------------

def _build(sources_csv: Path, indicators_csv: Path, exclusions_csv: Path) -> tuple[Ledger, dict[str, str]]:
    """The ledger of the tables, and the source texts (raises PlanevalError or OSError on a bad file)."""
    sources = load_sources(sources_csv)
    texts = source_texts(sources, sources_csv.parent)
    figures = load_indicators(indicators_csv, sources_csv=sources_csv)
    exclusions = load_exclusions(exclusions_csv)
    candidates = run_extractor(texts, dict(zip(sources["id"], sources["date"], strict=True)))
    return build_ledger(candidates, figures.to_dict("records"), texts, exclusions), texts


def _print_ledger(ledger: Ledger, texts: dict[str, str], exclusions_csv: Path, quiet: bool) -> None:
    if not quiet:
        for match in ledger.unmatched:
            candidate, source = match.candidate, match.source
            value = candidate.value_text if candidate.withheld else candidate.value
            taken = f" [rows {', '.join(match.eligible)} account for other candidates]" if match.eligible else ""
            quote = candidate.quote.replace("\n", " / ")
            print(f"{source} line {line_of(texts[source], candidate.value_start)} [{candidate.start},{candidate.end}) "
                  f"{value} {candidate.unit} ({candidate.kind}, {candidate.year}, {candidate.indicator_zh or '-'}): "
                  f"{quote}{taken}")
        for problem in ledger.problems:
            print(f"{exclusions_csv}: {problem}")
    by_category = ", ".join(f"{category} {count}" for category, count in ledger.excluded_by_category().items()) \
        or "none"
    print(f"{ledger.total} candidates: {len(ledger.matched)} matched, {len(ledger.excluded)} excluded "
          f"({by_category}), {len(ledger.unmatched)} unmatched; {len(ledger.problems)} exclusion problem(s)")


def _write_missing(ledger: Ledger, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=EXCLUSION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(exclusion_row(match.source, match.candidate) for match in ledger.unmatched)


def ledger_main(argv: Sequence[str] | None = None, prog: str = "planeval ledger") -> int:
    """``planeval ledger`` / ``scripts/ledger.py``: the completeness ledger of the sources."""
    parser = _parser(prog, LEDGER_HELP)
    parser.add_argument("--sources", type=Path, default=paths.SOURCES_CSV, help="manifest (default: %(default)s)")
    parser.add_argument("--indicators", type=Path, default=paths.INDICATORS_CSV,
                        help="figures table (default: %(default)s)")
    parser.add_argument("--exclusions", type=Path, default=paths.EXCLUSIONS_CSV,
                        help="exclusions file (default: %(default)s)")
    parser.add_argument("--write-missing", type=Path, metavar="FILE",
                        help="write the unmatched candidates as exclusion rows with an empty reason")
    parser.add_argument("--quiet", action="store_true", help="print only the summary line")
    args = parser.parse_args(argv)

    try:
        ledger, texts = _build(args.sources, args.indicators, args.exclusions)
    except (PlanevalError, OSError) as e:
        return _error(prog, e)
    _print_ledger(ledger, texts, args.exclusions, args.quiet)
    if args.write_missing:
        try:
            _write_missing(ledger, args.write_missing)
        except OSError as e:
            return _error(prog, f"{args.write_missing}: cannot write: {e.strerror or e}")
    return 0 if ledger.complete else 1
