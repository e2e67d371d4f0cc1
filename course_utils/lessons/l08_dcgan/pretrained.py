"""The pretrained DCGAN generators in ``data/``: their settings and a checked loader.
Defined in lesson 08; ``scripts/pretrain_generators.py`` writes the files.

Each file holds the weights of ``course_utils.models.dcgan_generator(LATENT_DIM,
BASE_FILTERS)`` trained with lesson 08's recipe (``recipe.train_dcgan``) in full mode on the
bundled training split (4,000 images) of MNIST or Fashion-MNIST.
"""

from __future__ import annotations

import numpy as np

from course_utils.data.images import verified_path

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


def _check_name(name):
    if name not in DATASETS:
        raise ValueError(f"Unknown data set {name!r}: expected one of {', '.join(DATASETS)}.")


def build_generator():
    """The untrained generator the files are loaded into (fixed initial weights)."""
    from course_utils.models import dcgan_generator

    return dcgan_generator(LATENT_DIM, BASE_FILTERS, seed=0)


def load_generator(name="mnist", data_dir=None):
    """The pretrained generator of ``name`` (``"mnist"`` or ``"fashion_mnist"``).

    The file's SHA-256 is checked against ``data/SHA256SUMS`` first. Returns a
    ``keras.Model``: z ``(n, 64)`` → images ``(n, 28, 28, 1)`` in [-1, 1]; call it with
    ``training=False`` (batch norm's moving statistics).

    Raises:
        FileNotFoundError: the file (or SHA256SUMS) is missing — the message says how to
            rebuild or restore it.
        ValueError: unknown ``name``, a damaged file (checksum mismatch), or weights that do
            not fit the generator; likewise with what to do.
    """
    _check_name(name)
    path, _ = verified_path(FILE.format(name=name), advice(name), data_dir)
    generator = build_generator()
    try:
        generator.load_weights(path)
    except Exception as err:  # h5py / keras raise many kinds for a bad file
        raise ValueError(f"Could not load the generator weights {path}: {err}. "
                         f"{advice(name)}") from err
    return generator


def eval_noise(latent_dim: int = LATENT_DIM) -> np.ndarray:
    """The fixed latent vectors ``(EVAL_N, latent_dim)`` a pretrained generator is measured on
    (independent of the lesson's seed)."""
    return np.random.default_rng(EVAL_SEED).standard_normal((EVAL_N, latent_dim)).astype(
        np.float32)


def measure(generator, name="mnist", data_dir=None):
    """:class:`~course_utils.lessons.l08_dcgan.recipe.Evaluation` of ``generator`` on
    :func:`eval_noise` (inference mode) against the bundled training split of ``name``,
    with the course classifier of ``name``. Deterministic given the weights."""
    from course_utils.data import load_fashion_mnist, load_mnist
    from course_utils.lessons.l08_dcgan import recipe
    from course_utils.metrics import load_classifier

    _check_name(name)
    loader = {"mnist": load_mnist, "fashion_mnist": load_fashion_mnist}[name]
    x_real = loader(split="train", data_dir=data_dir)[0]
    z = eval_noise(int(generator.input_shape[-1]))
    images = np.concatenate([np.asarray(generator(z[i:i + 500], training=False))
                             for i in range(0, len(z), 500)])
    return recipe.evaluate(images, load_classifier(name, data_dir=data_dir), x_real,
                           seed=EVAL_SEED)
