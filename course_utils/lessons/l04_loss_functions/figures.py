"""Lesson 04's ring figure: generated points with every mode's fate drawn on top.

Each of the 8 modes is drawn *over* the generated points as an open circle of radius
``quality_stds · std`` (the zone where a sample counts as high quality): a solid green ring
for a captured mode, a dashed red ring with a cross for an empty one. Generated points are
small and translucent, so a mode left empty stays visible even where points crowd
around it. Defined in lesson 04.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from course_utils.fonts import label

CAPTURED, EMPTY, GENERATED = "tab:green", "tab:red", "tab:purple"


def captured_modes(coverage) -> np.ndarray:
    """Which modes ``metrics.mode_coverage`` counted as captured, as a bool array ``(k,)``.

    The rule is a threshold on each mode's count of high-quality samples, so the captured
    modes are the ``coverage["modes_captured"]`` modes with the largest ``coverage["counts"]``
    (equal counts are never split by a threshold).
    """
    try:
        counts = np.asarray(coverage["counts"], dtype=float)
        n_captured = int(coverage["modes_captured"])
    except (KeyError, TypeError) as error:
        raise ValueError("coverage must be the dict metrics.mode_coverage returns (with "
                         f"'counts' and 'modes_captured'), got {coverage!r}.") from error
    if counts.ndim != 1 or counts.size == 0:
        raise ValueError(f"coverage['counts'] must be a non-empty list, got {counts!r}.")
    order = np.argsort(-counts, kind="stable")
    captured = np.zeros(counts.size, bool)
    captured[order[:n_captured]] = True  # the modes_captured fullest modes
    return captured


def draw_ring_panel(ax, samples, centres, coverage, std, quality_stds=3.0, lim=2.6):
    """One panel: ``samples`` ``(n, 2)`` as small translucent dots, then each mode of
    ``centres`` ``(k, 2)`` as an open circle of radius ``quality_stds * std`` (green:
    captured, dashed red with a cross: empty, per ``coverage``)."""
    samples, centres = np.asarray(samples, float), np.asarray(centres, float)
    if samples.ndim != 2 or samples.shape[1] != 2 or centres.ndim != 2 or centres.shape[1] != 2:
        raise ValueError(f"samples {samples.shape} and centres {centres.shape} must be (n, 2).")
    captured = captured_modes(coverage)
    if captured.size != len(centres):
        raise ValueError(f"coverage has {captured.size} modes but there are {len(centres)} "
                         "centres.")
    ax.scatter(samples[:, 0], samples[:, 1], s=1.5, c=GENERATED, alpha=0.25, linewidths=0,
               zorder=1)
    for centre, ok in zip(centres, captured, strict=True):
        ax.add_patch(Circle(centre, quality_stds * std, fill=False, lw=1.6, zorder=3,
                            edgecolor=CAPTURED if ok else EMPTY, ls="-" if ok else "--"))
        if not ok:
            ax.plot(*centre, marker="x", color=EMPTY, ms=5, mew=1.5, zorder=3)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), aspect="equal", xticks=[], yticks=[])


def ring_figure(results, centres, std, seeds, title=None):
    """A grid of :func:`draw_ring_panel`: one column per loss, one row per seed.

    Args:
        results: ``{loss name: [RingRun per seed]}`` (``ring.RingRun``: ``samples`` and
            ``coverage``; a diverged run, ``samples is None``, gets an empty panel saying so).
        centres: ``(k, 2)`` mode centres; std: the modes' standard deviation.
        seeds: the seeds, in the order of each list (row labels).
    Returns:
        the matplotlib figure.
    """
    names = list(results)
    if not names or any(len(runs) != len(seeds) for runs in results.values()):
        raise ValueError("results must map each loss to one run per seed "
                         f"({len(seeds)} seeds).")
    fig, axes = plt.subplots(len(seeds), len(names), figsize=(2.1 * len(names),
                             2.1 * len(seeds) + 0.9), layout="constrained", squeeze=False)
    for col, name in enumerate(names):
        for row, (seed, run) in enumerate(zip(seeds, results[name], strict=True)):
            ax = axes[row, col]
            if run.samples is None:
                ax.set(xticks=[], yticks=[])
                ax.text(0.5, 0.5, label("diverged", "发散"), ha="center", transform=ax.transAxes)
            else:
                draw_ring_panel(ax, run.samples, centres, run.coverage, std)
                cov = run.coverage
                ax.set_xlabel(f"{cov['modes_captured']}/{cov['n_modes']} · "
                              f"{cov['high_quality_share']:.0%}", fontsize=9)
            if row == 0:
                ax.set_title(name, fontsize=10)
            if col == 0:
                ax.set_ylabel(label(f"seed {seed}", f"种子 {seed}"))
    handles = [Line2D([], [], ls="", marker="o", ms=4, color=GENERATED, alpha=0.5,
                      label=label("generated", "生成样本")),
               Line2D([], [], ls="-", marker="o", ms=10, mfc="none", color=CAPTURED,
                      label=label("captured mode (3σ zone)", "已捕获的模式（3σ 区域）")),
               Line2D([], [], ls="--", marker="x", ms=6, color=EMPTY,
                      label=label("empty mode", "空着的模式"))]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=9)
    if title:
        fig.suptitle(title)
    return fig


def d_of_fake_figure(results, seeds, names=("minimax", "non-saturating"), early=None,
                     confident=0.1, title=None):
    """``D(G(z))`` through training for the losses ``names`` and every seed.

    Thick lines: the mean of ``D(G(z))`` per block of updates (``RingRun.probes
    ["d_of_fake"]``); thin lines: the lowest batch mean in the block (``"d_of_fake_min"``).
    A red line marks ``confident`` (confident rejection); ``early`` shades the first
    ``early`` generator updates.
    """
    missing = [name for name in names if name not in results]
    if missing:
        raise ValueError(f"no results for {missing}; have {list(results)}.")
    fig, ax = plt.subplots(figsize=(8.5, 3.6), layout="constrained")
    if early:
        ax.axvspan(0, early, color="0.92", zorder=0)
        ax.text(early / 2, 0.95, label(f"first {early} updates", f"前 {early} 次更新"),
                ha="center", va="top", fontsize=8)
    for name, style in zip(names, ("-", "--", ":", "-."), strict=False):
        for i, (seed, run) in enumerate(zip(seeds, results[name], strict=True)):
            mean, low = run.probes["d_of_fake"], run.probes["d_of_fake_min"]
            x = run.chunk * np.arange(1, len(mean) + 1)
            ax.plot(x, mean, ls=style, color=f"C{i}", lw=1.8,
                    label=label(f"{name}, seed {seed}", f"{name}，种子 {seed}"))
            ax.plot(x, low, ls=style, color=f"C{i}", lw=0.7, alpha=0.6)
    ax.axhline(confident, color=EMPTY, lw=1.2, ls=":")
    ax.text(0.99, confident + 0.02, label(f"confident rejection: D(G(z)) < {confident:g}",
                                          f"有把握地拒绝：D(G(z)) < {confident:g}"),
            color=EMPTY, ha="right", fontsize=8, transform=ax.get_yaxis_transform())
    ax.set(ylim=(0, 1), xlabel=label("generator update", "生成器更新次数"),
           ylabel="D(G(z))", title=title or label(
               "D(G(z)) during training (thick: block mean, thin: lowest batch mean)",
               "训练中的 D(G(z))（粗线：区块均值，细线：最低的批次均值）", sep="\n"))
    ax.legend(fontsize=7, ncols=2, loc="upper right")
    return fig
