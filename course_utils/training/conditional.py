"""``ConditionalGAN``: both players see the label (Mirza & Osindero 2014, arXiv 1411.1784).

``G([z, y])`` draws a sample of class ``y``; ``D([x, y])`` judges whether ``x`` is a real
sample *of class y*. Labels are integers ``(batch,)``. ``fit((x, y))`` or a dataset of
``(x, y)`` pairs; ``generate(n, labels=…)``. Builders: :mod:`course_utils.models.conditional`.
Defined in lesson 09.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.training.base import split_groups
from course_utils.training.gan import GAN


class ConditionalGAN(GAN):
    """A :class:`GAN` whose generator and discriminator both take the label.

    Args:
        generator: ``keras.Model`` ``[z (batch, latent_dim), y (batch,)] -> samples``.
        discriminator: ``keras.Model`` ``[x, y (batch,)] -> logits``.
        num_classes: how many labels there are (labels are ``0 … num_classes - 1``).
        matching_aware: D also learns to call a real image with a *wrong* condition fake
            (GAN-CLS, Reed et al. 2016): each real batch's conditions rolled by one place.
        Other arguments as :class:`GAN`. Fake labels in training are the real batch's
        labels, so G and D see the data's class frequencies.
    """

    def __init__(self, generator, discriminator, num_classes, latent_dim=None,
                 matching_aware=False, **kwargs):
        super().__init__(generator, discriminator, latent_dim=latent_dim, **kwargs)
        if not isinstance(num_classes, int) or num_classes < 2:
            raise ValueError(f"num_classes must be an int ≥ 2, got {num_classes!r}.")
        if not isinstance(matching_aware, bool):
            raise ValueError(f"matching_aware must be True or False, got {matching_aware!r}.")
        self.num_classes = num_classes
        self.matching_aware = matching_aware

    def call(self, inputs, training=False):
        """Generate from ``[z, labels]``."""
        return self.generator(inputs, training=training)

    def _check_labels(self, n, labels):
        if labels is None:
            labels = np.arange(n) % self.num_classes
        labels = np.asarray(labels)
        if labels.shape != (n,) or not np.issubdtype(labels.dtype, np.integer):
            raise ValueError(f"labels must be {n} integers, shape ({n},); got shape "
                             f"{labels.shape} of {labels.dtype}.")
        if labels.min() < 0 or labels.max() >= self.num_classes:
            raise ValueError(f"labels must lie in 0 … {self.num_classes - 1}, got "
                             f"{labels.min()} … {labels.max()}.")
        return tf.constant(labels.astype("int32"))

    def generate(self, n, z=None, labels=None, batch_size=256) -> np.ndarray:
        """``n`` samples ``(n, …)`` of the given integer ``labels`` ``(n,)`` (default:
        ``0, 1, …, num_classes − 1, 0, 1, …``); ``z`` ``(n, latent_dim)`` for fixed noise."""
        return self._in_batches(self.generator,
                                [self._check_z(n, z), self._check_labels(n, labels)],
                                batch_size)

    condition_name = "labels"

    def condition_of(self, y):
        """The condition both players see, from the data's second part: integer labels
        ``(batch,)``. :class:`TextConditionalGAN` reads captions instead."""
        return tf.reshape(tf.cast(y, tf.int32), [-1])

    def round_inputs(self, data):
        """Real batches and their conditions; fake samples get the real batch's conditions
        (one batch, or a list of ``d_steps`` batches)."""
        k = self.rules.d_steps
        if k > 1:
            data = split_groups(data, k)  # a tuple (reals, labels) of k-lists when paired
            paired = isinstance(data, tuple)
        else:
            paired = isinstance(data, tuple | list) and len(data) >= 2
        if not paired:
            raise ValueError(f"{type(self).__name__}.fit needs (images, {self.condition_name}): "
                             "fit((x, y)) or fit(x, y), or a dataset of (x, y) pairs.")
        real, y = data[0], data[1]
        conditions = [self.condition_of(c) for c in y] if k > 1 else self.condition_of(y)
        condition_list = conditions if k > 1 else [conditions]

        def latent(n, i):  # G draws batch i's conditions (the last batch's for G's step)
            return [self.sample_latent(n), condition_list[min(i, k - 1)]]

        inputs = {"real": real, "latent": latent, "condition": conditions}
        if self.matching_aware:  # the batch's conditions, each moved to its neighbour's image
            inputs["mismatch"] = [tf.roll(c, 1, axis=0) for c in conditions] if k > 1 \
                else tf.roll(conditions, 1, axis=0)
        return inputs


def label_rows(num_classes: int, per_row: int) -> np.ndarray:
    """Labels for a grid with one row per class: ``[0]*per_row + [1]*per_row + …``."""
    return np.repeat(np.arange(num_classes), per_row)


__all__ = ["ConditionalGAN", "label_rows"]
