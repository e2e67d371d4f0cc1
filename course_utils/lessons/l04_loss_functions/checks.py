"""Exercise checkers of lesson 04 (loss functions): the Wasserstein critic loss and the
WGAN-GP gradient penalty. Defined in lesson 04.

The learner's ``critic_loss(real_scores, fake_scores)`` takes raw critic outputs (no sigmoid)
of shape ``(batch, 1)`` and returns the scalar ``mean f(G(z)) - mean f(x)``
that the critic minimizes.

``gradient_penalty(critic, real, fake, alpha)`` takes a critic (a callable mapping
``(batch, d)`` float32 to ``(batch, 1)``), real and fake samples ``(batch, d)`` and the
interpolation weights ``alpha`` ``(batch, 1)`` in [0, 1]; it returns the scalar
``mean_i (||grad f(x_hat_i)|| - 1)^2`` at the interpolates ``x_hat`` between real and fake.
Both conventions ``x_hat = alpha * real + (1 - alpha) * fake`` (Gulrajani et al. 2017) and
``x_hat = real + alpha * (fake - real)`` (TF-GAN) are accepted: with alpha ~ Uniform(0, 1)
they draw the same distribution of interpolates.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise, compare_values


# ---------------------------------------------------------------- reference solutions
def critic_loss_reference(real_scores, fake_scores):
    """Wasserstein critic loss: mean critic score on fakes minus mean score on reals."""
    return tf.reduce_mean(fake_scores) - tf.reduce_mean(real_scores)


def gradient_penalty_reference(critic, real, fake, alpha):
    """WGAN-GP penalty ``mean_i (||grad f(x_hat_i)||_2 - 1)^2``, norms per example."""
    real = tf.convert_to_tensor(real, tf.float32)
    fake = tf.convert_to_tensor(fake, tf.float32)
    x_hat = alpha * real + (1.0 - alpha) * fake
    with tf.GradientTape() as tape:
        tape.watch(x_hat)
        scores = critic(x_hat)
    grads = tape.gradient(scores, x_hat)
    norms = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=list(range(1, grads.shape.rank))))
    return tf.reduce_mean(tf.square(norms - 1.0))


# ---------------------------------------------------------------- tiny critics for the cases
def linear_critic(w):
    """``f(x) = x · w``: its gradient is ``w`` everywhere, so the penalty is ``(||w|| - 1)^2``."""
    w = tf.constant(np.reshape(w, (-1, 1)), tf.float32)
    return lambda x: tf.matmul(x, w)


def quadratic_critic(x):
    """``f(x) = ||x||^2 / 2``: its gradient at ``x_hat`` is ``x_hat`` itself."""
    return 0.5 * tf.reduce_sum(tf.square(x), axis=1, keepdims=True)


_W1 = tf.constant([[0.8, -0.5, 0.3], [0.2, 0.9, -0.7]], tf.float32)
_W2 = tf.constant([[1.5], [-1.0], [0.6]], tf.float32)


def tanh_critic(x):
    """A fixed two-layer critic ``tanh(x W1) W2`` with 2-D inputs: no closed form needed."""
    return tf.matmul(tf.tanh(tf.matmul(x, _W1)), _W2)


def _const(values):
    return tf.constant(values, tf.float32)


# ---------------------------------------------------------------- critic loss
critic_loss = Exercise(
    "critic_loss",
    critic_loss_reference,
    [
        ((_const([[1.0], [3.0]]), _const([[0.0], [-2.0]])), -3.0),  # -1 - 2
        ((_const([[0.5], [0.5]]), _const([[0.5], [0.5]])), 0.0),
        ((_const([[2.0], [-1.0], [5.0]]), _const([[4.0], [1.0]])), 0.5),  # batch sizes differ
    ],
    hint_en="The critic wants high scores on real data and low scores on fakes; it minimizes "
    "its loss. Which sign must each mean get?",
    hint_zh="评论家希望真实数据得分高、虚假数据得分低，而它是在最小化自己的损失。"
    "两个均值各应取什么符号？",
)

# ---------------------------------------------------------------- gradient penalty
# Cases: (critic, real, fake, alpha) -> expected for both interpolation conventions,
# (alpha * real + (1 - alpha) * fake, real + alpha * (fake - real)).
_LINEAR = (linear_critic([3.0, 4.0]), _const([[1.0, 2.0], [0.0, -1.0]]),
           _const([[2.0, 0.0], [1.0, 1.0]]), _const([[0.3], [0.8]]))
_QUADRATIC = (quadratic_critic, _const([[4.0, 0.0], [0.0, 0.0]]),
              _const([[0.0, 0.0], [0.0, 2.0]]), _const([[0.25], [0.5]]))
_TANH = (tanh_critic, _const([[0.5, -1.0], [1.0, 1.0], [-0.3, 0.2]]),
         _const([[-1.0, 0.5], [0.2, -0.4], [0.9, 0.1]]), _const([[0.1], [0.6], [0.95]]))


def _both_conventions(critic, real, fake, alpha):
    """The reference at ``alpha`` and at ``1 - alpha`` (the other way of interpolating)."""
    return (float(gradient_penalty_reference(critic, real, fake, alpha)),
            float(gradient_penalty_reference(critic, real, fake, 1.0 - alpha)))


def _either_convention(got, expected):
    """Accept a match with either interpolation convention; say what was expected."""
    first, second = expected
    if compare_values(got, np.float32(first), rtol=1e-4, atol=1e-5) is None:
        return True, ""
    if compare_values(got, np.float32(second), rtol=1e-4, atol=1e-5) is None:
        return True, ""
    got = np.asarray(got.numpy() if hasattr(got, "numpy") else got)
    if got.dtype.kind not in "biuf":
        return False, (f"expected a number, got {got!r}", f"期望一个数，得到 {got!r}")
    if got.shape != ():
        return False, (f"got shape {got.shape}, expected a scalar (the mean over the batch)",
                       f"得到形状 {got.shape}，期望一个标量（对批次取平均）")
    value = float(got)
    if np.isclose(first, second):
        return False, (f"expected {first:.4g}, got {value:.4g}",
                       f"期望 {first:.4g}，得到 {value:.4g}")
    return False, (f"expected {first:.4g} (or {second:.4g} with alpha and 1 - alpha swapped), "
                   f"got {value:.4g}",
                   f"期望 {first:.4g}（若交换 alpha 与 1 - alpha 则为 {second:.4g}），"
                   f"得到 {value:.4g}")


gradient_penalty = Exercise(
    "gradient_penalty",
    gradient_penalty_reference,
    [
        (_LINEAR, (16.0, 16.0)),  # ||w|| = ||(3, 4)|| = 5 everywhere: (5 - 1)^2 = 16
        (_QUADRATIC, (0.0, 2.0)),  # x_hat = (1, 0), (0, 1): 0; or (3, 0), (0, 1): (4 + 0) / 2
        (_TANH, _both_conventions(*_TANH)),  # no closed form: the reference, both ways
    ],
    compare=_either_convention,
    hint_en="Take the gradient of the critic's scores with respect to the interpolates "
    "(tape.watch them), its Euclidean norm for each example separately, then the mean of "
    "(norm - 1)^2.",
    hint_zh="对插值点求评论家得分的梯度（记得 tape.watch），对每个样本分别求欧几里得范数，"
    "再对 (范数 - 1)^2 取平均。",
)

__all__ = ["critic_loss", "critic_loss_reference", "gradient_penalty",
           "gradient_penalty_reference", "linear_critic", "quadratic_critic", "tanh_critic"]
