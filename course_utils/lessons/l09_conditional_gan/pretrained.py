"""The stored conditional generators of lesson 09 (``data/``, checked by ``SHA256SUMS``).

``scripts/pretrain_conditional.py`` trains them with :mod:`.recipe`'s full-mode settings and
writes ``data/mnist_cgan_generator.weights.h5`` (digit label → image, one-hot code, trained
against a projection discriminator) and ``data/mnist_text_generator.weights.h5`` (caption →
image). Only the generators are stored. Defined in lesson 09.
"""

from __future__ import annotations

import functools

from course_utils.data.images import verified_path
from course_utils.lessons.l09_conditional_gan import players, recipe, text

FILES = {"label": "mnist_cgan_generator.weights.h5", "text": "mnist_text_generator.weights.h5"}
SEED = 0  # the seed the script trains with (initial weights only; the file overrides them)


def _advice(kind: str) -> str:
    return (f"Rebuild it with `python scripts/pretrain_conditional.py --only {kind}` (a few "
            f"minutes on a CPU), or restore it with `git checkout -- data/{FILES[kind]} "
            "data/SHA256SUMS`.")


def build(kind: str):
    """The untrained generator architecture of ``kind`` (``"label"`` or ``"text"``)."""
    if kind == "label":
        return players.conv_generator(recipe.LATENT_DIM, 10, "one_hot", width=recipe.WIDTH,
                                      seed=SEED)
    if kind == "text":
        return text.text_generator(recipe.LATENT_DIM, width=recipe.WIDTH, seed=SEED)
    raise ValueError(f"Unknown kind {kind!r}: expected one of {', '.join(FILES)}.")


def load_generator(kind="label", data_dir=None):
    """The stored generator ``kind`` (``"label"``: ``[z, digit] -> image``; ``"text"``:
    ``[z, caption] -> image``), its file checked against ``SHA256SUMS``; cached per file."""
    if kind not in FILES:
        raise ValueError(f"Unknown kind {kind!r}: expected one of {', '.join(FILES)}.")
    path, sha = verified_path(FILES[kind], _advice(kind), data_dir)
    return _load(kind, str(path.resolve()), sha)


@functools.lru_cache(maxsize=4)
def _load(kind: str, path: str, sha256: str):
    del sha256  # part of the cache key only
    model = build(kind)
    try:
        model.load_weights(path)
    except Exception as err:  # h5py / keras raise many kinds for a bad file
        raise ValueError(f"Could not load {path}: {err}. {_advice(kind)}") from err
    return model


__all__ = ["FILES", "build", "load_generator"]
