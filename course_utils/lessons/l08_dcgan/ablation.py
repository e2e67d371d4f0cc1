"""Lesson 08's batch-norm ablation: batch norm removed from one player at a time, the
per-layer activation statistics that say why a run did or did not learn, and a verdict that
tells "did not train" from "collapsed" from "trained". Defined in lesson 08.

A generator that never trained (its signal died on the way to the output, so every z gives
the same mid-grey image) is **not** mode collapse; mode collapse is a generator that learned
to make data-like samples, but too few kinds of them. The Fréchet distance alone cannot tell
them apart (real digits of one class are as far from all real digits as a poor generator), so
:func:`diagnose` reads two axes, quality and variety:

* **did not train**: its Fréchet distance to real data is less than :data:`TRAINED_CUT` times
  below the untrained generator's **and** fewer than :data:`PRECISION_MIN` of its samples lie
  among real ones (improved precision, Kynkäänniemi et al. 2019, on the course classifier's
  features). The untrained generator is the trivial baseline that must get this verdict;
* **collapsed**: it did train, but its samples spread less than :data:`SPREAD_MIN` times as
  much as real data (mean pairwise pixel distance), or fewer than :data:`CLASSES_MIN` classes
  hold over 1 % of them (real digits of one class collapse by this rule);
* **trained**: it trained and did not collapse.
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers

from course_utils.metrics.checks import finite_array

VARIANTS = {
    "full": ("full recipe", "完整配方", {"g_batch_norm": True, "d_batch_norm": True}),
    "no_bn_in_g": ("no batch norm in G", "生成器无批归一化",
                   {"g_batch_norm": False, "d_batch_norm": True}),
    "no_bn_in_d": ("no batch norm in D", "判别器无批归一化",
                   {"g_batch_norm": True, "d_batch_norm": False}),
}
"""The ablation's runs: ``key: (name_en, name_zh, keyword arguments of recipe.make_gan)``;
each removes batch norm from one player only, so a change is that player's."""

TRAINED_CUT = 4.0
"""Trained if the Fréchet distance is at least this many times below the untrained
generator's (or if :data:`PRECISION_MIN` of the samples lie among real ones)."""
PRECISION_MIN = 0.7
"""Trained if at least this share of the samples lies among real ones (improved precision)."""
SPREAD_MIN = 0.5
"""Collapsed: the samples' mean pairwise distance below this share of real data's."""
CLASSES_MIN = 6
"""Collapsed: fewer than this many classes hold over 1 % of the samples."""

VERDICTS = {
    "trained": ("trained", "训练成功"),
    "collapsed": ("collapsed (mode collapse)", "模式崩溃"),
    "did_not_train": ("did not train", "没有训练起来"),
}
"""The three verdicts of :func:`diagnose`, ``key: (en, zh)``."""


def diagnose(distance, untrained_distance, precision, spread_ratio, classes_over_1pct) -> str:
    """One of the keys of :data:`VERDICTS` for a sampler.

    Args:
        distance: its Fréchet distance to real data (course classifier), > 0.
        untrained_distance: the untrained generator's distance on the same real set, > 0.
        precision: share of its samples inside the k-NN balls of real samples, in [0, 1]
            (``course_utils.metrics.precision_recall``).
        spread_ratio: :func:`spread` of its samples divided by that of real data, >= 0.
        classes_over_1pct: number of classes holding over 1 % of its samples (0–10).
    """
    for name, value in (("distance", distance), ("untrained_distance", untrained_distance)):
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a finite positive number, got {value!r}.")
    if not 0.0 <= precision <= 1.0:
        raise ValueError(f"precision must be in [0, 1], got {precision!r}.")
    if not np.isfinite(spread_ratio) or spread_ratio < 0:
        raise ValueError(f"spread_ratio must be a finite number >= 0, got {spread_ratio!r}.")
    if untrained_distance / distance < TRAINED_CUT and precision < PRECISION_MIN:
        return "did_not_train"
    if spread_ratio < SPREAD_MIN or classes_over_1pct < CLASSES_MIN:
        return "collapsed"
    return "trained"


def spread(images, n=300) -> float:
    """Mean Euclidean distance between two different images among the first ``n`` of
    ``images`` ``(N, 28, 28, 1)`` in [-1, 1] (pixel space): 0 when every image is the same."""
    x = finite_array("images", images)
    if x.ndim < 2 or len(x) < 2:
        raise ValueError(f"images must be (N, …) with N >= 2, got {x.shape}.")
    a = x[:n].reshape(min(n, len(x)), -1).astype(np.float64)
    sq = (a * a).sum(1)
    d = np.sqrt(np.clip(sq[:, None] + sq[None, :] - 2.0 * a @ a.T, 0.0, None))
    return float(d[np.triu_indices(len(a), 1)].mean())


def _block_layers(model):
    """The layers whose outputs :func:`activation_stds` reads: each hidden non-linearity
    and the model's last layer."""
    if not isinstance(model, keras.Model):
        raise ValueError(f"Expected a keras.Model, got {type(model).__name__}.")
    body = [lay for lay in model.layers if not isinstance(lay, layers.InputLayer)]
    picked = [lay for lay in body[:-1] if isinstance(lay, layers.ReLU | layers.LeakyReLU)]
    return [*picked, body[-1]]


def activation_stds(model, inputs) -> dict[str, float]:
    """Standard deviation of the output of each block of ``model`` on ``inputs`` (over the
    batch and every unit), ``{label: std}``, in the order of the layers.

    A block's output is that of each hidden non-linearity (ReLU / LeakyReLU) and of the last
    layer; its label is the output's shape without the batch, e.g. ``"7×7×32"``, and
    ``"output"`` for the last. Batch norm uses the batch's statistics (``training=True``),
    as in a training step. A signal that dies on the way (std falling layer after layer)
    shows here before any training.
    """
    picked = _block_layers(model)
    probe = keras.Model(model.input, [lay.output for lay in picked])
    values = probe(inputs, training=True)
    values = values if isinstance(values, list | tuple) else [values]
    out = {}
    for i, (lay, v) in enumerate(zip(picked, values, strict=True)):
        key = "output" if i == len(picked) - 1 else "×".join(str(s) for s in lay.output.shape[1:])
        out[key] = float(np.std(np.asarray(v, dtype=np.float64)))
    return out
