"""Runs that show each symptom the training monitor names, and healthy runs that must not
trip it. Built from the set-ups of lessons 05–07 on toy data (a few seconds each on a CPU).
Defined in lesson 14.

Each run is a :class:`Scenario`: data, players, loss, optimizers and steps. :func:`run`
trains it with ``GAN.fit`` and a :class:`~course_utils.monitor.TrainingMonitor`, and
returns the monitor.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np

from course_utils import data, models
from course_utils.monitor import TrainingMonitor
from course_utils.training import GAN, DivergenceGuard


@dataclass(frozen=True)
class Scenario:
    """One monitored run: what it should show (``expect``: a symptom name; None for a
    healthy run, and for the two borderline runs ``mixture`` and ``ring_plain``, whose
    comments say what was measured)."""

    name: str
    expect: str | None
    target: str  # "far_gaussian", "ring", "gaussian", "mixture_1d", "dirac"
    loss: str
    g_lr: float
    d_lr: float
    steps: int
    d_steps: int = 1
    optimizer: str = "adam"
    gradient_penalty_weight: float = 0.0
    r1_weight: float = 0.0
    hidden: tuple = (64, 64)
    batch_size: int = 64


SCENARIOS = {
    # lesson 05: the minimax cost and a fast discriminator that separates at once
    "d_wins": Scenario("d_wins", "d_wins", "far_gaussian", "minimax", 1e-4, 1e-2, 400,
                       d_steps=5),
    # lesson 06: a vanilla GAN on the ring of eight Gaussians (lesson 06's learning rates)
    "collapse": Scenario("collapse", "collapse", "ring", "non_saturating", 1e-3, 1e-4, 1000),
    # lesson 07: the ring with WGAN-GP and a penalty far too weak (λ = 0.1): samples circle
    "oscillation": Scenario("oscillation", "oscillation", "ring", "wasserstein", 1e-3, 1e-3,
                            800, gradient_penalty_weight=0.1),
    # a Wasserstein critic with neither clipping nor penalty, plain SGD with a large step: the
    # weights explode within a few steps (at 0.05 the same run stays finite for 400 steps)
    "divergence": Scenario("divergence", "divergence", "far_gaussian", "wasserstein", 0.1, 0.1,
                           400, optimizer="sgd"),
    # healthy: a Gaussian (non-saturating, least squares; DCGAN's Adam step 2e-4)
    "healthy_gaussian": Scenario("healthy_gaussian", None, "gaussian", "non_saturating", 2e-4,
                                 2e-4, 800),
    "healthy_gaussian_lsgan": Scenario("healthy_gaussian_lsgan", None, "gaussian",
                                       "least_squares", 2e-4, 2e-4, 800),
    # the bimodal 1-D mixture, Adam 1e-3 (with R1, γ = 1, the same): after ~500 steps the loss
    # settles into a cycle of about 25 steps and the samples' centre sways (between −0.26 and
    # +0.34 over the last 300 steps at seed 0) while both modes stay covered. The monitor
    # names the oscillation at seeds 0 and 2 (collapse at seed 1); at Adam 2e-4, oscillation
    # and collapse at seed 1. A borderline run, not in the tests' healthy set
    "mixture": Scenario("mixture", None, "mixture_1d", "non_saturating", 1e-3, 1e-3, 800),
    # lesson 07's Dirac-GAN (data: the point 0; G: one number θ; D: ψ·x) with plain gradient
    # steps: (θ, ψ) circles the equilibrium for ever; with R1 (γ = 1) it spirals in
    "dirac": Scenario("dirac", "oscillation", "dirac", "non_saturating", 0.3, 0.3, 500,
                      optimizer="sgd"),
    "healthy_dirac_r1": Scenario("healthy_dirac_r1", None, "dirac", "non_saturating", 0.3, 0.3,
                                 500, optimizer="sgd", r1_weight=1.0),
    # lesson 07's 2-D toy: the ring, Adam 1e-3 both, plain and with R1 (γ = 0.3); the plain
    # run's samples keep drifting but its loss does not repeat itself: not named (measured)
    "ring_plain": Scenario("ring_plain", None, "ring", "non_saturating", 1e-3, 1e-3, 1000),
    "healthy_ring_r1": Scenario("healthy_ring_r1", None, "ring", "non_saturating", 1e-3, 1e-3,
                                1000, r1_weight=0.3),
}


def real_data(target: str, n: int = 4096, seed: int = 0) -> np.ndarray:
    """The real samples of a scenario's ``target`` ``(n, dim)`` float32."""
    rng = np.random.default_rng(seed)
    if target == "far_gaussian":
        x = rng.normal(4.0, 0.5, (n, 2))
    elif target == "gaussian":
        x = rng.normal(1.0, 0.5, (n, 2))
    elif target == "ring":
        x = data.ring_of_gaussians(n, seed=seed)
    elif target == "dirac":
        x = np.zeros((n, 1))
    elif target == "mixture_1d":
        x = data.mixture_1d(n, seed=seed).reshape(n, 1)
    else:
        raise ValueError(f"Unknown target {target!r}.")
    return np.asarray(x, np.float32)


