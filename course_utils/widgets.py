"""Quizzes and interactive playgrounds (ipywidgets), bilingual through ``t(en, zh)``.

Both work headless (papermill, nbval, no widget frontend): a :class:`Quiz` also shows
its question and options as plain text, and :meth:`Playground.show` also displays its
default figure as an ordinary PNG output, so a stored notebook shows both.
"""

from __future__ import annotations

import base64
import html
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import ipywidgets as widgets
from IPython import get_ipython
from IPython.display import clear_output, display
from matplotlib.figure import Figure

from course_utils.i18n import t

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_COLORS = {"info": "#1f4e79", "success": "#1b5e20", "warning": "#8a5a00", "error": "#b71c1c"}


def _html(en: str, zh: str) -> str:
    """Escaped bilingual HTML: the two languages on separate lines in 'both' mode."""
    return t(html.escape(en), html.escape(zh), sep="<br>")


def _bundle(widget: widgets.Widget, text: str) -> dict:
    """A display bundle: the live widget, and ``text`` for where widgets do not render."""
    return {
        _WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": widget.model_id},
        "text/plain": text,
    }


class Quiz:
    """A bilingual multiple-choice question: radio buttons, a Check button, a feedback line.

    Args:
        question_en, question_zh: the question.
        options: ``[(en, zh), ...]``, at least two.
        answer: index of the right option in ``options``.
        explanation_en, explanation_zh: shown with a right answer.

    ``quiz.answer_with(i)`` chooses option ``i`` and checks it (tests and headless runs);
    ``quiz.feedback`` is the last feedback as plain text; ``quiz.widget`` the container.
    """

    def __init__(
        self,
        question_en: str,
        question_zh: str,
        options: Sequence[tuple[str, str]],
        answer: int,
        explanation_en: str = "",
        explanation_zh: str = "",
    ) -> None:
        self.options = [tuple(option) for option in options]
        if len(self.options) < 2 or any(len(option) != 2 for option in self.options):
            raise ValueError("options must be at least two (en, zh) pairs.")
        if not 0 <= answer < len(self.options):
            raise ValueError(f"answer must be an option index 0..{len(self.options) - 1}.")
        self.question = (question_en, question_zh)
        self.answer = answer
        self.explanation = (explanation_en, explanation_zh)
        self.feedback = ""
        self._choices = widgets.RadioButtons(
            options=[(t(en, zh), i) for i, (en, zh) in enumerate(self.options)],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        self._button = widgets.Button(description=t("Check", "检查"), button_style="primary")
        self._button.on_click(lambda _: self._check())
        self._feedback = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{_html(*self.question)}</b>"),
                self._choices,
                self._button,
                self._feedback,
            ]
        )

    def _check(self) -> bool:
        choice = self._choices.value
        if choice is None:
            en, zh, color, ok = "Choose an option first.", "请先选择一个选项。", "info", False
        elif choice == self.answer:
            en, zh = f"✅ Correct. {self.explanation[0]}", f"✅ 正确。{self.explanation[1]}"
            color, ok = "success", True
        else:
            en, zh, color, ok = "❌ Not yet. Try again.", "❌ 还不对，再想想。", "error", False
        self.feedback = t(en.strip(), zh.strip(), sep="\n")
        self._feedback.value = f'<span style="color:{_COLORS[color]}">{_html(en, zh)}</span>'
        return ok

    def answer_with(self, index: int) -> bool:
        """Choose option ``index``, check it, update the feedback; True if it is right."""
        if not 0 <= index < len(self.options):
            raise IndexError(f"No option {index}: choose 0..{len(self.options) - 1}.")
        self._choices.value = index
        return self._check()

    def to_text(self) -> str:
        """The question and its options as plain text: (a), (b), …"""
        lines = [t(*self.question)]
        lines += [f"  ({chr(97 + i)}) {t(en, zh)}" for i, (en, zh) in enumerate(self.options)]
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return _bundle(self.widget, t("Quiz", "小测验") + "\n" + self.to_text())

    def _ipython_display_(self) -> None:
        display(self._repr_mimebundle_(), raw=True)


class QuizList:
    """Several :class:`Quiz` questions in one box; ``quiz_from_list`` builds it."""

    def __init__(self, quizzes: Sequence[Quiz]) -> None:
        self.quizzes = list(quizzes)
        self.widget = widgets.VBox([quiz.widget for quiz in self.quizzes])

    def to_text(self) -> str:
        return "\n".join(f"{i}. {quiz.to_text()}" for i, quiz in enumerate(self.quizzes, 1))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return _bundle(self.widget, t("Quiz", "小测验") + "\n" + self.to_text())

    def _ipython_display_(self) -> None:
        display(self._repr_mimebundle_(), raw=True)


def quiz_from_list(items: Sequence[dict | Quiz]) -> QuizList:
    """A :class:`QuizList` from Quiz objects or dicts of :class:`Quiz` keyword arguments."""
    return QuizList([item if isinstance(item, Quiz) else Quiz(**item) for item in items])


def _from_frontend() -> bool:
    """True while the kernel handles a widget message (a learner's click), not a cell's code."""
    kernel = getattr(get_ipython(), "kernel", None)
    if hasattr(kernel, "get_parent"):
        parent = kernel.get_parent()
    else:  # ipykernel < 6
        parent = getattr(kernel, "_parent_header", None)
    return (parent or {}).get("header", {}).get("msg_type") == "comm_msg"


