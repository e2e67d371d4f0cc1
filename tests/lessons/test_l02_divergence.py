"""Lesson 02's grid tools: D*, the value function V(D, G), the JS divergence, the KDE of p_g."""

import math

import numpy as np
import pytest

from course_utils.lessons.l02_gan_anatomy import divergence as dv

X = np.linspace(-12.0, 12.0, 4801)
DX = X[1] - X[0]


def gaussian(mean, std, x=X):
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * math.sqrt(2 * math.pi))


P_DATA = 0.5 * gaussian(-2.0, 0.5) + 0.5 * gaussian(2.0, 0.5)


# ------------------------------------------------------------------ optimal_discriminator
def test_optimal_discriminator_is_p_data_over_the_sum():
    d = dv.optimal_discriminator([3.0, 1.0, 0.0, 2.0], [1.0, 3.0, 5.0, 0.0])
    assert np.allclose(d, [0.75, 0.25, 0.0, 1.0])


def test_optimal_discriminator_is_exactly_one_half_when_p_g_is_p_data():
    assert np.all(dv.optimal_discriminator(P_DATA, P_DATA) == 0.5)


def test_optimal_discriminator_says_one_half_where_neither_density_has_mass():
    assert dv.optimal_discriminator([0.0, 1.0], [0.0, 1.0]).tolist() == [0.5, 0.5]


# ------------------------------------------------------------- value_function and JSD
@pytest.mark.parametrize("p_g", [gaussian(0.5, 1.2), gaussian(2.0, 0.5), gaussian(6.0, 0.5),
                                 0.5 * gaussian(-1.0, 0.5) + 0.5 * gaussian(3.0, 0.5)])
def test_value_at_d_star_is_minus_log4_plus_twice_the_jsd(p_g):
    c_of_g = dv.value_function(dv.optimal_discriminator(P_DATA, p_g), P_DATA, p_g, DX)
    assert c_of_g == pytest.approx(-dv.LOG4 + 2 * dv.js_divergence(P_DATA, p_g, DX), abs=1e-9)


def test_value_is_minus_log4_at_p_g_equal_p_data_and_for_a_d_that_says_one_half():
    half = np.full_like(X, 0.5)
    assert dv.value_function(half, P_DATA, P_DATA, DX) == pytest.approx(-dv.LOG4, abs=1e-12)
    p_g = gaussian(0.5, 1.2)  # any G: a D that says ½ scores -log 4
    assert dv.value_function(half, P_DATA, p_g, DX) == pytest.approx(-dv.LOG4, abs=1e-12)


def test_d_star_maximises_the_value_function():
    p_g = gaussian(0.5, 1.2)
    d_star = dv.optimal_discriminator(P_DATA, p_g)
    best = dv.value_function(d_star, P_DATA, p_g, DX)
    rng = np.random.default_rng(0)
    for _ in range(5):
        other = np.clip(d_star + rng.normal(0.0, 0.05, X.size), 0.0, 1.0)
        assert dv.value_function(other, P_DATA, p_g, DX) < best


def test_value_at_d_star_stays_finite_where_one_density_is_below_double_resolution():
    p_g = gaussian(8.0, 0.5)  # ~1e-310 where p_data is still ~1e-67: D* rounds to 1
    assert np.any((p_g > 0) & (dv.optimal_discriminator(P_DATA, p_g) == 1.0))
    c_of_g = dv.value_function(dv.optimal_discriminator(P_DATA, p_g), P_DATA, p_g, DX)
    assert math.isfinite(c_of_g) and c_of_g == pytest.approx(0.0, abs=1e-6)


def test_jsd_is_zero_for_equal_densities_symmetric_and_log2_for_disjoint_ones():
    p_g = gaussian(0.5, 1.2)
    assert dv.js_divergence(P_DATA, P_DATA, DX) == 0.0
    assert dv.js_divergence(P_DATA, p_g, DX) == pytest.approx(dv.js_divergence(p_g, P_DATA, DX))
    left, right = np.where(X < 0, 1 / 12, 0.0), np.where(X >= 0, 1 / 12, 0.0)
    assert dv.js_divergence(left, right, DX) == pytest.approx(math.log(2), rel=1e-3)


