"""Normalise executed notebooks so stored outputs are stable across runs.

Removes papermill and timing metadata and the Python patch version;
keeps outputs and execution counts.
"""

from __future__ import annotations

VOLATILE_CELL_KEYS = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")
VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets")


def normalize_notebook(nb):
    """Return ``nb`` (modified in place) without volatile metadata."""
    for key in VOLATILE_NOTEBOOK_KEYS:
        nb.metadata.pop(key, None)
    nb.metadata.get("language_info", {}).pop("version", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                 "language": "python", "name": "python3"}
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.get("metadata", {}).pop("papermill", None)
    return nb


def volatile_metadata(nb) -> list[str]:
    """Names of volatile metadata still present in ``nb`` (empty when normalised)."""
    found = [f"notebook.{k}" for k in VOLATILE_NOTEBOOK_KEYS if k in nb.metadata]
    if "version" in nb.metadata.get("language_info", {}):
        found.append("notebook.language_info.version")
    for i, cell in enumerate(nb.cells, 1):
        found += [f"cell {i}.{k}" for k in VOLATILE_CELL_KEYS if k in cell.metadata]
    return found
