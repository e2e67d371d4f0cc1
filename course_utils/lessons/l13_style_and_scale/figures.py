"""Figures of lesson 13: the truncation trade-off, D's overfitting gap, image rows, the
style-mixing grid and the noise map. Each function returns a pyplot figure (the notebook
shows it). Defined in lesson 13."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils.fonts import label


def _show(ax, img, cmap="gray", vmin=-1, vmax=1):
    ax.imshow(np.asarray(img)[..., 0] if np.ndim(img) == 3 else img, cmap=cmap, vmin=vmin,
              vmax=vmax)
    ax.set_xticks([])
    ax.set_yticks([])


def tradeoff(sweep: dict, real: dict, title=None):
    """Fidelity against diversity per ψ: precision vs recall and confidence vs within-class
    spread (:func:`.study.truncation_sweep`), with the real digits' point."""
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    pairs = (("recall", "precision", label("recall (diversity)", "召回率（多样性）"),
              label("precision (fidelity)", "精确率（保真度）")),
             ("spread", "confidence",
              label("within-class spread (diversity)", "类内离散度（多样性）"),
              label("confidence in the asked digit (fidelity)", "对请求数字的置信度（保真度）")))
    names = [label("none", "不截断") if p is None else f"ψ={p}" for p in sweep["psi"]]
    for ax, (x, y, xl, yl) in zip(axes, pairs, strict=True):
        ax.plot(sweep[x], sweep[y], "o-", color="tab:blue", label=label("generator", "生成器"))
        for xi, yi, name in zip(sweep[x], sweep[y], names, strict=True):
            ax.annotate(name, (xi, yi), textcoords="offset points", xytext=(4, -10), fontsize=8)
        ax.plot([real[x]], [real[y]], "*", ms=12, color="tab:green",
                label=label("real digits", "真实数字"))
        ax.set_xlabel(xl)
        ax.set_ylabel(yl)
        ax.legend(fontsize=8, loc="lower left")
    if title:
        fig.suptitle(title)
    return fig


def gap_curves(curves: dict, title=None):
    """D's mean logit on training (solid) and held-out (dashed) faces for each run
    (``{name: curve}``), and the gap ``train − held-out``."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    colors = {}
    for name, c in curves.items():
        color = colors.setdefault(name.split(",")[0], f"C{len(colors)}")
        axes[0].plot(c["step"], c["train"], "-", color=color, lw=1, label=name)
        axes[0].plot(c["step"], c["held_out"], "--", color=color, lw=1)
        axes[1].plot(c["step"], np.asarray(c["train"]) - np.asarray(c["held_out"]), "-",
                     color=color, lw=1, label=name)
    axes[0].set_title(label("D's mean logit: training (—) and held-out (- -) faces",
                            "D 的平均 logit：训练人脸（—）与留出人脸（- -）"), fontsize=9)
    axes[1].set_title(label("gap = training − held-out", "差距 = 训练 − 留出"), fontsize=9)
    for ax in axes:
        ax.set_xlabel(label("training step", "训练步数"))
        ax.axhline(0, color="gray", lw=0.5)
    axes[0].set_ylabel(label("logit (> 0: \"real\")", "logit（> 0：“真实”）"))
    axes[1].legend(fontsize=8)
    if title:
        fig.suptitle(title)
    return fig


def rows(images: dict, per_row=10, title=None):
    """One row of ``per_row`` images per entry of ``images`` (name → ``(n, h, w, 1)``)."""
    fig, axes = plt.subplots(len(images), per_row, figsize=(0.8 * per_row + 1.5,
                                                            0.85 * len(images) + 0.5),
                             squeeze=False, layout="constrained")
    for r, (name, imgs) in enumerate(images.items()):
        for c in range(per_row):
            _show(axes[r, c], imgs[c])
        axes[r, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=8)
    if title:
        fig.suptitle(title)
    return fig


def mixing_grid(coarse, fine, mixed, title=None):
    """StyleGAN's figure 3: the top row ``fine`` (sources B), the left column ``coarse``
    (sources A), and at (i, j) ``mixed[i, j]``: coarse styles from A_i, the rest from B_j."""
    n, m = len(coarse), len(fine)
    fig, axes = plt.subplots(n + 1, m + 1, figsize=(0.8 * (m + 1), 0.8 * (n + 1) + 0.4),
                             layout="constrained")
    axes[0, 0].axis("off")
    for j in range(m):
        _show(axes[0, j + 1], fine[j])
    for i in range(n):
        _show(axes[i + 1, 0], coarse[i])
        for j in range(m):
            _show(axes[i + 1, j + 1], mixed[i][j])
    axes[0, 1].set_title(label("B →", "B →"), fontsize=8, loc="left")
    axes[1, 0].set_ylabel(label("A ↓", "A ↓"), fontsize=8)
    if title:
        fig.suptitle(title, fontsize=9)
    return fig


def noise_maps(images, std_maps, title=None):
    """Images (top) and the per-pixel standard deviation over noise draws (bottom)."""
    n = len(images)
    fig, axes = plt.subplots(2, n, figsize=(1.1 * n + 0.8, 2.6), squeeze=False,
                             layout="constrained")
    top = float(np.max(std_maps))
    for i in range(n):
        _show(axes[0, i], images[i])
        im = axes[1, i].imshow(std_maps[i], cmap="magma", vmin=0, vmax=top)
        axes[1, i].set_xticks([])
        axes[1, i].set_yticks([])
    fig.colorbar(im, ax=axes[1, :].tolist(), shrink=0.8, label=label("std", "标准差"))
    if title:
        fig.suptitle(title, fontsize=9)
    return fig


def path_length_hist(values: dict, title=None):
    """Histograms of perceptual path length samples (``{name: values}``), log x axis."""
    fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    all_v = np.concatenate([np.asarray(v) for v in values.values()])
    bins = np.logspace(np.log10(max(all_v.min(), 1e-3)), np.log10(all_v.max()), 30)
    for name, v in values.items():
        ax.hist(v, bins=bins, alpha=0.5, label=name)
    ax.set_xscale("log")
    ax.set_xlabel(label("path length sample ℓ", "路径长度样本 ℓ"))
    ax.set_ylabel(label("count", "数量"))
    ax.legend()
    if title:
        ax.set_title(title, fontsize=9)
    return fig


__all__ = ["gap_curves", "mixing_grid", "noise_maps", "path_length_hist", "rows", "tradeoff"]