def _png_bundle(fig: Figure) -> dict:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return {
        "image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
        "text/plain": repr(fig),
    }


class Playground(ABC):
    """Base class of the interactive playgrounds: controls, buttons, a figure, a message line.

    A lesson subclasses it and implements :meth:`draw`; ``controls`` maps the keyword
    names that :meth:`draw` receives to ipywidgets whose ``value`` they take (their
    ``description`` is what the learner reads: use ``t(en, zh)``). ``buttons`` maps a
    label to a callable with no arguments; after it runs, the figure is redrawn (an
    exception it raises is shown in the message line instead).
    Changing a control redraws too. Figures are made with ``matplotlib.figure.Figure``,
    outside pyplot, so none is ever left open.

    :meth:`show` displays the widgets and the default state as an ordinary ``image/png``
    output, so a headless run (papermill, nbval) stores the figure. Once the learner
    touches a control in a widget frontend, that static figure is cleared and the
    states are drawn into :attr:`output`, an ``ipywidgets.Output`` under the controls.
    """

    figsize: tuple[float, float] = (6.0, 4.0)

    def __init__(
        self,
        controls: dict[str, widgets.Widget],
        buttons: dict[str, Callable[[], object]] | None = None,
        *,
        figsize: tuple[float, float] | None = None,
    ) -> None:
        self.controls = dict(controls)
        self.figsize = figsize or self.figsize
        self.buttons: dict[str, widgets.Button] = {}
        for label, callback in (buttons or {}).items():
            button = widgets.Button(description=label)
            button.on_click(lambda _, callback=callback: self._run(callback))
            self.buttons[label] = button
        for control in self.controls.values():
            control.observe(lambda _: self.update(), names="value")
        self.output = widgets.Output()
        self.message_area = widgets.HTML()
        rows: list[widgets.Widget] = list(self.controls.values())
        if self.buttons:
            rows.append(widgets.HBox(list(self.buttons.values())))
        self.widget = widgets.VBox([*rows, self.message_area, self.output])
        self._static = None  # display handle of the figure show() displayed directly
        self.draws = 0  # how many times draw() ran

    @abstractmethod
    def draw(self, fig: Figure, **values) -> None:
        """Draw the state for the controls' ``values`` into the empty figure ``fig``."""

    def values(self) -> dict[str, object]:
        """The controls' current values, by the names :meth:`draw` receives."""
        return {name: control.value for name, control in self.controls.items()}

    def render(self) -> Figure:
        """A new figure with the current state drawn (not managed by pyplot)."""
        fig = Figure(figsize=self.figsize)
        self.draw(fig, **self.values())
        self.draws += 1
        return fig

    def update(self) -> None:
        """Redraw the current state.

        Until the learner first touches a control, the figure :meth:`show` displayed is
        the one updated (so a headless run stores the latest state); from then on the
        figure lives in :attr:`output`, where errors of :meth:`draw` are shown too.
        """
        if self._static is not None and not _from_frontend():
            self._static.update(_png_bundle(self.render()), raw=True)
            return
        if self._static is not None:  # the live figure takes the static one's place
            self._static.update({"text/plain": ""}, raw=True)
            self._static = None
        with self.output:
            bundle = _png_bundle(self.render())
            if get_ipython() is not None:
                clear_output(wait=True)
                display(bundle, raw=True)

    def show(self) -> None:
        """Display the controls and the default state's figure as an ordinary PNG output."""
        bundle = _png_bundle(self.render())
        if get_ipython() is None:  # plain Python: nowhere to display
            return
        display(_bundle(self.widget, self.to_text()), raw=True)
        self._static = display(bundle, raw=True, display_id=True)

    def snapshot(self) -> None:
        """Display the current state as an ordinary figure in the current cell, no widgets."""
        bundle = _png_bundle(self.render())
        if get_ipython() is not None:
            display(bundle, raw=True)

    def to_text(self) -> str:
        """The controls and buttons as plain text, for where widgets do not render."""
        lines = [
            t(
                "Playground (move the controls in a live notebook)",
                "交互演示（在运行中的笔记本里调节控件）",
            )
        ]
        lines += [f"  {c.description or name}: {c.value}" for name, c in self.controls.items()]
        lines += [f"  [{label}]" for label in self.buttons]
        return "\n".join(lines)

    def message(self, text: str, kind: str = "info") -> None:
        """Show ``text`` (already bilingual, e.g. ``t(en, zh)``) under the controls.

        ``kind``: ``info``, ``success``, ``warning`` or ``error``; an empty text clears it.
        """
        if kind not in _COLORS:
            raise ValueError(
                f"Unknown message kind {kind!r}: expected one of {', '.join(_COLORS)}."
            )
        escaped = html.escape(text).replace("\n", "<br>")
        self.message_area.value = (
            f'<span style="color:{_COLORS[kind]}">{escaped}</span>' if text else ""
        )

    def _run(self, callback: Callable[[], object]) -> None:
        draws = self.draws
        try:
            callback()
        except Exception as exc:  # a frontend would send the traceback to the kernel log only
            self.message(t("Error", "出错") + f": {type(exc).__name__}: {exc}", "error")
            return
        if self.draws == draws:  # not redrawn yet by a control the callback changed
            self.update()

    def _ipython_display_(self) -> None:
        self.show()
