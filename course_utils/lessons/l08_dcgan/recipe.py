"""The DCGAN training recipe and how lesson 08 measures a generator. Defined in lesson 08;
``scripts/pretrain_generators.py`` trains the pretrained generators with the same recipe.

Training details of Radford et al. 2015 (arXiv 1511.06434, §4): images scaled to [-1, 1]
(tanh output), weights from N(0, 0.02), minibatches of real images, Adam with learning
rate 2e-4 and β₁ = 0.5, the non-saturating loss.

The measurements use the course classifier (``course_utils.metrics.load_classifier``): a
Fréchet distance on its 64 features — **not comparable with Inception-based FID** — next to
the real baseline (two disjoint sets of real images of the same size), and the share of
generated images it puts in each class.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras
import numpy as np

from course_utils.data import make_dataset
from course_utils.metrics.features import disjoint_sets
from course_utils.models import dcgan_discriminator, dcgan_generator
from course_utils.models._common import check_positive_int
from course_utils.training import GAN

LEARNING_RATE, BETA_1 = 2e-4, 0.5  # DCGAN §4: Adam(2e-4, β₁ = 0.5)


def paper_adam(learning_rate=LEARNING_RATE, beta_1=BETA_1) -> keras.optimizers.Adam:
    """Adam with DCGAN's settings (β₁ = 0.5: the default 0.9 made training oscillate)."""
    return keras.optimizers.Adam(learning_rate, beta_1=beta_1)


def make_gan(latent_dim=64, base_filters=16, *, seed=0, g_batch_norm=True, d_batch_norm=True,
             resampling="strided", sync_batch_norm=False, learning_rate=LEARNING_RATE,
             beta_1=BETA_1, gan_class=GAN) -> GAN:
    """A compiled DCGAN (non-saturating loss, two Adam optimizers with DCGAN's settings).

    The players come from the one DCGAN builder, ``course_utils.models.dcgan_generator`` /
    ``dcgan_discriminator``: ``g_batch_norm`` / ``d_batch_norm`` switch batch norm in one
    player at a time (the ablation), ``resampling`` and ``sync_batch_norm`` go to both.
    ``seed`` fixes both players' initial weights (``seed``, ``seed + 1``) and the latent
    noise of training. ``gan_class``: :class:`GAN` or a subclass. Call it inside
    ``strategy.scope()`` to train under ``tf.distribute``.
    """
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}.")
    shared = {"resampling": resampling, "sync_batch_norm": sync_batch_norm}
    g = dcgan_generator(latent_dim, base_filters, batch_norm=g_batch_norm, seed=seed, **shared)
    d = dcgan_discriminator(base_filters, batch_norm=d_batch_norm, seed=seed + 1, **shared)
    gan = gan_class(g, d, seed=seed)
    gan.compile(d_optimizer=paper_adam(learning_rate, beta_1),
                g_optimizer=paper_adam(learning_rate, beta_1), loss="non_saturating")
    return gan


def train_dcgan(x, *, epochs, batch_size=64, seed=0, callbacks=None, verbose=0, **gan_kwargs):
    """Train :func:`make_gan` on images ``x`` ``(N, 28, 28, 1)`` in [-1, 1].

    Each epoch reshuffles ``x`` (seeded) and drops the last incomplete batch. Returns
    ``(gan, seconds)``. Raises ``TrainingDiverged`` if a loss becomes NaN or inf.
    """
    check_positive_int("epochs", epochs)
    gan = make_gan(seed=seed, **gan_kwargs)
    data = make_dataset(x, batch_size=batch_size, shuffle=True, seed=seed)
    start = time.perf_counter()
    gan.fit(data, epochs=epochs, verbose=verbose, callbacks=callbacks)
    return gan, time.perf_counter() - start


# ------------------------------------------------------------------------ measuring
@dataclass(frozen=True)
class Evaluation:
    """What the course classifier says about ``n`` generated images.

    ``distance``: Fréchet distance (course classifier features) between the generated images
    and ``n`` real ones; ``baseline``: the same between two disjoint sets of ``n`` real
    images; ``ratio`` = distance / baseline (1 = as good as real data); ``histogram``: share
    of the generated images in each class; ``entropy`` of it (nats, log 10 ≈ 2.30 uniform);
    ``confidence``: the classifier's mean top probability.
    """

    distance: float
    baseline: float
    histogram: tuple
    entropy: float
    confidence: float
    n: int

    @property
    def ratio(self) -> float:
        return self.distance / self.baseline

    def classes_present(self, min_share=0.0) -> int:
        """Number of classes holding more than ``min_share`` of the generated images."""
        return int(sum(share > min_share for share in self.histogram))

    def as_dict(self) -> dict:
        """Plain numbers for ``report.record`` (rounded to 4 significant digits)."""
        return {"frechet_distance": float(f"{self.distance:.4g}"),
                "real_baseline": float(f"{self.baseline:.4g}"),
                "ratio_to_baseline": float(f"{self.ratio:.4g}"),
                "class_histogram": [round(float(s), 4) for s in self.histogram],
                "classes_present": self.classes_present(),
                "classes_over_1pct": self.classes_present(0.01),
                "class_entropy": round(self.entropy, 4), "mean_confidence":
                round(self.confidence, 4), "n": self.n}


def evaluate(images, classifier, x_real, seed=0) -> Evaluation:
    """Measure generated ``images`` ``(n, 28, 28, 1)`` in [-1, 1] against real ``x_real``.

    ``x_real`` needs at least ``2 n`` images: a seeded permutation picks two disjoint sets A
    and B of ``n``; the distance is generated ↔ B, the baseline is A ↔ B (same sizes, same
    reference set, so the two numbers compare fairly).
    """
    images = np.asarray(images, dtype=np.float32)
    x_real = np.asarray(x_real, dtype=np.float32)
    n = len(images)
    if images.ndim != 4 or n < 2:
        raise ValueError(f"images must be (n, 28, 28, 1) with n >= 2, got {images.shape}.")
    if len(x_real) < 2 * n:
        raise ValueError(f"x_real needs at least 2 n = {2 * n} images for a fair real baseline "
                         f"at the same sample size, got {len(x_real)}: generate fewer images.")
    a, b = disjoint_sets(x_real, n, seed)
    hist = classifier.class_histogram(images)
    return Evaluation(distance=classifier.frechet_distance(images, b),
                      baseline=classifier.frechet_distance(a, b),
                      histogram=tuple(float(s) for s in hist),
                      entropy=float(classifier.class_entropy(images)) + 0.0,  # no -0.0
                      confidence=float(classifier.mean_confidence(images)), n=n)
