"""``ProgressiveGAN``: progressive growing with fade-in (Karras et al. 2017, arXiv 1710.10196).

Training starts on 7×7 images, then grows G and D to 14×14 and 28×28. When a stage begins,
its new block is faded in: α goes 0 → 1 over ``fade_steps`` rounds,

    G_s(z) = (1 − α) · up(toRGB_{s−1}(h_{s−1})) + α · toRGB_s(h_s)

and D sees real images at the same resolution, blended the same way,

    x_s = (1 − α) · up(down(x)) + α · x        (x brought to 7·2^s pixels first)

α is a non-trainable variable of the trainer, assigned by the :class:`FadeIn` callback
before each step (it is *read* by the traced step, not baked into it). The stage changes the
networks' shapes, so a new stage traces a new step (as the paper's code builds a graph per
resolution). Stage and α are functions of the step count (``g_optimizer.iterations``), which
a checkpoint restores: ``keras.callbacks.BackupAndRestore`` resumes in the right stage with
the right α, also across a stage change. Each round is THE shared round of
:mod:`course_utils.training.steps`, on the variables the current stage uses; the divergence
guard of :class:`~course_utils.training.base.AdversarialModel` applies. Defined in lesson 12.
"""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from course_utils.models.progressive import (
    RESOLUTIONS,
    ProgressiveDiscriminator,
    ProgressiveGenerator,
    check_stage,
    downsample,
    upsample,
)
from course_utils.training import steps
from course_utils.training.base import AdversarialModel
from course_utils.training.gan import make_rules


def real_at_stage(x, stage, alpha):
    """Real images ``(b, 28, 28, 1)`` as D sees them at ``stage``: average-pooled to
    7·2^stage pixels and, during a fade-in, blended with the previous resolution."""
    stage = check_stage(stage)
    for _ in range(len(RESOLUTIONS) - 1 - stage):
        x = downsample(x)
    if stage == 0:
        return x
    return (1.0 - alpha) * upsample(downsample(x)) + alpha * x    # x_s = (1−α)·up(down(x)) + α·x


@dataclass(frozen=True)
class GrowthSchedule:
    """Rounds spent at each stage from ``start_stage`` on, and the fade-in length.

    ``stage_steps[i]`` rounds at stage ``start_stage + i`` (the last stage goes on for as
    long as training does); α rises linearly 0 → 1 over the first ``fade_steps`` rounds of
    every stage after the first. ``GrowthSchedule((0,), 0, start_stage=2)`` trains the final
    network from the start (the "direct" baseline).
    """

    stage_steps: tuple
    fade_steps: int
    start_stage: int = 0

    def __post_init__(self):
        check_stage(self.start_stage)
        if len(self.stage_steps) != len(RESOLUTIONS) - self.start_stage:
            raise ValueError(f"stage_steps needs one entry per stage from {self.start_stage} "
                             f"to 2, got {self.stage_steps!r}.")
        if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in self.stage_steps):
            raise ValueError(f"stage_steps must be ints ≥ 0, got {self.stage_steps!r}.")
        if isinstance(self.fade_steps, bool) or not isinstance(self.fade_steps, int) \
                or self.fade_steps < 0:
            raise ValueError(f"fade_steps must be an int ≥ 0, got {self.fade_steps!r}.")

    def at(self, step: int) -> tuple[int, float]:
        """``(stage, α)`` for the round with index ``step`` (0 = the first round)."""
        start = 0
        for i, n in enumerate(self.stage_steps):
            stage = self.start_stage + i
            if step < start + n or stage == len(RESOLUTIONS) - 1:
                if stage == self.start_stage or self.fade_steps == 0:
                    return stage, 1.0
                return stage, float(min(1.0, (step - start) / self.fade_steps))
            start += n
        raise AssertionError("unreachable")

    @property
    def growth_steps(self) -> int:
        """The round at which the final stage begins."""
        return int(sum(self.stage_steps[:-1]))


class FadeIn(keras.callbacks.Callback):
    """Before every round, set the trainer's stage and α from ``schedule`` and the number of
    rounds already played (``g_optimizer.iterations``, restored by ``BackupAndRestore``)."""

    def __init__(self, schedule: GrowthSchedule):
        super().__init__()
        if not isinstance(schedule, GrowthSchedule):
            raise ValueError(f"FadeIn needs a GrowthSchedule, got {schedule!r}.")
        self.schedule = schedule

    def on_train_batch_begin(self, batch, logs=None):
        stage, alpha = self.schedule.at(int(self.model.g_optimizer.iterations.numpy()))
        self.model.set_stage(stage)
        self.model.alpha.assign(alpha)


