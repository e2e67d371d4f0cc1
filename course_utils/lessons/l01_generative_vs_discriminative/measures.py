"""Image measures of lesson 01: how sharp digits are, and a control that noise cannot fool.

Lesson 01 compares samples of a generative model with real MNIST digits. A naive sharpness
score, the mean absolute difference of neighbouring pixels (a mean ``|∇x|``), rises when
salt-and-pepper noise is added: noise looks "sharp" to it. :func:`edge_sharpness` first
removes isolated pixels with a 3 × 3 median filter, which keeps a stroke's edge (a stroke is
wider than one pixel) but drops a lone noisy pixel, and only then measures ``|∇x|``.
:func:`salt_and_pepper` and :func:`binomial_blur` make the two controls that show it.

All functions take images ``(n, h, w)`` or ``(n, h, w, 1)`` with values in [-1, 1]
(``course_utils.data.load_mnist``'s range) and never change their input.

Defined in lesson 01.
"""

from __future__ import annotations

import numpy as np

__all__ = ["binomial_blur", "edge_sharpness", "gradient_sharpness", "median_filter3",
           "salt_and_pepper"]

_CHUNK = 1000  # images filtered at a time: 9 neighbourhood copies of 1,000 MNIST digits ≈ 56 MB


def _images(images, name: str = "images") -> np.ndarray:
    """``(n, h, w)`` float64 copy of ``(n, h, w)`` or ``(n, h, w, 1)`` finite images."""
    arr = np.asarray(images, dtype=np.float64)
    if arr.ndim == 4 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    if arr.ndim != 3 or min(arr.shape) < 1 or min(arr.shape[1:]) < 2:
        raise ValueError(f"{name} must have shape (n, h, w) or (n, h, w, 1) with h, w ≥ 2, "
                         f"got {np.shape(images)}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contain NaN or inf; expected pixel values in [-1, 1].")
    return arr


def _neighbourhoods(arr: np.ndarray) -> np.ndarray:
    """``(9, n, h, w)``: each pixel's 3 × 3 neighbourhood, edges repeated at the border."""
    padded = np.pad(arr, ((0, 0), (1, 1), (1, 1)), mode="edge")
    h, w = arr.shape[1:]
    return np.stack([padded[:, i:i + h, j:j + w] for i in range(3) for j in range(3)])


def gradient_sharpness(images) -> float:
    """Mean ``|∇x|``: the mean absolute difference of neighbouring pixels, rows and columns.

    High for crisp strokes, low for blur, but also high for noise: one flipped pixel in a
    black background adds four large differences. Returns a float ≥ 0 (at most 2 for
    values in [-1, 1]).
    """
    arr = _images(images)
    return float(np.abs(np.diff(arr, axis=1)).mean() + np.abs(np.diff(arr, axis=2)).mean()) / 2


def median_filter3(images) -> np.ndarray:
    """Each pixel replaced by the median of its 3 × 3 neighbourhood: float64 ``(n, h, w)``.

    Removes isolated pixels (salt-and-pepper noise) and keeps edges of strokes that are at
    least two pixels wide; the border repeats the edge pixels.
    """
    arr = _images(images)
    return np.concatenate([np.median(_neighbourhoods(arr[start:start + _CHUNK]), axis=0)
                           for start in range(0, len(arr), _CHUNK)])


def edge_sharpness(images) -> float:
    """Mean ``|∇x|`` of the median-filtered images: a sharpness that noise does not fool.

    Sharp strokes keep their edges through the filter and score high; blur scores low with
    or without the filter; isolated noisy pixels are removed before they are measured.
    """
    return gradient_sharpness(median_filter3(images))


def salt_and_pepper(images, fraction: float, rng) -> np.ndarray:
    """A copy of ``images`` with a ``fraction`` of pixels set to -1 or +1 at random.

    Args:
        images: ``(n, h, w)`` or ``(n, h, w, 1)``, values in [-1, 1].
        fraction: share of pixels replaced, in [0, 1].
        rng: a ``numpy.random.Generator`` (the lesson's seeded one).

    Returns:
        float32, the shape of ``images``.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction must lie in [0, 1], got {fraction}.")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator, e.g. np.random.default_rng(SEED).")
    noisy = _images(images).copy()
    hit = rng.random(noisy.shape) < fraction
    noisy[hit] = rng.choice([-1.0, 1.0], size=int(hit.sum()))
    return noisy.reshape(np.shape(images)).astype(np.float32)


def binomial_blur(images) -> np.ndarray:
    """A copy of ``images`` smoothed by the 3 × 3 kernel ``[1, 2, 1]ᵀ[1, 2, 1] / 16``.

    A mild blur, about what averaging neighbouring strokes does. Returns float32, the shape
    of ``images``.
    """
    weights = np.outer([1.0, 2.0, 1.0], [1.0, 2.0, 1.0]).ravel() / 16.0
    blurred = np.tensordot(weights, _neighbourhoods(_images(images)), axes=1)
    return blurred.reshape(np.shape(images)).astype(np.float32)
