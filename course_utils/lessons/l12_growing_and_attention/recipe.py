"""How lesson 12 trains its networks, in one place: the notebook (the live run) and
``scripts/pretrain_growing_attention.py`` (the stored runs) call the same functions.
Defined in lesson 12.

* Progressive growing: :class:`~course_utils.training.progressive.ProgressiveGAN` with
  widths (16, 16, 8) at 7, 14, 28 pixels, Adam(1e-3, β₁ = 0, β₂ = 0.99) for both players
  (the paper's setting), the non-saturating loss (the paper uses WGAN-GP; its double
  back-propagation would cost more than the whole CPU budget) and the drift term ε = 0.001.
  "Direct" is the same final network trained at 28×28 from the first step.
* SAGAN: :func:`~course_utils.models.attention.sagan_generator` /
  :func:`~course_utils.models.attention.sagan_discriminator` with and without the attention
  block, spectral normalisation in both, the hinge loss, two time-scale learning rates
  (D 4e-4, G 1e-4, Adam β₁ = 0, β₂ = 0.9: the paper's), batch 32, on
  :class:`~course_utils.training.GAN`.

:class:`FrechetTracker` measures the Fréchet distance (course classifier features, 1,000
generated against the 1,000 bundled test digits) every ``every`` rounds and the training
time spent so far (CPU and wall seconds, evaluation excluded).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import keras
import numpy as np

from course_utils.data import load_mnist, make_dataset
from course_utils.models.attention import attention_layer, sagan_discriminator, sagan_generator
from course_utils.models.progressive import progressive_discriminator, progressive_generator
from course_utils.training.gan import GAN
from course_utils.training.progressive import FadeIn, GrowthSchedule, ProgressiveGAN

LATENT_DIM = 32
WIDTHS = (16, 16, 8)  # progressive networks: channels at 7, 14, 28 pixels
BATCH = 32
STEPS_PER_EPOCH = 100  # fit's epochs are 100 rounds (BackupAndRestore saves at their ends)
PROGRESSIVE_LR = 1e-3
DRIFT = 1e-3
D_LR, G_LR = 4e-4, 1e-4  # SAGAN's two time-scale update rule
EVAL_SAMPLES = 1000

PRETRAIN_GROWTH = GrowthSchedule((300, 500, 900), fade_steps=250)  # 1,700 rounds
PRETRAIN_DIRECT = GrowthSchedule((1000,), fade_steps=0, start_stage=2)  # 1,000 rounds
PRETRAIN_SAGAN_STEPS = 1600
PRETRAIN_SEEDS = (0, 1)
EVAL_EVERY = 100
THRESHOLDS = (120.0, 100.0, 80.0, 60.0)  # Fréchet levels of the race (the lesson reads each)

LIVE_GROWTH = {  # the notebook's live run
    "quick": GrowthSchedule((20, 20, 20), fade_steps=10),
    "standard": GrowthSchedule((60, 60, 60), fade_steps=30),
    "full": PRETRAIN_GROWTH,
}


def total_steps(schedule: GrowthSchedule) -> int:
    """Rounds a schedule trains (the last stage's count included)."""
    return int(sum(schedule.stage_steps))


@dataclass
class Run:
    """A trained model and what was measured while it trained."""

    model: keras.Model
    curve: np.ndarray  # (k, 4): round, CPU s, wall s (training only), Fréchet distance
    gamma: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))  # round, γ_G, γ_D


