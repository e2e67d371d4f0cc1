"""Lesson 04's playground: a generator loss drawn against D's logit, with its tangent.

The generator's gradient reaches it through the discriminator's **logit** ``a`` (``D = σ(a)``),
so the slope that matters is ``dJ/da``. Drawn against ``D`` instead, the minimax loss
``log(1 - D)`` has slope ``-1/(1 - D) ≈ -1`` near ``D = 0`` and looks healthy; drawn against
``a`` it is ``-softplus(a)``, whose slope ``-σ(a) = -D`` dies as ``D → 0``: saturation.
The non-saturating loss ``softplus(-a)`` keeps a slope near ``-1`` there.

Losses are the generator losses of the lesson's loss table (per sample, on the logit or raw
score ``a``; TF-GAN's ``minimax_generator_loss`` differs from ours by a constant only).
For the least-squares and Wasserstein/hinge losses ``a`` is a raw score, read as a logit to
share the axis. Defined in lesson 04::

    from course_utils.lessons.l04_loss_functions.playground import GeneratorLossPlayground
    GeneratorLossPlayground().show()
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import tensorflow as tf

from course_utils.fonts import label
from course_utils.i18n import t
from course_utils.widgets import Playground

GENERATOR_LOSSES = {  # per-sample generator loss J(a) of the logit (or raw score) a
    "minimax": lambda a: -tf.math.softplus(a),  # log(1 - sigmoid(a)), computed stably
    "non-saturating": lambda a: tf.math.softplus(-a),  # -log sigmoid(a)
    "maximum likelihood": lambda a: -tf.exp(a),  # -exp(sigmoid^-1(D)) (Goodfellow 2016) x 2
    "least squares": lambda a: 0.5 * (a - 1.0) ** 2,
    "Wasserstein / hinge": lambda a: -a,
}
LOGIT_RANGE = (-8.0, 8.0)
D_TICKS = (0.001, 0.02, 0.2, 0.5, 0.8, 0.98, 0.999)


def logit(d):
    """``σ⁻¹(d) = log d - log(1 - d)`` for ``d`` (array-like) strictly inside (0, 1)."""
    d = np.asarray(d, dtype=np.float64)
    if not np.all((d > 0) & (d < 1)):
        raise ValueError(f"D(G(z)) must lie strictly between 0 and 1, got {d}.")
    return np.log(d) - np.log1p(-d)


def loss_and_slope(name, a):
    """The loss ``J(a)`` and its slope ``dJ/da`` (by autodiff, float64) at logits ``a``.

    Args:
        name: a key of :data:`GENERATOR_LOSSES`.
        a: array-like of logits (or raw scores).

    Returns:
        two NumPy float64 arrays of ``a``'s shape.
    """
    if name not in GENERATOR_LOSSES:
        raise ValueError(f"Unknown generator loss {name!r}: expected one of "
                         f"{', '.join(GENERATOR_LOSSES)}.")
    a = tf.constant(np.asarray(a, dtype=np.float64))
    with tf.GradientTape() as tape:
        tape.watch(a)
        loss = GENERATOR_LOSSES[name](a)
    return loss.numpy(), tape.gradient(loss, a).numpy()


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-np.asarray(a, dtype=np.float64)))


def _logit_clipped(d):
    return logit(np.clip(d, 1e-12, 1 - 1e-12))


def draw_generator_loss(fig, loss, d):
    """Draw ``loss`` against the logit with its tangent at ``D(G(z)) = d`` (left) and every
    loss's ``|dJ/da|`` (right, ``loss`` highlighted) into the empty figure ``fig``."""
    a0 = float(logit(d))
    grid = np.linspace(*LOGIT_RANGE, 400)
    j, _ = loss_and_slope(loss, grid)
    j0, slope = (float(v[0]) for v in loss_and_slope(loss, [a0]))
    ax1, ax2 = fig.subplots(1, 2)
    ax1.plot(grid, j, color="tab:blue", label=loss)
    ax1.plot(grid, j0 + slope * (grid - a0), "--", color="tab:red",
             label=label(f"tangent, slope {slope:.3g}", f"切线，斜率 {slope:.3g}"))
    ax1.plot([a0], [j0], "o", color="tab:red")
    ax1.set(xlim=LOGIT_RANGE, ylim=(-6, 6), xlabel=label("D's logit a", "判别器的 logit a"),
            ylabel=label("generator loss J", "生成器损失 J"),
            title=label(f"{loss}: dJ/da = {slope:.3g} at D(G(z)) = {d:.3f}",
                        f"{loss}：D(G(z)) = {d:.3f} 处 dJ/da = {slope:.3g}", sep="\n"))
    ax1.legend(loc="upper center", fontsize=8)
    for name in GENERATOR_LOSSES:
        chosen = name == loss
        ax2.semilogy(grid, np.abs(loss_and_slope(name, grid)[1]) + 1e-12, lw=2.5 if chosen else 1,
                     alpha=1.0 if chosen else 0.35, label=name)
    ax2.plot([a0], [abs(slope) + 1e-12], "o", color="tab:red")
    ax2.set(xlim=LOGIT_RANGE, ylim=(1e-4, 1e3), xlabel=label("D's logit a", "判别器的 logit a"),
            ylabel="|dJ / da|", title=label("Slope reaching the generator",
                                            "传到生成器的斜率", sep="\n"))
    ax2.legend(fontsize=7, loc="upper center")
    for ax in (ax1, ax2):
        ax.axvline(a0, color="tab:red", lw=0.6, alpha=0.5)
        top = ax.secondary_xaxis("top", functions=(_sigmoid, _logit_clipped))
        top.set_xticks(D_TICKS, [f"{v:g}" for v in D_TICKS], fontsize=7)
        top.set_xlabel("D(G(z)) = σ(a)", fontsize=8)


class GeneratorLossPlayground(Playground):
    """Pick a generator loss and a value of ``D(G(z))``: see the loss against D's logit, its
    tangent there and the slope that reaches the generator."""

    def __init__(self, loss="minimax", d=0.02):
        if loss not in GENERATOR_LOSSES:
            raise ValueError(f"Unknown generator loss {loss!r}: expected one of "
                             f"{', '.join(GENERATOR_LOSSES)}.")
        logit(d)  # raises unless 0 < d < 1
        super().__init__({
            "loss": widgets.Dropdown(options=list(GENERATOR_LOSSES), value=loss,
                                     description=t("loss", "损失")),
            "d": widgets.FloatSlider(value=d, min=0.001, max=0.999, step=0.001,
                                     readout_format=".3f", description="D(G(z))"),
        }, figsize=(10, 4.2))

    def draw(self, fig, loss, d):
        draw_generator_loss(fig, loss, d)
        fig.set_layout_engine("constrained")
