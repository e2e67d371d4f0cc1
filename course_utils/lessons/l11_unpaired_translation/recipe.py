"""How lesson 11 trains its models, in one place: the notebook (the live run) and
``scripts/pretrain_unpaired.py`` (the stored generators) call the same functions.
Defined in lesson 11.

CycleGAN: :func:`course_utils.models.cycle.cycle_generator` (8 filters, 1 residual block)
and :func:`~course_utils.models.cycle.cycle_discriminator`, Adam(2e-3, β₁ = 0.5) for all
three optimizers (the paper uses 2e-4 for 200 epochs; a larger step suits a few hundred
rounds), batch 16, λ = 10, λ_id = 5, a 50-image history. CoGAN:
:mod:`course_utils.models.coupled`, Adam(1e-3, β₁ = 0.5), batch 32, the non-saturating loss.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras
import numpy as np

from course_utils.models.coupled import coupled_discriminator, coupled_generator
from course_utils.models.cycle import cycle_discriminator, cycle_generator
from course_utils.training.cogan import CoGAN
from course_utils.training.cycle import POOL_SIZE, CycleGAN

LEARNING_RATE = 2e-3
BATCH = 16
FILTERS = 8
RESIDUAL_BLOCKS = 1
CYCLE_WEIGHT = 10.0  # λ of the paper
IDENTITY_WEIGHT = 5.0  # λ_id = ½ λ (the paper's §5.2)
LIVE_STEPS = {"quick": 50, "standard": 150, "full": 600}  # rounds of the live run
TEST_IMAGES = {"quick": 250, "standard": None, "full": None}  # held-out images measured (None: 500)
COGAN_PAIRS = {"quick": 300, "standard": 1000, "full": 1000}  # pairs measured per stored CoGAN
PRETRAIN_STEPS = 400  # rounds of every stored CycleGAN run
COGAN_LEARNING_RATE = 1e-3
COGAN_BATCH = 32
LATENT_DIM = 32
COGAN_STEPS = 500  # rounds of every stored CoGAN run


@dataclass(frozen=True)
class Variant:
    """One row of the ablation: the weights of the generators' loss terms."""

    adversarial_weight: float
    cycle_weight: float
    identity_weight: float
    backward_cycle: bool
    en: str
    zh: str


VARIANTS = {
    "full": Variant(1.0, CYCLE_WEIGHT, IDENTITY_WEIGHT, True, "CycleGAN (GAN + cycle + identity)",
                    "CycleGAN（GAN + 循环 + 恒等）"),
    "no_identity": Variant(1.0, CYCLE_WEIGHT, 0.0, True, "GAN + cycle (no identity)",
                           "GAN + 循环（无恒等）"),
    "forward_cycle": Variant(1.0, CYCLE_WEIGHT, 0.0, False, "GAN + forward cycle A→B→A",
                             "GAN + 正向循环 A→B→A"),
    "gan_alone": Variant(1.0, 0.0, 0.0, True, "GAN alone", "仅 GAN"),
    "cycle_alone": Variant(0.0, CYCLE_WEIGHT, 0.0, True, "cycle alone", "仅循环"),
}


def build(variant: Variant, image_shape=(28, 28, 1), seed: int = 0) -> CycleGAN:
    """An untrained, compiled :class:`CycleGAN` for ``variant``."""
    gs = [cycle_generator(image_shape, FILTERS, RESIDUAL_BLOCKS, name=f"generator_{d}",
                          seed=seed * 10 + i) for i, d in enumerate(("ab", "ba"))]
    ds = [cycle_discriminator(image_shape, name=f"discriminator_{d}", seed=seed * 10 + 2 + i)
          for i, d in enumerate(("a", "b"))]
    model = CycleGAN(*gs, *ds, pool_size=POOL_SIZE, seed=seed)
    model.compile(g_optimizer=_adam(), d_a_optimizer=_adam(), d_b_optimizer=_adam(),
                  cycle_weight=variant.cycle_weight, identity_weight=variant.identity_weight,
                  adversarial_weight=variant.adversarial_weight,
                  backward_cycle=variant.backward_cycle)
    return model


