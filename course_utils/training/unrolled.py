"""``UnrolledGAN``: the generator looks ``k`` discriminator updates ahead (Metz et al. 2016,
arXiv 1611.02163).

D is updated as in a plain GAN (:func:`steps.discriminator_step`). For G's update, a copy
of D's weights takes ``k`` differentiable SGD steps against G's current samples, and G's
loss is measured on that *future* D, differentiating through the ``k`` steps: G is
penalised for moves that D would answer by simply following it to the next mode. The
paper unrolls Adam; we unroll plain SGD (with ``unroll_lr``), which keeps the idea and
the second-order term. Defined in lesson 06.
"""

from __future__ import annotations

import tensorflow as tf

from course_utils.training.gan import GAN


class LookAhead:
    """D as it will be after ``k`` SGD steps on ``real`` and G's samples: a callable
    ``x -> logits`` whose output is differentiable with respect to G's weights."""

    def __init__(self, generator, discriminator, real, latent, rules, k, unroll_lr):
        self.generator, self.discriminator = generator, discriminator
        self.real, self.latent, self.rules, self.k, self.lr = real, latent, rules, k, unroll_lr

    def _call(self, weights, x):
        d = self.discriminator
        out, _ = d.stateless_call(weights, [v.value for v in d.non_trainable_variables], x,
                                  training=True)
        return out

    def __call__(self, x, training=True):
        weights = [v.value for v in self.discriminator.trainable_variables]
        n = tf.shape(self.real)[0]
        for _ in range(self.k):
            fake = self.generator(self.latent(n), training=True)  # depends on G: kept on tape
            with tf.GradientTape() as tape:
                tape.watch(weights)
                loss = self.rules.d_loss(self._call(weights, self.real), self._call(weights, fake))
            grads = tape.gradient(loss, weights)
            weights = [w - self.lr * g for w, g in zip(weights, grads, strict=True)]
        return self._call(weights, x)


class UnrolledGAN(GAN):
    """A :class:`GAN` whose generator update looks ``unroll_steps`` D updates ahead.

    Args:
        unroll_steps: k ≥ 0 (0 = a plain GAN); unroll_lr: the SGD step of the look-ahead.
        Other arguments as :class:`GAN`. Costs about ``k + 1`` discriminator passes more
        per generator step.
    """

    def __init__(self, generator, discriminator, unroll_steps=5, unroll_lr=1e-2, **kwargs):
        super().__init__(generator, discriminator, **kwargs)
        if not isinstance(unroll_steps, int) or unroll_steps < 0:
            raise ValueError(f"unroll_steps must be an int ≥ 0, got {unroll_steps!r}.")
        if not unroll_lr > 0:
            raise ValueError(f"unroll_lr must be > 0, got {unroll_lr!r}.")
        self.unroll_steps, self.unroll_lr = unroll_steps, float(unroll_lr)

    def g_opponent(self, real):
        """The discriminator G's loss sees: D after ``unroll_steps`` look-ahead updates on
        ``real`` (the round's last real batch) and G's samples."""
        return LookAhead(self.generator, self.discriminator, real, self.sample_latent,
                         self.rules, self.unroll_steps, self.unroll_lr)
