"""DCGAN generator and discriminator for 28×28 images, sized for a CPU (Radford et al. 2015,
arXiv 1511.06434), with one switch per architecture guideline so that a lesson can break
one guideline in one player at a time. Used by lesson 08 (its training, its ablation, its
pretrained generators) and by lesson 14 (through lesson 08's pretrained generators).

The defaults follow the paper's §3:

1. strided convolutions in D, fractionally-strided (transposed) ones in G, no pooling
   (``resampling="strided"``; ``"fixed"``: ``UpSampling2D`` + conv in G, conv +
   ``AveragePooling2D`` in D);
2. batch norm in both players, but not on G's output layer nor on D's input layer
   (``batch_norm=False`` removes it from the player being built, and only from it);
3. no fully connected hidden layer: G's one dense layer projects z, D's one dense layer is
   the logit;
4. ReLU in G (``activation``), tanh on its output (``output_activation``);
5. LeakyReLU (slope 0.2) in D (``activation``).

Weights start from N(0, 0.02) (§4); ``seed`` fixes them (``None``: Keras's global seed).
With the defaults the layers (types and order) are those of the stored pretrained
generators in ``data/``, so their weight files load into :func:`dcgan_generator`.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int, check_shape

RESAMPLING = ("strided", "fixed")
"""``"strided"``: guideline 1; ``"fixed"``: fixed up-/down-sampling (the ablation)."""
HIDDEN_ACTIVATIONS = ("relu", "leaky_relu")
"""Hidden non-linearities: ReLU (DCGAN's G) or LeakyReLU with slope 0.2 (DCGAN's D)."""
OUTPUT_ACTIVATIONS = ("tanh", "sigmoid", "linear")
"""G's output: tanh (values in [-1, 1], DCGAN's choice), sigmoid ([0, 1]) or none."""
LEAKY_SLOPE = 0.2


def _check_switches(batch_norm, resampling, sync_batch_norm, activation):
    for name, value in (("batch_norm", batch_norm), ("sync_batch_norm", sync_batch_norm)):
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be True or False, got {value!r}.")
    if resampling not in RESAMPLING:
        raise ValueError(f"Unknown resampling {resampling!r}: expected one of "
                         f"{', '.join(RESAMPLING)}.")
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}: expected one of "
                         f"{', '.join(HIDDEN_ACTIVATIONS)}.")


def _nonlinearity(activation):
    return layers.ReLU() if activation == "relu" else layers.LeakyReLU(LEAKY_SLOPE)


def _upsample(h, filters, resampling, init, activation=None, use_bias=True):
    """×2 in height and width: a transposed conv (guideline 1), or a fixed upsampling
    followed by a conv that keeps the size (the ablation)."""
    if resampling == "strided":
        return layers.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=use_bias,
                                      activation=activation, kernel_initializer=init.normal())(h)
    h = layers.UpSampling2D(2)(h)
    return layers.Conv2D(filters, 4, padding="same", use_bias=use_bias, activation=activation,
                         kernel_initializer=init.normal())(h)


def _downsample(h, filters, resampling, init, use_bias=True):
    """÷2 in height and width: a strided conv (guideline 1), or a conv that keeps the size
    followed by a fixed average pooling (the ablation)."""
    if resampling == "strided":
        return layers.Conv2D(filters, 4, strides=2, padding="same", use_bias=use_bias,
                             kernel_initializer=init.normal())(h)
    h = layers.Conv2D(filters, 4, padding="same", use_bias=use_bias,
                      kernel_initializer=init.normal())(h)
    return layers.AveragePooling2D(2)(h)


def dcgan_generator(latent_dim: int = 64, base_filters: int = 64, *, batch_norm: bool = True,
                    resampling: str = "strided", activation: str = "relu",
                    output_activation: str = "tanh", sync_batch_norm: bool = False,
                    name="dcgan_generator", seed=None) -> keras.Model:
    """DCGAN generator: z ``(batch, latent_dim)`` → image ``(batch, 28, 28, 1)``.

    Dense projection of z to 7×7×(2·base) → ×2 up to 14×14×base → ×2 up to 28×28×1, with
    batch norm (unless ``batch_norm=False``) and ``activation`` after the projection and the
    first upsampling, none on the output, whose range is tanh's [-1, 1] by default
    (sigmoid: [0, 1]; linear: unbounded). The dense and hidden conv layers have no bias when
    batch norm follows them (its shift β replaces it). ``sync_batch_norm=True``: batch
    statistics over the global batch under ``tf.distribute`` (no change on one device).
    """
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("base_filters", base_filters)
    _check_switches(batch_norm, resampling, sync_batch_norm, activation)
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(f"Unknown output_activation {output_activation!r}: expected one of "
                         f"{', '.join(OUTPUT_ACTIVATIONS)}.")
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    # Guideline 3: one dense layer projects z; reshaped, it is the first feature map.
    h = layers.Dense(7 * 7 * 2 * base_filters, use_bias=not batch_norm,
                     kernel_initializer=init.normal())(z)
    if batch_norm:  # guideline 2
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = _nonlinearity(activation)(h)  # guideline 4: ReLU in G
    h = layers.Reshape((7, 7, 2 * base_filters))(h)
    h = _upsample(h, base_filters, resampling, init, use_bias=not batch_norm)  # 7 → 14
    if batch_norm:
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = _nonlinearity(activation)(h)
    # Guideline 2: no batch norm on the output; guideline 4: a bounded (tanh) output.
    x = _upsample(h, 1, resampling, init, activation=output_activation)  # 14 → 28
    return keras.Model(z, x, name=name)


def dcgan_discriminator(base_filters: int = 64, input_shape=(28, 28, 1), *,
                        batch_norm: bool = True, resampling: str = "strided",
                        activation: str = "leaky_relu", sync_batch_norm: bool = False,
                        name="dcgan_discriminator", seed=None) -> keras.Model:
    """DCGAN discriminator: image ``(batch, height, width, channels)`` → logit ``(batch, 1)``
    (the sigmoid is in the loss; real = 1, fake = 0).

    Two ÷2 downsamplings (base, then 2·base filters), each followed by ``activation``; batch
    norm (unless ``batch_norm=False``) after the second only: never on the input layer. The
    last feature map is flattened by the layer named ``"features"`` (``(batch, h/4 · w/4 ·
    2·base)``: the representation a linear probe reads) into the dense ``"logit"`` layer.
    Height and width must be multiples of 4.
    """
    check_positive_int("base_filters", base_filters)
    input_shape = check_shape("input_shape", input_shape)
    if len(input_shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}.")
    if input_shape[0] % 4 or input_shape[1] % 4:
        raise ValueError(f"input_shape's height and width must be multiples of 4 (two ÷2 "
                         f"downsamplings), got {input_shape!r}.")
    _check_switches(batch_norm, resampling, sync_batch_norm, activation)
    init = Seeds(seed)
    x = keras.Input(input_shape, name="image")
    h = _downsample(x, base_filters, resampling, init)  # guideline 2: no BN on D's input
    h = _nonlinearity(activation)(h)  # guideline 5: LeakyReLU in D
    h = _downsample(h, 2 * base_filters, resampling, init, use_bias=not batch_norm)
    if batch_norm:
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = _nonlinearity(activation)(h)
    h = layers.Flatten(name="features")(h)  # guideline 3: flattened into one output
    logit = layers.Dense(1, kernel_initializer=init.normal(), name="logit")(h)
    return keras.Model(x, logit, name=name)