class FrechetTracker(keras.callbacks.Callback):
    """Every ``every`` rounds (and before the first), the Fréchet distance between
    ``sample(n)`` images (fixed noise, 28×28) and ``reference_features``; keeps rows
    ``(round, CPU s, wall s, Fréchet)`` in :attr:`rows`, training time only."""

    def __init__(self, sample, classifier, reference_features, every=EVAL_EVERY):
        super().__init__()
        from course_utils.metrics.features import frechet_distance_from_features

        self.sample, self.classifier, self.every = sample, classifier, int(every)
        self.reference, self._fd = reference_features, frechet_distance_from_features
        self.rows, self._cpu, self._wall = [], 0.0, 0.0
        self._t = None

    def _measure(self, step):
        fake = np.clip(self.sample(), -1.0, 1.0)
        fd = self._fd(self.classifier.features(fake), self.reference)
        self.rows.append((step, self._cpu, self._wall, fd))

    def on_train_begin(self, logs=None):
        if not self.rows:
            self._measure(int(self.model.g_optimizer.iterations.numpy()))

    def on_train_batch_begin(self, batch, logs=None):
        self._t = (time.process_time(), time.perf_counter())

    def on_train_batch_end(self, batch, logs=None):
        self._cpu += time.process_time() - self._t[0]
        self._wall += time.perf_counter() - self._t[1]
        step = int(self.model.g_optimizer.iterations.numpy())
        if step % self.every == 0:
            self._measure(step)

    @property
    def curve(self) -> np.ndarray:
        return np.asarray(self.rows, np.float64).reshape(-1, 4)


class GammaTracker(keras.callbacks.Callback):
    """Every ``every`` rounds, the attention weights γ of G and D: rows ``(round, γ_G, γ_D)``."""

    def __init__(self, every=EVAL_EVERY):
        super().__init__()
        self.every, self.rows = int(every), []

    def _gammas(self, step):
        g = float(attention_layer(self.model.generator).gamma.numpy())
        d = float(attention_layer(self.model.discriminator).gamma.numpy())
        self.rows.append((step, g, d))

    def on_train_begin(self, logs=None):
        if not self.rows:
            self._gammas(0)

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.g_optimizer.iterations.numpy())
        if step % self.every == 0:
            self._gammas(step)


class GrowthSnapshots(keras.callbacks.Callback):
    """Samples of fixed noise ``z`` during a progressive run: at the end of the first stage,
    and for every later stage as its fade-in starts (α = 0), when α first reaches ½, and at
    the end of the stage (α = 1). :attr:`shots` maps ``(stage, α)`` to images
    ``(n, r, r, 1)`` at the stage's resolution. Put it after :class:`FadeIn`."""

    def __init__(self, schedule: GrowthSchedule, z):
        super().__init__()
        self.schedule, self.z, self.shots = schedule, np.asarray(z, np.float32), {}

    def _take(self, stage, alpha):
        self.shots[(stage, alpha)] = self.model.generate(len(self.z), self.z, stage=stage,
                                                         alpha=alpha, full_size=False)

    def on_train_batch_begin(self, batch, logs=None):
        stage, alpha = self.model.stage, float(self.model.alpha.numpy())
        if stage > self.schedule.start_stage:
            if (stage, 0.0) not in self.shots and alpha == 0.0:
                self._take(stage, 0.0)                      # the new block not yet blended in
            if (stage, 0.5) not in self.shots and alpha >= 0.5:
                self._take(stage, 0.5)

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.g_optimizer.iterations.numpy())
        if step in np.cumsum(self.schedule.stage_steps):   # a stage fully trained
            self._take(self.schedule.at(step - 1)[0], 1.0)


def training_images() -> np.ndarray:
    """The 4,000 bundled training digits ``(4000, 28, 28, 1)`` in [-1, 1]."""
    return load_mnist(split="train")[0]


def test_images() -> np.ndarray:
    """The 1,000 bundled test digits, the Fréchet reference."""
    return load_mnist(split="test")[0]


def eval_noise(n=EVAL_SAMPLES, seed=1234) -> np.ndarray:
    """Fixed latent vectors for every measurement ``(n, LATENT_DIM)``."""
    return np.random.default_rng(seed).standard_normal((n, LATENT_DIM)).astype(np.float32)


def build_progressive(seed=0) -> ProgressiveGAN:
    """An untrained, compiled :class:`ProgressiveGAN` (the paper's Adam settings)."""
    model = ProgressiveGAN(progressive_generator(LATENT_DIM, WIDTHS, seed=seed),
                           progressive_discriminator(WIDTHS, seed=seed + 1), seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(PROGRESSIVE_LR, beta_1=0.0, beta_2=0.99),
                  g_optimizer=keras.optimizers.Adam(PROGRESSIVE_LR, beta_1=0.0, beta_2=0.99),
                  drift_weight=DRIFT)
    return model


