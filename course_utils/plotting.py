"""Figures the lessons share: image grids, loss curves, 1-D densities with
D(x), 2-D samples over the discriminator's surface.

Every function returns its ``matplotlib`` figure (a notebook shows it at the
end of the cell); text goes through :func:`course_utils.fonts.label`.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from course_utils.fonts import label


def _to_numpy(x) -> np.ndarray:
    if hasattr(x, "numpy"):
        x = x.numpy()
    return np.asarray(x)


def _axes(ax, figsize):
    if ax is not None:
        return ax.figure, ax
    return plt.subplots(figsize=figsize, layout="constrained")


def image_grid(images, ncols=None, title=None, value_range=(-1.0, 1.0), figsize=None):
    """Show ``images`` ``(n, h, w)`` or ``(n, h, w, 1|3)`` with values in ``value_range``."""
    images = _to_numpy(images)
    if images.ndim == 4 and images.shape[-1] in (1, 3):
        images = images[..., 0] if images.shape[-1] == 1 else images
    elif images.ndim != 3:
        raise ValueError("image_grid expects (n, h, w) or (n, h, w, 1|3) images, got shape "
                         f"{images.shape}.")
    n = images.shape[0]
    if n == 0:
        raise ValueError("image_grid got no images.")
    ncols = ncols or min(n, 8)
    nrows = math.ceil(n / ncols)
    lo, hi = value_range
    shown = np.clip((images - lo) / (hi - lo), 0.0, 1.0)
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                             figsize=figsize or (1.1 * ncols, 1.1 * nrows + (0.4 if title else 0)))
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(shown[i], cmap="gray" if shown.ndim == 3 else None, vmin=0, vmax=1)
    if title:
        fig.suptitle(title)
    return fig


def image_rows(named: dict, title: str | None = None, ncols: int | None = None,
               size: float = 1.0, label_width: float = 1.6):
    """One row per entry of ``named`` (``{row label: images (n, h, w, 1) in [-1, 1]}``), the
    first ``ncols`` images of each (default: as many as the shortest row has), the row label on
    the left in ``label_width`` inches; each image ``size`` inches. Returns the figure."""
    if not named:
        raise ValueError("image_rows() needs at least one row of images.")
    ncols = ncols or min(len(v) for v in named.values())
    fig, axes = plt.subplots(len(named), ncols,
                             figsize=(size * ncols + label_width, size * len(named)), squeeze=False)
    for r, (name, images) in enumerate(named.items()):
        images = _to_numpy(images)
        for c in range(ncols):
            ax = axes[r, c]
            ax.set_xticks([])
            ax.set_yticks([])
            if c < len(images):
                ax.imshow(images[c, ..., 0], cmap="gray", vmin=-1, vmax=1)
        axes[r, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize="small")
    if title:
        fig.suptitle(title, fontsize="medium")
    fig.tight_layout()
    return fig


def loss_curves(history, keys=None, title=None, ax=None, xlabel=None):
    """Plot curves from a ``keras.callbacks.History`` or a dict ``{name: [values]}``."""
    history = getattr(history, "history", history)
    if not isinstance(history, dict) or not history:
        raise ValueError("loss_curves needs a keras History or a non-empty dict of lists.")
    keys = keys or list(history)
    missing = [k for k in keys if k not in history]
    if missing:
        raise ValueError(f"No curve named {missing}; available: {sorted(history)}.")
    fig, ax = _axes(ax, (6, 3.2))
    for k in keys:
        ax.plot(np.arange(1, len(history[k]) + 1), history[k], label=k)
    ax.set_xlabel(xlabel or label("epoch", "轮次"))
    ax.set_ylabel(label("value", "数值"))
    ax.set_title(title or label("Training curves", "训练曲线"))
    ax.legend()
    return fig


def density_1d(real, fake=None, discriminator=None, pdf=None, x_range=None, bins=60,
               title=None, ax=None):
    """Histograms of 1-D ``real`` (and ``fake``) samples ``(n,)`` or ``(n, 1)``.

    ``discriminator``: a callable mapping ``(m, 1)`` float32 points to logits
    or probabilities; drawn as D(x) in [0, 1] on a right-hand axis (logits are
    passed through a sigmoid when any value lies outside [0, 1]).
    ``pdf``: a callable giving the true density on a grid, drawn as a line.
    """
    real = _to_numpy(real).reshape(-1)
    fake = None if fake is None else _to_numpy(fake).reshape(-1)
    if x_range is None:
        both = real if fake is None else np.concatenate([real, fake])
        pad = 0.1 * (both.max() - both.min() + 1e-6)
        x_range = (both.min() - pad, both.max() + pad)
    grid = np.linspace(*x_range, 400, dtype=np.float32)
    fig, ax = _axes(ax, (6, 3.2))
    ax.hist(real, bins=bins, range=x_range, density=True, alpha=0.5,
            label=label("real data", "真实数据"))
    if fake is not None:
        ax.hist(fake, bins=bins, range=x_range, density=True, alpha=0.5,
                label=label("generated data", "生成数据"))
    if pdf is not None:
        ax.plot(grid, pdf(grid), "k--", lw=1, label=label("true density", "真实密度"))
    ax.set_xlabel("x")
    ax.set_ylabel(label("density", "密度"))
    if discriminator is not None:
        d = _to_numpy(discriminator(grid[:, None])).reshape(-1)
        if d.min() < 0 or d.max() > 1:
            d = 1 / (1 + np.exp(-d))
        ax2 = ax.twinx()
        ax2.plot(grid, d, color="tab:red", label="D(x)")
        ax2.set_ylim(-0.02, 1.02)
        ax2.set_ylabel("D(x)", color="tab:red")
    ax.legend(loc="upper left")
    ax.set_title(title or label("1-D distributions", "一维分布"))
    return fig


def samples_2d(real, fake=None, discriminator=None, lim=None, title=None, ax=None,
               resolution=120):
    """Scatter 2-D ``real`` (and ``fake``) samples ``(n, 2)`` over D's surface.

    ``discriminator``: callable mapping ``(m, 2)`` float32 points to logits or
    probabilities; shown as a filled contour of D(x) in [0, 1].
    """
    real = _to_numpy(real)
    if real.ndim != 2 or real.shape[1] != 2:
        raise ValueError(f"samples_2d expects real samples of shape (n, 2), got {real.shape}.")
    fake = None if fake is None else _to_numpy(fake)
    if fake is not None and (fake.ndim != 2 or fake.shape[1] != 2):
        raise ValueError(f"samples_2d expects fake samples of shape (n, 2), got {fake.shape}.")
    if lim is None:
        lim = 1.15 * float(np.abs(real).max())
    fig, ax = _axes(ax, (4.6, 4.2))
    if discriminator is not None:
        axis = np.linspace(-lim, lim, resolution, dtype=np.float32)
        xx, yy = np.meshgrid(axis, axis)
        d = _to_numpy(discriminator(np.stack([xx.ravel(), yy.ravel()], 1))).reshape(xx.shape)
        if d.min() < 0 or d.max() > 1:
            d = 1 / (1 + np.exp(-d))
        surface = ax.contourf(xx, yy, d, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.35)
        fig.colorbar(surface, ax=ax, label="D(x)")
    ax.scatter(real[:, 0], real[:, 1], s=4, c="tab:green", label=label("real", "真实"))
    if fake is not None:
        ax.scatter(fake[:, 0], fake[:, 1], s=4, c="tab:purple", label=label("generated", "生成"))
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper right", markerscale=3)
    ax.set_title(title or label("Samples over D's surface", "样本与判别器曲面"))
    return fig
