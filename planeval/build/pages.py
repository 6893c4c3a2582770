"""Reader-facing touches to the executed chapters before the site is built."""

from __future__ import annotations

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
        if "injected-parameters" in tags and cell.get("id", "injected-parameters") != "injected-parameters":
            # papermill gives the cell a random id: a fixed one keeps the same inputs giving the same bytes.
            cell["id"] = "injected-parameters"
            changed = True
    return changed
