"""The DCGAN guidelines (Radford et al. 2015, arXiv 1511.06434, §3) as code: builders with
one switch per guideline (for the ablation) and an audit that reads a built model and says
which guidelines it follows. Defined in lesson 08.

With the defaults, :func:`generator` and :func:`discriminator` build exactly the layers of
``course_utils.models.dcgan_generator`` / ``dcgan_discriminator`` (and, for the same
``seed``, the same initial weights); the switches break one guideline at a time:

* ``batch_norm=False``: no batch norm anywhere (guideline 2 broken);
* ``resampling="fixed"``: fixed up-/down-sampling (``UpSampling2D`` + conv in G, conv +
  ``AveragePooling2D`` in D) instead of strided and fractionally-strided convolutions
  (guideline 1 broken).

``sync_batch_norm=True`` makes every batch norm layer compute its batch statistics over the
global batch when training runs on several replicas (``tf.distribute``); on one device it
changes nothing.
"""

from __future__ import annotations

import keras
from keras import layers

from course_utils.models._common import Seeds, check_positive_int

RESAMPLING = ("strided", "fixed")

GUIDELINES = {
    "strided": ("1. strided / fractionally-strided convolutions, no pooling",
                "1. 用步幅卷积 / 转置卷积代替池化"),
    "batch_norm": ("2. batch norm in both nets, not on G's output or D's input",
                   "2. 两个网络都用批归一化，但生成器输出层和判别器输入层不用"),
    "no_dense_hidden": ("3. no fully connected hidden layers",
                        "3. 去掉全连接隐藏层"),
    "relu_tanh": ("4. ReLU in G, tanh on its output", "4. 生成器用 ReLU，输出层用 tanh"),
    "leaky_relu": ("5. LeakyReLU in D", "5. 判别器用 LeakyReLU"),
}
"""The five architecture guidelines of DCGAN §3, by the key :func:`audit` uses."""


def _check(batch_norm, resampling, sync_batch_norm=False):
    if not isinstance(sync_batch_norm, bool):
        raise ValueError(f"sync_batch_norm must be True or False, got {sync_batch_norm!r}.")
    if not isinstance(batch_norm, bool):
        raise ValueError(f"batch_norm must be True or False, got {batch_norm!r}.")
    if resampling not in RESAMPLING:
        raise ValueError(f"Unknown resampling {resampling!r}: expected one of "
                         f"{', '.join(RESAMPLING)}.")


def generator(latent_dim: int = 64, base_filters: int = 16, *, batch_norm: bool = True,
              resampling: str = "strided", sync_batch_norm: bool = False, seed=None,
              name="dcgan_generator") -> keras.Model:
    """DCGAN generator z ``(batch, latent_dim)`` → image ``(batch, 28, 28, 1)`` in [-1, 1].

    Dense projection to 7×7×(2·base) → ×2 up to 14×14×base → ×2 up to 28×28×1 (tanh).
    Weights start from N(0, 0.02) (the paper's initialisation); ``seed`` fixes them.
    """
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("base_filters", base_filters)
    _check(batch_norm, resampling, sync_batch_norm)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    # Guideline 3: the one dense layer projects z; reshaped, it is the first feature map.
    h = layers.Dense(7 * 7 * 2 * base_filters, use_bias=not batch_norm,
                     kernel_initializer=init.normal())(z)
    if batch_norm:  # guideline 2: batch norm in G ...
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = layers.ReLU()(h)  # guideline 4: ReLU in G
    h = layers.Reshape((7, 7, 2 * base_filters))(h)
    h = _upsample(h, base_filters, resampling, init, use_bias=not batch_norm)
    if batch_norm:
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = layers.ReLU()(h)
    # Guideline 2: ... but not on its output; guideline 4: tanh output, values in [-1, 1].
    x = _upsample(h, 1, resampling, init, activation="tanh")
    return keras.Model(z, x, name=name)


def _upsample(h, filters, resampling, init, activation=None, use_bias=True):
    if resampling == "strided":  # guideline 1: a fractionally-strided (transposed) conv
        return layers.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=use_bias,
                                      activation=activation, kernel_initializer=init.normal())(h)
    h = layers.UpSampling2D(2)(h)  # ablation: a fixed upsampling, then a conv that keeps size
    return layers.Conv2D(filters, 4, padding="same", use_bias=use_bias, activation=activation,
                         kernel_initializer=init.normal())(h)


def _downsample(h, filters, resampling, init, use_bias=True):
    if resampling == "strided":  # guideline 1: a strided conv learns its own downsampling
        return layers.Conv2D(filters, 4, strides=2, padding="same", use_bias=use_bias,
                             kernel_initializer=init.normal())(h)
    h = layers.Conv2D(filters, 4, padding="same", use_bias=use_bias,
                      kernel_initializer=init.normal())(h)
    return layers.AveragePooling2D(2)(h)  # ablation: a fixed pooling


