"""Measure a conditional generator with the course classifier. Defined in lesson 09.

* **conditioning accuracy**: for each requested digit, the share of samples that the
  course classifier reads as that digit (:func:`conditioning_accuracy`);
* **Fréchet distance per class**: generated samples of digit ``k`` against real images of
  digit ``k``, next to the real baseline at the same sample size (two disjoint halves of
  the real images of ``k``) (:func:`per_class_frechet`);
* **class coverage**: how many digits the generator draws when asked (accuracy ≥ 50 %).

The Fréchet distances are on the course classifier's 64 features, **not comparable with
Inception-based FID**; only the real baseline gives them a scale.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from course_utils.metrics.features import disjoint_sets, frechet_distance_from_features

COVERED = 0.5  # a digit counts as covered when at least half its samples are read as it


def _ints(name, values) -> np.ndarray:
    a = np.asarray(values)
    if a.ndim != 1 or a.dtype.kind not in "iu":
        raise ValueError(f"{name} must be a 1-D array of integer labels, got shape {a.shape} "
                         f"of {a.dtype}.")
    return a.astype(np.int64)


def conditioning_accuracy(predicted, requested, num_classes=10) -> np.ndarray:
    """Per requested class ``k``, the share of samples asked for ``k`` that were read as
    ``k``: float ``(num_classes,)`` in [0, 1].

    ``predicted``, ``requested``: integer labels ``(n,)`` (the classifier's reading and the
    label given to the generator). Every class ``0 … num_classes − 1`` must be requested at
    least once.
    """
    predicted, requested = _ints("predicted", predicted), _ints("requested", requested)
    if predicted.shape != requested.shape:
        raise ValueError(f"predicted and requested must have the same length, got "
                         f"{len(predicted)} and {len(requested)}.")
    counts = np.bincount(requested, minlength=num_classes)
    if len(counts) > num_classes or requested.min(initial=0) < 0:
        raise ValueError(f"requested labels must lie in 0 … {num_classes - 1}.")
    if (counts == 0).any():
        raise ValueError(f"every class must be requested at least once; never requested: "
                         f"{np.flatnonzero(counts == 0).tolist()}.")
    hits = np.bincount(requested[predicted == requested], minlength=num_classes)
    return hits / counts


def fixed_request(per_class, num_classes=10, latent_dim=32, seed=2024):
    """``(labels, z)``: ``per_class`` samples of each class, ``labels`` sorted by class and
    ``z`` ``(n, latent_dim)`` float32 drawn with NumPy's ``default_rng(seed)`` — the same
    request whatever the course seed, so a stored generator's measured numbers are fixed."""
    labels = np.repeat(np.arange(num_classes), per_class)
    z = np.random.default_rng(seed).standard_normal((len(labels), latent_dim))
    return labels, z.astype(np.float32)


