"""Exercise checkers of lesson 00 (welcome): two warm-up functions.

- :data:`scale_to_unit_range`: uint8 pixels 0…255 → float32 in [-1, 1], the range of a
  tanh generator's output (the plausible slip: ``x / 255``, which gives [0, 1]).
- :data:`ring_centres`: the centres of a ring of Gaussians at angles ``2πk/n``
  (the plausible slip: ``np.linspace(0, 2π, n)``, whose last angle repeats the first).

Defined in lesson 00; ``course_utils.data`` uses the same conventions.
"""

from __future__ import annotations

import numpy as np

from course_utils.exercises import Exercise, compare_values

__all__ = ["ring_centres", "ring_centres_reference", "scale_to_unit_range",
           "scale_to_unit_range_reference"]


# ------------------------------------------------------------------ reference solutions
def scale_to_unit_range_reference(images_uint8):
    """uint8 images of any shape, values 0…255 → float32, same shape, values in [-1, 1]."""
    return np.asarray(images_uint8).astype(np.float32) / 127.5 - 1.0


def ring_centres_reference(n_modes, radius):
    """``(n_modes, 2)`` float32: centre ``k`` at ``radius * (cos, sin)(2πk / n_modes)``."""
    angles = 2.0 * np.pi * np.arange(n_modes) / n_modes
    return (radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)).astype(np.float32)


# ------------------------------------------------------------------------- comparisons
def _compare_scaled(got, expected):
    """Values first (they say most), then the dtype Keras layers expect."""
    reason = compare_values(got, expected)
    if reason is not None:
        got_arr = np.asarray(got, dtype=np.float64)
        if got_arr.size and got_arr.min() >= 0.0 and got_arr.max() <= 1.0 + 1e-6:
            en, zh = reason
            return False, (
                f"{en} — your values lie in [0, 1], the range of x / 255",
                f"{zh}——你的值落在 [0, 1]，这是 x / 255 的范围",
            )
        return False, reason
    dtype = np.asarray(got).dtype
    if dtype != np.float32:
        return False, (
            f"the values are right but the dtype is {dtype}; expected float32 "
            "(what Keras layers compute in)",
            f"数值正确，但 dtype 是 {dtype}；期望 float32（Keras 层的计算类型）",
        )
    return True, ""


def _distinct_rows(points, decimals: int = 5) -> int:
    return len(np.unique(np.round(np.asarray(points, dtype=np.float64), decimals), axis=0))


def _compare_centres(got, expected):
    """Shape, then repeated centres (the linspace slip), then the values."""
    got_arr, expected_arr = np.asarray(got), np.asarray(expected)
    if got_arr.shape != expected_arr.shape:
        return False, (
            f"got shape {got_arr.shape}, expected shape {expected_arr.shape} "
            "(one row (x, y) per mode)",
            f"得到形状 {got_arr.shape}，期望形状 {expected_arr.shape}（每个模式一行 (x, y)）",
        )
    n, distinct = len(expected_arr), _distinct_rows(got_arr)
    if distinct < n:
        return False, (
            f"only {distinct} distinct centres for {n} modes: two centres coincide",
            f"{n} 个模式只有 {distinct} 个不同的中心：有两个中心重合",
        )
    reason = compare_values(got_arr, expected_arr, rtol=1e-5, atol=1e-5)
    return (True, "") if reason is None else (False, reason)


# ---------------------------------------------------------------------------- exercises
scale_to_unit_range = Exercise(
    "scale_to_unit_range",
    scale_to_unit_range_reference,
    [
        ((np.array([0, 255], dtype=np.uint8),), np.array([-1.0, 1.0], dtype=np.float32)),
        ((np.array([[51, 102], [153, 204]], dtype=np.uint8),),
         np.array([[-0.6, -0.2], [0.2, 0.6]], dtype=np.float32)),
        ((np.zeros((2, 3, 3, 1), dtype=np.uint8),), None),
    ],
    compare=_compare_scaled,
    hint_en="A tanh generator outputs values in (-1, 1): map 0 to -1 and 255 to +1 "
            "(a scale and a shift), and return float32.",
    hint_zh="以 tanh 结尾的生成器输出在 (-1, 1) 之间：把 0 映射到 -1、255 映射到 +1"
            "（先缩放再平移），并返回 float32。",
)

ring_centres = Exercise(
    "ring_centres",
    ring_centres_reference,
    [
        ((4, 1.0), np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]],
                            dtype=np.float32)),
        ((3, 2.0), None),
        ((8, 0.5), None),
        ((1, 1.5), np.array([[1.5, 0.0]], dtype=np.float32)),
    ],
    compare=_compare_centres,
    hint_en="The angles 0 and 2π are the same point on the circle: n equal steps of 2π/n "
            "start at 0 and stop one step before 2π (np.linspace(0, 2π, n) includes 2π, "
            "so its last centre repeats the first).",
    hint_zh="角度 0 和 2π 是圆上的同一个点：n 个等分步长为 2π/n，从 0 开始、在 2π 前一步结束"
            "（np.linspace(0, 2π, n) 包含 2π，所以最后一个中心与第一个重合）。",
)
