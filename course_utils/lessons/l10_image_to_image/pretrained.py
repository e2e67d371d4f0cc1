"""The stored translators of lesson 10 (``data/image_to_image_generators.npz``, checked
against ``SHA256SUMS``).

``scripts/pretrain_image_to_image.py`` trains every run of :data:`JOBS` with
:mod:`.recipe`'s full-mode settings and stores the generators' weights (float16; D is not
kept) under keys ``"<task>/<variant>/rf<r>/<activation>/seed<s>/w<i>"``. Defined in lesson 10.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from course_utils.data import domains
from course_utils.data.images import verified_path
from course_utils.lessons.l10_image_to_image import recipe
from course_utils.pretrained import set_bundled_weights

FILE = "image_to_image_generators.npz"
SEEDS = (0, 1)  # the ablation's seeds; the other comparisons use the first
TASKS = {"edges": "edges_to_digit", "masked": "masked_to_whole"}
INPAINTING_SEEDS = (0, 1, 2)  # reconstruction alone vs reconstruction + adversarial


@dataclass(frozen=True)
class Job:
    """One stored run."""

    task: str  # a key of TASKS
    variant: str  # a key of recipe.VARIANTS
    receptive_field: int
    activation: str
    seed: int

    @property
    def key(self) -> str:
        return (f"{self.task}/{self.variant}/rf{self.receptive_field}/{self.activation}/"
                f"seed{self.seed}")

    def variant_spec(self) -> recipe.Variant:
        return recipe.VARIANTS[self.variant]


RF = recipe.RECEPTIVE_FIELD
JOBS = (
    [Job("edges", v, RF, "tanh", s) for v in recipe.VARIANTS for s in SEEDS]
    + [Job("edges", "l1", RF, "linear", SEEDS[0])]
    + [Job("edges", "l1_cgan", r, "tanh", SEEDS[0]) for r in (1, 46)]
    + [Job("masked", v, RF, "tanh", s) for v in ("l1", "l1_gan") for s in INPAINTING_SEEDS]
)


def task_data(task: str, split: str) -> domains.PairedData:
    """The pairs of a stored task (``"edges"``: outline → digit; ``"masked"``: centre greyed
    out → digit); ``split`` ``"train"`` or ``"test"``."""
    if task not in TASKS:
        raise ValueError(f"Unknown task {task!r}: expected one of {', '.join(TASKS)}.")
    return domains.paired_task(TASKS[task], split)


def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_image_to_image.py` (about 6 minutes of "
            f"CPU), or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def find(task: str, variant: str, receptive_field: int = RF, activation: str = "tanh",
         seed: int = 0) -> Job:
    """The stored :class:`Job` with these settings (a clear error if none was stored)."""
    job = Job(task, variant, receptive_field, activation, seed)
    if job not in JOBS:
        raise ValueError(f"No stored generator {job.key}; stored: "
                         f"{', '.join(sorted({j.key.rsplit('/', 1)[0] for j in JOBS}))} "
                         f"for seeds {SEEDS}.")
    return job


def load_generator(task: str, variant: str, receptive_field: int = RF,
                   activation: str = "tanh", seed: int = 0, data_dir=None):
    """The stored generator of that run (a ``keras.Model``), file checked by ``SHA256SUMS``."""
    job = find(task, variant, receptive_field, activation, seed)
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _load(job, str(path.resolve()), sha)


@functools.lru_cache(maxsize=64)
def _load(job: Job, path: str, sha256: str):
    del sha256  # part of the cache key only
    from course_utils.models.unet import unet_generator

    shape = (28, 28, 1) if job.task in TASKS else (domains.PATCH, domains.PATCH, 1)
    model = unet_generator(shape, recipe.filters_for(shape), output_activation=job.activation,
                           seed=0)
    with np.load(path, allow_pickle=False) as f:
        return set_bundled_weights(model, f, job.key + "/", path, _advice())


def translate(generator, source, batch_size=250) -> np.ndarray:
    """``generator(source)`` in inference mode, clipped to [-1, 1] (a linear output layer
    can leave the range), float32 ``(n, h, w, 1)``."""
    import keras

    source = np.asarray(source, np.float32)
    out = [keras.ops.convert_to_numpy(generator(source[i:i + batch_size], training=False))
           for i in range(0, len(source), batch_size)]
    return np.clip(np.concatenate(out), -1.0, 1.0)


__all__ = ["FILE", "INPAINTING_SEEDS", "JOBS", "SEEDS", "TASKS", "Job", "find", "load_generator",
           "task_data", "translate"]
