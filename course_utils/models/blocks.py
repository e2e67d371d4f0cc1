"""Layers that GAN variants add to a discriminator.

* :class:`MinibatchStdDev` (Karras et al. 2017, arXiv 1710.10196, §3): appends the
  average standard deviation of the features over the batch, so D can see a batch
  with too little variety — a remedy for mode collapse.
* :class:`Pack` / :func:`packed_discriminator` (PacGAN, Lin et al. 2017,
  arXiv 1712.04086): D judges ``m`` samples at once, so a collapsed generator's
  look-alike packs are easy to spot.

Defined in lesson 06; the progressive-growing lesson reuses the minibatch std layer.
"""

from __future__ import annotations

import keras
from keras import layers, ops

from course_utils.models._common import check_positive_int, check_shape


class MinibatchStdDev(layers.Layer):
    """``(batch, …, c)`` → ``(batch, …, c + 1)``: one extra feature, the same for every
    example: the mean over features of the standard deviation over the batch (per
    group of ``group_size`` examples; ``None`` = the whole batch)."""

    def __init__(self, group_size=None, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        if group_size is not None:
            check_positive_int("group_size", group_size)
        self.group_size, self.epsilon = group_size, float(epsilon)

    def call(self, x):
        shape = ops.shape(x)
        group = shape[0] if self.group_size is None else self.group_size
        grouped = ops.reshape(x, (group, -1, *shape[1:]))  # (group, batch/group, …)
        std = ops.sqrt(ops.var(grouped, axis=0) + self.epsilon)  # over the group
        stat = ops.mean(std, axis=tuple(range(1, len(x.shape))), keepdims=True)
        stat = ops.tile(stat, (group, *([1] * (len(x.shape) - 1))))  # one per example
        stat = ops.broadcast_to(stat, (*shape[:-1], 1))
        return ops.concatenate([x, ops.cast(stat, x.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], None if input_shape[-1] is None else input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size, "epsilon": self.epsilon}


class Pack(layers.Layer):
    """``(batch, *shape)`` → ``(batch / m, m · prod(shape))``: consecutive examples side by
    side. The batch size must be a multiple of ``m``."""

    def __init__(self, m, **kwargs):
        super().__init__(**kwargs)
        self.m = check_positive_int("m", m)

    def call(self, x):
        size = 1
        for s in x.shape[1:]:  # static: known when the model is built, also in a graph
            size *= int(s)
        batch = x.shape[0]
        if batch is not None and batch % self.m:  # known here (eagerly): say it plainly
            raise ValueError(f"Pack(m={self.m}) needs a batch size that is a multiple of "
                             f"{self.m}, got {batch}.")
        return ops.reshape(x, (-1, self.m * size))

    def compute_output_shape(self, input_shape):
        size = 1
        for s in input_shape[1:]:
            size *= s
        return (None, self.m * size)

    def get_config(self):
        return {**super().get_config(), "m": self.m}


def packed_discriminator(discriminator: keras.Model, m: int, input_shape,
                         name="packed_discriminator") -> keras.Model:
    """Wrap a discriminator built for inputs of shape ``(m · prod(input_shape),)`` so it
    takes a batch of single samples ``(batch, *input_shape)`` and returns one logit per
    pack of ``m``: ``(batch / m, 1)``. The losses average over packs, as in PacGAN."""
    input_shape = check_shape("input_shape", input_shape)
    x = keras.Input(input_shape, name="x")
    return keras.Model(x, discriminator(Pack(m, name="pack")(x)), name=name)
