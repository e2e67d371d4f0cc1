"""Exercise checkers of lesson 05 (vanishing gradients).

``generator_gradient_norm``: the norm of the generator's gradient under the minimax or
the non-saturating cost, checked on a tiny generator (2 → 3) and two tiny
discriminators (3 → 4 → 1): one unsure (logits near 0), one confident that the fakes
are fake (logits near -4, where the two costs differ most).
``decay_orders``: how many orders of magnitude a gradient norm fell, ``log10(first/last)``.
The reference solutions are ``generator_gradient_norm`` and ``decay_orders`` of
:mod:`course_utils.lessons.l05_vanishing_gradients.study`.
"""

from __future__ import annotations

import math

import keras
import numpy as np

from course_utils.exercises import Exercise
from course_utils.lessons.l05_vanishing_gradients import study as gradient_study


def _tiny_models():
    """A tiny generator and two tiny discriminators with fixed (seeded) weights."""
    def dense(units, seed, activation=None, bias=0.0):
        return keras.layers.Dense(
            units, activation=activation,
            kernel_initializer=keras.initializers.RandomNormal(stddev=0.7, seed=seed),
            bias_initializer=keras.initializers.Constant(bias))

    z = keras.Input((2,))
    generator = keras.Model(z, dense(3, 1, "tanh")(z), name="tiny_generator")
    discriminators = []
    for bias in (0.0, -4.0):
        x = keras.Input((3,))
        logit = dense(1, 3, bias=bias)(dense(4, 2, "leaky_relu")(x))
        discriminators.append(keras.Model(x, logit, name="tiny_discriminator"))
    return generator, discriminators


_G, (_D_UNSURE, _D_CONFIDENT) = _tiny_models()
_Z = np.array([[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.1, 0.2]], dtype=np.float32)

generator_gradient_norm = Exercise(
    "generator_gradient_norm",
    gradient_study.generator_gradient_norm,
    [
        ((_G, _D_UNSURE, _Z, "minimax"), None),
        ((_G, _D_UNSURE, _Z, "non_saturating"), None),
        ((_G, _D_CONFIDENT, _Z, "minimax"), None),
        ((_G, _D_CONFIDENT, _Z, "non_saturating"), None),
    ],
    rtol=1e-4,
    atol=1e-7,
    hint_en="Record generator -> discriminator -> cost on a GradientTape, take the gradient "
            "w.r.t. generator.trainable_variables (not D's), then metrics.gradient_norm. "
            "With p = sigmoid(logit): minimax = mean log(1 - p), non-saturating = -mean log p.",
    hint_zh="在 GradientTape 中记录 生成器 → 判别器 → 代价，对 generator.trainable_variables"
            "（不是判别器的权重）求梯度，再用 metrics.gradient_norm。记 p = sigmoid(logit)："
            "极小极大代价 = mean log(1 - p)，非饱和代价 = -mean log p。",
)


def _same_number(got, expected):
    """Compare as plain floats, so the message reads ``expected 3, got -3``."""
    got = float(np.asarray(got.numpy() if hasattr(got, "numpy") else got))
    ok = math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-9)
    return ok, (f"expected {expected:g}, got {got:.4g}", f"期望 {expected:g}，得到 {got:.4g}")


decay_orders = Exercise(
    "decay_orders",
    gradient_study.decay_orders,
    [
        (([1000.0, 1.0],), 3.0),
        (([2.0, 4.0, 0.02],), 2.0),
        ((np.array([0.5, 0.7, 5.0]),), -1.0),
    ],
    compare=_same_number,
    hint_en="Orders of magnitude are counted in base 10, from the first norm to the last; "
            "a gradient that shrank gives a positive number.",
    hint_zh="数量级以 10 为底，从第一个范数算到最后一个；梯度变小时结果为正。",
)
