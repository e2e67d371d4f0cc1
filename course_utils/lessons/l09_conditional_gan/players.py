"""Small convolutional conditional players for 28 × 28 digits. Defined in lesson 09.

Generator ``[z (batch, latent_dim), y (batch,) int] -> image (batch, 28, 28, 1)`` in
[-1, 1] (tanh): the label's one-hot vector (``label_coding="one_hot"``) or a learned
embedding (``"embedding"``) is concatenated to z (Mirza & Osindero 2014, arXiv 1411.1784),
then dense 7·7·C → two transposed convolutions (7 → 14 → 28).

Discriminator ``[x (batch, 28, 28, 1), y] -> logit (batch, 1)``: two strided
convolutions (28 → 14 → 7) and a dense feature layer φ(x). The label enters as

* ``"concat"``: its one-hot vector, broadcast to 10 constant image channels, concatenated
  to the image (and concatenated once more to φ(x)) — the conditional GAN of Mirza &
  Osindero;
* ``"projection"``: ``logit = ψ(φ(x)) + ⟨embed(y), φ(x)⟩`` (Miyato & Koyama 2018,
  arXiv 1802.05637): the label only enters through an inner product with the features.

These exist because ``course_utils.models.conditional_mlp_discriminator`` cannot build a
projection discriminator on image inputs (two layers named ``"flatten"``), and because MLP
players learn the condition too slowly for the lesson's CPU budget.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int

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


def conv_generator(latent_dim=32, num_classes=10, label_coding="one_hot", width=64,
                   embedding_dim=16, name="conditional_generator", seed=None,
                   condition=None) -> keras.Model:
    """``[z, y] -> (batch, 28, 28, 1)`` in [-1, 1].

    Args:
        latent_dim: size of z. num_classes: labels are ``0 … num_classes − 1``.
        label_coding: ``"one_hot"`` or ``"embedding"`` (``embedding_dim`` wide).
        width: channels at 7 × 7 (halved at 14 × 14).
        seed: initial weights (``None``: Keras's global seed).
        condition: optional ``(input, code)`` pair of Keras tensors replacing the label
            input and its code, e.g. a caption and its text encoding (see :mod:`.text`).
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


def conv_discriminator(num_classes=10, conditioning="concat", width=64, features=128,
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




def soft_label_generator(generator: keras.Model) -> keras.Model:
    """A twin of a one-hot :func:`conv_generator` that takes the label *code* itself,
    ``[z, code (batch, num_classes) float]``, with the same weights (copied).

    A code between two one-hot vectors, ``(1 − t)·e_a + t·e_b``, interpolates between
    the classes ``a`` and ``b``. Raises ValueError for a generator that is not a one-hot
    :func:`conv_generator` (an embedding's table has no place in the twin).
    """
    try:
        coding = generator.get_layer("label_code")
    except ValueError:
        coding = None
    if not isinstance(coding, layers.CategoryEncoding):
        raise ValueError("soft_label_generator needs a conv_generator with "
                         "label_coding='one_hot' (its 'label_code' layer is a one-hot "
                         "CategoryEncoding).")
    num_classes = int(coding.num_tokens)
    latent_dim = int(generator.inputs[0].shape[-1])
    width = int(generator.get_layer("to_7x7").output.shape[-1])
    code = keras.Input((num_classes,), name="label_code_soft")
    twin = conv_generator(latent_dim, num_classes, width=width, condition=(code, code),
                          name=f"{generator.name}_soft")
    twin.set_weights(generator.get_weights())
    return twin


__all__ = ["D_CONDITIONINGS", "IMAGE_SHAPE", "LABEL_CODINGS", "conv_discriminator",
           "conv_generator", "label_code", "soft_label_generator"]
