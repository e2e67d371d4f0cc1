"""THE discriminator update and THE generator update of the course.

Every trainer (``GAN``, ``ConditionalGAN`` and their siblings), the GAN-Lab playground and
lesson 05's study call these functions, so the game is written once. Conventions: D returns
logits (any shape, e.g. ``(batch, 1)`` or PatchGAN's ``(batch, h, w, 1)``); real = 1,
fake = 0. A *condition* (labels, a source image) is passed to a model as a second input:
``G([z, c])``, ``D([x, c])``.

The layers, bottom up:

- :func:`apply_update` — one gradient step on a list of variables: the loss under a tape,
  its gradients, the optimizer. Both players' updates (and any sibling's, e.g. CycleGAN's
  two generators under one loss) go through it.
- :func:`discriminator_step` — D's loss on a real and a fake batch plus its regularisers
  (:class:`Regulariser`: gradient penalty, R1, R2, drift).
- :func:`generator_step` — G's loss through a fixed D; the loss may call other models.
- :func:`adversarial_round` — Algorithm 1 of Goodfellow et al. 2014: ``k`` D updates, each
  on a FRESH real batch and fresh noise, then one G update.

Random draws (latent vectors, the gradient penalty's α, instance noise) come from a
``keras.random.SeedGenerator`` that the caller owns; nothing here touches the global random
state. Divergence (a NaN or inf loss) is caught after each step by ``fit``'s
:class:`~course_utils.training.divergence.DivergenceGuard`, which reads the returned losses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import keras
import tensorflow as tf

from course_utils import penalties


class ClipWeights(keras.constraints.Constraint):
    """Keep every entry of a weight in ``[-c, c]`` (WGAN's weight clipping).

    A Keras constraint: the optimizer applies it after each update of a variable
    whose ``constraint`` it is (``GAN.compile(clip_weights=c)`` sets it on D's weights).
    """

    def __init__(self, c: float):
        if not c > 0:
            raise ValueError(f"clip value must be > 0, got {c!r}.")
        self.c = float(c)

    def __call__(self, w):
        return keras.ops.clip(w, -self.c, self.c)

    def get_config(self):
        return {"c": self.c}


# ------------------------------------------------------------------ D's regularisers
def _gradient_penalty(d, real, fake, real_logits, seed_generator):
    alpha = penalties.interpolation_weights(real, seed_generator)     # α ~ U(0, 1) per example
    return penalties.gradient_penalty(d, real, fake, alpha)           # E (‖∇D(x̂)‖ − 1)²


def _r1(d, real, fake, real_logits, seed_generator):
    return 0.5 * penalties.r1_penalty(d, real)                        # ½ E_real ‖∇D(x)‖²


def _r2(d, real, fake, real_logits, seed_generator):
    return 0.5 * penalties.r2_penalty(d, fake)                        # ½ E_fake ‖∇D(x)‖²


def _drift(d, real, fake, real_logits, seed_generator):
    return penalties.drift_penalty(real_logits)                       # E_real D(x)²


REGULARISERS = {"gradient_penalty": _gradient_penalty, "r1": _r1, "r2": _r2, "drift": _drift}
"""Terms added to D's loss, each ``term(d, real, fake, real_logits, seed_generator)``:
``gradient_penalty`` = E (‖∇D(x̂)‖ − 1)² at x̂ between real and fake (WGAN-GP, λ = 10);
``r1`` = ½ E_real ‖∇D(x)‖² and ``r2`` = ½ E_fake ‖∇D(x)‖² (Mescheder et al. 2018; the weight
is their γ); ``drift`` = E_real D(x)² (ProGAN, ε = 0.001)."""


@dataclass(frozen=True)
class Regulariser:
    """``weight · REGULARISERS[name](…)``, added to D's loss in :func:`discriminator_step`."""

    name: str
    weight: float

    def __post_init__(self):
        if self.name not in REGULARISERS:
            raise ValueError(f"Unknown regulariser {self.name!r}: expected one of "
                             f"{', '.join(REGULARISERS)}.")
        if not self.weight >= 0:
            raise ValueError(f"The {self.name} weight must be ≥ 0, got {self.weight!r}.")

    def __call__(self, d, real, fake, real_logits, seed_generator):
        return self.weight * REGULARISERS[self.name](d, real, fake, real_logits, seed_generator)


@dataclass(frozen=True)
class Rules:
    """What one round of the game does.

    Args:
        d_loss: ``(real_logits, fake_logits) -> scalar``.
        g_loss: ``(fake_logits, fake, target) -> scalar``: D's output on the fakes, G's
            output and the paired target (``None`` without one), so a pix2pix loss can
            add ``|fake - target|``.
        d_steps: discriminator updates per generator update (k of Goodfellow et al. 2014),
            each on a fresh real batch.
        regularisers: :class:`Regulariser` terms added to D's loss, in order.
        instance_noise: std of Gaussian noise added to both D inputs (0 = off).
        accuracy_threshold: the output above which D says "real" (0 for logits, 0.5 for
            least squares), or ``None`` for a critic, whose output is no decision.
    """

    d_loss: Callable
    g_loss: Callable
    d_steps: int = 1
    regularisers: tuple = ()
    instance_noise: float = 0.0
    accuracy_threshold: float | None = 0.0

    def __post_init__(self):
        if not isinstance(self.d_steps, int) or isinstance(self.d_steps, bool) \
                or self.d_steps < 0:
            raise ValueError(f"d_steps must be an int ≥ 0, got {self.d_steps!r}.")
        if self.instance_noise < 0:
            raise ValueError(f"instance_noise must be ≥ 0, got {self.instance_noise}.")
        if not all(isinstance(r, Regulariser) for r in self.regularisers):
            raise ValueError("regularisers must be Regulariser objects.")


# ------------------------------------------------------------------ small pieces
def call_with_condition(model, x, condition=None, training=True):
    """``model(x)``, or ``model([x, condition])`` when a condition is given."""
    inputs = x if condition is None else [x, condition]
    return model(inputs, training=training)


def sample_latent(seed_generator, n, latent_dim, distribution="normal"):
    """Latent vectors ``(n, latent_dim)``: N(0, 1) or U(-1, 1), drawn from ``seed_generator``."""
    shape = (n, latent_dim)
    if distribution == "uniform":
        return keras.random.uniform(shape, -1.0, 1.0, seed=seed_generator)
    return keras.random.normal(shape, seed=seed_generator)


def sample_batch(pool, batch_size, seed_generator):
    """``batch_size`` rows of the tensor ``pool`` drawn without replacement."""
    order = keras.random.shuffle(tf.range(tf.shape(pool)[0]), seed=seed_generator)
    return tf.gather(pool, order[:batch_size])


def decision_accuracy(real_logits, fake_logits, threshold):
    """D's accuracy ``(on real, on fake)`` as tensors: real above ``threshold``, fake below."""
    real = tf.reduce_mean(tf.cast(real_logits > threshold, tf.float32))
    fake = tf.reduce_mean(tf.cast(fake_logits < threshold, tf.float32))
    return real, fake


# ------------------------------------------------------------------ the core update
def apply_update(optimizer, variables, loss_fn, loss_scale=1.0):
    """One gradient step: ``θ ← optimizer(θ, ∇_θ loss)`` for ``θ`` = ``variables``.

    ``loss_fn()`` returns the scalar loss, or a tuple ``(loss, *extras)`` (e.g. logits to
    report); it runs under the tape, so it may call any model — only ``variables`` move.
    ``loss_scale`` multiplies the loss before differentiation (1 / replicas under
    ``tf.distribute``). Returns what ``loss_fn`` returned. A variable the loss does not
    depend on is an error that names it.
    """
    variables = list(variables)
    with tf.GradientTape() as tape:
        out = loss_fn()                                          # L(θ), computed on the tape
        loss = out[0] if isinstance(out, tuple) else out
        scaled = loss * loss_scale
    grads = tape.gradient(scaled, variables)                     # ∇_θ L
    missing = [v.path for v, g in zip(variables, grads, strict=True) if g is None]
    if missing:
        raise ValueError(f"The loss does not depend on {', '.join(missing)}: pass only the "
                         "variables of the models the loss calls.")
    optimizer.apply_gradients(zip(grads, variables, strict=True))  # θ ← θ − η·step(∇_θ L)
    return out


def discriminator_step(discriminator, optimizer, real, fake, rules: Rules, *, condition=None,
                       mismatch=None, seed_generator=None, loss_scale=1.0):
    """One update of D on a real and a fake batch; returns ``(loss, real_logits, fake_logits)``.

    ``loss`` includes the regularisers. With instance noise both batches are blurred before
    D sees them. Weight clipping, if any, is D's variables' Keras constraint, applied by
    the optimizer. ``mismatch``: conditions that do NOT describe ``real`` (the matching-aware
    D of GAN-CLS, Reed et al. 2016, arXiv 1605.05396): the pairs ``(real, mismatch)`` join the
    fakes, so with equal batches D's fake half is ½[L(D(G(z), c)) + L(D(x, ĉ))], the paper's.
    """
    real = tf.convert_to_tensor(real)
    fake = tf.stop_gradient(tf.cast(fake, real.dtype))                   # G is fixed here
    if rules.instance_noise > 0:
        real = penalties.add_instance_noise(real, rules.instance_noise, seed_generator)  # x + σε
        fake = penalties.add_instance_noise(fake, rules.instance_noise, seed_generator)

    def d(x):
        return call_with_condition(discriminator, x, condition)

    def loss_fn():
        real_logits, fake_logits = d(real), d(fake)                     # D(x), D(G(z))
        negatives = fake_logits
        if mismatch is not None:                                         # + D(x, ĉ): wrong pairs
            wrong_logits = call_with_condition(discriminator, real, mismatch)
            negatives = tf.concat([fake_logits, tf.cast(wrong_logits, fake_logits.dtype)], 0)
        loss = rules.d_loss(real_logits, negatives)            # e.g. −log D(x) − log(1 − D(G(z)))
        for regulariser in rules.regularisers:                           # + λ·GP, γ/2·R1, ε·drift …
            loss += regulariser(d, real, fake, real_logits, seed_generator)
        return loss, real_logits, fake_logits

    return apply_update(optimizer, discriminator.trainable_variables, loss_fn, loss_scale)


def generator_step(generator, discriminator, optimizer, g_input, rules: Rules, *,
                   condition=None, target=None, seed_generator=None, loss_scale=1.0):
    """One update of G through a fixed D; returns ``(loss, fake, fake_logits)``.

    ``g_input``: what G takes (z, or ``[z, labels]``, or a source image). Only G's
    weights move; D's are read, not touched. For a loss over several models (CycleGAN's
    two generators, a mapping network) call :func:`apply_update` with their variables.
    """
    def loss_fn():
        fake = generator(g_input, training=True)                          # G(z)
        seen = fake
        if rules.instance_noise > 0:
            seen = penalties.add_instance_noise(fake, rules.instance_noise, seed_generator)
        fake_logits = call_with_condition(discriminator, seen, condition)  # D(G(z))
        return rules.g_loss(fake_logits, fake, target), fake, fake_logits  # e.g. −log D(G(z))

    return apply_update(optimizer, generator.trainable_variables, loss_fn, loss_scale)


def _as_batches(value, k, name):
    """``value`` as a list of ``k`` batches: a list/tuple of k tensors, or None."""
    if value is None:
        return [None] * k
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != k:
            raise ValueError(f"{name}: expected {k} batches (one per discriminator step), "
                             f"got {len(value)}.")
        return list(value)
    if k == 1:
        return [value]
    raise ValueError(f"d_steps={k} needs {k} {name} batches, one per discriminator step "
                     "(Algorithm 1 draws a fresh minibatch for each): pass a list.")


def adversarial_round(generator, discriminator, g_optimizer, d_optimizer, real, rules: Rules,
                      latent: Callable, *, condition=None, target=None, mismatch=None,
                      seed_generator=None, loss_scale=1.0, g_opponent: Callable | None = None):
    """Algorithm 1: ``rules.d_steps`` D updates, then one G update.

    Args:
        real: one batch when ``d_steps == 1``, else a list of ``d_steps`` batches — D step
            ``i`` sees batch ``i`` and fresh fakes.
        latent: ``latent(n, i)`` or ``latent(n)`` returns G's input for ``n`` samples
            (z, ``[z, labels]`` or a source image); ``i`` is the D step (``d_steps`` for
            G's step), so a paired or conditional trainer can return batch ``i``'s input.
        condition, target: like ``real`` (one per D step, or one), D's second input and the
            paired target; G's step uses the last ones.
        mismatch: like ``condition``: conditions that do not match the real batch, judged
            as fake by D (GAN-CLS; see :func:`discriminator_step`); ``None`` = off.
        g_opponent: ``g_opponent(last_real_batch)`` returns the D that G's loss sees
            (UnrolledGAN's look-ahead); default: D as it is after its updates.
    Returns a dict of tensors: ``d_loss``, ``g_loss``, ``real_logits``, ``fake_logits`` (of
    the last D update), ``g_fake_logits`` (what G's loss saw), and ``d_acc_real`` /
    ``d_acc_fake`` when ``rules.accuracy_threshold`` is not None.
    """
    k = rules.d_steps
    if k < 1:
        raise ValueError("adversarial_round needs d_steps ≥ 1.")
    reals = _as_batches(real, k, "real")
    conditions = _as_batches(condition, k, "condition")
    targets = _as_batches(target, k, "target")
    mismatches = _as_batches(mismatch, k, "mismatch")
    draw = latent if _takes_step_index(latent) else (lambda n, i: latent(n))
    for i in range(k):                                                   # for k steps:
        n = tf.shape(reals[i])[0]
        fake = generator(draw(n, i), training=True)                      #   fresh z → G(z)
        d_loss, real_logits, fake_logits = discriminator_step(           #   ascend D's objective
            discriminator, d_optimizer, reals[i], fake, rules, condition=conditions[i],
            mismatch=mismatches[i], seed_generator=seed_generator, loss_scale=loss_scale)
    opponent = discriminator if g_opponent is None else g_opponent(reals[-1])
    g_loss, _, g_fake_logits = generator_step(                           # then one G step
        generator, opponent, g_optimizer, draw(n, k), rules, condition=conditions[-1],
        target=targets[-1], seed_generator=seed_generator, loss_scale=loss_scale)
    out = {"d_loss": d_loss, "g_loss": g_loss, "real_logits": real_logits,
           "fake_logits": fake_logits, "g_fake_logits": g_fake_logits}
    if rules.accuracy_threshold is not None:
        out["d_acc_real"], out["d_acc_fake"] = decision_accuracy(
            real_logits, fake_logits, rules.accuracy_threshold)
    return out


def _takes_step_index(fn) -> bool:
    """Whether ``fn`` takes two positional arguments ``(n, i)``."""
    try:
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) >= 2
