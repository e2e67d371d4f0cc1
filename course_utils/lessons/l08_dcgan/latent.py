"""Walks and arithmetic in a generator's latent space (DCGAN §6). Defined in lesson 08.

All functions are NumPy only: latent vectors are float arrays ``(latent_dim,)`` or
``(n, latent_dim)``; images ``(n, 28, 28, 1)`` in [-1, 1].
"""

from __future__ import annotations

import numpy as np

from course_utils.metrics.checks import finite_array


def _pair(z0, z1):
    z0, z1 = finite_array("z0", z0).reshape(-1), finite_array("z1", z1).reshape(-1)
    if z0.shape != z1.shape or z0.size == 0:
        raise ValueError(f"z0 and z1 must be latent vectors of the same size, got {z0.shape} "
                         f"and {z1.shape}.")
    return z0, z1


def _steps(steps):
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 2:
        raise ValueError(f"steps must be an int >= 2 (both ends included), got {steps!r}.")
    return np.linspace(0.0, 1.0, steps)


def lerp(z0, z1, steps=8) -> np.ndarray:
    """``steps`` points on the straight line from ``z0`` to ``z1`` (both included),
    ``(steps, latent_dim)`` float32."""
    z0, z1 = _pair(z0, z1)
    t = _steps(steps)[:, None]
    return ((1.0 - t) * z0 + t * z1).astype(np.float32)


def slerp(z0, z1, steps=8) -> np.ndarray:
    """``steps`` points on the great circle from ``z0`` to ``z1`` (White 2016,
    arXiv 1609.04468), ``(steps, latent_dim)`` float32.

    In high dimensions a Gaussian ``z`` lies near the sphere of radius ``√latent_dim``; the
    midpoint of a straight line is shorter (about ``√(latent_dim / 2)`` for two independent
    vectors), so ``lerp`` walks through a region the generator rarely saw in training.
    ``slerp`` keeps the norm in between the two ends' norms. Parallel vectors fall back to
    ``lerp``.
    """
    z0, z1 = _pair(z0, z1)
    t = _steps(steps)[:, None]
    cos = np.dot(z0, z1) / max(np.linalg.norm(z0) * np.linalg.norm(z1), 1e-12)
    omega = np.arccos(np.clip(cos, -1.0, 1.0))
    if np.sin(omega) < 1e-6:
        return lerp(z0, z1, steps)
    return ((np.sin((1.0 - t) * omega) * z0 + np.sin(t * omega) * z1)
            / np.sin(omega)).astype(np.float32)


def ink(images) -> np.ndarray:
    """Share of "ink" in each image, ``(n,)`` in [0, 1]: the mean brightness of
    ``(x + 1) / 2`` (0 = all background, 1 = all white strokes)."""
    x = finite_array("images", images)
    if x.ndim < 2:
        raise ValueError(f"images must be (n, height, width[, channels]), got {x.shape}.")
    return ((x + 1.0) / 2.0).reshape(len(x), -1).mean(axis=1)


def attribute_vector(z, scores, share=0.1) -> np.ndarray:
    """Latent direction of an attribute: mean ``z`` of the ``share`` highest-scoring samples
    minus the mean ``z`` of the ``share`` lowest-scoring ones (DCGAN §6.3 averages a few
    samples per concept the same way), ``(latent_dim,)`` float32.

    ``z``: ``(n, latent_dim)``; ``scores``: ``(n,)``, e.g. :func:`ink` of ``G(z)``.
    """
    z, scores = finite_array("z", z), finite_array("scores", scores).reshape(-1)
    if z.ndim != 2 or len(z) != len(scores):
        raise ValueError(f"z must be (n, latent_dim) with one score per row, got {z.shape} and "
                         f"{scores.shape}.")
    if not 0.0 < share <= 0.5:
        raise ValueError(f"share must be in (0, 0.5], got {share}.")
    k = max(1, int(round(share * len(z))))
    order = np.argsort(scores, kind="stable")
    return (z[order[-k:]].mean(axis=0) - z[order[:k]].mean(axis=0)).astype(np.float32)


def within_class_attribute_vector(z, scores, labels, share=0.25, min_count=20) -> np.ndarray:
    """:func:`attribute_vector` computed inside each class and averaged over the classes,
    ``(latent_dim,)`` float32.

    An attribute such as stroke weight differs between classes too (a 1 has less ink than
    an 8), so the plain :func:`attribute_vector` partly points from thin classes to thick
    ones; comparing samples of the same (predicted) class removes that part. Classes with
    fewer than ``min_count`` samples are skipped.
    """
    z, scores = finite_array("z", z), finite_array("scores", scores).reshape(-1)
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(z):
        raise ValueError(f"labels must give one class per row of z, got {len(labels)} labels "
                         f"for {len(z)} rows.")
    vectors = [attribute_vector(z[labels == c], scores[labels == c], share)
               for c in np.unique(labels) if (labels == c).sum() >= min_count]
    if not vectors:
        raise ValueError(f"No class has at least min_count={min_count} samples: draw more z.")
    return np.mean(vectors, axis=0).astype(np.float32)