def test_jsd_of_two_point_masses_matches_the_hand_computation():
    # p = (1, 0), q = (½, ½), dx = 1: M = (¾, ¼);
    # JSD = ½ log(4/3) + ½ (½ log(2/3) + ½ log 2)
    expected = 0.5 * math.log(4 / 3) + 0.25 * math.log(2 / 3) + 0.25 * math.log(2)
    assert dv.js_divergence([1.0, 0.0], [0.5, 0.5], 1.0) == pytest.approx(expected)


@pytest.mark.parametrize("call, message", [
    (lambda: dv.optimal_discriminator([1.0, -0.1], [1.0, 1.0]), "negative"),
    (lambda: dv.optimal_discriminator([1.0, np.nan], [1.0, 1.0]), "NaN or inf"),
    (lambda: dv.optimal_discriminator([1.0, 1.0], [1.0, 1.0, 1.0]), "same grid"),
    (lambda: dv.optimal_discriminator(np.ones((2, 2)), np.ones((2, 2))), "1-D"),
    (lambda: dv.js_divergence([1.0], [1.0], 0.0), "dx must be"),
    (lambda: dv.js_divergence([1.0], [1.0], float("nan")), "dx must be"),
    (lambda: dv.value_function([2.0, -1.0], [1.0, 1.0], [1.0, 1.0], 0.1), "negative"),
    (lambda: dv.value_function([2.0, 0.5], [1.0, 1.0], [1.0, 1.0], 0.1), "not the logits"),
])
def test_bad_input_raises_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ------------------------------------------------------------------- density_on_grid
def test_density_on_grid_integrates_to_one_and_recovers_the_mixture():
    rng = np.random.default_rng(1)
    samples = np.concatenate([rng.normal(-2, 0.5, 10_000), rng.normal(2, 0.5, 10_000)])
    p_hat = dv.density_on_grid(samples[:, None], X, 0.05)  # (m, 1) is accepted
    assert p_hat.shape == X.shape and np.all(p_hat >= 0)
    assert np.sum(p_hat) * DX == pytest.approx(1.0)
    assert dv.js_divergence(P_DATA, p_hat, DX) < 1e-3
    assert np.max(np.abs(p_hat - P_DATA)) < 0.05


def test_density_on_grid_matches_the_kernel_sum_it_stands_for():
    rng = np.random.default_rng(2)
    samples = rng.normal(0.3, 0.7, 500)
    grid = np.linspace(-5.0, 5.0, 2001)
    direct = gaussian(samples[:, None], 0.1, grid[None, :]).mean(axis=0)
    assert np.max(np.abs(dv.density_on_grid(samples, grid, 0.1) - direct)) < 1e-3 * direct.max()


def test_density_on_grid_sees_a_spike_that_the_real_density_does_not_have():
    rng = np.random.default_rng(3)
    spiky = np.concatenate([rng.normal(-2, 0.5, 10_000), rng.normal(2, 0.1, 10_000)])
    p_hat = dv.density_on_grid(spiky, X, 0.05)
    top = np.argmax(p_hat)
    assert X[top] == pytest.approx(2.0, abs=0.1) and p_hat[top] > 3 * P_DATA[top]
    assert dv.optimal_discriminator(P_DATA, p_hat)[top] < 0.3


@pytest.mark.parametrize("samples, grid, bandwidth, message", [
    (np.array([1.0]), X, 0.05, "m >= 2"),
    (np.ones((3, 2)), X, 0.05, "1-D"),
    (np.array([0.0, np.inf]), X, 0.05, "diverge"),
    (np.array([0.0, 1.0]), np.array([0.0, 1.0, 3.0]), 0.5, "evenly spaced"),
    (np.array([0.0, 1.0]), X[::-1], 0.05, "increasing"),
    (np.array([0.0, 1.0]), X, 0.001, "2 grid spacings"),
    (np.array([0.0, 1.0]), X, None, "2 grid spacings"),
    (np.array([0.0, 20.0, 30.0]), X, 0.05, "widen the grid"),
])
def test_density_on_grid_bad_input_raises_a_clear_error(samples, grid, bandwidth, message):
    with pytest.raises(ValueError, match=message):
        dv.density_on_grid(samples, grid, bandwidth)
