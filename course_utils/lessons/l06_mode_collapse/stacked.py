"""Several small GANs trained side by side in one Keras model ("stacked" GANs).

Lesson 06 measures every method over several seeds. Training the seeds one after the other
would cost one compiled training loop and one ``fit`` per seed; instead the ``S`` models are
*stacked*: every dense layer holds ``S`` independent weight matrices ``(S, in, out)`` and
applies them with one ``einsum``, so one ``fit`` of the course's
:class:`~course_utils.training.GAN` (or :class:`~course_utils.training.UnrolledGAN`) trains
``S`` independent GANs at the cost of one slightly wider one.

Layout: a batch of ``B`` examples for each of the ``S`` models is a tensor of ``S · B`` rows in
**blocks**: rows ``s · B … s · B + B − 1`` belong to model ``s`` (:func:`stack_columns`,
:func:`split_columns`); a layer reshapes them to ``(S, B, features)`` and multiplies by its
``(S, in, out)`` kernel with one batched ``matmul``. Always call a stacked model on the whole
stack at once (``GAN.generate(n, z=z, batch_size=len(z))``): a slice of the rows is not a
stack. Nothing mixes the columns: no layer lets model ``s``'s output depend
on model ``t``'s rows or weights, the losses are means over rows (each column's loss scaled by
``1/S``, which Adam does not see), and the gradient penalty is taken per row, so per model.
Column ``s`` starts from exactly the weights of ``models.mlp_generator(..., seed=seeds[s])`` /
``models.mlp_discriminator(..., seed=seeds[s])``.

Defined in lesson 06.
"""

from __future__ import annotations

from collections.abc import Sequence

import keras
import numpy as np
from keras import layers, ops

from course_utils.models import Pack

__all__ = ["StackedDense", "StackedMinibatchStdDev", "split_columns",
           "stack_columns", "stacked_dataset", "stacked_discriminator", "stacked_generator"]


def _positive_int(name, value) -> int:
    if not isinstance(value, int | np.integer) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return int(value)


def _seeds(seeds, n_models=None) -> list[int]:
    seeds = list(seeds) if isinstance(seeds, Sequence | np.ndarray) else None
    if not seeds or not all(isinstance(s, int | np.integer) and not isinstance(s, bool)
                            and s >= 0 for s in seeds):
        raise ValueError(f"seeds must be a non-empty list of ints >= 0, got {seeds!r}.")
    if n_models is not None and len(seeds) != n_models:
        raise ValueError(f"Expected {n_models} seeds (one per model), got {len(seeds)}.")
    return [int(s) for s in seeds]


class StackedDense(layers.Layer):
    """``S`` independent dense layers side by side: ``(S·B, in)`` → ``(S·B, units)``.

    Block ``s`` of the rows goes through model ``s``'s kernel ``(in, units)`` and bias. Kernel ``s``
    starts as ``GlorotUniform(seed=init_seeds[s])``, biases at zero (Keras's ``Dense``).
    """

    def __init__(self, units, init_seeds, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = _positive_int("units", units)
        self.init_seeds = _seeds(init_seeds)
        self.n_models = len(self.init_seeds)
        self.activation = keras.activations.get(activation)
        self._activation_name = activation

    def build(self, input_shape):
        fan_in = int(input_shape[-1])

        def init(shape, dtype=None):
            return ops.stack([keras.initializers.GlorotUniform(seed=s)((fan_in, self.units),
                                                                     dtype=dtype)
                              for s in self.init_seeds])

        self.kernel = self.add_weight(shape=(self.n_models, fan_in, self.units),
                                      initializer=init, name="kernel")
        self.bias = self.add_weight(shape=(self.n_models, self.units), initializer="zeros",
                                    name="bias")

    def call(self, x):
        h = ops.reshape(x, (self.n_models, -1, ops.shape(x)[-1]))  # (S, B, in)
        h = ops.matmul(h, self.kernel) + self.bias[:, None, :]
        return ops.reshape(self.activation(h), (-1, self.units))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "init_seeds": self.init_seeds,
                "activation": self._activation_name}


class StackedMinibatchStdDev(layers.Layer):
    """``(S·B, f)`` → ``(S·B, f + 1)``: :class:`course_utils.models.MinibatchStdDev` (whole
    batch as one group) applied to each model's block of ``B`` rows separately."""

    def __init__(self, n_models, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.n_models, self.epsilon = _positive_int("n_models", n_models), float(epsilon)

    def call(self, x):
        h = ops.reshape(x, (self.n_models, -1, ops.shape(x)[-1]))  # (S, B, f)
        std = ops.sqrt(ops.var(h, axis=1) + self.epsilon)  # (S, f): over each model's batch
        stat = ops.mean(std, axis=-1, keepdims=True)  # (S, 1)
        stat = ops.broadcast_to(stat[:, None, :], (self.n_models, ops.shape(h)[1], 1))
        return ops.concatenate([x, ops.reshape(ops.cast(stat, x.dtype), (-1, 1))], axis=-1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1] + 1)

    def get_config(self):
        return {**super().get_config(), "n_models": self.n_models, "epsilon": self.epsilon}


def _layer_seeds(seeds, layer):
    """The initialiser seed of layer ``layer`` (1, 2, …) of each model, as the course's
    builders draw them (``seed · 1009 + layer``)."""
    return [s * 1009 + layer for s in seeds]


