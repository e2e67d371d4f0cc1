"""Exercise checkers of lesson 11 (unpaired translation). Defined in lesson 11.

1. ``cycle_consistency_loss(a, reconstructed_a, b, reconstructed_b, weight)``: CycleGAN's
   cycle loss, ``λ · (mean |F(G(a)) − a| + mean |G(F(b)) − b|)`` (the paper's eq. 2 and 3).
2. ``pool_query(pool, fake, u, index, size, probability)``: one query of the image history
   buffer: while ``pool`` holds fewer than ``size`` images, store ``fake`` and show it; once
   full, if the uniform draw ``u < probability`` show the stored ``pool[index]`` and put
   ``fake`` in its place, else show ``fake``. Returns ``(shown, new_pool)``.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise


# ---------------------------------------------------------------- reference solutions
def cycle_consistency_loss_reference(a, reconstructed_a, b, reconstructed_b, weight=10.0):
    """``weight · (mean |reconstructed_a − a| + mean |reconstructed_b − b|)`` (a scalar)."""
    def l1(x, y):
        return tf.reduce_mean(tf.abs(tf.cast(x, tf.float32) - tf.cast(y, tf.float32)))

    # λ (‖F(G(a)) − a‖₁ + ‖G(F(b)) − b‖₁)
    return weight * (l1(reconstructed_a, a) + l1(reconstructed_b, b))


def pool_query_reference(pool, fake, u, index, size=50, probability=0.5):
    """``(shown, new_pool)``: one query of the history buffer (``pool`` is not modified)."""
    pool = list(pool)
    if len(pool) < size:                     # still filling: keep it, show it
        return fake, pool + [fake]
    if u < probability:                      # with probability p: show an older fake …
        shown, pool[index] = pool[index], fake  # … and store the new one in its place
        return shown, pool
    return fake, pool                        # otherwise: the new fake, pool unchanged


# ---------------------------------------------------------------- the cycle loss
_A = np.array([[[[1.0], [-1.0]], [[0.0], [0.5]]]], np.float32)       # (1, 2, 2, 1)
_REC_A = np.array([[[[0.5], [-1.0]], [[0.0], [0.0]]]], np.float32)   # mean |rec − a| = 0.25
_B = np.array([[[[-1.0], [-1.0]], [[1.0], [1.0]]]], np.float32)
_REC_B = np.array([[[[-1.0], [0.0]], [[1.0], [1.0]]]], np.float32)   # mean |rec − b| = 0.25

cycle_consistency_loss = Exercise(
    "cycle_consistency_loss",
    cycle_consistency_loss_reference,
    [
        ((_A, _A, _B, _B, 10.0), np.float32(0.0)),          # perfect reconstructions: 0
        ((_A, _REC_A, _B, _B, 10.0), np.float32(2.5)),      # the forward cycle alone: 10 · 0.25
        ((_A, _REC_A, _B, _REC_B, 10.0), np.float32(5.0)),  # both directions
        ((_A, _REC_A, _B, _REC_B, 1.0), np.float32(0.5)),   # λ multiplies
    ],
    rtol=1e-5,
    hint_en="Two L1 terms, one per direction: the mean absolute difference between a and its "
    "reconstruction F(G(a)), plus the same for b and G(F(b)); multiply their sum by weight. "
    "Absolute values, not squares; a sum of the two means, not their average.",
    hint_zh="两个 L1 项，每个方向一个：a 与它的重建 F(G(a)) 之差的绝对值的平均，"
    "加上 b 与 G(F(b)) 的同样的量；再把它们的和乘以 weight。"
    "是绝对值而不是平方；是两个平均值之和，而不是它们的平均。",
)

# ---------------------------------------------------------------- the history buffer
pool_query = Exercise(
    "pool_query",
    pool_query_reference,
    [
        (([], 7.0, 0.9, 0, 2), (7.0, [7.0])),                   # empty: store and show
        (([3.0], 7.0, 0.1, 0, 2), (7.0, [3.0, 7.0])),           # filling: u does not matter
        (([3.0, 4.0], 7.0, 0.1, 1, 2), (4.0, [3.0, 7.0])),      # full, u < p: swap
        (([3.0, 4.0], 7.0, 0.9, 1, 2), (7.0, [3.0, 4.0])),      # full, u ≥ p: show the new
        (([3.0, 4.0, 5.0], 8.0, 0.3, 0, 3, 0.25), (8.0, [3.0, 4.0, 5.0])),  # p = ¼
        (([3.0, 4.0, 5.0], 8.0, 0.2, 2, 3, 0.25), (5.0, [3.0, 4.0, 8.0])),
    ],
    hint_en="Three cases, in this order: the pool is not full yet (keep the fake and show it); "
    "the draw u is below probability (show the stored image at index and put the fake there); "
    "otherwise show the fake and leave the pool as it was. Return a new list, not None.",
    hint_zh="按顺序分三种情况：缓冲区还没满（存下这张虚假图像并显示它）；随机数 u 小于 probability"
    "（显示 index 处存着的图像，并把新的虚假图像放在那里）；否则显示新的虚假图像，缓冲区不变。"
    "返回一个新的列表，而不是 None。",
)

__all__ = ["cycle_consistency_loss", "cycle_consistency_loss_reference", "pool_query",
           "pool_query_reference"]
