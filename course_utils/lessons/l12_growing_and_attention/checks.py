"""Exercise checkers of lesson 12 (growing and attention). Defined in lesson 12.

1. ``fade_in(old, new, alpha)``: the fade-in blend of progressive growing. ``old`` is the
   previous stage's image ``(batch, r, r, c)``, ``new`` the new block's ``(batch, 2r, 2r, c)``;
   return ``(1 − α) · up(old) + α · new`` with ``up`` the nearest-neighbour ×2 upsampling
   (each pixel repeated in a 2 × 2 square).
2. ``self_attention(x, w_query, w_key, w_value, gamma)``: the self-attention block on a
   feature map ``x`` ``(batch, h, w, c)`` with the 1×1 convolutions given as matrices
   ``w_query``, ``w_key`` ``(c, c')`` and ``w_value`` ``(c, c)``:
   ``β = softmax_j(q_i · k_j)``, ``y = x + γ · β v``, same shape as ``x``.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise


# ---------------------------------------------------------------- reference solutions
def fade_in_reference(old, new, alpha):
    """``(1 − α) · up(old) + α · new``: old ``(b, r, r, c)``, new ``(b, 2r, 2r, c)``."""
    old = tf.convert_to_tensor(old, tf.float32)
    up = tf.repeat(tf.repeat(old, 2, axis=1), 2, axis=2)           # nearest-neighbour ×2
    return (1.0 - alpha) * up + alpha * tf.convert_to_tensor(new, tf.float32)


def self_attention_reference(x, w_query, w_key, w_value, gamma):
    """``x + γ · softmax(q kᵀ) v`` with q = x W_q, k = x W_k, v = x W_v per position."""
    x = tf.convert_to_tensor(x, tf.float32)
    b, h, w, c = x.shape
    flat = tf.reshape(x, (b, h * w, c))                             # (b, N, c)
    q, k, v = flat @ w_query, flat @ w_key, flat @ w_value          # 1×1 convolutions
    beta = tf.nn.softmax(q @ tf.transpose(k, (0, 2, 1)), axis=-1)   # (b, N, N), rows sum to 1
    return x + gamma * tf.reshape(beta @ v, (b, h, w, c))           # y = x + γ·o


# ---------------------------------------------------------------- fade-in
_OLD = np.array([[[[1.0], [2.0]], [[3.0], [4.0]]]], np.float32)     # (1, 2, 2, 1)
_NEW = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1) / 4.0    # (1, 4, 4, 1)
_UP = np.array([[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]],
               np.float32).reshape(1, 4, 4, 1)

fade_in = Exercise(
    "fade_in",
    fade_in_reference,
    [
        ((_OLD, _NEW, 0.0), _UP),                       # α = 0: the old image, upsampled
        ((_OLD, _NEW, 1.0), _NEW),                      # α = 1: the new block alone
        ((_OLD, _NEW, 0.25), 0.75 * _UP + 0.25 * _NEW),
        ((np.random.default_rng(0).normal(size=(2, 3, 3, 2)).astype(np.float32),
          np.random.default_rng(1).normal(size=(2, 6, 6, 2)).astype(np.float32), 0.6), None),
    ],
    hint_en="Repeat every pixel of old twice along height and width (np.repeat or tf.repeat on "
    "axes 1 and 2), then mix: (1 − alpha) · that + alpha · new.",
    hint_zh="把 old 的每个像素在高和宽方向各重复两次（在第 1、2 轴上用 np.repeat 或 tf.repeat），"
    "再混合：(1 − alpha) · 它 + alpha · new。",
)

# ---------------------------------------------------------------- self-attention
_rng = np.random.default_rng(12)
_X = _rng.normal(size=(2, 3, 2, 4)).astype(np.float32)
_WQ, _WK = (_rng.normal(size=(4, 2)).astype(np.float32) for _ in range(2))
_WV = _rng.normal(size=(4, 4)).astype(np.float32)

self_attention = Exercise(
    "self_attention",
    self_attention_reference,
    [
        ((_X, _WQ, _WK, _WV, 0.0), _X),                 # γ = 0: the identity
        ((_X, _WQ, _WK, _WV, 1.0), None),
        ((_X, _WQ, _WK, _WV, -0.5), None),
        ((_X[:1, :1, :1], _WQ, _WK, _WV, 1.0), _X[:1, :1, :1] + _X[:1, :1, :1] @ _WV),  # N = 1
    ],
    rtol=1e-4, atol=1e-5,
    hint_en="Flatten the h·w positions: (b, N, c). Then q = x @ w_query, k = x @ w_key, "
    "v = x @ w_value; β = softmax over the LAST axis of q @ kᵀ (each query's weights sum to 1); "
    "reshape β @ v back to (b, h, w, c) and return x + gamma · it.",
    hint_zh="先把 h·w 个位置展平为 (b, N, c)。然后 q = x @ w_query，k = x @ w_key，"
    "v = x @ w_value；"
    "β 是 q @ kᵀ 在最后一个轴上的 softmax（每个查询的权重和为 1）；把 β @ v 变回 (b, h, w, c)，"
    "返回 x + gamma · 它。",
)

__all__ = ["fade_in", "fade_in_reference", "self_attention", "self_attention_reference"]
