"""The bundled image sets: a 5,000-image MNIST subset and a 5,000-image Fashion-MNIST
subset (500 per class each), stored as compressed ``.npz`` of uint8 arrays in ``data/``
and checked against ``data/SHA256SUMS`` at every load. Nothing downloads, except
``load_mnist(source="keras")`` (full mode).
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from course_utils.data._checks import check_choice

SOURCES = ("bundled", "keras")
SPLITS = ("train", "test", "all")
_TRAIN_PER_CLASS, _TEST_PER_CLASS = 400, 100


@dataclass(frozen=True)
class BundledSet:
    """One bundled image set: its file in ``data/`` and the script that rebuilds it."""

    file: str
    script: str
    classes: tuple

    def restore_advice(self) -> str:
        return (f"Restore it with `git checkout -- data/{self.file}` (and data/SHA256SUMS), "
                f"or rebuild it with `python scripts/{self.script}`.")


MNIST = BundledSet("mnist_5k.npz", "make_mnist_subset.py", tuple(str(d) for d in range(10)))
FASHION_MNIST = BundledSet(
    "fashion_mnist_5k.npz", "make_fashion_mnist_subset.py",
    ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
     "Bag", "Ankle boot"))
MNIST_FILE = MNIST.file
FASHION_CLASSES = FASHION_MNIST.classes


def default_data_dir() -> Path:
    """``$COURSE_DATA_DIR`` if set, else the repository's ``data/`` folder."""
    env = os.environ.get("COURSE_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


def expected_sha256(data_dir: Path, file: str, advice: str) -> str:
    """The SHA-256 that ``data_dir/SHA256SUMS`` lists for ``file``."""
    sums = data_dir / "SHA256SUMS"
    if not sums.is_file():
        raise FileNotFoundError(f"Checksum file {sums} is missing. {advice}")
    for line in sums.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("*") == file:
            return parts[0].lower()
    raise ValueError(f"{sums} has no line for {file}. {advice}")


def verified_path(file: str, advice: str, data_dir=None) -> tuple[Path, str]:
    """``(path, sha256)`` of a bundled file after checking it exists and is undamaged."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = folder / file
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing. {advice}")
    expected = expected_sha256(folder, file, advice)
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise ValueError(f"{path} is damaged (SHA-256 mismatch: expected {expected}, got "
                         f"{actual}). {advice}")
    return path, actual


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


def _bundled(dataset: BundledSet, split: str, data_dir):
    path, sha = verified_path(dataset.file, dataset.restore_advice(), data_dir)
    images, labels, train, test = _load_bundled(str(path.resolve()), sha)
    order = {"train": train, "test": test, "all": np.concatenate([train, test])}[split]
    return images[order], labels[order]  # fancy indexing: fresh, writeable copies


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
    check_choice("source", source, SOURCES)
    check_choice("split", split, SPLITS)
    if source == "keras":
        return _load_keras(split)
    return _bundled(MNIST, split, data_dir)


def load_fashion_mnist(split="train", data_dir=None):
    """Load the bundled Fashion-MNIST subset (Xiao et al. 2017, arXiv 1708.07747) like
    :func:`load_mnist`: ``data/fashion_mnist_5k.npz``, 500 per class (the first 500 of each
    class in the original training set), the same fixed 400 / 100 per-class split.

    Returns ``(images, labels)``: float32 ``(N, 28, 28, 1)`` in ``[-1, 1]`` and int32
    ``(N,)`` classes 0–9, named in :data:`FASHION_CLASSES`.
    """
    check_choice("split", split, SPLITS)
    return _bundled(FASHION_MNIST, split, data_dir)


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
