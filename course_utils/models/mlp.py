"""Multilayer-perceptron generator and discriminator (toy data, MNIST as vectors).

Conventions used across the course: a generator maps a latent vector
``(batch, latent_dim)`` to a sample; a discriminator maps a sample to one
**logit** per example ``(batch, 1)`` (no sigmoid: the losses take logits);
real = 1, fake = 0. ``seed`` fixes the initial weights (``None``: Keras's global seed).
"""

from __future__ import annotations

import keras
import numpy as np
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
                      name="discriminator", seed=None, spectral_norm=False) -> keras.Model:
    """MLP discriminator: sample ``(batch, *input_shape)`` → logit ``(batch, 1)``.

    ``spectral_norm=True`` wraps every Dense layer (the logit layer too) in
    ``keras.layers.SpectralNormalization`` (Miyato et al. 2018, arXiv 1802.05957; one power
    iteration per training call). The initial kernels depend only on ``seed``, not on the
    wrapper, and so does each power iteration's start vector (Keras draws it unseeded).
    Keras's layer divides the kernel by its estimated σ_max and writes the result back into
    the kernel when called with ``training=True`` (a projection after each step), where
    Miyato et al. reparameterise W/σ(W) inside the loss.
    """
    input_shape = check_shape("input_shape", input_shape)
    init = Seeds(seed)
    x = keras.Input(input_shape, name="x")
    h = layers.Flatten(name="flatten")(x) if len(input_shape) > 1 else x

    def dense(units, **kwargs):
        layer = layers.Dense(units, kernel_initializer=init.glorot(), **kwargs)
        return layers.SpectralNormalization(layer, name=f"sn_{layer.name}") if spectral_norm \
            else layer

    for i, width in enumerate(hidden):
        h = dense(check_positive_int("hidden width", width), activation=activation,
                  name=f"dense_{i}")(h)
    logit = dense(1, name="logit")(h)
    model = keras.Model(x, logit, name=name)
    if spectral_norm:
        _seed_power_iterations(model, seed)
    return model


def _seed_power_iterations(model, seed):
    """Seeded start vectors ``u`` for every ``SpectralNormalization`` layer of ``model``."""
    rng = np.random.default_rng(None if seed is None else seed * 1009 + 777)
    for layer in model.layers:
        if isinstance(layer, layers.SpectralNormalization):
            shape = tuple(layer.vector_u.shape)
            layer.vector_u.assign(rng.normal(0.0, 0.02, shape).astype("float32"))
