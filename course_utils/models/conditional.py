"""Conditional players for ``ConditionalGAN``: the label enters both networks.

Generator ``[z (batch, latent_dim), y (batch,) int] -> sample``: the label's one-hot
vector or a learned embedding is concatenated to z (Mirza & Osindero 2014).
Discriminator ``[x, y] -> logit (batch, 1)``: either the label concatenated to the input
(``"concat"``) or a **projection** (Miyato & Koyama 2018, arXiv 1802.05637):
``logit = ψ(φ(x)) + ⟨embed(y), φ(x)⟩``. Two sizes: MLPs for toy data and small
convolutional players for 28 × 28 digits (dense 7·7·C → two transposed convolutions;
two strided convolutions → a dense feature layer φ(x)). Defined in lesson 09.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

LABEL_CODINGS = ("one_hot", "embedding")
D_CONDITIONINGS = ("concat", "projection")
IMAGE_SHAPE = (28, 28, 1)


def _check_choice(name, value, options):
    if value not in options:
        raise ValueError(f"Unknown {name} {value!r}: expected one of {', '.join(options)}.")
    return value


def label_code(y, num_classes, coding="one_hot", dim=16, seed=None, name="label_code"):
    """The label as a vector: one-hot ``(batch, num_classes)`` or embedding ``(batch, dim)``."""
    _check_choice("label coding", coding, LABEL_CODINGS)
    if coding == "one_hot":
        return layers.CategoryEncoding(num_classes, output_mode="one_hot", name=name)(y)
    init = Seeds(seed)
    code = layers.Embedding(num_classes, dim, embeddings_initializer=init.glorot(),
                            name=f"{name}_embedding")(y)
    return layers.Reshape((dim,), name=name)(code)




def conditional_mlp_generator(latent_dim: int, num_classes: int, output_shape,
                              hidden=(64, 64), label_coding="one_hot", embedding_dim=16,
                              activation="relu", output_activation=None,
                              name="conditional_generator", seed=None) -> keras.Model:
    """``[z, y] -> sample (batch, *output_shape)``; y integer labels ``(batch,)``."""
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("num_classes", num_classes)
    output_shape = check_shape("output_shape", output_shape)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    y = keras.Input((), dtype="int32", name="label")
    h = layers.Concatenate()([z, label_code(y, num_classes, label_coding, embedding_dim,
                                            None if seed is None else seed + 101)])
    for i, width in enumerate(hidden):
        h = layers.Dense(check_positive_int("hidden width", width), activation=activation,
                         kernel_initializer=init.glorot(), name=f"dense_{i}")(h)
    units = 1
    for s in output_shape:
        units *= s
    h = layers.Dense(units, activation=output_activation, kernel_initializer=init.glorot(),
                     name="out")(h)
    return keras.Model([z, y], layers.Reshape(output_shape, name="sample")(h), name=name)


def conditional_mlp_discriminator(input_shape, num_classes: int, hidden=(64, 64),
                                  conditioning="concat", activation="leaky_relu",
                                  name="conditional_discriminator", seed=None) -> keras.Model:
    """``[x, y] -> logit (batch, 1)`` with the label concatenated or projected."""
    _check_choice("conditioning", conditioning, D_CONDITIONINGS)
    input_shape = check_shape("input_shape", input_shape)
    check_positive_int("num_classes", num_classes)
    init = Seeds(seed)
    x = keras.Input(input_shape, name="x")
    y = keras.Input((), dtype="int32", name="label")
    h = layers.Flatten(name="flatten")(x) if len(input_shape) > 1 else x
    if conditioning == "concat":
        h = layers.Concatenate()([h, label_code(y, num_classes, "one_hot")])
    for i, width in enumerate(hidden):
        h = layers.Dense(check_positive_int("hidden width", width), activation=activation,
                         kernel_initializer=init.glorot(), name=f"dense_{i}")(h)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h)
    if conditioning == "projection":
        code = label_code(y, num_classes, "embedding", int(h.shape[-1]),
                          None if seed is None else seed + 202, "projection")
        inner = layers.Dot(axes=1, name="label_projection")([code, h])
        logit = layers.Add(name="projected_logit")([logit, inner])
    return keras.Model([x, y], logit, name=name)


def conditional_conv_generator(latent_dim=32, num_classes=10, label_coding="one_hot", width=64,
                   embedding_dim=16, name="conditional_generator", seed=None,
                   condition=None) -> keras.Model:
    """``[z, y] -> (batch, 28, 28, 1)`` in [-1, 1].

    Args:
        latent_dim: size of z. num_classes: labels are ``0 … num_classes − 1``.
        label_coding: ``"one_hot"`` or ``"embedding"`` (``embedding_dim`` wide).
        width: channels at 7 × 7 (halved at 14 × 14).
        seed: initial weights (``None``: Keras's global seed).
        condition: optional ``(input, code)`` pair of Keras tensors replacing the label
            input and its code, e.g. a caption and its text encoding (lesson 09's toy
            text-to-image GAN).
    """
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("num_classes", num_classes)
    check_positive_int("width", width)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    if condition is None:
        y = keras.Input((), dtype="int32", name="label")
        code = label_code(y, num_classes, label_coding, embedding_dim,
                          None if seed is None else seed + 101)
    else:
        y, code = condition
    h = layers.Concatenate(name="z_and_label")([z, code])
    h = layers.Dense(7 * 7 * width, use_bias=False, kernel_initializer=init.glorot(),
                     name="project")(h)
    h = layers.BatchNormalization(name="bn_0")(h)
    h = layers.ReLU(name="relu_0")(h)
    h = layers.Reshape((7, 7, width), name="to_7x7")(h)
    h = layers.Conv2DTranspose(width // 2, 4, strides=2, padding="same", use_bias=False,
                               kernel_initializer=init.glorot(), name="up_14")(h)
    h = layers.BatchNormalization(name="bn_1")(h)
    h = layers.ReLU(name="relu_1")(h)
    out = layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh",
                                 kernel_initializer=init.glorot(), name="up_28")(h)
    return keras.Model([z, y], out, name=name)


def conditional_conv_discriminator(num_classes=10, conditioning="concat", width=64, features=128,
                       name="conditional_discriminator", seed=None,
                       condition=None) -> keras.Model:
    """``[x (batch, 28, 28, 1), y] -> logit (batch, 1)``; ``conditioning`` concat or projection.

    ``condition``: optional ``(input, code)`` pair replacing the label input and its code
    (``code`` (batch, k) float): concat broadcasts it to k image channels; projection maps
    it with a dense layer onto the features.
    """
    _check_choice("conditioning", conditioning, D_CONDITIONINGS)
    check_positive_int("num_classes", num_classes)
    check_positive_int("width", width)
    check_positive_int("features", features)
    init = Seeds(seed)
    x = keras.Input(IMAGE_SHAPE, name="x")
    if condition is None:
        y = keras.Input((), dtype="int32", name="label")
        code = label_code(y, num_classes, "one_hot")
    else:
        y, code = condition
    h = x
    if conditioning == "concat":
        k = int(code.shape[-1])
        maps = layers.Reshape((1, 1, k), name="code_as_pixels")(code)
        maps = layers.UpSampling2D(IMAGE_SHAPE[:2], name="code_as_maps")(maps)
        h = layers.Concatenate(name="image_and_label")([x, maps])
    h = layers.Conv2D(width // 2, 4, strides=2, padding="same",
                      kernel_initializer=init.glorot(), name="down_14")(h)
    h = layers.LeakyReLU(0.2, name="lrelu_0")(h)
    h = layers.Conv2D(width, 4, strides=2, padding="same",
                      kernel_initializer=init.glorot(), name="down_7")(h)
    h = layers.LeakyReLU(0.2, name="lrelu_1")(h)
    h = layers.Flatten(name="flat")(h)
    if conditioning == "concat":
        h = layers.Concatenate(name="features_and_label")([h, code])
    phi = layers.Dense(features, kernel_initializer=init.glorot(), name="phi")(h)
    phi = layers.LeakyReLU(0.2, name="lrelu_phi")(phi)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="psi")(phi)
    if conditioning == "projection":
        if condition is None:
            embed = layers.Embedding(num_classes, features, embeddings_initializer=init.glorot(),
                                     name="projection_embedding")(y)
            embed = layers.Reshape((features,), name="projection")(embed)
        else:
            embed = layers.Dense(features, use_bias=False, kernel_initializer=init.glorot(),
                                 name="projection")(code)
        inner = layers.Dot(axes=1, name="label_projection")([embed, phi])
        logit = layers.Add(name="projected_logit")([logit, inner])
    return keras.Model([x, y], logit, name=name)
