"""Generator and discriminator builders, as plain Keras 3 models.

Conventions used across the course: a generator maps a latent vector
``(batch, latent_dim)`` to a sample; a discriminator maps a sample to one
**logit** per example ``(batch, 1)`` (no sigmoid: the losses take logits);
real = 1, fake = 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
from keras import layers


def _check_positive_int(name: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return value


def _check_shape(name: str, shape) -> tuple[int, ...]:
    shape = tuple(shape) if isinstance(shape, Sequence) else (shape,)
    if not shape or not all(isinstance(s, int) and s > 0 for s in shape):
        raise ValueError(f"{name} must be a tuple of positive ints, e.g. (2,) or (28, 28, 1); "
                         f"got {shape!r}.")
    return shape


def mlp_generator(latent_dim: int, output_shape, hidden=(64, 64), activation="relu",
                  output_activation=None, name="generator") -> keras.Model:
    """MLP generator: z ``(batch, latent_dim)`` → sample ``(batch, *output_shape)``.

    Use ``output_activation="tanh"`` for images in [-1, 1]; ``None`` (linear)
    for low-dimensional data such as a ring of Gaussians.
    """
    _check_positive_int("latent_dim", latent_dim)
    output_shape = _check_shape("output_shape", output_shape)
    units = 1
    for s in output_shape:
        units *= s
    z = keras.Input((latent_dim,), name="z")
    h = z
    for i, width in enumerate(hidden):
        h = layers.Dense(_check_positive_int("hidden width", width), activation=activation,
                         name=f"dense_{i}")(h)
    h = layers.Dense(units, activation=output_activation, name="out")(h)
    x = layers.Reshape(output_shape, name="sample")(h)
    return keras.Model(z, x, name=name)


def mlp_discriminator(input_shape, hidden=(64, 64), activation="leaky_relu",
                      name="discriminator") -> keras.Model:
    """MLP discriminator: sample ``(batch, *input_shape)`` → logit ``(batch, 1)``."""
    input_shape = _check_shape("input_shape", input_shape)
    x = keras.Input(input_shape, name="x")
    h = layers.Flatten(name="flatten")(x) if len(input_shape) > 1 else x
    for i, width in enumerate(hidden):
        h = layers.Dense(_check_positive_int("hidden width", width), activation=activation,
                         name=f"dense_{i}")(h)
    logit = layers.Dense(1, name="logit")(h)
    return keras.Model(x, logit, name=name)


def dcgan_generator(latent_dim: int = 64, base_filters: int = 64,
                    name="dcgan_generator") -> keras.Model:
    """DCGAN generator for 28×28×1 images, sized for a CPU.

    z ``(batch, latent_dim)`` → Dense 7×7×(2·base) → ConvTranspose to 14×14×base
    → ConvTranspose to 28×28×1 with tanh, values in [-1, 1]. Batch norm and ReLU
    in between, no pooling (Radford et al. 2015, arXiv 1511.06434).
    """
    _check_positive_int("latent_dim", latent_dim)
    _check_positive_int("base_filters", base_filters)
    z = keras.Input((latent_dim,), name="z")
    h = layers.Dense(7 * 7 * 2 * base_filters, use_bias=False)(z)
    h = layers.BatchNormalization()(h)
    h = layers.ReLU()(h)
    h = layers.Reshape((7, 7, 2 * base_filters))(h)
    h = layers.Conv2DTranspose(base_filters, 4, strides=2, padding="same", use_bias=False)(h)
    h = layers.BatchNormalization()(h)
    h = layers.ReLU()(h)
    x = layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh")(h)
    return keras.Model(z, x, name=name)


def dcgan_discriminator(base_filters: int = 64, input_shape=(28, 28, 1),
                        name="dcgan_discriminator") -> keras.Model:
    """DCGAN discriminator: image ``(batch, 28, 28, 1)`` in [-1, 1] → logit ``(batch, 1)``.

    Strided convolutions instead of pooling, LeakyReLU(0.2), no batch norm on
    the input layer.
    """
    _check_positive_int("base_filters", base_filters)
    input_shape = _check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    x = keras.Input(input_shape, name="image")
    h = layers.Conv2D(base_filters, 4, strides=2, padding="same")(x)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Conv2D(2 * base_filters, 4, strides=2, padding="same", use_bias=False)(h)
    h = layers.BatchNormalization()(h)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Flatten()(h)
    logit = layers.Dense(1, name="logit")(h)
    return keras.Model(x, logit, name=name)
