"""KID, precision/recall and the Fréchet distance against hand-checkable values and
independent computations (a double loop; SciPy's sqrtm)."""

import numpy as np
import pytest
import scipy.linalg

from course_utils.metrics import (
    frechet_distance_from_features,
    kid_from_features,
    precision_recall,
)
from course_utils.metrics.distributions import knn_radii, mmd2_unbiased, polynomial_kernel


# ------------------------------------------------------------------------------ KID
def kid_double_loop(x, y):
    """Bińkowski et al.'s unbiased MMD² written as plain loops over the points."""
    d = len(x[0])

    def k(a, b):
        return (sum(ai * bi for ai, bi in zip(a, b, strict=True)) / d + 1.0) ** 3

    m, n = len(x), len(y)
    xx = sum(k(x[i], x[j]) for i in range(m) for j in range(m) if i != j) / (m * (m - 1))
    yy = sum(k(y[i], y[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    xy = sum(k(x[i], y[j]) for i in range(m) for j in range(n)) / (m * n)
    return xx + yy - 2 * xy


def test_kid_equals_a_direct_double_loop_on_a_few_points():
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5, 3)), rng.normal(0.5, 1.2, size=(4, 3))
    assert kid_from_features(x, y) == pytest.approx(kid_double_loop(x.tolist(), y.tolist()),
                                                    rel=1e-12)


def test_kid_by_hand_on_one_dimensional_points():
    # d = 1: k(a, b) = (ab + 1)^3. x = {0, 1}: k(0, 1) = 1; y = {2, 3}: k(2, 3) = 343.
    # cross: k(0,2) = k(0,3) = 1, k(1,2) = 27, k(1,3) = 64 -> mean 93 / 4.
    expected = 1 + 343 - 2 * 93 / 4
    assert kid_from_features([[0.0], [1.0]], [[2.0], [3.0]]) == pytest.approx(expected)


def test_kid_is_symmetric_and_zero_for_identical_pairs_of_points():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(6, 4)), rng.normal(size=(7, 4))
    assert kid_from_features(x, y) == pytest.approx(kid_from_features(y, x))
    assert polynomial_kernel(x, y).shape == (6, 7)


def test_kid_is_unbiased_where_the_frechet_distance_is_not():
    """Two samples of one Gaussian: KID averages to ~0 at every size; Fréchet shrinks with n."""
    rng = np.random.default_rng(2)
    kid, fd = {}, {}
    for n in (20, 200):
        pairs = [(rng.normal(size=(n, 8)), rng.normal(size=(n, 8))) for _ in range(40)]
        kid[n] = np.mean([kid_from_features(a, b) for a, b in pairs])
        fd[n] = np.mean([frechet_distance_from_features(a, b) for a, b in pairs])
    assert abs(kid[20]) < 0.05 and abs(kid[200]) < 0.01
    assert fd[20] > 5 * fd[200] > 0


def test_kid_with_subsets_averages_subset_estimates_and_is_seeded():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=(50, 3)), rng.normal(1.0, 1.0, size=(40, 3))
    a = kid_from_features(x, y, subset_size=20, subsets=5, seed=0)
    assert a == kid_from_features(x, y, subset_size=20, subsets=5, seed=0)
    assert a > 0.1  # shifted by one standard deviation: clearly different
    assert mmd2_unbiased(x, y) == pytest.approx(kid_from_features(x, y))


@pytest.mark.parametrize("args, match", [
    ((np.zeros((1, 3)), np.zeros((4, 3))), "n >= 2"),
    ((np.zeros((4, 3)), np.zeros((4, 2))), "same dimension"),
    ((np.zeros(4), np.zeros((4, 1))), r"shape \(n, d\)"),
    ((np.full((3, 2), np.nan), np.zeros((3, 2))), "NaN or inf"),
])
def test_kid_refuses_bad_features(args, match):
    with pytest.raises(ValueError, match=match):
        kid_from_features(*args)


