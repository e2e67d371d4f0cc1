"""Lesson 06's MNIST experiment: a GAN set up to collapse against a balanced one.

Every run trains the same MLP generator (z → 2 hidden layers → 28×28 tanh) on the bundled
MNIST training images with Adam (G's step 1e-3, β₁ = 0.5). The *collapse-prone* run uses the
ring's recipe: D's step 1e-4, ten times slower than G's, so G keeps over-optimising against
a D that lags behind. The *balanced* run gives D the same step as G. (Full mode adds a
third run: the slow D judging packs of ``m = 2`` images, PacGAN.) The course classifier then
says which digit every generated image is: its class histogram and class entropy (0 = one
digit, log 10 ≈ 2.30 = all ten equally often). Defined in lesson 06.
"""

from __future__ import annotations

import dataclasses
import time

import keras
import numpy as np
from keras import layers

from course_utils import models, training
from course_utils.data import make_dataset
from course_utils.lessons.l06_mode_collapse.stacked import StackedPack

RUNS = {  # name: (English title, Chinese title, D's learning rate, pack m)
    "collapse_prone": ("collapse-prone: D's step 1e-4, 10× slower than G's",
                       "易崩溃：判别器步长 1e-4，比生成器慢 10 倍", 1e-4, 1),
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
    wall_s: float
    cpu_s: float
    diverged: str | None = None


def packed_image_discriminator(m, hidden, seed) -> keras.Model:
    """D judging packs of ``m`` images: ``(batch, 28, 28, 1)`` → logits ``(batch / m, 1)``.

    What ``models.packed_discriminator(models.mlp_discriminator((m·784,)), m, (28, 28, 1))``
    builds, with the packing done by :class:`StackedPack` (the shared ``Pack`` layer reads
    its input size with ``int()``, which fails inside a compiled ``fit``).
    """
    inner = models.mlp_discriminator((m * 784,), hidden=(hidden, hidden), seed=seed)
    x = keras.Input((28, 28, 1), name="x")
    packed = StackedPack(m, 1, name="pack")(layers.Flatten(name="flatten")(x))
    return keras.Model(x, inner(packed), name=f"packed_discriminator_m{m}")


def diversity(images, real, n=300) -> float:
    """Mean pairwise Euclidean distance between ``n`` of ``images``, divided by the same for
    ``n`` real images: about 1 for varied images, near 0 when they are all alike."""

    def spread(x):
        x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)[:n]
        sq = (x ** 2).sum(1)
        d2 = np.maximum(sq[:, None] + sq[None] - 2 * x @ x.T, 0.0)
        return np.sqrt(d2)[np.triu_indices(len(x), 1)].mean()

    if len(images) < 2 or len(real) < 2:
        raise ValueError("diversity needs at least 2 images in each set.")
    return float(spread(images) / spread(real))


def train_run(name, x_train, classifier, settings: MnistSettings, seed=0) -> MnistRun:
    """Train run ``name`` of :data:`RUNS` and measure it with ``classifier``."""
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
    images = np.clip(gan.generate(settings.n_samples, z=z), -1.0, 1.0)
    if not np.isfinite(images).all():
        images = np.zeros_like(images)
        diverged = diverged or "NaN in the generated images"
    return MnistRun(name=name, images=images, histogram=classifier.class_histogram(images),
                    entropy=abs(classifier.class_entropy(images)),  # never -0.00
                    confidence=classifier.mean_confidence(images),
                    diversity=diversity(images, x_train), wall_s=wall, cpu_s=cpu,
                    diverged=diverged)
