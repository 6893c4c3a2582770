"""Reader-facing touches to the executed chapters before the site is built."""

from __future__ import annotations

from pathlib import Path

import nbformat

HIDDEN = "remove-cell"


def hide_injected_parameters(nb: nbformat.NotebookNode) -> bool:
    """Tag papermill's injected-parameters cell ``remove-cell``: the chapter's own 'parameters used' box
    shows the values to readers. Returns whether the notebook changed (idempotent)."""
    changed = False
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags and HIDDEN not in tags:
            cell.metadata["tags"] = [*tags, HIDDEN]
            changed = True
    return changed


def prepare_chapters(folder: Path) -> list[Path]:
    """Apply the touches to every executed chapter in ``folder``; returns the notebooks changed."""
    changed = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if hide_injected_parameters(nb):
            nbformat.write(nb, path)
            changed.append(path)
    return changed
