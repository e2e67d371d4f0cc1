"""The course classifier and the image metrics measured on its features.

A small CNN trained on the bundled MNIST subset (``scripts/train_classifier.py``,
weights in ``data/mnist_classifier.weights.h5``) judges generated digits: which class
each one is (class histogram, class entropy: mode collapse), how sure it is (mean
confidence), and how far the set of images is from the real ones in the classifier's
penultimate layer (a Fréchet distance built like FID's).

**These numbers are on the course classifier's features. They are NOT comparable with
Inception-based FID, or with FID values in papers.** Compare them only with each other,
at the same sample size, and with :meth:`CourseClassifier.real_baseline`.

Importing this module does not import TensorFlow; building or loading the classifier does.

课程分类器及基于其特征的图像指标（类别直方图、类别熵、平均置信度、Fréchet 距离）。
这些数值基于课程分类器的特征，**不能**与基于 Inception 的 FID 相比较。
"""

from __future__ import annotations

import collections
import functools
import hashlib
import os
import re

import numpy as np

from course_utils.metrics.checks import finite_array

__all__ = ["CLASSIFIER_FILE", "CourseClassifier", "build_classifier", "entropy",
           "frechet_distance_from_features", "load_classifier"]

CLASSIFIER_FILE = "{name}_classifier.weights.h5"
N_CLASSES = 10
IMAGE_SHAPE = (28, 28, 1)
FEATURE_LAYER = "features"
FEATURE_DIM = 64
_BATCH = 500
_MEMO_SIZE = 8  # image sets whose forward pass a classifier keeps
_RANGE_TOL = 1e-3  # float round-off of a tanh output or of x / 127.5 - 1


def _advice(name: str) -> str:
    file = CLASSIFIER_FILE.format(name=name)
    return (f"Rebuild it with `python scripts/train_classifier.py --dataset {name}` (about a "
            f"minute on a CPU), or restore it with `git checkout -- data/{file} data/SHA256SUMS`.")


# ----------------------------------------------------------------------- pure NumPy
def entropy(p) -> float:
    """Shannon entropy in nats of a probability vector ``p`` (0·log 0 = 0).

    ``p`` holds non-negative weights with a positive sum (normalised here), e.g. a
    class histogram. One class only: 0; ``k`` equally likely classes: ``log k``
    (``log 10 ≈ 2.303`` for ten digits).
    """
    p = finite_array("p", p).reshape(-1)
    if p.size == 0 or np.any(p < 0) or p.sum() <= 0:
        raise ValueError(f"p must be non-negative weights with a positive sum, got {p.tolist()}.")
    p = p / p.sum()
    nz = p[p > 0]
    return float(max(-(nz * np.log(nz)).sum(), 0.0))


def _features_2d(name, f) -> np.ndarray:
    f = finite_array(name, f)
    if f.ndim != 2 or len(f) < 2:
        raise ValueError(f"{name} must be features of shape (n, d) with n >= 2, got {f.shape}.")
    return f


def _sqrt_psd(s: np.ndarray) -> np.ndarray:
    """Square root of a symmetric positive semi-definite matrix (eigen-decomposition)."""
    w, v = np.linalg.eigh((s + s.T) / 2.0)
    return (v * np.sqrt(np.clip(w, 0.0, None))) @ v.T


def disjoint_sets(x, n, seed=0):
    """Two disjoint random sets ``(a, b)`` of ``n`` items each from ``x`` (array of ``≥ 2 n``
    items, e.g. images ``(N, 28, 28, 1)``), drawn by one seeded permutation (``seed``: an int
    or a ``numpy.random.Generator``). The real-vs-real reference of a distance at size ``n``:
    compare generated images with ``b`` and ``a`` with ``b``."""
    if not (isinstance(n, int | np.integer) and n >= 1):
        raise ValueError(f"n must be an int ≥ 1, got {n!r}.")
    if len(x) < 2 * n:
        raise ValueError(f"Two disjoint sets of {n} need at least {2 * n} items, got {len(x)}.")
    order = np.random.default_rng(seed).permutation(len(x))
    return x[order[:n]], x[order[n:2 * n]]


