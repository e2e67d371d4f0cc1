"""A training monitor that names a failure while it happens: ``TrainingMonitor``.

A Keras callback for ``GAN.fit`` (any trainer with ``generator``, ``discriminator`` and
``rules``). It watches what lessons 03–07 measured and prints, **once per symptom**, a
diagnosis in the learner's language with the lesson to revisit::

    monitor = TrainingMonitor(reference=x_real)
    gan.fit(dataset, epochs=5, callbacks=[monitor])
    monitor.diagnoses  # [("d_wins", 120), ...]: symptom and generator step

What it reads:

* from the logs, every step: the two losses and D's accuracy on real and fake. ``fit``
  logs running means over the epoch; the monitor turns them back into per-step values;
* from the models, every ``every`` steps: the norm of the generator's gradient under the
  trainer's own generator loss, on a fixed batch of noise, and the **diversity** of that
  fixed batch of samples (mean distance between two samples), divided by the diversity of
  ``reference`` (real samples), when given.

The symptoms (thresholds are constructor arguments):

* ``d_wins`` (lesson 05): D's accuracy above ``d_win_accuracy`` on both real and fake over
  the last ``every`` steps **and** the generator's gradient below ``vanish_ratio`` times
  the largest seen so far;
* ``collapse`` (lesson 06): diversity below ``collapse_ratio`` of the real one **and** below
  half of the largest diversity this run reached (a generator that never spread out has
  not collapsed, it has not trained), at two checks in a row;
* ``oscillation`` (lesson 07): over the last ``window`` steps the generator loss, with its
  straight-line trend removed, **repeats itself**: its autocorrelation
  (:func:`oscillation_evidence`) dips below ``-oscillation_correlation`` and climbs back
  above ``+oscillation_correlation`` one period later, the period fitting at least 2.5 times
  in the window, and the swing of the window's second half is at least half that of its
  first (it is not dying out) — at three checks in a row. Mini-batch noise and the slow
  wander of a healthy run are not periodic: their autocorrelation stays near 0 past the
  first few lags. (An earlier rule — the smoothed loss's spread against its step-to-step
  noise and the number of mean crossings — also fired on healthy Gaussian runs, and missed
  lesson 07's Dirac-GAN, whose period is shorter than its smoothing.) Measured on the loss
  only: the centre of the samples of a healthy GAN also circles its target, so it did not
  tell a failing run from a healthy one;
* ``divergence``: the losses' magnitude grows ``divergence_factor`` times beyond its
  early level (and past ``divergence_floor``), or a loss is NaN or inf.

It never stops training (``GAN.fit``'s ``DivergenceGuard`` stops at NaN) and prints
nothing on a healthy run. Defined in lesson 14; lessons 10–13 may use it.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf

from course_utils.i18n import t

SYMPTOMS = {
    "d_wins": ("05", "the discriminator wins at once and the generator's gradient vanishes",
               "判别器一开始就获胜，生成器的梯度消失",
               "try the non-saturating or Wasserstein loss, or a weaker / slower D",
               "试试非饱和损失或 Wasserstein 损失，或者让判别器弱一些、慢一些"),
    "collapse": ("06", "the diversity of the samples collapsed (mode collapse)",
                 "样本的多样性崩溃了（模式崩溃）",
                 "try an unrolled GAN, packing, minibatch std or WGAN-GP",
                 "试试展开式 GAN、打包、小批量标准差或 WGAN-GP"),
    "oscillation": ("07", "the losses oscillate without settling (failure to converge)",
                    "损失来回振荡、无法稳定（无法收敛）",
                    "try R1 / gradient penalty, instance noise, spectral norm or TTUR",
                    "试试 R1 / 梯度惩罚、实例噪声、谱归一化或 TTUR"),
    "divergence": ("07", "the losses are diverging", "损失正在发散",
                   "lower the learning rates or add a gradient penalty",
                   "调低学习率或加上梯度惩罚"),
}
"""symptom → (lesson to revisit, what it is in English, in Chinese, advice en, advice zh)."""


def diversity(samples) -> float:
    """Mean Euclidean distance between two different samples of ``samples`` ``(n, ...)``
    (flattened), n ≥ 2. 0 when every sample is the same."""
    x = np.asarray(samples, dtype=np.float64).reshape(len(samples), -1)
    if len(x) < 2 or not np.isfinite(x).all():
        raise ValueError(f"diversity needs at least 2 finite samples, got shape {x.shape}.")
    sq = (x * x).sum(1)
    d = np.sqrt(np.clip(sq[:, None] + sq[None, :] - 2.0 * x @ x.T, 0.0, None))
    return float(d.sum() / (len(x) * (len(x) - 1)))


def oscillation_evidence(values, max_period_share=0.4) -> dict:
    """How periodic a series of losses ``(n,)`` (n ≥ 20) is, once its least-squares line is
    removed: its autocorrelation ``ρ(τ)`` (1 at τ = 0; Wiener–Khinchin via the FFT). The
    **trough** is the lowest ``ρ`` at lags 1 … ``max_period_share · n / 2`` (half a period),
    at lag L; the **peak** the highest ``ρ`` after it, at lags L+1 … min(3L,
    ``max_period_share · n``) (one period, which is about 2L).

    Returns ``{"trough", "peak", "period", "calm_ratio", "spread"}``: the trough (0 when
    ``ρ`` stays ≥ 0), the peak and its lag (0, 0 when there is no trough), the standard
    deviation of the detrended second half over the first half's, and the detrended
    standard deviation. A sinusoid of period P (with P < 0.4 n) gives a trough
    near −1 at P/2 and a peak near +1 at P; white noise gives values within a few
    ``1/√n`` of 0."""
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(x) < 20 or not np.isfinite(x).all():
        raise ValueError(f"oscillation_evidence needs at least 20 finite values, got "
                         f"{len(x)} (finite: {bool(np.isfinite(x).all())}).")
    if not 0 < max_period_share <= 0.5:
        raise ValueError(f"max_period_share must be in (0, 0.5], got {max_period_share!r}.")
    steps = np.arange(len(x), dtype=np.float64)
    x = x - np.polyval(np.polyfit(steps, x, 1), steps)
    spread, half = float(np.std(x)), len(x) // 2
    calm = float(np.std(x[half:]) / max(np.std(x[:half]), 1e-300))
    evidence = {"trough": 0.0, "peak": 0.0, "period": 0, "calm_ratio": calm, "spread": spread}
    if spread <= 1e-12 * (float(np.mean(np.abs(values))) + 1.0):
        return evidence  # a straight line: nothing but round-off left
    power = np.abs(np.fft.rfft(x - x.mean(), 2 * len(x))) ** 2
    rho = np.fft.irfft(power)[:len(x)]
    rho = rho / rho[0]
    top = max(int(max_period_share * len(x) / 2), 2)  # the half period's lags
    trough_lag = int(np.argmin(rho[1:top + 1])) + 1
    if rho[trough_lag] >= 0:
        return evidence
    evidence["trough"] = float(rho[trough_lag])
    lags = np.arange(trough_lag + 1, min(3 * trough_lag, int(max_period_share * len(x))) + 1)
    if len(lags):
        best = int(lags[np.argmax(rho[lags])])
        evidence["peak"], evidence["period"] = float(rho[best]), best
    return evidence


def _positive(name, value, integer=False):
    ok = isinstance(value, int) if integer else isinstance(value, int | float)
    if not ok or isinstance(value, bool) or not value > 0:
        kind = "a positive int" if integer else "a positive number"
        raise ValueError(f"{name} must be {kind}, got {value!r}.")
    return value


class TrainingMonitor(keras.callbacks.Callback):
    """Name a failing GAN run while it trains, once per symptom (see the module docstring).

    Args:
        reference: real samples ``(m, ...)`` shaped like G's output (m ≥ 2) for the diversity
            ratio; ``None`` disables the collapse check.
        every: generator steps between two measurements of the models (gradient, diversity).
        n: size of the fixed noise batch.
        warmup: steps before any diagnosis (the first steps of every run look odd).
        window: steps the oscillation check looks back on.
        seed: seed of the fixed noise (NumPy; the training's randomness is untouched).
        verbose: print each diagnosis when it fires (``False``: only record it).

    After ``fit``: ``diagnoses`` lists ``(symptom, generator step)`` in the order they
    fired; ``history`` holds what was measured (per-step losses and accuracies, and per
    check the step, gradient norm and diversity ratio).
    """

    def __init__(self, reference=None, every=10, n=128, warmup=50, window=200, seed=0,
                 verbose=True, d_win_accuracy=0.95, vanish_ratio=0.05, collapse_ratio=0.25,
                 oscillation_correlation=0.3, divergence_factor=50.0,
                 divergence_floor=100.0):
        super().__init__()
        self.every = _positive("every", every, integer=True)
        self.n = _positive("n", n, integer=True)
        self.warmup = int(warmup)
        self.window = _positive("window", window, integer=True)
        self.seed, self.verbose = seed, bool(verbose)
        self.d_win_accuracy, self.vanish_ratio = d_win_accuracy, vanish_ratio
        self.collapse_ratio = collapse_ratio
        if not isinstance(oscillation_correlation, int | float) or \
                not 0 < oscillation_correlation < 1:
            raise ValueError(f"oscillation_correlation must be in (0, 1), got "
                             f"{oscillation_correlation!r}.")
        self.oscillation_correlation = float(oscillation_correlation)
        self.divergence_factor, self.divergence_floor = divergence_factor, divergence_floor
        if reference is not None:
            reference = np.asarray(reference, dtype=np.float32)
            self.real_diversity = diversity(reference[:512])
            if self.real_diversity <= 0:
                raise ValueError("reference samples are all identical: nothing to compare with.")
        else:
            self.real_diversity = None
        self.diagnoses: list[tuple[str, int]] = []
        self.history: dict[str, list] = {}
        self._z = None

    # ------------------------------------------------------------------- bookkeeping
    def on_train_begin(self, logs=None):
        model = self.model
        for attr in ("generator", "discriminator", "rules"):
            if getattr(model, attr, None) is None:
                raise ValueError(f"TrainingMonitor needs a compiled GAN trainer (with .{attr}), "
                                 f"got {type(model).__name__}.")
        if self._z is None:
            rng = np.random.default_rng(self.seed)
            self._z = tf.constant(rng.standard_normal((self.n, model.latent_dim)), tf.float32)
        self.history = {k: [] for k in ("d_loss", "g_loss", "d_acc_real", "d_acc_fake")}
        self.history.update(check_step=[], grad_norm=[], diversity_ratio=[])
        self._step, self._means, self._max_grad, self._max_div = 0, {}, 0.0, 0.0
        self._early_scale, self._low_diversity, self._swinging = None, 0, 0

    def _per_step(self, batch, logs):
        """Per-step values from the epoch's running means: v_b = (b+1) m_b − b m_{b−1}."""
        values = {}
        for key in self.history:
            if key not in logs or key == "check_step":
                continue
            mean = float(np.asarray(logs[key]))
            previous = self._means.get(key, 0.0) if batch > 0 else 0.0
            values[key] = (batch + 1) * mean - batch * previous
            self._means[key] = mean
        return values

    def _say(self, symptom):
        if any(s == symptom for s, _ in self.diagnoses):
            return
        self.diagnoses.append((symptom, self._step))
        lesson, en, zh, advice_en, advice_zh = SYMPTOMS[symptom]
        if self.verbose:
            print(t(f"⚠ step {self._step}: {en}. Revisit lesson {lesson}; {advice_en}.",
                    f"⚠ 第 {self._step} 步：{zh}。请复习第 {lesson} 课；{advice_zh}。"))

    # --------------------------------------------------------------- measurements
    def _measure(self):
        gen, disc, rules = self.model.generator, self.model.discriminator, self.model.rules
        with tf.GradientTape() as tape:
            fake = gen(self._z, training=False)
            loss = rules.g_loss(disc(fake, training=False), fake, None)
        grads = [g for g in tape.gradient(loss, gen.trainable_variables) if g is not None]
        norm = float(tf.linalg.global_norm(grads)) if grads else 0.0
        ratio = None
        if self.real_diversity is not None:
            ratio = diversity(np.asarray(fake)) / self.real_diversity
        return norm, ratio

    # --------------------------------------------------------------------- checks
    def on_train_batch_end(self, batch, logs=None):
        logs = logs or {}
        self._step += 1
        values = self._per_step(batch, logs)
        for key, value in values.items():
            self.history[key].append(value)
        losses = [values[k] for k in ("d_loss", "g_loss") if k in values]
        if any(not math.isfinite(v) for v in losses):
            self._say("divergence")
            return
        self._check_divergence()
        if self._step % self.every == 0:
            norm, ratio = self._measure()
            self.history["check_step"].append(self._step)
            self.history["grad_norm"].append(norm)
            self.history["diversity_ratio"].append(ratio)
            if math.isfinite(norm):
                self._max_grad = max(self._max_grad, norm)
            if ratio is not None and math.isfinite(ratio):
                self._max_div = max(self._max_div, ratio)
            if self._step > self.warmup:
                self._check_d_wins(norm)
                self._check_collapse(ratio)
        if self._step > self.warmup and self._step % self.every == 0:
            self._check_oscillation()

    def _check_divergence(self):
        h = self.history
        if "d_loss" not in h or not h["d_loss"]:
            return
        size = abs(h["d_loss"][-1]) + abs(h["g_loss"][-1]) if h["g_loss"] else 0.0
        if self._early_scale is None:
            if len(h["d_loss"]) >= max(self.warmup, 10):
                early = np.abs(h["d_loss"][:self.warmup or 10]) + \
                    np.abs(h["g_loss"][:self.warmup or 10])
                self._early_scale = max(float(np.median(early)), 1e-3)
            return
        recent = np.abs(h["d_loss"][-self.every:]) + np.abs(h["g_loss"][-self.every:])
        level = float(np.median(recent))
        if level > self.divergence_floor and level > self.divergence_factor * self._early_scale:
            self._say("divergence")
        del size

    def _check_d_wins(self, norm):
        h = self.history
        if not h["d_acc_real"] or not h["d_acc_fake"] or self._max_grad <= 0:
            return
        real = float(np.mean(h["d_acc_real"][-self.every:]))
        fake = float(np.mean(h["d_acc_fake"][-self.every:]))
        if real > self.d_win_accuracy and fake > self.d_win_accuracy \
                and norm < self.vanish_ratio * self._max_grad:
            self._say("d_wins")

    def _check_collapse(self, ratio):
        if ratio is None:
            return
        low = ratio < self.collapse_ratio and ratio < 0.5 * self._max_div
        self._low_diversity = self._low_diversity + 1 if low else 0
        if self._low_diversity >= 2:
            self._say("collapse")

    def _check_oscillation(self):
        """Over the last ``window`` generator losses (counted after the warm-up, so the first
        descent is left out), :func:`oscillation_evidence`: a trough below
        ``-oscillation_correlation``, a peak above ``+oscillation_correlation`` at a period of
        at most 0.4 ``window``, a second half at least half as wide as the first, and a spread
        above 0.1 % of the loss's size; at three checks in a row."""
        g = np.asarray(self.history["g_loss"][self.warmup:][-self.window:])
        if len(g) < max(self.window, 20) or not np.isfinite(g).all():
            return
        e = oscillation_evidence(g)
        # a swing under 0.1 % of the loss's size is round-off: the per-step values are
        # recovered from float32 running means, whose error grows with the batch index and
        # repeats every epoch (a converged run's loss would look periodic)
        level = 1e-3 * (float(np.mean(np.abs(g))) + 1e-3)
        swings = bool(e["trough"] < -self.oscillation_correlation
                      and e["peak"] > self.oscillation_correlation
                      and e["calm_ratio"] >= 0.5 and e["spread"] > level)
        self._swinging = self._swinging + 1 if swings else 0
        if self._swinging >= 3:
            self._say("oscillation")
