"""Lesson 06's MNIST experiment: what the class histogram can and cannot tell.

Every run trains the same MLP generator (z → 2 hidden layers → 28×28 tanh) on the bundled
MNIST training images with Adam (G's step 1e-3, β₁ = 0.5). The *slow-D* run uses the ring's
recipe: D's step 1e-4, ten times slower than G's. The *balanced* run gives D the same step
as G. (Full mode adds a third run: the slow D judging packs of ``m = 2`` images, PacGAN.)
The course classifier then says which digit every generated image is: its class histogram
and class entropy (0 = one digit, log 10 ≈ 2.30 = all ten equally often).

A low class entropy does not say *why*: a generator that draws clear digits of one class
(mode collapse) and one that draws the same grey blob for every z (it never trained) both
score near 0. :func:`nearest_real_ratio` tells them apart — how far each image is from its
nearest training image, against the same for real test images — and :func:`baseline` gives
the rows to compare with: real test images, real images of one digit only (a perfect
one-class collapse), and the untrained generator. Defined in lesson 06.
"""

from __future__ import annotations

import dataclasses
import time

import keras
import numpy as np

from course_utils import models, training
from course_utils.data import make_dataset

RUNS = {  # name: (English title, Chinese title, D's learning rate, pack m)
    "slow_d": ("slow D: D's step 1e-4, 10× slower than G's",
               "慢判别器：判别器步长 1e-4，比生成器慢 10 倍", 1e-4, 1),
    "balanced": ("balanced: D's step 1e-3, the same as G's",
                 "均衡：判别器步长 1e-3，与生成器相同", 1e-3, 1),
    "packed_slow_d": ("packing only: D's step 1e-4, packs of m = 2 (PacGAN)",
                      "只打包：判别器步长 1e-4，每 m = 2 张打包（PacGAN）", 1e-4, 2),
}


@dataclasses.dataclass(frozen=True)
class MnistSettings:
    """Budget of the MNIST runs; :meth:`for_mode` gives the lesson's."""

    steps: int = 1000
    batch_size: int = 64
    hidden: int = 128
    latent_dim: int = 64
    g_lr: float = 1e-3
    n_samples: int = 1000

    @classmethod
    def for_mode(cls, mode: str) -> MnistSettings:
        """quick: 100 steps of 2×32 nets; standard: 1,000 steps of 2×128; full: 10,000
        steps of 2×256."""
        if mode not in ("quick", "standard", "full"):
            raise ValueError(f"Unknown mode {mode!r}: expected quick, standard or full.")
        return {"quick": cls(steps=100, hidden=32, n_samples=200), "standard": cls(),
                "full": cls(steps=10_000, hidden=256, n_samples=5000)}[mode]


@dataclasses.dataclass
class MnistRun:
    """One run: its generated images and what the course classifier says about them."""

    name: str
    images: np.ndarray  # (n, 28, 28, 1) in [-1, 1]
    histogram: np.ndarray  # (10,) share of images per predicted digit
    entropy: float  # nats
    confidence: float  # mean top-class probability
    diversity: float  # mean pairwise distance of images / the same for real images
    nearest_real: float  # nearest_real_ratio of the images
    wall_s: float
    cpu_s: float
    diverged: str | None = None


def packed_image_discriminator(m, hidden, seed) -> keras.Model:
    """D judging packs of ``m`` images: ``(batch, 28, 28, 1)`` → logits ``(batch / m, 1)``.

    The shared :func:`course_utils.models.packed_discriminator` around the course's MLP
    discriminator of ``m · 784`` inputs.
    """
    inner = models.mlp_discriminator((m * 784,), hidden=(hidden, hidden), seed=seed)
    return models.packed_discriminator(inner, m, (28, 28, 1), name=f"packed_discriminator_m{m}")


def _subset(x, n):
    """``n`` rows of ``x`` evenly spaced (all of them if fewer): a sorted set stays mixed."""
    return x if len(x) <= n else x[np.linspace(0, len(x) - 1, n).round().astype(int)]


def diversity(images, real, n=300) -> float:
    """Mean pairwise Euclidean distance between ``n`` of ``images`` (evenly spaced), divided
    by the same for ``n`` real images: about 1 for varied images, near 0 when they are all alike."""

    def spread(x):
        x = _subset(np.asarray(x, dtype=np.float64).reshape(len(x), -1), n)
        sq = (x ** 2).sum(1)
        d2 = np.maximum(sq[:, None] + sq[None] - 2 * x @ x.T, 0.0)
        return np.sqrt(d2)[np.triu_indices(len(x), 1)].mean()

    if len(images) < 2 or len(real) < 2:
        raise ValueError("diversity needs at least 2 images in each set.")
    return float(spread(images) / spread(real))


