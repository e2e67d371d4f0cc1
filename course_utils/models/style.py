"""StyleGAN's building blocks and a small StyleGAN generator at 28×28, plus BigGAN's
class-conditional batch normalisation.

* :func:`adain` / :class:`AdaIN` — adaptive instance normalisation (Huang & Belongie 2017;
  StyleGAN, Karras et al. 2018, arXiv 1812.04948, eq. 1):
  ``AdaIN(x, s, b) = s · (x − μ(x)) / σ(x) + b``, μ and σ per example and channel over
  height and width: the output's per-channel mean is ``b`` and its std ``|s|``.
* :func:`mapping_network` — z → w: pixel-norm of z, then ``depth`` dense layers with
  LeakyReLU(0.2) (the paper uses 8 of width 512; we use 3 of width 32).
* :class:`NoiseInput` — per-pixel Gaussian noise times a learned per-channel scale
  (initialised to 0, as in the paper), drawn from the layer's ``keras.random.SeedGenerator``.
* :class:`ConstantInput` — the learned constant 7×7 map the synthesis network starts from.
* :class:`StyleGenerator` — 7×7 → 14×14 → 28×28, two styled layers per resolution
  (six styles), style mixing regularisation with probability ``mixing_prob`` during
  training (one crossover drawn per batch).
* :class:`ConditionalBatchNorm` — BigGAN's class-conditional batch norm (Brock et al. 2018,
  arXiv 1809.11096): batch statistics without their own γ, β; γ and β come from the class
  (its own embedding tables, or linear maps of a *shared* class embedding).

Defined in lesson 13.
"""

from __future__ import annotations

import keras
from keras import layers, ops

from course_utils.models._common import Seeds, check_positive_int
from course_utils.models.progressive import PixelNorm  # z / sqrt(mean(z²) + ε), one home

LEAKY_SLOPE = 0.2
STYLE_LEVELS = {"coarse (7×7)": (0, 1), "middle (14×14)": (2, 3), "fine (28×28)": (4, 5)}
"""Which of the six styles of :class:`StyleGenerator` act at which resolution."""


def _check_rank4(name, x):
    if len(x.shape) != 4:
        raise ValueError(f"{name} must be a feature map (batch, height, width, channels), got "
                         f"shape {tuple(x.shape)}.")


def adain(x, scale, bias, epsilon=1e-5):
    """AdaIN: ``scale · (x − μ) / σ + bias``.

    Args:
        x: ``(batch, h, w, c)`` feature map.
        scale, bias: ``(batch, c)`` the style, one (s, b) pair per channel.
    Returns: ``(batch, h, w, c)`` whose per-example, per-channel mean is ``bias`` and
    standard deviation ``|scale|`` (up to ``epsilon``).
    """
    x = ops.convert_to_tensor(x)
    _check_rank4("x", x)
    for name, s in (("scale", scale), ("bias", bias)):
        if len(s.shape) != 2 or s.shape[-1] != x.shape[-1]:
            raise ValueError(f"{name} must have shape (batch, {x.shape[-1]}) — one value per "
                             f"channel of x {tuple(x.shape)} — got {tuple(s.shape)}.")
    mean = ops.mean(x, axis=(1, 2), keepdims=True)                       # μ(x) per channel
    std = ops.sqrt(ops.var(x, axis=(1, 2), keepdims=True) + epsilon)      # σ(x) per channel
    return scale[:, None, None, :] * (x - mean) / std + bias[:, None, None, :]


