"""How lesson 09 trains its conditional GANs, in one place: the notebook (standard mode,
short) and ``scripts/pretrain_conditional.py`` (full mode, the stored generators) call the
same functions. Defined in lesson 09.

Players: :mod:`.players` (labels) and :mod:`.text` (captions), ``width=32``, ``latent_dim=32``;
Adam(1e-3, β₁ = 0.5) for both, the non-saturating loss, batch 64, the bundled MNIST
training split (4,000 images).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras
import numpy as np

from course_utils.data import make_dataset
from course_utils.lessons.l09_conditional_gan import players, text
from course_utils.pretrained.conditional import LATENT_DIM, WIDTH  # the stored generator's
from course_utils.training import ConditionalGAN

LEARNING_RATE = 1e-3
BATCH = 64
EPOCHS = {"quick": 1, "standard": 5, "full": 60}
TEXT_EPOCHS = {"quick": 1, "standard": 5, "full": 80}


@dataclass
class Run:
    """A trained GAN, its per-epoch history and the CPU seconds its training took."""

    gan: ConditionalGAN
    history: dict
    cpu_s: float


def _compile(gan):
    gan.compile(d_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                loss="non_saturating")
    return gan


def _fit(gan, x, condition, epochs, seed, callbacks=None) -> Run:
    if not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be an int ≥ 1, got {epochs!r}.")
    ds = make_dataset(x, condition, batch_size=BATCH, seed=seed)
    start = time.process_time()
    history = gan.fit(ds, epochs=epochs, verbose=0, callbacks=callbacks)
    return Run(gan, history.history, time.process_time() - start)


def label_gan(conditioning="projection", label_coding="one_hot", seed=0) -> ConditionalGAN:
    """An untrained, compiled label-conditional GAN with the lesson's players."""
    g = players.conv_generator(LATENT_DIM, 10, label_coding, width=WIDTH, seed=seed)
    d = players.conv_discriminator(10, conditioning, width=WIDTH, seed=seed + 1)
    return _compile(ConditionalGAN(g, d, num_classes=10, seed=seed))


def train_label_gan(x, y, epochs, conditioning="projection", label_coding="one_hot", seed=0,
                    callbacks=None) -> Run:
    """Train :func:`label_gan` on images ``x`` ``(n, 28, 28, 1)`` in [-1, 1] and digits ``y``."""
    return _fit(label_gan(conditioning, label_coding, seed), x, np.asarray(y, np.int32),
                epochs, seed, callbacks)


def text_gan(conditioning="projection", seed=0, matching_aware=False) -> text.TextConditionalGAN:
    """An untrained, compiled caption-conditional GAN (text encoder in both players);
    ``matching_aware``: GAN-CLS's D, which also calls real images with wrong captions fake."""
    g = text.text_generator(LATENT_DIM, width=WIDTH, seed=seed)
    d = text.text_discriminator(conditioning, width=WIDTH, seed=seed + 1)
    return _compile(text.TextConditionalGAN(g, d, seed=seed, matching_aware=matching_aware))


def train_text_gan(x, captions, epochs, conditioning="projection", seed=0,
                   callbacks=None, matching_aware=False) -> Run:
    """Train :func:`text_gan` on images ``x`` and their caption strings ``(n,)``."""
    captions = np.asarray(captions)
    if captions.dtype.kind not in "US" or captions.shape != (len(x),):
        raise ValueError(f"captions must be one string per image, shape ({len(x)},); got "
                         f"shape {captions.shape} of {captions.dtype}.")
    return _fit(text_gan(conditioning, seed, matching_aware), x, captions, epochs, seed, callbacks)


__all__ = ["BATCH", "EPOCHS", "LATENT_DIM", "LEARNING_RATE", "Run", "TEXT_EPOCHS", "WIDTH",
           "label_gan", "text_gan", "train_label_gan", "train_text_gan"]
