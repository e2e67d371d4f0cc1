"""A digit's stroke thickness and slant, measured on images. Defined in lesson 09 (the toy
text-to-image GAN's captions); lesson 13 reads what each style level controls with them.
Pure NumPy.

* **thickness** (pixels): ink pixels are those > 0 (images in [-1, 1]). A stroke of width
  ``w`` and length ``L`` covers about ``w·L`` pixels and has about ``2·L`` pixel edges on
  its outline, so ``w ≈ 2 · ink area / outline edges`` (edges between an ink pixel and a
  background pixel, 4-neighbours, the image border counting as background).
* **slant** (dimensionless shear): from the image moments of the intensities
  ``(x + 1) / 2``, ``slant = −μ₁₁ / μ₀₂`` with ``x`` the column and ``y`` the row (down):
  the shear ``x' = x − slant · (y − ȳ)`` makes the digit upright (the classic MNIST
  "deskewing"). Positive: the top leans to the right; ``atan(slant)`` is the angle.
"""

from __future__ import annotations

import numpy as np


def check_images(images) -> np.ndarray:
    """``images`` ``(n, H, W)`` or ``(n, H, W, 1)`` in [-1, 1] as float64 ``(n, H, W)``; a clear
    error for another shape, NaN or inf, or values outside [-1, 1]."""
    x = np.asarray(images, dtype=np.float64)
    if x.ndim == 4 and x.shape[-1] == 1:
        x = x[..., 0]
    if x.ndim != 3 or x.shape[0] == 0 or x.shape[1] < 2 or x.shape[2] < 2:
        raise ValueError(f"images must have shape (n, H, W) or (n, H, W, 1) with n >= 1, got "
                         f"{np.shape(images)}.")
    if not np.all(np.isfinite(x)):
        raise ValueError("images hold NaN or inf values.")
    if x.min() < -1.001 or x.max() > 1.001:
        raise ValueError(f"images must hold values in [-1, 1], got [{x.min():.3g}, "
                         f"{x.max():.3g}]: scale uint8 pixels with x / 127.5 - 1.")
    return x


def stroke_thickness(images) -> np.ndarray:
    """Mean stroke width in pixels, ``(n,)``: ``2 · ink area / outline edges`` (0 without ink).

    ``images``: ``(n, H, W)`` or ``(n, H, W, 1)`` in [-1, 1]; ink = pixels > 0.
    """
    ink = check_images(images) > 0
    padded = np.pad(ink, ((0, 0), (1, 1), (1, 1)))
    edges = (np.abs(np.diff(padded.astype(np.int8), axis=1)).sum(axis=(1, 2))
             + np.abs(np.diff(padded.astype(np.int8), axis=2)).sum(axis=(1, 2)))
    area = ink.sum(axis=(1, 2))
    return np.where(edges > 0, 2.0 * area / np.maximum(edges, 1), 0.0)


def slant(images) -> np.ndarray:
    """Shear ``−μ₁₁ / μ₀₂`` of the intensity moments, ``(n,)``; positive = top leans right.

    0 for a blank image (no intensity, or all of it in one row).
    """
    x = check_images(images)
    w = (x + 1.0) / 2.0
    rows, cols = np.mgrid[0:x.shape[1], 0:x.shape[2]].astype(np.float64)
    mass = w.sum(axis=(1, 2))
    safe = np.maximum(mass, 1e-12)
    yc = (w * rows).sum(axis=(1, 2)) / safe
    xc = (w * cols).sum(axis=(1, 2)) / safe
    dy = rows[None] - yc[:, None, None]
    dx = cols[None] - xc[:, None, None]
    mu02 = (w * dy * dy).sum(axis=(1, 2))
    mu11 = (w * dx * dy).sum(axis=(1, 2))
    return np.where((mass > 1e-12) & (mu02 > 1e-9), -mu11 / np.maximum(mu02, 1e-9), 0.0)


__all__ = ["check_images", "slant", "stroke_thickness"]
