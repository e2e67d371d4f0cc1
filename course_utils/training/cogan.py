"""``CoGAN``: coupled GANs (Liu & Tuzel 2016, arXiv 1606.07536).

Two GANs, one per domain, trained at once on two **unpaired** image sets. The generator is a
coupled pair ``z → [G_a(z), G_b(z)]`` whose first layers are shared, the discriminator a
coupled pair ``[x_a, x_b] → [D_a(x_a), D_b(x_b)]`` whose last layers are shared
(:mod:`course_utils.models.coupled`; ``share=False`` there gives two independent GANs).
Each round is Algorithm 1 with the two games summed (the paper's eq. 4):

    D:  max  V_a(D_a, G_a) + V_b(D_b, G_b)       on a real batch of each domain and one z
    G:  min  L_G(D_a(G_a(z))) + L_G(D_b(G_b(z)))  the same z for both domains

so the shared weights receive the gradients of both games. Both updates are
:func:`steps.apply_update` (one tape, one optimizer per coupled player) with the losses of
:func:`course_utils.training.gan.make_rules`; ``fit`` takes ``(a, b)`` batches and brings
callbacks, ``BackupAndRestore`` and the divergence guard. Defined in lesson 11.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from course_utils.training import steps
from course_utils.training.base import AdversarialModel, two_domains
from course_utils.training.gan import make_rules


class CoGAN(AdversarialModel):
    """A coupled generator and a coupled discriminator trained on unpaired ``(a, b)`` batches.

    Args:
        generator: ``keras.Model`` ``z (batch, latent_dim)`` → ``[x_a, x_b]``.
        discriminator: ``keras.Model`` ``[x_a, x_b]`` → ``[logits_a, logits_b]``.
        seed: seeds the trainer's noise (saved with it for resume).
    """

    def __init__(self, generator, discriminator, seed=None, **kwargs):
        super().__init__({"generator": generator, "discriminator": discriminator}, seed=seed,
                         **kwargs)
        if len(generator.outputs) != 2 or len(discriminator.inputs) != 2 \
                or len(discriminator.outputs) != 2:
            raise ValueError("CoGAN needs a coupled generator z → [x_a, x_b] and a coupled "
                             "discriminator [x_a, x_b] → [logits_a, logits_b] "
                             "(course_utils.models.coupled).")
        self.latent_dim = int(generator.input_shape[-1])
        self.rules = None

    def compile(self, *, d_optimizer, g_optimizer, loss="non_saturating", **kwargs):
        """Both optimizers (distinct objects) and the adversarial ``loss`` (a name of
        :data:`course_utils.losses.LOSSES`)."""
        super().compile(**kwargs)
        self.rules = make_rules(loss)
        self._set_optimizers(g_optimizer=(g_optimizer, self.generator.trainable_variables),
                             d_optimizer=(d_optimizer, self.discriminator.trainable_variables))
        self.trackers = {name: keras.metrics.Mean(name=name)
                         for name in ("d_loss", "g_loss", "d_loss_a", "d_loss_b")}

    def train_step(self, data):
        real_a, real_b = two_domains(data, "CoGAN")
        n = tf.shape(real_a)[0]
        scale = self._replica_scale()
        z = steps.sample_latent(self.seed_generator, n, self.latent_dim)          # one z …
        fake_a, fake_b = self.generator(z, training=True)                         # … two images
        fake_a, fake_b = tf.stop_gradient(fake_a), tf.stop_gradient(fake_b)       # G fixed here

        def d_loss_fn():
            real_logits = self.discriminator([real_a, real_b], training=True)
            fake_logits = self.discriminator([fake_a, fake_b], training=True)
            per_domain = [self.rules.d_loss(r, f) for r, f in zip(real_logits, fake_logits,
                                                                  strict=True)]
            return per_domain[0] + per_domain[1], per_domain[0], per_domain[1]   # V_a + V_b

        d_loss, d_loss_a, d_loss_b = steps.apply_update(
            self.d_optimizer, self.discriminator.trainable_variables, d_loss_fn, scale)
        z = steps.sample_latent(self.seed_generator, n, self.latent_dim)          # fresh z

        def g_loss_fn():
            fakes = self.generator(z, training=True)
            logits = self.discriminator(fakes, training=True)
            return sum(self.rules.g_loss(lg, fk, None) for lg, fk in zip(logits, fakes,
                                                                          strict=True))

        g_loss = steps.apply_update(self.g_optimizer, self.generator.trainable_variables,
                                    g_loss_fn, scale)
        return self._update_trackers({"d_loss": d_loss, "g_loss": g_loss,
                                      "d_loss_a": d_loss_a, "d_loss_b": d_loss_b})

    def call(self, z, training=False):
        return self.generator(z, training=training)

    def pairs(self, n: int = None, z=None, batch_size: int = 256):
        """``(x_a, x_b)`` NumPy arrays ``(n, h, w, c)`` from the same ``z`` (given, or ``n``
        vectors N(0, 1) from NumPy's generator seeded 0)."""
        if z is None:
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise ValueError(f"pass z, or n as an int ≥ 1 (got n={n!r}).")
            z = np.random.default_rng(0).normal(size=(n, self.latent_dim))
        z = np.asarray(z, np.float32)
        if z.ndim != 2 or z.shape[1] != self.latent_dim:
            raise ValueError(f"z must have shape (n, {self.latent_dim}), got {z.shape}.")
        outs = [self.generator(z[i:i + batch_size], training=False)
                for i in range(0, len(z), batch_size)]
        return tuple(np.concatenate([keras.ops.convert_to_numpy(o[k]) for o in outs])
                     for k in range(2))


__all__ = ["CoGAN"]
