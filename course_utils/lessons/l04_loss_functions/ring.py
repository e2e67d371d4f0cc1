"""Lesson 04's ring experiment: every loss trains the same small GAN on the ring of 8 Gaussians.

:class:`ProbedGAN` is the course's :class:`~course_utils.training.GAN` plus one more tracked
number, the mean of :math:`D(G(z)) = \\sigma(\\text{logit})` over the fakes that each generator
update sees (the quantity whose saturation the minimax generator cost fears).
:func:`train_ring_gan` trains one setup for one seed and returns a :class:`RingRun`
(:func:`train_ring_gans`: for several seeds on one compiled trainer);
:func:`early_confidence` reads the probe's history over the first generator updates.
Defined in lesson 04.
"""

from __future__ import annotations

import dataclasses
import time

import keras
import numpy as np
import tensorflow as tf

from course_utils import data, metrics, models, training

LATENT_DIM = 8
N_EVAL = 2000  # generated samples the coverage is measured on


CONFIDENT = 0.1
"""A fake with ``D(G(z)) < CONFIDENT`` counts as confidently rejected: there the minimax
generator cost's slope through the logit, ``-D/2``, is below 0.05, a tenth of its maximum."""

PROBES = ("d_of_fake", "d_of_fake_min", "confident_share")


class BlockMinimum(keras.metrics.Metric):
    """The smallest value passed to ``update_state`` since the last reset (``inf`` if none)."""

    def __init__(self, name="minimum", **kwargs):
        super().__init__(name=name, **kwargs)
        self.value = self.add_variable(shape=(), initializer=keras.initializers.Constant(np.inf),
                                       dtype="float32", name="value")

    def update_state(self, values):
        self.value.assign(tf.minimum(self.value, tf.reduce_min(tf.cast(values, tf.float32))))

    def result(self):
        return tf.identity(self.value)

    def reset_state(self):
        self.value.assign(np.inf)


class ProbedGAN(training.GAN):
    """A :class:`~course_utils.training.GAN` that also reads what D says about the fakes.

    At every generator update it reads the logits the generator's loss receives (D as it
    is at that update, the generator's own fake batch) and tracks, per epoch (block of
    updates), like the losses:

    - ``d_of_fake``: the mean over updates of the batch mean of ``sigmoid(logit)``;
    - ``d_of_fake_min``: the smallest of those batch means;
    - ``confident_share``: the mean share of fakes with ``sigmoid(logit) <`` :data:`CONFIDENT`.

    ``sigmoid(logit)`` is D's probability of "real" for the cross-entropy losses (minimax,
    non-saturating); for raw scores (Wasserstein, least squares, hinge) it means nothing.
    The training is the shared ``GAN``'s, step for step: the probe only reads the logits
    (``stop_gradient``) and draws no random numbers.
    """

    def compile(self, **kwargs):
        """``GAN.compile`` (keyword-only arguments), plus the probes' trackers."""
        super().compile(**kwargs)
        self.probes = {"d_of_fake": keras.metrics.Mean(name="d_of_fake"),
                       "d_of_fake_min": BlockMinimum(name="d_of_fake_min"),
                       "confident_share": keras.metrics.Mean(name="confident_share")}

    @property
    def metrics(self):
        """The ``GAN``'s trackers plus the probes (all reset every epoch)."""
        return super().metrics + list(getattr(self, "probes", {}).values())

    def train_step(self, data):
        """The shared round (:meth:`GAN.play_round`), then the probes read the logits that
        the generator's loss received."""
        values = self.play_round(data)
        d_of_fake = tf.sigmoid(tf.stop_gradient(tf.cast(values["g_fake_logits"], tf.float32)))
        batch_mean = tf.reduce_mean(d_of_fake)
        self.probes["d_of_fake"].update_state(batch_mean)
        self.probes["d_of_fake_min"].update_state(batch_mean)
        self.probes["confident_share"].update_state(
            tf.reduce_mean(tf.cast(d_of_fake < CONFIDENT, tf.float32)))
        logs = self._update_trackers(values)
        logs.update({name: probe.result() for name, probe in self.probes.items()})
        return logs


