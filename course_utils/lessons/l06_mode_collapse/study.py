"""Lesson 06's mode experiment: five methods, several seeds, ring and grid, one ``fit`` each.

:func:`run_method` trains one method (plain GAN, unrolled GAN, PacGAN packing, a
minibatch-std discriminator, WGAN-GP) on a stack of independent GANs
(:mod:`~course_utils.lessons.l06_mode_collapse.stacked`): the first columns learn the ring of
8 Gaussians (one seed each), the others the 5×5 grid. Every ``eval_every`` generator steps a
callback draws 2,500 samples per column from fixed noise and measures VEEGAN's modes
(:func:`course_utils.metrics.veegan_modes`), so the captured-mode set is known over time.

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

METHODS = ("gan", "unrolled", "packing", "minibatch_std", "wgan_gp")
METHOD_NAMES = {  # key: (English, Chinese)
    "gan": ("GAN", "GAN"),
    "unrolled": ("unrolled GAN", "展开式 GAN"),
    "packing": ("PacGAN (packing)", "PacGAN（打包）"),
    "minibatch_std": ("minibatch std", "小批量标准差"),
    "wgan_gp": ("WGAN-GP", "WGAN-GP"),
}
TARGETS = {  # key: (centres, std): VEEGAN's two toy benchmarks
    "ring": (data.ring_centres(8, 2.0), 0.02),
    "grid": (data.grid_centres(5, 2.0), 0.05),
}
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

    steps: int = 1000
    eval_every: int = 100
    ring_seeds: int = 5
    grid_seeds: int = 3
    hidden: tuple = (64, 64)
    latent_dim: int = 2
    batch_size: int = 64
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
        """quick: a smoke run; standard: 1,000 steps of 2×64 nets, batch 64, 5 ring + 3 grid
        seeds (the budget of a 2-core CPU); full: paper scale (2×128 units, batch 512, 25,000 steps,
        10 seeds on each target; the papers unroll k = 5 to 10 steps: pass ``unroll_steps``)."""
        base = {
            "quick": dict(steps=200, eval_every=100, ring_seeds=2, grid_seeds=1,
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
    modes: dict  # veegan_modes of the final samples
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
        """``modes_captured`` or ``high_quality_share`` of every seed on ``target``."""
        return [c.modes[key] for c in self.of(target)]


def column_plan(settings: ModeSettings, seed: int) -> list[tuple[str, int]]:
    """``[(target, seed), ...]``: ``ring_seeds`` ring columns, then ``grid_seeds`` grid ones,
    seeds ``seed, seed + 1, …`` on each target."""
    return ([("ring", seed + i) for i in range(settings.ring_seeds)]
            + [("grid", seed + i) for i in range(settings.grid_seeds)])


def real_pools(plan, pool=POOL) -> np.ndarray:
    """``(S, pool, 2)`` real samples, column ``s`` from its target with its seed."""
    sample = {"ring": data.ring_of_gaussians, "grid": data.grid_of_gaussians}
    return np.stack([sample[target](pool, seed=seed) for target, seed in plan])


def nearest_mode_share(samples, centres) -> np.ndarray:
    """Share of ``samples`` ``(n, 2)`` whose nearest centre is each mode: ``(k,)``, sums to 1."""
    sq = ((samples[:, None, :] - centres[None]) ** 2).sum(-1)
    return np.bincount(sq.argmin(1), minlength=len(centres)) / len(samples)


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
        gan.compile(d_optimizer=keras.optimizers.Adam(settings.d_lr, beta_1=settings.beta_1),
                    g_optimizer=keras.optimizers.Adam(settings.g_lr, beta_1=settings.beta_1),
                    loss="non_saturating", steps_per_execution=min(100, settings.eval_every))
    return gan


class ModeTracker(keras.callbacks.Callback):
    """After every epoch (``eval_every`` generator steps): samples from fixed noise for every
    column, their VEEGAN modes and the mass near each mode."""

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
        self.modes.append([metrics.veegan_modes(c, *TARGETS[t]) for c, (t, _) in
                           zip(columns, self.plan, strict=True)])
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


# ------------------------------------------------------------------ reading the runs
def median(values) -> float:
    """The median of a list of numbers (a float)."""
    return float(np.median(np.asarray(values, dtype=float)))


def spread_text(values, fmt="{:.1f}") -> str:
    """``"median [min–max]"`` of a list of numbers."""
    v = np.asarray(values, dtype=float)
    return f"{fmt.format(np.median(v))} [{fmt.format(v.min())}–{fmt.format(v.max())}]"


def modes_visited(column: Column) -> int:
    """How many distinct modes a column captured at some evaluation after step 0."""
    seen = set()
    for step, captured in zip(column.steps, column.captured, strict=True):
        if step > 0:
            seen.update(captured)
    return len(seen)


def most_held(column: Column) -> list[int]:
    """At every evaluation after step 0: the mode nearest to most of the column's samples."""
    return [int(np.argmax(m)) for step, m in zip(column.steps, column.mass, strict=True)
            if step > 0]


