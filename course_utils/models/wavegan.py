"""A tiny WaveGAN (Donahue, McAuley & Puckette 2018, arXiv 1802.04208) for 1-D sounds.

WaveGAN is DCGAN flattened to one dimension: long 1-D (transposed) convolutions with
stride 4 and kernel 25 instead of 5×5 ones with stride 2. This one is sized for a CPU and
for :mod:`course_utils.data.tones` (1,024 samples):

* generator: z ``(batch, latent_dim)`` → dense ``16 × 4c`` → three
  ``Conv1DTranspose(kernel 25, stride 4)`` (e.g. 16 → 64 → 256 → 1,024 samples; ReLU, tanh on
  the output) → waveform ``(batch, 1024, 1)`` in [-1, 1];
* discriminator: waveform → three ``Conv1D(kernel 25, stride 4)`` with LeakyReLU 0.2
  (1,024 → 256 → 64 → 16) → flatten → logit ``(batch, 1)``.

The paper's phase shuffle (a random shift of D's feature maps by up to 2 samples) is left
out: at this size and training length it made no measured difference we could rely on.
Defined in lesson 14.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int

KERNEL, STRIDE = 25, 4
UPSAMPLING = STRIDE ** 3  # three stride-4 layers: length = 64 × the projected length


def wavegan_generator(latent_dim: int = 32, channels: int = 16, length: int = 1024,
                      seed=None) -> keras.Model:
    """Generator z ``(batch, latent_dim)`` → waveform ``(batch, length, 1)`` in [-1, 1];
    ``length`` a multiple of 64 (three upsamplings by 4 of ``length / 64`` samples)."""
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("channels", channels)
    if not isinstance(length, int) or length < UPSAMPLING or length % UPSAMPLING:
        raise ValueError(f"length must be a positive multiple of {UPSAMPLING} (three "
                         f"upsamplings by {STRIDE}), got {length!r}.")
    start = length // UPSAMPLING
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    h = layers.Dense(start * 4 * channels, activation="relu", kernel_initializer=init.glorot(),
                     name="project")(z)
    h = layers.Reshape((start, 4 * channels), name="reshape")(h)
    for i, width in enumerate((2 * channels, channels)):
        h = layers.Conv1DTranspose(width, KERNEL, strides=STRIDE, padding="same",
                                   activation="relu", kernel_initializer=init.glorot(),
                                   name=f"up{i + 1}")(h)
    x = layers.Conv1DTranspose(1, KERNEL, strides=STRIDE, padding="same", activation="tanh",
                               kernel_initializer=init.glorot(), name="waveform")(h)
    return keras.Model(z, x, name="wavegan_generator")


def wavegan_discriminator(channels: int = 16, length: int = 1024, seed=None) -> keras.Model:
    """Discriminator waveform ``(batch, length, 1)`` → logit ``(batch, 1)``."""
    check_positive_int("channels", channels)
    check_positive_int("length", length)
    init = Seeds(seed)
    x = keras.Input((length, 1), name="waveform")
    h = x
    for i, width in enumerate((channels, 2 * channels, 4 * channels)):
        h = layers.Conv1D(width, KERNEL, strides=STRIDE, padding="same",
                          kernel_initializer=init.glorot(), name=f"down{i + 1}")(h)
        h = layers.LeakyReLU(0.2, name=f"leaky{i + 1}")(h)
    h = layers.Flatten(name="flatten")(h)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h)
    return keras.Model(x, logit, name="wavegan_discriminator")
