"""The command line: ``planeval <command>``, and the runner's options shared with ``scripts/run_notebooks.py``.

Every command fails in one line: exit 2 for bad input (nothing was run), 1 for a failed run, 130 when
interrupted; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from planeval.build import runner
from planeval.build.cache import discover_chapters
from planeval.build.execute import DEFAULT_TIMEOUT, KERNEL
from planeval.build.files import RunError, one_line
from planeval.build.params import read_declarations, unknown_chapter
from planeval.core import paths
from planeval.core.errors import PlanevalError

#: The environment variable naming a Dask scheduler to run on (``--scheduler`` takes precedence).
SCHEDULER_ENV = "PLANEVAL_SCHEDULER"
EXIT_STATUS = "Exit status: 0 success, 1 a chapter failed or the run could not start, 2 bad input " \
              "(nothing executed), 130 interrupted."


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2 (bad input)."""

    def error(self, message: str) -> None:
        self.exit(2, f"error: {message} (see --help)\n")


def guarded(action: Callable[[], int], debug: bool = False, interrupted: str = "") -> int:
    """Run ``action``; every failure ends in one line on stderr and an exit status, never a traceback
    unless ``debug``."""
    try:
        return action()
    except RunError as exc:
        if debug:
            raise
        print(f"error: {one_line(exc, 10**4)}", file=sys.stderr)
        return 1
    except PlanevalError as exc:
        if debug:
            raise
        print(f"error: {one_line(exc, 10**4)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if debug:
            traceback.print_exc()
        print(f"error: interrupted{'; ' + interrupted if interrupted else ''}", file=sys.stderr)
        return 130
    except ImportError as exc:
        if debug:
            raise
        missing = getattr(exc, "name", None) or one_line(exc)
        print(f"error: the environment lacks the package {missing!r}; run `make book` (it reinstalls the "
              "environment when an import fails)", file=sys.stderr)
        return 1
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"error: {where}{exc.strerror or one_line(exc)}", file=sys.stderr)
        return 1


def defaults_yaml(notebooks_dir: Path = runner.NOTEBOOKS) -> str:
    """A params.yaml listing every chapter's declared defaults (``--print-defaults``)."""
    lines = []
    for chapter, notebook in discover_chapters(notebooks_dir).items():
        params = read_declarations(notebook)
        if not params:
            lines.append(f"{chapter}: {{}}")
            continue
        lines.append(f"{chapter}:")
        for p in params:
            value = yaml.safe_dump(p.default, allow_unicode=True, default_flow_style=True, width=10**6)
            value = value.removesuffix("\n").removesuffix("\n...").strip()
            lines.append(f"  {p.name}: {value}  # {p.help}; {p.allowed()}")
    return "\n".join(lines) + "\n" if lines else "{}\n"


def describe(notebooks_dir: Path, chapter: str) -> list[dict]:
    chapters = discover_chapters(notebooks_dir)
    if chapter not in chapters:
        raise unknown_chapter(chapter, chapters, "--describe")
    return [p.describe() for p in read_declarations(chapters[chapter])]


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive integer")
    return int(text)


