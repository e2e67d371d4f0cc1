"""Quizzes and playgrounds (course_utils.widgets), in plain Python and in a headless kernel."""

import inspect
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt  # headless: conftest sets MPLBACKEND=Agg
import numpy as np
import pytest

from course_utils import i18n
from course_utils.widgets import Playground, Quiz, quiz_from_list

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def both_languages():
    i18n.set_language("both")
    yield
    i18n.set_language("both")
    assert plt.get_fignums() == []  # no figure left open by any test


def make_quiz():
    return Quiz(
        "Which loss keeps the generator's gradient when D is confident?",
        "当判别器很有把握时，哪个损失仍给生成器梯度？",
        [("minimax", "极小极大损失"), ("non-saturating", "非饱和损失")],
        answer=1,
        explanation_en="-log D(G(z)) is steep where D(G(z)) is near 0.",
        explanation_zh="在 D(G(z)) 接近 0 处，-log D(G(z)) 很陡。",
    )


def test_a_right_answer_gets_correct_and_the_explanation():
    quiz = make_quiz()
    assert quiz.answer_with(1) is True
    assert quiz.feedback.startswith("✅ Correct. -log D(G(z)) is steep")
    assert "✅ 正确。在 D(G(z)) 接近 0 处" in quiz.feedback
    assert "Correct" in quiz._feedback.value and "<br>" in quiz._feedback.value


def test_a_wrong_answer_gets_not_yet_without_the_explanation():
    quiz = make_quiz()
    assert quiz.answer_with(0) is False
    assert quiz.feedback == "❌ Not yet. Try again.\n❌ 还不对，再想想。"


def test_the_check_button_without_a_choice_asks_for_one():
    quiz = make_quiz()
    quiz._button.click()
    assert "Choose an option first" in quiz.feedback


def test_one_language_shows_only_that_language():
    i18n.set_language("zh")
    quiz = make_quiz()
    quiz.answer_with(1)
    assert quiz.feedback == "✅ 正确。在 D(G(z)) 接近 0 处，-log D(G(z)) 很陡。"
    assert quiz._choices.options[1] == ("非饱和损失", 1)


def test_an_out_of_range_answer_is_an_error():
    with pytest.raises(IndexError, match="choose 0..1"):
        make_quiz().answer_with(2)
    with pytest.raises(ValueError, match="answer must be"):
        Quiz("q", "问", [("a", "甲"), ("b", "乙")], answer=5)


def test_the_plain_text_repr_holds_question_and_options():
    bundle = make_quiz()._repr_mimebundle_()
    text = bundle["text/plain"]
    assert "Which loss keeps" in text and "哪个损失" in text
    assert "(a) minimax / 极小极大损失" in text and "(b) non-saturating / 非饱和损失" in text
    assert "model_id" in bundle["application/vnd.jupyter.widget-view+json"]


def test_quiz_from_list_numbers_the_questions():
    quizzes = quiz_from_list(
        [
            make_quiz(),
            {
                "question_en": "2+2?",
                "question_zh": "2+2？",
                "options": [("4", "四"), ("5", "五")],
                "answer": 0,
            },
        ]
    )
    assert len(quizzes.widget.children) == 2
    text = quizzes._repr_mimebundle_()["text/plain"]
    assert "1. Which loss" in text and "2. 2+2? / 2+2？" in text


class Sine(Playground):
    """A sine wave whose frequency a slider sets; a button doubles it, another fails."""

    def __init__(self):
        super().__init__(
            {"freq": widgets.FloatSlider(value=1.0, min=0.5, max=8.0, description="f")},
            buttons={"Double": self.double, "Reset": self.reset, "Broken": self.broken},
            figsize=(3, 2),
        )
        self.figures = []
        self.resets = 0

    def draw(self, fig, freq):
        ax = fig.add_subplot()
        x = np.linspace(0.0, 2 * np.pi, 50)
        ax.plot(x, np.sin(freq * x))
        ax.set_title(f"f = {freq}")
        self.figures.append(fig)

    def double(self):
        self.controls["freq"].value *= 2

    def reset(self):
        self.resets += 1

    def broken(self):
        raise RuntimeError("this setting cannot train")


def test_show_draws_the_default_state_without_pyplot():
    pg = Sine()
    pg.show()
    (fig,) = pg.figures
    (ax,) = fig.axes
    assert ax.get_title() == "f = 1.0" and len(ax.lines[0].get_xdata()) == 50
    assert plt.get_fignums() == []


def test_a_slider_change_redraws_once():
    pg = Sine()
    pg.controls["freq"].value = 3.0
    assert pg.draws == 1 and pg.figures[-1].axes[0].get_title() == "f = 3.0"


def test_buttons_run_their_callback_then_redraw_once():
    pg = Sine()
    pg.buttons["Reset"].click()
    assert pg.resets == 1 and pg.draws == 1
    pg.buttons["Double"].click()  # changes the slider, which redraws: no second draw
    assert pg.values() == {"freq": 2.0} and pg.draws == 2
    assert pg.figures[-1].axes[0].get_title() == "f = 2.0"


def test_a_failing_callback_shows_its_error_in_the_message_line():
    pg = Sine()
    pg.buttons["Broken"].click()
    assert "RuntimeError: this setting cannot train" in pg.message_area.value
    assert pg.draws == 0


def test_message_shows_escaped_text_and_clears():
    pg = Sine()
    pg.message(i18n.t("lr <= 0 cannot train", "学习率 <= 0 无法训练"), "warning")
    assert "lr &lt;= 0 cannot train / 学习率 &lt;= 0 无法训练" in pg.message_area.value
    pg.message("")
    assert pg.message_area.value == ""
    with pytest.raises(ValueError, match="info, success, warning, error"):
        pg.message("x", "loud")


def test_the_plain_text_names_controls_and_buttons():
    text = Sine().to_text()
    assert "f: 1.0" in text and "[Double]" in text


def test_playground_is_abstract():
    with pytest.raises(TypeError):
        Playground({})


def has_python3_kernel() -> bool:
    try:
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        return False
    return "python3" in KernelSpecManager().find_kernel_specs()


@pytest.mark.skipif(not has_python3_kernel(), reason="needs nbclient and a python3 kernel")
def test_headless_execution_stores_the_default_figure_and_the_quiz_text(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook()
    nb.cells = [
        new_code_cell(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            "import ipywidgets as widgets\nimport numpy as np\n"
            "from course_utils.widgets import Playground, Quiz\n\n"
            + inspect.getsource(Sine)
            + "\n"
            + inspect.getsource(make_quiz)
        ),
        new_code_cell("pg = Sine()\npg.show()"),
        new_code_cell("pg.figsize = (4, 2)\npg.controls['freq'].value = 2.0  # from code"),
        new_code_cell("make_quiz()"),
        new_code_cell("pg.snapshot()"),
    ]
    client = nbclient.NotebookClient(
        nb, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    playground = nb.cells[1].outputs
    assert [sorted(output.data) for output in playground] == [
        ["application/vnd.jupyter.widget-view+json", "text/plain"],
        ["image/png", "text/plain"],
    ]
    assert "f: 1.0" in playground[0].data["text/plain"]
    # the change made from code updated the stored figure in place (display_id)
    assert playground[1].data["text/plain"] == "<Figure size 400x200 with 1 Axes>"
    assert nb.cells[2].outputs == []
    assert "(b) non-saturating / 非饱和损失" in nb.cells[3].outputs[0].data["text/plain"]
    assert nb.cells[4].outputs[0].data["text/plain"] == "<Figure size 400x200 with 1 Axes>"
    nbformat.validate(nb)
