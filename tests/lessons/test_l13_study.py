"""Lesson 13's measurements on tiny inputs: truncation, spreads, path lengths, mixing, faces."""

import numpy as np
import pytest

from course_utils.lessons.l13_style_and_scale import study
from course_utils.models.style import StyleGenerator


class FakeClassifier:
    """Features = the image pooled to 16 numbers; prediction = brightest quadrant."""

    def features(self, x):
        x = np.asarray(x, np.float64)
        return x.reshape(len(x), 4, 7, 4, 7).mean(axis=(2, 4)).reshape(len(x), 16)

    def predict(self, x):
        return self.features(x)[:, [0, 3, 12, 15]].argmax(1)

    def probabilities(self, x):
        f = self.features(x)[:, :10]
        e = np.exp(f - f.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)


def _generator():
    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, seed=0)
    for layer in g.noises:  # give the noise an effect
        layer.scale.assign(np.full(layer.scale.shape, 0.5, "float32"))
    return g


def test_truncated_normal_stays_inside_and_is_seeded():
    z = study.truncated_normal(500, 4, 0.5, seed=3)
    assert z.shape == (500, 4) and z.dtype == np.float32 and np.abs(z).max() <= 0.5
    np.testing.assert_array_equal(z, study.truncated_normal(500, 4, 0.5, seed=3))
    with pytest.raises(ValueError, match="psi must be a number > 0"):
        study.truncated_normal(5, 2, 0)


def test_within_class_spread_is_zero_for_copies_and_grows_with_distance():
    f = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0], [1.0, 1.0]])
    assert study.within_class_spread(f, np.array([0, 0, 1, 1])) == pytest.approx(2.5)


def test_truncation_sweep_on_a_generator_that_ignores_z_has_no_spread():
    def g(inputs, training=False):
        z, c = inputs
        return np.tile(np.linspace(-1, 1, 10)[np.asarray(c)][:, None, None, None],
                       (1, 28, 28, 1)).astype("float32")

    real = np.random.default_rng(0).uniform(-1, 1, (30, 28, 28, 1)).astype("float32")
    out = study.truncation_sweep(g, FakeClassifier(), real, [None, 0.5], per_class=3)
    assert out["psi"] == [None, 0.5] and out["spread"] == [0.0, 0.0]
    assert set(out) == {"psi", "confidence", "accuracy", "precision", "spread", "recall"}


def test_ignore_noise_zeroes_z_only():
    seen = {}

    def g(inputs, training=False):
        seen["z"], seen["c"] = inputs
        return 0

    study.ignore_noise(g)([np.ones((2, 3)), np.array([4, 5])])
    assert np.all(seen["z"] == 0) and list(seen["c"]) == [4, 5]


def test_slerp_ends_at_its_endpoints_and_keeps_the_norm_of_unit_vectors():
    a, b = np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])
    np.testing.assert_allclose(study.slerp(a, b, np.array([0.0])), a, atol=1e-12)
    np.testing.assert_allclose(study.slerp(a, b, np.array([1.0])), b, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(study.slerp(a, b, np.array([0.3]))), 1.0)


def test_path_lengths_are_positive_per_pair_and_name_a_bad_space():
    g = _generator()
    for space in ("z", "w"):
        v = study.path_lengths(g, FakeClassifier(), space, n=6, seed=0)
        assert v.shape == (6,) and np.all(v >= 0) and np.all(np.isfinite(v))
    with pytest.raises(ValueError, match="space must be 'z' or 'w'"):
        study.path_lengths(g, FakeClassifier(), "x", n=2)


def test_trimmed_mean_drops_the_extremes():
    assert study.trimmed_mean(np.r_[np.ones(98), 1000.0, -1000.0], cut=0.01) == pytest.approx(1.0)


def test_mix_images_at_the_ends_gives_one_source():
    g = _generator()
    za, zb = (np.random.default_rng(i).standard_normal((3, 8)).astype("float32") for i in (1, 2))
    noise = g.noise_like(3, seed=0)
    np.testing.assert_allclose(study.mix_images(g, za, zb, 6, noise),
                               study.mix_images(g, za, za, 6, noise), atol=1e-6)
    np.testing.assert_allclose(study.mix_images(g, za, zb, 0, noise),
                               study.mix_images(g, zb, zb, 6, noise), atol=1e-6)


def test_mixing_study_reports_shares_and_correlations_per_crossover():
    out = study.mixing_study(_generator(), FakeClassifier(),
                             measure=lambda x: x.mean(axis=(1, 2, 3)),
                             n=40, crossovers=(2, 4), seed=0)
    assert out["crossover"] == [2, 4]
    for key in ("same_as_coarse", "same_as_fine", "measure_vs_coarse", "measure_vs_fine"):
        assert len(out[key]) == 2


def test_noise_std_map_is_zero_without_noise():
    g = _generator()
    z = np.zeros((2, 8), "float32")
    assert study.noise_std_map(g, z, draws=3).shape == (2, 28, 28)
    assert study.noise_std_map(g, z, draws=3).max() > 0
    for layer in g.noises:
        layer.scale.assign(np.zeros(layer.scale.shape, "float32"))
    assert study.noise_std_map(g, z, draws=3).max() < 1e-6


def test_face_features_pool_and_refuse_other_shapes():
    x = np.zeros((2, 28, 28, 1))
    x[:, :4, :4] = 1.0
    f = study.face_features(x)
    assert f.shape == (2, 49) and f[0, 0] == 1.0 and f[0, 1:].sum() == 0
    with pytest.raises(ValueError, match=r"faces must have shape \(n, 28, 28, 1\)"):
        study.face_features(np.zeros((2, 25, 25, 1)))


def test_face_kid_is_small_for_the_same_distribution_and_large_for_noise():
    rng = np.random.default_rng(0)
    base = rng.uniform(-1, 1, (1, 28, 28, 1))
    a = np.clip(base + 0.05 * rng.standard_normal((60, 28, 28, 1)), -1, 1)
    b = np.clip(base + 0.05 * rng.standard_normal((20, 28, 28, 1)), -1, 1)
    noise = rng.uniform(-1, 1, (60, 28, 28, 1))
    assert study.face_kid(a, b) < study.face_kid(noise, b)


def test_final_gap_averages_the_last_points():
    assert study.final_gap({"gap": [9.0, 1.0, 2.0, 3.0]}, last=3) == pytest.approx(2.0)