def test_kid_refuses_bad_subsets():
    x = np.zeros((5, 2))
    with pytest.raises(ValueError, match="subset_size"):
        kid_from_features(x, x, subset_size=6, subsets=2)
    with pytest.raises(ValueError, match="needs a subset_size"):
        kid_from_features(x, x, subsets=3)
    with pytest.raises(ValueError, match="subsets must be"):
        kid_from_features(x, x, subset_size=3, subsets=0)


# ----------------------------------------------------------------- precision, recall
def test_knn_radii_by_hand():
    # points on a line at 0, 1, 3, 7: nearest others 1, 1, 2, 4; second nearest 3, 2, 3, 6
    f = np.array([[0.0], [1.0], [3.0], [7.0]])
    np.testing.assert_allclose(knn_radii(f, k=1), [1, 1, 2, 4])
    np.testing.assert_allclose(knn_radii(f, k=2), [3, 2, 3, 6])


def test_precision_recall_of_a_set_against_itself_is_one():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(30, 2))
    assert precision_recall(x, x, k=3) == (1.0, 1.0)


def test_precision_recall_on_tiny_sets_with_known_answers():
    # real: a 2x2 square of side 1 -> with k=1 every radius is 1.
    real = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], float)
    # fake: two points inside the real balls, two far away (noise): precision 2/4.
    # fake radii (k=1): the pairs are 0.2 apart near the square, 0.1 apart far away; a real
    # point is covered only by a ball of radius 0.2 around (0, 0.1) / (0, -0.1): (0, 0) only.
    fake = np.array([[0, 0.1], [0, -0.1], [10, 10], [10, 10.1]], float)
    precision, recall = precision_recall(real, fake, k=1)
    assert precision == pytest.approx(0.5)
    assert recall == pytest.approx(0.25)


def test_collapse_keeps_precision_and_loses_recall_noise_the_reverse():
    rng = np.random.default_rng(5)
    real, held_out = rng.normal(size=(400, 2)), rng.normal(size=(400, 2))
    collapsed = real[:1] + 0.05 * rng.normal(size=(400, 2))  # all near one real point
    noisy = held_out + 3.0 * rng.normal(size=(400, 2))
    p_same, r_same = precision_recall(real, held_out)
    p_col, r_col = precision_recall(real, collapsed)
    p_noise, _ = precision_recall(real, noisy)
    assert p_same > 0.9 and r_same > 0.9
    assert p_col > 0.9 and r_col < 0.1
    assert p_noise < p_same - 0.4


@pytest.mark.parametrize("k", [0, 4, 2.5, True])
def test_precision_recall_refuses_a_bad_k(k):
    x = np.zeros((4, 2))
    with pytest.raises(ValueError, match="k must be an int"):
        precision_recall(x, x + 1, k=k)


def test_precision_recall_refuses_mismatched_features():
    with pytest.raises(ValueError, match="same dimension"):
        precision_recall(np.zeros((5, 2)), np.zeros((5, 3)))


# ------------------------------------------------------------------------ Fréchet
def frechet_with_scipy_sqrtm(f1, f2):
    """FID's usual code path: scipy.linalg.sqrtm of Σ1 Σ2 (a non-symmetric product)."""
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    covmean = scipy.linalg.sqrtm(s1 @ s2).real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * covmean))


def test_frechet_eigendecomposition_path_matches_scipy_sqrtm():
    rng = np.random.default_rng(6)
    a = rng.normal(size=(300, 6)) @ rng.normal(size=(6, 6))
    b = rng.normal(0.3, 1.0, size=(250, 6)) @ rng.normal(size=(6, 6))
    assert frechet_distance_from_features(a, b) == pytest.approx(frechet_with_scipy_sqrtm(a, b),
                                                                 rel=1e-6)


def test_frechet_by_hand_for_one_dimensional_gaussians():
    # (mu1 - mu2)^2 + (s1 - s2)^2 for 1-D: samples with mean 0, var 1 and mean 3, var 4
    a = np.array([[-1.0], [1.0]])  # mean 0, sample variance 2
    b = np.array([[1.0], [5.0]])  # mean 3, sample variance 8
    assert frechet_distance_from_features(a, b) == pytest.approx(9 + (np.sqrt(2) - np.sqrt(8)) ** 2)