class AdaIN(layers.Layer):
    """``[x (batch, h, w, c), style (batch, w_dim)] → (batch, h, w, c)``: learned affine maps
    of the style give ``scale = 1 + A_s w`` and ``bias = A_b w``, then :func:`adain`."""

    def __init__(self, epsilon=1e-5, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.epsilon, self._seed = float(epsilon), seed

    def build(self, input_shape):
        x_shape, _ = input_shape
        c = x_shape[-1]
        init = Seeds(self._seed)
        self.to_scale = layers.Dense(c, kernel_initializer=init.glorot(), name="to_scale")
        self.to_bias = layers.Dense(c, kernel_initializer=init.glorot(), name="to_bias")

    def call(self, inputs):
        x, style = inputs
        return adain(x, 1.0 + self.to_scale(style), self.to_bias(style), self.epsilon)


class NoiseInput(layers.Layer):
    """``x (batch, h, w, c) → x + scale · noise``: one Gaussian noise image ``(batch, h, w, 1)``
    per example, times a learned per-channel ``scale`` (initialised to 0). Pass ``noise=`` to
    fix the draw; otherwise it comes from the layer's own seed generator."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        if len(input_shape) != 4:
            raise ValueError(f"NoiseInput needs a feature map (batch, height, width, channels), "
                             f"got shape {tuple(input_shape)}.")
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="zeros", name="scale")

    def call(self, x, noise=None):
        _check_rank4("x", x)
        if noise is None:
            shape = ops.shape(x)
            noise = keras.random.normal((shape[0], shape[1], shape[2], 1),
                                        seed=self.seed_generator)
        return x + self.scale * ops.cast(noise, x.dtype)


class ConstantInput(layers.Layer):
    """A learned constant ``(h, w, c)`` (initialised to ones), repeated for each example of
    ``batch_like`` (any tensor whose first axis is the batch)."""

    def __init__(self, shape=(7, 7, 32), **kwargs):
        super().__init__(**kwargs)
        self.const_shape = tuple(int(s) for s in shape)
        for s in self.const_shape:
            check_positive_int("shape entry", s)
        self.const = self.add_weight(shape=(1, *self.const_shape), initializer="ones",
                                     name="const")

    def call(self, batch_like):
        n = ops.shape(batch_like)[0]
        return ops.tile(self.const, (n, 1, 1, 1))


def mapping_network(latent_dim=32, w_dim=32, depth=3, seed=None, name="mapping") -> keras.Model:
    """z ``(batch, latent_dim)`` → w ``(batch, w_dim)``: pixel norm, then ``depth`` dense layers
    with LeakyReLU(0.2)."""
    check_positive_int("latent_dim", latent_dim)
    check_positive_int("w_dim", w_dim)
    check_positive_int("depth", depth)
    init = Seeds(seed)
    z = keras.Input((latent_dim,), name="z")
    h = PixelNorm()(z)
    for _ in range(depth):
        h = layers.Dense(w_dim, kernel_initializer=init.glorot())(h)
        h = layers.LeakyReLU(LEAKY_SLOPE)(h)
    return keras.Model(z, h, name=name)


class StyleGenerator(keras.Model):
    """A small StyleGAN generator: z ``(batch, latent_dim)`` → image ``(batch, 28, 28, 1)`` in
    [-1, 1] (tanh).

    ``mapping`` turns z into w; the synthesis network starts from a learned 7×7 constant and
    has two styled layers per resolution 7, 14, 28 (:data:`STYLE_LEVELS`), each
    ``conv 3×3 → noise → LeakyReLU → AdaIN(w_i)`` with ``channels`` feature maps per
    resolution (the first one at 7×7 skips the conv; the
    first one at 14 and 28 upsamples ×2, nearest). During training, with probability
    ``mixing_prob`` per batch a second z' gives w', and the styles from a crossover point
    ``k ~ U{1, …, 5}`` onwards use w' (style mixing regularisation).
    """

    num_styles = 6

    def __init__(self, latent_dim=32, w_dim=32, channels=(32, 16, 8), mapping_depth=3,
                 mixing_prob=0.9, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0.0 <= mixing_prob <= 1.0:
            raise ValueError(f"mixing_prob must be in [0, 1], got {mixing_prob!r}.")
        channels = tuple(channels)
        if len(channels) != 3:
            raise ValueError(f"channels must give 3 widths (7×7, 14×14, 28×28), got {channels!r}.")
        for c in channels:
            check_positive_int("channels entry", c)
        self.latent_dim, self.w_dim, self.mixing_prob = latent_dim, w_dim, float(mixing_prob)
        self.mapping = mapping_network(latent_dim, w_dim, mapping_depth, seed=seed)
        init = Seeds(None if seed is None else seed + 1)
        self.const = ConstantInput((7, 7, channels[0]), name="const")
        self.convs, self.noises, self.adains = [], [], []
        for i in range(self.num_styles):
            self.convs.append(None if i == 0 else layers.Conv2D(
                channels[i // 2], 3, padding="same", kernel_initializer=init.glorot(),
                name=f"conv{i}"))
            self.noises.append(NoiseInput(seed=None if seed is None else seed * 31 + i,
                                          name=f"noise{i}"))
            self.adains.append(AdaIN(seed=None if seed is None else seed * 37 + i,
                                     name=f"adain{i}"))
        self.up = layers.UpSampling2D(2)
        self.to_image = layers.Conv2D(1, 1, activation="tanh", kernel_initializer=init.glorot(),
                                      name="to_image")
        self.mixing_seed = keras.random.SeedGenerator(None if seed is None else seed + 7)
        self.build((None, latent_dim))

    def build(self, input_shape):
        z = ops.zeros((1, self.latent_dim))
        self.synthesize(self.styles(z))
        self.built = True

    def _check_z(self, z):
        z = ops.convert_to_tensor(z, "float32")
        if len(z.shape) != 2 or z.shape[-1] != self.latent_dim:
            raise ValueError(f"z must have shape (batch, {self.latent_dim}), got "
                             f"{tuple(z.shape)}.")
        return z

    def styles(self, z):
        """w for every styled layer: ``(batch, 6, w_dim)`` (all six the same w)."""
        w = self.mapping(self._check_z(z))
        return ops.repeat(w[:, None, :], self.num_styles, axis=1)

    def mix(self, ws, ws2, crossover):
        """Styles ``< crossover`` from ``ws``, the rest from ``ws2`` (both
        ``(batch, 6, w_dim)``)."""
        keep = ops.arange(self.num_styles)[None, :, None] < crossover
        return ops.where(keep, ws, ws2)

    def synthesize(self, ws, noise=None, training=False):
        """Image ``(batch, 28, 28, 1)`` from styles ``ws`` ``(batch, 6, w_dim)``. ``noise``: None
        (fresh draws) or a list of six ``(batch, h, w, 1)`` noise images (7, 7, 14, 14, 28, 28)."""
        if len(ws.shape) != 3 or ws.shape[1] != self.num_styles:
            raise ValueError(f"ws must have shape (batch, {self.num_styles}, w_dim), got "
                             f"{tuple(ws.shape)}.")
        h = self.const(ws)
        for i in range(self.num_styles):
            if i in (2, 4):
                h = self.up(h)
            if self.convs[i] is not None:
                h = self.convs[i](h)
            h = self.noises[i](h, noise=None if noise is None else noise[i])
            h = ops.leaky_relu(h, LEAKY_SLOPE)
            h = self.adains[i]([h, ws[:, i]])
        return self.to_image(h)

    def call(self, z, training=False):
        ws = self.styles(z)
        if training and self.mixing_prob > 0:
            z2 = keras.random.normal(ops.shape(z), seed=self.mixing_seed)
            cut = keras.random.randint((), 1, self.num_styles, seed=self.mixing_seed)
            use = keras.random.uniform((), seed=self.mixing_seed) < self.mixing_prob
            cut = ops.where(use, cut, self.num_styles)                  # no mixing: cut = 6
            ws = self.mix(ws, self.styles(z2), cut)
        return self.synthesize(ws, training=training)

    def noise_like(self, n, seed=0):
        """A fixed list of six noise images for ``n`` examples (NumPy seed ``seed``)."""
        import numpy as np

        rng = np.random.default_rng(seed)
        return [rng.standard_normal((n, s, s, 1)).astype("float32") for s in (7, 7, 14, 14, 28, 28)]


class ConditionalBatchNorm(layers.Layer):
    """BigGAN's class-conditional batch norm: ``γ(y) · (x − μ_B) / σ_B + β(y)``.

    ``[x (batch, …, c), y]``: with ``shared=False`` ``y`` is an int class ``(batch,)`` and γ, β
    are rows of two ``(num_classes, c)`` tables (γ starts at 1, β at 0); with ``shared=True``
    ``y`` is a float ``(batch, e)`` vector (BigGAN's shared class embedding, concatenated with
    a chunk of z) and γ = 1 + linear(y), β = linear(y), one pair of linear maps per layer.
    """

    def __init__(self, num_classes=10, shared=False, momentum=0.99, epsilon=1e-3, **kwargs):
        super().__init__(**kwargs)
        check_positive_int("num_classes", num_classes)
        self.num_classes, self.shared = num_classes, bool(shared)
        self.norm = layers.BatchNormalization(center=False, scale=False, momentum=momentum,
                                              epsilon=epsilon)

    def build(self, input_shape):
        x_shape, y_shape = input_shape
        c = x_shape[-1]
        if self.shared:
            if len(y_shape) != 2:
                raise ValueError(f"shared=True needs a class vector (batch, e), got {y_shape}.")
            self.gamma = layers.Dense(c, name="gamma")
            self.beta = layers.Dense(c, name="beta")
        else:
            if len(y_shape) != 1:
                raise ValueError(f"shared=False needs int labels (batch,), got {y_shape}.")
            self.gamma = layers.Embedding(self.num_classes, c, embeddings_initializer="ones",
                                          name="gamma")
            self.beta = layers.Embedding(self.num_classes, c, embeddings_initializer="zeros",
                                         name="beta")

    def call(self, inputs, training=False):
        x, y = inputs
        gamma = (1.0 + self.gamma(y)) if self.shared else self.gamma(y)
        beta = self.beta(y)
        shape = (-1,) + (1,) * (len(x.shape) - 2) + (x.shape[-1],)
        return ops.reshape(gamma, shape) * self.norm(x, training=training) \
            + ops.reshape(beta, shape)


__all__ = ["STYLE_LEVELS", "AdaIN", "ConditionalBatchNorm", "ConstantInput", "NoiseInput",
           "StyleGenerator", "adain", "mapping_network"]
