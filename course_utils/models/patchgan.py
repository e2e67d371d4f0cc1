"""PatchGAN discriminator of pix2pix (Isola et al. 2016, arXiv 1611.07004, §3.2.2).

Instead of one logit per image, a fully convolutional D gives one logit per **patch**:
``(batch, h', w', 1)``. Each logit sees only its receptive field — the input pixels that
can influence it — so D judges local texture and sharpness, and leaves global structure
to the L1 loss. The receptive field is the design parameter (the paper's Table 2: 1 × 1
"PixelGAN", 16 × 16, 70 × 70, 286 × 286 "ImageGAN" on 256 × 256 images):

* ``receptive_field=1``: three 1 × 1 convolutions; each logit judges one pixel's value;
* otherwise ``n`` 4 × 4 stride-2 convolutions and a 4 × 4 stride-1 output convolution, with
  receptive field ``r(n) = 6·2**n − 2`` — the values :data:`RECEPTIVE_FIELDS` lists
  (10, 22, 46, 94 for n = 1 … 4). On 28 × 28 digits 46 covers the whole image from every position.

:func:`receptive_field` computes it from a model's layers (or a list of
``(kernel, stride)``): going from the input, each layer adds ``(k − 1)·J`` pixels, where
``J`` is the product of the strides before it. Conditioned on a source image,
``D([x, source])`` concatenates the two along channels first. Defined in lesson 10.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

KERNEL = 4


def _layer_spec(n_down: int) -> list[tuple[int, int]]:
    return [(KERNEL, 2)] * n_down + [(KERNEL, 1)]


def receptive_field(model_or_layers) -> int:
    """Side, in input pixels, of the square that one output of a chain of convolutions sees.

    ``model_or_layers``: a list of ``(kernel, stride)`` pairs (input side first), or a Keras
    model whose ``Conv2D`` / pooling layers form one chain (square kernels; dilation
    counted). ``r = 1 + Σ_l (k_l − 1) · Π_{m<l} s_m``.
    """
    if isinstance(model_or_layers, keras.Model):
        spec = []
        for layer in model_or_layers.layers:
            if isinstance(layer, layers.Conv2D | layers.Conv2DTranspose):
                if isinstance(layer, layers.Conv2DTranspose):
                    raise ValueError("receptive_field follows a chain of convolutions and "
                                     f"poolings; {layer.name} is a transposed convolution.")
                k, s, d = layer.kernel_size[0], layer.strides[0], layer.dilation_rate[0]
                spec.append((d * (k - 1) + 1, s))
            elif isinstance(layer, layers.MaxPooling2D | layers.AveragePooling2D):
                spec.append((layer.pool_size[0], layer.strides[0]))
    else:
        spec = list(model_or_layers)
    r, jump = 1, 1
    for item in spec:
        if not (isinstance(item, tuple | list) and len(item) == 2
                and all(isinstance(v, int) and v > 0 for v in item)):
            raise ValueError(f"each layer must be a (kernel, stride) pair of positive ints, "
                             f"got {item!r}.")
        k, s = item
        r += (k - 1) * jump  # this layer widens the view by k − 1 of its input's pixels ...
        jump *= s  # ... and each of its pixels is s of the previous layer's
    return r


RECEPTIVE_FIELDS = (1,) + tuple(receptive_field(_layer_spec(n)) for n in range(1, 5))


def patchgan_discriminator(input_shape=(28, 28, 1), condition_shape=None,
                           receptive_field: int = 22, filters: int = 32,
                           name="patchgan_discriminator", seed=None) -> keras.Model:
    """PatchGAN: image ``(batch, h, w, c)`` (and a source image) → logits ``(batch, h', w', 1)``.

    Args:
        input_shape: the judged image's ``(h, w, c)``.
        condition_shape: the source image's ``(h, w, c')`` for a conditional D called as
            ``D([x, source])``, or ``None`` for an unconditional D called as ``D(x)``.
        receptive_field: one of :data:`RECEPTIVE_FIELDS`.
        filters: channels of the first layer, doubled at each stride-2 layer (up to 4×).
        seed: initial weights N(0, 0.02) from this seed (``None``: Keras's global seed).
    """
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    check_positive_int("filters", filters)
    if receptive_field not in RECEPTIVE_FIELDS:
        raise ValueError(f"receptive_field must be one of {RECEPTIVE_FIELDS}, got "
                         f"{receptive_field!r}.")
    init = Seeds(seed)
    x = keras.Input(input_shape, name="image")
    inputs, h = [x], x
    if condition_shape is not None:
        condition_shape = check_shape("condition_shape", condition_shape)
        if tuple(condition_shape[:2]) != tuple(input_shape[:2]):
            raise ValueError(f"condition_shape {condition_shape} must have the image's height "
                             f"and width {input_shape[:2]}.")
        source = keras.Input(condition_shape, name="source")
        inputs.append(source)
        h = layers.Concatenate(name="image_and_source")([x, source])
    if receptive_field == 1:  # PixelGAN: every logit sees one pixel (and its source pixel)
        spec = [(1, 1), (1, 1)]
        last = 1
    else:
        spec = _layer_spec(RECEPTIVE_FIELDS.index(receptive_field))[:-1]
        last = KERNEL
    for i, (k, s) in enumerate(spec):
        f = filters * min(2 ** i, 4)
        h = layers.Conv2D(f, k, strides=s, padding="same", use_bias=(i == 0),
                          kernel_initializer=init.normal(), name=f"conv{i}")(h)
        if i > 0:
            h = layers.BatchNormalization(name=f"conv{i}_bn")(h)
        h = layers.LeakyReLU(0.2)(h)
    logits = layers.Conv2D(1, last, padding="same", kernel_initializer=init.normal(),
                           name="patch_logits")(h)
    return keras.Model(inputs if len(inputs) > 1 else x, logits, name=name)


__all__ = ["RECEPTIVE_FIELDS", "patchgan_discriminator", "receptive_field"]
