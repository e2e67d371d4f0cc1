"""Turn a digit's stroke thickness and slant (:mod:`course_utils.metrics.strokes`) into a
caption. Defined in lesson 09 (the toy text-to-image GAN). Pure NumPy.

Captions such as ``"a thick, slanted seven"`` bucket both measures at the per-digit medians
of the real training images (:class:`CaptionRule`): thin/thick, upright/slanted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from course_utils.metrics.strokes import check_images, slant, stroke_thickness

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
THICKNESS_WORDS = ("thin", "thick")
SLANT_WORDS = ("upright", "slanted")
VOCABULARY = ("a", *THICKNESS_WORDS, *SLANT_WORDS, *DIGIT_WORDS)
"""The caption vocabulary, fixed (``TextVectorization(vocabulary=VOCABULARY)``)."""


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
        labels = _labels(labels, len(check_images(images)))
        thick, sl = stroke_thickness(images), slant(images)
        missing = sorted(set(range(10)) - set(labels.tolist()))
        if missing:
            raise ValueError(f"every digit 0-9 needs at least one image; missing {missing}.")
        return cls(tuple(float(np.median(thick[labels == d])) for d in range(10)),
                   tuple(float(np.median(sl[labels == d])) for d in range(10)))

    def words(self, images, labels) -> tuple[np.ndarray, np.ndarray]:
        """``(thick, slanted)`` bools ``(n,)`` of images of the given digits."""
        labels = _labels(labels, len(check_images(images)))
        return (stroke_thickness(images) > np.asarray(self.thickness)[labels],
                slant(images) > np.asarray(self.slant)[labels])

    def captions(self, images, labels) -> np.ndarray:
        """One caption per image, a NumPy array of ``str`` ``(n,)``."""
        labels = _labels(labels, len(check_images(images)))
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
    labels = _labels(labels, len(check_images(images)))
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
           "caption", "word_gaps"]
