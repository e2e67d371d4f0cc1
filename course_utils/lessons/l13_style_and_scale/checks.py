"""Exercise checkers of lesson 13 (style and scale). Defined in lesson 13.

1. ``adain(x, scale, bias)``: adaptive instance normalisation — normalise each example's
   each channel of ``x`` ``(batch, h, w, c)`` over height and width (mean 0, std 1, with
   ε = 1e-5 inside the square root), then scale by ``scale`` and shift by ``bias``
   ``(batch, c)``.
2. ``truncated_normal(n, dim, psi, seed)``: ``(n, dim)`` standard normal draws with every
   entry outside ``[-psi, psi]`` redrawn (BigGAN's truncation trick), NOT clipped.
"""

from __future__ import annotations

import math

import numpy as np

from course_utils.exercises import Exercise
from course_utils.lessons.l13_style_and_scale.study import truncated_normal
from course_utils.models.style import adain


# ---------------------------------------------------------------- reference solutions
def adain_reference(x, scale, bias):
    """``scale · (x − μ) / sqrt(σ² + 1e-5) + bias``, μ and σ² per example and channel."""
    return adain(np.asarray(x, np.float32), np.asarray(scale, np.float32),
                 np.asarray(bias, np.float32), epsilon=1e-5)


def truncated_normal_reference(n, dim, psi, seed=0):
    """N(0, 1) entries, each one outside ``[-psi, psi]`` redrawn until it falls inside."""
    return truncated_normal(n, dim, psi, seed=seed)


# ---------------------------------------------------------------- AdaIN
_RNG = np.random.default_rng(13)
_X1 = np.array([[[[1.0], [3.0]], [[5.0], [7.0]]]], np.float32)          # (1, 2, 2, 1): μ 4, σ² 5
_X2 = _RNG.normal(2.0, 3.0, (2, 3, 3, 2)).astype(np.float32)           # two examples, 2 channels
_X2[1] = 10.0 * _X2[1] - 4.0                                           # ... of other statistics

adain_exercise = Exercise(
    "adain",
    adain_reference,
    [
        ((_X1, np.array([[2.0]], np.float32), np.array([[1.0]], np.float32)), None),
        ((_X2, np.array([[1.0, 0.5], [2.0, 3.0]], np.float32),
          np.array([[0.0, 1.0], [-1.0, 2.0]], np.float32)), None),
    ],
    rtol=1e-4, atol=1e-4,
    hint_en="Take the mean and the variance over axes (1, 2) only, keeping the dimensions "
    "(keepdims=True); the style (batch, c) needs two new axes to broadcast over h and w.",
    hint_zh="只在轴 (1, 2) 上求均值和方差，并保留维度（keepdims=True）；风格 (batch, c) "
    "需要增加两个轴才能在 h 和 w 上广播。",
)


# ---------------------------------------------------------------- truncated sampling
def truncated_std(psi: float) -> float:
    """Standard deviation of N(0, 1) truncated to [-psi, psi]."""
    phi = math.exp(-psi * psi / 2) / math.sqrt(2 * math.pi)
    mass = math.erf(psi / math.sqrt(2))  # P(|z| ≤ ψ)
    return math.sqrt(1.0 - 2.0 * psi * phi / mass)


def _validate_truncation(fn):
    for psi in (0.5, 2.0):
        z = np.asarray(fn(4000, 3, psi, seed=1), dtype=np.float64)
        if z.shape != (4000, 3):
            return False, (f"truncated_normal(4000, 3, {psi}) has shape {z.shape}, expected "
                           "(4000, 3)", f"truncated_normal(4000, 3, {psi}) 的形状是 {z.shape}，"
                           "应为 (4000, 3)")
        if np.abs(z).max() > psi + 1e-6:
            return False, (f"with psi = {psi} a value {np.abs(z).max():.3f} lies outside "
                           f"[-psi, psi]", f"psi = {psi} 时有一个值 {np.abs(z).max():.3f} "
                           "落在 [-psi, psi] 之外")
        edge = float(np.mean(np.abs(z) > psi - 1e-4))
        if edge > 0.01:
            return False, (f"with psi = {psi}, {edge:.0%} of the values sit on ±psi: clipping "
                           "piles them at the edge; redraw them instead",
                           f"psi = {psi} 时 {edge:.0%} 的值正好落在 ±psi 上：裁剪会把它们堆在"
                           "边界上；应当重新抽取")
        std, want = float(z.std()), truncated_std(psi)
        if abs(std - want) > 0.05 * want or abs(float(z.mean())) > 0.05:
            return False, (f"with psi = {psi} the values have mean {z.mean():.3f} and std "
                           f"{std:.3f}; a truncated standard normal has mean 0 and std "
                           f"{want:.3f}", f"psi = {psi} 时均值 {z.mean():.3f}、标准差 "
                           f"{std:.3f}；截断标准正态分布的均值为 0、标准差为 {want:.3f}")
    return True, ""


truncated_normal_exercise = Exercise(
    "truncated_normal",
    truncated_normal_reference,
    validate=_validate_truncation,
    hint_en="Draw rng.standard_normal((n, dim)); find the entries with |z| > psi and draw "
    "only those again, until none is left.",
    hint_zh="先抽取 rng.standard_normal((n, dim))；找出 |z| > psi 的元素，只对它们重新抽取，"
    "直到一个也不剩。",
)

__all__ = ["adain_exercise", "adain_reference", "truncated_normal_exercise",
           "truncated_normal_reference", "truncated_std"]
