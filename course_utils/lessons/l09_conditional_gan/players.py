"""Lesson 09's players: the shared convolutional conditional builders of
:mod:`course_utils.models.conditional` (``conv_generator`` and ``conv_discriminator`` here
are those builders, under the names the lesson uses), and :func:`soft_label_generator`,
which only this lesson needs. Defined in lesson 09.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models.conditional import (
    D_CONDITIONINGS,
    IMAGE_SHAPE,
    LABEL_CODINGS,
    label_code,
)
from course_utils.models.conditional import conditional_conv_discriminator as conv_discriminator
from course_utils.models.conditional import conditional_conv_generator as conv_generator


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
