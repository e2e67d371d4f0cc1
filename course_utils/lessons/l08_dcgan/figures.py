"""Figures of lesson 08: class histograms, Fréchet distances against the real baseline,
rows of images (latent walks), step times under ``tf.distribute``. Defined in lesson 08.

Every function returns a ``matplotlib`` figure; text goes through ``fonts.label``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils import plotting
from course_utils.fonts import label


def class_histograms(panels, title=None):
    """Bar charts of class shares, one panel per ``(title_en, title_zh, histogram,
    class_names)`` in ``panels``; a dotted line at the uniform share 1/10."""
    panels = list(panels)
    if not panels:
        raise ValueError("class_histograms needs at least one panel.")
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 3.4), squeeze=False,
                             layout="constrained")
    for ax, (en, zh, hist, names) in zip(axes[0], panels, strict=True):
        hist = np.asarray(hist, dtype=float)
        if hist.shape != (len(names),):
            raise ValueError(f"a histogram of {len(names)} classes was expected, got "
                             f"{hist.shape}.")
        ax.bar(np.arange(len(names)), hist, color="tab:blue")
        ax.axhline(1.0 / len(names), color="gray", ls=":", lw=1)
        ax.set_xticks(np.arange(len(names)), names, rotation=45 if max(map(len, names)) > 2
                      else 0, ha="right" if max(map(len, names)) > 2 else "center",
                      fontsize="small")
        ax.set_ylabel(label("share of generated images", "生成图像占比"))
        ax.set_xlabel(label("class (course classifier)", "类别（课程分类器）"))
        ax.set_title(label(en, zh))
    if title:
        fig.suptitle(title)
    return fig


def distance_bars(rows, title=None):
    """Fréchet distances (log scale) as bars, each ``(name_en, name_zh, distance)``, with the
    real baseline drawn as a bar of its own, hatched; ``rows[0]`` must be the baseline."""
    rows = list(rows)
    if len(rows) < 2:
        raise ValueError("distance_bars needs the baseline and at least one model.")
    values = np.array([r[2] for r in rows], dtype=float)
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise ValueError(f"distances must be finite and positive, got {values.tolist()}.")
    fig, ax = plt.subplots(figsize=(1.5 + 1.4 * len(rows), 3.4), layout="constrained")
    colors = ["lightgray"] + ["tab:blue"] * (len(rows) - 1)
    bars = ax.bar(np.arange(len(rows)), values, color=colors)
    bars[0].set_hatch("//")
    for x, v in enumerate(values):
        ax.text(x, v, f"{v:.3g}", ha="center", va="bottom", fontsize="small")
    ax.set_yscale("log")
    ax.set_xticks(np.arange(len(rows)), [label(en, zh, sep="\n") for en, zh, _ in rows],
                  fontsize="small")
    ax.set_ylabel(label("Fréchet distance (course classifier)", "Fréchet 距离（课程分类器）"))
    ax.set_title(title or label("Lower is closer to real data", "越低越接近真实数据"))
    return fig


def image_rows(rows, title=None):
    """Rows of images, each ``(name_en, name_zh, images (k, 28, 28, 1) in [-1, 1])``, drawn by
    :func:`course_utils.plotting.image_rows` with both names as the row label."""
    rows = list(rows)
    if not rows:
        raise ValueError("image_rows needs at least one row.")
    named = {label(en, zh, sep="\n"): images for en, zh, images in rows}
    if len(named) != len(rows):
        raise ValueError("every row needs its own name.")
    return plotting.image_rows(named, title, ncols=max(len(r[2]) for r in rows), size=0.95)


def step_times(runs, title=None):
    """Median step time (ms) of each run of ``strategy_demo`` (``runs``: its list of dicts)."""
    runs = list(runs)
    if not runs:
        raise ValueError("step_times needs at least one run.")
    fig, ax = plt.subplots(figsize=(6.0, 3.0), layout="constrained")
    names = [f"{r['run']}\n({r['replicas']} × {r['per_replica_batch']})" for r in runs]
    ms = [r["step_ms"] for r in runs]
    ax.barh(np.arange(len(runs)), ms, color="tab:green")
    ax.set_yticks(np.arange(len(runs)), names, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel(label("median time per training step (ms)", "每个训练步的中位时间（毫秒）"))
    ax.set_title(title or label("Same global batch, one CPU", "相同的全局批大小，同一颗 CPU"))
    return fig
