"""U-Net generator of pix2pix (Isola et al. 2016, arXiv 1611.07004; Ronneberger et al. 2015,
arXiv 1505.04597), sized for a CPU.

An encoder halves the image ``depth`` times with 4 × 4 stride-2 convolutions (batch norm,
LeakyReLU 0.2); a decoder doubles it back with 4 × 4 stride-2 transposed convolutions
(batch norm, dropout in the innermost ``dropout_layers`` blocks, ReLU) and, with
``skips=True``, concatenates the encoder's features of the same size — the "skip
connections" that let low-level detail (where the edges are) bypass the bottleneck.
Dropout is pix2pix's only noise: there is no z. Defined in lesson 10.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

OUTPUT_ACTIVATIONS = ("tanh", "linear")


@keras.saving.register_keras_serializable(package="course_utils")
class SeededDropout(layers.Dropout):
    """``Dropout`` whose random state is saved with the weights (``save_weights``,
    ``BackupAndRestore``), so a resumed run draws the same masks as an uninterrupted one."""

    _KEY = "seed_generator_state"

    def save_own_variables(self, store):
        super().save_own_variables(store)
        if getattr(self, "seed_generator", None) is not None:
            store[self._KEY] = self.seed_generator.state

    def load_own_variables(self, store):
        keys = list(store.keys())
        if self._KEY in keys and getattr(self, "seed_generator", None) is not None:
            self.seed_generator.state.assign(store[self._KEY])
        super().load_own_variables({k: store[k] for k in keys if k != self._KEY})


def unet_generator(input_shape=(28, 28, 1), filters=(32, 64), out_channels: int = 1,
                   dropout: float = 0.5, dropout_layers: int = 1, skips: bool = True,
                   output_activation: str = "tanh", name="unet_generator",
                   seed=None) -> keras.Model:
    """U-Net: image ``(batch, h, w, c)`` in [-1, 1] → image ``(batch, h, w, out_channels)``.

    Args:
        input_shape: ``(h, w, c)``; ``h`` and ``w`` must be multiples of ``2**len(filters)``.
        filters: channels of the encoder blocks, outermost first (the decoder mirrors them).
        out_channels: channels of the output image.
        dropout: rate of the decoder's dropout (0 = none), active in training only.
        dropout_layers: how many decoder blocks, innermost first, have dropout.
        skips: concatenate encoder features into the decoder (False: a plain
            encoder–decoder, the paper's ablation).
        output_activation: ``"tanh"`` (values in (-1, 1)) or ``"linear"`` (unbounded; clip
            for display).
        seed: initial weights N(0, 0.02) from this seed (``None``: Keras's global seed).
    """
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    filters = tuple(filters)
    if not filters:
        raise ValueError("filters must name at least one encoder block, e.g. (32, 64).")
    for f in filters:
        check_positive_int("filters", f)
    check_positive_int("out_channels", out_channels)
    if not 0.0 <= dropout < 1.0:
        raise ValueError(f"dropout must be in [0, 1), got {dropout!r}.")
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"output_activation must be one of {', '.join(OUTPUT_ACTIVATIONS)}, "
                         f"got {output_activation!r}.")
    step = 2 ** len(filters)
    if input_shape[0] % step or input_shape[1] % step:
        raise ValueError(f"image size {input_shape[0]} × {input_shape[1]} must be a multiple of "
                         f"2**len(filters) = {step}: use fewer encoder blocks or another size.")
    init = Seeds(seed)
    x = keras.Input(input_shape, name="source")
    h, skip = x, []
    for i, f in enumerate(filters):  # encoder: C_f = Conv(4, stride 2) – BN – LeakyReLU
        h = layers.Conv2D(f, 4, strides=2, padding="same", use_bias=(i == 0),
                          kernel_initializer=init.normal(), name=f"down{i}")(h)
        if i > 0:
            h = layers.BatchNormalization(name=f"down{i}_bn")(h)
        h = layers.LeakyReLU(0.2)(h)
        skip.append(h)
    for j, i in enumerate(range(len(filters) - 2, -1, -1)):  # decoder: ConvT–BN–(Dropout)–ReLU
        h = layers.Conv2DTranspose(filters[i], 4, strides=2, padding="same", use_bias=False,
                                   kernel_initializer=init.normal(), name=f"up{i}")(h)
        h = layers.BatchNormalization(name=f"up{i}_bn")(h)
        if dropout and j < dropout_layers:
            h = SeededDropout(dropout, seed=init._next(), name=f"up{i}_dropout")(h)
        h = layers.ReLU()(h)
        if skips:
            h = layers.Concatenate(name=f"skip{i}")([h, skip[i]])
    out = layers.Conv2DTranspose(out_channels, 4, strides=2, padding="same",
                                 activation=None if output_activation == "linear" else "tanh",
                                 kernel_initializer=init.normal(), name="output")(h)
    return keras.Model(x, out, name=name)


__all__ = ["OUTPUT_ACTIVATIONS", "SeededDropout", "unet_generator"]
