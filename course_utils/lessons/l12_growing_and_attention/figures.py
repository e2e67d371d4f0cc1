"""Figures of lesson 12: samples across the growth, Fréchet curves against training time,
γ over training, attention maps. Defined in lesson 12."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from course_utils.fonts import label

GROWTH_SETTINGS = ((0, 1.0), (1, 0.0), (1, 0.5), (1, 1.0), (2, 0.0), (2, 0.5), (2, 1.0))
"""(stage, α) of the growth grid's columns: 7×7, then each fade-in at α = 0, ½, 1."""


def growth_grid(generate, title: str, settings=GROWTH_SETTINGS):
    """One column per ``(stage, α)`` of ``settings``, one row per sample: ``generate(stage,
    alpha)`` returns images ``(n, r, r, 1)`` in [-1, 1] at the stage's resolution r."""
    columns = [np.asarray(generate(s, a)) for s, a in settings]
    n = len(columns[0])
    fig, axes = plt.subplots(n, len(settings), figsize=(1.1 * len(settings), 1.1 * n + 0.6),
                             squeeze=False)
    for c, ((_, alpha), images) in enumerate(zip(settings, columns, strict=True)):
        side = images.shape[1]
        axes[0, c].set_title(f"{side}×{side}\nα = {alpha:g}", fontsize="small")
        for r in range(n):
            axes[r, c].imshow(images[r, ..., 0], cmap="gray", vmin=-1, vmax=1)
            axes[r, c].set_xticks([])
            axes[r, c].set_yticks([])
    fig.suptitle(title, fontsize="medium")
    fig.tight_layout()
    return fig


def frechet_curves(curves: dict, title: str, lines: dict | None = None, x: str = "cpu"):
    """``{label: [curve, …] (one per seed)}`` as Fréchet distance (log scale) against CPU
    seconds (``x="cpu"``) or rounds (``x="round"``); ``lines``: ``{label: level}`` drawn as
    horizontal dashed lines (threshold, real baseline …)."""
    column = 1 if x == "cpu" else 0
    fig, ax = plt.subplots(figsize=(6.8, 3.8))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (name, runs) in enumerate(curves.items()):
        for j, curve in enumerate(runs):
            curve = np.asarray(curve)
            ax.semilogy(curve[:, column], curve[:, 3], color=colours[i % len(colours)],
                        alpha=0.9 if j == 0 else 0.5, label=name if j == 0 else None)
    for k, (name, level) in enumerate((lines or {}).items()):
        ax.axhline(level, ls="--", lw=1, color=("k", "grey", "tab:red")[k % 3], label=name)
    ax.set_xlabel(label("training CPU seconds (one thread)", "训练 CPU 秒数（单线程）")
                  if x == "cpu" else label("round", "轮次"))
    ax.set_ylabel(label("Fréchet distance (log)", "Fréchet 距离（对数）"))
    ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="x-small")
    fig.tight_layout()
    return fig


def gamma_traces(traces: list, title: str):
    """γ of G's and D's attention blocks over training, one line per seed (traces ``(k, 3)``)."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for seed, trace in enumerate(traces):
        trace = np.asarray(trace)
        ax.plot(trace[:, 0], trace[:, 1], color="tab:blue", alpha=1 - 0.4 * seed,
                label=label(f"γ of G (seed {seed})", f"生成器的 γ（种子 {seed}）"))
        ax.plot(trace[:, 0], trace[:, 2], color="tab:orange", alpha=1 - 0.4 * seed,
                label=label(f"γ of D (seed {seed})", f"判别器的 γ（种子 {seed}）"))
    ax.axhline(0.0, color="k", lw=0.8)
    ax.set_xlabel(label("round", "轮次"))
    ax.set_ylabel("γ")
    ax.set_title(title, fontsize="medium")
    ax.legend(fontsize="x-small", ncol=2)
    fig.tight_layout()
    return fig


def draw_attention(axes, image, beta, grid, query):
    """Into two axes: ``image`` (28, 28) with the query marked, and where that query looks
    (``beta[query]`` reshaped to ``grid``, over the image)."""
    h, w = grid
    row, col = query
    scale = image.shape[0] / h
    centre = ((col + 0.5) * scale - 0.5, (row + 0.5) * scale - 0.5)
    axes[0].imshow(image, cmap="gray", vmin=-1, vmax=1)
    axes[1].imshow(image, cmap="gray", vmin=-1, vmax=1, alpha=0.5)
    attention = np.asarray(beta)[row * w + col].reshape(h, w)
    axes[1].imshow(attention, cmap="magma", alpha=0.7, extent=(-0.5, image.shape[1] - 0.5,
                                                                image.shape[0] - 0.5, -0.5))
    for ax in axes:
        ax.plot(*centre, marker="o", ms=6, mfc="none", mec="tab:cyan", mew=2)
        ax.set_xticks([])
        ax.set_yticks([])


def attention_panel(images, betas, grid, queries, title: str):
    """For each (image, query) pair: the image with the query and its attention map."""
    fig, axes = plt.subplots(2, len(queries), figsize=(1.7 * len(queries), 3.6), squeeze=False)
    for i, (k, query) in enumerate(queries):
        draw_attention(axes[:, i], np.asarray(images)[k, ..., 0], betas[k], grid, query)
        axes[0, i].set_title(label(f"query {query}", f"查询 {query}"), fontsize="x-small")
    fig.suptitle(title, fontsize="medium")
    fig.tight_layout()
    return fig


__all__ = ["GROWTH_SETTINGS", "attention_panel", "draw_attention", "frechet_curves",
           "gamma_traces", "growth_grid"]