def nearest_real_ratio(images, train, reference, n=300) -> float:
    """Mean distance from each of ``n`` ``images`` (evenly spaced) to its nearest ``train``
    image, divided by the same for ``n`` ``reference`` images (real images not in ``train``;
    1 by definition for the reference set itself): about 1 for
    images as close to real digits as real ones are, well above 1 for images that are no
    digit (a blob), and near 0 for copies of training images."""

    def nearest(x):
        x = _subset(np.asarray(x, dtype=np.float64).reshape(len(x), -1), n)
        t = np.asarray(train, dtype=np.float64).reshape(len(train), -1)
        d2 = (x ** 2).sum(1)[:, None] + (t ** 2).sum(1)[None] - 2 * x @ t.T
        return np.sqrt(np.maximum(d2.min(1), 0.0)).mean()

    if len(images) < 1 or len(reference) < 1 or len(train) < 1:
        raise ValueError("nearest_real_ratio needs at least one image in each set.")
    return float(nearest(images) / nearest(reference))


BASELINES = {  # name: (English title, Chinese title)
    "real": ("real test images, all digits", "真实测试图像，所有数字"),
    "one_digit": ("real test images of digit 1 only: a perfect one-class collapse",
                  "只有数字 1 的真实测试图像：完美的单类崩溃"),
    "untrained": ("the generator before training", "训练前的生成器"),
}


def _measured(name, images, x_train, x_test, classifier, wall=0.0, cpu=0.0, diverged=None):
    return MnistRun(name=name, images=images, histogram=classifier.class_histogram(images),
                    entropy=abs(classifier.class_entropy(images)),  # never -0.00
                    confidence=classifier.mean_confidence(images),
                    diversity=diversity(images, x_test),
                    nearest_real=nearest_real_ratio(images, x_train, x_test),
                    wall_s=wall, cpu_s=cpu, diverged=diverged)


def baseline(name, x_train, x_test, y_test, classifier, settings: MnistSettings,
             seed=0) -> MnistRun:
    """A row of :data:`BASELINES`, measured like a trained run (``x_test`` ``(n, 28, 28, 1)``
    with digits ``y_test``)."""
    if name not in BASELINES:
        raise ValueError(f"Unknown baseline {name!r}: expected one of {', '.join(BASELINES)}.")
    if name == "real":
        images = x_test
    elif name == "one_digit":
        images = x_test[np.asarray(y_test) == 1]
    else:
        h = settings.hidden
        g = models.mlp_generator(settings.latent_dim, (28, 28, 1), hidden=(h, h),
                                 output_activation="tanh", seed=seed)
        z = np.random.default_rng(seed + 2).standard_normal(
            (settings.n_samples, settings.latent_dim)).astype("float32")
        images = np.asarray(g(z, training=False))  # not predict(): on NumPy it logs a TF line
    return _measured(name, images, x_train, x_test, classifier)


def train_run(name, x_train, x_test, classifier, settings: MnistSettings, seed=0) -> MnistRun:
    """Train run ``name`` of :data:`RUNS` on ``x_train`` and measure it with ``classifier``
    (diversity and nearest-real distance against the real ``x_test``)."""
    if name not in RUNS:
        raise ValueError(f"Unknown run {name!r}: expected one of {', '.join(RUNS)}.")
    _, _, d_lr, m = RUNS[name]
    h = settings.hidden
    g = models.mlp_generator(settings.latent_dim, (28, 28, 1), hidden=(h, h),
                             output_activation="tanh", seed=seed)
    d = (packed_image_discriminator(m, h, seed + 1) if m > 1
         else models.mlp_discriminator((28, 28, 1), hidden=(h, h), seed=seed + 1))
    gan = training.GAN(g, d, seed=seed)
    gan.compile(d_optimizer=keras.optimizers.Adam(d_lr, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(settings.g_lr, beta_1=0.5),
                steps_per_execution=min(100, settings.steps))
    real = make_dataset(x_train, batch_size=settings.batch_size, seed=seed).repeat()
    chunk = min(100, settings.steps)
    start, cpu = time.perf_counter(), time.process_time()
    diverged = None
    try:
        gan.fit(real, epochs=settings.steps // chunk, steps_per_epoch=chunk, verbose=0)
    except training.TrainingDiverged as err:
        diverged = str(err)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    z = np.random.default_rng(seed + 2).standard_normal(
        (settings.n_samples, settings.latent_dim)).astype("float32")
    images = np.clip(gan.generate(len(z), z=z, batch_size=len(z)), -1.0, 1.0)  # one batch
    if not np.isfinite(images).all():
        images = np.zeros_like(images)
        diverged = diverged or "NaN in the generated images"
    return _measured(name, images, x_train, x_test, classifier, wall, cpu, diverged)
