"""``GAN``: a ``keras.Model`` whose ``train_step`` plays the two-player game.

The shape follows the Keras guide "Customizing what happens in fit()" and the
keras-io GAN examples: ``compile`` takes both optimizers and a loss, ``train_step``
calls :func:`course_utils.training.steps.adversarial_round` (``d_steps``
discriminator updates, then one generator update), and ``fit()`` brings progress
bars, callbacks, ``keras.callbacks.BackupAndRestore`` and ``tf.distribute`` for
free. Labels: real = 1, fake = 0. Defined in lesson 03; used from then on.
Siblings (``ConditionalGAN`` …) override :meth:`GAN.train_step` and :meth:`GAN.generate`.
"""

from __future__ import annotations

import inspect

import keras
import numpy as np
import tensorflow as tf

from course_utils import losses as loss_zoo
from course_utils.training import steps
from course_utils.training.divergence import DivergenceGuard

LATENT_DISTRIBUTIONS = ("normal", "uniform")

ACCURACY_THRESHOLDS = {
    "minimax": 0.0, "modified": 0.0, "non_saturating": 0.0, "hinge": 0.0,
    "wasserstein_hinge": 0.0, "least_squares": 0.5, "wasserstein": None,
}
"""Where D's output means "real": logit sign for the cross-entropy and hinge losses, 0.5 for
least squares (targets 1 and 0); ``None`` for the Wasserstein critic, whose output is a
score, not a decision (no accuracy is reported)."""


def _latent_dim_of(generator, latent_dim):
    if latent_dim is not None:
        return int(latent_dim)
    shape = generator.input_shape
    if isinstance(shape, list):  # [z, condition]
        shape = shape[0]
    if not (isinstance(shape, tuple) and len(shape) == 2 and shape[1]):
        raise ValueError(f"Pass latent_dim: the generator's input shape {shape!r} is not "
                         "(batch, latent_dim).")
    return int(shape[1])


def _accepts(fn, name):
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def make_rules(loss="non_saturating", *, d_steps=1, label_smoothing=0.0,
               gradient_penalty_weight=0.0, instance_noise=0.0, accuracy_threshold="auto",
               g_loss_kwargs=None, d_loss_kwargs=None) -> steps.Rules:
    """:class:`~course_utils.training.steps.Rules` from a loss name of
    :data:`course_utils.losses.LOSSES` or a ``(generator_loss_fn, discriminator_loss_fn)``
    pair with TF-GAN's signatures. ``label_smoothing`` goes to D's loss (0 = the textbook
    loss; the ``losses`` functions keep TF-GAN's default 0.25 when called directly)."""
    if isinstance(loss, str):
        g_fn, d_fn = loss_zoo.get_loss_pair(loss)
        key = loss.strip().lower().replace("-", "_")
        threshold = ACCURACY_THRESHOLDS.get(key) if accuracy_threshold == "auto" \
            else accuracy_threshold
    elif isinstance(loss, tuple | list) and len(loss) == 2 and all(map(callable, loss)):
        g_fn, d_fn = loss
        threshold = None if accuracy_threshold == "auto" else accuracy_threshold
    else:
        raise ValueError("loss must be a loss name or a (generator_loss_fn, "
                         f"discriminator_loss_fn) pair, got {loss!r}.")
    g_kwargs, d_kwargs = dict(g_loss_kwargs or {}), dict(d_loss_kwargs or {})
    if "label_smoothing" in d_kwargs:
        raise ValueError("Pass label_smoothing= to compile, not in d_loss_kwargs.")
    if not 0.0 <= label_smoothing < 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1), got {label_smoothing}.")
    if _accepts(d_fn, "label_smoothing"):
        d_kwargs["label_smoothing"] = float(label_smoothing)
    elif label_smoothing:
        raise ValueError(f"This discriminator loss takes no label_smoothing (got "
                         f"{label_smoothing}).")
    return steps.Rules(
        d_loss=lambda real_logits, fake_logits: d_fn(real_logits, fake_logits, **d_kwargs),
        g_loss=lambda fake_logits, fake, target: g_fn(fake_logits, **g_kwargs),
        d_steps=d_steps, gradient_penalty_weight=float(gradient_penalty_weight),
        instance_noise=float(instance_noise), accuracy_threshold=threshold)


