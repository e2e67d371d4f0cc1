"""Lesson 06's figures: the two targets, the collapse over time, every method's samples, MNIST.

Every function draws into a new :class:`matplotlib.figure.Figure` (or given axes) and returns
it; labels go through :func:`course_utils.fonts.label`. Defined in lesson 06.
"""

from __future__ import annotations

import base64
import io

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from course_utils.fonts import label
from course_utils.lessons.l06_mode_collapse.reading import BASELINE_NAMES
from course_utils.lessons.l06_mode_collapse.study import METHOD_NAMES, TARGETS

NAMES = {**METHOD_NAMES, **BASELINE_NAMES}

REAL, FAKE, HIT, MISS = "tab:green", "tab:purple", "tab:red", "0.6"


def show(fig: Figure) -> None:
    """Display ``fig`` in the notebook as a PNG (works headless, whatever the backend)."""
    from IPython.display import display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", dpi=90)
    display({"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
             "text/plain": f"<Figure with {len(fig.axes)} Axes>"}, raw=True)


def _limits(target):
    return (-3.6, 3.6) if target == "ring" else (-5.6, 5.6)


def draw_samples(ax, samples, target, captured=(), real=None, title=None, n_show=1000,
                 numbers=False):
    """Generated ``samples`` ``(n, 2)`` over the target's mode centres; captured centres red.

    ``real``: optional real samples drawn underneath; ``numbers`` writes each mode's index.
    """
    centres, _ = TARGETS[target]
    if real is not None:
        ax.scatter(real[:n_show, 0], real[:n_show, 1], s=2, c=REAL, alpha=0.3,
                   label=label("real", "真实"))
    if samples is not None:
        pts = np.clip(samples[:n_show], -10, 10)
        ax.scatter(pts[:, 0], pts[:, 1], s=2, c=FAKE, alpha=0.4, label=label("generated", "生成"))
    hit = np.isin(np.arange(len(centres)), list(captured))
    ax.scatter(centres[~hit, 0], centres[~hit, 1], s=30, facecolors="none", edgecolors=MISS,
               linewidths=1)
    ax.scatter(centres[hit, 0], centres[hit, 1], s=30, facecolors="none", edgecolors=HIT,
               linewidths=1.8)
    if numbers:
        for i, (x, y) in enumerate(centres):
            ax.annotate(str(i), (x, y), xytext=(0, 6 if target == "ring" else 5),
                        textcoords="offset points", ha="center", fontsize=7)
    lim = _limits(target)
    ax.set(xlim=lim, ylim=lim, aspect="equal", xticks=[], yticks=[])
    if title:
        ax.set_title(title, fontsize=9)
    return ax


def plot_targets(ring, grid, linspace_centres=None) -> Figure:
    """The two benchmarks (real samples, numbered modes); with ``linspace_centres``, also
    the official notebook's 8 angles from ``linspace(0, 2π, 8)`` (two coincide)."""
    fig = Figure(figsize=(9.5, 3.4), layout="constrained")
    axes = fig.subplots(1, 3 if linspace_centres is not None else 2)
    draw_samples(axes[0], None, "ring", real=ring, numbers=True,
                 title=label("ring: 8 modes, std 0.02", "环：8 个模式，标准差 0.02"))
    draw_samples(axes[1], None, "grid", real=grid, numbers=True,
                 title=label("grid: 25 modes, std 0.05", "网格：25 个模式，标准差 0.05"))
    if linspace_centres is not None:
        ax = axes[2]
        ax.scatter(*TARGETS["ring"][0].T, s=60, facecolors="none", edgecolors=REAL,
                   label="2πk/8")
        ax.scatter(*linspace_centres.T, s=14, c=HIT, label="linspace(0, 2π, 8)")
        ax.set(xlim=(-2.7, 2.7), ylim=(-2.7, 2.7), aspect="equal", xticks=[], yticks=[])
        ax.set_title(label("centres: 2πk/8 vs linspace", "中心：2πk/8 与 linspace"), fontsize=9)
        ax.legend(fontsize=7, loc="center")
    return fig


def plot_snapshots(column, steps, real=None) -> Figure:
    """One GAN's samples at the given generator ``steps``; captured modes in red."""
    fig = Figure(figsize=(2.1 * len(steps), 2.5), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(steps)))
    for ax, step in zip(axes, steps, strict=True):
        i = column.steps.index(step)
        draw_samples(ax, column.snapshots[step], column.target, column.captured[i], real=real,
                     title=label(f"step {step}: {len(column.captured[i])} captured",
                                 f"第 {step} 步：捕获 {len(column.captured[i])} 个", sep="\n"))
    fig.suptitle(label(f"Plain GAN on the {column.target}, seed {column.seed} (red: captured)",
                       f"普通 GAN，{'环' if column.target == 'ring' else '网格'}，种子 "
                       f"{column.seed}（红色：已捕获）"), fontsize=10)
    return fig