class _StageView:
    """One stage of a progressive network as ``steps`` wants a player: callable on a batch,
    with the ``trainable_variables`` that stage uses (not a Keras object, so not tracked
    twice)."""

    def __init__(self, net, stage, alpha):
        self.net, self.stage, self.alpha = net, stage, alpha

    def __call__(self, x, training=False):
        return self.net(x, stage=self.stage, alpha=self.alpha, training=training)

    @property
    def trainable_variables(self):
        return self.net.stage_variables(self.stage)


class ProgressiveGAN(AdversarialModel):
    """A :class:`~course_utils.models.progressive.ProgressiveGenerator` and
    :class:`~course_utils.models.progressive.ProgressiveDiscriminator` trained stage by stage.

    ``fit(x, callbacks=[FadeIn(schedule), …])`` with real images ``(n, 28, 28, 1)`` in
    [-1, 1]; without a ``FadeIn`` the trainer stays at its current stage and α (initially
    the final stage, α = 1).
    """

    def __init__(self, generator, discriminator, seed=None, **kwargs):
        if not isinstance(generator, ProgressiveGenerator) \
                or not isinstance(discriminator, ProgressiveDiscriminator):
            raise ValueError("ProgressiveGAN needs a ProgressiveGenerator and a "
                             "ProgressiveDiscriminator (course_utils.models.progressive).")
        super().__init__({"generator": generator, "discriminator": discriminator}, seed=seed,
                         **kwargs)
        self.latent_dim = generator.latent_dim
        self.alpha = keras.Variable(1.0, trainable=False, name="alpha")       # fade-in weight
        self._stage = len(RESOLUTIONS) - 1  # a Python int: the traced step depends on it
        self._views = tuple((_StageView(generator, s, self.alpha),
                             _StageView(discriminator, s, self.alpha))
                            for s in range(len(RESOLUTIONS)))
        self.rules = None

    @property
    def stage(self) -> int:
        """The current stage (0: 7×7, 1: 14×14, 2: 28×28)."""
        return self._stage

    def set_stage(self, stage):
        """Move to ``stage``; the next round traces that stage's step."""
        stage = check_stage(stage)
        if stage != self._stage:
            self._stage = stage
            if getattr(self, "train_function", None) is not None:
                self.make_train_function(force=True)

    def compile(self, *, d_optimizer, g_optimizer, loss="non_saturating", drift_weight=0.0,
                **kwargs):
        """Both optimizers (two distinct objects; the paper: Adam(1e-3, β₁ = 0, β₂ = 0.99)), a
        loss name of :data:`course_utils.losses.LOSSES` and ε of the drift term."""
        super().compile(**kwargs)
        self.rules = make_rules(loss, drift_weight=drift_weight)
        self._set_optimizers(g_optimizer=(g_optimizer, self.generator.trainable_variables),
                             d_optimizer=(d_optimizer, self.discriminator.trainable_variables))
        names = ["d_loss", "g_loss"]
        if self.rules.accuracy_threshold is not None:
            names += ["d_acc_real", "d_acc_fake"]
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

    def sample_latent(self, n):
        return steps.sample_latent(self.seed_generator, n, self.latent_dim)

    def train_step(self, data):
        real = data[0] if isinstance(data, tuple | list) else data
        stage = self.stage                                      # fixed while this step is traced
        g, d = self._views[stage]
        values = steps.adversarial_round(
            g, d, self.g_optimizer, self.d_optimizer, real_at_stage(real, stage, self.alpha),
            self.rules, self.sample_latent, seed_generator=self.seed_generator,
            loss_scale=self._replica_scale())
        return self._update_trackers(values)

    def call(self, z, training=False):
        return self.generator(z, stage=self.stage, alpha=self.alpha, training=training)

    def generate(self, n, z=None, stage=None, alpha=None, full_size=True) -> np.ndarray:
        """``n`` images at ``stage``/``alpha`` (default: the current ones), brought to 28×28
        with ``full_size``; NumPy ``(n, r, r, 1)`` in [-1, 1]."""
        z = self.sample_latent(n) if z is None else tf.convert_to_tensor(z, tf.float32)
        if len(z.shape) != 2 or z.shape[-1] != self.latent_dim:
            raise ValueError(f"z has shape {tuple(z.shape)}; expected (n, {self.latent_dim}).")
        stage = self.stage if stage is None else check_stage(stage)
        alpha = float(self.alpha.numpy()) if alpha is None else float(alpha)
        out = np.concatenate([keras.ops.convert_to_numpy(
            self.generator(z[i:i + 256], stage=stage, alpha=alpha)) for i in range(0, n, 256)])
        if full_size:
            from course_utils.models.progressive import to_full_size
            out = to_full_size(out)
        return out


__all__ = ["FadeIn", "GrowthSchedule", "ProgressiveGAN", "real_at_stage"]