class GAN(keras.Model):
    """A generator and a discriminator trained together with ``fit()``.

    Args:
        generator: ``keras.Model`` mapping ``(batch, latent_dim)`` to samples.
        discriminator: ``keras.Model`` mapping samples to logits ``(batch, 1)`` (or any
            logit shape, e.g. PatchGAN's).
        latent_dim: size of z; read from ``generator.input_shape`` if omitted.
        latent_distribution: ``"normal"`` (N(0, 1)) or ``"uniform"`` (U(-1, 1)).
        seed: seeds the model's ``keras.random.SeedGenerator`` (latent noise, the
            gradient penalty's α, instance noise).

    ``fit(x)`` takes real samples (a ``tf.data.Dataset`` or array); a dataset of
    ``(x, y)`` pairs is accepted and ``y`` ignored (see ``ConditionalGAN`` for labels).
    Training that produces a NaN or inf loss stops with :class:`TrainingDiverged`.
    """

    def __init__(self, generator, discriminator, latent_dim=None,
                 latent_distribution="normal", seed=None, **kwargs):
        super().__init__(**kwargs)
        if latent_distribution not in LATENT_DISTRIBUTIONS:
            raise ValueError(f"Unknown latent_distribution {latent_distribution!r}: expected one "
                             f"of {', '.join(LATENT_DISTRIBUTIONS)}.")
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = _latent_dim_of(generator, latent_dim)
        self.latent_distribution = latent_distribution
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.rules = None
        self.trackers = {}
        # Both players are built Keras models, so the GAN is too (BackupAndRestore needs it).
        self.built = bool(generator.built and discriminator.built)

    def compile(self, *, d_optimizer, g_optimizer, loss="non_saturating", d_steps=1,
                label_smoothing=0.0, gradient_penalty_weight=0.0, clip_weights=None,
                instance_noise=0.0, accuracy_threshold="auto", g_loss_kwargs=None,
                d_loss_kwargs=None, **kwargs):
        """Set both optimizers and the rules of the game.

        Args:
            d_optimizer, g_optimizer: two distinct Keras optimizers (keyword-only).
            loss: a name of :data:`course_utils.losses.LOSSES` or a pair
                ``(generator_loss_fn, discriminator_loss_fn)`` with TF-GAN's signatures.
            d_steps: discriminator updates per generator update (k in Goodfellow et al.
                2014, Algorithm 1); each uses fresh noise and the same real batch.
            label_smoothing: one-sided label smoothing of D's cross-entropy (0 = off).
            gradient_penalty_weight: λ of WGAN-GP (0 = off).
            clip_weights: c of WGAN's weight clipping: a :class:`steps.ClipWeights`
                constraint on every D weight, applied after each of its updates; ``None`` = off.
            instance_noise: std of Gaussian noise added to D's inputs (0 = off).
            accuracy_threshold: ``"auto"`` (from the loss name, see
                :data:`ACCURACY_THRESHOLDS`), a number, or ``None`` (no accuracy metric).
            g_loss_kwargs, d_loss_kwargs: extra keyword arguments of the loss functions.
        """
        super().compile(**kwargs)
        self.optimizer = None  # the two players' optimizers below do the work
        if g_optimizer is d_optimizer:
            raise ValueError("g_optimizer and d_optimizer must be two optimizer objects: each "
                             "keeps its own state (e.g. Adam's moments).")
        if not isinstance(d_steps, int) or isinstance(d_steps, bool) or d_steps < 1:
            raise ValueError(f"d_steps must be an int ≥ 1, got {d_steps!r}.")
        if clip_weights is not None:
            for w in self.discriminator.trainable_variables:
                w.constraint = steps.ClipWeights(clip_weights)  # raises on c ≤ 0
        self.rules = make_rules(loss, d_steps=d_steps, label_smoothing=label_smoothing,
                                gradient_penalty_weight=gradient_penalty_weight,
                                instance_noise=instance_noise,
                                accuracy_threshold=accuracy_threshold,
                                g_loss_kwargs=g_loss_kwargs, d_loss_kwargs=d_loss_kwargs)
        self.clip_weights = clip_weights
        self.g_optimizer, self.d_optimizer = g_optimizer, d_optimizer
        # Build the optimizers now so a checkpoint restores their state (e.g. Adam's moments).
        g_optimizer.build(self.generator.trainable_variables)
        d_optimizer.build(self.discriminator.trainable_variables)
        names = ["d_loss", "g_loss"]
        if self.rules.accuracy_threshold is not None:
            names += ["d_acc_real", "d_acc_fake"]
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

    _SEED_KEY = "seed_generator_state"

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

    @property
    def metrics(self):
        """Trackers that ``fit()`` resets at the start of every epoch."""
        return list(self.trackers.values())

    def sample_latent(self, n):
        """Latent vectors ``(n, latent_dim)`` drawn with the model's seed generator.

        Under ``tf.distribute`` the seed generator's state is mirrored, so every replica
        would draw the same numbers: each replica therefore takes its own slice of the noise
        of the whole global batch, and R replicas see what one device sees.
        """
        replicas = tf.distribute.get_strategy().num_replicas_in_sync
        context = tf.distribute.get_replica_context()
        if replicas == 1 or context is None:
            return steps.sample_latent(self.seed_generator, n, self.latent_dim,
                                       self.latent_distribution)
        z = steps.sample_latent(self.seed_generator, n * replicas, self.latent_dim,
                                self.latent_distribution)  # the same draw on every replica ...
        start = tf.cast(context.replica_id_in_sync_group, tf.int32) * n
        return z[start:start + n]  # ... each keeps its own part

    def call(self, z, training=False):
        """Generate from given latent vectors ``(batch, latent_dim)``."""
        return self.generator(z, training=training)

    def _check_z(self, n, z):
        z = self.sample_latent(n) if z is None else tf.convert_to_tensor(z, dtype=tf.float32)
        if len(z.shape) != 2 or z.shape[-1] != self.latent_dim:
            raise ValueError(f"z has shape {tuple(z.shape)}; expected (n, {self.latent_dim}).")
        return z

    def _in_batches(self, inputs, batch_size):
        n = int(inputs[0].shape[0])
        return np.concatenate([
            keras.ops.convert_to_numpy(self.generator(
                [x[i:i + batch_size] for x in inputs] if len(inputs) > 1
                else inputs[0][i:i + batch_size], training=False))
            for i in range(0, n, batch_size)])

    def generate(self, n, z=None, batch_size=256) -> np.ndarray:
        """``n`` samples as a NumPy array (generator in inference mode).

        Pass ``z`` ``(n, latent_dim)`` for fixed noise (e.g. progress grids).
        """
        return self._in_batches([self._check_z(n, z)], batch_size)

    def fit(self, x=None, *args, shuffle=None, callbacks=None, **kwargs):
        """``keras.Model.fit`` with a :class:`DivergenceGuard`; ``shuffle`` defaults to False
        for a ``tf.data.Dataset`` (it shuffles itself, and Keras warns otherwise)."""
        if self.rules is None:
            raise RuntimeError("Call compile(d_optimizer=..., g_optimizer=...) before fit().")
        if shuffle is None:
            shuffle = not isinstance(x, tf.data.Dataset)
        callbacks = list(callbacks or [])
        if not any(isinstance(c, DivergenceGuard) for c in callbacks):
            callbacks.insert(0, DivergenceGuard())
        return super().fit(x, *args, shuffle=shuffle, callbacks=callbacks, **kwargs)

    def _replica_scale(self):
        # Gradients are summed over replicas, so each replica's loss is divided by their number.
        return 1.0 / tf.distribute.get_strategy().num_replicas_in_sync

    def _update_trackers(self, values):
        for name, tracker in self.trackers.items():
            tracker.update_state(values[name])
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    def train_step(self, data):
        real = data[0] if isinstance(data, tuple | list) else data
        values = steps.adversarial_round(
            self.generator, self.discriminator, self.g_optimizer, self.d_optimizer, real,
            self.rules, self.sample_latent, seed_generator=self.seed_generator,
            loss_scale=self._replica_scale())
        return self._update_trackers(values)
