"""Regularisers of the discriminator: gradient penalty (WGAN-GP), R1, instance noise.

Random draws come from a ``keras.random.SeedGenerator`` passed by the caller.
"""

from __future__ import annotations

import keras
import tensorflow as tf


def interpolation_weights(real, seed_generator):
    """α ~ U(0, 1), one per example, shaped ``(batch, 1, …, 1)`` to broadcast over ``real``."""
    real = tf.convert_to_tensor(real)
    shape = tf.concat([tf.shape(real)[:1], tf.ones([len(real.shape) - 1], tf.int32)], 0)
    return keras.random.uniform(shape, dtype=real.dtype, seed=seed_generator)


def gradient_penalty(critic, real, fake, alpha, target=1.0):
    """WGAN-GP penalty: mean over the batch of ``(‖∇f(x̂)‖ − target)²``, x̂ = x + α (G(z) − x).

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
    squares = _squared_input_gradient(critic, real + alpha * (fake - real), "critic")
    return tf.reduce_mean(tf.square(tf.sqrt(squares + 1e-10) - target))


def r1_penalty(discriminator, real):
    """R1 (Mescheder et al. 2018): mean over real examples of ``‖∇_x D(x)‖²``.

    Multiply by γ/2 in the loss. ``discriminator``: callable ``x -> logits``.
    """
    return tf.reduce_mean(_squared_input_gradient(discriminator, real, "discriminator"))


def _squared_input_gradient(fn, x, who):
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
