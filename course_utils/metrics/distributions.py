"""Distances between two sets of features: KID, and precision and recall.

Both take feature arrays ``(n, d)`` (NumPy or tensors), e.g. the course classifier's 64
penultimate features (:meth:`course_utils.metrics.CourseClassifier.features`), and refuse
NaN or inf. Defined in lesson 14; the Fréchet distance lives in
:mod:`course_utils.metrics.features`.

* **KID** (kernel inception distance, Bińkowski et al. 2018, arXiv 1801.01401): the
  *unbiased* estimate of the squared maximum mean discrepancy with the cubic polynomial
  kernel ``k(a, b) = (a·b / d + 1)³``. Its expectation does not depend on the sample sizes,
  so it can be compared across sizes (unlike the Fréchet distance, which is biased upwards
  at small ``n``); being unbiased, it can come out slightly negative when both sets are
  drawn from the same distribution.
* **Precision and recall** (Kynkäänniemi et al. 2019, arXiv 1904.06991): each set is
  modelled as the union of balls around its points, each ball reaching the point's
  ``k``-th nearest neighbour in its own set. Precision: the share of generated points
  inside the real manifold (fidelity); recall: the share of real points inside the
  generated manifold (diversity).

On the course classifier's features these are **not** comparable with Inception-based
numbers from papers: compare them with each other and with the real-vs-real baseline.

分布之间的距离：KID（无偏的 MMD²，三次多项式核）与精确率、召回率（k 近邻流形）。
"""

from __future__ import annotations

import numpy as np

from course_utils.metrics.checks import finite_array
from course_utils.metrics.samples import pairwise_distances

__all__ = ["kid_from_features", "knn_radii", "mmd2_unbiased", "polynomial_kernel",
           "precision_recall"]


def _features(name, f, min_n=2) -> np.ndarray:
    f = finite_array(name, f)
    if f.ndim != 2 or len(f) < min_n or f.shape[1] < 1:
        raise ValueError(f"{name} must be features of shape (n, d) with n >= {min_n}, "
                         f"got {f.shape}.")
    return f


def _same_dim(f1, f2):
    if f1.shape[1] != f2.shape[1]:
        raise ValueError(f"the two feature sets must have the same dimension, got {f1.shape} "
                         f"and {f2.shape}.")


