"""How lesson 11 measures an unpaired translation: by what it keeps and what it changes.

* **Label preservation** — the share of translations that the course classifier reads as
  the *source's* digit. The course MNIST classifier reads both domains (digits as drawn and
  bold digits), so one classifier serves both; its accuracy on each real domain is the
  ceiling to compare with.
* **Target domain** — the share of translations that look like the target domain, judged
  by the **stroke width**: ink pixels / skeleton pixels (scikit-image's ``skeletonize``),
  in pixels. A translation into B counts as bold when its width is above the midpoint of
  the two real domains' median widths (:func:`domain_threshold`).
* **Distance to the true translation** — the bold domain is made by a known operation, so
  every test image of A has its exact bold version: ``E |G(a) − thicken(a)|``. Training never
  sees it; only the measure does.
* **Cycle error** — ``E |F(G(a)) − a|``: how well the way back undoes the way there.
* **Diversity** — the mean L1 distance between the translations of random pairs of
  different sources, relative to the same for real images of the target domain (1 = as
  diverse as the real ones; 0 = one image for every input).

Images are float32 ``(n, 28, 28, 1)`` in [-1, 1] (−1 = black). Defined in lesson 11.
"""

from __future__ import annotations

import numpy as np


def _images(name, x) -> np.ndarray:
    x = np.asarray(x, np.float32)
    if x.ndim != 4 or x.shape[-1] != 1 or len(x) == 0:
        raise ValueError(f"{name} must be grey images (n, h, w, 1) with n ≥ 1, got shape "
                         f"{x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError(f"{name} contains NaN or inf.")
    return x


def stroke_width(images, threshold: float = 0.0) -> np.ndarray:
    """Per-image stroke width ``(n,)`` in pixels: ink pixels (above ``threshold``) divided by
    the pixels of the ink's skeleton. An image without ink has width 0."""
    from skimage.morphology import skeletonize

    x = _images("images", images)[..., 0] > threshold
    out = np.zeros(len(x))
    for i, ink in enumerate(x):
        skeleton = skeletonize(ink).sum()
        out[i] = ink.sum() / skeleton if skeleton else 0.0
    return out


def domain_threshold(a, b) -> float:
    """The stroke width halfway between the median widths of real domains ``a`` and ``b``."""
    return float((np.median(stroke_width(a)) + np.median(stroke_width(b))) / 2)


def bold_share(images, threshold: float) -> float:
    """Share of images whose stroke width is above ``threshold`` (judged "bold")."""
    return float((stroke_width(images) > threshold).mean())


def l1(x, y) -> float:
    """``E |x − y|`` over pixels and images (same shapes)."""
    x, y = _images("x", x), _images("y", y)
    if x.shape != y.shape:
        raise ValueError(f"x {x.shape} and y {y.shape} must have the same shape.")
    return float(np.abs(x - y).mean())


def mean_pair_distance(images, pairs: int = 2000, seed: int = 0) -> float:
    """Mean L1 distance between ``pairs`` random pairs of different images."""
    x = _images("images", images)
    if len(x) < 2:
        raise ValueError("mean_pair_distance needs at least 2 images.")
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(x), pairs)
    j = (i + rng.integers(1, len(x), pairs)) % len(x)  # j ≠ i
    return float(np.abs(x[i] - x[j]).mean())


def diversity(outputs, reference, seed: int = 0) -> float:
    """:func:`mean_pair_distance` of ``outputs`` over that of the real ``reference`` images."""
    return mean_pair_distance(outputs, seed=seed) / mean_pair_distance(reference, seed=seed)


def label_agreement(labels_1, labels_2) -> float:
    """Share of positions where two label arrays agree."""
    a, b = np.asarray(labels_1), np.asarray(labels_2)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"labels must be two 1-D arrays of one length, got {a.shape}, {b.shape}.")
    return float((a == b).mean())


def pair_correlation(x, y) -> float:
    """Mean over pairs of the Pearson correlation of the pixels of ``x[i]`` and ``y[i]``
    (a constant image counts as correlation 0)."""
    x, y = _images("x", x)[..., 0], _images("y", y)[..., 0]
    if x.shape != y.shape:
        raise ValueError(f"x {x.shape} and y {y.shape} must have the same shape.")
    xc = x.reshape(len(x), -1) - x.reshape(len(x), -1).mean(1, keepdims=True)
    yc = y.reshape(len(y), -1) - y.reshape(len(y), -1).mean(1, keepdims=True)
    den = np.sqrt((xc**2).sum(1) * (yc**2).sum(1))
    r = np.where(den > 0, (xc * yc).sum(1) / np.where(den > 0, den, 1), 0.0)
    return float(r.mean())


__all__ = ["bold_share", "diversity", "domain_threshold", "l1", "label_agreement",
           "mean_pair_distance", "pair_correlation", "stroke_width"]
