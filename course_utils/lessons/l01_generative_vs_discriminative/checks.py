"""Exercises of lesson 01, generative vs discriminative models.

``fit_class_gaussian``: the maximum-likelihood mean and covariance of one class;
``bayes_posterior``: p(y|x) from log p(x|y) and log p(y) by Bayes' rule.
The lesson checks a learner's function with ``checks.fit_class_gaussian.check(fn)``.
"""

from __future__ import annotations

import numpy as np

from course_utils.exercises import Exercise


def fit_class_gaussian_reference(X, y, c):
    """Maximum-likelihood Gaussian of class ``c`` (reference solution, lesson 01).

    Args:
        X: ``(n, d)`` points; y: ``(n,)`` integer labels; c: the class to fit.

    Returns:
        ``(mean, cov)``: float64 ``(d,)`` and ``(d, d)``; the covariance divides by
        the class size ``n_c`` (the MLE), not by ``n_c - 1``.
    """
    Xc = np.asarray(X, dtype=np.float64)[np.asarray(y) == c]
    mean = Xc.mean(axis=0)
    centred = Xc - mean
    return mean, centred.T @ centred / len(Xc)


def bayes_posterior_reference(log_likelihoods, log_priors):
    """p(y|x) by Bayes' rule (reference solution, lesson 01).

    Args:
        log_likelihoods: ``(n, K)`` values of log p(x_i | y=k).
        log_priors: ``(K,)`` values of log p(y=k).

    Returns:
        float64 ``(n, K)``, each row non-negative and summing to 1: the softmax of
        ``log p(x|y) + log p(y)`` over the classes, computed stably.
    """
    scores = np.asarray(log_likelihoods, dtype=np.float64) + np.asarray(log_priors)
    scores = scores - scores.max(axis=-1, keepdims=True)  # exp never overflows, the max is 1
    weights = np.exp(scores)
    return weights / weights.sum(axis=-1, keepdims=True)


class _QuietExercise(Exercise):
    """An Exercise whose check hides NumPy's floating-point warnings (0/0 in a naive softmax):
    the verdict already names the case and shows the nan."""

    def check(self, fn):
        with np.errstate(all="ignore"):
            return super().check(fn)


_X4 = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0], [5.0, 5.0]])
_X3D = np.array([[0.0, 0.0, 0.0], [3.0, 0.0, 0.0], [0.0, 0.0, 3.0], [9.0, 9.0, 9.0]])

fit_class_gaussian = _QuietExercise(
    "fit_class_gaussian",
    fit_class_gaussian_reference,
    [
        # four corners of a square: mean (1, 1), variance 4/4 = 1 per axis, no correlation
        ((_X4, np.array([0, 0, 0, 0, 1]), 0), (np.array([1.0, 1.0]), np.eye(2))),
        # two points on the diagonal: perfectly correlated axes
        (
            (np.array([[1.0, 1.0], [3.0, 3.0], [0.0, 0.0]]), np.array([1, 1, 0]), 1),
            (np.array([2.0, 2.0]), np.array([[1.0, 1.0], [1.0, 1.0]])),
        ),
        # three features, class 2 among others
        (
            (_X3D, np.array([2, 2, 2, 0]), 2),
            (
                np.array([1.0, 0.0, 1.0]),
                np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 2.0]]),
            ),
        ),
    ],
    hint_en=(
        "Keep only the rows where y == c. The reference is the maximum-likelihood "
        "estimate: the mean of the outer products (x - mean)(x - mean)^T, i.e. divide "
        "by n_c, not n_c - 1. np.cov treats rows as variables and divides by n - 1 "
        "unless told otherwise (rowvar, bias)."
    ),
    hint_zh=(
        "只保留 y == c 的行。参考答案用的是最大似然估计：对 (x - mean)(x - mean)^T "
        "求平均，即除以 n_c，而不是 n_c - 1。np.cov 默认把行当作变量、并除以 n - 1"
        "（见参数 rowvar、bias）。"
    ),
)

bayes_posterior = _QuietExercise(
    "bayes_posterior",
    bayes_posterior_reference,
    [
        # equal likelihoods: the posterior is the prior
        ((np.log([[0.2, 0.2]]), np.log([0.75, 0.25])), np.array([[0.75, 0.25]])),
        # equal priors: the posterior is the normalised likelihood, row by row
        (
            (np.log([[0.1, 0.3], [0.4, 0.1]]), np.log([0.5, 0.5])),
            np.array([[0.25, 0.75], [0.8, 0.2]]),
        ),
        # a point far from both classes: exp(-1000) is 0 in float64
        ((np.array([[-1000.0, -1000.0]]), np.log([0.9, 0.1])), np.array([[0.9, 0.1]])),
    ],
    hint_en=(
        "Bayes' rule: p(y|x) is proportional to p(x|y) p(y). In logs, add log p(y) to "
        "every row, then normalise each row over the classes (axis=-1) so it sums to 1: "
        "a softmax. Subtract each row's maximum before np.exp, or very negative "
        "log-likelihoods give 0/0."
    ),
    hint_zh=(
        "贝叶斯公式：p(y|x) 正比于 p(x|y) p(y)。在对数空间里，先给每一行加上 log p(y)，"
        "再对每一行在类别维（axis=-1）上归一化使其和为 1，即 softmax。"
        "在 np.exp 之前先减去每行的最大值，否则很负的对数似然会得到 0/0。"
    ),
)
