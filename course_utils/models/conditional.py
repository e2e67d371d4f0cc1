"""Conditional MLP players for ``ConditionalGAN``: the label enters both networks.

Generator ``[z (batch, latent_dim), y (batch,) int] -> sample``: the label's one-hot
vector or a learned embedding is concatenated to z (Mirza & Osindero 2014).
Discriminator ``[x, y] -> logit (batch, 1)``: either the label concatenated to the input
(``"concat"``) or a **projection** (Miyato & Koyama 2018, arXiv 1802.05637):
``logit = ψ(φ(x)) + ⟨embed(y), φ(x)⟩``. Defined in lesson 09.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

LABEL_CODINGS = ("one_hot", "embedding")
D_CONDITIONINGS = ("concat", "projection")


def _label_code(y, num_classes, coding, dim, init, name):
    if coding not in LABEL_CODINGS:
        raise ValueError(f"Unknown label coding {coding!r}: expected one of "
                         f"{', '.join(LABEL_CODINGS)}.")
    if coding == "one_hot":
        return layers.CategoryEncoding(num_classes, output_mode="one_hot", name=name)(y)
    code = layers.Embedding(num_classes, dim, embeddings_initializer=init.glorot(),
                            name=name)(y)
    return layers.Flatten(name=f"{name}_flat")(code)


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
    h = layers.Concatenate()([z, _label_code(y, num_classes, label_coding, embedding_dim,
                                             init, "label_code")])
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
    if conditioning not in D_CONDITIONINGS:
        raise ValueError(f"Unknown conditioning {conditioning!r}: expected one of "
                         f"{', '.join(D_CONDITIONINGS)}.")
    input_shape = check_shape("input_shape", input_shape)
    check_positive_int("num_classes", num_classes)
    init = Seeds(seed)
    x = keras.Input(input_shape, name="x")
    y = keras.Input((), dtype="int32", name="label")
    h = layers.Flatten(name="flatten")(x) if len(input_shape) > 1 else x
    if conditioning == "concat":
        h = layers.Concatenate()([h, _label_code(y, num_classes, "one_hot", 0, init,
                                                "label_code")])
    for i, width in enumerate(hidden):
        h = layers.Dense(check_positive_int("hidden width", width), activation=activation,
                         kernel_initializer=init.glorot(), name=f"dense_{i}")(h)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h)
    if conditioning == "projection":
        code = _label_code(y, num_classes, "embedding", int(h.shape[-1]), init, "projection")
        inner = layers.Dot(axes=1, name="label_projection")([code, h])
        logit = layers.Add(name="projected_logit")([logit, inner])
    return keras.Model([x, y], logit, name=name)
