"""Lesson 08's training recipe and how it measures a generator."""

import keras
import numpy as np
import pytest

from course_utils import data
from course_utils.lessons.l08_dcgan import recipe
from course_utils.metrics import load_classifier
from course_utils.training import GAN


def test_make_gan_uses_the_papers_adam_and_the_non_saturating_loss():
    gan = recipe.make_gan(16, 4, seed=3)
    assert isinstance(gan, GAN) and gan.latent_dim == 16
    for opt in (gan.g_optimizer, gan.d_optimizer):
        assert isinstance(opt, keras.optimizers.Adam)
        assert float(opt.learning_rate) == pytest.approx(2e-4)
        assert float(opt.beta_1) == pytest.approx(0.5)
    assert gan.g_optimizer is not gan.d_optimizer


def test_make_gan_is_reproducible_and_passes_the_variant_on():
    a, b = recipe.make_gan(16, 4, seed=3), recipe.make_gan(16, 4, seed=3)
    for x, y in zip(a.generator.get_weights(), b.generator.get_weights(), strict=True):
        np.testing.assert_array_equal(x, y)
    def has_bn(model):
        return any("BatchNormalization" in type(lay).__name__ for lay in model.layers)

    no_bn_g = recipe.make_gan(16, 4, seed=3, g_batch_norm=False)
    assert not has_bn(no_bn_g.generator) and has_bn(no_bn_g.discriminator)
    no_bn_d = recipe.make_gan(16, 4, seed=3, d_batch_norm=False)
    assert has_bn(no_bn_d.generator) and not has_bn(no_bn_d.discriminator)
    for x, y in zip(a.discriminator.get_weights(), no_bn_g.discriminator.get_weights(),
                    strict=True):  # the other player starts from the same weights
        np.testing.assert_array_equal(x, y)


def test_make_gan_refuses_a_bad_seed():
    with pytest.raises(ValueError, match="seed"):
        recipe.make_gan(16, 4, seed=-1)


def test_train_dcgan_trains_and_times_itself():
    x = np.random.default_rng(0).uniform(-1, 1, (64, 28, 28, 1)).astype("float32")
    gan, seconds = recipe.train_dcgan(x, epochs=1, batch_size=32, seed=0, latent_dim=8,
                                      base_filters=2)
    assert int(gan.g_optimizer.iterations.numpy()) == 2 and seconds > 0
    with pytest.raises(ValueError, match="epochs"):
        recipe.train_dcgan(x, epochs=0)


@pytest.fixture(scope="module")
def mnist():
    return data.load_mnist()[0], load_classifier("mnist")


def test_real_images_score_like_the_baseline_and_noise_far_from_it(mnist):
    x, clf = mnist
    real = recipe.evaluate(data.load_mnist(split="test")[0][:400], clf, x, seed=1)
    noise = recipe.evaluate(np.random.default_rng(0).uniform(-1, 1, (400, 28, 28, 1)), clf, x)
    assert real.ratio < 3 and noise.ratio > 50
    assert real.classes_present(0.05) == 10
    assert sum(real.histogram) == pytest.approx(1.0)
    d = real.as_dict()
    assert d["classes_present"] == 10 and d["n"] == 400 and len(d["class_histogram"]) == 10


def test_evaluate_needs_twice_as_many_real_images(mnist):
    x, clf = mnist
    with pytest.raises(ValueError, match="at least 2 n"):
        recipe.evaluate(x[:600], clf, x[:1000])
    with pytest.raises(ValueError, match="n >= 2"):
        recipe.evaluate(x[:1, 0], clf, x)


def test_a_collapsed_generator_has_zero_entropy_not_minus_zero(mnist):
    import math

    x, clf = mnist
    ev = recipe.evaluate(np.repeat(x[:1], 50, axis=0), clf, x)
    assert ev.classes_present() == 1 and ev.entropy == 0.0
    assert math.copysign(1.0, ev.as_dict()["class_entropy"]) == 1.0
