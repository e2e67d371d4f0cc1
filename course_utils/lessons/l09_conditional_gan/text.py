"""A toy text-to-image GAN: captions → a small text encoder → conditional players.
Defined in lesson 09.

The text encoder is ``TextVectorization`` with a fixed vocabulary (set with
``vocabulary=``, so nothing is adapted), an ``Embedding`` and a mean over the words
(``GlobalAveragePooling1D``): a caption string ``(batch,)`` becomes a vector
``(batch, dim)``. The generator and the discriminator each own one (same architecture,
their own weights), and the conditional players of :mod:`.players` take that vector where
they took the label's one-hot code. :class:`TextConditionalGAN` is a
``ConditionalGAN`` whose condition is a caption string instead of an integer label.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from course_utils.lessons.l09_conditional_gan import players
from course_utils.lessons.l09_conditional_gan.strokes import VOCABULARY
from course_utils.models._common import Seeds, check_positive_int
from course_utils.training import ConditionalGAN

CAPTION_LENGTH = 4  # "a thick, slanted seven": four words after punctuation is stripped


def text_encoder(caption, dim=16, seed=None, name="text"):
    """Encode a caption tensor (``keras.Input((), dtype="string")``) to ``(batch, dim)``.

    Lower-case, strip punctuation, split on spaces, map words to the ids of
    :data:`~.strokes.VOCABULARY` (0 = padding, 1 = unknown word), embed, and average
    the embeddings of the words present (padding masked out).
    """
    check_positive_int("dim", dim)
    ids = layers.TextVectorization(vocabulary=list(VOCABULARY),
                                   output_sequence_length=CAPTION_LENGTH,
                                   name=f"{name}_vectorize")(caption)
    vectors = layers.Embedding(len(VOCABULARY) + 2, dim, mask_zero=True,
                               embeddings_initializer=Seeds(seed).glorot(),
                               name=f"{name}_embed")(ids)
    return layers.GlobalAveragePooling1D(name=f"{name}_mean")(vectors)


def _caption_input():
    return keras.Input((), dtype="string", name="caption")


def text_generator(latent_dim=32, dim=16, width=32, seed=None) -> keras.Model:
    """``[z (batch, latent_dim), caption (batch,) string] -> (batch, 28, 28, 1)``."""
    caption = _caption_input()
    code = text_encoder(caption, dim, None if seed is None else seed + 101, "g_text")
    return players.conv_generator(latent_dim, width=width, seed=seed, condition=(caption, code),
                                  name="text_generator")


def text_discriminator(conditioning="projection", dim=16, width=32, seed=None) -> keras.Model:
    """``[x (batch, 28, 28, 1), caption (batch,) string] -> logit (batch, 1)``."""
    caption = _caption_input()
    code = text_encoder(caption, dim, None if seed is None else seed + 101, "d_text")
    return players.conv_discriminator(conditioning=conditioning, width=width, seed=seed,
                                      condition=(caption, code), name="text_discriminator")


class TextConditionalGAN(ConditionalGAN):
    """A :class:`~course_utils.training.ConditionalGAN` conditioned on caption strings.

    ``fit`` takes a dataset of ``(images, captions)`` pairs (captions: ``tf.string``
    ``(batch,)``); ``generate(n, captions=…)`` draws one image per caption. Same
    adversarial round (``steps.adversarial_round``), same losses.
    """

    def __init__(self, generator, discriminator, seed=None, **kwargs):
        super().__init__(generator, discriminator, num_classes=len(VOCABULARY), seed=seed,
                         **kwargs)

    def generate(self, n, z=None, captions=None, batch_size=256) -> np.ndarray:
        """``n`` images for ``captions`` (``n`` strings); ``z`` ``(n, latent_dim)`` optional."""
        captions = np.asarray(captions)
        if captions.shape != (n,) or captions.dtype.kind not in "US":
            raise ValueError(f"captions must be {n} strings, shape ({n},); got shape "
                             f"{captions.shape} of {captions.dtype}.")
        return self._in_batches(self.generator,
                                [self._check_z(n, z), tf.constant(captions.astype(str))],
                                batch_size)

    condition_name = "captions"

    def condition_of(self, y):
        """Captions ``(batch,)`` of ``tf.string``: the condition both players see."""
        return tf.reshape(y, [-1])


__all__ = ["CAPTION_LENGTH", "TextConditionalGAN", "text_discriminator", "text_encoder",
           "text_generator"]
