"""Which chapters must run: discovery, parameters, cache keys and the reason a chapter runs again.

A chapter's cache key is a hash of what its results depend on and nothing else: its notebook, its
parameter values, the files those name, the input data (``data/`` CSVs and texts) and the analysis code
(every module of ``planeval/`` outside :mod:`planeval.build`), the kernel and the Python version.
Editing the build code (this module, the runner, the site pages) re-executes no chapter.

Parameters come, in order, from the declared defaults, the book's ``notebooks/params.yaml``, a
researcher's parameters file (``--params``), and ``-p``. What a researcher chose for a chapter is kept
with its results (``run.json``); a later run that gives that chapter no parameters of its own keeps them
(and says so), so that ``make book`` after a rerun publishes the researcher's results instead of silently
replacing them. ``--reset`` returns every selected chapter to the book's parameters.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planeval.build.files import display
from planeval.build.params import (
    KEPT,
    Layer,
    Override,
    Param,
    load_params_file,
    read_declarations,
    resolve,
    unknown_chapter,
)
from planeval.core.errors import PlanevalError
from planeval.core.hashing import sha256_of

CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
RUN_JSON = "run.json"
#: Bump to invalidate every cached chapter when the meaning of the key changes.
CACHE_FORMAT = 2
DATA_SUFFIXES = (".csv", ".txt", ".yaml")
#: Subpackages of the library that are not analysis code: editing them re-executes no chapter.
NOT_ANALYSIS = ("build",)
_SKIP_DIRS = ("staging", "__pycache__")


@dataclass
class Planned:
    """A selected chapter (or page) with its validated parameters and the record its run will write.

    A page of a :class:`PageSet` has its own results and output folders and a title for its first heading."""

    chapter: str
    notebook: Path
    params: list[Param]
    given: dict
    record: dict = field(default_factory=dict)
    results_dir: Path | None = None  # None: the configuration's (a chapter)
    output_dir: Path | None = None
    title: str = ""

    @property
    def key(self) -> str:
        return self.record["cache_key"]


@dataclass
class Plan:
    """The chapters (and pages) to consider, and the notes to print before anything is replaced."""

    chapters: list[Planned]
    notes: list[str] = field(default_factory=list)
    pages: list[Planned] = field(default_factory=list)


@dataclass(frozen=True)
class PageSet:
    """A template notebook executed once per indicator of the catalogue (the indicator pages).

    A page's cache key is the template, its parameters, the rows it reads (its indicator's rows of the
    catalogue, the figures table, the observations and the national reference) and the analysis code: a
    changed row re-executes that indicator's page and nothing else."""

    template: Path
    output_dir: Path
    results_dir: Path
    parameter: str = "indicator"


#: The tables a page reads, and the column that names the indicator in each.
PAGE_TABLES = (("catalogue.csv", "indicator_zh"), ("indicators.csv", "indicator_zh"),
               ("observations.csv", "indicator_zh"), ("external/national_reference.csv", "indicator_zh"))


def page_title(name_zh: str, name_en: str) -> str:
    """An indicator page's first heading, in both languages (each edition's catalogue keeps one)."""
    return f"{name_zh} {name_en}"


