"""The catalogues people translate: ``book/locales/<language>/LC_MESSAGES/book.po`` (see ``editions``).

``planeval translations update`` extracts every message of the hand-written text (Markdown pages, the
narrative cells of the chapter notebooks and of the indicator template) with Sphinx's gettext builder and
merges them into the catalogues with sphinx-intl: new messages arrive untranslated, edited ones fuzzy,
translations of unchanged ones are kept. ``planeval translations check`` prints each catalogue's statistics
and exits 1 while any message is untranslated or fuzzy (the tests run it).

The messages come from the sources alone, never from a build: the notebooks are read unexecuted and the
generated pieces the pages include are empty, so that nothing computed from the data (indicator names,
tables, counts) enters a catalogue people maintain. Computed text is translated by the label catalogue.

In the English catalogue, a message with no Chinese in it is its own translation: the source is English.
"""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planeval.build.editions import DOMAIN, EDITIONS, GENERATED_LOCALES, Edition, catalogue_path
from planeval.core import paths

#: A fixed date in the generated catalogues' headers: the same data give the same bytes.
_EPOCH = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
#: Where the extracted template (``book.pot``) is written.
EXTRACTED = paths.BUILD / "gettext"


def _extraction_source(root: Path, notebooks: Path, into: Path) -> Path:
    """A copy of the book whose chapters are the unexecuted notebooks, whose indicator pages are the one
    template and whose generated includes are empty."""
    from planeval.build.book import copy_sources

    layout = copy_sources(into)
    book = layout.root / "book"
    (book / "chapters").mkdir(exist_ok=True)
    (book / "indicators").mkdir(exist_ok=True)
    for notebook in sorted(Path(notebooks).glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(notebook, book / "chapters" / notebook.name)
    shutil.copy2(Path(notebooks) / "indicator.ipynb", book / "indicators" / "indicator.ipynb")
    generated = book / "_generated"
    for page in sorted(book.glob("*.md")):
        for include in re.findall(r"```\{include\}\s+(_generated/\S+)", page.read_text(encoding="utf-8")):
            target = book / include
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("", encoding="utf-8")
    (generated / "files").mkdir(parents=True, exist_ok=True)
    (generated / "jieba_dict.txt").write_text("", encoding="utf-8")
    return layout.root


def extract(root: Path = paths.ROOT, notebooks: Path = paths.NOTEBOOKS, out: Path = EXTRACTED) -> Path:
    """Write ``out/book.pot``, the messages of the hand-written text; returns its path."""
    with tempfile.TemporaryDirectory(prefix="planeval-gettext-") as tmp:
        source = _extraction_source(root, notebooks, Path(tmp))
        work = Path(tmp) / "gettext"
        command = [sys.executable, "-m", "planeval.build.sphinx", "--builder", "gettext", "--source", str(source),
                   "--output", str(work)]
        proc = subprocess.run(command, capture_output=True, text=True, cwd=source)
        pot = work / f"{DOMAIN}.pot"
        if not pot.is_file():
            raise RuntimeError(f"the gettext builder wrote no {pot.name} (exit {proc.returncode}): "
                               f"{proc.stderr.strip()[-500:]}")
        Path(out).mkdir(parents=True, exist_ok=True)
        target = Path(out) / pot.name
        target.write_bytes(_without_temporary_paths(pot.read_bytes(), source))
    return target


def _without_temporary_paths(pot: bytes, source: Path) -> bytes:
    """Locations relative to the book's root and no creation date, so that the same sources give the same
    template wherever they are extracted."""
    text = pot.decode("utf-8")
    text = re.sub(r"#: [^\n]*", lambda m: re.sub(r"\S*?book-root/", "", m.group(0)), text)
    text = re.sub(r'"POT-Creation-Date: [^"]*"\n', "", text)
    return text.encode("utf-8")


def update(root: Path = paths.ROOT, notebooks: Path = paths.NOTEBOOKS) -> list[Path]:
    """Extract, then merge into every edition's catalogue (sphinx-intl); returns the catalogues."""
    from sphinx_intl import basic

    pot = extract(root, notebooks)
    locale_dir = catalogue_path(root, EDITIONS[0]).parents[2]
    basic.update(str(locale_dir), str(pot.parent), [e.language for e in EDITIONS], jobs=1)
    for edition in EDITIONS:
        _own_translations(catalogue_path(root, edition), edition)
    return [catalogue_path(root, e) for e in EDITIONS]


def _needs_translation(message: str, edition: Edition) -> bool:
    """False for a message that is already in the edition's language (English with no Chinese in it, for the
    English edition; no Latin letter in it, for the Chinese one)."""
    if edition.code == "en":
        return bool(HAN.search(message))
    return bool(LATIN.search(message))


def _own_translations(path: Path, edition: Edition) -> None:
    """Give each message already in the edition's language itself as translation."""
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as f:
        po = read_po(f, locale=edition.language)
    changed = False
    for message in po:
        if message.id and not message.string and not _needs_translation(message.id, edition):
            message.string, changed = message.id, True
    if changed:
        with open(path, "wb") as f:
            write_po(f, po, width=0, omit_header=False, include_previous=False)


def write_generated_catalogues(root_generated: Path, messages: dict[str, dict[str, str]]) -> list[Path]:
    """Write the catalogues of text computed from the data (``messages``: source text -> edition code ->
    translation) under ``root_generated/locales``, unless unchanged (so that Sphinx, which rebuilds every
    page when a catalogue changes, rebuilds nothing when the data did not change)."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from planeval.build.files import write_if_changed

    written = []
    for edition in EDITIONS:
        po = Catalog(locale=edition.language, project="planeval", creation_date=_EPOCH, revision_date=_EPOCH,
                     fuzzy=False)
        for source, translations in sorted(messages.items()):
            po.add(source, translations[edition.code])
        buffer = io.BytesIO()
        write_po(buffer, po, width=0, omit_header=False, sort_output=True)
        # The header names babel's version; the catalogue's content is what matters.
        text = re.sub(r'"Generated-By: [^"]*"\n', "", buffer.getvalue().decode("utf-8"))
        # root_generated is the book's _generated folder: its catalogues are GENERATED_LOCALES of the book.
        path = catalogue_path(Path(root_generated), edition, Path(GENERATED_LOCALES.name))
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_if_changed(path, text))
    return written


@dataclass(frozen=True)
class Statistics:
    """How much of a catalogue is translated."""

    translated: int
    fuzzy: int
    untranslated: int

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def statistics(path: Path) -> Statistics:
    """Count the translated, fuzzy and untranslated messages of a ``.po`` file."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        po = read_po(f)
    messages = [m for m in po if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    untranslated = sum(1 for m in messages if not m.fuzzy and not m.string)
    return Statistics(len(messages) - fuzzy - untranslated, fuzzy, untranslated)


def check(root: Path = paths.ROOT) -> int:
    """Print each catalogue's statistics; 0 when all are complete, 1 otherwise."""
    status = 0
    for edition in EDITIONS:
        path = catalogue_path(root, edition)
        if not path.is_file():
            print(f"error: {path.relative_to(root)} is missing; run planeval translations update", file=sys.stderr)
            status = 1
            continue
        stats = statistics(path)
        print(f"{path.relative_to(root)}: {stats.translated} translated, {stats.fuzzy} fuzzy, "
              f"{stats.untranslated} untranslated")
        status |= 0 if stats.complete else 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planeval translations", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("update", "check"),
                        help="update: extract the messages and merge them into the catalogues; "
                             "check: print their statistics (exit 1 while any is untranslated or fuzzy)")
    args = parser.parse_args(argv)
    if args.action == "update":
        for path in update():
            print(f"updated {path.relative_to(paths.ROOT)}")
    return check()


if __name__ == "__main__":
    sys.exit(main())
