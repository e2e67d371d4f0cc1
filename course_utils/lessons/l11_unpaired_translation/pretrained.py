"""The stored models of lesson 11 (``data/unpaired_translation_generators.npz``, checked
against ``SHA256SUMS``).

``scripts/pretrain_unpaired.py`` trains every run of :data:`JOBS` with :mod:`.recipe`'s
settings and stores the generators' weights (float16; the discriminators are not kept)
under keys ``"cycle/<variant>/seed<s>/<ab|ba>/w<i>"`` (both generators of a CycleGAN) and
``"cogan/<shared|separate>/seed<s>/w<i>"`` (the coupled generator). Defined in lesson 11.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np

from course_utils.data import domains
from course_utils.data.images import verified_path
from course_utils.lessons.l11_unpaired_translation import recipe
from course_utils.pretrained import set_bundled_weights

FILE = "unpaired_translation_generators.npz"
SEEDS = (0, 1)  # of the CycleGAN ablation
COGAN_SEEDS = (0, 1, 2)  # of each CoGAN variant
TASK = "thin_thick"
SHAPE = (28, 28, 1)


@dataclass(frozen=True)
class Job:
    """One stored run: a CycleGAN variant (``kind="cycle"``) or a CoGAN (``"cogan"``, the
    variant ``"shared"`` or ``"separate"``)."""

    kind: str
    variant: str
    seed: int

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.variant}/seed{self.seed}"


COGAN_VARIANTS = {"shared": True, "separate": False}
JOBS = ([Job("cycle", v, s) for v in recipe.VARIANTS for s in SEEDS]
        + [Job("cogan", v, s) for v in COGAN_VARIANTS for s in COGAN_SEEDS])


def task_data(split: str, limit: int | None = None) -> domains.UnpairedData:
    """The lesson's two domains (digits as drawn ↔ bold digits), ``"train"`` or ``"test"``;
    only the first ``limit`` images of each domain if given (quick mode measures fewer)."""
    data = domains.unpaired_task(TASK, split)
    if limit is None:
        return data
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 2:
        raise ValueError(f"limit must be an int ≥ 2 or None, got {limit!r}.")
    return dataclasses.replace(data, **{f.name: getattr(data, f.name)[:limit]
                                        for f in dataclasses.fields(data)
                                        if getattr(data, f.name) is not None})


def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_unpaired.py` (about 16 minutes of CPU), "
            f"or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def find(kind: str, variant: str, seed: int = 0) -> Job:
    """The stored :class:`Job` with these settings (a clear error if none was stored)."""
    job = Job(kind, variant, seed)
    if job not in JOBS:
        raise ValueError(f"No stored model {job.key}; stored: "
                         f"{', '.join(sorted({j.key.rsplit('/', 1)[0] for j in JOBS}))} for "
                         f"seeds {SEEDS}.")
    return job


def _load_into(model, path: str, prefix: str):
    with np.load(path, allow_pickle=False) as f:
        return set_bundled_weights(model, f, prefix + "/", path, _advice())


def load_cycle(variant: str, seed: int = 0, data_dir=None):
    """The stored generators ``(G: A → B, F: B → A)`` of a CycleGAN variant (keras.Models)."""
    job = find("cycle", variant, seed)
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _load_cycle(job, str(path.resolve()), sha)


@functools.lru_cache(maxsize=32)
def _load_cycle(job: Job, path: str, sha256: str):
    del sha256  # part of the cache key only
    from course_utils.models.cycle import cycle_generator

    out = []
    for direction in ("ab", "ba"):
        g = cycle_generator(SHAPE, recipe.FILTERS, recipe.RESIDUAL_BLOCKS, seed=0)
        out.append(_load_into(g, path, f"{job.key}/{direction}"))
    return tuple(out)


def load_cogan(variant: str, seed: int = 0, data_dir=None):
    """The stored coupled generator ``z → [x_a, x_b]`` (``"shared"`` or ``"separate"``)."""
    job = find("cogan", variant, seed)
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _load_cogan(job, str(path.resolve()), sha)


@functools.lru_cache(maxsize=8)
def _load_cogan(job: Job, path: str, sha256: str):
    del sha256
    from course_utils.models.coupled import coupled_generator

    g = coupled_generator(recipe.LATENT_DIM, SHAPE, share=COGAN_VARIANTS[job.variant], seed=0)
    return _load_into(g, path, job.key)


def generator_weights(run_model, kind: str) -> dict:
    """``{suffix: float16 array}`` of a trained model's generators, as the file stores them."""
    if kind == "cycle":
        return {f"{d}/w{i:03d}": w.astype(np.float16)
                for d, g in (("ab", run_model.generator_ab), ("ba", run_model.generator_ba))
                for i, w in enumerate(g.get_weights())}
    return {f"w{i:03d}": w.astype(np.float16)
            for i, w in enumerate(run_model.generator.get_weights())}


def translate(generator, images, batch_size=250) -> np.ndarray:
    """``generator(images)`` in inference mode, float32 ``(n, h, w, 1)`` in [-1, 1]."""
    import keras

    images = np.asarray(images, np.float32)
    out = [keras.ops.convert_to_numpy(generator(images[i:i + batch_size], training=False))
           for i in range(0, len(images), batch_size)]
    return np.clip(np.concatenate(out), -1.0, 1.0)


def cogan_pairs(generator, n: int = 1000, seed: int = 0):
    """``(x_a, x_b)`` from ``n`` shared latent vectors N(0, 1) (NumPy, ``seed``)."""
    import keras

    z = np.random.default_rng(seed).normal(size=(n, generator.input_shape[-1])).astype(np.float32)
    xa, xb = generator(z, training=False)
    return (np.clip(keras.ops.convert_to_numpy(xa), -1, 1),
            np.clip(keras.ops.convert_to_numpy(xb), -1, 1))


__all__ = ["COGAN_SEEDS", "COGAN_VARIANTS", "FILE", "JOBS", "SEEDS", "Job", "cogan_pairs", "find",
           "generator_weights", "load_cogan", "load_cycle", "task_data", "translate"]
