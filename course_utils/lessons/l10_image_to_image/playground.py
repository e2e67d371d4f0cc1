"""Pick an input and see every model's output side by side. Defined in lesson 10::

    from course_utils.lessons.l10_image_to_image.playground import TranslationPlayground
    TranslationPlayground({"edges": (sources, targets, {"L1": g1, …}), …}).show()

One row: the input, each model's output, the real target. The controls pick the task
(outline → digit, 4× super-resolution …), the test image and the zoom of a photograph.
"""

from __future__ import annotations

import ipywidgets as widgets
import keras
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.widgets import Playground


class TranslationPlayground(Playground):
    """Side-by-side outputs of several translators on one chosen test input.

    Args:
        tasks: ``{task label: (sources, targets, {model label: keras.Model})}`` with sources
            and targets float32 ``(n, h, w, 1)`` in [-1, 1]; a model maps sources to outputs.
        task: the label shown first. index: the test image shown first.
    """

    figsize = (9.0, 2.4)

    def __init__(self, tasks: dict, task: str | None = None, index: int = 0):
        if not tasks:
            raise ValueError("TranslationPlayground needs at least one task.")
        for name, entry in tasks.items():
            if not (isinstance(entry, tuple) and len(entry) == 3 and entry[2]):
                raise ValueError(f"task {name!r} must be (sources, targets, {{label: model}}).")
            if len(entry[0]) != len(entry[1]):
                raise ValueError(f"task {name!r}: sources and targets differ in length.")
        task = task if task is not None else next(iter(tasks))
        if task not in tasks:
            raise ValueError(f"Unknown task {task!r}: expected one of {', '.join(tasks)}.")
        n = min(len(entry[0]) for entry in tasks.values())
        if not (isinstance(index, int) and 0 <= index < n):
            raise ValueError(f"index must be an int in 0 … {n - 1}, got {index!r}.")
        self.tasks = tasks
        style = {"description_width": "120px"}
        controls = {
            "task": widgets.Dropdown(options=list(tasks), value=task,
                                     description=t("task", "任务"), style=style),
            "index": widgets.IntSlider(min=0, max=n - 1, value=index,
                                       description=t("test image", "测试图像"), style=style),
        }
        super().__init__(controls)

    def outputs(self, task: str, index: int) -> dict:
        """``{column label: image (h, w)}``: the input, each model's output, the target."""
        sources, targets, models = self.tasks[task]
        x = np.asarray(sources[index:index + 1], np.float32)
        cols = {label("input", "输入"): x[0, ..., 0]}
        for name, model in models.items():
            y = keras.ops.convert_to_numpy(model(x, training=False))
            cols[name] = np.clip(y[0, ..., 0], -1, 1)
        cols[label("real target", "真实目标")] = np.asarray(targets[index, ..., 0])
        return cols

    def draw(self, fig, task, index) -> None:
        cols = self.outputs(task, index)
        axes = fig.subplots(1, len(cols), squeeze=False)[0]
        for ax, (name, img) in zip(axes, cols.items(), strict=True):
            ax.imshow(img, cmap="gray", vmin=-1, vmax=1)
            ax.set_title(name, fontsize="x-small")
            ax.axis("off")
        fig.suptitle(label(f"{task}: test image {index}", f"{task}：测试图像 {index}"),
                     fontsize="small")


__all__ = ["TranslationPlayground"]
