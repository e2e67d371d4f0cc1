"""Lesson 14's measurements: scores of several image sets on the course classifier's
features, FID and KID against the sample size, and images optimised to fool the features.
Defined in lesson 14.

Every score is measured against the same real reference set and printed beside the
**real-vs-real baseline** (held-out real images: the perfect sampler).
"""

from __future__ import annotations

import numpy as np

from course_utils.i18n import t
from course_utils.latent import truncated_normal  # noqa: F401  (lesson 14 sweeps it)
from course_utils.metrics import (
    frechet_distance_from_features,
    kid_from_features,
    precision_recall,
)

METRICS = ("fd", "kid", "precision", "recall")
NAMES = {"fd": ("Fréchet distance", "Fréchet 距离"), "kid": ("KID", "KID"),
         "precision": ("precision", "精确率"), "recall": ("recall", "召回率")}
SETS = {"held-out real": "留出的真实图像", "DCGAN": "DCGAN", "conditional GAN": "条件 GAN",
        "collapsed (only 1s)": "模式崩溃（只有 1）", "noisy (half noise)": "带噪声（一半是噪声）",
        "fooled": "骗过特征的图像"}
"""English key of each set of the lesson → its Chinese name (keys stay English: they label
figures, which fall back to English without a CJK font)."""


def set_name(key: str) -> str:
    """A set's name in the learner's language (:data:`SETS`; unknown keys unchanged)."""
    return t(key, SETS.get(key, key))


def scores(real_features, sets, k=3, pr_reference=1000) -> dict:
    """``{name: {"fd", "kid", "precision", "recall"}}`` of each feature set of ``sets``
    (``{name: (n, d)}``) against ``real_features`` ``(m, d)``. Precision and recall use the
    first ``pr_reference`` real points (k-NN balls of equal sample sizes compare fairly)."""
    out = {}
    for name, f in sets.items():
        p, r = precision_recall(real_features[:pr_reference], f, k=k)
        out[name] = {"fd": frechet_distance_from_features(real_features, f),
                     "kid": kid_from_features(real_features, f), "precision": p, "recall": r}
    return out


def format_scores(table) -> str:
    """The scores as an aligned text table (names in the learner's language)."""
    shown = {name: set_name(name) for name in table}
    width = max(len(name) for name in shown.values()) + 2
    head = t("set", "样本集").ljust(width) + "".join(
        f"{t(*NAMES[m]):>18s}" for m in METRICS)
    rows = [head]
    for name, s in table.items():
        rows.append(shown[name].ljust(width) + f"{s['fd']:18.2f}{s['kid']:18.2f}"
                    f"{s['precision']:18.2f}{s['recall']:18.2f}")
    return "\n".join(rows)


def versus_n(reference, other, sizes, repeats=10, seed=0) -> dict:
    """Fréchet distance and KID between ``n`` points drawn (without replacement) from each
    of ``reference`` and ``other`` ``(m, d)``, for each ``n`` of ``sizes``: means and
    standard errors over ``repeats`` draws. ``{"sizes", "fd", "fd_se", "kid", "kid_se"}``."""
    rng = np.random.default_rng(seed)
    out = {"sizes": list(sizes), "fd": [], "fd_se": [], "kid": [], "kid_se": []}
    for n in sizes:
        if n > min(len(reference), len(other)):
            raise ValueError(f"size {n} exceeds the sets ({len(reference)}, {len(other)}).")
        fd, kid = [], []
        for _ in range(repeats):
            a = reference[rng.choice(len(reference), n, replace=False)]
            b = other[rng.choice(len(other), n, replace=False)]
            fd.append(frechet_distance_from_features(a, b))
            kid.append(kid_from_features(a, b))
        for key, values in (("fd", fd), ("kid", kid)):
            out[key].append(float(np.mean(values)))
            out[key + "_se"].append(float(np.std(values, ddof=1) / np.sqrt(repeats)))
    return out


def collapsed(images, labels, digit=1, n=1000, seed=0) -> np.ndarray:
    """A "collapsed generator": ``n`` real images of one ``digit`` drawn with replacement."""
    pool = images[np.asarray(labels) == digit]
    return pool[np.random.default_rng(seed).integers(0, len(pool), n)]


def half_noisy(images, sigma=1.5, seed=0) -> np.ndarray:
    """A "noisy generator": every image of ``images``, half of them (at random) buried in
    Gaussian noise of std ``sigma`` and clipped to [-1, 1]."""
    rng = np.random.default_rng(seed)
    out = np.array(images, dtype=np.float32, copy=True)
    hit = rng.random(len(out)) < 0.5
    out[hit] = np.clip(out[hit] + sigma * rng.standard_normal(out[hit].shape), -1, 1)
    return out


def pixel_features(images) -> np.ndarray:
    """An independent judge: the images average-pooled 4×4 → ``(n, 49)`` pixels (7×7)."""
    x = np.asarray(images, dtype=np.float64)
    return x.reshape(len(x), 7, 4, 7, 4).mean(axis=(2, 4)).reshape(len(x), 49)


def fool_features(classifier, target_features, steps=40, lr=0.1, seed=0) -> np.ndarray:
    """Images ``(n, 28, 28, 1)`` in [-1, 1] optimised so that the classifier's features match
    ``target_features`` ``(n, 64)`` one for one: start from noise ``tanh(w)``, Adam on
    ``|features(tanh w) − target|²``. Nothing asks them to look like digits."""
    import keras
    import tensorflow as tf

    model = classifier.model
    features = keras.Model(model.input, model.get_layer("features").output)
    target = tf.constant(target_features, tf.float32)
    rng = np.random.default_rng(seed)
    w = tf.Variable(rng.normal(0.0, 0.5, (len(target_features), 28, 28, 1)).astype("float32"))
    opt = keras.optimizers.Adam(lr)

    @tf.function
    def step():
        with tf.GradientTape() as tape:
            diff = features(tf.tanh(w), training=False) - target
            loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
        opt.apply_gradients([(tape.gradient(loss, w), w)])
        return loss

    for _ in range(steps):
        step()
    return np.tanh(w.numpy())
