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
    """One monitored run: what it should show (``expect``: a symptom name, or None)."""

    name: str
    expect: str | None
    target: str  # "far_gaussian", "ring", "gaussian", "mixture_1d"
    loss: str
    g_lr: float
    d_lr: float
    steps: int
    d_steps: int = 1
    optimizer: str = "adam"
    gradient_penalty_weight: float = 0.0
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
    # healthy: a Gaussian (non-saturating, least squares; DCGAN's Adam step 2e-4) and a
    # bimodal 1-D mixture
    "healthy_gaussian": Scenario("healthy_gaussian", None, "gaussian", "non_saturating", 2e-4,
                                 2e-4, 800),
    "healthy_gaussian_lsgan": Scenario("healthy_gaussian_lsgan", None, "gaussian",
                                       "least_squares", 2e-4, 2e-4, 800),
    "healthy_mixture": Scenario("healthy_mixture", None, "mixture_1d", "non_saturating", 1e-3,
                                1e-3, 800),
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
    elif target == "mixture_1d":
        x = data.mixture_1d(n, seed=seed).reshape(n, 1)
    else:
        raise ValueError(f"Unknown target {target!r}.")
    return np.asarray(x, np.float32)


def build(scenario: Scenario, seed: int = 0) -> tuple[GAN, np.ndarray]:
    """The compiled GAN of ``scenario`` and its real data."""
    x = real_data(scenario.target, seed=seed)
    dim = x.shape[1]
    g = models.mlp_generator(2 if dim == 2 else 1, (dim,), hidden=scenario.hidden, seed=seed)
    d = models.mlp_discriminator((dim,), hidden=scenario.hidden, seed=seed + 1)
    gan = GAN(g, d, seed=seed)

    def opt(lr):
        if scenario.optimizer == "sgd":
            return keras.optimizers.SGD(lr)
        return keras.optimizers.Adam(lr, beta_1=0.5)

    gan.compile(d_optimizer=opt(scenario.d_lr), g_optimizer=opt(scenario.g_lr),
                loss=scenario.loss, d_steps=scenario.d_steps,
                gradient_penalty_weight=scenario.gradient_penalty_weight)
    return gan, x


def run(scenario: Scenario | str, seed: int = 0, verbose: bool = False, **monitor_kwargs):
    """Train ``scenario`` (or its name) with a monitor; return ``(monitor, gan)``.

    A run whose loss becomes NaN stops quietly (the monitor has named the divergence)."""
    if isinstance(scenario, str):
        if scenario not in SCENARIOS:
            raise ValueError(f"Unknown scenario {scenario!r}: expected one of "
                             f"{', '.join(SCENARIOS)}.")
        scenario = SCENARIOS[scenario]
    gan, x = build(scenario, seed)
    monitor = TrainingMonitor(reference=x[:512], verbose=verbose, **monitor_kwargs)
    batches = len(x) // (scenario.batch_size * scenario.d_steps)  # k fresh batches per round
    epochs = -(-scenario.steps // batches)
    gan.fit(x, batch_size=scenario.batch_size, epochs=epochs, steps_per_epoch=None,
            verbose=0, callbacks=[DivergenceGuard(raise_error=False), monitor])
    return monitor, gan
