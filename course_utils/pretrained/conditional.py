"""Lesson 09's stored label-conditional generator (``data/mnist_cgan_generator.weights.h5``):
``[z (n, 32), digit (n,) int] → image (n, 28, 28, 1)`` in [-1, 1], one-hot label code,
trained 60 epochs against a projection discriminator by ``scripts/pretrain_conditional.py``.
Defined in lesson 09; lessons 13 (truncation) and 14 (evaluation) load it too.
"""

from __future__ import annotations

import functools

from course_utils.data.images import verified_path
from course_utils.pretrained import load_checked_weights

FILE = "mnist_cgan_generator.weights.h5"
LATENT_DIM = 32  # the architecture of lesson 09's conditional players (its recipe uses them)
WIDTH = 32
SEED = 0  # the seed the script trains with (initial weights only; the file overrides them)


def advice(kind: str = "label", file: str = FILE) -> str:
    """What to do when a stored file of lesson 09 is missing or damaged."""
    return (f"Rebuild it with `python scripts/pretrain_conditional.py --only {kind}` (a few "
            f"minutes on a CPU), or restore it with `git checkout -- data/{file} "
            "data/SHA256SUMS`.")


def build_label_generator():
    """The untrained label-conditional generator the file is loaded into."""
    from course_utils.models.conditional import conditional_conv_generator

    return conditional_conv_generator(LATENT_DIM, 10, "one_hot", width=WIDTH, seed=SEED)


def load_label_generator(data_dir=None):
    """The stored label-conditional generator, its file checked against ``SHA256SUMS``;
    loaded once per file content (the same model comes back)."""
    path, sha = verified_path(FILE, advice(), data_dir)
    return _load(str(path.parent), sha)


@functools.lru_cache(maxsize=2)
def _load(folder: str, sha256: str):
    del sha256  # part of the cache key only: a rebuilt file is loaded afresh
    return load_checked_weights(build_label_generator(), FILE, advice(), folder)


__all__ = ["FILE", "LATENT_DIM", "SEED", "WIDTH", "advice", "build_label_generator",
           "load_label_generator"]
