"""How lesson 13 trains its GANs, in one place: the notebook (short live runs) and
``scripts/pretrain_style_and_scale.py`` (the stored runs) call the same functions.
Defined in lesson 13.

* **Faces** (GANs on 100 images): lesson 08's DCGAN builders at 28×28 (the 25×25
  ``lfw_subset`` faces resized up, so the shared builders fit as they are), 32 base
  filters, latent 32; D without batch norm, so its output on one held-out face does not
  depend on the batch it sits in. Adam(2e-4, β₁ = 0.5), non-saturating loss, batch 32,
  80 training faces. With ``augment=True`` D sees every real and fake through
  :func:`course_utils.data.augment.augmented_discriminator` (DiffAugment: colour,
  translation, cutout). :class:`DGap` records D's mean logit on the training faces and on
  the 20 held-out faces every ``every`` steps.
* **StyleGAN** on the bundled MNIST digits: :class:`course_utils.models.style.StyleGenerator`
  (mapping 3 × 32, six styles, mixing probability 0.9) against lesson 08's DCGAN
  discriminator (32 filters) built and trained as :data:`STYLE_RECIPE` says — the StyleGAN
  papers' choices: no batch norm in D, a minibatch-standard-deviation feature, R1 (γ = 1)
  on reals — with Adam(1e-3, β₁ = 0.5), batch 32. :data:`COLLAPSING_RECIPE` (batch norm, no
  R1, no minibatch std) is the first recipe, which partly collapsed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

from course_utils.data.augment import augmented_discriminator
from course_utils.models.blocks import MinibatchStdDev
from course_utils.models.dcgan import dcgan_discriminator, dcgan_generator
from course_utils.models.style import StyleGenerator
from course_utils.training.gan import GAN

FACE_LATENT, FACE_FILTERS, FACE_BATCH, FACE_LR = 32, 32, 32, 2e-4
STORED_FACE_STEPS, GAP_EVERY = 3000, 100
FACE_STEPS = {"quick": 100, "standard": 200, "full": STORED_FACE_STEPS}
STYLE_LATENT, STYLE_BATCH, STYLE_LR = 32, 32, 1e-3
STORED_STYLE_STEPS = 2000
STYLE_STEPS = {"quick": 20, "standard": 40, "full": STORED_STYLE_STEPS}


class DGap(keras.callbacks.Callback):
    """Every ``every`` training steps (= epochs of ``every`` steps), D's mean logit on the
    training reals ``train`` and on the held-out reals ``held_out`` (inference mode), and
    their gap ``train − held_out`` (Karras et al. 2020's overfitting signal)."""

    def __init__(self, discriminator, train, held_out, every):
        super().__init__()
        self.d, self.every = discriminator, int(every)
        self.train_x, self.held_x = tf.constant(train), tf.constant(held_out)
        self.curve = {"step": [], "train": [], "held_out": [], "gap": []}

    def measure(self, step):
        a = float(tf.reduce_mean(self.d(self.train_x, training=False)))
        b = float(tf.reduce_mean(self.d(self.held_x, training=False)))
        for key, value in (("step", step), ("train", a), ("held_out", b), ("gap", a - b)):
            self.curve[key].append(value)

    def on_epoch_end(self, epoch, logs=None):
        self.measure((epoch + 1) * self.every)


@dataclass
class FaceRun:
    """A trained faces GAN: the trainer, the raw D, D's gap curve, CPU seconds."""

    gan: GAN
    discriminator: keras.Model
    curve: dict = field(default_factory=dict)
    cpu_s: float = 0.0


def _adam(lr):
    return keras.optimizers.Adam(lr, beta_1=0.5)


def face_gan(augment=False, seed=0):
    """An untrained, compiled faces GAN and its raw D (the one to probe)."""
    g = dcgan_generator(FACE_LATENT, FACE_FILTERS, seed=seed)
    d = dcgan_discriminator(FACE_FILTERS, batch_norm=False, seed=seed + 1)
    seen = augmented_discriminator(d, seed=seed + 2) if augment else d
    gan = GAN(g, seen, latent_dim=FACE_LATENT, seed=seed)
    gan.compile(d_optimizer=_adam(FACE_LR), g_optimizer=_adam(FACE_LR), loss="non_saturating")
    return gan, d


def train_faces(train, held_out, steps, augment=False, seed=0, every=GAP_EVERY) -> FaceRun:
    """Train :func:`face_gan` for ``steps`` steps on ``train`` faces ``(n, 28, 28, 1)``, with D's
    gap to ``held_out`` measured at step 0 and every ``every`` steps."""
    if not (isinstance(steps, int) and steps >= every and steps % every == 0):
        raise ValueError(f"steps must be a positive multiple of every={every}, got {steps!r}.")
    gan, d = face_gan(augment, seed)
    gap = DGap(d, train, held_out, every)
    gap.measure(0)
    ds = (tf.data.Dataset.from_tensor_slices(np.asarray(train, np.float32))
          .shuffle(len(train), seed=seed, reshuffle_each_iteration=True).repeat()
          .batch(FACE_BATCH, drop_remainder=True))
    start = time.process_time()
    gan.fit(ds, epochs=steps // every, steps_per_epoch=every, verbose=0, callbacks=[gap])
    return FaceRun(gan, d, gap.curve, time.process_time() - start)


@dataclass(frozen=True)
class StyleRecipe:
    """How the StyleGAN's D is built and trained (the StyleGAN papers' choices as switches).

    ``batch_norm``: batch norm in D (lesson 08's default); ``minibatch_std``: a
    :class:`~course_utils.models.blocks.MinibatchStdDev` feature before D's dense layer;
    ``r1``: γ of the R1 penalty on reals (0 = off); ``lr``: Adam's learning rate (both
    players, β₁ = 0.5)."""

    batch_norm: bool = False
    minibatch_std: bool = True
    r1: float = 1.0
    lr: float = 1e-3


COLLAPSING_RECIPE = StyleRecipe(batch_norm=True, minibatch_std=False, r1=0.0, lr=1e-3)
"""The first recipe (lesson 08's D with batch norm, no R1): it partly collapsed."""
STYLE_RECIPE = StyleRecipe()
"""The stored StyleGAN's recipe."""


def style_discriminator(recipe=STYLE_RECIPE, seed=0) -> keras.Model:
    """Lesson 08's DCGAN discriminator (32 filters, with or without batch norm); with
    ``recipe.minibatch_std`` its last feature map ``(batch, 7, 7, 64)`` gets the minibatch
    standard deviation as a 65th channel before the flatten and the logit (ProGAN §3)."""
    d = dcgan_discriminator(32, batch_norm=recipe.batch_norm, seed=seed)
    if not recipe.minibatch_std:
        return d
    h = MinibatchStdDev(name="minibatch_std")(d.get_layer("features").input)
    h = keras.layers.Flatten(name="features")(h)
    logit = keras.layers.Dense(1, kernel_initializer=keras.initializers.RandomNormal(
        stddev=0.02, seed=seed), name="logit")(h)
    return keras.Model(d.input, logit, name="style_discriminator")


def style_gan(seed=0, mixing_prob=0.9, recipe=STYLE_RECIPE):
    """An untrained, compiled StyleGAN (style generator + :func:`style_discriminator`)."""
    if not isinstance(recipe, StyleRecipe):
        raise ValueError(f"recipe must be a StyleRecipe, got {recipe!r}.")
    g = StyleGenerator(STYLE_LATENT, mixing_prob=mixing_prob, seed=seed)
    d = style_discriminator(recipe, seed=seed + 1)
    gan = GAN(g, d, latent_dim=STYLE_LATENT, seed=seed)
    gan.compile(d_optimizer=_adam(recipe.lr), g_optimizer=_adam(recipe.lr),
                loss="non_saturating", r1_weight=recipe.r1)
    return gan


def train_style(x, steps, seed=0, callbacks=None, recipe=STYLE_RECIPE):
    """Train :func:`style_gan` with ``recipe`` for ``steps`` steps on digits ``x``
    ``(n, 28, 28, 1)``; returns ``(gan, cpu_seconds)``."""
    if not (isinstance(steps, int) and steps >= 1):
        raise ValueError(f"steps must be an int ≥ 1, got {steps!r}.")
    gan = style_gan(seed, recipe=recipe)
    ds = (tf.data.Dataset.from_tensor_slices(np.asarray(x, np.float32))
          .shuffle(len(x), seed=seed, reshuffle_each_iteration=True).repeat()
          .batch(STYLE_BATCH, drop_remainder=True))
    start = time.process_time()
    gan.fit(ds, epochs=1, steps_per_epoch=steps, verbose=0, callbacks=callbacks)
    return gan, time.process_time() - start


__all__ = ["COLLAPSING_RECIPE", "FACE_STEPS", "GAP_EVERY", "STORED_FACE_STEPS",
           "STORED_STYLE_STEPS", "STYLE_RECIPE", "STYLE_STEPS", "DGap", "FaceRun", "StyleRecipe",
           "face_gan", "style_discriminator", "style_gan", "train_faces", "train_style"]
