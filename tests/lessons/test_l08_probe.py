"""Lesson 08's linear probe on the discriminator's features."""

import numpy as np
import pytest

from course_utils import models
from course_utils.lessons.l08_dcgan import probe


def _blobs(n, d, seed, shift):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    return rng.standard_normal((n, d)) + shift * np.eye(3, d)[y], y


def test_linear_probe_separates_separable_classes_and_not_pure_noise():
    f_train, y_train = _blobs(300, 5, 0, shift=6.0)
    f_test, y_test = _blobs(300, 5, 1, shift=6.0)
    assert probe.linear_probe(f_train, y_train, f_test, y_test) > 0.95
    n_train, _ = _blobs(300, 5, 2, shift=0.0)  # features that carry no label
    n_test, _ = _blobs(300, 5, 3, shift=0.0)
    assert probe.linear_probe(n_train, y_train, n_test, y_test) < 0.5


def test_linear_probe_standardises_so_a_feature_scale_does_not_matter():
    f_train, y_train = _blobs(200, 4, 0, shift=3.0)
    f_test, y_test = _blobs(200, 4, 1, shift=3.0)
    scale = np.array([1e4, 1e-3, 1.0, 1.0])
    constant = np.ones((len(f_train), 1)), np.ones((len(f_test), 1))  # std 0: left at 0
    a = probe.linear_probe(f_train, y_train, f_test, y_test)
    b = probe.linear_probe(np.hstack([f_train * scale, constant[0]]), y_train,
                           np.hstack([f_test * scale, constant[1]]), y_test)
    assert a == pytest.approx(b, abs=0.02)


@pytest.mark.parametrize("kwargs, word", [
    ({"train_features": np.ones((4, 3)), "test_features": np.ones((4, 2))}, "same d"),
    ({"train_labels": np.arange(3)}, "one label per row"),
    ({"train_labels": np.zeros(4)}, "two classes"),
])
def test_linear_probe_refuses_bad_input(kwargs, word):
    args = {"train_features": np.ones((4, 3)), "train_labels": np.array([0, 1, 0, 1]),
            "test_features": np.ones((2, 3)), "test_labels": np.array([0, 1]), **kwargs}
    with pytest.raises(ValueError, match=word):
        probe.linear_probe(**args)


def test_discriminator_features_are_the_flattened_last_feature_map_in_inference_mode():
    d = models.dcgan_discriminator(4, seed=0)
    x = np.random.default_rng(0).uniform(-1, 1, (7, 28, 28, 1)).astype("float32")
    f = probe.discriminator_features(d, x, batch_size=3)  # three batches, one partial
    assert f.shape == (7, 7 * 7 * 8)
    one_by_one = np.concatenate([probe.discriminator_features(d, x[i:i + 1]) for i in range(7)])
    np.testing.assert_allclose(f, one_by_one, atol=1e-5)  # no batch statistics involved
    logit = np.asarray(d.get_layer("logit")(f))
    np.testing.assert_allclose(logit, np.asarray(d(x, training=False)), atol=1e-5)


def test_discriminator_features_need_the_course_discriminator():
    with pytest.raises(ValueError, match="no layer named 'features'"):
        probe.discriminator_features(models.mlp_discriminator((28, 28, 1)),
                                     np.zeros((2, 28, 28, 1)))
    with pytest.raises(ValueError, match="keras.Model"):
        probe.discriminator_features("D", np.zeros((2, 28, 28, 1)))


def test_pixels_flattens_images():
    assert probe.pixels(np.zeros((3, 28, 28, 1))).shape == (3, 784)