def _adam(lr=LEARNING_RATE):
    return keras.optimizers.Adam(lr, beta_1=0.5)


def unpaired_batches(a, b, batch_size: int, seed: int = 0):
    """An endless ``tf.data.Dataset`` of ``(a, b)`` batches: each domain shuffled on its own
    (NumPy, ``seed``), so row i of a batch of ``a`` has nothing to do with row i of ``b``."""
    import tensorflow as tf

    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    n = min(len(a), len(b)) // batch_size * batch_size
    if n == 0:
        raise ValueError(f"each domain needs at least batch_size={batch_size} images.")
    rng = np.random.default_rng(seed)
    epochs = 8  # shuffled orders drawn ahead, then repeated
    ia = np.concatenate([rng.permutation(len(a))[:n] for _ in range(epochs)])
    ib = np.concatenate([rng.permutation(len(b))[:n] for _ in range(epochs)])
    ds = tf.data.Dataset.from_tensor_slices((ia, ib)).repeat()
    ta, tb = tf.constant(a), tf.constant(b)
    return ds.batch(batch_size, drop_remainder=True).map(
        lambda i, j: (tf.gather(ta, i), tf.gather(tb, j)))


@dataclass
class Run:
    """A trained model, its history (one entry per 50 rounds) and the CPU seconds."""

    model: object
    history: dict
    cpu_s: float


def _fit(model, data_a, data_b, steps, batch, seed, callbacks):
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 1:
        raise ValueError(f"steps must be an int ≥ 1, got {steps!r}.")
    per_epoch = min(50, steps)
    if steps % per_epoch:
        raise ValueError(f"steps must be a multiple of {per_epoch}, got {steps}.")
    start = time.process_time()
    history = model.fit(unpaired_batches(data_a, data_b, batch, seed), epochs=steps // per_epoch,
                        steps_per_epoch=per_epoch, verbose=0, callbacks=callbacks)
    return Run(model, history.history, time.process_time() - start)


def train(variant: Variant, data, steps: int, seed: int = 0, callbacks=None) -> Run:
    """Train :func:`build` for ``steps`` rounds on the two domains of ``data``
    (:class:`~course_utils.data.domains.UnpairedData`)."""
    return _fit(build(variant, data.a.shape[1:], seed), data.a, data.b, steps, BATCH, seed,
                callbacks)


def build_cogan(share: bool, image_shape=(28, 28, 1), seed: int = 0) -> CoGAN:
    """An untrained, compiled :class:`CoGAN` with or without weight sharing."""
    g = coupled_generator(LATENT_DIM, image_shape, share=share, seed=seed * 10)
    d = coupled_discriminator(image_shape, share=share, seed=seed * 10 + 1)
    model = CoGAN(g, d, seed=seed)
    model.compile(d_optimizer=_adam(COGAN_LEARNING_RATE), g_optimizer=_adam(COGAN_LEARNING_RATE))
    return model


def train_cogan(share: bool, data, steps: int, seed: int = 0, callbacks=None) -> Run:
    """Train :func:`build_cogan` for ``steps`` rounds on the two domains of ``data``."""
    return _fit(build_cogan(share, data.a.shape[1:], seed), data.a, data.b, steps, COGAN_BATCH,
                seed, callbacks)


__all__ = ["BATCH", "COGAN_PAIRS", "COGAN_STEPS", "CYCLE_WEIGHT", "IDENTITY_WEIGHT", "LATENT_DIM",
           "LEARNING_RATE", "LIVE_STEPS", "PRETRAIN_STEPS", "Run", "TEST_IMAGES", "VARIANTS",
           "Variant", "build", "build_cogan", "train", "train_cogan", "unpaired_batches"]
