"""Regularisers of the discriminator: gradient penalty (WGAN-GP), R1, R2, drift, instance noise.

The one home of these formulas: the trainers' D update (:mod:`course_utils.training.steps`)
and TF-GAN's ``losses.wasserstein_gradient_penalty`` both call them. Random draws come from
a ``keras.random.SeedGenerator`` passed by the caller.
"""

from __future__ import annotations

import keras
import tensorflow as tf


def interpolation_weights(real, seed_generator):
    """α ~ U(0, 1), one per example, shaped ``(batch, 1, …, 1)`` to broadcast over ``real``."""
    real = tf.convert_to_tensor(real)
    shape = tf.concat([tf.shape(real)[:1], tf.ones([len(real.shape) - 1], tf.int32)], 0)
    return keras.random.uniform(shape, dtype=real.dtype, seed=seed_generator)


def gradient_penalties(critic, real, fake, alpha, target=1.0, one_sided=False, epsilon=1e-10):
    """Per-example WGAN-GP penalties ``(‖∇f(x̂)‖ / target − 1)²``, shape ``(batch,)``.

    x̂ = x + α (G(z) − x) (Gulrajani et al. 2017, arXiv 1704.00028); the norm is
    ``sqrt(Σ ∂f/∂x̂² + epsilon)`` over all non-batch axes; with ``target`` t ≠ 1 the
    penalty is TF-GAN's ``(‖∇f‖/t − 1)²`` (a t-Lipschitz critic); ``one_sided`` penalises
    only norms above t (Petzka et al. 2017, arXiv 1709.08894).

    Args:
        critic: callable ``x -> outputs`` (logits of any shape; they are summed per example).
        real, fake: batches of the same shape ``(batch, …)``.
        alpha: ``(batch, 1, …)`` interpolation weights in [0, 1].
    """
    real = tf.convert_to_tensor(real)
    fake = tf.cast(fake, real.dtype)
    if tuple(real.shape[1:]) != tuple(fake.shape[1:]):
        raise ValueError(f"real {tuple(real.shape)} and fake {tuple(fake.shape)} must have the "
                         "same shape.")
    if not target > 0:
        raise ValueError(f"target must be > 0, got {target!r}.")
    squares = squared_input_gradient(critic, real + alpha * (fake - real), "critic")
    excess = tf.sqrt(squares + epsilon) / target - 1.0
    if one_sided:
        excess = tf.maximum(excess, 0.0)
    return tf.square(excess)


def gradient_penalty(critic, real, fake, alpha, target=1.0):
    """WGAN-GP penalty: the batch mean of :func:`gradient_penalties` (``(‖∇f(x̂)‖ − 1)²``
    for the default ``target`` = 1)."""
    return tf.reduce_mean(gradient_penalties(critic, real, fake, alpha, target))


def r1_penalty(discriminator, real):
    """R1 (Mescheder et al. 2018, arXiv 1801.04406): mean over real examples of ``‖∇_x D(x)‖²``.

    Multiply by γ/2 in the loss. ``discriminator``: callable ``x -> logits``.
    """
    return tf.reduce_mean(squared_input_gradient(discriminator, real, "discriminator"))


def r2_penalty(discriminator, fake):
    """R2 (Mescheder et al. 2018): mean over generated examples of ``‖∇_x D(x)‖²``.

    The same formula as :func:`r1_penalty`, on the fakes; multiply by γ/2 in the loss.
    """
    return tf.reduce_mean(squared_input_gradient(discriminator, fake, "discriminator"))


def drift_penalty(real_logits):
    """ProGAN's drift term (Karras et al. 2017, arXiv 1710.10196): ``mean D(x)²`` on reals,
    which keeps a Wasserstein critic's output near 0 (ε = 0.001 in the paper)."""
    real_logits = tf.convert_to_tensor(real_logits)
    return tf.reduce_mean(tf.square(tf.cast(real_logits, tf.float32)))


def squared_input_gradient(fn, x, who="model"):
    """``‖∇_x fn(x)‖²`` per example, ``(batch,)`` (outputs summed per example)."""
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = fn(x)
    grads = tape.gradient(out, x)
    if grads is None:
        raise ValueError(f"The {who}'s output does not depend on its input.")
    return tf.reduce_sum(tf.square(grads), axis=list(range(1, len(x.shape))))


def add_instance_noise(x, std, seed_generator):
    """``x`` plus Gaussian noise of standard deviation ``std`` (Sønderby et al. 2016)."""
    if std < 0:
        raise ValueError(f"instance noise std must be ≥ 0, got {std}.")
    return x + std * keras.random.normal(tf.shape(x), dtype=x.dtype, seed=seed_generator)
