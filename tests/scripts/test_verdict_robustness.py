"""scripts/verdict_robustness.py: comparison, table and exit status on hand-made notebooks."""

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "verdict_robustness", ROOT / "scripts" / "verdict_robustness.py")
vr = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = vr  # dataclasses look their module up there
_spec.loader.exec_module(vr)

SANITIZERS = vr.load_sanitizers(ROOT / "tests" / "nbval_sanitize.cfg")


def notebook(checked_text="params: 1234\n", unchecked_text="loss 0.6931\n",
             checked_source="# NBVAL_CHECK_OUTPUT\nprint(n)", result="(28, 28)"):
    """A notebook with a checked cell (stream + result), an unchecked cell and a plain one."""
    checked = new_code_cell(checked_source, outputs=[
        new_output("stream", name="stdout", text=checked_text),
        new_output("execute_result", data={"text/plain": result, "image/png": "AAAA"},
                   execution_count=1)])
    unchecked = new_code_cell("print(loss)", outputs=[
        new_output("stream", name="stdout", text=unchecked_text)])
    return new_notebook(cells=[new_code_cell("SEED = 42"), checked, unchecked])


def test_sanitizers_are_read_from_the_cfg():
    assert vr.sanitize("took 1.3 s at 0xdeadbeef", SANITIZERS) == "took TIME at ADDRESS"


def test_identical_checked_outputs_give_no_difference():
    assert vr.compare(notebook(), notebook(), SANITIZERS) == []


def test_injected_parameters_cell_does_not_shift_cell_indices():
    executed = notebook()
    injected = new_code_cell("SEED = 3", metadata={"tags": ["injected-parameters"]})
    executed.cells.insert(1, injected)
    assert vr.compare(notebook(), executed, SANITIZERS) == []


def test_changed_number_in_checked_cell_is_one_difference_naming_the_cell():
    diffs = vr.compare(notebook(), notebook(checked_text="params: 1235\n"), SANITIZERS,
                       lesson="03_training", seed=2)
    assert [(d.lesson, d.seed, d.cell, d.what) for d in diffs] == [("03_training", 2, 1, "output")]
    assert "-params: 1234" in diffs[0].diff() and "+params: 1235" in diffs[0].diff()


def test_changed_text_plain_result_is_a_difference():
    assert len(vr.compare(notebook(), notebook(result="(28, 29)"), SANITIZERS)) == 1


def test_change_only_in_unchecked_cell_gives_none():
    assert vr.compare(notebook(), notebook(unchecked_text="loss 0.1\n"), SANITIZERS) == []


def test_change_only_in_a_timing_is_sanitized():
    stored, executed = notebook("done in 1.3 s\n"), notebook("done in 2.0 s\n")
    assert vr.compare(stored, executed, SANITIZERS) == []
    assert len(vr.compare(stored, executed, [])) == 1  # the sanitizer is what hides it


def test_image_outputs_are_ignored():
    executed = notebook()
    executed.cells[1].outputs[1].data["image/png"] = "BBBB"
    assert vr.compare(notebook(), executed, SANITIZERS) == []


def test_changed_source_of_checked_cell_is_reported():
    executed = notebook(checked_source="# NBVAL_CHECK_OUTPUT\nprint(n + 1)")
    diffs = vr.compare(notebook(), executed, SANITIZERS)
    assert [(d.cell, d.what) for d in diffs] == [(1, "source")]


def test_table_marks_ok_diff_and_error():
    diff = vr.Difference("00", 1, 1, "output", "a", "b")
    results = {"00_welcome": {0: {"error": None, "differences": []},
                              1: {"error": None, "differences": [diff]},
                              2: {"error": "ValueError: boom", "differences": []}}}
    row = vr.format_table(results, [0, 1, 2]).splitlines()[-1].split()
    assert row == ["00_welcome", "ok", "1", "diff", "error"]


@pytest.mark.parametrize("changed, code", [(False, 0), (True, 1)])
def test_main_exit_status_follows_differences(monkeypatch, tmp_path, changed, code):
    def fake_execute(src, dst, seed, mode):
        nb = nbformat.read(src, as_version=4)
        if changed and seed == 1:
            for cell in nb.cells:
                if vr.is_checked(cell) and cell.outputs:
                    cell.outputs = [new_output("stream", name="stdout", text="different\n")]
                    break
        nbformat.write(nb, dst)

    monkeypatch.setattr(vr, "execute", fake_execute)
    assert vr.main(["--only", "00", "--seeds", "0", "1", "--out", str(tmp_path)]) == code
    report = (tmp_path / "robustness.json").read_text()
    assert ('"status": "1 diff"' in report) is changed


def test_main_reports_a_raising_lesson_as_error(monkeypatch, tmp_path, capsys):
    def failing_execute(src, dst, seed, mode):
        raise RuntimeError("kernel died")

    monkeypatch.setattr(vr, "execute", failing_execute)
    assert vr.main(["--only", "00", "--seeds", "0", "--out", str(tmp_path)]) == 1
    assert "error: RuntimeError: kernel died" in capsys.readouterr().out