def build_sagan(attention: bool, seed=0) -> GAN:
    """An untrained, compiled SAGAN-style :class:`GAN` (hinge loss, TTUR)."""
    g = sagan_generator(LATENT_DIM, attention=attention, seed=seed)
    d = sagan_discriminator(attention=attention, seed=seed + 1)
    model = GAN(g, d, seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(D_LR, beta_1=0.0, beta_2=0.9),
                  g_optimizer=keras.optimizers.Adam(G_LR, beta_1=0.0, beta_2=0.9), loss="hinge")
    return model


def _dataset(seed):
    return make_dataset(training_images(), batch_size=BATCH, seed=seed).repeat()


def _epochs(steps):
    if steps % STEPS_PER_EPOCH:
        raise ValueError(f"steps must be a multiple of {STEPS_PER_EPOCH}, got {steps}.")
    return steps // STEPS_PER_EPOCH


def train_progressive(schedule: GrowthSchedule, seed=0, classifier=None, every=EVAL_EVERY,
                      callbacks=(), model=None) -> Run:
    """Train :func:`build_progressive` (or ``model``) along ``schedule`` (epochs of 100
    rounds, or one epoch when the total is no multiple of 100); with a ``classifier``,
    measure the Fréchet curve. ``callbacks`` run after :class:`FadeIn` (e.g.
    :class:`GrowthSnapshots`)."""
    model = build_progressive(seed) if model is None else model
    steps = total_steps(schedule)
    tracker = []
    if classifier is not None:
        z = eval_noise()
        tracker = [FrechetTracker(lambda: model.generate(len(z), z), classifier,
                                  classifier.features(test_images()), every)]
    per_epoch = STEPS_PER_EPOCH if steps % STEPS_PER_EPOCH == 0 else steps  # else one epoch
    epochs = steps // per_epoch
    model.fit(_dataset(seed), epochs=epochs, steps_per_epoch=per_epoch, verbose=0,
              callbacks=[FadeIn(schedule), *tracker, *callbacks])
    return Run(model, tracker[0].curve if tracker else np.zeros((0, 4)))


def train_sagan(attention: bool, steps: int, seed=0, classifier=None, every=EVAL_EVERY) -> Run:
    """Train :func:`build_sagan` for ``steps`` rounds, measuring Fréchet (and γ)."""
    model = build_sagan(attention, seed)
    z = eval_noise()
    callbacks = []
    if classifier is not None:
        callbacks.append(FrechetTracker(lambda: model.generate(len(z), z), classifier,
                                        classifier.features(test_images()), every))
    if attention:
        callbacks.append(GammaTracker(every))
    model.fit(_dataset(seed), epochs=_epochs(steps), steps_per_epoch=STEPS_PER_EPOCH,
              verbose=0, callbacks=callbacks)
    curve = callbacks[0].curve if classifier is not None else np.zeros((0, 4))
    gamma = np.asarray(callbacks[-1].rows, np.float64) if attention else np.zeros((0, 3))
    return Run(model, curve, gamma)


__all__ = ["BATCH", "D_LR", "DRIFT", "EVAL_EVERY", "EVAL_SAMPLES", "FrechetTracker", "G_LR",
           "GammaTracker", "GrowthSnapshots", "LATENT_DIM", "LIVE_GROWTH", "PRETRAIN_DIRECT",
           "PRETRAIN_GROWTH", "PRETRAIN_SAGAN_STEPS", "PRETRAIN_SEEDS", "PROGRESSIVE_LR", "Run",
           "STEPS_PER_EPOCH", "THRESHOLDS", "WIDTHS",
           "build_progressive", "build_sagan", "eval_noise", "test_images", "total_steps",
           "train_progressive", "train_sagan", "training_images"]
