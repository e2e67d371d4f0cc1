"""Small players of CycleGAN (Zhu et al. 2017, arXiv 1703.10593), sized for a CPU.

* :func:`cycle_generator` — the paper's shape at toy scale: a stride-1 stem, one stride-2
  down-sampling convolution, residual blocks at the reduced size, one stride-2 transposed
  convolution back up, a ``tanh`` output. Instance normalisation (the paper's choice) and
  **LeakyReLU** (0.2): with plain ReLU a generator was seen to stay stuck on an all-black
  output for some seeds. No skip connection from input to output: the image must go
  through the bottleneck, as in the paper's ResNet generator.
* :func:`cycle_discriminator` — a small PatchGAN (no normalisation, LeakyReLU 0.2) giving a
  grid of raw scores ``(batch, h/4, w/4, 1)``: the least-squares loss reads them directly.

Images are float32 ``(batch, h, w, c)`` in [-1, 1]; ``h`` and ``w`` must be even (the
discriminator halves them twice: multiples of 4). Defined in lesson 11.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape


def _image_shape(input_shape, multiple: int) -> tuple:
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    if input_shape[0] % multiple or input_shape[1] % multiple:
        raise ValueError(f"image size {input_shape[0]} × {input_shape[1]} must be a multiple "
                         f"of {multiple}.")
    return input_shape


def _instance_norm(channels: int, name: str):
    """Instance normalisation: one group per channel, statistics over (h, w) per image."""
    return layers.GroupNormalization(groups=channels, epsilon=1e-5, name=name)


def cycle_generator(input_shape=(28, 28, 1), filters: int = 16, residual_blocks: int = 2,
                    name="cycle_generator", seed=None) -> keras.Model:
    """Image ``(batch, h, w, c)`` in [-1, 1] → image of the same shape in (-1, 1).

    Args:
        input_shape: ``(h, w, c)`` with even ``h``, ``w``.
        filters: channels of the stem; the reduced size has ``2 · filters``.
        residual_blocks: residual blocks ``x + conv(conv(x))`` at half size (0 = none).
        seed: initial weights N(0, 0.02) from this seed (``None``: Keras's global seed).
    """
    shape = _image_shape(input_shape, 2)
    check_positive_int("filters", filters)
    if not isinstance(residual_blocks, int) or isinstance(residual_blocks, bool) \
            or residual_blocks < 0:
        raise ValueError(f"residual_blocks must be an int ≥ 0, got {residual_blocks!r}.")
    init = Seeds(seed)
    x = keras.Input(shape, name="image")
    h = layers.Conv2D(filters, 5, padding="same", kernel_initializer=init.normal(),
                      name="stem")(x)
    h = layers.LeakyReLU(0.2)(_instance_norm(filters, "stem_norm")(h))
    h = layers.Conv2D(2 * filters, 3, strides=2, padding="same",
                      kernel_initializer=init.normal(), name="down")(h)  # h/2 × w/2
    h = layers.LeakyReLU(0.2)(_instance_norm(2 * filters, "down_norm")(h))
    for i in range(residual_blocks):  # x + Conv–IN–LReLU–Conv–IN(x)
        r = layers.Conv2D(2 * filters, 3, padding="same", kernel_initializer=init.normal(),
                          name=f"res{i}_a")(h)
        r = layers.LeakyReLU(0.2)(_instance_norm(2 * filters, f"res{i}_a_norm")(r))
        r = layers.Conv2D(2 * filters, 3, padding="same", kernel_initializer=init.normal(),
                          name=f"res{i}_b")(r)
        h = layers.Add(name=f"res{i}")([h, _instance_norm(2 * filters, f"res{i}_b_norm")(r)])
    h = layers.Conv2DTranspose(filters, 3, strides=2, padding="same",
                               kernel_initializer=init.normal(), name="up")(h)  # h × w
    h = layers.LeakyReLU(0.2)(_instance_norm(filters, "up_norm")(h))
    out = layers.Conv2D(shape[2], 5, padding="same", activation="tanh",
                        kernel_initializer=init.normal(), name="output")(h)
    return keras.Model(x, out, name=name)


def cycle_discriminator(input_shape=(28, 28, 1), filters: int = 16,
                        name="cycle_discriminator", seed=None) -> keras.Model:
    """Image ``(batch, h, w, c)`` → patch scores ``(batch, h/4, w/4, 1)`` (raw, no sigmoid).

    Two 4 × 4 stride-2 convolutions (``filters``, ``2 · filters``, LeakyReLU 0.2) and a
    3 × 3 output convolution: each score sees an 18 × 18 window of the input.
    """
    shape = _image_shape(input_shape, 4)
    check_positive_int("filters", filters)
    init = Seeds(seed)
    x = keras.Input(shape, name="image")
    h = layers.Conv2D(filters, 4, strides=2, padding="same", kernel_initializer=init.normal(),
                      name="conv0")(x)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Conv2D(2 * filters, 4, strides=2, padding="same",
                      kernel_initializer=init.normal(), name="conv1")(h)
    h = layers.LeakyReLU(0.2)(h)
    out = layers.Conv2D(1, 3, padding="same", kernel_initializer=init.normal(),
                        name="patch_scores")(h)
    return keras.Model(x, out, name=name)


__all__ = ["cycle_discriminator", "cycle_generator"]
