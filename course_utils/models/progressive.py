"""Progressive growing of GANs (Karras et al. 2017, arXiv 1710.10196), sized for 28×28 MNIST.

The networks grow 7×7 → 14×14 → 28×28 (stages 0, 1, 2). Each new block is *faded in*: at
stage ``s`` with weight α ∈ [0, 1],

    G_s(z) = (1 − α) · up(toRGB_{s−1}(h_{s−1})) + α · toRGB_s(h_s)
    D_s(x) = D_{<s}((1 − α) · fromRGB_{s−1}(down(x)) + α · block_s(fromRGB_s(x)))

so α = 0 is the previous, smaller network and α = 1 the new one. The paper's other three
pieces are here too:

* :class:`EqualizedDense` / :class:`EqualizedConv2D` — *equalized learning rate* (§4.1):
  weights drawn from N(0, 1) and multiplied at run time by He's constant
  c = gain / sqrt(fan_in), so every layer learns at the same speed under Adam;
* :class:`PixelNorm` — pixelwise feature normalisation in G (§4.2):
  b = a / sqrt(mean_channels(a²) + ε);
* :class:`~course_utils.models.blocks.MinibatchStdDev` near D's end (§3).

:class:`ProgressiveGenerator` and :class:`ProgressiveDiscriminator` hold the layers of all
stages; ``net(x, stage=s, alpha=a)`` runs one stage, and :meth:`stage_variables` lists the
variables that stage uses (the trainer updates only those). Called without ``stage`` they
are the full 28×28 networks. Defined in lesson 12.
"""

from __future__ import annotations

import math

import keras
import numpy as np
from keras import layers, ops

from course_utils.models._common import check_positive_int

RESOLUTIONS = (7, 14, 28)
"""Image side at stages 0, 1, 2."""
LEAKY_SLOPE = 0.2
HE_GAIN = math.sqrt(2.0)  # He's gain for (leaky) ReLU layers


def check_stage(stage) -> int:
    """``stage`` as an int in 0–2, or a clear error."""
    if isinstance(stage, bool) or not isinstance(stage, int | np.integer) \
            or not 0 <= stage < len(RESOLUTIONS):
        raise ValueError(f"stage must be 0, 1 or 2 (7×7, 14×14, 28×28), got {stage!r}.")
    return int(stage)


def _normal_initializer(seed):
    return keras.initializers.RandomNormal(0.0, 1.0, seed=seed)


class EqualizedDense(layers.Layer):
    """Dense layer with equalized learning rate: ``y = x · (c·W) + b``, W ~ N(0, 1),
    c = gain / sqrt(fan_in). ``(batch, fan_in)`` → ``(batch, units)``."""

    def __init__(self, units, gain=HE_GAIN, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.units, self.gain, self.seed = check_positive_int("units", units), float(gain), seed

    def build(self, input_shape):
        fan_in = input_shape[-1]
        if fan_in is None:
            raise ValueError("EqualizedDense needs a known last input dimension.")
        self.scale = self.gain / math.sqrt(fan_in)  # He's constant, applied at run time
        self.kernel = self.add_weight(shape=(fan_in, self.units), name="kernel",
                                      initializer=_normal_initializer(self.seed))
        self.bias = self.add_weight(shape=(self.units,), name="bias", initializer="zeros")

    def call(self, x):
        return ops.matmul(x, self.kernel * self.scale) + self.bias

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "gain": self.gain, "seed": self.seed}


class EqualizedConv2D(layers.Layer):
    """``same``-padded convolution with equalized learning rate: kernel ~ N(0, 1) scaled at
    run time by c = gain / sqrt(k·k·c_in). ``(batch, h, w, c_in)`` → ``(batch, h, w, filters)``."""

    def __init__(self, filters, kernel_size=3, gain=HE_GAIN, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.filters = check_positive_int("filters", filters)
        self.kernel_size = check_positive_int("kernel_size", kernel_size)
        self.gain, self.seed = float(gain), seed

    def build(self, input_shape):
        if len(input_shape) != 4 or input_shape[-1] is None:
            raise ValueError("EqualizedConv2D takes images (batch, h, w, channels) with a known "
                             f"number of channels, got shape {tuple(input_shape)}.")
        k, c_in = self.kernel_size, input_shape[-1]
        self.scale = self.gain / math.sqrt(k * k * c_in)
        self.kernel = self.add_weight(shape=(k, k, c_in, self.filters), name="kernel",
                                      initializer=_normal_initializer(self.seed))
        self.bias = self.add_weight(shape=(self.filters,), name="bias", initializer="zeros")

    def call(self, x):
        return ops.conv(x, self.kernel * self.scale, padding="same") + self.bias

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.filters)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters,
                "kernel_size": self.kernel_size, "gain": self.gain, "seed": self.seed}


