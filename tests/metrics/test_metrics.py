import numpy as np
import pytest

from course_utils import metrics
from course_utils.data import ring_centres, ring_of_gaussians


def test_energy_distance_is_near_zero_for_equal_and_large_for_shifted_samples():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(500, 2)), rng.normal(size=(500, 2))
    assert metrics.energy_distance(a, b) < 0.05
    assert metrics.energy_distance(a, b + 3) > 2
    with pytest.raises(ValueError, match="same dimension"):
        metrics.energy_distance(a, np.zeros((5, 3)))


def test_energy_distance_matches_the_pairwise_definition_in_high_dimension():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(40, 784)), rng.normal(0.2, 1, size=(30, 784))

    def mean_dist(x, y):
        return np.linalg.norm(x[:, None] - y[None], axis=-1).mean()

    expected = 2 * mean_dist(a, b) - mean_dist(a, a) - mean_dist(b, b)
    assert metrics.energy_distance(a, b) == pytest.approx(expected, rel=1e-6)


def test_pairwise_distances_match_a_direct_double_loop():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(5, 3)), rng.normal(size=(4, 3)) * 10
    direct = np.array([[np.linalg.norm(x - y) for y in b] for x in a])
    np.testing.assert_allclose(metrics.samples.pairwise_distances(a, b), direct, rtol=1e-9)
    assert metrics.samples.pairwise_distances([1.0, 4.0], [0.0]).tolist() == [[1.0], [4.0]]
    assert np.all(np.diag(metrics.samples.pairwise_distances(a, a)) < 1e-6)  # no NaN at 0


def test_pairwise_distances_refuse_mismatched_dimensions_and_nan():
    with pytest.raises(ValueError, match="same dimension"):
        metrics.samples.pairwise_distances(np.zeros((2, 3)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        metrics.samples.pairwise_distances(np.full((2, 2), np.nan), np.zeros((2, 2)))


def test_nearest_centres_names_each_samples_closest_centre():
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    samples = np.array([[9.0, 1.0], [0.5, -0.5], [1.0, 8.0], [6.0, 0.0]])
    assert metrics.samples.nearest_centres(samples, centres).tolist() == [1, 0, 2, 1]


def test_mode_coverage_counts_modes_and_quality():
    samples = ring_of_gaussians(800, std=0.02, seed=1)
    full = metrics.mode_coverage(samples, ring_centres(8, 2.0), std=0.02)
    assert full["modes_captured"] == 8 and full["high_quality_share"] > 0.95
    collapsed = np.repeat(ring_centres(8, 2.0)[:1], 800, axis=0)
    one = metrics.mode_coverage(collapsed, ring_centres(8, 2.0), std=0.02)
    assert one["modes_captured"] == 1
    scattered = metrics.mode_coverage(samples * 0.5, ring_centres(8, 2.0), std=0.02)
    assert scattered["high_quality_share"] == 0.0


def test_mode_coverage_rejects_bad_input():
    with pytest.raises(ValueError, match="dimension"):
        metrics.mode_coverage(np.zeros((4, 3)), np.zeros((2, 2)), std=1)
    with pytest.raises(ValueError, match="std"):
        metrics.mode_coverage(np.zeros((4, 2)), np.zeros((2, 2)), std=0)


def test_discriminator_accuracy_counts_correct_signs():
    assert metrics.discriminator_accuracy([1, -1, 2, 3], [-1, -2]) == (0.75, 1.0)
    with pytest.raises(ValueError, match="at least one"):
        metrics.discriminator_accuracy([], [1])


def test_gradient_norm_is_the_global_l2_norm():
    import tensorflow as tf

    assert metrics.gradient_norm([tf.constant([3.0]), None, tf.constant([[4.0]])]) == 5.0
    assert metrics.gradient_norm([None]) == 0.0


@pytest.mark.parametrize("call", [
    lambda bad: metrics.energy_distance(bad, np.zeros((4, 2))),
    lambda bad: metrics.mode_coverage(bad, np.zeros((2, 2)), 0.1),
    lambda bad: metrics.discriminator_accuracy(bad[:, 0], np.zeros(4)),
])
@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_metrics_refuse_nan_and_inf_with_a_clear_error(call, value):
    bad = np.zeros((4, 2))
    bad[1, 0] = value
    with pytest.raises(ValueError, match="NaN or inf.*diverged"):
        call(bad)


def test_gradient_norm_refuses_a_nan_gradient():
    import tensorflow as tf

    with pytest.raises(ValueError, match="NaN or inf"):
        metrics.gradient_norm([tf.constant([np.nan, 1.0])])
