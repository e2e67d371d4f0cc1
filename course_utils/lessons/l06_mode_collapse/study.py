"""Lesson 06's mode experiment: six methods, several seeds, ring (and grid), one ``fit`` each.

:func:`run_method` trains one method (plain GAN, the same GAN with a discriminator as fast as
its generator, unrolled GAN, PacGAN packing, a minibatch-std discriminator, WGAN-GP) on a
stack of independent GANs (:mod:`~course_utils.lessons.l06_mode_collapse.stacked`): the first
columns learn the ring of 8 Gaussians (one seed each), the others the 5×5 grid (full mode).
Every ``eval_every`` generator steps a callback draws 2,500 samples per column from fixed
noise and measures the modes (:func:`course_utils.metrics.mode_coverage`: a mode is captured
when it holds a tenth of an equal share of high-quality samples; VEEGAN's looser count, one
sample, is kept beside it), so the captured-mode set is known over time.

Settings per mode live in :class:`ModeSettings`; the published numbers the lesson compares
with in :data:`PUBLISHED`. Defined in lesson 06.
"""

from __future__ import annotations

import dataclasses
import time

import keras
import numpy as np

from course_utils import data, metrics, training
from course_utils.lessons.l06_mode_collapse import stacked

METHODS = ("gan", "balanced", "unrolled", "packing", "minibatch_std", "wgan_gp")
METHOD_NAMES = {  # key: (English, Chinese)
    "gan": ("GAN", "GAN"),
    "balanced": ("GAN, D as fast as G", "GAN，判别器与生成器一样快"),
    "unrolled": ("unrolled GAN", "展开式 GAN"),
    "packing": ("PacGAN (packing)", "PacGAN（打包）"),
    "minibatch_std": ("minibatch std", "小批量标准差"),
    "wgan_gp": ("WGAN-GP", "WGAN-GP"),
}
TARGETS = {  # key: (centres, std): VEEGAN's two toy benchmarks (VEEGAN's ring has std 0.02)
    "ring": (data.ring_centres(8, 2.0), 0.05),
    "grid": (data.grid_centres(5, 2.0), 0.05),
}
MIN_SHARE = 0.1  # a captured mode holds ≥ a tenth of an equal share of high-quality samples
SQUARES = {"ring": 2.5, "grid": 5.0}  # half-width of the square the noise baseline fills
N_SAMPLES = 2500  # VEEGAN measures its modes on 2,500 samples
POOL = 20_000  # real samples per column, reshuffled every pass

PUBLISHED = {
    # VEEGAN (Srivastava et al. 2017, arXiv 1705.07761), Table 1: modes captured, % high quality
    "veegan": {"ring": {"gan": (1.0, 99.3), "unrolled": (7.6, 35.6), "veegan": (8.0, 52.9)},
               "grid": {"gan": (3.3, 0.5), "unrolled": (23.6, 16.0)}},
    # PacGAN (Lin et al. 2017, arXiv 1712.04086), Table 1: modes captured (their baseline GAN)
    "pacgan": {"ring": {"gan": 6.3, "packing": 7.9}, "grid": {"gan": 17.3, "packing": 23.8}},
}


@dataclasses.dataclass(frozen=True)
class ModeSettings:
    """Everything the mode experiment needs; :meth:`for_mode` gives the lesson's budgets.

    ``unroll_lr`` is the SGD step of the unrolled look-ahead per model (the paper unrolls
    Adam); ``wgan_lr`` both players' Adam step for WGAN-GP (β = 0.5, 0.9).
    """

    steps: int = 2000
    eval_every: int = 100
    ring_seeds: int = 5
    grid_seeds: int = 0
    hidden: tuple = (64, 64)
    latent_dim: int = 2
    batch_size: int = 128
    g_lr: float = 1e-3
    d_lr: float = 1e-4
    beta_1: float = 0.5
    unroll_steps: int = 3
    unroll_lr: float = 0.1
    pack: int = 2
    wgan_lr: float = 1e-3
    n_critic: int = 5
    gp_weight: float = 10.0

    def __post_init__(self):
        for name in ("steps", "eval_every", "ring_seeds", "batch_size", "latent_dim", "pack",
                     "n_critic"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}.")
        if not isinstance(self.grid_seeds, int) or self.grid_seeds < 0:
            raise ValueError(f"grid_seeds must be an int >= 0, got {self.grid_seeds!r}.")
        if self.steps % self.eval_every:
            raise ValueError(f"steps ({self.steps}) must be a multiple of eval_every "
                             f"({self.eval_every}).")
        if self.batch_size % self.pack:
            raise ValueError(f"batch_size ({self.batch_size}) must be a multiple of pack "
                             f"({self.pack}).")
        if not isinstance(self.unroll_steps, int) or self.unroll_steps < 0:
            raise ValueError(f"unroll_steps must be an int >= 0, got {self.unroll_steps!r}.")

    @classmethod
    def for_mode(cls, mode: str, **overrides) -> ModeSettings:
        """quick: a smoke run; standard: 2,000 steps of 2×64 nets, batch 128, 5 ring seeds
        and no grid (the budget of a 2-core CPU); full: paper scale (2×128 units, batch 512,
        25,000 steps, 10 seeds on each target; the papers unroll k = 5 to 10 steps: pass
        ``unroll_steps``)."""
        base = {
            "quick": dict(steps=200, eval_every=100, ring_seeds=2, grid_seeds=0,
                          hidden=(32, 32), batch_size=32, unroll_steps=1),
            "standard": {},
            "full": dict(steps=25_000, eval_every=1000, ring_seeds=10, grid_seeds=10,
                         hidden=(128, 128), batch_size=512),
        }
        if mode not in base:
            raise ValueError(f"Unknown mode {mode!r}: expected quick, standard or full.")
        return cls(**{**base[mode], **overrides})


