"""A tiny WaveGAN (Donahue, McAuley & Puckette 2018, arXiv 1802.04208) for 1-D sounds.

WaveGAN is DCGAN flattened to one dimension: long 1-D (transposed) convolutions with
stride 4 and kernel 25 instead of 5×5 ones with stride 2. This one is sized for a CPU and
for :mod:`course_utils.data.tones` (1,024 samples):

* generator: z ``(batch, latent_dim)`` → dense ``16 × 4c`` → three
  ``Conv1DTranspose(kernel 25, stride 4)`` (e.g. 16 → 64 → 256 → 1,024 samples; ReLU, tanh on
  the output) → waveform ``(batch, 1024, 1)`` in [-1, 1];
* discriminator: waveform → three ``Conv1D(kernel 25, stride 4)`` with LeakyReLU 0.2
  (1,024 → 256 → 64 → 16) → flatten → logit ``(batch, 1)``.

The paper's **phase shuffle** (:class:`PhaseShuffle`: during training, shift each of D's
feature maps by a random number of samples in ``[-radius, radius]``, filling the edge by
reflection) keeps D from judging a sound by the exact phase of its samples;
``wavegan_discriminator(phase_shuffle=2)`` puts it after the first two LeakyReLUs, as the
paper does; ``minibatch_std=True`` appends lesson 12's minibatch standard deviation to D's
last feature map (lesson 14's tone GAN uses both). Defined in lesson 14.
"""

from __future__ import annotations

import keras
from keras import layers, ops

from course_utils.models._common import Seeds, check_positive_int
from course_utils.models.blocks import MinibatchStdDev

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


@keras.saving.register_keras_serializable(package="course_utils")
class PhaseShuffle(layers.Layer):
    """WaveGAN's phase shuffle: in training, shift each example's feature map
    ``(batch, length, channels)`` along time by an integer drawn uniformly from
    ``[-radius, radius]``, filling the ``|shift|`` samples that come in by reflecting the
    edge; the identity at inference (``training=False``) and when ``radius`` is 0."""

    def __init__(self, radius: int = 2, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(radius, int) or isinstance(radius, bool) or radius < 0:
            raise ValueError(f"radius must be an int >= 0, got {radius!r}.")
        self.radius = radius
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, x, training=False):
        if not training or self.radius == 0:
            return x
        r = self.radius
        if x.shape[1] is not None and x.shape[1] <= r:
            raise ValueError(f"PhaseShuffle needs more than radius = {r} time steps, "
                             f"got {x.shape[1]}.")
        padded = ops.pad(x, [[0, 0], [r, r], [0, 0]], mode="reflect")
        shift = keras.random.randint((ops.shape(x)[0],), -r, r + 1,
                                     seed=self.seed_generator)
        length = ops.shape(x)[1]
        index = ops.arange(length)[None, :] + (r - shift)[:, None]  # (batch, length)
        return ops.take_along_axis(padded, index[:, :, None], axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "radius": self.radius}


def wavegan_discriminator(channels: int = 16, length: int = 1024, seed=None,
                          phase_shuffle: int = 0, minibatch_std: bool = False) -> keras.Model:
    """Discriminator waveform ``(batch, length, 1)`` → logit ``(batch, 1)``; with
    ``phase_shuffle`` = n > 0 a :class:`PhaseShuffle` of radius n follows the first two
    LeakyReLUs (training only); with ``minibatch_std`` ProGAN's minibatch standard deviation
    (:class:`~course_utils.models.blocks.MinibatchStdDev`, lesson 12) is appended to the last
    feature map, so D can see a batch whose sounds are all alike (lesson 06)."""
    check_positive_int("channels", channels)
    check_positive_int("length", length)
    if not isinstance(phase_shuffle, int) or isinstance(phase_shuffle, bool) or phase_shuffle < 0:
        raise ValueError(f"phase_shuffle must be an int >= 0, got {phase_shuffle!r}.")
    init = Seeds(seed)
    x = keras.Input((length, 1), name="waveform")
    h = x
    for i, width in enumerate((channels, 2 * channels, 4 * channels)):
        h = layers.Conv1D(width, KERNEL, strides=STRIDE, padding="same",
                          kernel_initializer=init.glorot(), name=f"down{i + 1}")(h)
        h = layers.LeakyReLU(0.2, name=f"leaky{i + 1}")(h)
        if phase_shuffle and i < 2:
            h = PhaseShuffle(phase_shuffle, seed=None if seed is None else seed * 1009 + 100 + i,
                             name=f"phase_shuffle{i + 1}")(h)
    if minibatch_std:
        h = MinibatchStdDev(name="minibatch_std")(h)
    h = layers.Flatten(name="flatten")(h)
    logit = layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h)
    return keras.Model(x, logit, name="wavegan_discriminator")