def polynomial_kernel(a, b, degree=3, gamma=None, coef0=1.0) -> np.ndarray:
    """Kernel matrix ``(γ a·b + c)^degree`` ``(len(a), len(b))``; ``γ = 1/d`` by default.

    KID's kernel is the default: ``(a·b / d + 1)³`` with ``d`` the feature dimension.
    """
    a, b = finite_array("a", a), finite_array("b", b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise ValueError(f"a and b must be (n, d) and (m, d), got {a.shape} and {b.shape}.")
    gamma = 1.0 / a.shape[1] if gamma is None else float(gamma)
    return (gamma * (a @ b.T) + coef0) ** degree


def mmd2_unbiased(f1, f2, kernel=polynomial_kernel) -> float:
    """Unbiased estimate of MMD² between samples ``f1`` ``(m, d)`` and ``f2`` ``(n, d)``.

    ``1/(m(m−1)) Σ_{i≠j} k(x_i, x_j) + 1/(n(n−1)) Σ_{i≠j} k(y_i, y_j) − 2/(mn) Σ_{i,j} k(x_i, y_j)``
    (Gretton et al. 2012, Lemma 6): the diagonal terms ``k(x_i, x_i)`` are left out, which
    removes the bias. Each set needs at least 2 points.
    """
    f1, f2 = _features("f1", f1), _features("f2", f2)
    _same_dim(f1, f2)
    m, n = len(f1), len(f2)
    kxx, kyy, kxy = kernel(f1, f1), kernel(f2, f2), kernel(f1, f2)
    xx = (kxx.sum() - np.trace(kxx)) / (m * (m - 1))
    yy = (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return float(xx + yy - 2.0 * kxy.mean())


def kid_from_features(f1, f2, subset_size=None, subsets=1, seed=0) -> float:
    """KID between feature sets ``f1`` ``(m, d)`` and ``f2`` ``(n, d)``: unbiased MMD² with
    the cubic polynomial kernel ``(a·b / d + 1)³`` (Bińkowski et al. 2018).

    ``subset_size=None`` uses all points once (``subsets`` must then be 1). Otherwise the
    estimate is averaged over ``subsets`` random subsets of ``subset_size`` points drawn
    from each set without replacement (the paper's practice for large sets: 100 subsets of
    1,000), with a NumPy generator seeded by ``seed``. Returns a float that is about 0 for
    two samples of one distribution (slightly negative values are possible) and grows with
    the difference. Not scaled: papers often print KID × 1000.
    """
    f1, f2 = _features("f1", f1), _features("f2", f2)
    _same_dim(f1, f2)
    if not isinstance(subsets, int) or isinstance(subsets, bool) or subsets < 1:
        raise ValueError(f"subsets must be an int >= 1, got {subsets!r}.")
    if subset_size is None:
        if subsets != 1:
            raise ValueError("subsets > 1 needs a subset_size (the points drawn per subset).")
        return mmd2_unbiased(f1, f2)
    if not isinstance(subset_size, int) or isinstance(subset_size, bool) \
            or not 2 <= subset_size <= min(len(f1), len(f2)):
        raise ValueError(f"subset_size must be an int from 2 to the smaller set's size "
                         f"({min(len(f1), len(f2))}), got {subset_size!r}.")
    rng = np.random.default_rng(seed)
    values = [mmd2_unbiased(f1[rng.choice(len(f1), subset_size, replace=False)],
                            f2[rng.choice(len(f2), subset_size, replace=False)])
              for _ in range(subsets)]
    return float(np.mean(values))


def _check_k(k, n):
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k < n:
        raise ValueError(f"k must be an int from 1 to n - 1 = {n - 1} (each set needs more "
                         f"points than k), got {k!r}.")


def knn_radii(f, k=3) -> np.ndarray:
    """Distance from each point of ``f`` ``(n, d)`` to its ``k``-th nearest *other* point,
    ``(n,)``: the radius of its ball in the k-NN manifold (``1 <= k < n``)."""
    f = _features("f", f)
    _check_k(k, len(f))
    d = pairwise_distances(f, f)
    np.fill_diagonal(d, np.inf)  # a point is not its own neighbour
    return np.partition(d, k - 1, axis=1)[:, k - 1]


def _inside(points, centres, radii) -> np.ndarray:
    """For each point: is it within ``radii[j]`` of some ``centres[j]``? ``(len(points),)`` bool."""
    return (pairwise_distances(points, centres) <= radii[None, :]).any(axis=1)


def precision_recall(real, fake, k=3) -> tuple[float, float]:
    """Improved precision and recall (Kynkäänniemi et al. 2019) of ``fake`` against ``real``.

    ``real`` ``(n, d)`` and ``fake`` ``(m, d)`` features, each with more than ``k`` points.
    Precision: share of fake points within the k-NN ball of at least one real point;
    recall: share of real points within the k-NN ball of at least one fake point. Returns
    ``(precision, recall)``, both in [0, 1]. Two samples of one distribution score high on
    both (how high depends on ``k`` and the sample size: read the real-vs-real baseline);
    a collapsed generator scores high precision and low recall; a noisy one, low precision.
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be an int >= 1, got {k!r}.")
    real, fake = _features("real", real), _features("fake", fake)
    _same_dim(real, fake)
    _check_k(k, min(len(real), len(fake)))
    precision = _inside(fake, real, knn_radii(real, k)).mean()
    recall = _inside(real, fake, knn_radii(fake, k)).mean()
    return float(precision), float(recall)