def top_two_share(column: Column) -> float:
    """Share of the samples nearest to the two most-held modes, averaged over the
    evaluations after step 0 (8 modes evenly covered: 0.25; all on two modes: 1)."""
    mass = np.sort(column.mass[np.asarray(column.steps) > 0], axis=1)
    return float(mass[:, -2:].sum(1).mean())


def snapshot_steps(column: Column, n: int = 6) -> list[int]:
    """``n`` evaluation steps of ``column`` evenly spread from the first to the last."""
    idx = np.unique(np.linspace(0, len(column.steps) - 1, n).round().astype(int))
    return [column.steps[i] for i in idx]


def hops(column: Column) -> int:
    """How many times the mode nearest to most samples changed between evaluations."""
    held = most_held(column)
    return int(sum(a != b for a, b in zip(held, held[1:], strict=False)))


def summary_rows(runs: dict, target: str) -> list[dict]:
    """One row per method on ``target``: per-seed modes and % high quality, medians."""
    rows = []
    for method, run in runs.items():
        modes = run.values(target, "modes_captured")
        quality = [100 * q for q in run.values(target, "high_quality_share")]
        if not modes:
            continue
        rows.append({"method": method, "seeds": [c.seed for c in run.of(target)],
                     "modes": modes, "high_quality_pct": quality,
                     "modes_median": median(modes), "modes_mean": float(np.mean(modes)),
                     "modes_std": float(np.std(modes)),
                     "high_quality_median": median(quality), "wall_s": run.wall_s,
                     "cpu_s": run.cpu_s, "diverged": run.diverged})
    return rows


def short_name(method: str, settings: ModeSettings) -> str:
    """A language-neutral table label: ``GAN``, ``unrolled k=3``, ``PacGAN2`` …"""
    return {"gan": "GAN", "unrolled": f"unrolled k={settings.unroll_steps}",
            "packing": f"PacGAN{settings.pack}", "minibatch_std": "minibatch std",
            "wgan_gp": "WGAN-GP"}[method]


def format_table(rows, target: str, settings: ModeSettings, lang_pick) -> str:
    """The measured table as text; ``lang_pick(en, zh, sep)`` is :func:`course_utils.i18n.t`."""
    n_modes = len(TARGETS[target][0])
    lines = [lang_pick(f"{target}: modes captured (of {n_modes}) and % high-quality samples, "
                       f"{len(rows[0]['modes'])} seeds: median [min–max], mean ± sd, per seed",
                       f"{'环' if target == 'ring' else '网格'}：捕获的模式数（共 {n_modes} 个）"
                       f"与高质量样本比例 %，{len(rows[0]['modes'])} 个种子：中位数 [最小–最大]，"
                       "均值 ± 标准差，各种子", sep="\n")]
    lines.append(f"{'':15s} {'modes':>16s} {'mean ± sd':>11s} {'% HQ':>16s}   "
                 f"{'seed: modes/%HQ'}")
    for r in rows:
        per_seed = "  ".join(f"{s}: {m}/{q:.0f}" for s, m, q in
                             zip(r["seeds"], r["modes"], r["high_quality_pct"], strict=True))
        flag = "  (diverged)" if r["diverged"] else ""
        lines.append(f"{short_name(r['method'], settings):15s} {spread_text(r['modes']):>16s} "
                     f"{r['modes_mean']:>5.1f} ± {r['modes_std']:<4.1f} "
                     f"{spread_text(r['high_quality_pct']):>16s}   {per_seed}{flag}")
    return "\n".join(lines)


def comparison_table(rows, target: str, settings: ModeSettings, lang_pick) -> str:
    """Our medians beside VEEGAN's and PacGAN's Table 1 (modes / % high quality)."""
    ours = {r["method"]: r for r in rows}
    veegan, pacgan = PUBLISHED["veegan"][target], PUBLISHED["pacgan"][target]
    lines = [lang_pick("method           this lesson (median)   VEEGAN Table 1   PacGAN Table 1",
                       "方法             本课（中位数）         VEEGAN 表 1      PacGAN 表 1",
                       sep="\n")]
    for method in (*METHODS, "veegan"):
        mine = ours.get(method)
        mine = (f"{mine['modes_median']:.0f} / {mine['high_quality_median']:.1f} %"
                if mine else "—")
        v = veegan.get(method)
        v = f"{v[0]:g} / {v[1]:g} %" if v else "—"
        p = pacgan.get(method)
        p = f"{p:g}" if p else "—"
        name = "VEEGAN" if method == "veegan" else short_name(method, settings)
        lines.append(f"{name:16s} {mine:>20s}   {v:>14s}   {p:>14s}")
    return "\n".join(lines)
