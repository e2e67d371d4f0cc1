"""Exercises of lesson 06 (mode collapse): VEEGAN's mode count and the minibatch-std layer.

``modes_captured`` is checked against :func:`course_utils.metrics.veegan_modes` on tiny
hand-made sample sets where the plausible wrong answers differ from it: counting every mode
that is nearest to *some* sample whatever its distance, a quality radius of 1 σ instead of
3 σ, or asking each mode for a share of the samples (lesson 04's ``mode_coverage``).
``minibatch_stddev`` is checked on tiny tensors against
:class:`course_utils.models.MinibatchStdDev`. Defined in lesson 06.
"""

from __future__ import annotations

import numpy as np

from course_utils.data import grid_centres, ring_centres
from course_utils.exercises import Exercise, compare_values

RING = ring_centres(8, 2.0)
GRID = grid_centres(5, 2.0)


# ------------------------------------------------------------------ exercise 1
def reference_modes_captured(samples, centres, std):
    """VEEGAN's mode metrics (reference solution).

    Args:
        samples: ``(n, 2)`` generated points; centres: ``(k, 2)`` mode centres; std: the
            modes' standard deviation.

    Returns:
        ``(modes captured, high-quality share)``: an int in ``[0, k]`` and a float in
        ``[0, 1]``. A sample is high quality when it lies within 3 std of its nearest
        centre; a mode is captured when it is the nearest centre of at least one
        high-quality sample.
    """
    from course_utils import metrics

    m = metrics.veegan_modes(samples, centres, std)
    return m["modes_captured"], m["high_quality_share"]


def _polar(mode, radius, n_modes=8):
    angle = 2 * np.pi * mode / n_modes
    return [radius * np.cos(angle), radius * np.sin(angle)]


def _cases():
    """Hand-made sample sets (float32 ``(n, 2)``) with the expected answers computed by
    :func:`reference_modes_captured`."""
    f32 = np.float32
    # 1: two modes hit closely, one sample 0.2 from mode 5 (10 σ: not high quality), one
    #    at the origin (nearest to mode 0, far from every mode)
    one = np.array([RING[0], RING[0] + [0.03, 0.0], RING[3] + [0.0, -0.05],
                    _polar(5, 2.2), [0.0, 0.0]], f32)
    # 2: 99 samples on mode 0 and a single good one on mode 1: one sample captures a mode
    two = np.concatenate([np.repeat(RING[:1], 99, 0) + np.linspace(-0.01, 0.01, 99)[:, None],
                          RING[1:2] + [0.01, 0.01]]).astype(f32)
    # 3: within 3 σ but beyond 1 σ of modes 2 and 6; nothing else
    three = np.array([RING[2] + [0.045, 0.0], RING[6] + [0.0, 0.035], RING[6] - [0.03, 0.03]],
                     f32)
    # 4: every sample between the modes: nothing captured
    four = np.array([_polar(0.5, 2.0), _polar(3.5, 2.0), _polar(6.5, 1.5)], f32)
    # 5: the 5×5 grid, std 0.05: four corners hit, the centre missed by 0.2
    five = np.array([GRID[0] + [0.1, 0.0], GRID[4], GRID[20] - [0.0, 0.12], GRID[24],
                     GRID[12] + [0.2, 0.0], GRID[12] + [0.0, 0.2]], f32)
    return [((one, RING, 0.02), None), ((two, RING, 0.02), None),
            ((three, RING, 0.02), None), ((four, RING, 0.02), None),
            ((five, GRID, 0.05), None)]


def _compare_modes(got, expected):
    if not isinstance(got, tuple | list) or len(got) != 2:
        return False, ("return the pair (modes captured, high-quality share)",
                       "应返回 (捕获的模式数, 高质量样本比例) 两个值")
    n_got, share_got = got
    if np.ndim(n_got) != 0 or float(n_got) != round(float(n_got)):
        return False, ("the number of modes must be a whole number", "模式数必须是整数")
    if int(n_got) != expected[0]:
        return False, (f"modes captured: expected {expected[0]}, got {int(n_got)}",
                       f"捕获的模式数：期望 {expected[0]}，得到 {int(n_got)}")
    reason = compare_values(float(share_got), float(expected[1]), 1e-6, 1e-6)
    if reason:
        return False, (f"high-quality share: {reason[0]}", f"高质量样本比例：{reason[1]}")
    return True, ""


modes_captured = Exercise(
    "modes_captured",
    reference_modes_captured,
    _cases(),
    compare=_compare_modes,
    hint_en="Find each sample's nearest centre and its distance; keep the samples within "
    "3 std; count the distinct nearest centres of the samples you kept.",
    hint_zh="为每个样本找到最近的中心及其距离；只保留距离在 3 个标准差以内的样本；"
    "数一数这些样本的最近中心有几个不同的。",
)


# ------------------------------------------------------------------ exercise 2
def reference_minibatch_stddev(x):
    """Append the minibatch standard deviation to ``x`` (reference solution).

    Args:
        x: ``(batch, ..., c)`` float tensor.

    Returns:
        ``(batch, ..., c + 1)``: ``x`` with one more channel, the same value everywhere: the
        mean over all features of the standard deviation over the batch (population std,
        ``sqrt(var + 1e-8)``), as :class:`course_utils.models.MinibatchStdDev` computes it.
    """
    from course_utils.models import MinibatchStdDev

    return MinibatchStdDev()(x)


def _std_cases():
    rng = np.random.default_rng(6)
    f32 = np.float32
    return [
        ((np.array([[1.0, 2.0], [3.0, 6.0]], f32),), None),  # std over the batch: 1 and 2
        ((np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], f32),), None),
        ((rng.normal(size=(4, 3)).astype(f32),), None),
        ((rng.normal(size=(3, 2, 2, 2)).astype(f32),), None),  # images: (batch, h, w, c)
    ]


minibatch_stddev = Exercise(
    "minibatch_stddev",
    reference_minibatch_stddev,
    _std_cases(),
    rtol=1e-4,
    atol=1e-5,
    hint_en="Standard deviation over the batch axis (axis 0, population std), then the mean "
    "of those over every other axis: one number. Broadcast it to (batch, ..., 1) and "
    "concatenate it as a last channel.",
    hint_zh="沿批次轴（第 0 轴，总体标准差）求标准差，再对其余所有轴取平均：得到一个数。"
    "把它广播成 (batch, ..., 1)，作为最后一个通道拼接上去。",
)