@dataclasses.dataclass
class RingRun:
    """One training run on the ring.

    Attributes:
        samples: ``(N_EVAL, 2)`` generated points after training (``None`` if it diverged).
        coverage: :func:`course_utils.metrics.mode_coverage` of ``samples`` (``None`` if
            it diverged).
        probes: ``{name: list}`` for each name of :data:`PROBES` (see :class:`ProbedGAN`),
            one value per block of ``chunk`` generator updates.
        chunk: generator updates per block.
        wall_s, cpu_s: training time in seconds (wall clock, and CPU time of this process).
        diverged: the :class:`~course_utils.training.TrainingDiverged` message, or ``None``.
    """

    samples: np.ndarray | None
    coverage: dict | None
    probes: dict
    chunk: int
    wall_s: float
    cpu_s: float
    diverged: str | None = None


def _check_int(name, value, low=1):
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ValueError(f"{name} must be an int ≥ {low}, got {value!r}.")
    return value


def train_ring_gan(compile_kwargs, make_optimizer, seed, *, steps, hidden=(64, 64),
                   ring_std=0.05, batch=256, chunk=50) -> RingRun:
    """Train one :class:`ProbedGAN` on the ring of 8 Gaussians for ``steps`` generator updates.

    Args:
        compile_kwargs: keyword arguments of ``GAN.compile`` besides the optimizers
            (``loss=``, ``d_steps=``, ``gradient_penalty_weight=``, ``clip_weights=`` …).
        make_optimizer: a function of no argument returning a fresh Keras optimizer; it is
            called twice (one for each player).
        seed: int ≥ 0: the initial weights (the same for every loss at one seed), the data,
            the latent noise and the evaluation noise. The run depends on ``seed`` alone (not
            on the global seeds), and the global random state is not touched.
        steps: generator updates, a positive multiple of ``chunk``.
        hidden: hidden widths of both MLPs; latent size :data:`LATENT_DIM`.
        ring_std: standard deviation of each of the 8 modes (radius 2).
        batch: real (and fake) samples per update; chunk: generator updates per compiled
            call and per block of the probes.

    Returns:
        a :class:`RingRun`; a run that produces a NaN/inf loss returns with ``diverged``
        set (the message names the step) instead of raising.
    """
    return train_ring_gans(compile_kwargs, make_optimizer, [seed], steps=steps, hidden=hidden,
                           ring_std=ring_std, batch=batch, chunk=chunk)[0]


def train_ring_gans(compile_kwargs, make_optimizer, seeds, *, steps, hidden=(64, 64),
                    ring_std=0.05, batch=256, chunk=50) -> list:
    """:func:`train_ring_gan` for each of ``seeds`` (a list of ints ≥ 0), on ONE compiled
    trainer: between seeds it is put back to the state a new one would have (the players'
    seeded initial weights, zeroed optimizer state, the noise generator at its first draw),
    so each run equals :func:`train_ring_gan`'s for its seed, and only the first pays for
    tracing the training step (about 2 s, more with ``d_steps`` > 1). Returns one
    :class:`RingRun` per seed; ``cpu_s`` and ``wall_s`` of the first include the tracing."""
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed.")
    for seed in seeds:
        _check_int("seed", seed, low=0)
    _check_int("steps", steps)
    _check_int("chunk", chunk)
    _check_int("batch", batch)
    if steps % chunk:
        raise ValueError(f"steps ({steps}) must be a multiple of chunk ({chunk}).")
    if not callable(make_optimizer):
        raise ValueError("make_optimizer must be a function returning a new optimizer, "
                         f"got {make_optimizer!r}.")
    gan = ProbedGAN(*_players(seeds[0], hidden), seed=seeds[0])
    gan.compile(d_optimizer=make_optimizer(), g_optimizer=make_optimizer(),
                steps_per_execution=chunk, **compile_kwargs)
    runs = []
    for i, seed in enumerate(seeds):
        if i:
            training.restart.restart_gan(gan, *_players(seed, hidden), seed)
        runs.append(_fit_ring(gan, compile_kwargs.get("d_steps", 1), seed, steps=steps,
                              ring_std=ring_std, batch=batch, chunk=chunk))
    return runs


def _players(seed, hidden):
    """The ring GAN's (generator, discriminator), initial weights from ``seed``."""
    return (models.mlp_generator(LATENT_DIM, (2,), hidden=hidden, seed=seed),
            models.mlp_discriminator((2,), hidden=hidden, seed=seed + 10_000))


