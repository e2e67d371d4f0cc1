"""Lesson 10's super-resolution study: 4× upscaling with a pixel loss alone and with pixel +
adversarial loss (SRGAN, Ledig et al. 2017, arXiv 1609.04802), beside bicubic
interpolation and trivial baselines — the perception–distortion trade-off (Blau & Michaeli
2018, arXiv 1711.06077).

* **Players**: :func:`course_utils.models.srresnet.srresnet_generator` (input: the bicubic
  enlargement; output: input + a predicted residual, starting as the identity) and lesson
  10's conditional PatchGAN (:func:`course_utils.models.patchgan.patchgan_discriminator`).
* **Trainer**: :class:`course_utils.training.paired.Pix2Pix`, G's loss
  ``w_adv · L_cGAN + λ · L1`` with λ = 100; ``w_adv = 0`` is the pixel loss alone (D still
  trains, its opinion unused), :data:`VARIANTS` lists the adversarial weights.
* **Stored runs**: ``scripts/pretrain_super_resolution.py`` trains :data:`JOBS` and keeps
  the generators' weights (float16) in ``data/super_resolution_generators.npz`` under
  ``"<task>/<variant>/seed<s>/w<i>"``.

Images are float32 ``(n, h, w, 1)`` in [-1, 1]. Defined in lesson 10.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import keras
import numpy as np

from course_utils.data import domains, make_dataset
from course_utils.data.images import verified_path
from course_utils.lessons.l10_image_to_image import pretrained, recipe, study
from course_utils.pretrained import set_bundled_weights

FILE = "super_resolution_generators.npz"
FILTERS = 16  # channels of every hidden convolution of the residual generator
RESIDUAL_BLOCKS = 3
LEARNING_RATE = 1e-3  # Adam, β₁ = 0.5, both players (the lesson's recipe)
BATCH = 32
PRETRAIN_EPOCHS = 2  # of every stored run: 250 rounds on the 4,000 training pairs
SEEDS = (0, 1, 2)
TASKS = {"digits": "low_to_high"}


@dataclass(frozen=True)
class Variant:
    """G's loss ``adversarial_weight · L_cGAN + L1_WEIGHT · L1``."""

    adversarial_weight: float
    en: str
    zh: str


VARIANTS = {
    "pixel": Variant(0.0, "pixel loss (L1) alone", "只用像素损失（L1）"),
    "adv3": Variant(3.0, "L1 + adversarial, weight 3", "L1 + 对抗，权重 3"),
    "adv10": Variant(10.0, "L1 + adversarial, weight 10", "L1 + 对抗，权重 10"),
}
JOBS = tuple(f"{task}/{variant}/seed{seed}" for task in TASKS for seed in SEEDS
             for variant in VARIANTS)

BASELINE_NAMES = {
    "nearest": ("nearest (block-replicated 7 × 7 input)", "最近邻（复制 7 × 7 输入的像素块）"),
    "bicubic": ("bicubic (G's input)", "双三次插值（G 的输入）"),
    "blur": ("real, blurred σ=1", "真实图像模糊 σ=1"),
    "real": ("real high-resolution image", "真实的高分辨率图像"),
}


def _check_variant(variant: str) -> Variant:
    if variant not in VARIANTS:
        raise ValueError(f"Unknown super-resolution variant {variant!r}: expected one of "
                         f"{', '.join(VARIANTS)}.")
    return VARIANTS[variant]


def task_data(task: str, split: str) -> domains.PairedData:
    """``(bicubic enlargement of the 4× shrunk image, original)`` pairs of ``task``
    (``"digits"``: 28 × 28 MNIST digits, 7 × 7 when shrunk); ``split`` train or test."""
    if task not in TASKS:
        raise ValueError(f"Unknown task {task!r}: expected one of {', '.join(TASKS)}.")
    return domains.paired_task(TASKS[task], split)


def build(variant: str, image_shape=(28, 28, 1), seed: int = 0):
    """An untrained, compiled :class:`~course_utils.training.paired.Pix2Pix` with the
    residual generator and a conditional 22 × 22 PatchGAN."""
    from course_utils.models.patchgan import patchgan_discriminator
    from course_utils.models.srresnet import srresnet_generator
    from course_utils.training.paired import Pix2Pix

    spec = _check_variant(variant)
    image_shape = tuple(image_shape)
    g = srresnet_generator(image_shape, FILTERS, RESIDUAL_BLOCKS, seed=seed)
    d = patchgan_discriminator(image_shape, image_shape, receptive_field=recipe.RECEPTIVE_FIELD,
                               seed=seed + 1)
    model = Pix2Pix(g, d, seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(LEARNING_RATE, beta_1=0.5),
                  l1_weight=recipe.L1_WEIGHT, adversarial_weight=spec.adversarial_weight)
    return model


