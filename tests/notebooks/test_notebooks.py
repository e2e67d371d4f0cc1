"""Checks of the stored lessons: anatomy, bilingual twins, clean normalised outputs."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from tools import colab_links
from tools.bilingual import is_exempt, lint_notebook

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]


def test_the_course_has_lessons_named_in_order():
    assert len(NOTEBOOKS) >= 2
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+", p.stem) for p in NOTEBOOKS)


@pytest.fixture(params=NOTEBOOKS, ids=IDS)
def nb(request):
    notebook = nbformat.read(request.param, as_version=4)
    notebook.path = request.param
    return notebook


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_every_prose_cell_has_its_twin(nb):
    assert lint_notebook(nb) == []


def test_stored_notebook_is_executed_in_order(nb):
    counts = [c.execution_count for c in _code(nb)]
    assert None not in counts, "a code cell was stored without being run: run `make notebooks`"
    assert counts == list(range(1, len(counts) + 1))


def test_stored_outputs_hold_no_error_no_stderr_no_warning(nb):
    for i, cell in enumerate(_code(nb), 1):
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error"
            assert out.get("name") != "stderr", f"code cell {i} stored stderr: {out.get('text')}"
            text = json.dumps(out.get("data", {})) + out.get("text", "")
            assert "Warning" not in text, f"code cell {i} stored a warning"


def test_parameters_cell_has_mode_seed_lang_as_colab_params(nb):
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    for name in ("MODE", "SEED", "LANG"):
        assert re.search(rf"^{name} = .*#@param", cells[0].source, re.M), name


def test_lesson_starts_with_badge_colab_set_up_parameters_and_setup(nb):
    repo_url = colab_links.repository_url()
    assert colab_links.badge_markdown(nb.path.name, repo_url) in nb.cells[0].source
    first, parameters, setup = _code(nb)[:3]
    assert first.source == colab_links.guard_source(repo_url), (
        "the first code cell is not the current Colab set-up: run tools/colab_links.py"
    )
    assert "parameters" in parameters.metadata.get("tags", [])
    assert "course_utils.setup(" in setup.source


def test_lesson_has_exercises_quiz_widget_and_results(nb):
    source = "\n".join(c.source for c in _code(nb))
    assert source.count("# START YOUR CODE") >= 2
    assert "Quiz(" in source
    assert "report.record(" in source


WIDGET = re.compile(r"\bQuiz\(|\bquiz_from_list\(|(?<!plt)\.show\(\)")


def test_every_lesson_has_widgets_and_none_is_output_checked(nb):
    widget_cells = [c for c in _code(nb) if WIDGET.search(c.source)]
    assert widget_cells, "a lesson needs at least one widget (a quiz or a playground)"
    for cell in widget_cells:
        assert "# NBVAL_CHECK_OUTPUT" not in cell.source, cell.source[:80]


def test_the_widget_pattern_tells_widgets_from_figures():
    assert WIDGET.search("GANLab(target='ring').show()")
    assert WIDGET.search("Quiz('Why?', ['a', 'b'], 0)")
    assert not WIDGET.search("plt.show()")


SILENT_CALLS = {"print", "report.claim", "display", "plt.show", "plt.close"}


def test_checked_cells_do_not_rely_on_a_semicolon_to_stay_silent(nb):
    """nbval runs cells without IPython's history, where a trailing ``;`` does not silence a
    last expression: a checked cell must end with a statement, or a call that returns None."""
    import ast

    for i, cell in enumerate(_code(nb), 1):
        if "# NBVAL_CHECK_OUTPUT" not in cell.source:
            continue
        last = ast.parse(cell.source).body[-1]
        if isinstance(last, ast.Expr):
            call = ast.unparse(last.value.func) if isinstance(last.value, ast.Call) else None
            assert call in SILENT_CALLS, f"code cell {i} ends with an expression: assign it"


def test_no_cell_shows_the_raw_value_of_a_record(nb):
    """``report.record`` returns what it keeps: a cell ending with it would show the raw
    (untranslated, unrounded) value as its result. Assign it: ``_ = report.record(…)``."""
    import ast

    for i, cell in enumerate(_code(nb), 1):
        body = ast.parse(cell.source).body if cell.source.strip() else []
        if body and isinstance(body[-1], ast.Expr) and isinstance(body[-1].value, ast.Call):
            assert ast.unparse(body[-1].value.func) != "report.record", \
                f"code cell {i} ends with report.record(…): assign it (_ = report.record(…))"


EXEMPT_WIDGETS = re.compile(r"\bQuiz\(|\bquiz_from_list\(|\(Playground\)|widgets\.")


def test_only_quizzes_and_widget_set_ups_are_exempt_from_the_rhythm(nb):
    """``# long-cell: <reason>`` lets a quiz or a widget set-up be long (tools/bilingual.py);
    an experiment's cell must stay short and follow its sentence."""
    for i, cell in enumerate(_code(nb), 1):
        if is_exempt(cell):
            assert EXEMPT_WIDGETS.search(cell.source), f"code cell {i} is exempt but is no widget"
