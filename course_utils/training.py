"""``GAN``: a ``keras.Model`` whose ``train_step`` plays the two-player game.

The shape follows the Keras guide "Customizing what happens in fit()" and
the keras-io GAN examples: ``compile`` takes both optimizers and a loss,
``train_step`` does ``d_steps`` discriminator updates then one generator
update, and ``fit()`` brings progress bars, callbacks,
``keras.callbacks.BackupAndRestore`` and ``tf.distribute`` for free.
Labels: real = 1, fake = 0. Defined in lesson 03; used from then on.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from course_utils import losses as loss_zoo

LATENT_DISTRIBUTIONS = ("normal", "uniform")


class GAN(keras.Model):
    """A generator and a discriminator trained together with ``fit()``.

    Args:
        generator: ``keras.Model`` mapping ``(batch, latent_dim)`` to samples.
        discriminator: ``keras.Model`` mapping samples to logits ``(batch, 1)``
            (or any logit shape, e.g. PatchGAN's).
        latent_dim: size of z; read from ``generator.input_shape`` if omitted.
        latent_distribution: ``"normal"`` (N(0, 1)) or ``"uniform"`` (U(-1, 1)).
        seed: seeds the model's ``keras.random.SeedGenerator`` (latent noise).

    ``fit(x)`` takes real samples (a ``tf.data.Dataset`` or array); a dataset
    of ``(x, y)`` pairs is accepted and ``y`` ignored.
    """

    def __init__(self, generator, discriminator, latent_dim=None,
                 latent_distribution="normal", seed=None, **kwargs):
        super().__init__(**kwargs)
        if latent_distribution not in LATENT_DISTRIBUTIONS:
            raise ValueError(f"Unknown latent_distribution {latent_distribution!r}: expected one "
                             f"of {', '.join(LATENT_DISTRIBUTIONS)}.")
        if latent_dim is None:
            shape = generator.input_shape
            if not (isinstance(shape, tuple) and len(shape) == 2 and shape[1]):
                raise ValueError("Pass latent_dim: the generator's input shape "
                                 f"{shape!r} is not (batch, latent_dim).")
            latent_dim = int(shape[1])
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = int(latent_dim)
        self.latent_distribution = latent_distribution
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.d_acc_real_tracker = keras.metrics.Mean(name="d_acc_real")
        self.d_acc_fake_tracker = keras.metrics.Mean(name="d_acc_fake")
        # Both players are built Keras models, so the GAN is too (BackupAndRestore needs it).
        self.built = bool(generator.built and discriminator.built)

    def compile(self, g_optimizer, d_optimizer, loss="modified", d_steps=1,
                gradient_penalty_weight=0.0, clip_weights=None,
                g_loss_kwargs=None, d_loss_kwargs=None, **kwargs):
        """Set both optimizers and the game's loss.

        Args:
            g_optimizer, d_optimizer: two distinct Keras optimizers.
            loss: a name of :data:`course_utils.losses.LOSSES` (``"minimax"``,
                ``"modified"``, ``"wasserstein"`` …) or a pair
                ``(generator_loss_fn, discriminator_loss_fn)`` with TF-GAN's signatures.
            d_steps: discriminator updates per generator update (k in
                Goodfellow et al. 2014, Algorithm 1); each uses fresh noise and
                the same real batch.
            gradient_penalty_weight: λ of WGAN-GP (0 = off).
            clip_weights: clip every discriminator weight to [-c, c] after each
                of its updates (WGAN); ``None`` = off.
            g_loss_kwargs, d_loss_kwargs: extra keyword arguments for the loss
                functions. TF-GAN's default ``label_smoothing=0.25`` of the
                minimax/modified discriminator loss is kept; pass
                ``d_loss_kwargs={"label_smoothing": 0.0}`` for the textbook loss.
        """
        super().compile(**kwargs)
        self.optimizer = None  # the two players' optimizers below do the work
        if g_optimizer is d_optimizer:
            raise ValueError("g_optimizer and d_optimizer must be two optimizer objects: each "
                             "keeps its own state (e.g. Adam's moments).")
        if not isinstance(d_steps, int) or isinstance(d_steps, bool) or d_steps < 1:
            raise ValueError(f"d_steps must be an int ≥ 1, got {d_steps!r}.")
        if gradient_penalty_weight < 0:
            raise ValueError(f"gradient_penalty_weight must be ≥ 0, got {gradient_penalty_weight}.")
        if clip_weights is not None and clip_weights <= 0:
            raise ValueError(f"clip_weights must be positive or None, got {clip_weights}.")
        if isinstance(loss, str):
            self.g_loss_fn, self.d_loss_fn = loss_zoo.get_loss_pair(loss)
        elif isinstance(loss, tuple | list) and len(loss) == 2 and all(map(callable, loss)):
            self.g_loss_fn, self.d_loss_fn = loss
        else:
            raise ValueError("loss must be a loss name or a (generator_loss_fn, "
                             f"discriminator_loss_fn) pair, got {loss!r}.")
        self.g_optimizer = g_optimizer
        self.d_optimizer = d_optimizer
        # Build the optimizers now so a checkpoint restores their state (e.g. Adam's moments).
        g_optimizer.build(self.generator.trainable_variables)
        d_optimizer.build(self.discriminator.trainable_variables)
        self.d_steps = d_steps
        self.gradient_penalty_weight = float(gradient_penalty_weight)
        self.clip_weights = clip_weights
        self.g_loss_kwargs = dict(g_loss_kwargs or {})
        self.d_loss_kwargs = dict(d_loss_kwargs or {})

    @property
    def metrics(self):
        """Trackers that ``fit()`` resets at the start of every epoch."""
        return [self.d_loss_tracker, self.g_loss_tracker,
                self.d_acc_real_tracker, self.d_acc_fake_tracker]

    def sample_latent(self, n):
        """Latent vectors ``(n, latent_dim)`` drawn with the model's seed generator."""
        shape = (n, self.latent_dim)
        if self.latent_distribution == "uniform":
            return keras.random.uniform(shape, -1.0, 1.0, seed=self.seed_generator)
        return keras.random.normal(shape, seed=self.seed_generator)

    def call(self, z, training=False):
        """Generate from given latent vectors ``(batch, latent_dim)``."""
        return self.generator(z, training=training)

    def generate(self, n, z=None, batch_size=256) -> np.ndarray:
        """``n`` samples as a NumPy array (generator in inference mode).

        Pass ``z`` ``(n, latent_dim)`` for fixed noise (e.g. progress grids).
        """
        if z is None:
            z = self.sample_latent(n)
        z = tf.convert_to_tensor(z, dtype=tf.float32)
        if z.shape[-1] != self.latent_dim:
            raise ValueError(f"z has shape {tuple(z.shape)}; expected (n, {self.latent_dim}).")
        return np.concatenate([
            keras.ops.convert_to_numpy(self.generator(z[i:i + batch_size], training=False))
            for i in range(0, int(z.shape[0]), batch_size)
        ])

    def fit(self, x=None, *args, shuffle=None, **kwargs):
        """``keras.Model.fit``; ``shuffle`` defaults to False for a ``tf.data.Dataset``.

        A dataset shuffles itself (``course_utils.data.make_dataset``), and Keras
        warns when ``shuffle=True`` meets one.
        """
        if shuffle is None:
            shuffle = not isinstance(x, tf.data.Dataset)
        return super().fit(x, *args, shuffle=shuffle, **kwargs)

    def _replica_scale(self):
        # Gradients are summed over replicas, so each replica's loss is divided by their number.
        return 1.0 / tf.distribute.get_strategy().num_replicas_in_sync

    def _discriminator_step(self, real):
        batch = tf.shape(real)[0]
        fake = self.generator(self.sample_latent(batch), training=True)
        with tf.GradientTape() as tape:
            real_logits = self.discriminator(real, training=True)
            fake_logits = self.discriminator(fake, training=True)
            d_loss = self.d_loss_fn(real_logits, fake_logits, **self.d_loss_kwargs)
            if self.gradient_penalty_weight > 0:
                penalty = loss_zoo.wasserstein_gradient_penalty(
                    real, fake, None, lambda x, _: self.discriminator(x, training=True), None)
                d_loss = d_loss + self.gradient_penalty_weight * penalty
            scaled = d_loss * self._replica_scale()
        weights = self.discriminator.trainable_weights
        self.d_optimizer.apply_gradients(zip(tape.gradient(scaled, weights), weights, strict=True))
        if self.clip_weights is not None:
            for w in weights:
                w.assign(tf.clip_by_value(w, -self.clip_weights, self.clip_weights))
        return d_loss, real_logits, fake_logits

    def _generator_step(self, batch):
        with tf.GradientTape() as tape:
            fake_logits = self.discriminator(
                self.generator(self.sample_latent(batch), training=True), training=True)
            g_loss = self.g_loss_fn(fake_logits, **self.g_loss_kwargs)
            scaled = g_loss * self._replica_scale()
        weights = self.generator.trainable_weights
        self.g_optimizer.apply_gradients(zip(tape.gradient(scaled, weights), weights, strict=True))
        return g_loss

    def train_step(self, data):
        real = data[0] if isinstance(data, tuple | list) else data
        for _ in range(self.d_steps):
            d_loss, real_logits, fake_logits = self._discriminator_step(real)
        g_loss = self._generator_step(tf.shape(real)[0])
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        self.d_acc_real_tracker.update_state(tf.cast(real_logits > 0, tf.float32))
        self.d_acc_fake_tracker.update_state(tf.cast(fake_logits < 0, tf.float32))
        return {m.name: m.result() for m in self.metrics}
