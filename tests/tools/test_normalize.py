"""Normalising executed notebooks (tools/normalize.py), and the stored lessons are normalised."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.normalize import normalize_notebook, volatile_metadata

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def executed_notebook():
    """A notebook as papermill leaves it: timing, papermill and widget metadata everywhere."""
    out = new_output("display_data", data={"text/plain": "42"},
                     metadata={"papermill": {"x": 1}, "keep": True})
    code = new_code_cell("print(42)", execution_count=1, outputs=[out], metadata={
        "papermill": {"duration": 0.1, "status": "completed"},
        "execution": {"iopub.execute_input": "2024-01-01T00:00:00Z"},
        "ExecuteTime": {"end_time": "2024-01-01T00:00:01Z"},
        "scrolled": True,
        "tags": ["parameters"],
    })
    prose = new_markdown_cell("# Title", metadata={"collapsed": False, "tags": ["lang-en"]})
    nb = new_notebook(cells=[prose, code])
    nb.metadata.update({
        "papermill": {"parameters": {"MODE": "quick"}},
        "widgets": {"application/vnd.jupyter.widget-state+json": {}},
        "language_info": {"name": "python", "version": "3.11.7"},
        "kernelspec": {"display_name": "venv", "language": "python", "name": "python3"},
    })
    return nb


def test_volatile_metadata_lists_what_a_run_leaves():
    assert volatile_metadata(executed_notebook()) == [
        "notebook.papermill",
        "notebook.widgets",
        "notebook.language_info.version",
        "cell 1.collapsed",
        "cell 2.papermill",
        "cell 2.execution",
        "cell 2.ExecuteTime",
        "cell 2.scrolled",
    ]


def test_normalize_removes_volatile_metadata_and_keeps_outputs():
    nb = normalize_notebook(executed_notebook())
    assert volatile_metadata(nb) == []
    assert nb.metadata.language_info == {"name": "python"}
    assert nb.metadata.kernelspec["name"] == "python3"
    assert nb.metadata.kernelspec["display_name"] == "Python 3 (ipykernel)"
    code = nb.cells[1]
    assert code.execution_count == 1
    assert [o.data for o in code.outputs] == [{"text/plain": "42"}]
    assert code.outputs[0].metadata == {"keep": True}
    assert code.metadata == {"tags": ["parameters"]}
    assert nb.cells[0].metadata == {"tags": ["lang-en"]}
    nbformat.validate(nb)


def test_normalize_is_idempotent():
    once = normalize_notebook(executed_notebook())
    assert normalize_notebook(nbformat.from_dict(dict(once))) == once


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_notebook_is_normalised(path):
    assert volatile_metadata(nbformat.read(path, as_version=4)) == []
