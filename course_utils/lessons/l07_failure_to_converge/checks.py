"""Exercise checkers of lesson 07 (failure to converge).

``r1_penalty(discriminator, real, fake)``: the zero-centred gradient penalty R1 of
Mescheder et al. (2018), mean over the *real* batch of ‖∇ₓD(x)‖², checked against
:func:`course_utils.penalties.r1_penalty` on three tiny discriminators (linear and
quadratic, whose answers are written out by hand, and a small tanh MLP); ``fake`` is
given, as in a D update, and must not be penalised.
``annealed_noise_std(step, total_steps, sigma0, schedule)``: an instance-noise standard
deviation that decays to 0 over training, linearly or exponentially (reference:
:func:`reference_annealed_noise_std`).
"""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf

from course_utils import penalties
from course_utils.exercises import Exercise

SCHEDULES = ("linear", "exponential")
EXP_RATE = 5.0
"""The exponential schedule falls by e⁻⁵ ≈ 0.7 % over training, then switches off."""


def reference_r1_penalty(discriminator, real, fake):
    """R1 = mean over the real batch of ‖∇ₓ D(x)‖²; ``fake`` is not used (R1 is zero-centred
    at the data only). ``discriminator``: callable ``(batch, d) -> (batch, 1)`` logits."""
    del fake  # R1 penalises the discriminator on the real data only
    return penalties.r1_penalty(discriminator, real)


def reference_annealed_noise_std(step, total_steps, sigma0, schedule="linear"):
    """Instance-noise std at ``step`` (0, 1, …) of ``total_steps``, starting at ``sigma0``.

    linear: σ₀·(1 − t/T) until T, then 0; exponential: σ₀·exp(−5t/T) until T, then 0.
    Returns a Python float ≥ 0.
    """
    if schedule not in SCHEDULES:
        raise ValueError(f"Unknown schedule {schedule!r}: expected one of {', '.join(SCHEDULES)}.")
    if not total_steps > 0:
        raise ValueError(f"total_steps must be > 0, got {total_steps!r}.")
    if sigma0 < 0:
        raise ValueError(f"sigma0 must be ≥ 0, got {sigma0!r}.")
    fraction = step / total_steps
    if fraction >= 1:
        return 0.0
    if schedule == "linear":
        return float(sigma0 * (1.0 - fraction))
    return float(sigma0 * math.exp(-EXP_RATE * fraction))


# ------------------------------------------------------------------ tiny discriminators
def linear_d(x):
    """D(x) = x·w, w = (1.5, −2): its input gradient is w everywhere, ‖w‖² = 6.25."""
    return tf.matmul(x, tf.constant([[1.5], [-2.0]]))


def quadratic_d(x):
    """D(x) = ½‖x‖²: its input gradient is x itself, so R1 = mean ‖x_real‖²."""
    return 0.5 * tf.reduce_sum(tf.square(x), axis=1, keepdims=True)


def _mlp_d():
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(
        4, activation="tanh", kernel_initializer=keras.initializers.RandomNormal(stddev=1.0,
                                                                               seed=7))(inputs)
    logit = keras.layers.Dense(1, kernel_initializer=keras.initializers.RandomNormal(
        stddev=1.0, seed=8))(hidden)
    return keras.Model(inputs, logit, name="tiny_tanh_discriminator")


tanh_d = _mlp_d()
_REAL2 = tf.constant([[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8]])
_FAKE2 = tf.constant([[2.0, 1.0], [-1.0, -2.5], [0.1, 0.1]])
_REAL3 = tf.constant([[0.2, -0.4, 1.0], [1.0, 0.5, -0.5], [-0.7, 0.3, 0.1], [0.0, 0.9, 0.4]])
_FAKE3 = tf.constant([[1.5, -1.0, 0.2], [-2.0, 0.4, 1.1]])

r1_penalty = Exercise(
    "r1_penalty",
    reference_r1_penalty,
    [
        ((linear_d, _REAL2, _FAKE2), 6.25),
        ((quadratic_d, _REAL2, _FAKE2), float(np.mean(np.sum(np.square(_REAL2), axis=1)))),
        ((tanh_d, _REAL3, _FAKE3), None),
    ],
    rtol=1e-4,
    atol=1e-6,
    hint_en="tape.watch(real); take the gradient of D(real) w.r.t. real; square it, sum over "
            "the features, average over the batch. R1 is zero-centred (no '- 1') and looks "
            "at the real data only.",
    hint_zh="tape.watch(real)；求 D(real) 对 real 的梯度；平方后对特征求和，再对批取平均。"
            "R1 以零为中心（没有“- 1”），并且只看真实数据。",
)

annealed_noise_std = Exercise(
    "annealed_noise_std",
    reference_annealed_noise_std,
    [
        ((0, 1000, 2.0, "linear"), 2.0),
        ((250, 1000, 2.0, "linear"), 1.5),
        ((1000, 1000, 2.0, "linear"), 0.0),
        ((1500, 1000, 2.0, "linear"), 0.0),
        ((0, 400, 1.0, "exponential"), 1.0),
        ((200, 400, 1.0, "exponential"), None),
        ((399, 400, 1.0, "exponential"), None),
        ((400, 400, 1.0, "exponential"), 0.0),
        ((900, 400, 1.0, "exponential"), 0.0),
    ],
    rtol=1e-6,
    atol=1e-9,
    hint_en="Use the fraction of training done, t / T. Linear: σ₀(1 − t/T); exponential: "
            "σ₀·exp(−5·t/T). From t = T on, the noise is off (0) — never negative.",
    hint_zh="用已完成训练的比例 t / T。线性：σ₀(1 − t/T)；指数：σ₀·exp(−5·t/T)。"
            "从 t = T 起噪声关闭（为 0）——绝不能为负。",
)


def noise_curve(schedule_fn, total_steps: int, sigma0: float, schedule: str) -> np.ndarray:
    """σ_t of ``schedule_fn`` at every step 0 … total_steps (for plots), ``(total_steps + 1,)``."""
    return np.array([schedule_fn(k, total_steps, sigma0, schedule)
                     for k in range(total_steps + 1)], dtype=float)
