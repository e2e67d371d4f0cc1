"""Every lesson runs top to bottom in quick mode (papermill, fresh kernel)."""

import json
from pathlib import Path

import papermill
import pytest

from course_utils.report import RESULTS_FILE_ENV

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_runs_in_quick_mode_and_records_results(path, tmp_path, monkeypatch):
    results = tmp_path / "results.json"
    monkeypatch.setenv(RESULTS_FILE_ENV, str(results))
    out = papermill.execute_notebook(str(path), str(tmp_path / path.name),
                                     parameters={"MODE": "quick"}, kernel_name="python3",
                                     cwd=str(path.parent), progress_bar=False)
    for cell in out.cells:
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", output.get("text")
    assert json.loads(results.read_text()), "the lesson recorded no results"