def _fit_ring(gan, d_steps, seed, *, steps, ring_std, batch, chunk) -> RingRun:
    """Fit ``gan`` for ``steps`` generator updates on ring samples drawn from ``seed``."""
    # A fresh sample for every update, in the order drawn (iid): no tf.data shuffle, whose
    # order would also depend on TensorFlow's global seed; a run depends on `seed` alone.
    ring = data.ring_of_gaussians(steps * d_steps * batch, std=ring_std, seed=seed)
    real = data.make_dataset(ring, batch_size=batch, shuffle=False).repeat()
    start, cpu_start = time.perf_counter(), time.process_time()
    diverged = None
    try:
        gan.fit(real, epochs=steps // chunk, steps_per_epoch=chunk, verbose=0)
    except training.TrainingDiverged as error:
        diverged = str(error)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    history = getattr(getattr(gan, "history", None), "history", {})  # blocks completed so far
    probes = {name: [float(v) for v in history.get(name, [])] for name in PROBES}
    if diverged:
        return RingRun(None, None, probes, chunk, wall, cpu, diverged)
    z = keras.random.normal((N_EVAL, LATENT_DIM), seed=seed + 1)
    samples = gan.generate(N_EVAL, z=z)
    coverage = metrics.mode_coverage(samples, data.ring_centres(), ring_std)
    return RingRun(samples, coverage, probes, chunk, wall, cpu)


def early_confidence(run: RingRun, first=300) -> dict:
    """What D said about the fakes over the first ``first`` generator updates of ``run``.

    Returns ``{"mean": float, "lowest": float, "confident_share": float, "updates": int}``:
    the mean of ``D(G(z))``, the lowest batch mean at any single update, and the mean share
    of fakes below :data:`CONFIDENT`, over the blocks of ``run.chunk`` updates that end at or
    before update ``first`` (``updates`` of them in all). Raises ValueError if ``first`` is
    shorter than one block or the run recorded fewer blocks (e.g. it diverged early).
    """
    blocks = _check_int("first", first) // run.chunk
    if blocks < 1:
        raise ValueError(f"first ({first}) is shorter than one block of {run.chunk} updates.")
    recorded = min(len(run.probes.get(name, [])) for name in PROBES)
    if recorded < blocks:
        raise ValueError(f"the run recorded {recorded} blocks of {run.chunk} updates, fewer "
                         f"than the {blocks} needed for the first {first}.")
    mean, lowest, share = (np.asarray(run.probes[name][:blocks], dtype=float)
                           for name in PROBES)
    return {"mean": float(mean.mean()), "lowest": float(lowest.min()),
            "confident_share": float(share.mean()), "updates": blocks * run.chunk}


def summarize(results, seeds) -> dict:
    """``{loss: {"seeds", "modes_captured", "high_quality_share", "cpu_s", "wall_s",
    "diverged"}}``, one list entry per seed (``None`` for a diverged run's coverage), for
    ``report.record``. ``results``: ``{loss: [RingRun per seed]}`` in the order of ``seeds``."""
    out = {}
    for name, runs in results.items():
        if len(runs) != len(seeds):
            raise ValueError(f"{name} has {len(runs)} runs for {len(seeds)} seeds.")
        out[name] = {
            "seeds": list(seeds),
            "modes_captured": [r.coverage["modes_captured"] if r.coverage else None for r in runs],
            "high_quality_share": [round(r.coverage["high_quality_share"], 4) if r.coverage
                                   else None for r in runs],
            "cpu_s": [round(r.cpu_s, 2) for r in runs],
            "wall_s": [round(r.wall_s, 2) for r in runs],
            "diverged": [r.diverged for r in runs]}
    return out


def format_table(results, seeds) -> str:
    """The per-seed table of modes captured, high-quality share and CPU time, one row per
    loss and seed (a diverged run says so and where)."""
    from course_utils.i18n import t

    lines = [t("loss              seed  modes (of 8)  high quality  CPU time",
               "损失              种子  模式数（共 8）  高质量比例   CPU 时间", sep="\n")]
    for name, row in summarize(results, seeds).items():
        for i, seed in enumerate(seeds):
            if row["diverged"][i]:
                lines.append(f"{name:16s} {seed:>5d}  {row['diverged'][i]}")
                continue
            lines.append(f"{name:16s} {seed:>5d} {row['modes_captured'][i]:>13d} "
                         f"{row['high_quality_share'][i]:>13.0%} {row['cpu_s'][i]:>8.1f} s")
    return "\n".join(lines)


def best_per_seed(results, seeds, key="high_quality_share") -> list:
    """For each seed, the loss with the largest ``key`` of its coverage (diverged runs
    skipped; ``None`` where every run diverged)."""
    best = []
    for i, _ in enumerate(seeds):
        scored = [(run.coverage[key], name) for name, runs in results.items()
                  if (run := runs[i]).coverage is not None]
        best.append(max(scored)[1] if scored else None)
    return best
