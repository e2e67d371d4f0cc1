"""Figures of lesson 11: rows of images, the live run's losses, a label confusion matrix.
Defined in lesson 11."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils import plotting
from course_utils.fonts import label


def rows(named: dict, title: str, ncols: int | None = None, size: float = 0.9):
    """One row per entry of ``named`` (``{row label: images (n, h, w, 1) in [-1, 1]}``): the
    course's :func:`course_utils.plotting.image_rows` with this lesson's sizes."""
    return plotting.image_rows(named, title, ncols, size, label_width=2.0)


def losses(history: dict, rounds_per_entry: int, title: str):
    """The live run's loss terms (``history`` of ``fit``, one entry per ``rounds_per_entry``)."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for key in ("cycle", "identity", "adversarial", "d_b_loss"):
        if key in history:
            values = np.asarray(history[key])
            ax.plot(np.arange(1, len(values) + 1) * rounds_per_entry, values, marker="o",
                    label=key)
    ax.set_xlabel(label("round", "轮次"))
    ax.set_ylabel(label("mean loss over the last rounds", "最近若干轮的平均损失"))
    ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def confusions(named: dict, title: str):
    """One heat map per ``{label: (10, 10) counts}``: rows = source digit, columns = the
    digit read in the translation."""
    fig, axes = plt.subplots(1, len(named), figsize=(2.6 * len(named) + 0.4, 2.9),
                             squeeze=False)
    for ax, (name, m) in zip(axes[0], named.items(), strict=True):
        m = np.asarray(m, float)
        ax.imshow(m / np.maximum(m.sum(1, keepdims=True), 1), cmap="Blues", vmin=0, vmax=1)
        ax.set_title(name, fontsize="small")
        ax.set_xticks(range(10))
        ax.set_yticks(range(10))
        ax.tick_params(labelsize=6)
        ax.set_xlabel(label("read in translation", "译文中读出的数字"), fontsize="x-small")
    axes[0, 0].set_ylabel(label("source digit", "源数字"), fontsize="x-small")
    fig.suptitle(title, fontsize="medium")
    fig.tight_layout()
    return fig


__all__ = ["confusions", "losses", "rows"]
