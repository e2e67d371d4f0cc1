"""Figures of lesson 09: sample grids side by side, per-digit bars, captioned digits.
Each function returns a pyplot figure (the notebook shows it). Defined in lesson 09."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils.fonts import label


def _show(ax, img):
    ax.imshow(np.asarray(img)[..., 0] if np.ndim(img) == 3 else img, cmap="gray", vmin=-1,
              vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])


def grids(samples: dict, per_row: int, title=None):
    """Grids side by side, one per entry of ``samples`` (name → images ``(rows·per_row,
    28, 28, 1)``, one row per digit, as ``label_rows(10, per_row)`` asks)."""
    if not samples:
        raise ValueError("grids needs at least one set of samples.")
    names = list(samples)
    rows = len(next(iter(samples.values()))) // per_row
    if rows < 1 or any(len(v) != rows * per_row for v in samples.values()):
        raise ValueError(f"every set needs rows × {per_row} images, the same number of rows.")
    fig = plt.figure(figsize=(0.55 * per_row * len(names) + 0.4, 0.55 * rows + 0.8),
                     layout="constrained")
    subfigs = np.atleast_1d(fig.subfigures(1, len(names)))
    for sub, name in zip(subfigs, names, strict=True):
        axes = sub.subplots(rows, per_row, squeeze=False)
        for i, ax in enumerate(axes.flat):
            _show(ax, samples[name][i])
        for r in range(rows):
            axes[r, 0].set_ylabel(str(r), rotation=0, ha="right", va="center")
        sub.suptitle(name, fontsize="medium")
    if title:
        fig.suptitle(title)
    return fig


def per_digit_bars(values: dict, ylabel, title, reference=None, reference_label=None):
    """Grouped bars per digit 0–9 (name → 10 values), with an optional dashed reference line."""
    fig, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
    width = 0.8 / max(len(values), 1)
    for i, (name, v) in enumerate(values.items()):
        ax.bar(np.arange(10) + (i - (len(values) - 1) / 2) * width, v, width, label=name)
    if reference is not None:
        ax.axhline(reference, color="gray", ls="--", lw=1, label=reference_label)
    ax.set_xticks(range(10))
    ax.set(xlabel=label("requested digit", "请求的数字"), ylabel=ylabel, title=title)
    ax.legend(fontsize="small", loc="lower right")
    return fig


def frechet_bars(generated, baseline, title):
    """Per-digit Fréchet distance of generated samples next to the real baseline."""
    fig, ax = plt.subplots(figsize=(8, 3.2), layout="constrained")
    x = np.arange(10)
    ax.bar(x - 0.2, generated, 0.4, label=label("generated vs real", "生成 vs 真实"))
    ax.bar(x + 0.2, baseline, 0.4, label=label("real vs real (baseline)", "真实 vs 真实（基线）"))
    ax.set_xticks(range(10))
    ax.set(xlabel=label("digit", "数字"), ylabel=label("Fréchet distance", "Fréchet 距离"),
           title=title)
    ax.legend(fontsize="small")
    return fig


def captioned(images, captions, ncols=6, title=None):
    """Images with their captions underneath (wrapped after the comma)."""
    n = len(images)
    if n == 0 or len(captions) != n:
        raise ValueError("captioned needs as many captions as images (at least one).")
    rows = -(-n // ncols)
    fig, axes = plt.subplots(rows, ncols, squeeze=False, figsize=(1.3 * ncols, 1.6 * rows),
                             layout="constrained")
    for ax in axes.flat:
        ax.axis("off")
    for ax, img, cap in zip(axes.flat, images, captions, strict=False):
        _show(ax, img)
        ax.axis("on")
        ax.set_xlabel(str(cap).replace(", ", ",\n"), fontsize="small")
    if title:
        fig.suptitle(title)
    return fig


def gap_bars(gaps: dict, title):
    """Measured gaps (name → {"thickness": …, "slant": …}), two panels."""
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained")
    names = list(gaps)
    for ax, key, what in ((axes[0], "thickness", label("thick − thin (pixels)",
                                                        "粗 − 细（像素）")),
                          (axes[1], "slant", label("slanted − upright (shear)",
                                                   "倾斜 − 直立（剪切）"))):
        ax.bar(range(len(names)), [gaps[n][key] for n in names],
               color=[f"C{i}" for i in range(len(names))])
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(range(len(names)), names, fontsize="small")
        ax.set_ylabel(what)
    fig.suptitle(title)
    return fig


__all__ = ["captioned", "frechet_bars", "gap_bars", "grids", "per_digit_bars"]
