"""Differentiable augmentation (DiffAugment, Zhao et al. 2020, arXiv 2006.10738).

With very little data the discriminator memorises the training images. DiffAugment applies
the SAME random transformations to real AND generated images before D sees them, in the
D update and in the G update; every transformation is differentiable, so G's gradient
flows back through it. The policies (each one draws its parameters per example):

* ``"color"``: brightness ``x + (u − ½)``, then contrast ``(x − x̄)·(u + ½) + x̄``,
  ``u ~ U(0, 1)`` (images in [-1, 1]);
* ``"translation"``: shift by up to ``ratio`` of the size (default 1/8) in each
  direction, the border filled with zeros;
* ``"cutout"``: zero a square of half the image's side at a random place.

Random state comes from a ``keras.random.SeedGenerator`` (the caller's, or the layer's
own). Defined in lesson 13.
"""

from __future__ import annotations

import keras
import tensorflow as tf

POLICIES = ("color", "translation", "cutout")


def _check_images(x):
    x = tf.convert_to_tensor(x)
    if len(x.shape) != 4:
        raise ValueError(f"DiffAugment needs images (batch, height, width, channels), got shape "
                         f"{tuple(x.shape)}.")
    return x


def color(x, seed_generator):
    """Random brightness then contrast per example (``(batch, h, w, c)`` → same)."""
    n = tf.shape(x)[0]
    x = x + (keras.random.uniform((n, 1, 1, 1), seed=seed_generator) - 0.5)   # brightness
    mean = tf.reduce_mean(x, axis=(1, 2, 3), keepdims=True)
    scale = keras.random.uniform((n, 1, 1, 1), seed=seed_generator) + 0.5      # contrast
    return (x - mean) * scale + mean


def translation(x, seed_generator, ratio=0.125):
    """Shift each image by up to ``round(ratio · size)`` pixels in y and x, zero-filled."""
    h, w = x.shape[1], x.shape[2]
    py, px = int(h * ratio + 0.5), int(w * ratio + 0.5)
    n = tf.shape(x)[0]
    ty = keras.random.randint((n, 1), -py, py + 1, seed=seed_generator)
    tx = keras.random.randint((n, 1), -px, px + 1, seed=seed_generator)
    padded = tf.pad(x, [[0, 0], [py, py], [px, px], [0, 0]])
    rows = tf.range(h)[None, :] + py - ty                                   # (n, h)
    cols = tf.range(w)[None, :] + px - tx                                   # (n, w)
    out = tf.gather(padded, rows, axis=1, batch_dims=1)                     # (n, h, w+2px, c)
    return tf.gather(out, cols, axis=2, batch_dims=1)                       # (n, h, w, c)


def cutout(x, seed_generator, ratio=0.5):
    """Zero a ``ratio``-sized square (per example, random centre) of each image."""
    h, w = x.shape[1], x.shape[2]
    sy, sx = int(h * ratio + 0.5), int(w * ratio + 0.5)
    n = tf.shape(x)[0]
    cy = keras.random.randint((n, 1, 1), 0, h, seed=seed_generator)          # square's centre
    cx = keras.random.randint((n, 1, 1), 0, w, seed=seed_generator)
    dy = tf.range(h)[None, :, None] - cy                                    # (n, h, 1)
    dx = tf.range(w)[None, None, :] - cx                                    # (n, 1, w)
    inside = (dy >= -(sy // 2)) & (dy < sy - sy // 2) & (dx >= -(sx // 2)) & (dx < sx - sx // 2)
    return x * tf.cast(~inside, x.dtype)[..., None]


OPS = {"color": color, "translation": translation, "cutout": cutout}


def diff_augment(x, seed_generator, policy=POLICIES):
    """Apply the ``policy`` ops in order to the images ``x`` ``(batch, h, w, c)``; returns the
    same shape and dtype. Differentiable in ``x``."""
    x = _check_images(x)
    for name in policy:
        if name not in OPS:
            raise ValueError(f"Unknown DiffAugment policy {name!r}: expected some of "
                             f"{', '.join(POLICIES)}.")
        x = OPS[name](x, seed_generator)
    return x


class DiffAugment(keras.layers.Layer):
    """:func:`diff_augment` as a layer: active when ``training=True``, the identity otherwise.
    Put it in front of D (:func:`augmented_discriminator`) so that both the D and the G
    updates of the course's trainers see augmented reals and fakes."""

    def __init__(self, policy=POLICIES, seed=None, **kwargs):
        super().__init__(**kwargs)
        for name in policy:
            if name not in OPS:
                raise ValueError(f"Unknown DiffAugment policy {name!r}: expected some of "
                                 f"{', '.join(POLICIES)}.")
        self.policy = tuple(policy)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, x, training=False):
        return diff_augment(x, self.seed_generator, self.policy) if training else x


def augmented_discriminator(discriminator, policy=POLICIES, seed=None, name=None):
    """``x → D(DiffAugment(x))`` sharing ``discriminator``'s weights (a ``keras.Model``)."""
    x = keras.Input(discriminator.input_shape[1:], name="image")
    out = discriminator(DiffAugment(policy, seed=seed, name="diff_augment")(x))
    return keras.Model(x, out, name=name or f"{discriminator.name}_diffaugment")


__all__ = ["OPS", "POLICIES", "DiffAugment", "augmented_discriminator", "color", "cutout",
           "diff_augment", "translation"]