@dataclasses.dataclass
class Column:
    """One trained GAN of a stack: its target, seed, final samples and modes over time."""

    target: str
    seed: int
    samples: np.ndarray  # (N_SAMPLES, 2), after the last step
    modes: dict  # measure() of the final samples
    steps: list  # the generator steps of the evaluations
    captured: list  # captured mode indices at each evaluation
    mass: np.ndarray  # (evaluations, n_modes): share of samples nearest each mode
    snapshots: dict  # step -> samples (N_SAMPLES, 2) at every evaluation


@dataclasses.dataclass
class MethodRun:
    """One method's stack after training (``columns`` in ring-then-grid order)."""

    method: str
    settings: ModeSettings
    columns: list
    wall_s: float
    cpu_s: float
    diverged: str | None = None

    def of(self, target: str) -> list:
        """The columns trained on ``target`` ("ring" or "grid")."""
        return [c for c in self.columns if c.target == target]

    def values(self, target: str, key: str) -> list:
        """``modes_captured``, ``veegan_modes`` or ``high_quality_share`` of every seed on
        ``target``."""
        return [c.modes[key] for c in self.of(target)]


def column_plan(settings: ModeSettings, seed: int) -> list[tuple[str, int]]:
    """``[(target, seed), ...]``: ``ring_seeds`` ring columns, then ``grid_seeds`` grid ones,
    seeds ``seed, seed + 1, …`` on each target."""
    return ([("ring", seed + i) for i in range(settings.ring_seeds)]
            + [("grid", seed + i) for i in range(settings.grid_seeds)])


def real_pools(plan, pool=POOL) -> np.ndarray:
    """``(S, pool, 2)`` real samples, column ``s`` from its target with its seed."""
    sample = {"ring": data.ring_of_gaussians, "grid": data.grid_of_gaussians}
    return np.stack([sample[target](pool, std=TARGETS[target][1], seed=seed)
                     for target, seed in plan])


def measure(samples, target: str) -> dict:
    """The lesson's mode numbers of ``samples`` ``(n, 2)`` on ``target``: the dict of
    :func:`course_utils.metrics.mode_coverage` (``MIN_SHARE``) plus ``veegan_modes``, the
    number of modes VEEGAN's rule (one high-quality sample) would count."""
    out = metrics.mode_coverage(samples, *TARGETS[target], min_share=MIN_SHARE)
    out["veegan_modes"] = int(sum(c > 0 for c in out["counts"]))
    return out


def nearest_mode_share(samples, centres) -> np.ndarray:
    """Share of ``samples`` ``(n, 2)`` whose nearest centre is each mode: ``(k,)``, sums to 1."""
    nearest = metrics.samples.nearest_centres(samples, centres)
    return np.bincount(nearest, minlength=len(centres)) / len(samples)


