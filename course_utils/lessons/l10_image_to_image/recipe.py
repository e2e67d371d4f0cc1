"""How lesson 10 trains its translators, in one place: the notebook (the live run) and
``scripts/pretrain_image_to_image.py`` (the stored generators) call the same functions.
Defined in lesson 10.

Players: :func:`course_utils.models.unet_generator` and
:func:`course_utils.models.patchgan_discriminator`; Adam(1e-3, β₁ = 0.5) for both (the paper
uses 2e-4; a larger step suits a few hundred steps), the non-saturating loss, batch 32.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras

from course_utils.data import make_dataset
from course_utils.models.patchgan import patchgan_discriminator
from course_utils.models.unet import unet_generator
from course_utils.training.paired import Pix2Pix

LEARNING_RATE = 1e-3
BATCH = 32
L1_WEIGHT = 100.0  # λ of the paper
RECEPTIVE_FIELD = 22  # PatchGAN of the lesson: 22 × 22 pixels of a 28 × 28 digit
DIGIT_FILTERS = (32, 64)  # U-Net for 28 × 28: 28 → 14 → 7 and back
PHOTO_FILTERS = (16, 32, 64)  # U-Net for 32 × 32 photograph patches: 32 → 16 → 8 → 4 and back
EPOCHS = {"quick": 2, "standard": 2, "full": 4}  # 125 rounds per epoch on 4,000 pairs
# Not fewer than 2: after 125 rounds batch norm's moving averages (momentum 0.99), which
# inference uses, still lag the batch statistics, and the translated digits come out grey.
PRETRAIN_EPOCHS = 2  # of every stored run (scripts/pretrain_image_to_image.py)


@dataclass(frozen=True)
class Variant:
    """One row of the ablation: G's loss terms and whether D sees the source."""

    l1_weight: float
    adversarial_weight: float
    conditional: bool
    en: str
    zh: str


VARIANTS = {
    "l1": Variant(L1_WEIGHT, 0.0, True, "L1 alone", "仅 L1"),
    "cgan": Variant(0.0, 1.0, True, "cGAN alone", "仅 cGAN"),
    "l1_gan": Variant(L1_WEIGHT, 1.0, False, "L1 + GAN (D without input)",
                      "L1 + GAN（判别器不看输入）"),
    "l1_cgan": Variant(L1_WEIGHT, 1.0, True, "L1 + cGAN (pix2pix)", "L1 + cGAN（pix2pix）"),
}


@dataclass
class Run:
    """A trained translator, its per-epoch history and the CPU seconds training took."""

    model: Pix2Pix
    history: dict
    cpu_s: float


def filters_for(image_shape) -> tuple:
    """The U-Net widths for 28 × 28 digits or 32 × 32 patches."""
    return DIGIT_FILTERS if tuple(image_shape[:2]) == (28, 28) else PHOTO_FILTERS


def build(variant: Variant, image_shape=(28, 28, 1), receptive_field=RECEPTIVE_FIELD,
          output_activation="tanh", seed=0) -> Pix2Pix:
    """An untrained, compiled :class:`Pix2Pix` for ``variant`` on images ``image_shape``."""
    image_shape = tuple(image_shape)
    g = unet_generator(image_shape, filters_for(image_shape),
                       output_activation=output_activation, seed=seed)
    d = patchgan_discriminator(image_shape, image_shape if variant.conditional else None,
                               receptive_field=receptive_field, seed=seed + 1)
    model = Pix2Pix(g, d, seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                  l1_weight=variant.l1_weight, adversarial_weight=variant.adversarial_weight)
    return model


def train(variant: Variant, data, epochs: int, receptive_field=RECEPTIVE_FIELD,
          output_activation="tanh", seed=0, callbacks=None) -> Run:
    """Train :func:`build` on :class:`~course_utils.data.domains.PairedData` ``data``."""
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
        raise ValueError(f"epochs must be an int ≥ 1, got {epochs!r}.")
    model = build(variant, data.source.shape[1:], receptive_field, output_activation, seed)
    ds = make_dataset(data.source, data.target, batch_size=BATCH, seed=seed)
    start = time.process_time()
    history = model.fit(ds, epochs=epochs, verbose=0, callbacks=callbacks)
    return Run(model, history.history, time.process_time() - start)


__all__ = ["BATCH", "EPOCHS", "L1_WEIGHT", "LEARNING_RATE", "PRETRAIN_EPOCHS", "RECEPTIVE_FIELD",
           "Run", "VARIANTS", "Variant", "build", "filters_for", "train"]