def per_class_frechet(classifier, generated, gen_labels, real, real_labels, seed=0) -> dict:
    """Fréchet distances per class, generated vs real and real vs real, at equal sizes.

    The real images of each class are split in two random halves A and B (``seed``); the
    generated images of that class (as many as half A) are compared with A, and B with A
    (the baseline). Also the same over all classes pooled.

    Returns ``{"generated": (10,), "baseline": (10,), "generated_all": float,
    "baseline_all": float, "n_per_class": int}`` (arrays as lists).
    """
    gen_labels, real_labels = _ints("gen_labels", gen_labels), _ints("real_labels",
                                                                      real_labels)
    if len(generated) != len(gen_labels) or len(real) != len(real_labels):
        raise ValueError("one label per image is needed (generated and real).")
    rng = np.random.default_rng(seed)
    classes = np.unique(real_labels)
    half = min(min((real_labels == k).sum() // 2, (gen_labels == k).sum()) for k in classes)
    if half < 2:
        raise ValueError("each class needs at least 4 real and 2 generated images.")
    # one forward pass per image set; the classes and halves are slices of its features
    f_gen, f_real = classifier.features(generated), classifier.features(real)
    gen, base, pool = [], [], {"gen": [], "a": [], "b": []}
    for k in classes:
        a, b = disjoint_sets(np.flatnonzero(real_labels == k), half, seed=rng)  # indices
        g = np.flatnonzero(gen_labels == k)[:half]
        gen.append(frechet_distance_from_features(f_gen[g], f_real[a]))
        base.append(frechet_distance_from_features(f_real[b], f_real[a]))
        pool["gen"].append(g)
        pool["a"].append(a)
        pool["b"].append(b)
    g_all, a_all, b_all = (np.concatenate(pool[key]) for key in ("gen", "a", "b"))
    return {"generated": [float(v) for v in gen], "baseline": [float(v) for v in base],
            "generated_all": float(frechet_distance_from_features(f_gen[g_all], f_real[a_all])),
            "baseline_all": float(frechet_distance_from_features(f_real[b_all], f_real[a_all])),
            "n_per_class": int(half)}


def coverage(per_class_accuracy, threshold=COVERED) -> int:
    """How many classes reach ``threshold`` conditioning accuracy."""
    return int((np.asarray(per_class_accuracy) >= threshold).sum())


def _generate(generator, z, condition, batch_size=500) -> np.ndarray:
    import keras
    import tensorflow as tf

    z, condition = tf.convert_to_tensor(z, tf.float32), tf.convert_to_tensor(condition)
    out = [keras.ops.convert_to_numpy(generator([z[i:i + batch_size],
                                                  condition[i:i + batch_size]], training=False))
           for i in range(0, len(z), batch_size)]
    return np.concatenate(out)


def label_samples(generator, per_class=100, seed=2024):
    """``(images, labels)`` of a ``[z, digit]`` generator for :func:`fixed_request`."""
    import tensorflow as tf

    labels, z = fixed_request(per_class, 10, int(generator.inputs[0].shape[-1]), seed)
    return _generate(generator, z, tf.constant(labels, tf.int32)), labels


def fixed_captions(per_caption=50, seed=2025):
    """Every caption (10 digits × thin/thick × upright/slanted), ``per_caption`` times each:
    ``(captions (n,) str, digits, asked_thick, asked_slanted)``, sorted by caption."""
    from course_utils.lessons.l09_conditional_gan.strokes import caption

    del seed  # the order is fixed; kept for symmetry with fixed_request
    combos = [(d, a, b) for d in range(10) for a in (False, True) for b in (False, True)]
    rows = np.repeat(np.array(combos, dtype=np.int64), per_caption, axis=0)
    captions = np.array([caption(int(d), bool(a), bool(b)) for d, a, b in rows])
    return captions, rows[:, 0], rows[:, 1].astype(bool), rows[:, 2].astype(bool)


def label_generator_accuracy(generator, classifier, per_class=100, seed=2024) -> np.ndarray:
    """Per-digit conditioning accuracy ``(10,)`` of a ``[z, digit]`` generator on a fixed
    request (NumPy noise of ``seed``, independent of the course seed)."""
    images, labels = label_samples(generator, per_class, seed)
    return conditioning_accuracy(classifier.predict(images), labels, 10)


def text_generator_quality(generator, classifier, per_caption=50, seed=2025) -> dict:
    """How a ``[z, caption]`` generator follows its captions on a fixed request: the digit
    agreement (classifier), per digit, and the thickness and slant gaps
    (:func:`~.strokes.word_gaps`). Returns a dict (with the ``images`` and request)."""
    import tensorflow as tf

    from course_utils.lessons.l09_conditional_gan.strokes import word_gaps

    captions, digits, thick, slanted = fixed_captions(per_caption)
    z = np.random.default_rng(seed).standard_normal(
        (len(captions), int(generator.inputs[0].shape[-1]))).astype(np.float32)
    images = _generate(generator, z, tf.constant(captions))
    per_digit = conditioning_accuracy(classifier.predict(images), digits, 10)
    return {"digit_accuracy": float(per_digit.mean()), "per_digit": per_digit,
            "gaps": word_gaps(images, digits, thick, slanted), "images": images,
            "captions": captions, "digits": digits, "thick": thick, "slanted": slanted}


def _display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _display_width(text), 0)


def format_table(rows: dict, percent=True, header=None) -> str:
    """A fixed-width text table of per-digit values: ``rows`` maps a row name to 10
    numbers. ``percent``: show them as % with a "mean" column; else with 2 decimals.
    ``header``: the first column's title (default: ``t("digit", "数字")``)."""
    from course_utils.i18n import t

    header = t("digit", "数字") if header is None else header
    for name, values in rows.items():
        if np.shape(values) != (10,):
            raise ValueError(f"row {name!r} needs 10 values (one per digit), got shape "
                             f"{np.shape(values)}.")
    width = max(_display_width(n) for n in [header, *rows]) + 2
    head = _pad(header, width) + "".join(f"{d:>6d}" for d in range(10))
    lines = [head + ("  " + t("mean", "平均") if percent else "")]
    for name, values in rows.items():
        values = np.asarray(values, dtype=float)
        cells = "".join(f"{v:6.0%}" if percent else f"{v:6.2f}" for v in values)
        lines.append(_pad(name, width) + cells + (f"{values.mean():6.0%}" if percent else ""))
    return "\n".join(lines)


__all__ = ["COVERED", "conditioning_accuracy", "coverage", "fixed_captions", "fixed_request",
           "format_table", "label_generator_accuracy", "label_samples", "per_class_frechet",
           "text_generator_quality"]
