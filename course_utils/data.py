"""Data for the course: toy distributions, the bundled MNIST subset and ``tf.data`` pipelines.

Every generator is seeded (``seed`` argument, :func:`numpy.random.default_rng`)
and returns float32 NumPy arrays, so the same seed gives the same data on any
machine. Importing this module does not import TensorFlow; only
:func:`make_dataset` and ``load_mnist(source="keras")`` do.

课程数据：玩具分布、随仓库附带的 MNIST 子集与 ``tf.data`` 管道。所有生成函数都
接受 ``seed``，相同种子得到相同数据；导入本模块不会导入 TensorFlow。
"""

from __future__ import annotations

import functools
import hashlib
import os
from numbers import Integral, Real
from pathlib import Path

import numpy as np

__all__ = [
    "MNIST_FILE",
    "SOURCES",
    "SPLITS",
    "class_gaussians_2d",
    "default_data_dir",
    "grid_centres",
    "grid_of_gaussians",
    "load_mnist",
    "make_dataset",
    "mixture_1d",
    "mixture_1d_pdf",
    "ring_centres",
    "ring_of_gaussians",
    "swiss_roll",
]

MNIST_FILE = "mnist_5k.npz"
SOURCES = ("bundled", "keras")
SPLITS = ("train", "test", "all")
_TRAIN_PER_CLASS, _TEST_PER_CLASS = 400, 100
_RESTORE_ADVICE = (
    "Restore it with `git checkout -- data/mnist_5k.npz` (and data/SHA256SUMS), "
    "or rebuild it with `python scripts/make_mnist_subset.py`."
)


# --------------------------------------------------------------------------- checks
def _positive_int(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return int(value)


def _positive(name: str, value, *, allow_zero: bool = False) -> float:
    ok = isinstance(value, Real) and not isinstance(value, bool) and np.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {bound}, got {value!r}.")
    return float(value)


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
    n = _positive_int("n", n)
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
    n_modes = _positive_int("n_modes", n_modes)
    radius = _positive("radius", radius)
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
    n = _positive_int("n", n)
    std = _positive("std", std)
    centres = ring_centres(n_modes, radius)
    return _sample_modes(n, centres, std, seed, return_modes)


def grid_centres(side=5, spacing=2.0) -> np.ndarray:
    """Centres of :func:`grid_of_gaussians`: a ``side × side`` grid centred on 0.

    Returns:
        float32 array ``(side**2, 2)``; coordinates ``(k - (side-1)/2) * spacing``.
    """
    side = _positive_int("side", side)
    spacing = _positive("spacing", spacing)
    coords = (np.arange(side) - (side - 1) / 2.0) * spacing
    gx, gy = np.meshgrid(coords, coords, indexing="ij")
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)


def grid_of_gaussians(n, side=5, spacing=2.0, std=0.05, seed=0, return_modes=False):
    """Sample a ``side × side`` grid of equal-weight 2-D Gaussians.

    Returns:
        float32 ``(n, 2)``, within about ``(side-1)/2 * spacing + 4*std`` of 0 on each
        axis (default: ±4.2); with ``return_modes`` also int32 ``(n,)`` mode indices.
    """
    n = _positive_int("n", n)
    std = _positive("std", std)
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
    n = _positive_int("n", n)
    noise = _positive("noise", noise, allow_zero=True)
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
    n = _positive_int("n_per_class", n_per_class)
    means = np.asarray(means, dtype=np.float64)
    if means.shape != (2, 2):
        raise ValueError(f"means must have shape (2, 2), got {means.shape}.")
    stds = [_positive("stds[0]", stds[0]), _positive("stds[1]", stds[1])]
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(means[k], stds[k], size=(n, 2)) for k in (0, 1)])
    y = np.repeat(np.arange(2, dtype=np.int32), n)
    if shuffle:
        order = rng.permutation(2 * n)
        x, y = x[order], y[order]
    return x.astype(np.float32), y


# ---------------------------------------------------------------------------- MNIST
def default_data_dir() -> Path:
    """``$COURSE_DATA_DIR`` if set, else the repository's ``data/`` folder."""
    env = os.environ.get("COURSE_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def _expected_sha256(data_dir: Path) -> str:
    sums = data_dir / "SHA256SUMS"
    if not sums.is_file():
        raise FileNotFoundError(f"Checksum file {sums} is missing. {_RESTORE_ADVICE}")
    for line in sums.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("*") == MNIST_FILE:
            return parts[0].lower()
    raise ValueError(f"{sums} has no line for {MNIST_FILE}. {_RESTORE_ADVICE}")


@functools.lru_cache(maxsize=4)
def _load_bundled(path: str, sha256: str):
    """Read-only (images float32 (5000,28,28,1) in [-1,1], labels int32, train idx, test idx)."""
    del sha256  # part of the cache key only: a rebuilt file is loaded afresh
    with np.load(path, allow_pickle=False) as f:
        raw, labels = f["images"], f["labels"]
    images = (raw.astype(np.float32) / 127.5 - 1.0)[..., None]
    labels = labels.astype(np.int32)
    # Fixed stratified split, independent of the course seed: its own generator.
    rng = np.random.default_rng(0)
    train, test = [], []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(labels == digit))
        train.append(idx[:_TRAIN_PER_CLASS])
        test.append(idx[_TRAIN_PER_CLASS : _TRAIN_PER_CLASS + _TEST_PER_CLASS])
    train = rng.permutation(np.concatenate(train))  # mix the classes, still fixed
    test = rng.permutation(np.concatenate(test))
    for arr in (images, labels, train, test):
        arr.flags.writeable = False
    return images, labels, train, test