def plot_sweep(column, real=None, n_show=300) -> Figure:
    """All of one GAN's evaluations after step 0 in one panel, coloured by step (light:
    early, dark: late), over the real samples: where the pile went."""
    import matplotlib

    fig = Figure(figsize=(4.6, 4.0), layout="constrained")
    ax = fig.subplots()
    draw_samples(ax, None, column.target, real=real)
    steps = [s for s in column.steps if s > 0]
    cmap = matplotlib.colormaps["viridis_r"]
    for i, step in enumerate(steps):
        pts = np.clip(column.snapshots[step][:n_show], -10, 10)
        ax.scatter(pts[:, 0], pts[:, 1], s=2, color=cmap(i / max(len(steps) - 1, 1)),
                   alpha=0.5)
    mappable = matplotlib.cm.ScalarMappable(
        cmap=cmap, norm=matplotlib.colors.Normalize(steps[0], steps[-1]))
    fig.colorbar(mappable, ax=ax, shrink=0.8, label=label("generator step", "生成器步数"))
    ax.set_title(label(f"Plain GAN, seed {column.seed}: the samples at every evaluation",
                       f"普通 GAN，种子 {column.seed}：每次评估时的样本", sep="\n"), fontsize=9)
    return fig


def plot_mode_timeline(columns) -> Figure:
    """Per seed: where the generated mass sits (share of samples nearest each mode, shaded)
    and which modes are captured (dots), at every evaluation."""
    fig = Figure(figsize=(10, 1.1 + 1.25 * len(columns)), layout="constrained")
    axes = np.atleast_1d(fig.subplots(len(columns), 1, sharex=True))
    cmap = ListedColormap(np.linspace([1, 1, 1], [0.45, 0.2, 0.6], 64))
    for ax, col in zip(axes, columns, strict=True):
        steps = np.asarray(col.steps)
        width = steps[1] - steps[0] if len(steps) > 1 else 1
        n_modes = col.mass.shape[1]
        ax.imshow(col.mass.T, aspect="auto", origin="lower", cmap=cmap, vmin=0, vmax=1,
                  extent=(steps[0] - width / 2, steps[-1] + width / 2, -0.5, n_modes - 0.5))
        for step, captured in zip(steps, col.captured, strict=True):
            ax.scatter([step] * len(captured), captured, s=9, c=HIT, zorder=3)
        ax.set_yticks(range(0, n_modes, 2 if n_modes <= 8 else 5))
        ax.tick_params(axis="y", labelsize=7, pad=1)
        ax.set_ylabel(label("mode", "模式"), fontsize=8, labelpad=4)
        ax.text(1.01, 0.5, label(f"seed {col.seed}", f"种子 {col.seed}"), rotation=90,
                va="center", ha="left", fontsize=8, transform=ax.transAxes)
    axes[-1].set_xlabel(label("generator step", "生成器步数"))
    axes[0].set_title(label("Plain GAN on the ring: shade = share of samples nearest each mode, "
                            "red dot = captured", "普通 GAN（环）：颜色深浅 = 离各模式最近的样本"
                            "比例，红点 = 已捕获"), fontsize=9)
    return fig


def plot_methods(runs, target, index=0, real=None) -> Figure:
    """Every method's final samples on ``target`` for the ``index``-th seed."""
    fig = Figure(figsize=(2.3 * len(runs), 2.7), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(runs)))
    for ax, (method, run) in zip(axes, runs.items(), strict=True):
        col = run.of(target)[index]
        m = col.modes
        draw_samples(ax, col.samples, target, m["captured"], real=real,
                     title=label(f"{NAMES[method][0]}\n{m['modes_captured']} modes, "
                                 f"{100 * m['high_quality_share']:.0f} % HQ",
                                 f"{NAMES[method][1]}\n{m['modes_captured']} 个模式，"
                                 f"高质量 {100 * m['high_quality_share']:.0f}%", sep="\n"))
    seed = runs[next(iter(runs))].of(target)[index].seed
    fig.suptitle(label(f"After training, {target}, seed {seed}",
                       f"训练结束，{'环' if target == 'ring' else '网格'}，种子 {seed}"),
                 fontsize=10)
    return fig


def plot_mnist(results) -> Figure:
    """For each MNIST run: 2 rows of samples and the class histogram of its images."""
    fig = Figure(figsize=(10, 2.6 * len(results)), layout="constrained")
    rows = fig.subfigures(len(results), 1)
    for sub, (name, res) in zip(np.atleast_1d(rows), results.items(), strict=True):
        left, right = sub.subfigures(1, 2, width_ratios=[1.6, 1])
        axes = left.subplots(2, 8)
        for ax, img in zip(axes.flat, res.images[:16], strict=False):
            ax.imshow(img[..., 0], cmap="gray", vmin=-1, vmax=1)
            ax.set(xticks=[], yticks=[])
        left.suptitle(label(name[0], name[1]), fontsize=9)
        ax = right.subplots()
        ax.bar(range(10), res.histogram, color=FAKE)
        ax.axhline(0.1, color="gray", ls=":", lw=1)
        ax.set(xticks=range(10), ylim=(0, 1), xlabel=label("digit (course classifier)",
                                                           "数字（课程分类器）"),
               ylabel=label("share", "比例"),
               title=label(f"class entropy {res.entropy:.2f} nats (max 2.30)",
                           f"类别熵 {res.entropy:.2f} 奈特（最大 2.30）"))
    return fig