def stacked_generator(seeds, latent_dim=2, dim=2, hidden=(128, 128), activation="relu",
                      name="stacked_generator") -> keras.Model:
    """``S = len(seeds)`` MLP generators side by side: z ``(S·B, latent_dim)`` → ``(S·B, dim)``.

    Column ``s`` starts as ``models.mlp_generator(latent_dim, (dim,), hidden, seed=seeds[s])``.
    """
    seeds = _seeds(seeds)
    _positive_int("latent_dim", latent_dim)
    _positive_int("dim", dim)
    z = keras.Input((latent_dim,), name="z")
    h = z
    for i, width in enumerate(hidden):
        h = StackedDense(width, _layer_seeds(seeds, i + 1), activation, name=f"dense_{i}")(h)
    x = StackedDense(dim, _layer_seeds(seeds, len(hidden) + 1), name="out")(h)
    return keras.Model(z, x, name=name)


def stacked_discriminator(seeds, dim=2, hidden=(128, 128), activation="leaky_relu", pack=1,
                          minibatch_std=False, std_layer=None,
                          name="stacked_discriminator") -> keras.Model:
    """``S = len(seeds)`` MLP discriminators side by side: x ``(S·B, dim)`` → logits.

    Args:
        pack: PacGAN's ``m``: each model judges ``m`` of its samples at once (logits
            ``(S · B/m, 1)``), packed by the shared :class:`course_utils.models.Pack`
            (consecutive rows side by side, so each model's block stays its own); 1 = no
            packing.
        minibatch_std: append each model's minibatch standard deviation of the features
            (:class:`StackedMinibatchStdDev`) before hidden layer ``std_layer``. Default
            (``None``): before the last hidden layer, as progressive GAN inserts it before
            D's last block (Karras et al. 2017, Table 2); 0: of the input samples themselves.

    Column ``s`` starts as ``models.mlp_discriminator((pack · dim,), hidden, seed=seeds[s])``
    (with the minibatch-std feature, the second layer has one more input).
    """
    seeds = _seeds(seeds)
    n = len(seeds)
    _positive_int("dim", dim)
    _positive_int("pack", pack)
    std_layer = len(hidden) - 1 if std_layer is None else std_layer
    if minibatch_std and not 0 <= std_layer < len(hidden):
        raise ValueError(f"minibatch_std needs a hidden layer number std_layer in "
                         f"[0, {len(hidden)}), got {std_layer!r} with hidden={hidden!r}.")
    x = keras.Input((dim,), name="x")
    h = Pack(pack, name="pack")(x) if pack > 1 else x
    for i, width in enumerate(hidden):
        if minibatch_std and i == std_layer:
            h = StackedMinibatchStdDev(n, name="minibatch_std")(h)
        h = StackedDense(width, _layer_seeds(seeds, i + 1), activation, name=f"dense_{i}")(h)
    logit = StackedDense(1, _layer_seeds(seeds, len(hidden) + 1), name="logit")(h)
    return keras.Model(x, logit, name=name)


def stack_columns(columns) -> np.ndarray:
    """``(S, n, d)`` per-model arrays → ``(S·n, d)`` rows in blocks (block ``s`` is
    ``columns[s]``)."""
    columns = np.asarray(columns)
    if columns.ndim != 3:
        raise ValueError(f"columns must have shape (S, n, d), got {columns.shape}.")
    return np.ascontiguousarray(columns.reshape(-1, columns.shape[2]))


def split_columns(rows, n_models) -> np.ndarray:
    """``(S·n, d)`` rows in blocks → ``(S, n, d)``: model ``s``'s rows are ``[s]``."""
    rows = np.asarray(rows)
    n_models = _positive_int("n_models", n_models)
    if rows.ndim != 2 or len(rows) % n_models:
        raise ValueError(f"rows must have shape ({n_models}·n, d), got {rows.shape}.")
    return rows.reshape(n_models, -1, rows.shape[1])


def stacked_dataset(pools, batch_size, seed=0):
    """A repeating ``tf.data.Dataset`` of ``(S · batch_size, d)`` real batches in blocks.

    ``pools``: ``(S, N, d)``, model ``s``'s real samples (they may come from different
    distributions). Every batch takes ``batch_size`` rows of each pool, reshuffled each pass.
    """
    import tensorflow as tf

    pools = np.asarray(pools, dtype=np.float32)
    if pools.ndim != 3:
        raise ValueError(f"pools must have shape (S, N, d), got {pools.shape}.")
    batch_size = _positive_int("batch_size", batch_size)
    if pools.shape[1] < batch_size:
        raise ValueError(f"each pool needs at least batch_size={batch_size} samples, "
                         f"got {pools.shape[1]}.")
    dim = pools.shape[2]
    ds = tf.data.Dataset.from_tensor_slices(pools.transpose(1, 0, 2))  # elements (S, d)
    ds = ds.shuffle(pools.shape[1], seed=seed, reshuffle_each_iteration=True).repeat()
    ds = ds.batch(batch_size, drop_remainder=True)  # (B, S, d)
    return ds.map(lambda x: tf.reshape(tf.transpose(x, (1, 0, 2)), (-1, dim))).prefetch(
        tf.data.AUTOTUNE)
