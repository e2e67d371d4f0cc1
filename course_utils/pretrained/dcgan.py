"""Lesson 08's pretrained DCGAN generators in ``data/``: their settings and a checked
loader. Defined in lesson 08 (``scripts/pretrain_generators.py`` writes the files); lesson 14
measures them too.

Each file holds the weights of ``course_utils.models.dcgan_generator(LATENT_DIM,
BASE_FILTERS)`` trained with lesson 08's recipe in full mode on the bundled training split
(4,000 images) of MNIST or Fashion-MNIST.
"""

from __future__ import annotations

import numpy as np

from course_utils.pretrained import load_checked_weights

DATASETS = ("mnist", "fashion_mnist")
FILE = "dcgan_{name}_generator.weights.h5"
LATENT_DIM = 64
BASE_FILTERS = 32
SETTINGS = {"latent_dim": LATENT_DIM, "base_filters": BASE_FILTERS, "epochs": 40,
            "batch_size": 64, "seed": 0}
"""Full-mode training of the pretrained generators (``scripts/pretrain_generators.py``)."""
RATIO_MAX = 25
"""Quality bar of a pretrained generator: Fréchet distance (course classifier) at most this
many times the real baseline on :func:`eval_noise`, with all ten classes over 1 %
(``tests/lessons/test_l08_pretrained.py``; measured 18.8 for MNIST, 14.5 for Fashion-MNIST)."""
EVAL_N = 1000  # generated images measured (the real baseline uses two sets of this size)
EVAL_SEED = 0  # fixed noise and fixed real sets: the measurement depends on the weights only


def advice(name: str) -> str:
    """What to do when the file of data set ``name`` is missing or damaged."""
    file = FILE.format(name=name)
    return (f"Rebuild it with `python scripts/pretrain_generators.py --dataset {name}` (several "
            f"minutes on a CPU), or restore it with `git checkout -- data/{file} "
            "data/SHA256SUMS`.")


def check_name(name) -> str:
    """``name`` if it is one of :data:`DATASETS`, else a clear ``ValueError``."""
    if name not in DATASETS:
        raise ValueError(f"Unknown data set {name!r}: expected one of {', '.join(DATASETS)}.")
    return name


def build_generator():
    """The untrained generator the files are loaded into (fixed initial weights)."""
    from course_utils.models import dcgan_generator

    return dcgan_generator(LATENT_DIM, BASE_FILTERS, seed=0)


def load_generator(name="mnist", data_dir=None):
    """The pretrained generator of ``name`` (``"mnist"`` or ``"fashion_mnist"``), a new
    ``keras.Model`` each call: z ``(n, 64)`` → images ``(n, 28, 28, 1)`` in [-1, 1]; call it
    with ``training=False`` (batch norm's moving statistics). The file is checked against
    ``data/SHA256SUMS`` first (see :func:`course_utils.pretrained.load_checked_weights` for
    the errors, each with how to rebuild or restore the file)."""
    check_name(name)
    return load_checked_weights(build_generator(), FILE.format(name=name), advice(name),
                                data_dir)


def eval_noise(latent_dim: int = LATENT_DIM) -> np.ndarray:
    """The fixed latent vectors ``(EVAL_N, latent_dim)`` a pretrained generator is measured on
    (independent of the lesson's seed)."""
    return np.random.default_rng(EVAL_SEED).standard_normal((EVAL_N, latent_dim)).astype(
        np.float32)


__all__ = ["BASE_FILTERS", "DATASETS", "EVAL_N", "EVAL_SEED", "FILE", "LATENT_DIM", "RATIO_MAX",
           "SETTINGS", "advice", "build_generator", "check_name", "eval_noise", "load_generator"]
