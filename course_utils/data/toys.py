"""Toy distributions: 1-D mixtures, the ring and grid of Gaussians, the swiss roll, two
labelled 2-D classes. Every generator is seeded (``seed``, :func:`numpy.random.default_rng`)
and returns float32 NumPy arrays, so the same seed gives the same data on any machine.
"""

from __future__ import annotations

import numpy as np

from course_utils.data._checks import positive, positive_int


def _mixture_params(means, stds, weights) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    means = np.asarray(means, dtype=np.float64).reshape(-1)
    stds = np.asarray(stds, dtype=np.float64).reshape(-1)
    if means.size == 0 or stds.shape != means.shape:
        raise ValueError(
            f"means and stds must be non-empty and of equal length, got {means.size} and "
            f"{stds.size}."
        )
    if not np.all(np.isfinite(stds)) or np.any(stds <= 0):
        raise ValueError(f"stds must all be > 0, got {stds.tolist()}.")
    if weights is None:
        weights = np.full(means.shape, 1.0 / means.size)
    else:
        weights = np.asarray(weights, dtype=np.float64).reshape(-1)
        if weights.shape != means.shape or np.any(weights < 0) or weights.sum() <= 0:
            raise ValueError(
                f"weights must be {means.size} non-negative numbers with a positive sum, "
                f"got {weights.tolist()}."
            )
        weights = weights / weights.sum()
    return means, stds, weights


# ------------------------------------------------------------------- toy generators
def mixture_1d(n, means=(-2.0, 2.0), stds=(0.5, 0.5), weights=None, seed=0) -> np.ndarray:
    """Sample a 1-D Gaussian mixture (the first GAN lesson's "real data").

    Args:
        n: number of samples (positive int).
        means, stds: per-component means and standard deviations (stds > 0).
        weights: mixing weights (normalised; default equal).
        seed: seed of the NumPy generator.

    Returns:
        float32 array of shape ``(n, 1)``; unbounded, mostly within
        ``min(means) - 3*max(stds)`` … ``max(means) + 3*max(stds)``.
    """
    n = positive_int("n", n)
    means, stds, weights = _mixture_params(means, stds, weights)
    rng = np.random.default_rng(seed)
    comp = rng.choice(means.size, size=n, p=weights)
    x = rng.normal(means[comp], stds[comp])
    return x.reshape(n, 1).astype(np.float32)


def mixture_1d_pdf(x, means=(-2.0, 2.0), stds=(0.5, 0.5), weights=None) -> np.ndarray:
    """Analytic density of :func:`mixture_1d` at ``x`` (for plots and the optimal D).

    Args:
        x: array-like of any shape.
        means, stds, weights: as in :func:`mixture_1d`.

    Returns:
        float64 array of the same shape as ``x``, values ``>= 0``, integrating to 1.
    """
    means, stds, weights = _mixture_params(means, stds, weights)
    x = np.asarray(x, dtype=np.float64)
    z = (x[..., None] - means) / stds
    dens = weights * np.exp(-0.5 * z**2) / (stds * np.sqrt(2.0 * np.pi))
    return dens.sum(axis=-1)


def ring_centres(n_modes=8, radius=2.0) -> np.ndarray:
    """Centres of :func:`ring_of_gaussians`: ``radius * (cos, sin)(2πk / n_modes)``.

    Returns:
        float32 array ``(n_modes, 2)``; ``n_modes`` distinct points, equal angles apart.
    """
    n_modes = positive_int("n_modes", n_modes)
    radius = positive("radius", radius)
    angles = 2.0 * np.pi * np.arange(n_modes) / n_modes  # not linspace(0, 2π): no repeat
    return (radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)).astype(np.float32)


