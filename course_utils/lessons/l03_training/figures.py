"""Lesson 03's figures: distance curves whose noise floor stays visible, D's accuracies,
several training runs on one axis with their samples at the best step and at the end, and
an MNIST progress grid with one labelled row per epoch.

The noise floor is labelled on its own line, not in a legend, so no legend can hide it;
legends with several entries sit outside the axes. Defined in lesson 03.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle

from course_utils.fonts import label

FLOOR_COLOR = "0.35"


def _steps_and_values(steps, values, name):
    steps, values = np.asarray(steps, float), np.asarray(values, float)
    if steps.ndim != 1 or steps.shape != values.shape or steps.size == 0:
        raise ValueError(f"{name}: steps {steps.shape} and values {values.shape} must be two "
                         "non-empty 1-D sequences of the same length.")
    if not np.isfinite(values).all():
        raise ValueError(f"{name} holds NaN or inf: a diverged run has no curve to draw; "
                         "report the divergence instead.")
    return steps, values


def floor_line(ax, floor):
    """The noise floor as a dotted line with its label written just above it, at the left."""
    if not (np.isfinite(floor) and floor > 0):
        raise ValueError(f"floor must be a positive number, got {floor!r}.")
    ax.axhline(floor, color=FLOOR_COLOR, ls=":", lw=1.5, zorder=1)
    ax.annotate(label("noise floor: real vs real", "噪声底线：真实 vs 真实"), xy=(0.01, floor),
                xycoords=("axes fraction", "data"), xytext=(0, 3), textcoords="offset points",
                ha="left", va="bottom", fontsize="small", color=FLOOR_COLOR,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})


def _distance_axes(ax, title):
    ax.set_yscale("log")
    ax.set(xlabel=label("generator step", "生成器步数"),
           ylabel=label("energy distance to the data", "与数据的能量距离"))
    ax.set_title(title)


def plot_log(log, floor, ax_dist, ax_acc, title=""):
    """Distance (log scale, noise floor labelled) and D's accuracies against the generator step.

    Args:
        log: ``{"step": [...], "distance": [...], "acc_real": [...], "acc_fake": [...]}``.
        floor: the energy distance between two real samples of the same size (> 0).
        ax_dist, ax_acc: the two axes to draw on; title: appended to both titles.
    """
    steps, distance = _steps_and_values(log["step"], log["distance"], "distance")
    ax_dist.plot(steps, distance, marker=".", color="tab:blue")
    floor_line(ax_dist, floor)
    _distance_axes(ax_dist, label(f"Distance to the data {title}", f"与数据的距离 {title}"))
    real = _steps_and_values(log["step"], log["acc_real"], "acc_real")[1]
    fake = _steps_and_values(log["step"], log["acc_fake"], "acc_fake")[1]
    for values, en, zh, width in ((real, "on real", "真实上", 1), (fake, "on fake", "生成上", 1),
                                  ((real + fake) / 2, "mean", "平均", 2)):
        ax_acc.plot(steps, values, lw=width, label=label(en, zh))
    ax_acc.axhline(0.5, color=FLOOR_COLOR, ls=":", lw=1)
    ax_acc.set(xlabel=label("generator step", "生成器步数"),
               ylabel=label("D's accuracy", "判别器准确率"), ylim=(-0.03, 1.03))
    ax_acc.set_title(label(f"D's accuracy {title}", f"判别器准确率 {title}"))
    ax_acc.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")


def distance_curves(ax, curves, floor, title, best=False):
    """Several distance curves on one log axis, the noise floor labelled, legend outside.

    Args:
        curves: ``{legend text: (steps, distances)}``.
        floor: the noise floor (> 0); best: also mark each curve's lowest point.
    """
    if not curves:
        raise ValueError("distance_curves needs at least one curve.")
    for name, (steps, values) in curves.items():
        steps, values = _steps_and_values(steps, values, f"curve {name!r}")
        (line,) = ax.plot(steps, values, lw=1.2, label=name)
        if best:
            i = int(values.argmin())
            ax.plot(steps[i], values[i], "o", ms=6, mfc="none", color=line.get_color())
    floor_line(ax, floor)
    _distance_axes(ax, title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")


def samples_panel(ax, samples, centres, radius, title, lim=2.8):
    """2-D ``samples`` ``(n, 2)`` as small dots, each mode of ``centres`` ``(k, 2)`` as an
    open circle of ``radius`` (the zone where a sample counts as high quality)."""
    samples, centres = np.asarray(samples, float), np.asarray(centres, float)
    if samples.ndim != 2 or samples.shape[1] != 2 or centres.ndim != 2 or centres.shape[1] != 2:
        raise ValueError(f"samples {samples.shape} and centres {centres.shape} must be (n, 2).")
    ax.scatter(samples[:, 0], samples[:, 1], s=3, c="tab:purple", alpha=0.6, linewidths=0)
    for centre in centres:
        ax.add_patch(Circle(centre, radius, fill=False, lw=1.0, edgecolor="tab:green"))
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xticks=[], yticks=[])
    ax.set_title(title, fontsize="small")


def runs_figure(runs, floor, centres, radius, title, lim=2.8):
    """Several training runs: their distance curves on one axis (top), and each run's samples
    at its best evaluation and at its last one (bottom, one column per run).

    Args:
        runs: ``{name: {"step": [...], "distance": [...], "best": samples (n, 2),
            "end": samples (n, 2)}}``; ``name`` is the run's legend text.
        floor: the noise floor (> 0); centres ``(k, 2)`` and ``radius``: the modes, drawn as
            circles; title: the title of the curves.

    Returns:
        The figure.
    """
    if not runs:
        raise ValueError("runs_figure needs at least one run.")
    fig = plt.figure(figsize=(max(9.0, 2.3 * len(runs) + 1.5), 8.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.0, 1.35])
    distance_curves(top.subplots(), {name: (run["step"], run["distance"])
                                     for name, run in runs.items()}, floor, title, best=True)
    axes = bottom.subplots(2, len(runs), squeeze=False)
    for col, (name, run) in enumerate(runs.items()):
        steps, values = _steps_and_values(run["step"], run["distance"], f"run {name!r}")
        best_step, end_step = int(steps[int(values.argmin())]), int(steps[-1])
        samples_panel(axes[0, col], run["best"], centres, radius,
                      f"{name}\n" + label(f"best: step {best_step}", f"最好：第 {best_step} 步"),
                      lim)
        samples_panel(axes[1, col], run["end"], centres, radius,
                      label(f"end: step {end_step}", f"最后：第 {end_step} 步"), lim)
    return fig


def epoch_rows(samples_by_epoch, per_row=10, title=None, value_range=(-1.0, 1.0)):
    """One row of images per epoch, each row labelled with its epoch on the left.

    Args:
        samples_by_epoch: ``{epoch: images (n, h, w) or (n, h, w, 1)}`` with ``n ≥ per_row``;
            rows follow the epochs in increasing order.
        per_row: images shown per row; title: the figure's title.

    Returns:
        The figure.
    """
    if not samples_by_epoch:
        raise ValueError("epoch_rows needs samples for at least one epoch.")
    epochs = sorted(samples_by_epoch)
    rows = []
    for epoch in epochs:
        images = np.asarray(samples_by_epoch[epoch], float)
        if images.ndim == 4 and images.shape[-1] == 1:
            images = images[..., 0]
        if images.ndim != 3 or len(images) < per_row:
            raise ValueError(f"epoch {epoch}: expected at least {per_row} images (n, h, w), got "
                             f"shape {images.shape}.")
        rows.append(images[:per_row])
    lo, hi = value_range
    fig, axes = plt.subplots(len(epochs), per_row, squeeze=False, layout="constrained",
                             figsize=(1.0 * per_row + 0.9, 1.0 * len(epochs) + 0.5))
    for r, (epoch, images) in enumerate(zip(epochs, rows, strict=True)):
        for c, ax in enumerate(axes[r]):
            ax.imshow(np.clip((images[c] - lo) / (hi - lo), 0, 1), cmap="gray", vmin=0, vmax=1)
            ax.set(xticks=[], yticks=[])
            for spine in ax.spines.values():
                spine.set_visible(False)
        axes[r, 0].set_ylabel(label(f"epoch {epoch}", f"第 {epoch} 轮"), rotation=0,
                              ha="right", va="center", fontsize="small")
    if title:
        fig.suptitle(title)
    return fig
