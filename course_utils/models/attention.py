"""Self-attention GAN players (SAGAN, Zhang et al. 2018, arXiv 1805.08318), sized for 28×28.

:class:`SelfAttention` lets every position of a feature map look at every other one:

    q = W_q x,  k = W_k x,  v = W_v x              (1×1 convolutions; q, k: c/8 channels)
    β_{i,j} = softmax_j(q_iᵀ k_j)                  (row i: where position i looks)
    o_i = Σ_j β_{i,j} v_j
    y_i = x_i + γ · o_i                             (γ learned, starting at 0)

With γ = 0 the layer is the identity, so a network starts from its convolutional self and
learns how much non-local evidence to mix in; γ during training says whether it does.

:func:`sagan_generator` / :func:`sagan_discriminator`: a small DCGAN-shaped pair with the
attention block at 14×14 (or without it, ``attention=False``: the same network otherwise),
spectral normalisation on every convolution and dense layer of both players, as in the paper
(``keras.layers.SpectralNormalization``, which normalises the kernel when the trainers call it
with ``training=True`` — see lesson 07). Train them with the hinge loss and two time-scale
learning rates (D 4e-4, G 1e-4) on :class:`~course_utils.training.GAN`. Defined in lesson 12.
"""

from __future__ import annotations

import keras
import numpy as np
from keras import layers, ops

from course_utils.models._common import Seeds, check_positive_int


def _sn(layer, spectral_norm):
    return layers.SpectralNormalization(layer, name=f"sn_{layer.name}") if spectral_norm \
        else layer


