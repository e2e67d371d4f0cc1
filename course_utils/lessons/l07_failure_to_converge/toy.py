"""Lesson 07's 2-D experiment: spectral normalisation and two time-scale updates (TTUR).

A small MLP GAN (``course_utils.training.GAN``) learns a ring of Gaussians; every
``eval_every`` generator steps the energy distance between its samples (fixed noise) and
held-out data is measured, so both the final quality and how much it still oscillates at
the end can be read off. :func:`discriminator` builds D (the shared MLP builder) with or without
``keras.layers.SpectralNormalization`` around each Dense layer, from the *same* initial
weights, so the wrapper is the only difference. :func:`spectral_norms` measures the largest
singular value of each kernel D actually uses.

Keras's ``SpectralNormalization`` divides the kernel by its (power-iteration) spectral norm
and writes the result back into the kernel *only when called with* ``training=True``; the
course's trainers call D that way in both updates
(:func:`course_utils.training.steps.call_with_condition`), so after ``GAN.fit`` the stored
kernel is the normalised one. Calls with ``training=False`` (the default of ``D(x)``) leave
it untouched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import keras
import numpy as np

from course_utils import data, metrics, models
from course_utils.training import GAN, restart


def _positive_int(name, value) -> int:
    if not isinstance(value, int | np.integer) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return int(value)


def discriminator(input_dim: int = 2, hidden=(64, 64), spectral_norm: bool = False,
                  seed: int = 0, name: str | None = None) -> keras.Model:
    """The lesson's D: the shared :func:`course_utils.models.mlp_discriminator`
    ``(batch, input_dim)`` → logits ``(batch, 1)``, leaky-ReLU, with or without spectral
    normalisation around every Dense layer, from the same initial kernels either way."""
    _positive_int("input_dim", input_dim)
    return models.mlp_discriminator(
        (input_dim,), hidden, spectral_norm=spectral_norm, seed=seed,
        name=name or ("sn_discriminator" if spectral_norm else "discriminator"))


def generator(latent_dim: int = 8, output_dim: int = 2, hidden=(64, 64),
              seed: int = 0) -> keras.Model:
    """The lesson's G: the shared :func:`course_utils.models.mlp_generator`, z
    ``(batch, latent_dim)`` → points ``(batch, output_dim)``, ReLU, linear output."""
    _positive_int("output_dim", output_dim)
    return models.mlp_generator(latent_dim, (output_dim,), hidden, seed=seed + 500)


def dense_kernels(model: keras.Model) -> list:
    """The kernels ``model``'s Dense layers compute with (inside a wrapper too), in order."""
    kernels = []
    for layer in model.layers:
        inner = getattr(layer, "layer", layer)  # SpectralNormalization wraps a Dense
        if isinstance(inner, keras.layers.Dense):
            kernels.append(inner.kernel)
    if not kernels:
        raise ValueError(f"{model.name} has no Dense layer.")
    return kernels


def spectral_norms(model: keras.Model) -> list[float]:
    """σ_max (largest singular value) of every Dense kernel of ``model``, by SVD, in order.

    For a spectrally normalised D this is the kernel its forward pass uses (the wrapper
    writes W/σ back into the kernel in training calls). The product bounds D's Lipschitz
    constant (leaky ReLU has slope ≤ 1).
    """
    return [float(np.linalg.svd(keras.ops.convert_to_numpy(k), compute_uv=False)[0])
            for k in dense_kernels(model)]


@dataclass(frozen=True)
class Setting:
    """One way to train the toy GAN: learning rates of D and G, spectral norm on D or not,
    and the weight γ of the R1 penalty γ/2 · E_real ‖∇D(x)‖² (0 = off; ``GAN.compile``'s
    ``r1_weight``)."""

    name: str
    d_lr: float = 1e-3
    g_lr: float = 1e-3
    spectral_norm: bool = False
    r1_weight: float = 0.0

    def __post_init__(self):
        for key in ("d_lr", "g_lr"):
            value = getattr(self, key)
            if not (np.isfinite(value) and value > 0):
                raise ValueError(f"{key} must be a finite number > 0, got {value!r}.")
        if not (np.isfinite(self.r1_weight) and self.r1_weight >= 0):
            raise ValueError(f"r1_weight must be a finite number ≥ 0, got {self.r1_weight!r}.")


