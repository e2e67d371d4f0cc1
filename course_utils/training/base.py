"""``AdversarialModel``: what every trainer of the course shares.

A ``keras.Model`` (the pattern of the Keras guide "Customizing what happens in fit()") that
holds the players' optimizers, a ``keras.random.SeedGenerator`` whose state is saved with the
model (so ``keras.callbacks.BackupAndRestore`` resumes with the same noise as an
uninterrupted run), ``keras.metrics.Mean`` trackers that ``fit`` resets every epoch, the
replica scale for ``tf.distribute``, and a ``fit`` that always carries a
:class:`~course_utils.training.divergence.DivergenceGuard`. Each GAN family is a small child
that writes ``compile`` and ``train_step`` on :mod:`course_utils.training.steps`:
``GAN`` (lesson 03), ``UnrolledGAN`` (06), ``ConditionalGAN`` (09), paired, cycle and
progressive trainers with their lessons.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from course_utils.training.divergence import DivergenceGuard


class AdversarialModel(keras.Model):
    """Base of the course's trainers (not used on its own).

    Args:
        players: ``{name: keras.Model}`` — each becomes an attribute (``self.generator`` …)
            and is tracked, so its weights are saved and restored with the trainer.
        seed: seeds the trainer's ``keras.random.SeedGenerator`` (latent noise, the gradient
            penalty's α, instance noise); ``None`` follows Keras's global seed.

    A child sets ``self.trackers`` (``{name: keras.metrics.Mean}``) in ``compile`` and calls
    :meth:`_update_trackers` at the end of ``train_step``; it names the optimizer whose
    ``iterations`` count the training steps in :attr:`step_optimizer_name` (the divergence
    message says at which step training diverged).
    """

    step_optimizer_name = "g_optimizer"
    _SEED_KEY = "seed_generator_state"

    def __init__(self, players: dict, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not players:
            raise ValueError("A trainer needs at least one player model.")
        for name, model in players.items():
            if not isinstance(model, keras.Model):
                raise ValueError(f"{name} must be a keras.Model, got {type(model).__name__}.")
            setattr(self, name, model)
        self.player_names = tuple(players)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.trackers = {}
        self.compiled_rules = False
        # Built players make a built trainer (BackupAndRestore needs it).
        self.built = all(model.built for model in players.values())

    # ------------------------------------------------------------- compile helpers
    def _set_optimizers(self, **optimizers):
        """Keep each optimizer as an attribute (e.g. ``g_optimizer=…``) and build it on its
        player's variables now, so a checkpoint restores its state (Adam's moments).
        ``{attribute: (optimizer, variables)}``; every optimizer must be its own object."""
        seen = {}
        for attr, (optimizer, variables) in optimizers.items():
            if not isinstance(optimizer, keras.optimizers.Optimizer):
                raise ValueError(f"{attr} must be a Keras optimizer, got {optimizer!r}.")
            if id(optimizer) in seen:
                raise ValueError(f"{seen[id(optimizer)]} and {attr} must be two optimizer "
                                 "objects: each keeps its own state (e.g. Adam's moments).")
            seen[id(optimizer)] = attr
            optimizer.build(list(variables))
            setattr(self, attr, optimizer)
        self.optimizer = None  # the players' optimizers do the work
        self.compiled_rules = True

    # ------------------------------------------------------------- state for resume
    def save_own_variables(self, store):
        """Also save the noise generator's state, so a resumed run draws the same noise as
        an uninterrupted one (``BackupAndRestore``)."""
        super().save_own_variables(store)
        store[self._SEED_KEY] = self.seed_generator.state

    def load_own_variables(self, store):
        keys = list(store.keys())
        if self._SEED_KEY in keys:
            self.seed_generator.state.assign(store[self._SEED_KEY])
        super().load_own_variables({k: store[k] for k in keys if k != self._SEED_KEY})

    # ------------------------------------------------------------- metrics
    @property
    def metrics(self):
        """Trackers that ``fit()`` resets at the start of every epoch."""
        return list(self.trackers.values())

    def _update_trackers(self, values):
        for name, tracker in self.trackers.items():
            tracker.update_state(values[name])
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    @staticmethod
    def _replica_scale():
        """``1 / replicas``: gradients are summed over replicas, so each replica's loss is
        divided by their number."""
        return 1.0 / tf.distribute.get_strategy().num_replicas_in_sync

    # ------------------------------------------------------------- fit
    batches_per_step = 1
    """Real batches one ``train_step`` consumes (a GAN's ``d_steps``: Algorithm 1 draws a
    fresh minibatch for each discriminator update). Above 1, ``fit`` groups the data with
    :func:`group_batches` and ``train_step`` splits it with :func:`split_groups`."""

    def fit(self, x=None, y=None, batch_size=None, *args, shuffle=None, callbacks=None,
            **kwargs):
        """``keras.Model.fit`` with a :class:`DivergenceGuard`; ``shuffle`` defaults to False
        for a ``tf.data.Dataset`` (it shuffles itself, and Keras warns otherwise). With
        :attr:`batches_per_step` k > 1 an epoch of N examples is N / (k · batch) steps."""
        if not self.compiled_rules:
            raise RuntimeError(f"Call compile(...) on the {type(self).__name__} before fit().")
        if shuffle is None:
            shuffle = not isinstance(x, tf.data.Dataset)
        if self.batches_per_step > 1:
            x, y, batch_size, shuffle = self._grouped(x, y, batch_size, shuffle)
        callbacks = list(callbacks or [])
        if not any(isinstance(c, DivergenceGuard) for c in callbacks):
            callbacks.insert(0, DivergenceGuard())
        return super().fit(x, y, batch_size, *args, shuffle=shuffle, callbacks=callbacks,
                           **kwargs)

    def _grouped(self, x, y, batch_size, shuffle):
        """The data as a dataset of groups of :attr:`batches_per_step` batches."""
        if not isinstance(x, tf.data.Dataset):
            data = x if y is None else (x, y)
            n = len(data[0]) if isinstance(data, tuple) else len(data)
            x = tf.data.Dataset.from_tensor_slices(data)
            if shuffle:
                x = x.shuffle(n, seed=self.seed, reshuffle_each_iteration=True)
            x = x.batch(batch_size or 32, drop_remainder=True)
        return group_batches(x, self.batches_per_step), None, None, False

    # ------------------------------------------------------------- inference
    @staticmethod
    def _in_batches(model, inputs, batch_size):
        """``model`` in inference mode over ``inputs`` (a list of equal-length arrays or
        tensors) in slices of ``batch_size``; a NumPy array. (``Model.predict`` would do the
        same but logs a tf.data thread-pool line to stderr on TensorFlow 2.21.)"""
        n = int(inputs[0].shape[0])
        return np.concatenate([
            keras.ops.convert_to_numpy(model(
                [x[i:i + batch_size] for x in inputs] if len(inputs) > 1
                else inputs[0][i:i + batch_size], training=False))
            for i in range(0, n, batch_size)])


GROUPS_KEY = "grouped_batches"


def two_domains(data, trainer: str):
    """``(a, b)`` batches of two unpaired domains from what ``fit`` passes (``(a, b)`` or
    ``((a, b),)``), for the unpaired trainers; a clear error naming ``trainer`` otherwise."""
    x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
    if y is None and isinstance(x, tuple | list) and len(x) == 2:
        x, y = x
    if y is None or isinstance(x, tuple | list):
        raise ValueError(f"{trainer}.fit needs (a, b) batches of the two domains: fit((a, b)), "
                         "fit(a, b) or a dataset of (a, b) batches.")
    return x, y


def group_batches(dataset: tf.data.Dataset, k: int) -> tf.data.Dataset:
    """Each element of ``dataset`` (a batch ``(B, …)``, or a tuple of them) becomes ``k``
    consecutive batches stacked on axis 1, ``(B, k, …)``, under the key :data:`GROUPS_KEY`.

    Axis 1, not 0, so ``tf.distribute`` still splits the batch axis across replicas; the
    key tells ``train_step`` that the element is grouped (a shape could not: ``(B, 2)`` is
    also a batch of 2-D points). Batches must have a fixed size (``drop_remainder=True``).
    """
    def swap(*parts):
        moved = tuple(tf.experimental.numpy.swapaxes(p, 0, 1) for p in parts)
        return {GROUPS_KEY: moved if len(moved) > 1 else moved[0]}

    return dataset.batch(k, drop_remainder=True).map(swap)


def split_groups(data, k: int):
    """A grouped element (see :func:`group_batches`) as ``k`` elements: a list of batches,
    or a tuple of such lists (``(reals, labels)``)."""
    if not (isinstance(data, dict) and GROUPS_KEY in data):
        raise ValueError(f"With d_steps={k} each step takes {k} grouped batches, which fit() "
                         "makes from ordinary batches: call fit(), not train_step() directly.")
    grouped = data[GROUPS_KEY]
    if isinstance(grouped, tuple | list):
        return tuple([part[:, i] for i in range(k)] for part in grouped)
    return [grouped[:, i] for i in range(k)]
