"""The stored runs of lesson 13 (``data/style_and_scale_generators.npz``, checked against
``SHA256SUMS``).

``scripts/pretrain_style_and_scale.py`` trains every run of :data:`JOBS` with
:mod:`.recipe`'s settings and stores the generators' weights (float16; D is not kept) under
``"<job>/g<i>"``, and for the faces runs D's gap curve under ``"<job>/curve_step"``,
``"curve_train"``, ``"curve_held_out"`` (D's mean logit on the 80 training and the 20
held-out faces). Defined in lesson 13.
"""

from __future__ import annotations

import functools

import numpy as np

from course_utils.data.images import verified_path
from course_utils.lessons.l13_style_and_scale import recipe
from course_utils.pretrained import set_bundled_weights

FILE = "style_and_scale_generators.npz"
FACE_SEEDS = (0, 1)
FACE_VARIANTS = ("plain", "diffaugment")
STYLE_SEEDS = (0, 1)
JOBS = tuple([f"faces/{v}/seed{s}" for s in FACE_SEEDS for v in FACE_VARIANTS]
             + [f"style/seed{s}" for s in STYLE_SEEDS])


def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_style_and_scale.py` (about 20 minutes of "
            f"CPU), or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def _check(key):
    if key not in JOBS:
        raise ValueError(f"No stored run {key!r}; stored: {', '.join(JOBS)}.")


@functools.lru_cache(maxsize=2)
def _arrays(path: str, sha256: str) -> dict:
    del sha256  # part of the cache key only
    with np.load(path, allow_pickle=False) as f:
        return {k: f[k] for k in f.files}


def _stored(data_dir=None) -> dict:
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _arrays(str(path.resolve()), sha)


def _set_weights(model, key, data_dir):
    return set_bundled_weights(model, _stored(data_dir), key + "/g", FILE, _advice())


def face_generator(variant="plain", seed=0, data_dir=None):
    """The stored faces generator ``z (n, 32) → (n, 28, 28, 1)`` of ``variant`` (``"plain"`` or
    ``"diffaugment"``) and ``seed``."""
    from course_utils.models.dcgan import dcgan_generator

    key = f"faces/{variant}/seed{seed}"
    _check(key)
    return _set_weights(dcgan_generator(recipe.FACE_LATENT, recipe.FACE_FILTERS, seed=0), key,
                        data_dir)


def gap_curve(variant="plain", seed=0, data_dir=None) -> dict:
    """D's stored curve of that faces run: ``{"step", "train", "held_out", "gap"}`` arrays."""
    key = f"faces/{variant}/seed{seed}"
    _check(key)
    arrays = _stored(data_dir)
    out = {name: arrays[f"{key}/curve_{name}"].astype(np.float64)
           for name in ("step", "train", "held_out")}
    out["step"] = out["step"].astype(int)
    out["gap"] = out["train"] - out["held_out"]
    return out


def style_generator(seed=0, data_dir=None):
    """The stored :class:`~course_utils.models.style.StyleGenerator` (MNIST digits) of training
    ``seed`` (0 or 1; the lesson uses 0)."""
    from course_utils.models.style import StyleGenerator

    key = f"style/seed{seed}"
    _check(key)
    return _set_weights(StyleGenerator(recipe.STYLE_LATENT, seed=0), key, data_dir)


__all__ = ["FACE_SEEDS", "FACE_VARIANTS", "FILE", "JOBS", "STYLE_SEEDS", "face_generator",
           "gap_curve", "style_generator"]
