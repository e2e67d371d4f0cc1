"""Lesson 06's MNIST runs: settings, diversity, the packed discriminator, one tiny run."""

import numpy as np
import pytest

from course_utils import data, metrics
from course_utils.lessons.l06_mode_collapse import mnist


def test_for_mode_budgets():
    assert mnist.MnistSettings.for_mode("standard").steps == 1000
    assert mnist.MnistSettings.for_mode("quick").steps < 1000
    with pytest.raises(ValueError, match="mode"):
        mnist.MnistSettings.for_mode("slow")


def test_diversity_is_zero_for_identical_images_and_one_for_the_real_set():
    x, _ = data.load_mnist(split="test")
    same = np.repeat(x[:1], 50, axis=0)
    assert mnist.diversity(same, x) == pytest.approx(0.0, abs=1e-6)
    assert mnist.diversity(x[:300], x[:300]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="2 images"):
        mnist.diversity(x[:1], x)


def test_packed_image_discriminator_gives_one_logit_per_pack():
    d = mnist.packed_image_discriminator(2, 8, seed=0)
    assert d(np.zeros((6, 28, 28, 1), "float32")).shape == (3, 1)


def test_a_tiny_run_is_measured_by_the_classifier():
    x, _ = data.load_mnist(split="test")
    settings = mnist.MnistSettings(steps=10, batch_size=16, hidden=8, latent_dim=4, n_samples=20)
    run = mnist.train_run("packed_slow_d", x, metrics.load_classifier("mnist"), settings, seed=0)
    assert run.images.shape == (20, 28, 28, 1) and run.images.min() >= -1
    assert run.histogram.sum() == pytest.approx(1.0)
    assert 0 <= run.entropy <= np.log(10) + 1e-9 and run.diverged is None
    with pytest.raises(ValueError, match="run"):
        mnist.train_run("nope", x, None, settings)
