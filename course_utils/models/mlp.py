"""Multilayer-perceptron generator and discriminator (toy data, MNIST as vectors).

Conventions used across the course: a generator maps a latent vector
``(batch, latent_dim)`` to a sample; a discriminator maps a sample to one
**logit** per example ``(batch, 1)`` (no sigmoid: the losses take logits);
real = 1, fake = 0. ``seed`` fixes the initial weights (``None``: Keras's global seed).
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape


def mlp_generator(latent_dim: int, output_shape, hidden=(64, 64), activation="relu",
                  output_activation=None, name="generator", seed=None) -> keras.Model:
    """MLP generator: z ``(batch, latent_dim)`` → sample ``(batch, *output_shape)``.

    Use ``output_activation="tanh"`` for images in [-1, 1]; ``None`` (linear)
    for low-dimensional data such as a ring of Gaussians.
    """
    check_positive_int("latent_dim", latent_dim)
    output_shape = check_shape("output_shape", output_shape)
    units = 1
    for s in output_shape:
        units *= s
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    h = z
    for i, width in enumerate(hidden):
        h = layers.Dense(check_positive_int("hidden width", width), activation=activation,
                         kernel_initializer=init.glorot(), name=f"dense_{i}")(h)
    h = layers.Dense(units, activation=output_activation, kernel_initializer=init.glorot(),
                     name="out")(h)
    x = layers.Reshape(output_shape, name="sample")(h)
    return keras.Model(z, x, name=name)


def mlp_discriminator(input_shape, hidden=(64, 64), activation="leaky_relu",
                      name="discriminator", seed=None) -> keras.Model:
    """MLP discriminator: sample ``(batch, *input_shape)`` → logit ``(batch, 1)``."""
    input_shape = check_shape("input_shape", input_shape)
    init = Seeds(seed)
    x = keras.Input(input_shape, name="x")
    h = layers.Flatten(name="flatten")(x) if len(input_shape) > 1 else x
    for i, width in enumerate(hidden):
        h = layers.Dense(check_positive_int("hidden width", width), activation=activation,
                         kernel_initializer=init.glorot(), name=f"dense_{i}")(h)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h)
    return keras.Model(x, logit, name=name)
