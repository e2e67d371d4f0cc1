"""The headless course runner (tools/run_course.py): one lesson, the tables, --only, --store."""

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from tools import run_course
from tools.normalize import volatile_metadata

ROOT = Path(__file__).resolve().parents[2]


def tiny_lesson(path):
    """A lesson that needs no TensorFlow: a parameters cell and a cell that records a result."""
    nb = new_notebook(cells=[
        new_code_cell('MODE = "standard"', metadata={"tags": ["parameters"]}),
        new_code_cell(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                      "from course_utils import report\n"
                      'report.record("x", 1)\nreport.record("mode", MODE)'),
    ])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": "python3"}
    nbformat.write(nb, path)
    return path


def test_write_tables_reports_time_budget_and_results(tmp_path):
    rows = [{"lesson": "00_a", "seconds": 12.3, "results": {"acc": 0.9, "name": "生成器"}},
            {"lesson": "01_b", "seconds": 75.0, "results": {}}]
    run_course.write_tables(rows, tmp_path, "quick", elapsed=90.04)  # budget 60 s
    assert json.loads((tmp_path / "results.json").read_text()) == {
        "mode": "quick", "jobs": 1, "lessons": rows, "elapsed_s": 90.0}
    md = (tmp_path / "results.md").read_text()
    assert "| 00_a | 12.3 | yes | `acc` = 0.9<br>`name` = \"生成器\" |" in md
    assert "| 01_b | 75.0 | **no** | — |" in md
    assert "Total: 87.3 s for 2 lessons." in md and "Elapsed: 90.0 s" in md
    run_course.write_tables(rows, tmp_path, "full")  # no budget
    assert "| 01_b | 75.0 | — | — |" in (tmp_path / "results.md").read_text()
    run_course.write_tables(rows, tmp_path, "quick", jobs=2)  # times under another's load
    md = (tmp_path / "results.md").read_text()
    assert "| 01_b | 75.0 | — | — |" in md and "ran 2 at a time" in md
    assert "Elapsed" not in md


@pytest.mark.notebook
def test_run_lesson_executes_and_returns_time_and_results(tmp_path, monkeypatch):
    src = tiny_lesson(tmp_path / "00_tiny.ipynb")
    results_file = tmp_path / "results" / "00_tiny.json"
    monkeypatch.setenv(run_course.RESULTS_FILE_ENV, "")  # run_lesson sets it; undone after
    results_file.parent.mkdir()
    results_file.write_text('{"stale": true}')  # a previous run's file is not reused
    seconds, results = run_course.run_lesson(src, tmp_path / "out.ipynb", "quick", results_file)
    assert seconds > 0
    assert results == {"x": 1, "mode": "quick"}
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in executed.cells)


