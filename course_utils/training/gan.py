"""``GAN``: a ``keras.Model`` whose ``train_step`` plays the two-player game.

The shape follows the Keras guide "Customizing what happens in fit()" and the
keras-io GAN examples: ``compile`` takes both optimizers and a loss, ``train_step``
calls :func:`course_utils.training.steps.adversarial_round` (``d_steps``
discriminator updates, each on a fresh real batch, then one generator update), and
``fit()`` brings progress bars, callbacks, ``keras.callbacks.BackupAndRestore`` and
``tf.distribute`` for free; what every trainer shares is in
:class:`~course_utils.training.base.AdversarialModel`. Labels: real = 1, fake = 0.
Defined in lesson 03; used from then on. Siblings (``ConditionalGAN`` …) override
:meth:`GAN.round_inputs` and :meth:`GAN.generate`.
"""

from __future__ import annotations

import inspect

import keras
import numpy as np
import tensorflow as tf

from course_utils import losses as loss_zoo
from course_utils.training import steps
from course_utils.training.base import AdversarialModel, split_groups

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
               gradient_penalty_weight=0.0, r1_weight=0.0, r2_weight=0.0, drift_weight=0.0,
               instance_noise=0.0, accuracy_threshold="auto", g_loss_kwargs=None,
               d_loss_kwargs=None) -> steps.Rules:
    """:class:`~course_utils.training.steps.Rules` from a loss name of
    :data:`course_utils.losses.LOSSES` or a ``(generator_loss_fn, discriminator_loss_fn)``
    pair with TF-GAN's signatures. ``label_smoothing`` goes to D's loss (0 = the textbook
    loss; the ``losses`` functions keep TF-GAN's default 0.25 when called directly).
    The weights (0 = off) of D's regularisers: λ of the gradient penalty, γ of R1 / R2
    (each adds γ/2 · E‖∇D‖²), ε of the drift term (see :data:`steps.REGULARISERS`)."""
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
    weights = {"gradient_penalty": gradient_penalty_weight, "r1": r1_weight, "r2": r2_weight,
               "drift": drift_weight}
    for name, weight in weights.items():
        if not (isinstance(weight, int | float) and weight >= 0):
            raise ValueError(f"The {name} weight must be a number ≥ 0, got {weight!r}.")
    return steps.Rules(
        d_loss=lambda real_logits, fake_logits: d_fn(real_logits, fake_logits, **d_kwargs),
        g_loss=lambda fake_logits, fake, target: g_fn(fake_logits, **g_kwargs),
        d_steps=d_steps, instance_noise=float(instance_noise), accuracy_threshold=threshold,
        regularisers=tuple(steps.Regulariser(name, float(weight))
                           for name, weight in weights.items() if weight > 0))


