"""Lesson 06's MNIST runs: settings, diversity, nearest-real distance, baselines, one tiny run."""

import numpy as np
import pytest

from course_utils import data, metrics
from course_utils.lessons.l06_mode_collapse import mnist


@pytest.fixture(scope="module")
def digits():
    (x_train, _), (x_test, y_test) = data.load_mnist(split="train"), data.load_mnist(split="test")
    return x_train, x_test, y_test


def test_for_mode_budgets():
    assert mnist.MnistSettings.for_mode("standard").steps == 1000
    assert mnist.MnistSettings.for_mode("quick").steps < 1000
    with pytest.raises(ValueError, match="mode"):
        mnist.MnistSettings.for_mode("slow")


def test_diversity_is_zero_for_identical_images_and_one_for_the_real_set(digits):
    _, x, _ = digits
    same = np.repeat(x[:1], 50, axis=0)
    assert mnist.diversity(same, x) == pytest.approx(0.0, abs=1e-6)
    assert mnist.diversity(x, x) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="2 images"):
        mnist.diversity(x[:1], x)


def test_nearest_real_is_one_for_the_reference_zero_for_copies_and_large_for_blobs(digits):
    x_train, x_test, _ = digits
    assert mnist.nearest_real_ratio(x_test, x_train, x_test) == pytest.approx(1.0)
    assert mnist.nearest_real_ratio(x_train[:50], x_train, x_test) == pytest.approx(0.0, abs=1e-6)
    blob = np.zeros((20, 28, 28, 1), "float32")  # mid-grey: no digit
    assert mnist.nearest_real_ratio(blob, x_train, x_test) > 1.5
    with pytest.raises(ValueError, match="at least one image"):
        mnist.nearest_real_ratio(blob[:0], x_train, x_test)


def test_baselines_one_digit_is_a_perfect_one_class_collapse(digits):
    x_train, x_test, y_test = digits
    clf, settings = metrics.load_classifier("mnist"), mnist.MnistSettings.for_mode("quick")
    real = mnist.baseline("real", x_train, x_test, y_test, clf, settings)
    one = mnist.baseline("one_digit", x_train, x_test, y_test, clf, settings)
    untrained = mnist.baseline("untrained", x_train, x_test, y_test, clf, settings, seed=0)
    assert real.entropy > 2.2 and real.nearest_real == pytest.approx(1.0)
    assert one.entropy < 0.2 and one.nearest_real < 1.0 and len(one.images) == 100
    assert untrained.nearest_real > 1.5 and untrained.images.shape == (200, 28, 28, 1)
    with pytest.raises(ValueError, match="baseline"):
        mnist.baseline("noise", x_train, x_test, y_test, clf, settings)


def test_packed_image_discriminator_gives_one_logit_per_pack():
    d = mnist.packed_image_discriminator(2, 8, seed=0)
    assert d(np.zeros((6, 28, 28, 1), "float32")).shape == (3, 1)


def test_a_tiny_run_is_measured_by_the_classifier(digits):
    x_train, x_test, _ = digits
    settings = mnist.MnistSettings(steps=10, batch_size=16, hidden=8, latent_dim=4, n_samples=20)
    run = mnist.train_run("packed_slow_d", x_train, x_test, metrics.load_classifier("mnist"),
                          settings, seed=0)
    assert run.images.shape == (20, 28, 28, 1) and run.images.min() >= -1
    assert run.histogram.sum() == pytest.approx(1.0) and run.nearest_real > 0
    assert 0 <= run.entropy <= np.log(10) + 1e-9 and run.diverged is None
    with pytest.raises(ValueError, match="run"):
        mnist.train_run("nope", x_train, x_test, None, settings)
