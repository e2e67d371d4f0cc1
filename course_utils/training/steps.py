"""THE discriminator update and THE generator update of the course.

Every trainer (``GAN``, ``ConditionalGAN`` and their siblings), the GAN-Lab
playground and lesson 05's study call these functions, so the game is written
once. Conventions: D returns logits (any shape, e.g. ``(batch, 1)`` or PatchGAN's
``(batch, h, w, 1)``); real = 1, fake = 0. A *condition* (labels, a source
image) is passed to a model as a second input: ``G([z, c])``, ``D([x, c])``.

Random draws (latent vectors, the gradient penalty's α, instance noise) come from
a ``keras.random.SeedGenerator`` that the caller owns; nothing here touches the
global random state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Rules:
    """What one round of the game does.

    Args:
        d_loss: ``(real_logits, fake_logits) -> scalar``.
        g_loss: ``(fake_logits, fake, target) -> scalar``: D's output on the fakes, G's
            output and the paired target (``None`` without one), so a pix2pix loss can
            add ``|fake - target|``.
        d_steps: discriminator updates per generator update (k of Goodfellow et al. 2014).
        gradient_penalty_weight: λ of WGAN-GP (0 = off); α drawn from the seed generator.
        instance_noise: std of Gaussian noise added to both D inputs (0 = off).
        accuracy_threshold: the output above which D says "real" (0 for logits, 0.5 for
            least squares), or ``None`` for a critic, whose output is no decision.
    """

    d_loss: Callable
    g_loss: Callable
    d_steps: int = 1
    gradient_penalty_weight: float = 0.0
    instance_noise: float = 0.0
    accuracy_threshold: float | None = 0.0
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if not isinstance(self.d_steps, int) or isinstance(self.d_steps, bool) \
                or self.d_steps < 0:
            raise ValueError(f"d_steps must be an int ≥ 0, got {self.d_steps!r}.")
        if self.gradient_penalty_weight < 0:
            raise ValueError("gradient_penalty_weight must be ≥ 0, got "
                             f"{self.gradient_penalty_weight}.")
        if self.instance_noise < 0:
            raise ValueError(f"instance_noise must be ≥ 0, got {self.instance_noise}.")


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


def discriminator_step(discriminator, optimizer, real, fake, rules: Rules, *, condition=None,
                       seed_generator=None, loss_scale=1.0):
    """One update of D on a real and a fake batch; returns ``(loss, real_logits, fake_logits)``.

    ``loss`` includes the gradient penalty. With instance noise both batches are blurred
    before D sees them. ``loss_scale`` divides the loss across ``tf.distribute`` replicas.
    Weight clipping, if any, is D's variables' Keras constraint, applied by the optimizer.
    """
    real = tf.convert_to_tensor(real)
    fake = tf.stop_gradient(tf.cast(fake, real.dtype))
    if rules.instance_noise > 0:
        real = penalties.add_instance_noise(real, rules.instance_noise, seed_generator)
        fake = penalties.add_instance_noise(fake, rules.instance_noise, seed_generator)
    weights = discriminator.trainable_variables
    with tf.GradientTape() as tape:
        real_logits = call_with_condition(discriminator, real, condition)
        fake_logits = call_with_condition(discriminator, fake, condition)
        loss = rules.d_loss(real_logits, fake_logits)
        if rules.gradient_penalty_weight > 0:
            alpha = penalties.interpolation_weights(real, seed_generator)
            loss += rules.gradient_penalty_weight * penalties.gradient_penalty(
                lambda x: call_with_condition(discriminator, x, condition), real, fake, alpha)
        scaled = loss * loss_scale
    optimizer.apply_gradients(zip(tape.gradient(scaled, weights), weights, strict=True))
    return loss, real_logits, fake_logits


def generator_step(generator, discriminator, optimizer, g_input, rules: Rules, *,
                   condition=None, target=None, seed_generator=None, loss_scale=1.0):
    """One update of G through a fixed D; returns ``(loss, fake)``.

    ``g_input``: what G takes (z, or ``[z, labels]``, or a source image). Only G's
    gradients are computed; D's weights are not touched.
    """
    weights = generator.trainable_variables
    with tf.GradientTape() as tape:
        fake = generator(g_input, training=True)
        seen = fake
        if rules.instance_noise > 0:
            seen = penalties.add_instance_noise(fake, rules.instance_noise, seed_generator)
        fake_logits = call_with_condition(discriminator, seen, condition)
        loss = rules.g_loss(fake_logits, fake, target)
        scaled = loss * loss_scale
    optimizer.apply_gradients(zip(tape.gradient(scaled, weights), weights, strict=True))
    return loss, fake


def adversarial_round(generator, discriminator, g_optimizer, d_optimizer, real, rules: Rules,
                      latent: Callable, *, condition=None, seed_generator=None, loss_scale=1.0):
    """``rules.d_steps`` D updates (fresh fakes each, the same real batch), then one G update.

    ``latent(n)`` returns G's input for ``n`` samples (e.g. z, or ``[z, labels]``).
    Returns a dict of tensors: ``d_loss``, ``g_loss``, and ``d_acc_real``/``d_acc_fake``
    when ``rules.accuracy_threshold`` is not None (measured in the last D update).
    """
    if rules.d_steps < 1:
        raise ValueError("adversarial_round needs d_steps ≥ 1.")
    n = tf.shape(real)[0]
    for _ in range(rules.d_steps):
        fake = generator(latent(n), training=True)
        d_loss, real_logits, fake_logits = discriminator_step(
            discriminator, d_optimizer, real, fake, rules, condition=condition,
            seed_generator=seed_generator, loss_scale=loss_scale)
    g_loss, _ = generator_step(generator, discriminator, g_optimizer, latent(n), rules,
                               condition=condition, seed_generator=seed_generator,
                               loss_scale=loss_scale)
    out = {"d_loss": d_loss, "g_loss": g_loss}
    if rules.accuracy_threshold is not None:
        out["d_acc_real"], out["d_acc_fake"] = decision_accuracy(
            real_logits, fake_logits, rules.accuracy_threshold)
    return out
