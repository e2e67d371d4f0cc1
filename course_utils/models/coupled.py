"""The coupled players of CoGAN (Liu & Tuzel 2016, arXiv 1606.07536), sized for a CPU.

CoGAN learns a **joint** distribution of two domains from two unpaired image sets by
tying two GANs together: the generators share their first layers (which decode the
high-level content of ``z``) and differ only in their last layers (which draw the
domain's appearance); the discriminators differ in their first layers and share their
last ones. One ``z`` then gives a *pair* of images, one per domain, with the same content.

* :func:`coupled_generator` — ``z (batch, latent_dim)`` → ``[x_a, x_b]``, each
  ``(batch, h, w, c)`` in (-1, 1) (tanh). Shared trunk: Dense → 7 × 7 → transposed conv
  to 14 × 14; per domain: transposed conv to 28 × 28, a 3 × 3 output convolution.
* :func:`coupled_discriminator` — ``[x_a, x_b]`` → ``[logits_a, logits_b]``, each
  ``(batch, 1)``. Per domain: a 4 × 4 stride-2 convolution; shared: a second one and the
  dense logit.

``share=False`` builds the same layers without sharing: two independent GANs, the
paper's control. Images are 28 × 28 (or any ``h``, ``w`` divisible by 4). Defined in
lesson 11.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

DOMAINS = ("a", "b")


def _shape(image_shape):
    shape = check_shape("image_shape", image_shape)
    if len(shape) != 3 or shape[0] % 4 or shape[1] % 4:
        raise ValueError(f"image_shape must be (h, w, c) with h and w multiples of 4, got "
                         f"{image_shape!r}.")
    return shape


def _check_share(share):
    if not isinstance(share, bool):
        raise ValueError(f"share must be True or False, got {share!r}.")


def coupled_generator(latent_dim: int = 32, image_shape=(28, 28, 1), filters: int = 32,
                      share: bool = True, name="coupled_generator", seed=None) -> keras.Model:
    """``z`` → ``[x_a, x_b]``; with ``share`` the first layers are one set of weights.

    Args:
        latent_dim: size of ``z``. image_shape: ``(h, w, c)`` of each domain's images.
        filters: channels at half size (the 7 × 7 map has ``2 · filters``).
        share: share the trunk (Dense, first transposed convolution and their batch norms).
        seed: initial weights from this seed (``None``: Keras's global seed).
    """
    check_positive_int("latent_dim", latent_dim)
    shape = _shape(image_shape)
    check_positive_int("filters", filters)
    _check_share(share)
    init = Seeds(seed)
    h4, w4 = shape[0] // 4, shape[1] // 4

    def trunk(tag):
        return [layers.Dense(h4 * w4 * 2 * filters, use_bias=False,
                             kernel_initializer=init.glorot(), name=f"trunk{tag}_dense"),
                layers.BatchNormalization(momentum=0.9, name=f"trunk{tag}_dense_bn"),
                layers.LeakyReLU(0.2),
                layers.Reshape((h4, w4, 2 * filters)),
                layers.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=False,
                                       kernel_initializer=init.glorot(), name=f"trunk{tag}_up"),
                layers.BatchNormalization(momentum=0.9, name=f"trunk{tag}_up_bn"),
                layers.LeakyReLU(0.2)]

    z = keras.Input((latent_dim,), name="z")
    shared = trunk("") if share else None
    outputs = []
    for d in DOMAINS:
        h = z
        for layer in (shared if share else trunk(f"_{d}")):
            h = layer(h)
        h = layers.Conv2DTranspose(filters // 2 or 1, 4, strides=2, padding="same",
                                   kernel_initializer=init.glorot(), name=f"{d}_up")(h)
        h = layers.LeakyReLU(0.2)(h)
        outputs.append(layers.Conv2D(shape[2], 3, padding="same", activation="tanh",
                                     kernel_initializer=init.glorot(), name=f"{d}_image")(h))
    return keras.Model(z, outputs, name=name)


def coupled_discriminator(image_shape=(28, 28, 1), filters: int = 32, share: bool = True,
                          name="coupled_discriminator", seed=None) -> keras.Model:
    """``[x_a, x_b]`` → ``[logits_a, logits_b]`` (``(batch, 1)`` each); with ``share`` the
    last layers (second convolution, dense logit) are one set of weights."""
    shape = _shape(image_shape)
    check_positive_int("filters", filters)
    _check_share(share)
    init = Seeds(seed)

    def tail(tag):
        return [layers.Conv2D(2 * filters, 4, strides=2, padding="same",
                              kernel_initializer=init.glorot(), name=f"tail{tag}_conv"),
                layers.LeakyReLU(0.2), layers.Flatten(),
                layers.Dense(1, kernel_initializer=init.glorot(), name=f"tail{tag}_logit")]

    shared = tail("") if share else None
    inputs, outputs = [], []
    for d in DOMAINS:
        x = keras.Input(shape, name=f"image_{d}")
        inputs.append(x)
        h = layers.Conv2D(filters, 4, strides=2, padding="same",
                          kernel_initializer=init.glorot(), name=f"{d}_conv")(x)
        h = layers.LeakyReLU(0.2)(h)
        for layer in (shared if share else tail(f"_{d}")):
            h = layer(h)
        outputs.append(h)
    return keras.Model(inputs, outputs, name=name)


def shared_fraction(model: keras.Model) -> float:
    """Share of a coupled model's trainable weights that both domains use: the weights of
    layers called on both branches (0 without sharing)."""
    total = sum(int(w.numpy().size) for w in model.trainable_weights)
    shared = sum(int(w.numpy().size) for layer in model.layers
                 if len(layer._inbound_nodes) > 1 for w in layer.trainable_weights)
    return shared / total


__all__ = ["DOMAINS", "coupled_discriminator", "coupled_generator", "shared_fraction"]