class SelfAttention(layers.Layer):
    """``(batch, h, w, c)`` → ``(batch, h, w, c)``: ``x + γ · attention(x)``.

    Args:
        reduction: q and k have ``max(1, c // reduction)`` channels (the paper: 8).
        spectral_norm: wrap the three 1×1 convolutions in ``SpectralNormalization``.
        seed: initial weights.

    ``layer(x, return_attention=True)`` returns ``(y, β)`` with β ``(batch, h·w, h·w)``:
    row ``i`` (a query position, row-major ``i = row · w + col``) is a probability
    distribution over the positions it attends to.
    """

    def __init__(self, reduction=8, spectral_norm=True, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.reduction = check_positive_int("reduction", reduction)
        self.spectral_norm, self.seed = bool(spectral_norm), seed

    def build(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError("SelfAttention takes feature maps (batch, h, w, channels) with a "
                             f"known number of channels, got shape {tuple(input_shape)}.")
        c = int(input_shape[-1])
        ck = max(1, c // self.reduction)
        init = Seeds(self.seed)

        def conv(filters, name):
            return _sn(layers.Conv2D(filters, 1, kernel_initializer=init.glorot(), name=name),
                       self.spectral_norm)

        self.query, self.key, self.value = conv(ck, "query"), conv(ck, "key"), conv(c, "value")
        for sub in (self.query, self.key, self.value):
            sub.build(input_shape)
        self.gamma = self.add_weight(shape=(), name="gamma", initializer="zeros")  # γ = 0

    def call(self, x, return_attention=False, training=False):
        shape = ops.shape(x)
        b, n = shape[0], shape[1] * shape[2]
        q = ops.reshape(self.query(x, training=training), (b, n, -1))    # (b, N, c/8)
        k = ops.reshape(self.key(x, training=training), (b, n, -1))      # (b, N, c/8)
        v = ops.reshape(self.value(x, training=training), (b, n, -1))    # (b, N, c)
        beta = ops.softmax(ops.matmul(q, ops.transpose(k, (0, 2, 1))), axis=-1)  # β_{i,j}
        o = ops.reshape(ops.matmul(beta, v), shape)                      # o_i = Σ_j β_ij v_j
        y = x + self.gamma * o                                           # y = x + γ·o
        return (y, beta) if return_attention else y

    @property
    def projections(self):
        """The query, key and value 1×1 convolutions (each wrapped in
        ``SpectralNormalization`` when ``spectral_norm``); empty before the layer is built."""
        return tuple(getattr(self, name) for name in ("query", "key", "value")
                     if hasattr(self, name))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "reduction": self.reduction,
                "spectral_norm": self.spectral_norm, "seed": self.seed}


def _seed_power_iterations(model, seed):
    """Seeded start vectors ``u`` of every ``SpectralNormalization`` in ``model`` (Keras draws
    them unseeded)."""
    rng = np.random.default_rng(None if seed is None else seed * 1009 + 777)
    order = []  # depth first; inside an attention block value, key, query: the order the
    for layer in model.layers:  # stored runs of lesson 12 drew them in, so they reproduce
        order += [layer, *reversed(getattr(layer, "projections", ()))]
    for layer in order:
        if isinstance(layer, layers.SpectralNormalization):
            layer.vector_u.assign(rng.normal(0.0, 0.02, tuple(layer.vector_u.shape))
                                  .astype("float32"))


def sagan_generator(latent_dim=32, widths=(32, 16), attention=True, name=None,
                    seed=None) -> keras.Model:
    """z ``(batch, latent_dim)`` → image ``(batch, 28, 28, 1)`` in [-1, 1].

    SN-dense to 7×7×widths[0], batch norm + ReLU, SN-transposed conv to 14×14×widths[1],
    :class:`SelfAttention` at 14×14 (if ``attention``), SN-transposed conv to 28×28, tanh.
    """
    check_positive_int("latent_dim", latent_dim)
    w0, w1 = (check_positive_int("width", w) for w in widths)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    h = _sn(layers.Dense(7 * 7 * w0, kernel_initializer=init.glorot(), name="project"), True)(z)
    h = layers.ReLU()(layers.BatchNormalization()(layers.Reshape((7, 7, w0))(h)))
    h = _sn(layers.Conv2DTranspose(w1, 4, strides=2, padding="same",
                                   kernel_initializer=init.glorot(), name="up_14"), True)(h)
    h = layers.ReLU()(layers.BatchNormalization()(h))
    if attention:
        h = SelfAttention(seed=init._next(), name="attention")(h)
    h = _sn(layers.Conv2DTranspose(1, 4, strides=2, padding="same",
                                   kernel_initializer=init.glorot(), name="up_28"), True)(h)
    x = layers.Activation("tanh", name="image")(h)
    model = keras.Model(z, x, name=name or ("sagan_generator" if attention else "sn_generator"))
    _seed_power_iterations(model, seed)
    return model


def sagan_discriminator(widths=(16, 32), attention=True, name=None, seed=None) -> keras.Model:
    """image ``(batch, 28, 28, 1)`` → logit ``(batch, 1)``: SN-conv (stride 2) to 14×14,
    SN-conv (stride 2) to 7×7, :class:`SelfAttention` (if ``attention``), SN-dense logit;
    LeakyReLU 0.1 as in the paper's code."""
    w0, w1 = (check_positive_int("width", w) for w in widths)
    init = Seeds(seed)
    x = keras.Input((28, 28, 1), name="x")
    h = _sn(layers.Conv2D(w0, 4, strides=2, padding="same", kernel_initializer=init.glorot(),
                          name="down_14"), True)(x)
    h = layers.LeakyReLU(0.1)(h)
    h = _sn(layers.Conv2D(w1, 4, strides=2, padding="same", kernel_initializer=init.glorot(),
                          name="down_7"), True)(h)
    h = layers.LeakyReLU(0.1)(h)
    if attention:
        h = SelfAttention(seed=init._next(), name="attention")(h)
    h = layers.Flatten()(h)
    logit = _sn(layers.Dense(1, kernel_initializer=init.glorot(), name="logit"), True)(h)
    model = keras.Model(x, logit,
                        name=name or ("sagan_discriminator" if attention else "sn_discriminator"))
    _seed_power_iterations(model, seed)
    return model


def attention_layer(model: keras.Model) -> SelfAttention:
    """The :class:`SelfAttention` layer of ``model`` (a clear error if it has none)."""
    found = [layer for layer in model.layers if isinstance(layer, SelfAttention)]
    if not found:
        raise ValueError(f"{model.name} has no SelfAttention layer (built with attention=False?).")
    return found[0]


def attention_maps(generator: keras.Model, z):
    """Generate from ``z`` and read the generator's attention.

    Returns ``(images (n, 28, 28, 1), β (n, h·w, h·w), (h, w))``: ``β[k, i]`` is where query
    position ``i`` of image ``k`` looks, reshape it to ``(h, w)`` to draw it.
    """
    layer = attention_layer(generator)
    z = np.asarray(z, np.float32)
    features = keras.Model(generator.input, layer.input)(z, training=False)
    _, beta = layer(features, return_attention=True)
    images = generator(z, training=False)
    h, w = int(features.shape[1]), int(features.shape[2])
    return ops.convert_to_numpy(images), ops.convert_to_numpy(beta), (h, w)


__all__ = ["SelfAttention", "attention_layer", "attention_maps", "sagan_discriminator",
           "sagan_generator"]
