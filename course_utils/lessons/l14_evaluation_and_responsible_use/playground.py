"""Pick two image sets and a metric: their scores beside the real baseline, and samples.
Defined in lesson 14::

    CompareSets(images, scores, baseline="held-out real").show()

``images`` maps a set's name to images ``(n, 28, 28, 1)`` in [-1, 1]; ``scores`` maps the
same names to ``{"fd", "kid", "precision", "recall"}`` (:func:`.evaluate.scores`), measured
once beforehand, so moving a control only redraws.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.lessons.l14_evaluation_and_responsible_use.evaluate import METRICS, NAMES, SETS
from course_utils.widgets import Playground


class CompareSets(Playground):
    """Two dropdowns of sets, one of metrics; a bar chart and eight samples of each set."""

    figsize = (9.0, 3.6)

    def __init__(self, images, scores, baseline, first=None, second=None, metric="fd"):
        names = list(scores)  # English keys (evaluate.SETS); shown in the learner's language
        if baseline not in scores or set(images) != set(scores) or len(names) < 2:
            raise ValueError("images and scores must name the same sets (at least two), "
                             f"the baseline {baseline!r} among them.")
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {', '.join(METRICS)}, got {metric!r}.")
        first, second = first or names[0], second or names[1]
        if first not in scores or second not in scores:
            raise ValueError(f"first and second must be among {names}, got {first!r}, "
                             f"{second!r}.")
        self.images, self.scores, self.baseline = images, scores, baseline
        metrics = [(t(*NAMES[m]), m) for m in METRICS]
        options = [(t(name, SETS.get(name, name)), name) for name in names]
        controls = {
            "first": widgets.Dropdown(options=options, value=first,
                                      description=t("set A", "集合 A")),
            "second": widgets.Dropdown(options=options, value=second,
                                       description=t("set B", "集合 B")),
            "metric": widgets.Dropdown(options=metrics, value=metric,
                                       description=t("metric", "指标")),
        }
        super().__init__(controls)

    def draw(self, fig, first, second, metric):
        grid = fig.add_gridspec(2, 3, width_ratios=(1.1, 1, 1))
        ax = fig.add_subplot(grid[:, 0])
        shown = [self.baseline, first, second]
        values = [self.scores[name][metric] for name in shown]
        ax.bar(range(3), values, color=["gray", "tab:blue", "tab:orange"])
        ax.set_xticks(range(3), [label("real baseline", "真实基线"), "A", "B"])
        ax.set_title(label(*NAMES[metric]))
        for row, name in enumerate((first, second)):
            samples = np.asarray(self.images[name][:8])[..., 0]
            strip = np.concatenate(list(samples), axis=1)
            sub = fig.add_subplot(grid[row, 1:])
            sub.imshow(strip, cmap="gray", vmin=-1, vmax=1)
            sub.set_axis_off()
            sub.set_title(f"{'AB'[row]}: {label(name, SETS.get(name, name))}", fontsize=9)