def build_trainer(method: str, seeds, settings: ModeSettings, gan_seed: int, *, pack=None,
                  unroll_steps=None):
    """A compiled trainer of ``len(seeds)`` stacked GANs for ``method``.

    ``pack`` and ``unroll_steps`` override the settings' knobs (the playground's sliders).
    """
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}: expected one of {', '.join(METHODS)}.")
    n = len(seeds)
    pack = settings.pack if pack is None else pack
    k = settings.unroll_steps if unroll_steps is None else unroll_steps
    g = stacked.stacked_generator(seeds, settings.latent_dim, 2, settings.hidden)
    d = stacked.stacked_discriminator(seeds, 2, settings.hidden,
                                      pack=pack if method == "packing" else 1,
                                      minibatch_std=method == "minibatch_std")
    d_lr = settings.g_lr if method == "balanced" else settings.d_lr
    if method == "unrolled":  # the loss is a mean over n models: n × the step per model
        gan = training.UnrolledGAN(g, d, unroll_steps=k, unroll_lr=settings.unroll_lr * n,
                                   seed=gan_seed)
    else:
        gan = training.GAN(g, d, seed=gan_seed)
    if method == "wgan_gp":
        def adam():
            return keras.optimizers.Adam(settings.wgan_lr, beta_1=0.5, beta_2=0.9)
        gan.compile(d_optimizer=adam(), g_optimizer=adam(), loss="wasserstein",
                    gradient_penalty_weight=settings.gp_weight, d_steps=settings.n_critic,
                    steps_per_execution=min(100, settings.eval_every))
    else:
        gan.compile(d_optimizer=keras.optimizers.Adam(d_lr, beta_1=settings.beta_1),
                    g_optimizer=keras.optimizers.Adam(settings.g_lr, beta_1=settings.beta_1),
                    loss="non_saturating", steps_per_execution=min(100, settings.eval_every))
    return gan


class ModeTracker(keras.callbacks.Callback):
    """After every epoch (``eval_every`` generator steps): samples from fixed noise for every
    column, their modes (:func:`measure`) and the mass near each mode."""

    def __init__(self, plan, latent_dim, steps_per_epoch, seed=0, n=N_SAMPLES, start=0):
        super().__init__()
        self.plan, self.n, self.steps_per_epoch = list(plan), int(n), int(steps_per_epoch)
        rng = np.random.default_rng(seed)
        self.z = rng.standard_normal((n * len(self.plan), latent_dim)).astype("float32")
        self.steps, self.samples, self.modes, self.mass = [], [], [], []
        self.start = int(start)

    def measure(self, step):
        rows = self.model.generate(len(self.z), z=self.z, batch_size=len(self.z))
        columns = stacked.split_columns(rows, len(self.plan))
        self.steps.append(int(step))
        self.samples.append(columns)
        self.modes.append([measure(c, t) for c, (t, _) in zip(columns, self.plan, strict=True)])
        self.mass.append([nearest_mode_share(c, TARGETS[t][0]) for c, (t, _) in
                          zip(columns, self.plan, strict=True)])

    def on_epoch_end(self, epoch, logs=None):
        self.measure(self.start + (epoch + 1) * self.steps_per_epoch)


def run_method(method: str, settings: ModeSettings, seed: int = 0, plan=None) -> MethodRun:
    """Train ``method`` on every column of ``plan`` (default :func:`column_plan`) in one
    ``fit`` and measure the modes every ``settings.eval_every`` steps.

    A run that diverges (NaN/inf) returns a :class:`MethodRun` with ``diverged`` set (the
    message) and the measurements made before.
    """
    plan = column_plan(settings, seed) if plan is None else list(plan)
    gan = build_trainer(method, [s for _, s in plan], settings, gan_seed=seed)
    real = stacked.stacked_dataset(real_pools(plan), settings.batch_size, seed=seed)
    tracker = ModeTracker(plan, settings.latent_dim, settings.eval_every, seed=seed + 1)
    tracker.set_model(gan)
    tracker.measure(0)
    start, cpu = time.perf_counter(), time.process_time()
    diverged = None
    try:
        gan.fit(real, epochs=settings.steps // settings.eval_every,
                steps_per_epoch=settings.eval_every, callbacks=[tracker], verbose=0)
    except training.TrainingDiverged as err:
        diverged = str(err)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    columns = []
    for j, (target, s) in enumerate(plan):
        columns.append(Column(
            target=target, seed=s, samples=tracker.samples[-1][j], modes=tracker.modes[-1][j],
            steps=list(tracker.steps), captured=[m[j]["captured"] for m in tracker.modes],
            mass=np.array([m[j] for m in tracker.mass]),
            snapshots={st: smp[j] for st, smp in zip(tracker.steps, tracker.samples,
                                                      strict=True)}))
    return MethodRun(method, settings, columns, wall, cpu, diverged)
