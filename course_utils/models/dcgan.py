"""DCGAN generator and discriminator for 28×28×1 images, sized for a CPU (Radford et al.
2015, arXiv 1511.06434); not used by a lesson yet. Weights start from N(0, 0.02) as in
the paper; ``seed`` fixes them (``None``: Keras's global seed).
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape


def dcgan_generator(latent_dim: int = 64, base_filters: int = 64,
                    name="dcgan_generator", seed=None) -> keras.Model:
    """DCGAN generator for 28×28×1 images, sized for a CPU.

    z ``(batch, latent_dim)`` → Dense 7×7×(2·base) → ConvTranspose to 14×14×base
    → ConvTranspose to 28×28×1 with tanh, values in [-1, 1]. Batch norm and ReLU
    in between, no pooling (Radford et al. 2015, arXiv 1511.06434).
    """
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("base_filters", base_filters)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    h = layers.Dense(7 * 7 * 2 * base_filters, use_bias=False,
                       kernel_initializer=init.normal())(z)
    h = layers.BatchNormalization()(h)
    h = layers.ReLU()(h)
    h = layers.Reshape((7, 7, 2 * base_filters))(h)
    h = layers.Conv2DTranspose(base_filters, 4, strides=2, padding="same", use_bias=False,
                       kernel_initializer=init.normal())(h)
    h = layers.BatchNormalization()(h)
    h = layers.ReLU()(h)
    x = layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh",
                               kernel_initializer=init.normal())(h)
    return keras.Model(z, x, name=name)


def dcgan_discriminator(base_filters: int = 64, input_shape=(28, 28, 1),
                        name="dcgan_discriminator", seed=None) -> keras.Model:
    """DCGAN discriminator: image ``(batch, 28, 28, 1)`` in [-1, 1] → logit ``(batch, 1)``.

    Strided convolutions instead of pooling, LeakyReLU(0.2), no batch norm on
    the input layer.
    """
    check_positive_int("base_filters", base_filters)
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    init = Seeds(seed)
    x = keras.Input(input_shape, name="image")
    h = layers.Conv2D(base_filters, 4, strides=2, padding="same",
                      kernel_initializer=init.normal())(x)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Conv2D(2 * base_filters, 4, strides=2, padding="same", use_bias=False,
                       kernel_initializer=init.normal())(h)
    h = layers.BatchNormalization()(h)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Flatten()(h)
    logit = layers.Dense(1, kernel_initializer=init.normal(), name="logit")(h)
    return keras.Model(x, logit, name=name)
