"""Residual super-resolution generator (SRResNet / SRGAN's G, Ledig et al. 2017,
arXiv 1609.04802), sized for a CPU.

The input is the low-resolution image already enlarged to the target size by bicubic
interpolation (:func:`course_utils.data.domains.degrade`), so the network only has to
predict the **residual** — the detail bicubic interpolation could not recover:

    G(x) = x + r(x),   r = Conv₃ₓ₃ ∘ (h₀ + Conv₃ₓ₃ ∘ B_n ∘ … ∘ B_1)(h₀),   h₀ = act(Conv₃ₓ₃ x)

with residual blocks ``B(h) = h + Conv(act(Conv(h)))`` (batch norm after each convolution
if asked; EDSR, Lim et al. 2017, arXiv 1707.02921, drops it for super-resolution), a long
skip over the blocks, and a **linear** output convolution. With that last convolution
initialised to zero (the default) the untrained generator is exactly the identity on its
bicubic input: training with a pixel loss starts *at* bicubic and can only move away from
it where that lowers the loss. Unlike the paper's G, there is no upsampling inside the
network (the bicubic input is already full size). Defined in lesson 10.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape


def srresnet_generator(input_shape=(28, 28, 1), filters: int = 32, residual_blocks: int = 4,
                       batch_norm: bool = False, zero_init_output: bool = True,
                       name="srresnet_generator", seed=None) -> keras.Model:
    """Residual generator: bicubic-enlarged image ``(batch, h, w, c)`` in [-1, 1] → image
    ``(batch, h, w, c)`` (linear output: clip for display and measures).

    Args:
        input_shape: ``(h, w, c)`` of the (already enlarged) input; any size (fully
            convolutional, "same" padding).
        filters: channels of every hidden convolution.
        residual_blocks: how many ``h + Conv(LeakyReLU(Conv(h)))`` blocks (≥ 1).
        batch_norm: batch norm after each convolution inside the blocks.
        zero_init_output: start the output convolution at zero, so ``G(x) = x`` untrained.
        seed: initial weights from this seed (``None``: Keras's global seed).
    """
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), e.g. (28, 28, 1); "
                         f"got {input_shape!r}.")
    check_positive_int("filters", filters)
    check_positive_int("residual_blocks", residual_blocks)
    for flag, value in (("batch_norm", batch_norm), ("zero_init_output", zero_init_output)):
        if not isinstance(value, bool):
            raise ValueError(f"{flag} must be True or False, got {value!r}.")
    init = Seeds(seed)

    def conv(h, n, label, bias=True):
        return layers.Conv2D(n, 3, padding="same", use_bias=bias,
                             kernel_initializer=init.glorot(), name=label)(h)

    x = keras.Input(input_shape, name="bicubic")
    h0 = layers.LeakyReLU(0.2, name="head_act")(conv(x, filters, "head"))
    h = h0
    for b in range(residual_blocks):  # B(h) = h + Conv(act(Conv(h)))
        r = conv(h, filters, f"block{b}_conv0", bias=not batch_norm)
        if batch_norm:
            r = layers.BatchNormalization(name=f"block{b}_bn0")(r)
        r = layers.LeakyReLU(0.2, name=f"block{b}_act")(r)
        r = conv(r, filters, f"block{b}_conv1", bias=not batch_norm)
        if batch_norm:
            r = layers.BatchNormalization(name=f"block{b}_bn1")(r)
        h = layers.Add(name=f"block{b}_skip")([h, r])
    h = layers.Add(name="long_skip")([h0, conv(h, filters, "body_out")])
    zero = keras.initializers.Zeros()
    residual = layers.Conv2D(input_shape[-1], 3, padding="same",
                             kernel_initializer=zero if zero_init_output else init.glorot(),
                             bias_initializer="zeros", name="residual")(h)  # linear
    out = layers.Add(name="output")([x, residual])  # G(x) = x + r(x): the global skip
    return keras.Model(x, out, name=name)


__all__ = ["srresnet_generator"]
