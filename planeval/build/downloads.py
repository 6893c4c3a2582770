"""The downloads folder of the site (``/downloads/``): every table a reader can take away, described.

It holds the data tables side by side, every chapter's results (``<chapter>/<table>.csv`` and its
charts), one Excel workbook with a sheet per table, and a ``datapackage.json`` that describes every CSV
in it, so that ``frictionless validate datapackage.json`` passes on the folder exactly as a reader
downloads it. Fields of the chapter results take their descriptions from the label catalogue and their
types from their values.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from planeval import __version__
from planeval.build.files import write_if_changed
from planeval.build.workbook import workbook_bytes
from planeval.core import paths
from planeval.data.schema import LICENSE, REPOSITORY_PATHS, data_resources
from planeval.report import labels
from planeval.report.html import both, esc
from planeval.report.results import CAPTIONS_JSON

#: The folder of the site the downloads are in (not "data": the book's exclude_patterns name the repository's
#: data/ folder, and Sphinx applies them to the extra files it copies).
#: The downloads' subfolder of the indicators' rows (one file per indicator page).
INDICATORS = "indicators"
FOLDER = "downloads"
WORKBOOK = "planeval_tables.xlsx"
DATAPACKAGE = "datapackage.json"
#: The data tables, by resource name: where each is in the repository, and its name in the downloads.
DATA_TABLES = {name: (paths.DATA / path, Path(path).name) for name, path in REPOSITORY_PATHS.items()}
_INTEGER = re.compile(r"-?\d+\Z")


@dataclass(frozen=True)
class Download:
    """One file of the downloads folder, as the downloads page lists it."""

    path: str  # relative to the downloads folder
    title: str | labels.Label
    description: str | labels.Label
    size: int
    rows: int | None  # data rows of a CSV


def _finished_chapters(results_dir: Path) -> list[Path]:
    """Result folders of chapters whose last run succeeded (a chapter whose notebook is gone has none)."""
    out = []
    for folder in sorted(Path(results_dir).glob("*/")) if Path(results_dir).is_dir() else []:
        try:
            run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if run.get("status") == "ok":
            out.append(folder)
    return out


def _rows(data: bytes) -> int:
    return max(0, sum(1 for _ in csv.reader(data.decode("utf-8").splitlines())) - 1)


def _field_type(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    if present and all(_INTEGER.match(v) for v in present):
        return "integer"
    try:
        for v in present:
            float(v)
    except ValueError:
        return "string"
    return "number" if present else "string"


def result_resource(chapter: str, name: str, data: bytes) -> dict:
    """A Frictionless resource for one table of a chapter's results, its schema read from the table."""
    reader = list(csv.reader(data.decode("utf-8").splitlines()))
    header, body = (reader[0], reader[1:]) if reader else ([], [])
    fields = []
    for i, column in enumerate(header):
        label = labels.header(column) if labels.has_label(column) or column in labels.COLUMNS else None
        fields.append({"name": column, "type": _field_type([row[i] for row in body if i < len(row)]),
                       "description": label.both(" / ") if label else column})
    return {"name": f"{chapter}-{name}".lower().replace("_", "-"), "path": f"{chapter}/{name}.csv",
            "title": f"{chapter}: {name}", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields, "missingValues": [""]}}


