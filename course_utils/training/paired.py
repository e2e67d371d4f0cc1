"""``Pix2Pix``: paired image-to-image translation (Isola et al. 2016, arXiv 1611.07004).

The generator translates a source image ``x`` (an outline, a low-resolution image, a masked
image) into ``G(x)``; there is no z — dropout in G is the only noise. The discriminator
judges **pairs** ``D([y, x])``: is ``y`` a real target *for this source*? G minimises

    L_G = w_adv · L_cGAN(G, D) + λ · E ‖y − G(x)‖₁           (the paper's eq. 4, λ = 100)

and D the usual cross-entropy on real pairs ``(y, x)`` and fake pairs ``(G(x), x)``. The
paper's ablations are arguments: ``adversarial_weight=0`` (L1 alone), ``l1_weight=0``
(cGAN alone), an unconditional D (built without ``condition_shape``: ``D(y)``).

The update is THE shared round of :mod:`course_utils.training.steps` (one D step, one G
step); this class only says what G's input, D's condition and the target are. ``fit`` takes
``(source, target)`` pairs and brings callbacks, ``BackupAndRestore`` and the divergence
guard (:class:`~course_utils.training.base.AdversarialModel`). Builders:
:func:`course_utils.models.unet_generator`, :func:`course_utils.models.patchgan_discriminator`.
Defined in lesson 10.
"""

from __future__ import annotations

import dataclasses

import keras
import numpy as np
import tensorflow as tf

from course_utils.training import steps
from course_utils.training.base import AdversarialModel
from course_utils.training.gan import make_rules


def l1_distance(target, fake):
    """``E |y − G(x)|``: the mean absolute difference, a scalar."""
    return tf.reduce_mean(tf.abs(tf.cast(target, fake.dtype) - fake))


class Pix2Pix(AdversarialModel):
    """A U-Net generator and a PatchGAN discriminator trained on ``(source, target)`` pairs.

    Args:
        generator: ``keras.Model`` source ``(batch, h, w, c)`` → image ``(batch, h, w, c')``.
        discriminator: ``keras.Model`` ``[image, source]`` → logits (conditional, the
            paper's D) or ``image`` → logits (unconditional, the ablation); any logit shape,
            e.g. PatchGAN's ``(batch, h', w', 1)``.
        seed: seeds the trainer's random state (saved with it for resume).
    """

    def __init__(self, generator, discriminator, seed=None, **kwargs):
        super().__init__({"generator": generator, "discriminator": discriminator}, seed=seed,
                         **kwargs)
        n_inputs = len(discriminator.inputs)
        if n_inputs not in (1, 2):
            raise ValueError(f"The discriminator must take an image, or [image, source]; it "
                             f"takes {n_inputs} inputs.")
        self.conditional = n_inputs == 2
        self.rules = None

    def compile(self, *, d_optimizer, g_optimizer, l1_weight=100.0, adversarial_weight=1.0,
                loss="non_saturating", **kwargs):
        """Both optimizers (two distinct objects, keyword-only) and the generator's loss.

        Args:
            l1_weight: λ of ``λ · E‖y − G(x)‖₁`` (0 = cGAN alone).
            adversarial_weight: weight of G's adversarial term (0 = L1 alone; D still
                trains, so its opinion of the outputs can be read).
            loss: the adversarial loss, a name of :data:`course_utils.losses.LOSSES`.
        """
        super().compile(**kwargs)
        for name, value in (("l1_weight", l1_weight), ("adversarial_weight", adversarial_weight)):
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise ValueError(f"{name} must be a number ≥ 0, got {value!r}.")
        if l1_weight == 0 and adversarial_weight == 0:
            raise ValueError("l1_weight and adversarial_weight are both 0: G would have no loss.")
        self.l1_weight, self.adversarial_weight = float(l1_weight), float(adversarial_weight)
        rules = make_rules(loss)
        g_adversarial = rules.g_loss  # (fake_logits, fake, target) -> e.g. −log D(G(x), x)

        def g_loss(fake_logits, fake, target):
            adversarial = g_adversarial(fake_logits, fake, target)        # L_cGAN(G, D)
            l1 = l1_distance(target, fake)                                 # E ‖y − G(x)‖₁
            return self.adversarial_weight * adversarial + self.l1_weight * l1  # eq. 4

        self.rules = dataclasses.replace(rules, g_loss=g_loss)
        self._g_adversarial = g_adversarial
        self._set_optimizers(g_optimizer=(g_optimizer, self.generator.trainable_variables),
                             d_optimizer=(d_optimizer, self.discriminator.trainable_variables))
        names = ["d_loss", "g_loss", "g_adversarial"]
        if self.l1_weight > 0:
            names.append("l1")
        if self.rules.accuracy_threshold is not None:
            names += ["d_acc_real", "d_acc_fake"]
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

    def call(self, source, training=False):
        """Translate a batch of sources ``(batch, h, w, c)``."""
        return self.generator(source, training=training)

    def translate(self, source, batch_size=256) -> np.ndarray:
        """``G(source)`` as a NumPy array, generator in inference mode (dropout off)."""
        source = np.asarray(source, np.float32)
        expected = tuple(self.generator.input_shape[1:])
        if source.shape[1:] != expected:
            shape = ", ".join(map(str, expected))
            raise ValueError(f"source has shape {source.shape}; expected (n, {shape}).")
        return self._in_batches(self.generator, [source], batch_size)

    @staticmethod
    def _pair(data):
        """``(source, target)`` from what ``fit`` passes: ``(x, y)`` or ``((x, y),)``."""
        x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
        if y is None and isinstance(x, tuple | list) and len(x) == 2:
            x, y = x
        if y is None or isinstance(x, tuple | list):
            raise ValueError("Pix2Pix.fit needs (source, target) pairs: fit((x, y)), fit(x, y) "
                             "or a dataset of (x, y) pairs.")
        return x, y

    def train_step(self, data):
        source, target = self._pair(data)                  # x, y: one training pair per row
        values = steps.adversarial_round(
            self.generator, self.discriminator, self.g_optimizer, self.d_optimizer,
            target, self.rules, lambda n: source,          # real = y; G's input = x (no z)
            condition=source if self.conditional else None,  # D([y, x]) vs D([G(x), x])
            target=target, seed_generator=self.seed_generator,
            loss_scale=self._replica_scale())
        adversarial = self._g_adversarial(values["g_fake_logits"], None, None)
        values["g_adversarial"] = adversarial
        if self.l1_weight > 0:                             # L_G = w·L_cGAN + λ·L1 → L1
            values["l1"] = (values["g_loss"] - self.adversarial_weight * adversarial) \
                / self.l1_weight
        return self._update_trackers(values)


__all__ = ["Pix2Pix", "l1_distance"]