class GAN(AdversarialModel):
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
    With ``d_steps`` = k > 1 each generator step consumes k real batches (``fit`` groups
    them). Training that produces a NaN or inf loss stops with :class:`TrainingDiverged`.
    """

    def __init__(self, generator, discriminator, latent_dim=None,
                 latent_distribution="normal", seed=None, **kwargs):
        if latent_distribution not in LATENT_DISTRIBUTIONS:
            raise ValueError(f"Unknown latent_distribution {latent_distribution!r}: expected one "
                             f"of {', '.join(LATENT_DISTRIBUTIONS)}.")
        super().__init__({"generator": generator, "discriminator": discriminator}, seed=seed,
                         **kwargs)
        self.latent_dim = _latent_dim_of(generator, latent_dim)
        self.latent_distribution = latent_distribution
        self.rules = None

    def compile(self, *, d_optimizer, g_optimizer, loss="non_saturating", d_steps=1,
                label_smoothing=0.0, gradient_penalty_weight=0.0, r1_weight=0.0,
                drift_weight=0.0, clip_weights=None, instance_noise=0.0,
                accuracy_threshold="auto", g_loss_kwargs=None, d_loss_kwargs=None, **kwargs):
        """Set both optimizers and the rules of the game.

        Args:
            d_optimizer, g_optimizer: two distinct Keras optimizers (keyword-only).
            loss: a name of :data:`course_utils.losses.LOSSES` or a pair
                ``(generator_loss_fn, discriminator_loss_fn)`` with TF-GAN's signatures.
            d_steps: discriminator updates per generator update (k in Goodfellow et al.
                2014, Algorithm 1); each uses fresh noise and a fresh real batch.
            label_smoothing: one-sided label smoothing of D's cross-entropy (0 = off).
            gradient_penalty_weight: λ of WGAN-GP (0 = off).
            r1_weight: γ of R1, γ/2 · E_real ‖∇D(x)‖² (Mescheder et al. 2018; 0 = off).
            drift_weight: ε of ProGAN's drift term ε · E_real D(x)² (0 = off).
            clip_weights: c of WGAN's weight clipping: a :class:`steps.ClipWeights`
                constraint on every D weight, applied after each of its updates; ``None`` = off.
            instance_noise: std of Gaussian noise added to D's inputs (0 = off).
            accuracy_threshold: ``"auto"`` (from the loss name, see
                :data:`ACCURACY_THRESHOLDS`), a number, or ``None`` (no accuracy metric).
            g_loss_kwargs, d_loss_kwargs: extra keyword arguments of the loss functions.
            **kwargs: go to ``keras.Model.compile``; ``steps_per_execution=k`` runs k rounds
                per call of the train function, which removes Keras's per-call overhead
                (≈ 6 % of a small MLP step in ``make bench``).
        """
        super().compile(**kwargs)
        if not isinstance(d_steps, int) or isinstance(d_steps, bool) or d_steps < 1:
            raise ValueError(f"d_steps must be an int ≥ 1, got {d_steps!r}.")
        self.rules = make_rules(loss, d_steps=d_steps, label_smoothing=label_smoothing,
                                gradient_penalty_weight=gradient_penalty_weight,
                                r1_weight=r1_weight, drift_weight=drift_weight,
                                instance_noise=instance_noise,
                                accuracy_threshold=accuracy_threshold,
                                g_loss_kwargs=g_loss_kwargs, d_loss_kwargs=d_loss_kwargs)
        self._set_optimizers(g_optimizer=(g_optimizer, self.generator.trainable_variables),
                             d_optimizer=(d_optimizer, self.discriminator.trainable_variables))
        if clip_weights is not None:
            for w in self.discriminator.trainable_variables:
                w.constraint = steps.ClipWeights(clip_weights)  # raises on c ≤ 0
        self.clip_weights = clip_weights
        self.batches_per_step = d_steps
        names = ["d_loss", "g_loss"]
        if self.rules.accuracy_threshold is not None:
            names += ["d_acc_real", "d_acc_fake"]
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

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

    def generate(self, n, z=None, batch_size=256) -> np.ndarray:
        """``n`` samples as a NumPy array (generator in inference mode).

        Pass ``z`` ``(n, latent_dim)`` for fixed noise (e.g. progress grids).
        """
        return self._in_batches(self.generator, [self._check_z(n, z)], batch_size)

    def fit(self, x=None, *args, **kwargs):
        """:meth:`AdversarialModel.fit` (adds the divergence guard; groups ``d_steps``
        batches per generator step)."""
        if self.rules is None:
            raise RuntimeError("Call compile(d_optimizer=..., g_optimizer=...) before fit().")
        return super().fit(x, *args, **kwargs)

    g_opponent = None
    """``None``, or a method ``(real_batch) -> D`` giving the discriminator G's loss sees
    (:class:`~course_utils.training.UnrolledGAN` looks ahead)."""

    def round_inputs(self, data):
        """What :func:`steps.adversarial_round` gets from one element of the data:
        ``dict(real=…, latent=…, condition=…)`` with ``real`` (and ``condition``) one batch,
        or a list of ``d_steps`` batches. The plain GAN ignores labels."""
        if self.rules.d_steps > 1:
            data = split_groups(data, self.rules.d_steps)
            real = data[0] if isinstance(data, tuple) else data  # labels, if any, ignored
        else:
            real = data[0] if isinstance(data, tuple | list) else data
        return {"real": real, "latent": self.sample_latent, "condition": None}

    def play_round(self, data):
        """One round on one element of the data (``d_steps`` D updates, then one G update);
        the dict of :func:`steps.adversarial_round` (losses, logits, accuracies)."""
        return steps.adversarial_round(
            self.generator, self.discriminator, self.g_optimizer, self.d_optimizer,
            rules=self.rules, seed_generator=self.seed_generator,
            loss_scale=self._replica_scale(), g_opponent=self.g_opponent,
            **self.round_inputs(data))

    def train_step(self, data):
        """One round; returns the trackers' running means (what ``fit`` logs)."""
        return self._update_trackers(self.play_round(data))