def _check_choice(name: str, value, valid: tuple[str, ...]) -> str:
    if value not in valid:
        raise ValueError(f"Unknown {name} {value!r}: expected one of {', '.join(valid)}.")
    return value


def load_mnist(source="bundled", split="train", data_dir=None):
    """Load MNIST digits scaled for a tanh generator.

    Args:
        source: ``"bundled"`` (default, offline): the 5,000-image subset in
            ``data/mnist_5k.npz`` (500 per class), checked against
            ``data/SHA256SUMS``; ``"keras"``: the full 70,000-image MNIST via
            ``keras.datasets.mnist`` (downloads ~11 MB once: full mode only).
        split: ``"train"``, ``"test"`` or ``"all"``. Bundled: a fixed stratified split,
            400 train + 100 test per class (4,000 / 1,000), the same whatever the
            course seed; ``"all"`` is train followed by test. Keras: 60,000 / 10,000.
        data_dir: folder holding the bundled files (default :func:`default_data_dir`).

    Returns:
        ``(images, labels)``: new float32 ``(N, 28, 28, 1)`` arrays in ``[-1, 1]``
        and int32 ``(N,)`` digits 0–9.

    Raises:
        FileNotFoundError: the bundled file is missing (says how to restore it).
        ValueError: the bundled file is damaged, or an unknown source or split.
        ConnectionError: ``source="keras"`` could not download the data.
    """
    _check_choice("source", source, SOURCES)
    _check_choice("split", split, SPLITS)
    if source == "keras":
        return _load_keras(split)
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = folder / MNIST_FILE
    if not path.is_file():
        raise FileNotFoundError(f"MNIST subset {path} is missing. {_RESTORE_ADVICE}")
    expected = _expected_sha256(folder)
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise ValueError(
            f"{path} is damaged (SHA-256 mismatch: expected {expected}, got {actual}). "
            f"{_RESTORE_ADVICE}"
        )
    images, labels, train, test = _load_bundled(str(path.resolve()), actual)
    order = {"train": train, "test": test, "all": np.concatenate([train, test])}[split]
    return images[order], labels[order]  # fancy indexing: fresh, writeable copies


def _load_keras(split):
    import tensorflow as tf  # noqa: F401  (keras runs on TensorFlow here)
    from keras.datasets import mnist

    try:
        (x_train, y_train), (x_test, y_test) = mnist.load_data()
    except Exception as err:  # keras raises a bare Exception for download failures
        raise ConnectionError(
            "Could not load the full MNIST with keras: it needs the network the first time "
            "(source='keras' is meant for full mode). Offline, use load_mnist() for the "
            f"bundled 5,000-image subset. Cause: {err}"
        ) from err
    parts = {
        "train": [(x_train, y_train)],
        "test": [(x_test, y_test)],
        "all": [(x_train, y_train), (x_test, y_test)],
    }[split]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    return (x.astype(np.float32) / 127.5 - 1.0)[..., None], y.astype(np.int32)


# -------------------------------------------------------------------------- tf.data
def make_dataset(x, y=None, batch_size=64, shuffle=True, seed=0, drop_remainder=True):
    """Wrap arrays in a batched ``tf.data.Dataset``.

    Args:
        x: array of shape ``(N, ...)``; y: optional array ``(N, ...)`` of the same length.
        batch_size: positive int. shuffle: reshuffle every epoch with buffer ``N``.
        seed: shuffle seed (the same seed gives the same sequence of epochs).
        drop_remainder: drop the last incomplete batch (keeps shapes static).

    Returns:
        A ``tf.data.Dataset`` of ``x`` batches, or ``(x, y)`` batches when ``y`` is
        given, prefetched with ``AUTOTUNE``.
    """
    batch_size = _positive_int("batch_size", batch_size)
    x = np.asarray(x)
    if x.ndim == 0:
        raise ValueError("x must be an array with a leading sample axis, got a scalar.")
    n = len(x)
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 0 or len(y) != n:
            ylen = "a scalar" if y.ndim == 0 else len(y)
            raise ValueError(f"x and y must have the same length, got len(x)={n}, len(y)={ylen}.")
    if drop_remainder and n < batch_size:
        raise ValueError(
            f"batch_size={batch_size} is larger than the {n} samples: with "
            "drop_remainder=True the dataset would be empty."
        )
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices(x if y is None else (x, y))
    if shuffle:
        ds = ds.shuffle(n, seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size, drop_remainder=drop_remainder).prefetch(tf.data.AUTOTUNE)
