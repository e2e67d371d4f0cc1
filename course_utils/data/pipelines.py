"""``tf.data`` pipelines (imports TensorFlow only when called)."""

from __future__ import annotations

import numpy as np

from course_utils.data._checks import positive_int


def make_dataset(x, y=None, batch_size=64, shuffle=True, seed=0, drop_remainder=True):
    """Wrap arrays in a batched ``tf.data.Dataset``.

    Args:
        x: array of shape ``(N, ...)``; y: optional array ``(N, ...)`` of the same length.
        batch_size: positive int. shuffle: reshuffle every epoch with buffer ``N``.
        seed: the shuffle's operation seed. TensorFlow combines it with its global seed
            (which ``course_utils.setup`` sets from the lesson's SEED), so the same pair
            gives the same sequence of epochs; for an order that depends on ``seed`` alone,
            shuffle in NumPy and pass ``shuffle=False``.
        drop_remainder: drop the last incomplete batch (keeps shapes static).

    Returns:
        A ``tf.data.Dataset`` of ``x`` batches, or ``(x, y)`` batches when ``y`` is
        given, prefetched with ``AUTOTUNE``.
    """
    batch_size = positive_int("batch_size", batch_size)
    x = np.asarray(x)
    if x.ndim == 0:
        raise ValueError("x must be an array with a leading sample axis, got a scalar.")
    n = len(x)
    if y is not None:
        y = np.asarray(y)
        if y.ndim == 0 or len(y) != n:
            ylen = "a scalar" if y.ndim == 0 else len(y)
            raise ValueError(f"x and y must have the same length, got len(x)={n}, len(y)={ylen}.")
    if drop_remainder and n < batch_size:
        raise ValueError(
            f"batch_size={batch_size} is larger than the {n} samples: with "
            "drop_remainder=True the dataset would be empty."
        )
    import tensorflow as tf

    ds = tf.data.Dataset.from_tensor_slices(x if y is None else (x, y))
    if shuffle:
        ds = ds.shuffle(n, seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size, drop_remainder=drop_remainder).prefetch(tf.data.AUTOTUNE)
