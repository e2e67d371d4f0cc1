"""The five DCGAN guidelines (Radford et al. 2015, arXiv 1511.06434, §3) as a table, and an
audit that reads a built generator / discriminator pair and says which guidelines it follows.
Defined in lesson 08.

The network itself has one home, ``course_utils.models.dcgan_generator`` /
``dcgan_discriminator``, whose switches break one guideline in one player at a time
(``batch_norm=False``, ``resampling="fixed"``, ``activation=…``, ``output_activation=…``);
this module only reads what they built.
"""

from __future__ import annotations

import keras
from keras import layers

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