def rows_by_indicator(data_dir: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(catalogue id -> sha256 of every row the indicator's page reads, id -> Chinese name, id -> page
    title), read with the csv module (the runner does not load pandas)."""
    import csv

    rows: dict[str, list] = {}
    titles: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, column in PAGE_TABLES:
        path = Path(data_dir) / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                rows.setdefault(row[column], []).append([name, row])
                if name == "catalogue.csv":
                    names[row["id"]] = row[column]
                    titles[row["id"]] = page_title(row["indicator_zh"], row["indicator_en"])
    digests = {i: hashlib.sha256(canonical(rows.get(zh, [])).encode()).hexdigest() for i, zh in names.items()}
    return digests, names, titles


def discover_chapters(notebooks_dir: Path) -> dict[str, Path]:
    """Chapter name (file stem) -> notebook, in name order."""
    notebooks_dir = Path(notebooks_dir)
    if not notebooks_dir.is_dir():
        raise PlanevalError(f"{display(notebooks_dir)}: notebooks folder not found")
    return {p.stem: p for p in sorted(notebooks_dir.glob(CHAPTER_GLOB)) if p.is_file()}


def hash_files(root: Path, suffixes: Sequence[str], skip: Sequence[str] = ()) -> dict[str, str]:
    """relative path -> sha256 of every file under ``root`` with one of ``suffixes`` (hidden and staging
    folders, and the top-level folders in ``skip``, left out), in path order."""
    root = Path(root)
    if not root.is_dir():
        return {}
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if (path.is_file() and path.suffix in suffixes
                and not any(part.startswith(".") or part in _SKIP_DIRS for part in rel.parts)
                and rel.parts[0] not in skip):
            out[rel.as_posix()] = sha256_of(path)
    return out


def canonical(obj: object) -> str:
    """The one JSON spelling of ``obj`` that cache keys are hashed from."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def last_run(results_dir: Path, chapter: str) -> dict | None:
    """The ``run.json`` of a chapter's last successful run, or None when there is none or it is unreadable."""
    try:
        run = json.loads((Path(results_dir) / chapter / RUN_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return run if isinstance(run, dict) else None


def _shown(values: dict) -> str:
    """``name=value`` pairs for a note; files by name only (the full path is in run.json)."""
    def one(value: object) -> str:
        return Path(value).name if isinstance(value, str) and "/" in value else repr(value)
    return ", ".join(f"{k}={one(v)}" for k, v in sorted(values.items())) or "none"


def researcher_layers(chapters: Iterable[str], results_dir: Path, chosen_now: dict[str, set[str]],
                      reset: bool) -> tuple[Layer, list[str]]:
    """The values a researcher chose in earlier runs that this run keeps, and one note per chapter concerned.

    ``chosen_now`` maps a chapter to the parameters this run sets with ``--params`` or ``-p``. The rule
    (stated on the rerun page): a chapter this run gives parameters of its own takes those alone; a chapter
    it gives none keeps what the researcher chose last time; ``reset`` forgets every earlier choice.
    """
    kept: dict[str, dict[str, object]] = {}
    notes: list[str] = []
    for chapter in chapters:
        run = last_run(results_dir, chapter) or {}
        earlier = run.get("researcher") if run.get("status") == "ok" else None
        if not isinstance(earlier, dict) or not earlier:
            continue
        if reset:
            notes.append(f"{chapter}: back to the book's parameters (forgetting {_shown(earlier)})")
        elif chapter in chosen_now:
            if set(earlier) - chosen_now[chapter]:
                notes.append(f"{chapter}: this run's parameters replace those of your last run "
                             f"({_shown(earlier)})")
        else:
            kept[chapter] = earlier
            notes.append(f"{chapter}: keeps the parameters of your last run ({_shown(earlier)}); "
                         "--reset returns it to the book's parameters")
    return Layer(kept, KEPT, None, researcher=True), notes


def plan(config, only: Iterable[str] = (), overrides: Iterable[str | Override] = (),
         cwd: Path | None = None) -> Plan:
    """Validate everything and compute each selected chapter's cache key; raises PlanevalError."""
    chapters = discover_chapters(config.notebooks_dir)
    only = list(only)
    for name in only:
        if name not in chapters:
            raise unknown_chapter(name, chapters, "--only")
    layers: list[Layer] = []
    book_file = config.params_path()
    if book_file is not None:
        layers.append(Layer(load_params_file(book_file), display(book_file), book_file.parent))
    if config.extra_params is not None:
        extra = Path(config.extra_params)
        layers.append(Layer(load_params_file(extra), display(extra), extra.parent, researcher=True))
    for layer in layers:
        for name in layer.values:
            if name not in chapters:
                raise unknown_chapter(name, chapters, layer.origin)
    ovs = [o if isinstance(o, Override) else Override.parse(o) for o in overrides]
    for ov in ovs:
        if ov.chapter not in chapters:
            raise unknown_chapter(ov.chapter, chapters, f"-p {ov.chapter}.{ov.name}")
    selected = [c for c in chapters if not only or c in only]
    chosen_now: dict[str, set[str]] = {}
    for layer in layers[1 if book_file is not None else 0:]:
        for chapter, values in layer.values.items():
            chosen_now.setdefault(chapter, set()).update(values)
    for ov in ovs:
        chosen_now.setdefault(ov.chapter, set()).add(ov.name)
    kept, notes = researcher_layers(selected, config.results_dir, chosen_now, config.reset)
    # Kept values apply after the book's file and before this run's own choices.
    layers.insert(1 if book_file is not None else 0, kept)
    declared = {c: read_declarations(chapters[c]) for c in selected}
    resolved = resolve(declared, layers, ovs, cwd=Path(cwd or Path.cwd()),
                       notebook_base=Path(config.notebooks_dir), sources_csv=config.sources_csv)
    data = hash_files(config.data_dir, DATA_SUFFIXES)
    library = hash_files(config.library_dir, (".py",), skip=NOT_ANALYSIS)
    planned = []
    for chapter in selected:
        res = resolved[chapter]
        notebook_sha = sha256_of(chapters[chapter])
        files = {name: {"path": display(path), "name": Path(path).name, "sha256": sha256_of(path)}
                 for name, path in res.files.items()}
        inputs = {"notebook": {"path": display(chapters[chapter]), "sha256": notebook_sha},
                  "parameter_files": files, "data": data, "library": library}
        material = {"format": CACHE_FORMAT, "chapter": chapter, "notebook": notebook_sha,
                    "parameters": res.values, "parameter_files": {n: f["sha256"] for n, f in files.items()},
                    "data": data, "library": library, "kernel": config.kernel_name,
                    "python": platform.python_version()}
        record = {"chapter": chapter, "parameters": res.values, "injected": res.given, "origins": res.origins,
                  "researcher": res.researcher, "inputs": inputs, "kernel": config.kernel_name,
                  "python": platform.python_version(),
                  "cache_key": hashlib.sha256(canonical(material).encode()).hexdigest()}
        planned.append(Planned(chapter, chapters[chapter], declared[chapter], res.given, record))
    the_plan = Plan(planned, notes)
    if getattr(config, "pages", None) is not None and not only:
        the_plan.pages = plan_pages(config, library)
    return the_plan


def plan_pages(config, library: dict[str, str]) -> list[Planned]:
    """A page per indicator of the catalogue, each with the cache key of the rows it reads."""
    pages: PageSet = config.pages
    declared = read_declarations(pages.template)
    by_name = {p.name: p for p in declared}
    if pages.parameter not in by_name:
        raise PlanevalError(f"{display(pages.template)} declares no parameter {pages.parameter!r}")
    digests, _, titles = rows_by_indicator(config.data_dir)
    template_sha = sha256_of(pages.template)
    planned = []
    for indicator in sorted(digests):
        values = {p.name: p.default for p in declared} | {pages.parameter: indicator}
        given = {pages.parameter: indicator}
        material = {"format": CACHE_FORMAT, "page": indicator, "notebook": template_sha, "parameters": values,
                    "rows": digests[indicator], "library": library, "kernel": config.kernel_name,
                    "python": platform.python_version()}
        inputs = {"notebook": {"path": display(pages.template), "sha256": template_sha}, "parameter_files": {},
                  "data": {"rows": digests[indicator]}, "library": library}
        record = {"chapter": indicator, "parameters": values, "injected": given,
                  "origins": {p.name: "default" for p in declared} | {pages.parameter: "the catalogue"},
                  "researcher": {}, "inputs": inputs, "kernel": config.kernel_name,
                  "python": platform.python_version(),
                  "cache_key": hashlib.sha256(canonical(material).encode()).hexdigest()}
        planned.append(Planned(indicator, pages.template, declared, given, record, results_dir=pages.results_dir,
                               output_dir=pages.output_dir, title=titles[indicator]))
    return planned


def _changed_files(old: dict, new: dict) -> list[str]:
    """Files added, removed or modified between two ``{path: sha256}`` maps."""
    return sorted(f for f in set(old) | set(new) if old.get(f) != new.get(f))


def _why_key_changed(run: dict, item: Planned) -> str:
    old, new = run.get("inputs"), item.record["inputs"]
    old = old if isinstance(old, dict) else {}
    reasons = []
    old_files = {n: f.get("sha256") for n, f in (old.get("parameter_files") or {}).items() if isinstance(f, dict)}
    new_files = {n: f["sha256"] for n, f in new["parameter_files"].items()}
    if (run.get("parameters"), old_files) != (item.record["parameters"], new_files):
        reasons.append("parameters changed")
    notebook = old.get("notebook")
    if not isinstance(notebook, dict) or notebook.get("sha256") != new["notebook"]["sha256"]:
        reasons.append("notebook changed")
    for name in ("data", "library"):
        before = old.get(name)
        if files := _changed_files(before if isinstance(before, dict) else {}, new[name]):
            reasons.append(f"{name} changed ({', '.join(files[:3])}{', ...' if len(files) > 3 else ''})")
    for name in ("kernel", "python"):
        if run.get(name) != item.record[name]:
            reasons.append(f"{name} changed ({run.get(name)} -> {item.record[name]})")
    return "; ".join(reasons) or "cache format changed"


def stale_reason(item: Planned, config) -> str | None:
    """None when the chapter's last successful run is still valid, else why it must run again."""
    results_dir = item.results_dir or config.results_dir
    path = Path(results_dir) / item.chapter / RUN_JSON
    if not path.exists():
        return "no previous run"
    run = last_run(results_dir, item.chapter)
    if run is None:
        return f"unreadable {RUN_JSON}"
    if run.get("status") != "ok":
        return "previous run did not succeed"
    if run.get("cache_key") != item.key:
        return _why_key_changed(run, item)
    output = Path(item.output_dir or config.output_dir) / f"{item.chapter}.ipynb"
    if not output.is_file():
        return "executed notebook missing"
    if sha256_of(output) != (run.get("executed_notebook") or {}).get("sha256"):
        return "executed notebook modified"
    return None


def is_cached(item: Planned, config) -> bool:
    """True when the chapter's last successful run had the same key and its executed notebook is intact."""
    return stale_reason(item, config) is None