class PixelNorm(layers.Layer):
    """``a / sqrt(mean over channels of a² + ε)``: every pixel's feature vector gets unit
    root-mean-square. Any shape ``(…, channels)``; no weights."""

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def call(self, x):
        return x * ops.rsqrt(ops.mean(ops.square(x), axis=-1, keepdims=True) + self.epsilon)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}


def upsample(x):
    """Nearest-neighbour ×2: ``(b, h, w, c)`` → ``(b, 2h, 2w, c)``."""
    return ops.repeat(ops.repeat(x, 2, axis=1), 2, axis=2)


def downsample(x):
    """2×2 average pooling: ``(b, h, w, c)`` → ``(b, h/2, w/2, c)``."""
    return ops.average_pool(x, 2, 2, padding="valid")


def to_full_size(images):
    """Images of any stage ``(n, r, r, c)`` brought to 28×28 by nearest-neighbour repetition,
    so the course classifier can read them."""
    images = np.asarray(images)
    factor = RESOLUTIONS[-1] // images.shape[1]
    return images.repeat(factor, axis=1).repeat(factor, axis=2)


def _lrelu(x):
    return ops.leaky_relu(x, LEAKY_SLOPE)


class _Seeds:
    def __init__(self, seed):
        self.seed, self.count = seed, 0

    def __call__(self):
        self.count += 1
        return None if self.seed is None else self.seed * 1009 + self.count


class ProgressiveGenerator(keras.Model):
    """z ``(batch, latent_dim)`` → image ``(batch, r, r, 1)`` in [-1, 1], r = 7·2^stage.

    Args:
        latent_dim: size of z.
        widths: channels at 7×7, 14×14, 28×28.
        seed: initial weights (``None``: Keras's global seed).
    """

    def __init__(self, latent_dim=32, widths=(24, 24, 16), seed=None, name="progressive_generator",
                 **kwargs):
        super().__init__(name=name, **kwargs)
        self.latent_dim = check_positive_int("latent_dim", latent_dim)
        if len(widths) != len(RESOLUTIONS):
            raise ValueError(f"widths needs {len(RESOLUTIONS)} entries (7, 14, 28), "
                             f"got {widths!r}.")
        self.widths = tuple(check_positive_int("width", w) for w in widths)
        s = _Seeds(seed)
        w0 = self.widths[0]
        self.project = EqualizedDense(7 * 7 * w0, gain=math.sqrt(2.0) / 4, seed=s(), name="project")
        self.base_conv = EqualizedConv2D(w0, seed=s(), name="conv_7")
        self.blocks = [[EqualizedConv2D(w, seed=s(), name=f"conv_{r}a"),
                        EqualizedConv2D(w, seed=s(), name=f"conv_{r}b")]
                       for r, w in zip(RESOLUTIONS[1:], self.widths[1:], strict=True)]
        self.to_rgb = [EqualizedConv2D(1, 1, gain=1.0, seed=s(), name=f"to_rgb_{r}")
                       for r in RESOLUTIONS]
        self.norm = PixelNorm()
        for stage in range(len(RESOLUTIONS)):  # build every layer now
            self(ops.zeros((1, self.latent_dim)), stage=stage, alpha=0.5)

    def build(self, input_shape=None):  # every layer is built in __init__
        self.built = True

    def features(self, z, stage):
        """Feature maps of every stage up to ``stage`` (list, 7×7 first)."""
        h = self.project(self.norm(z))
        h = self.norm(_lrelu(ops.reshape(h, (-1, 7, 7, self.widths[0]))))
        h = self.norm(_lrelu(self.base_conv(h)))
        features = [h]
        for conv_a, conv_b in self.blocks[:stage]:
            h = upsample(h)
            h = self.norm(_lrelu(conv_a(h)))
            h = self.norm(_lrelu(conv_b(h)))
            features.append(h)
        return features

    def call(self, z, stage=2, alpha=1.0, training=False):
        stage = check_stage(stage)
        features = self.features(z, stage)
        new = self.to_rgb[stage](features[stage])                        # toRGB_s(h_s)
        if stage > 0:
            old = upsample(self.to_rgb[stage - 1](features[stage - 1]))  # up(toRGB_{s−1}(h_{s−1}))
            new = (1.0 - alpha) * old + alpha * new                      # the fade-in blend
        return ops.tanh(new)

    def stage_layers(self, stage):
        stage = check_stage(stage)
        used = [self.project, self.base_conv, *[c for b in self.blocks[:stage] for c in b],
                self.to_rgb[stage]]
        return used + ([self.to_rgb[stage - 1]] if stage > 0 else [])

    def stage_variables(self, stage):
        """The trainable variables that ``stage`` (with its fade-in) uses."""
        return [v for layer in self.stage_layers(stage) for v in layer.trainable_variables]