def ring_of_gaussians(n, n_modes=8, radius=2.0, std=0.02, seed=0, return_modes=False):
    """Sample a ring of ``n_modes`` equal-weight 2-D Gaussians (the mode-collapse benchmark).

    Args:
        n: number of samples (positive int).
        n_modes: number of modes on the ring; radius: ring radius (> 0).
        std: standard deviation of each mode (> 0).
        seed: seed of the NumPy generator.
        return_modes: also return the index of the mode each sample came from.

    Returns:
        float32 ``(n, 2)`` samples, within about ``radius + 4*std`` of the origin;
        with ``return_modes`` also int32 ``(n,)`` mode indices in ``[0, n_modes)``.
    """
    n = positive_int("n", n)
    std = positive("std", std)
    centres = ring_centres(n_modes, radius)
    return _sample_modes(n, centres, std, seed, return_modes)


def grid_centres(side=5, spacing=2.0) -> np.ndarray:
    """Centres of :func:`grid_of_gaussians`: a ``side × side`` grid centred on 0.

    Returns:
        float32 array ``(side**2, 2)``; coordinates ``(k - (side-1)/2) * spacing``.
    """
    side = positive_int("side", side)
    spacing = positive("spacing", spacing)
    coords = (np.arange(side) - (side - 1) / 2.0) * spacing
    gx, gy = np.meshgrid(coords, coords, indexing="ij")
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)


def grid_of_gaussians(n, side=5, spacing=2.0, std=0.05, seed=0, return_modes=False):
    """Sample a ``side × side`` grid of equal-weight 2-D Gaussians.

    Returns:
        float32 ``(n, 2)``, within about ``(side-1)/2 * spacing + 4*std`` of 0 on each
        axis (default: ±4.2); with ``return_modes`` also int32 ``(n,)`` mode indices.
    """
    n = positive_int("n", n)
    std = positive("std", std)
    return _sample_modes(n, grid_centres(side, spacing), std, seed, return_modes)


def _sample_modes(n, centres, std, seed, return_modes):
    rng = np.random.default_rng(seed)
    modes = rng.integers(len(centres), size=n)
    x = (centres[modes] + rng.normal(0.0, std, size=(n, 2))).astype(np.float32)
    return (x, modes.astype(np.int32)) if return_modes else x


def swiss_roll(n, noise=0.05, seed=0) -> np.ndarray:
    """Sample a 2-D Swiss roll (a spiral, 1.5π … 4.5π), scaled to roughly ``[-2, 2]``.

    Args:
        n: number of samples (positive int).
        noise: standard deviation of the Gaussian noise added after scaling (>= 0).
        seed: seed of the NumPy generator.

    Returns:
        float32 ``(n, 2)``, within ``[-2, 2]`` plus a few ``noise``.
    """
    n = positive_int("n", n)
    noise = positive("noise", noise, allow_zero=True)
    rng = np.random.default_rng(seed)
    t = 1.5 * np.pi * (1.0 + 2.0 * rng.random(n))
    x = np.stack([t * np.cos(t), t * np.sin(t)], axis=1) * (2.0 / (4.5 * np.pi))
    return (x + rng.normal(0.0, noise, size=(n, 2))).astype(np.float32)


def class_gaussians_2d(
    n_per_class, means=((-1.0, -1.0), (1.0, 1.0)), stds=(0.7, 0.7), seed=0, shuffle=True
):
    """Two labelled isotropic 2-D Gaussian classes (generative vs discriminative models).

    Args:
        n_per_class: samples per class (positive int).
        means: the two class means, shape ``(2, 2)``; stds: the two class stds (> 0).
        seed: seed of the NumPy generator; shuffle: mix the classes (else class 0 first).

    Returns:
        ``(X, y)``: float32 ``(2*n_per_class, 2)`` and int32 ``(2*n_per_class,)`` in {0, 1}.
    """
    n = positive_int("n_per_class", n_per_class)
    means = np.asarray(means, dtype=np.float64)
    if means.shape != (2, 2):
        raise ValueError(f"means must have shape (2, 2), got {means.shape}.")
    stds = [positive("stds[0]", stds[0]), positive("stds[1]", stds[1])]
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(means[k], stds[k], size=(n, 2)) for k in (0, 1)])
    y = np.repeat(np.arange(2, dtype=np.int32), n)
    if shuffle:
        order = rng.permutation(2 * n)
        x, y = x[order], y[order]
    return x.astype(np.float32), y