def test_run_lesson_asks_the_kernel_for_a_quiet_log(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setenv(run_course.RESULTS_FILE_ENV, "")
    monkeypatch.setattr(run_course.papermill, "execute_notebook",
                        lambda *args, **kwargs: calls.append(kwargs))
    run_course.run_lesson(tmp_path / "a.ipynb", tmp_path / "b.ipynb", "standard",
                          tmp_path / "r.json")
    assert calls[0]["parameters"] == {}  # standard is the stored default: nothing injected
    assert calls[0]["extra_arguments"] == ["--IPKernelApp.log_level=CRITICAL"]


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A fake checkout with three lessons, and a run_lesson that only copies the notebook."""
    (tmp_path / "notebooks").mkdir()
    for name in ("00_a", "01_b", "02_c"):
        tiny_lesson(tmp_path / "notebooks" / f"{name}.ipynb")
    ran = []

    def fake_run(src, dst, mode, results_file):
        ran.append((src.stem, mode))
        nb = nbformat.read(src, as_version=4)
        nb.metadata["papermill"] = {"parameters": {"MODE": mode}}
        nb.cells[0].metadata["execution"] = {"iopub.status.idle": "now"}
        nbformat.write(nb, dst)
        threads = os.environ.get("TF_NUM_INTRAOP_THREADS")
        return 1.5, {"lesson": src.stem} | ({"threads": threads} if threads else {})

    monkeypatch.setattr(run_course, "ROOT", tmp_path)
    monkeypatch.setattr(run_course, "run_lesson", fake_run)
    for var in run_course.THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    return tmp_path, ran


def test_main_only_runs_the_matching_lessons(course, capsys):
    root, ran = course
    assert run_course.main(["--mode", "quick", "--out", "build/x", "--only", "01"]) == 0
    assert ran == [("01_b", "quick")]
    assert (root / "build" / "x" / "01_b.ipynb").exists()
    table = json.loads((root / "build" / "results.json").read_text())
    assert table == {"mode": "quick", "jobs": 1,
                     "lessons": [{"lesson": "01_b", "seconds": 1.5,
                                  "results": {"lesson": "01_b"}}]}
    out = capsys.readouterr().out
    assert "[1/1] 01_b (quick) done in 1.5 s" in out and "Wrote build/x/" in out


def test_main_only_updates_the_table_of_an_earlier_run_of_the_same_mode(course):
    root, ran = course
    assert run_course.main(["--mode", "quick", "--out", "build/x"]) == 0
    table = json.loads((root / "build" / "results.json").read_text())
    table["lessons"][1]["seconds"] = 99.0  # 01_b as the earlier run measured it
    table["lessons"][0]["seconds"] = 7.0
    (root / "build" / "results.json").write_text(json.dumps(table))
    assert run_course.main(["--mode", "quick", "--out", "build/x", "--only", "01"]) == 0
    rows = json.loads((root / "build" / "results.json").read_text())["lessons"]
    assert [(r["lesson"], r["seconds"]) for r in rows] == [("00_a", 7.0), ("01_b", 1.5),
                                                           ("02_c", 1.5)]
    assert run_course.main(["--mode", "standard", "--out", "build/x", "--only", "02"]) == 0
    rows = json.loads((root / "build" / "results.json").read_text())["lessons"]
    assert [r["lesson"] for r in rows] == ["02_c"]  # another mode's table is not mixed in


def test_main_rejects_an_only_that_matches_nothing_and_store_outside_standard(course):
    root, ran = course
    with pytest.raises(SystemExit) as exit_:
        run_course.main(["--only", "99"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit):
        run_course.main(["--mode", "quick", "--store"])
    assert ran == []


def test_main_store_normalises_and_copies_back(course, tmp_path_factory):
    root, ran = course
    out = tmp_path_factory.mktemp("executed")
    assert run_course.main(["--out", str(out), "--only", "00", "--store"]) == 0
    assert ran == [("00_a", "standard")]
    assert volatile_metadata(nbformat.read(out / "00_a.ipynb", as_version=4)) != []
    assert volatile_metadata(nbformat.read(root / "notebooks" / "00_a.ipynb", as_version=4)) == []


def test_main_with_jobs_runs_every_lesson_in_worker_processes_longest_first(course, capsys,
                                                                            monkeypatch):
    root, ran = course
    submitted, real_execute = [], run_course.execute

    def spy(tasks, jobs):
        submitted.extend(src.stem for src, *_ in tasks)
        return real_execute(tasks, jobs)

    monkeypatch.setattr(run_course, "execute", spy)
    monkeypatch.setattr(run_course, "usable_cores", lambda: 4)
    (root / "build").mkdir()
    last = [{"lesson": name, "seconds": s, "results": {}}
            for name, s in (("00_a", 1.0), ("01_b", 9.0), ("02_c", 5.0))]
    (root / "build" / "results.json").write_text(json.dumps({"mode": "quick", "lessons": last}))
    assert run_course.main(["--mode", "quick", "--out", "build/x", "--jobs", "2"]) == 0
    assert ran == []  # the lessons ran in the worker processes, not in this one
    assert submitted == ["01_b", "02_c", "00_a"]  # by the last run's times, longest first
    table = json.loads((root / "build" / "results.json").read_text())
    assert table["jobs"] == 2 and table["elapsed_s"] >= 0
    assert [(r["lesson"], r["results"]) for r in table["lessons"]] == [  # 4 cores, 2 jobs
        (name, {"lesson": name, "threads": "2"}) for name in ("00_a", "01_b", "02_c")]
    assert all((root / "build" / "x" / f"{name}.ipynb").exists()
               for name in ("00_a", "01_b", "02_c"))
    assert "3 lesson(s), mode quick, 2 at a time" in capsys.readouterr().out


def test_execute_submits_in_the_given_order_and_previous_seconds_reads_one_mode(tmp_path,
                                                                                monkeypatch):
    done = []
    monkeypatch.setattr(run_course, "run_lesson", lambda *task: done.append(task) or (0.1, {}))
    tasks = [("b", 1), ("a", 2)]
    assert [task for task, _ in run_course.execute(tasks, 1)] == tasks and done == tasks
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"mode": "quick", "lessons": [{"lesson": "00_a", "seconds": 2}]}))
    assert run_course.previous_seconds(path, "quick") == {"00_a": 2.0}
    assert run_course.previous_seconds(path, "standard") == {}
    path.write_text("not json")
    assert run_course.previous_seconds(path, "quick") == {}


def test_main_rejects_fewer_than_one_job(course):
    with pytest.raises(SystemExit) as exit_:
        run_course.main(["--jobs", "0"])
    assert exit_.value.code == 2