def frechet_distance_from_features(f1, f2) -> float:
    """Fréchet distance between Gaussians fitted to feature sets ``f1`` ``(n, d)`` and ``f2``.

    FID's formula: ``|μ1 − μ2|² + tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½)`` with sample means and
    covariances (``ddof=1``). ``tr (Σ1 Σ2)^½`` is computed as ``tr (Σ1^½ Σ2 Σ1^½)^½``
    (the same eigenvalues, but a symmetric matrix: stable in NumPy). Returns a float ≥ 0;
    it is the *squared* Fréchet (Wasserstein-2) distance, as FID is.

    The estimate is biased upwards at small ``n``: compare values only at equal sample sizes.
    """
    f1, f2 = _features_2d("f1", f1), _features_2d("f2", f2)
    if f1.shape[1] != f2.shape[1]:
        raise ValueError(f"f1 and f2 must have the same dimension, got {f1.shape} and {f2.shape}.")
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1 = np.atleast_2d(np.cov(f1, rowvar=False))
    s2 = np.atleast_2d(np.cov(f2, rowvar=False))
    r1 = _sqrt_psd(s1)
    cross = np.sqrt(np.clip(np.linalg.eigvalsh(_sym(r1 @ s2 @ r1)), 0.0, None)).sum()
    value = ((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2.0 * cross
    return float(max(value, 0.0))


def _sym(m: np.ndarray) -> np.ndarray:
    return (m + m.T) / 2.0


# ------------------------------------------------------------------------ the model
def build_classifier(seed=None):
    """The course classifier, untrained: image ``(batch, 28, 28, 1)`` in [-1, 1] → 10 logits.

    Three blocks of conv 3×3 (16, 32, 64 filters, ReLU) + 2×2 max-pool (28 → 14 → 7 → 3),
    flatten, dropout 0.3 (training only), dense 64 ReLU — the layer named ``"features"``
    that the Fréchet distance uses — and dense 10 ``"logits"``. About 61 k parameters:
    ``scripts/train_classifier.py`` trains it in well under a minute on 2 CPU cores.
    ``seed`` fixes the initial weights and the dropout masks without touching the global
    random state (``None``: Keras's global seed).
    """
    import keras
    from keras import layers

    from course_utils.models._common import Seeds

    init = Seeds(seed)
    x = keras.Input(IMAGE_SHAPE, name="image")
    h = x
    for i, filters in enumerate((16, 32, 64), start=1):
        h = layers.Conv2D(filters, 3, padding="same", activation="relu",
                          kernel_initializer=init.glorot(), name=f"conv{i}")(h)
        h = layers.MaxPooling2D(name=f"pool{i}")(h)
    h = layers.Flatten(name="flatten")(h)
    h = layers.Dropout(0.3, seed=None if seed is None else seed + 7919, name="dropout")(h)
    h = layers.Dense(FEATURE_DIM, activation="relu", kernel_initializer=init.glorot(),
                     name=FEATURE_LAYER)(h)
    logits = layers.Dense(N_CLASSES, kernel_initializer=init.glorot(), name="logits")(h)
    return keras.Model(x, logits, name="course_classifier")


def load_classifier(name="mnist", data_dir=None) -> CourseClassifier:
    """Load the trained course classifier ``data/<name>_classifier.weights.h5``.

    ``data_dir`` defaults to ``$COURSE_DATA_DIR`` or the repository's ``data/``. The file's
    SHA-256 is checked against ``data/SHA256SUMS`` on every call; the model itself is
    built and loaded once per file content and then reused (the same object comes back).

    Raises:
        FileNotFoundError: the weights (or SHA256SUMS) are missing — the message gives
            the command that rebuilds them.
        ValueError: the file is damaged (checksum mismatch) or unreadable; likewise.
    """
    from course_utils.data.images import verified_path

    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"name must be a data set name such as 'mnist', got {name!r}.")
    path, sha = verified_path(CLASSIFIER_FILE.format(name=name), _advice(name), data_dir)
    return _load_cached(str(path.resolve()), sha, name)


@functools.lru_cache(maxsize=4)
def _load_cached(path: str, sha256: str, name: str) -> CourseClassifier:
    del sha256  # part of the cache key only: a rebuilt file is loaded afresh
    from course_utils.pretrained import load_checked_weights

    folder, file = os.path.split(path)
    model = load_checked_weights(build_classifier(seed=0), file, _advice(name), folder)
    return CourseClassifier(model, name=name, path=path)


# ----------------------------------------------------------------- the classifier
class CourseClassifier:
    """A trained course classifier and the metrics measured with it.

    Every method takes images ``(n, 28, 28, 1)``, float in [-1, 1] (a tanh generator's
    output, or ``load_mnist()``'s), and refuses other shapes, ranges, NaN or inf with a
    clear ``ValueError``. Get one with :func:`load_classifier`.

    The Fréchet distances are on this classifier's 64 penultimate features: they are
    **not comparable with Inception-based FID**; compare them only with each other at
    the same sample size, and with :meth:`real_baseline`.
    """

    def __init__(self, model, name="mnist", path=None):
        import keras

        self.model, self.name, self.path = model, name, path
        feats = model.get_layer(FEATURE_LAYER).output
        # model.input (one tensor, not the list model.inputs): no Keras structure warning
        self._both = keras.Model(model.input, [feats, model.output])
        self.feature_dim = int(feats.shape[-1])
        self._memo = collections.OrderedDict()  # image bytes' digest -> (features, logits)

    def __repr__(self):
        return (f"CourseClassifier(name={self.name!r}, params={self.model.count_params()}, "
                f"feature_dim={self.feature_dim})")

    # ---------------------------------------------------------------- inputs, forward
    @staticmethod
    def _images(x, name="x") -> np.ndarray:
        x = finite_array(name, x)
        if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE or len(x) == 0:
            hint = " (add the channel axis: x[..., None])" if x.shape[1:] == (28, 28) else ""
            raise ValueError(f"{name} must be images of shape (n, 28, 28, 1) with n >= 1, got "
                             f"{x.shape}{hint}.")
        lo, hi = float(x.min()), float(x.max())
        if lo < -1 - _RANGE_TOL or hi > 1 + _RANGE_TOL:
            raise ValueError(f"{name} must hold values in [-1, 1], got [{lo:.3g}, {hi:.3g}]: "
                             "scale uint8 pixels with x / 127.5 - 1.")
        return np.clip(x, -1.0, 1.0).astype(np.float32)

    def _forward(self, x, name="x") -> tuple[np.ndarray, np.ndarray]:
        """(features (n, d), logits (n, 10)) as float64, in batches, inference mode.

        The results for the last :data:`_MEMO_SIZE` image sets are kept, keyed by a digest
        of the images' bytes, so metrics that read the same images (a histogram, a
        distance, a confidence) run the network once; callers get copies. The wrapped
        network is a loaded classifier and never changes, which is what makes this safe.
        """
        x = self._images(x, name)
        key = (x.shape, hashlib.blake2b(x.tobytes(), digest_size=16).digest())
        if key not in self._memo:
            feats, logits = [], []
            for i in range(0, len(x), _BATCH):
                f, lg = self._both(x[i:i + _BATCH], training=False)
                feats.append(np.asarray(f, dtype=np.float64))
                logits.append(np.asarray(lg, dtype=np.float64))
            self._memo[key] = (np.concatenate(feats), np.concatenate(logits))
            if len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)  # the least recently used set
        self._memo.move_to_end(key)
        feats, logits = self._memo[key]
        return feats.copy(), logits.copy()

    # ---------------------------------------------------------------------- outputs
    def logits(self, x) -> np.ndarray:
        """Logits ``(n, 10)``."""
        return self._forward(x)[1]

    def features(self, x) -> np.ndarray:
        """Penultimate (``"features"`` layer) activations ``(n, 64)``."""
        return self._forward(x)[0]

    def probabilities(self, x) -> np.ndarray:
        """Softmax class probabilities ``(n, 10)``, rows sum to 1."""
        z = self.logits(x)
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict(self, x) -> np.ndarray:
        """Predicted digits, int ``(n,)`` in 0–9."""
        return self.logits(x).argmax(axis=1).astype(np.int64)

    # ---------------------------------------------------------------------- metrics
    def class_histogram(self, x) -> np.ndarray:
        """Share of the images predicted as each digit, ``(10,)`` summing to 1.

        A real, balanced set gives about 0.1 each; a collapsed generator piles up on few.
        """
        return np.bincount(self.predict(x), minlength=N_CLASSES) / len(x)

    def class_entropy(self, x) -> float:
        """Entropy (nats) of :meth:`class_histogram`: 0 = one digit, log 10 ≈ 2.303 = uniform."""
        return entropy(self.class_histogram(x))

    def mean_confidence(self, x) -> float:
        """Mean over images of the largest class probability, in [0.1, 1].

        High on real digits (about 0.98 on the bundled test set) — but a CNN is also
        confident on things that are no digit at all (about 0.99 on uniform noise), so read
        it next to :meth:`frechet_distance`, never alone as a measure of quality.
        """
        return float(self.probabilities(x).max(axis=1).mean())

    def accuracy(self, x, labels) -> float:
        """Share of images whose predicted digit equals ``labels`` (int ``(n,)`` in 0–9)."""
        pred = self.predict(x)
        y = finite_array("labels", labels)
        if y.shape != pred.shape or np.any(y != np.round(y)) or y.min() < 0 or y.max() > 9:
            raise ValueError(f"labels must be {len(pred)} digits 0-9 (one per image), got an "
                             f"array of shape {y.shape}.")
        return float((pred == y).mean())

    def frechet_distance(self, x, y) -> float:
        """Fréchet distance between the classifier features of image sets ``x`` and ``y``.

        FID's formula on this classifier's 64 features — **not comparable with
        Inception-based FID**. Biased upwards at small sample sizes: compare with
        :meth:`real_baseline` at the same size. Each set needs at least 2 images.
        """
        fx, fy = self._forward(x, "x")[0], self._forward(y, "y")[0]
        return frechet_distance_from_features(fx, fy)

    def real_baseline(self, x_real, seed=0) -> float:
        """Fréchet distance between two disjoint random halves of the real images ``x_real``.

        What "as good as real" looks like at a sample size of ``len(x_real) // 2``: a
        generated set of that size scoring near this value is indistinguishable from real
        data for this classifier's features. Same caveat: not Inception-based FID.
        """
        x = self._images(x_real, "x_real")
        if len(x) < 4:
            raise ValueError(f"x_real needs at least 4 images to split in halves, got {len(x)}.")
        return self.frechet_distance(*disjoint_sets(x, len(x) // 2, seed))