@dataclass
class Run:
    """One training run: the energy distance and the samples at each measurement, and the
    largest singular value of each of D's kernels at the end."""

    setting: Setting
    seed: int
    steps: np.ndarray  # generator steps at which the energy distance was measured
    energy: np.ndarray  # energy distance to held-out data at those steps
    samples: np.ndarray  # (n_evals, n, 2) samples from the fixed noise at those steps
    d_sigma_max: list  # σ_max of each of D's kernels at the end (see spectral_norms)
    wall_s: float = 0.0

    def tail(self, n_last: int) -> np.ndarray:
        """The last ``n_last`` energy distances."""
        return self.energy[-_positive_int("n_last", n_last):]

    def final(self, n_last: int) -> float:
        """Median energy distance over the last ``n_last`` evaluations (the end quality)."""
        return float(np.median(self.tail(n_last)))

    def oscillation(self, n_last: int) -> float:
        """Standard deviation of the energy distance over the last ``n_last`` evaluations."""
        return float(np.std(self.tail(n_last)))

    def drift(self, n_last: int) -> float:
        """How far G's samples still move: the mean distance a sample from the same noise z
        travels between two evaluations, averaged over the last ``n_last`` intervals."""
        n_last = _positive_int("n_last", n_last)
        if n_last >= len(self.samples):
            raise ValueError(f"n_last must be < the {len(self.samples)} evaluations.")
        moves = np.linalg.norm(np.diff(self.samples[-n_last - 1:], axis=0), axis=-1)
        return float(moves.mean())


def ring(n: int, seed: int) -> np.ndarray:
    """The data: ``n`` points of 8 Gaussians (std 0.1) on a circle of radius 2, (n, 2)."""
    return data.ring_of_gaussians(n, std=0.1, seed=seed)


class ToyGAN:
    """One compiled GAN for ``setting``; :meth:`run` restarts it from a seed's initial state.

    The training function is traced once and reused for every seed (tracing costs about as
    much as 1,000 steps): :meth:`run` copies in the initial weights that fresh models built
    with that seed would have, zeroes both optimizers' state and resets the noise generator,
    so a run depends only on its seed.

    Args:
        setting: the learning rates and whether D is spectrally normalised.
        steps: generator steps per run; eval_every: steps between two measurements (a
            divisor of ``steps``); batch_size: real (and fake) samples per step; n_eval:
            samples per measurement; hidden, latent_dim: the size of both MLPs.
    """

    def __init__(self, setting: Setting, steps: int = 1000, eval_every: int = 50,
                 batch_size: int = 128, n_eval: int = 500, hidden=(64, 64),
                 latent_dim: int = 8):
        self.steps = _positive_int("steps", steps)
        self.eval_every = _positive_int("eval_every", eval_every)
        if self.steps % self.eval_every:
            raise ValueError(f"steps ({steps}) must be a multiple of eval_every ({eval_every}).")
        self.setting, self.hidden = setting, tuple(hidden)
        self.batch_size, self.n_eval = _positive_int("batch_size", batch_size), \
            _positive_int("n_eval", n_eval)
        self.latent_dim = _positive_int("latent_dim", latent_dim)
        self.G, self.D = self._models(0)
        self.gan = GAN(self.G, self.D, seed=0)
        self.gan.compile(d_optimizer=keras.optimizers.Adam(setting.d_lr, beta_1=0.5),
                         g_optimizer=keras.optimizers.Adam(setting.g_lr, beta_1=0.5),
                         loss="non_saturating", r1_weight=setting.r1_weight,
                         steps_per_execution=self.eval_every)

    def _models(self, seed: int):
        return (generator(self.latent_dim, 2, self.hidden, seed=seed),
                discriminator(2, self.hidden, self.setting.spectral_norm, seed=seed))

    def run(self, seed: int) -> Run:
        """Train from ``seed``'s initial state and measure every ``eval_every`` steps."""
        restart.restart_gan(self.gan, *self._models(seed), seed)
        # fresh data for every step, in an order drawn by NumPy: tf.data's shuffle would also
        # depend on TensorFlow's global seed, and a run should depend on its seed alone
        real = data.make_dataset(ring(self.steps * self.batch_size, seed),
                                 batch_size=self.batch_size, shuffle=False)
        held_out = ring(self.n_eval, seed + 1000)
        z = np.random.default_rng(seed + 2000).standard_normal((self.n_eval, self.latent_dim))
        z = z.astype("float32")
        energy, samples = [], []

        def measure(epoch, logs=None):
            samples.append(self.gan.generate(self.n_eval, z=z))
            energy.append(metrics.energy_distance(samples[-1], held_out))

        start = time.perf_counter()
        self.gan.fit(real, epochs=self.steps // self.eval_every, steps_per_epoch=self.eval_every,
                     verbose=0, callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=measure)])
        wall = time.perf_counter() - start
        steps = np.arange(1, len(energy) + 1) * self.eval_every
        return Run(self.setting, seed, steps, np.array(energy), np.array(samples),
                   spectral_norms(self.D), wall)


def train(setting: Setting, seed: int = 0, **kwargs) -> Run:
    """One run of :class:`ToyGAN` (keyword arguments: its constructor's) from ``seed``."""
    return ToyGAN(setting, **kwargs).run(seed)


def train_seeds(setting: Setting, seeds, **kwargs) -> list[Run]:
    """Runs from each of ``seeds`` with one :class:`ToyGAN` (traced once)."""
    game = ToyGAN(setting, **kwargs)
    return [game.run(int(seed)) for seed in seeds]