def discriminator(base_filters: int = 16, *, batch_norm: bool = True,
                  resampling: str = "strided", sync_batch_norm: bool = False, seed=None,
                  name="dcgan_discriminator") -> keras.Model:
    """DCGAN discriminator: image ``(batch, 28, 28, 1)`` in [-1, 1] → logit ``(batch, 1)``.

    28×28×1 → 14×14×base → 7×7×(2·base) → flatten → one logit (the sigmoid is in the loss).
    """
    check_positive_int("base_filters", base_filters)
    _check(batch_norm, resampling, sync_batch_norm)
    init = Seeds(seed)
    x = keras.Input((28, 28, 1), name="image")
    # Guideline 2: no batch norm on D's input layer.
    h = _downsample(x, base_filters, resampling, init)
    h = layers.LeakyReLU(0.2)(h)  # guideline 5: LeakyReLU (slope 0.2) in D
    h = _downsample(h, 2 * base_filters, resampling, init, use_bias=not batch_norm)
    if batch_norm:  # guideline 2: batch norm in D's other layers
        h = layers.BatchNormalization(synchronized=sync_batch_norm)(h)
    h = layers.LeakyReLU(0.2)(h)
    # Guideline 3: the last conv layer is flattened into one output, no hidden dense layer.
    h = layers.Flatten()(h)
    logit = layers.Dense(1, kernel_initializer=init.normal(), name="logit")(h)
    return keras.Model(x, logit, name=name)


# ----------------------------------------------------------------------------- audit
_CONV = (layers.Conv2D, layers.Conv2DTranspose)


def _layers(model) -> list:
    if not isinstance(model, keras.Model):
        raise ValueError(f"Expected a built keras.Model, got {type(model).__name__}.")
    return [lay for lay in model.layers if not isinstance(lay, layers.InputLayer)]


def activation_of(layer) -> str | None:
    """The non-linearity a layer applies: ``"relu"``, ``"leaky_relu"``, ``"tanh"``, … or None."""
    if isinstance(layer, layers.LeakyReLU):
        return "leaky_relu"
    if isinstance(layer, layers.ReLU):
        slope = float(getattr(layer, "negative_slope", 0.0) or 0.0)
        return "relu" if slope == 0 else "leaky_relu"
    fn = getattr(layer, "activation", None)
    name = getattr(fn, "__name__", None)
    return None if name in (None, "linear") else name


def _resamples_with_fixed_ops(lays) -> bool:
    return any("Pooling" in type(lay).__name__ or "UpSampling" in type(lay).__name__
               for lay in lays)


def _strided(lays, kind) -> bool:
    return any(isinstance(lay, kind) and max(lay.strides) > 1 for lay in lays)


def audit(generator_model, discriminator_model) -> dict[str, bool]:
    """Which of the five guidelines (keys of :data:`GUIDELINES`) a G / D pair follows.

    Reads the layers in order (a plain chain of layers, as every builder here makes):

    * ``strided``: no pooling or fixed upsampling layer; G has a transposed conv and D a
      conv with stride > 1;
    * ``batch_norm``: both nets have batch norm; none after G's last conv (its output) and
      none before D's second conv (D's input layer stays un-normalised);
    * ``no_dense_hidden``: a dense layer only as G's first layer (the projection of z) and
      as D's last one (the logit);
    * ``relu_tanh``: G's hidden non-linearities are all ReLU and its output is tanh;
    * ``leaky_relu``: D's hidden non-linearities are all LeakyReLU.
    """
    g, d = _layers(generator_model), _layers(discriminator_model)
    g_conv = [i for i, lay in enumerate(g) if isinstance(lay, _CONV)]
    d_conv = [i for i, lay in enumerate(d) if isinstance(lay, _CONV)]
    g_bn = [i for i, lay in enumerate(g) if isinstance(lay, layers.BatchNormalization)]
    d_bn = [i for i, lay in enumerate(d) if isinstance(lay, layers.BatchNormalization)]
    g_acts = [activation_of(lay) for lay in g[:-1]]
    d_acts = [activation_of(lay) for lay in d[:-1]]
    return {
        "strided": (not _resamples_with_fixed_ops(g + d)
                    and _strided(g, layers.Conv2DTranspose) and _strided(d, layers.Conv2D)),
        "batch_norm": (bool(g_bn) and bool(d_bn) and bool(g_conv) and len(d_conv) >= 2
                       and max(g_bn) < g_conv[-1] and min(d_bn) > d_conv[1]),
        "no_dense_hidden": (
            all(i == 0 for i, lay in enumerate(g) if isinstance(lay, layers.Dense))
            and all(i == len(d) - 1 for i, lay in enumerate(d) if isinstance(lay, layers.Dense))),
        "relu_tanh": (all(a in (None, "relu") for a in g_acts) and "relu" in g_acts
                      and activation_of(g[-1]) == "tanh"),
        "leaky_relu": (all(a in (None, "leaky_relu") for a in d_acts)
                       and "leaky_relu" in d_acts),
    }
