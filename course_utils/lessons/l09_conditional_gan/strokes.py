"""Measure a digit's stroke thickness and slant, and turn them into a caption. Defined in
lesson 09 (the toy text-to-image GAN). Pure NumPy.

* **thickness** (pixels): ink pixels are those > 0 (images in [-1, 1]). A stroke of width
  ``w`` and length ``L`` covers about ``w·L`` pixels and has about ``2·L`` pixel edges on
  its outline, so ``w ≈ 2 · ink area / outline edges`` (edges between an ink pixel and a
  background pixel, 4-neighbours, the image border counting as background).
* **slant** (dimensionless shear): from the image moments of the intensities
  ``(x + 1) / 2``, ``slant = −μ₁₁ / μ₀₂`` with ``x`` the column and ``y`` the row (down):
  the shear ``x' = x − slant · (y − ȳ)`` makes the digit upright (the classic MNIST
  "deskewing"). Positive: the top leans to the right; ``atan(slant)`` is the angle.

Captions such as ``"a thick, slanted seven"`` bucket both measures at the per-digit medians
of the real training images (:class:`CaptionRule`): thin/thick, upright/slanted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
THICKNESS_WORDS = ("thin", "thick")
SLANT_WORDS = ("upright", "slanted")
VOCABULARY = ("a", *THICKNESS_WORDS, *SLANT_WORDS, *DIGIT_WORDS)
"""The caption vocabulary, fixed (``TextVectorization(vocabulary=VOCABULARY)``)."""


def _images(images) -> np.ndarray:
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
    ink = _images(images) > 0
    padded = np.pad(ink, ((0, 0), (1, 1), (1, 1)))
    edges = (np.abs(np.diff(padded.astype(np.int8), axis=1)).sum(axis=(1, 2))
             + np.abs(np.diff(padded.astype(np.int8), axis=2)).sum(axis=(1, 2)))
    area = ink.sum(axis=(1, 2))
    return np.where(edges > 0, 2.0 * area / np.maximum(edges, 1), 0.0)


def slant(images) -> np.ndarray:
    """Shear ``−μ₁₁ / μ₀₂`` of the intensity moments, ``(n,)``; positive = top leans right.

    0 for a blank image (no intensity, or all of it in one row).
    """
    x = _images(images)
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


def caption(digit: int, thick: bool, slanted: bool) -> str:
    """``caption(7, True, True) == "a thick, slanted seven"``."""
    if not (isinstance(digit, int | np.integer) and 0 <= digit <= 9):
        raise ValueError(f"digit must be an int 0-9, got {digit!r}.")
    return f"a {THICKNESS_WORDS[bool(thick)]}, {SLANT_WORDS[bool(slanted)]} {DIGIT_WORDS[digit]}"


@dataclass(frozen=True)
class CaptionRule:
    """Per-digit thresholds: thicker than ``thickness[d]`` is "thick", more slanted than
    ``slant[d]`` is "slanted". :meth:`fit` takes the medians of real images."""

    thickness: tuple[float, ...]
    slant: tuple[float, ...]

    @classmethod
    def fit(cls, images, labels) -> CaptionRule:
        """Medians per digit of :func:`stroke_thickness` and :func:`slant` of ``images``."""
        labels = _labels(labels, len(_images(images)))
        thick, sl = stroke_thickness(images), slant(images)
        missing = sorted(set(range(10)) - set(labels.tolist()))
        if missing:
            raise ValueError(f"every digit 0-9 needs at least one image; missing {missing}.")
        return cls(tuple(float(np.median(thick[labels == d])) for d in range(10)),
                   tuple(float(np.median(sl[labels == d])) for d in range(10)))

    def words(self, images, labels) -> tuple[np.ndarray, np.ndarray]:
        """``(thick, slanted)`` bools ``(n,)`` of images of the given digits."""
        labels = _labels(labels, len(_images(images)))
        return (stroke_thickness(images) > np.asarray(self.thickness)[labels],
                slant(images) > np.asarray(self.slant)[labels])

    def captions(self, images, labels) -> np.ndarray:
        """One caption per image, a NumPy array of ``str`` ``(n,)``."""
        labels = _labels(labels, len(_images(images)))
        thick, slanted = self.words(images, labels)
        return np.array([caption(int(d), a, b) for d, a, b in zip(labels, thick, slanted,
                                                                  strict=True)])


def _labels(labels, n) -> np.ndarray:
    y = np.asarray(labels)
    if y.shape != (n,) or y.dtype.kind not in "iu" or (n and (y.min() < 0 or y.max() > 9)):
        raise ValueError(f"labels must be {n} integer digits 0-9, got shape {y.shape} of "
                         f"{y.dtype}.")
    return y.astype(np.int64)


def word_gaps(images, labels, asked_thick, asked_slanted) -> dict[str, float]:
    """How far generated images follow the words: mean measured thickness of those asked
    "thick" minus those asked "thin", and the same for slant ("slanted" − "upright"),
    averaged over digits (each digit's gap weighs the same). ``asked_*``: bools ``(n,)``."""
    labels = _labels(labels, len(_images(images)))
    thick_asked = np.asarray(asked_thick, bool)
    slant_asked = np.asarray(asked_slanted, bool)
    if thick_asked.shape != labels.shape or slant_asked.shape != labels.shape:
        raise ValueError("asked_thick and asked_slanted need one bool per image.")
    th, sl = stroke_thickness(images), slant(images)
    gaps = {"thickness": [], "slant": []}
    for d in np.unique(labels):
        for key, measure, asked in (("thickness", th, thick_asked), ("slant", sl, slant_asked)):
            mine = labels == d
            if (mine & asked).any() and (mine & ~asked).any():
                gaps[key].append(measure[mine & asked].mean() - measure[mine & ~asked].mean())
    if not gaps["thickness"] or not gaps["slant"]:
        raise ValueError("each word needs images asked with it and with its opposite.")
    return {key: float(np.mean(v)) for key, v in gaps.items()}


__all__ = ["DIGIT_WORDS", "SLANT_WORDS", "THICKNESS_WORDS", "VOCABULARY", "CaptionRule",
           "caption", "slant", "stroke_thickness", "word_gaps"]