def build(scenario: Scenario, seed: int = 0) -> tuple[GAN, np.ndarray]:
    """The compiled GAN of ``scenario`` and its real data."""
    x = real_data(scenario.target, seed=seed)
    dim = x.shape[1]
    if scenario.target == "dirac":
        g, d = dirac_players()
    else:
        g = models.mlp_generator(2 if dim == 2 else 1, (dim,), hidden=scenario.hidden,
                                 seed=seed)
        d = models.mlp_discriminator((dim,), hidden=scenario.hidden, seed=seed + 1)
    gan = GAN(g, d, seed=seed)

    def opt(lr):
        if scenario.optimizer == "sgd":
            return keras.optimizers.SGD(lr)
        return keras.optimizers.Adam(lr, beta_1=0.5)

    gan.compile(d_optimizer=opt(scenario.d_lr), g_optimizer=opt(scenario.g_lr),
                loss=scenario.loss, d_steps=scenario.d_steps,
                gradient_penalty_weight=scenario.gradient_penalty_weight,
                r1_weight=scenario.r1_weight)
    return gan, x


def dirac_players(theta: float = 1.0, psi: float = 1.0) -> tuple[keras.Model, keras.Model]:
    """Lesson 07's Dirac-GAN as Keras players: G ignores its noise ``(batch, 1)`` and outputs
    its one weight θ ``(batch, 1)``; D is ``ψ · x`` (one weight, no bias). Both start at 1."""
    z = keras.Input((1,), name="z")
    zero = keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros", trainable=False,
                              name="ignore_z")(z)
    theta_out = keras.layers.Dense(1, kernel_initializer="zeros",
                                   bias_initializer=keras.initializers.Constant(theta),
                                   name="theta")(zero)
    x = keras.Input((1,), name="x")
    logit = keras.layers.Dense(1, use_bias=False,
                               kernel_initializer=keras.initializers.Constant(psi),
                               name="psi")(x)
    return (keras.Model(z, theta_out, name="dirac_generator"),
            keras.Model(x, logit, name="dirac_discriminator"))


def run(scenario: Scenario | str, seed: int = 0, verbose: bool = False, **monitor_kwargs):
    """Train ``scenario`` (or its name) with a monitor; return ``(monitor, gan)``.

    A run whose loss becomes NaN stops quietly (the monitor has named the divergence)."""
    if isinstance(scenario, str):
        if scenario not in SCENARIOS:
            raise ValueError(f"Unknown scenario {scenario!r}: expected one of "
                             f"{', '.join(SCENARIOS)}.")
        scenario = SCENARIOS[scenario]
    gan, x = build(scenario, seed)
    reference = None if scenario.target == "dirac" else x[:512]  # one point: no diversity
    monitor = TrainingMonitor(reference=reference, verbose=verbose, **monitor_kwargs)
    batches = len(x) // (scenario.batch_size * scenario.d_steps)  # k fresh batches per round
    epochs = -(-scenario.steps // batches)
    gan.fit(x, batch_size=scenario.batch_size, epochs=epochs, steps_per_epoch=None,
            verbose=0, callbacks=[DivergenceGuard(raise_error=False), monitor])
    return monitor, gan