def train(variant: str, data, epochs: int = PRETRAIN_EPOCHS, seed: int = 0,
          n: int | None = None) -> recipe.Run:
    """Train :func:`build` on the pairs ``data`` (the first ``n`` only, if given)."""
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
        raise ValueError(f"epochs must be an int ≥ 1, got {epochs!r}.")
    source, target = (data.source, data.target) if n is None else (data.source[:n],
                                                                    data.target[:n])
    if len(source) < BATCH:
        raise ValueError(f"need at least {BATCH} training pairs (one batch), got {len(source)}.")
    model = build(variant, source.shape[1:], seed)
    ds = make_dataset(source, target, batch_size=BATCH, seed=seed)
    start = time.process_time()
    history = model.fit(ds, epochs=epochs, verbose=0)
    return recipe.Run(model, history.history, time.process_time() - start)


# ------------------------------------------------------------------ stored runs
def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_super_resolution.py` (about 8 minutes "
            f"of CPU), or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def load_generator(task: str = "digits", variant: str = "pixel", seed: int = 0,
                   data_dir=None):
    """The stored generator of that run (a ``keras.Model``), file checked by ``SHA256SUMS``."""
    _check_variant(variant)
    key = f"{task}/{variant}/seed{seed}"
    if key not in JOBS:
        raise ValueError(f"No stored super-resolution generator {key}; stored: tasks "
                         f"{', '.join(TASKS)}, variants {', '.join(VARIANTS)}, seeds {SEEDS}.")
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _load(key, str(path.resolve()), sha)


@functools.lru_cache(maxsize=16)
def _load(key: str, path: str, sha256: str):
    del sha256  # part of the cache key only
    from course_utils.models.srresnet import srresnet_generator

    model = srresnet_generator((28, 28, 1), FILTERS, RESIDUAL_BLOCKS, seed=0)
    with np.load(path, allow_pickle=False) as f:
        return set_bundled_weights(model, f, key + "/", path, _advice())


# ------------------------------------------------------------------ baselines and table
def nearest(target, factor: int = domains.FACTOR) -> np.ndarray:
    """Nearest-neighbour enlargement of the shrunk image: every pixel of the
    ``factor``× smaller image (block means) repeated as a ``factor × factor`` block."""
    small = domains.shrink(target, factor)
    return np.repeat(np.repeat(small, factor, axis=1), factor, axis=2).astype(np.float32)


def baselines(test) -> dict:
    """``{name: outputs}`` of the trivial upscalers on the test pairs: nearest, bicubic (the
    generator's input), and two that *see the answer*: the real image and the real image
    blurred (σ = 1 px)."""
    from course_utils.lessons.l10_image_to_image import measures

    return {"nearest": nearest(test.target), "bicubic": np.asarray(test.source, np.float32),
            "blur": measures.blur(test.target, 1.0), "real": np.asarray(test.target, np.float32)}


def stored_rows(test, reference, classifier=None, task: str = "digits", seeds=SEEDS) -> dict:
    """``{variant: {"median": {metric: value}, "seeds": {seed: {metric: value}}}}`` of the
    stored generators on ``test`` (:func:`~.study.measure`: L1, PSNR, spectrum distance to
    ``reference``, input dependence, classifier accuracy)."""
    out = {}
    for variant in VARIANTS:
        per_seed = {s: study.measure(pretrained.translate(load_generator(task, variant, s),
                                                          test.source), test, reference,
                                     classifier) for s in seeds}
        keys = per_seed[seeds[0]]
        out[variant] = {"median": {k: float(np.median([r[k] for r in per_seed.values()]))
                                   for k in keys}, "seeds": per_seed}
    return out


__all__ = ["BASELINE_NAMES", "BATCH", "FILE", "FILTERS", "JOBS", "LEARNING_RATE",
           "PRETRAIN_EPOCHS", "RESIDUAL_BLOCKS", "SEEDS", "TASKS", "VARIANTS", "Variant",
           "baselines", "build", "load_generator", "nearest", "stored_rows", "task_data",
           "train"]
