"""The stored conditional generators of lesson 09 (``data/``, checked by ``SHA256SUMS``).

``scripts/pretrain_conditional.py`` trains them with :mod:`.recipe`'s full-mode settings and
writes ``data/mnist_cgan_generator.weights.h5`` (digit label → image, one-hot code, trained
against a projection discriminator; its loader is the shared
:mod:`course_utils.pretrained.conditional`, which lessons 13 and 14 use too) and
``data/mnist_text_generator.weights.h5`` (caption → image). Only the generators are stored.
Defined in lesson 09.
"""

from __future__ import annotations

import functools

from course_utils.data.images import verified_path
from course_utils.lessons.l09_conditional_gan import text
from course_utils.pretrained import conditional as stored
from course_utils.pretrained import load_checked_weights

FILES = {"label": stored.FILE, "text": "mnist_text_generator.weights.h5"}
SEED = stored.SEED


def _check_kind(kind):
    if kind not in FILES:
        raise ValueError(f"Unknown kind {kind!r}: expected one of {', '.join(FILES)}.")


def build(kind: str):
    """The untrained generator architecture of ``kind`` (``"label"`` or ``"text"``)."""
    _check_kind(kind)
    if kind == "label":
        return stored.build_label_generator()
    return text.text_generator(stored.LATENT_DIM, width=stored.WIDTH, seed=SEED)


def load_generator(kind="label", data_dir=None):
    """The stored generator ``kind`` (``"label"``: ``[z, digit] -> image``; ``"text"``:
    ``[z, caption] -> image``), its file checked against ``SHA256SUMS``; cached per file."""
    _check_kind(kind)
    if kind == "label":
        return stored.load_label_generator(data_dir)
    path, sha = verified_path(FILES["text"], stored.advice("text", FILES["text"]), data_dir)
    return _load_text(str(path.parent), sha)


@functools.lru_cache(maxsize=2)
def _load_text(folder: str, sha256: str):
    del sha256  # part of the cache key only
    return load_checked_weights(build("text"), FILES["text"],
                                stored.advice("text", FILES["text"]), folder)


__all__ = ["FILES", "build", "load_generator"]