def collect(files_dir: Path, results_dir: Path = paths.RESULTS, pages_dir: Path | None = None) -> list[Download]:
    """Write the downloads folder ``<files_dir>/downloads`` and return what it holds (stale files removed)."""
    folder = Path(files_dir) / FOLDER
    items: list[Download] = []
    tables: list[tuple[str, Path]] = []
    key = hashlib.sha256(Path(__file__).read_bytes() + b"\0" + __version__.encode())  # the workbook's inputs
    resources = {r["name"]: r for r in data_resources({n: name for n, (_, name) in DATA_TABLES.items()})}

    def put(relative: str, data: bytes, title: str | labels.Label, description: str | labels.Label) -> None:
        target = write_if_changed(folder / relative, data)
        is_csv = relative.endswith(".csv")
        items.append(Download(relative, title, description, len(data), _rows(data) if is_csv else None))
        if is_csv:
            tables.append((relative.replace("/", "__").removesuffix(".csv"), target))
            key.update(b"\0" + relative.encode() + b"\0" + data)

    for name, (source, download) in DATA_TABLES.items():
        resource = resources[name]
        put(download, source.read_bytes(), labels.Label(resource["title_zh"], resource["title"]),
            labels.Label(resource["description_zh"], resource["description"]))
    result_resources = []
    for chapter_folder in _finished_chapters(results_dir):
        chapter = chapter_folder.name
        captions_file = chapter_folder / CAPTIONS_JSON
        captions = json.loads(captions_file.read_text(encoding="utf-8")) if captions_file.is_file() else {}
        for file in sorted(chapter_folder.iterdir()):
            if file.suffix in (".csv", ".png"):
                data = file.read_bytes()
                caption = captions.get(file.name) or file.stem
                if isinstance(caption, dict):
                    caption = labels.Label(caption["zh"], caption["en"])
                put(f"{chapter}/{file.name}", data, caption, f"chapter {chapter}")
                if file.suffix == ".csv":
                    result_resources.append(result_resource(chapter, file.stem, data))
    for page in _finished_chapters(pages_dir) if pages_dir is not None else []:
        # An indicator's rows (its targets, observations and reported values), one file each; not in the
        # workbook, whose sheets are the data tables and the chapters' tables.
        data = (page / "rows.csv").read_bytes()
        write_if_changed(folder / INDICATORS / f"{page.name}.csv", data)
        names = next(csv.DictReader(io.StringIO((page / "about.csv").read_text(encoding="utf-8"))))
        items.append(Download(f"{INDICATORS}/{page.name}.csv", names["indicator_zh"],
                              f"{names['indicator_en']}: its targets, observations and reported values", len(data),
                              _rows(data)))
        resource = result_resource("indicators", page.name, data)
        result_resources.append(resource | {"name": f"indicator-{page.name}", "title": f"indicator {page.name}"})
    package = {"profile": "tabular-data-package", "name": "planeval-downloads", "version": __version__,
               "title": "planeval: every table of the book", "licenses": [LICENSE],
               "resources": list(resources.values()) + result_resources}
    put(DATAPACKAGE, (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode(),
        "数据包描述 Data package", "describes every CSV here (types, allowed values, keys): frictionless validate")
    workbook = folder / WORKBOOK
    # The stamp sits beside the files folder, not in it: the site copies the files folder whole.
    stamp, digest = Path(files_dir).parent / f"{WORKBOOK}.inputs.sha256", key.hexdigest()
    # Writing the workbook takes longer than everything else here: it is rewritten only when a table, or
    # the code that writes it, changed since the last time.
    if not (workbook.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == digest):
        write_if_changed(workbook, workbook_bytes(tables))
        stamp.write_text(digest, encoding="utf-8")
    items.append(Download(WORKBOOK, "全部表格 Every table (Excel)", "one sheet per table",
                          workbook.stat().st_size, None))
    keep = {folder / item.path for item in items}
    for stale in sorted(folder.rglob("*"), reverse=True):
        if stale.is_file() and stale not in keep:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return items


def _size(n: int) -> str:
    return f"{n / 1024:,.1f} KB" if n >= 1024 else f"{n} B"


def _description(description: str | labels.Label) -> str:
    """What a file holds, under its title: in both languages when it has a Chinese twin, else for the English
    edition only (the title says it in Chinese)."""
    if isinstance(description, labels.Label):
        return both(description)
    return f"<span class='planeval-en'>{esc(description)}</span>"


def downloads_html(items: list[Download], link_prefix: str = f"../{FOLDER}/") -> str:
    """The downloads page's table: each file with what it holds, its rows and its size; the indicators' files
    (one per indicator) in a second table, folded."""
    def table(shown: list[Download]) -> str:
        rows = "".join(
            f"<tr><td><a href='{esc(link_prefix + item.path)}'>{esc(item.path)}</a></td><td>{both(item.title)}"
            f"<br>{_description(item.description)}</td>"
            f"<td>{'' if item.rows is None else f'{item.rows:,}'}</td><td>{esc(_size(item.size))}</td></tr>"
            for item in shown)
        head = "".join(f"<th>{both(labels.Label(zh, en))}</th>" for zh, en in
                       (("文件", "file"), ("内容", "what it holds"), ("行数", "rows"), ("大小", "size")))
        return ("<div class='planeval-table-wrap'><table class='table planeval-table'><thead><tr>"
                f"{head}</tr></thead><tbody>{rows}</tbody></table></div>\n")

    indicators = [item for item in items if item.path.startswith(f"{INDICATORS}/")]
    out = table([item for item in items if item not in indicators])
    if indicators:
        summary = both(labels.Label(f"每个指标的数据（{len(indicators)} 个文件）",
                                    f"The rows of each indicator ({len(indicators)} files)"))
        out += f"<details class='planeval-more'><summary>{summary}</summary>{table(indicators)}</details>\n"
    return out
