"""The stored runs of lesson 12 (``data/growing_attention_generators.npz``, checked against
``SHA256SUMS``).

``scripts/pretrain_growing_attention.py`` trains every run of :data:`JOBS` with
:mod:`.recipe`'s settings and stores, under ``"<kind>/seed<s>/"``: the generator's weights
(``g/w<i>``, float16; D is not kept), the Fréchet curve (``curve``: rows round, CPU s,
wall s, Fréchet distance, measured every 100 rounds) and, for the SAGAN runs with
attention, γ of both attention blocks (``gamma``: rows round, γ_G, γ_D). Defined in lesson 12.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from course_utils.data.images import verified_path
from course_utils.lessons.l12_growing_and_attention import recipe
from course_utils.pretrained import set_bundled_weights

FILE = "growing_attention_generators.npz"
KINDS = ("progressive", "direct", "sagan/attention", "sagan/plain")


@dataclass(frozen=True)
class Job:
    """One stored run."""

    kind: str  # one of KINDS
    seed: int

    @property
    def key(self) -> str:
        return f"{self.kind}/seed{self.seed}"


JOBS = tuple(Job(kind, seed) for seed in recipe.PRETRAIN_SEEDS for kind in KINDS)


def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_growing_attention.py` (about 20 minutes "
            f"of CPU), or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def find(kind: str, seed: int = 0) -> Job:
    """The stored :class:`Job` (a clear error if there is none)."""
    job = Job(kind, seed)
    if job not in JOBS:
        raise ValueError(f"No stored run {job.key}: kinds {', '.join(KINDS)}, seeds "
                         f"{recipe.PRETRAIN_SEEDS}.")
    return job


def _path(data_dir=None) -> tuple[str, str]:
    path, sha = verified_path(FILE, _advice(), data_dir)
    return str(path.resolve()), sha


@functools.lru_cache(maxsize=4)
def _arrays(path: str, sha256: str) -> dict:
    del sha256  # part of the cache key only
    with np.load(path, allow_pickle=False) as f:
        return {k: f[k] for k in f.files}


def _get(job: Job, name: str, data_dir=None) -> np.ndarray:
    arrays = _arrays(*_path(data_dir))
    key = f"{job.key}/{name}"
    if key not in arrays:
        raise ValueError(f"{FILE} has no {key}. {_advice()}")
    return arrays[key]


def curve(kind: str, seed: int = 0, data_dir=None) -> np.ndarray:
    """The stored Fréchet curve ``(k, 4)``: round, CPU s, wall s, Fréchet distance."""
    return _get(find(kind, seed), "curve", data_dir)


def gamma(seed: int = 0, data_dir=None) -> np.ndarray:
    """γ of the SAGAN run with attention ``(k, 3)``: round, γ_G, γ_D."""
    return _get(find("sagan/attention", seed), "gamma", data_dir)


def cpu_seconds(kind: str, seed: int = 0, data_dir=None) -> float:
    """CPU seconds the whole stored run took (measurements included)."""
    return float(_get(find(kind, seed), "cpu_s", data_dir))


def load_generator(kind: str, seed: int = 0, data_dir=None):
    """The stored generator of a run: a
    :class:`~course_utils.models.progressive.ProgressiveGenerator` (``progressive``,
    ``direct``) or a SAGAN-style ``keras.Model``."""
    job = find(kind, seed)
    path, sha = _path(data_dir)
    return _load(job, path, sha)


@functools.lru_cache(maxsize=16)
def _load(job: Job, path: str, sha256: str):
    from course_utils.models.attention import sagan_generator
    from course_utils.models.progressive import progressive_generator

    if job.kind in ("progressive", "direct"):
        model = progressive_generator(recipe.LATENT_DIM, recipe.WIDTHS, seed=0)
    else:
        model = sagan_generator(recipe.LATENT_DIM, attention=job.kind == "sagan/attention",
                                seed=0)
    return set_bundled_weights(model, _arrays(path, sha256), job.key + "/g/", path, _advice())


__all__ = ["FILE", "JOBS", "KINDS", "Job", "cpu_seconds", "curve", "find", "gamma",
           "load_generator"]