def add_run_options(p: argparse.ArgumentParser, folders: bool = True) -> None:
    """The options of a chapter run (``planeval run``, ``planeval build``, ``scripts/run_notebooks.py``);
    ``folders`` adds the options that move the runner's folders (the site build takes them from its
    layout)."""
    p.add_argument("--params", type=Path, metavar="FILE",
                   help="your parameters file, applied after notebooks/params.yaml (same form); "
                        "recorded in each result's run.json")
    p.add_argument("-p", dest="overrides", action="append", default=[], metavar="CHAPTER.NAME=VALUE",
                   help="set one parameter (value read as a YAML scalar; a relative file name is taken "
                        "from the current folder); repeatable")
    p.add_argument("--reset", action="store_true",
                   help="forget the parameters you chose in earlier runs: back to notebooks/params.yaml")
    p.add_argument("--only", action="append", default=[], metavar="CHAPTER",
                   help="run only this chapter; repeatable")
    p.add_argument("--force", action="store_true", help="execute even the chapters the cache covers")
    p.add_argument("--timeout", type=_positive, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="kernel start-up and cell execution timeout (default: %(default)s)")
    p.add_argument("-j", "--jobs", type=_workers, default=0, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--kernel", default=KERNEL, help="Jupyter kernel name (default: %(default)s)")
    p.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    p.add_argument("--scheduler", default=os.environ.get(SCHEDULER_ENV) or None, metavar="ADDRESS",
                   help=f"run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (default: ${SCHEDULER_ENV}, else local "
                        "processes)")
    if not folders:
        return
    group = p.add_argument_group("folders (for tests; defaults are the project's)")
    group.add_argument("--notebooks", type=Path, default=runner.NOTEBOOKS, metavar="DIR")
    group.add_argument("--results", type=Path, default=paths.RESULTS, metavar="DIR")
    group.add_argument("--output", type=Path, default=runner.CHAPTERS_OUT, metavar="DIR")
    group.add_argument("--failed", type=Path, default=runner.FAILED, metavar="DIR")
    group.add_argument("--data", type=Path, default=paths.DATA, metavar="DIR")
    group.add_argument("--library", type=Path, default=runner.LIBRARY, metavar="DIR")


def config_of(args: argparse.Namespace, **folders: Path) -> runner.Config:
    """The runner's configuration from parsed options; ``folders`` (notebooks_dir, results_dir ...) take
    the place of the folder options."""
    for option, field in (("notebooks", "notebooks_dir"), ("results", "results_dir"), ("output", "output_dir"),
                          ("failed", "failed_dir"), ("data", "data_dir"), ("library", "library_dir")):
        if field not in folders and hasattr(args, option):
            folders[field] = getattr(args, option)
    return runner.Config(extra_params=args.params, timeout=args.timeout, jobs=args.jobs,
                         kernel_name=args.kernel, force=args.force, reset=args.reset, scheduler=args.scheduler,
                         **folders)


def run_parser(prog: str = "run_notebooks.py") -> Parser:
    p = Parser(prog=prog, description="Execute the chapter notebooks (cached) into _build/results and "
                                      "book/chapters.", epilog=EXIT_STATUS)
    add_run_options(p)
    p.add_argument("--describe", metavar="CHAPTER", help="print a chapter's declared parameters as JSON")
    p.add_argument("--print-defaults", action="store_true",
                   help="print a params.yaml with every chapter's declared defaults")
    return p


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a bad option (2), already printed
        return int(exc.code or 0)


def run_main(argv: Sequence[str] | None = None, on_execute: Callable[[list[str]], None] | None = None,
             prog: str = "run_notebooks.py") -> int:
    """``scripts/run_notebooks.py`` and ``planeval run``."""
    args = _parse(run_parser(prog), argv)
    if isinstance(args, int):
        return args

    def action() -> int:
        if args.describe:
            print(json.dumps(describe(args.notebooks, args.describe), indent=2, ensure_ascii=False))
            return 0
        if args.print_defaults:
            sys.stdout.write(defaults_yaml(args.notebooks))
            return 0
        return runner.run(config_of(args), args.only, args.overrides, on_execute=on_execute)

    return guarded(action, args.debug, "results of unfinished chapters were left as they were")


# ------------------------------------------------------------------------------------ planeval <command>

def _book(argv: list[str]) -> int:
    from planeval.build.book import main as book_main

    return book_main(argv, prog="planeval build")


def _extract(argv: list[str]) -> int:
    from planeval.extract.cli import extract_main

    return extract_main(argv)


def _ledger(argv: list[str]) -> int:
    from planeval.extract.cli import ledger_main

    return ledger_main(argv)


def _bench(argv: list[str]) -> int:
    from planeval.build.bench import main as bench_main

    return bench_main(argv)


def _datapackage(argv: list[str]) -> int:
    from planeval.data.schema import main as datapackage_main

    return datapackage_main(argv)


def _translations(argv: list[str]) -> int:
    from planeval.build.translations import main as translations_main

    return translations_main(argv)


COMMANDS: dict[str, tuple[str, Callable[[list[str]], int]]] = {
    "run": ("execute the chapter notebooks (cached) with your parameters",
            lambda argv: run_main(argv, prog="planeval run")),
    "describe": ("print a chapter's declared parameters as JSON",
                 lambda argv: run_main(["--describe", *argv], prog="planeval describe")
                 if argv and not argv[0].startswith("-") else _describe_help(argv)),
    "build": ("run the chapters and build the website into _build/html", _book),
    "extract": ("list the candidate figures of a source text (CSV on stdout)", _extract),
    "ledger": ("check that every candidate of the sources is a figure or an exclusion", _ledger),
    "datapackage": ("write (or --check) data/datapackage.json from the vocabularies", _datapackage),
    "bench": ("run the benchmarks and print the measured ratios", _bench),
    "translations": ("update (or check) the catalogues of the Chinese and English editions", _translations),
}


def _describe_help(argv: list[str]) -> int:
    print("usage: planeval describe CHAPTER\n\nPrint a chapter's declared parameters (name, type, default, "
          "allowed values, help) as JSON.", file=sys.stdout if "-h" in argv or "--help" in argv else sys.stderr)
    return 0 if "-h" in argv or "--help" in argv else 2


def main(argv: Sequence[str] | None = None) -> int:
    """``planeval <command> [options]``: the console entry point."""
    argv = list(sys.argv[1:] if argv is None else argv)
    listing = "\n".join(f"  {name:<12} {text}" for name, (text, _) in COMMANDS.items())
    usage = f"usage: planeval <command> [options]\n\ncommands:\n{listing}\n\n" \
            "`planeval <command> --help` describes a command's options.\n"
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write(usage)
        return 0
    if argv[0] in ("-V", "--version"):
        from planeval import __version__

        print(f"planeval {__version__}")
        return 0
    command = COMMANDS.get(argv[0])
    if command is None:
        print(f"error: unknown command {argv[0]!r}; commands: {', '.join(COMMANDS)} (see planeval --help)",
              file=sys.stderr)
        return 2
    return command[1](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