class ProgressiveDiscriminator(keras.Model):
    """image ``(batch, r, r, 1)`` in [-1, 1], r = 7·2^stage → logit ``(batch, 1)``.

    Args:
        widths: channels at 7×7, 14×14, 28×28.
        seed: initial weights.
    """

    def __init__(self, widths=(24, 24, 16), seed=None, name="progressive_discriminator",
                 **kwargs):
        from course_utils.models.blocks import MinibatchStdDev

        super().__init__(name=name, **kwargs)
        if len(widths) != len(RESOLUTIONS):
            raise ValueError(f"widths needs {len(RESOLUTIONS)} entries (7, 14, 28), "
                             f"got {widths!r}.")
        self.widths = tuple(check_positive_int("width", w) for w in widths)
        s = _Seeds(seed)
        self.from_rgb = [EqualizedConv2D(w, 1, seed=s(), name=f"from_rgb_{r}")
                         for r, w in zip(RESOLUTIONS, self.widths, strict=True)]
        # block of stage s: two convs at its resolution, the second to stage s−1's width
        self.blocks = [None] + [[EqualizedConv2D(w, seed=s(), name=f"conv_{r}a"),
                                 EqualizedConv2D(w_prev, seed=s(), name=f"conv_{r}b")]
                                for r, w, w_prev in zip(RESOLUTIONS[1:], self.widths[1:],
                                                        self.widths[:-1], strict=True)]
        self.stddev = MinibatchStdDev(name="minibatch_stddev")
        self.base_conv = EqualizedConv2D(self.widths[0], seed=s(), name="conv_7")
        self.dense = EqualizedDense(self.widths[0], seed=s(), name="dense")
        self.logit = EqualizedDense(1, gain=1.0, seed=s(), name="logit")
        for stage in range(len(RESOLUTIONS)):
            self(ops.zeros((2, RESOLUTIONS[stage], RESOLUTIONS[stage], 1)), stage=stage,
                 alpha=0.5)

    def build(self, input_shape=None):  # every layer is built in __init__
        self.built = True

    def call(self, x, stage=2, alpha=1.0, training=False):
        stage = check_stage(stage)
        r = RESOLUTIONS[stage]
        if tuple(x.shape[1:]) != (r, r, 1):
            raise ValueError(f"The discriminator at stage {stage} takes images (batch, {r}, {r}, "
                             f"1), got {tuple(x.shape)}.")
        h = _lrelu(self.from_rgb[stage](x))
        for s in range(stage, 0, -1):
            conv_a, conv_b = self.blocks[s]
            h = downsample(_lrelu(conv_b(_lrelu(conv_a(h)))))
            if s == stage:                                        # fade the new block in
                old = _lrelu(self.from_rgb[s - 1](downsample(x)))
                h = (1.0 - alpha) * old + alpha * h
        h = _lrelu(self.base_conv(self.stddev(h)))
        h = _lrelu(self.dense(ops.reshape(h, (-1, 7 * 7 * self.widths[0]))))
        return self.logit(h)

    def stage_layers(self, stage):
        stage = check_stage(stage)
        used = [self.from_rgb[stage], *[c for b in self.blocks[1:stage + 1] for c in b],
                self.base_conv, self.dense, self.logit]
        return used + ([self.from_rgb[stage - 1]] if stage > 0 else [])

    def stage_variables(self, stage):
        """The trainable variables that ``stage`` (with its fade-in) uses."""
        return [v for layer in self.stage_layers(stage) for v in layer.trainable_variables]


def progressive_generator(latent_dim=32, widths=(24, 24, 16), seed=None) -> ProgressiveGenerator:
    """A :class:`ProgressiveGenerator` (all stages built)."""
    return ProgressiveGenerator(latent_dim, widths, seed=seed)


def progressive_discriminator(widths=(24, 24, 16), seed=None) -> ProgressiveDiscriminator:
    """A :class:`ProgressiveDiscriminator` (all stages built)."""
    return ProgressiveDiscriminator(widths, seed=seed)


__all__ = ["EqualizedConv2D", "EqualizedDense", "PixelNorm", "ProgressiveDiscriminator",
           "ProgressiveGenerator", "RESOLUTIONS", "check_stage", "downsample",
           "progressive_discriminator", "progressive_generator", "to_full_size", "upsample"]
