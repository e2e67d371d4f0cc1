"""``CycleGAN``: unpaired image-to-image translation (Zhu et al. 2017, arXiv 1703.10593).

Two generators, ``G: A → B`` and ``F: B → A``, and two discriminators, ``D_B`` (is this a
real B?) and ``D_A``. With no pairs, nothing says *which* B an ``a`` should become; the
**cycle consistency** loss asks that translating there and back returns the input. Both
generators minimise ONE loss (the paper's eq. 3 with the identity term of §5.2):

    L = w_adv · [L_LS(G, D_B) + L_LS(F, D_A)]                     least squares: ½ (D(fake) − 1)²
      + λ   · (E ‖F(G(a)) − a‖₁ + E ‖G(F(b)) − b‖₁)                forward + backward cycle, λ = 10
      + λ_id · (E ‖G(b) − b‖₁ + E ‖F(a) − a‖₁)                      identity, λ_id = ½ λ

and each discriminator the least-squares loss ``½ (D(real) − 1)² + ½ D(fake)²`` on fakes
drawn from an :class:`ImagePool` (the paper's history of 50 generated images: with
probability ½ D sees an older fake instead of the new one). The ablations are ``compile``
arguments: ``cycle_weight=0, identity_weight=0`` (GAN alone), ``adversarial_weight=0``
(cycle alone), ``identity_weight=0``, ``backward_cycle=False`` (GAN + forward cycle).

The generators' update is :func:`steps.apply_update` over both generators' variables under
one loss closure; each D's update is :func:`steps.discriminator_step`. The pool's contents
and the trainer's random state are saved with the weights, so ``BackupAndRestore`` resumes
exactly. ``fit`` takes ``(a, b)`` batches of the two domains (unpaired: row i of ``a`` has
nothing to do with row i of ``b``). Builders: :mod:`course_utils.models.cycle`.
Defined in lesson 11.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from course_utils import losses
from course_utils.training import steps
from course_utils.training.base import AdversarialModel, two_domains

POOL_SIZE = 50  # the paper's history of generated images


class ImagePool(keras.layers.Layer):
    """A history of ``size`` generated images for D (Shrivastava et al. 2017; CycleGAN §4).

    ``pool(fakes, seed_generator=…)`` → a batch of the same shape. While the pool is filling,
    each fake is stored and returned as it is. Once it is full, each fake, independently,
    with probability ``probability`` is swapped: a random stored image (distinct ones within
    a batch) is returned instead, and the fake takes its place; otherwise the fake itself is
    returned. ``size=0`` turns the pool off. The stored images and the fill count are
    non-trainable weights, so they are saved and restored with the trainer.

    Args:
        image_shape: ``(h, w, c)`` of the images.
        size: how many images it keeps (the paper: 50); a batch may not exceed it.
        probability: the chance that a fake is swapped for a stored one (the paper: ½).
    """

    def __init__(self, image_shape, size: int = POOL_SIZE, probability: float = 0.5, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise ValueError(f"size must be an int ≥ 0, got {size!r}.")
        if not 0.0 <= probability <= 1.0:
            raise ValueError(f"probability must be in [0, 1], got {probability!r}.")
        self.image_shape = tuple(int(s) for s in image_shape)
        self.size, self.probability = size, float(probability)
        self.images = self.add_weight(shape=(max(size, 1), *self.image_shape),
                                      initializer="zeros", trainable=False, name="images")
        self.count = self.add_weight(shape=(), initializer="zeros", dtype="int32",
                                     trainable=False, name="count")

    def call(self, fakes, seed_generator):
        fakes = tf.convert_to_tensor(fakes, tf.float32)
        if self.size == 0:
            return fakes
        if fakes.shape[0] is not None and fakes.shape[0] > self.size:
            raise ValueError(f"A batch of {fakes.shape[0]} fakes is larger than the pool of "
                             f"{self.size}: use a pool at least as large as the batch.")
        n = tf.shape(fakes)[0]
        slots = self.count + tf.range(n)                                   # where a new one goes
        filling = slots < self.size                                        # pool not yet full
        fill_at = tf.where(filling, slots, 0)
        stored = tf.tensor_scatter_nd_update(                              # store while filling
            self.images, tf.boolean_mask(fill_at, filling)[:, None],
            tf.boolean_mask(fakes, filling))
        pick = keras.random.shuffle(tf.range(self.size), seed=seed_generator)[:n]  # distinct
        swap = keras.random.uniform((n,), seed=seed_generator) < self.probability
        swap = tf.logical_and(swap, tf.logical_not(filling))               # only once full
        older = tf.gather(stored, pick)
        out = tf.where(swap[:, None, None, None], older, fakes)            # ½: an older fake
        stored = tf.tensor_scatter_nd_update(                              # … the new one stays
            stored, tf.boolean_mask(pick, swap)[:, None], tf.boolean_mask(fakes, swap))
        self.images.assign(stored)
        self.count.assign(tf.minimum(self.count + n, self.size))
        return out


def _weight(name, value):
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ValueError(f"{name} must be a number ≥ 0, got {value!r}.")
    return float(value)


def mean_l1(x, y):
    """``E |x − y|`` over every element: a scalar."""
    return tf.reduce_mean(tf.abs(tf.cast(x, tf.float32) - tf.cast(y, tf.float32)))


class CycleGAN(AdversarialModel):
    """Two generators and two discriminators trained on unpaired ``(a, b)`` batches.

    Args:
        generator_ab: ``G``, image of A ``(batch, h, w, c)`` → image of B, same shape.
        generator_ba: ``F``, B → A.
        discriminator_a, discriminator_b: image → scores (any shape), raw (least squares).
        pool_size: images in each :class:`ImagePool` (0 = D sees only the newest fakes).
        seed: seeds the trainer's random state (the pools' draws), saved for resume.
    """

    step_optimizer_name = "g_optimizer"

    def __init__(self, generator_ab, generator_ba, discriminator_a, discriminator_b,
                 pool_size: int = POOL_SIZE, seed=None, **kwargs):
        super().__init__({"generator_ab": generator_ab, "generator_ba": generator_ba,
                          "discriminator_a": discriminator_a,
                          "discriminator_b": discriminator_b}, seed=seed, **kwargs)
        shape_a = tuple(generator_ba.output_shape[1:])
        shape_b = tuple(generator_ab.output_shape[1:])
        if tuple(generator_ab.input_shape[1:]) != shape_a \
                or tuple(generator_ba.input_shape[1:]) != shape_b:
            raise ValueError(f"generator_ab maps {generator_ab.input_shape[1:]} → {shape_b} and "
                             f"generator_ba {generator_ba.input_shape[1:]} → {shape_a}: each "
                             "must map its domain's images into the other's.")
        self.pool_a = ImagePool(shape_a, pool_size, name="pool_a")  # older F(b) for D_A
        self.pool_b = ImagePool(shape_b, pool_size, name="pool_b")  # older G(a) for D_B

    def compile(self, *, g_optimizer, d_a_optimizer, d_b_optimizer, cycle_weight=10.0,
                identity_weight=5.0, adversarial_weight=1.0, backward_cycle=True, **kwargs):
        """The three optimizers (distinct objects; one moves both generators) and G's loss.

        Args:
            cycle_weight: λ of the cycle terms (0 = no cycle: "GAN alone" with
                ``identity_weight=0``).
            identity_weight: λ_id of ``E‖G(b) − b‖₁ + E‖F(a) − a‖₁`` (the paper: ½ λ).
            adversarial_weight: weight of both generators' least-squares terms (0 = "cycle
                alone"; the discriminators still train, so their opinion can be read).
            backward_cycle: keep ``E‖G(F(b)) − b‖₁`` (False: the forward cycle alone).
        """
        super().compile(**kwargs)
        self.cycle_weight = _weight("cycle_weight", cycle_weight)
        self.identity_weight = _weight("identity_weight", identity_weight)
        self.adversarial_weight = _weight("adversarial_weight", adversarial_weight)
        if not isinstance(backward_cycle, bool):
            raise ValueError(f"backward_cycle must be True or False, got {backward_cycle!r}.")
        self.backward_cycle = backward_cycle
        if self.adversarial_weight == 0 and self.cycle_weight == 0:
            raise ValueError("adversarial_weight and cycle_weight are both 0: nothing would tie "
                             "the translation to either domain.")
        self._ls_g, ls_d = losses.get_loss_pair("least_squares")
        self.rules = steps.Rules(d_loss=ls_d, g_loss=None, accuracy_threshold=0.5)
        generators = self.generator_ab.trainable_variables + self.generator_ba.trainable_variables
        self._set_optimizers(
            g_optimizer=(g_optimizer, generators),
            d_a_optimizer=(d_a_optimizer, self.discriminator_a.trainable_variables),
            d_b_optimizer=(d_b_optimizer, self.discriminator_b.trainable_variables))
        names = ["g_loss", "adversarial", "cycle", "identity", "d_a_loss", "d_b_loss"]
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

    def generators_loss(self, a, b):
        """G's and F's loss on one unpaired batch; returns ``(loss, terms, fake_a, fake_b)``
        with ``terms`` = ``{"adversarial", "cycle", "identity"}`` (unweighted)."""
        G, F = self.generator_ab, self.generator_ba
        fake_b, fake_a = G(a, training=True), F(b, training=True)               # G(a), F(b)
        adversarial = (self._ls_g(self.discriminator_b(fake_b, training=True))  # ½(D_B(G(a))−1)²
                       + self._ls_g(self.discriminator_a(fake_a, training=True)))
        cycle = mean_l1(F(fake_b, training=True), a)                            # ‖F(G(a)) − a‖₁
        if self.backward_cycle:
            cycle += mean_l1(G(fake_a, training=True), b)                       # ‖G(F(b)) − b‖₁
        identity = 0.0
        if self.identity_weight > 0:
            identity = mean_l1(G(b, training=True), b) + mean_l1(F(a, training=True), a)
        loss = (self.adversarial_weight * adversarial + self.cycle_weight * cycle
                + self.identity_weight * identity)
        terms = {"adversarial": adversarial, "cycle": cycle,
                 "identity": tf.convert_to_tensor(identity, tf.float32)}
        return loss, terms, fake_a, fake_b

    def train_step(self, data):
        a, b = two_domains(data, "CycleGAN")
        scale = self._replica_scale()
        generators = self.generator_ab.trainable_variables + self.generator_ba.trainable_variables
        g_loss, terms, fake_a, fake_b = steps.apply_update(          # G and F, one loss
            self.g_optimizer, generators, lambda: self.generators_loss(a, b), scale)
        d_b_loss, _, _ = steps.discriminator_step(                    # D_B: b vs pooled G(a)
            self.discriminator_b, self.d_b_optimizer, b,
            self.pool_b(fake_b, seed_generator=self.seed_generator), self.rules, loss_scale=scale)
        d_a_loss, _, _ = steps.discriminator_step(                    # D_A: a vs pooled F(b)
            self.discriminator_a, self.d_a_optimizer, a,
            self.pool_a(fake_a, seed_generator=self.seed_generator), self.rules, loss_scale=scale)
        return self._update_trackers({"g_loss": g_loss, **terms, "d_a_loss": d_a_loss,
                                      "d_b_loss": d_b_loss})

    def call(self, a, training=False):
        """``G(a)``: translate a batch of A into B."""
        return self.generator_ab(a, training=training)

    def translate(self, images, direction: str = "ab", batch_size: int = 256) -> np.ndarray:
        """``G(images)`` (``direction="ab"``) or ``F(images)`` (``"ba"``) as a NumPy array."""
        if direction not in ("ab", "ba"):
            raise ValueError(f"direction must be 'ab' (G: A → B) or 'ba' (F: B → A), got "
                             f"{direction!r}.")
        model = self.generator_ab if direction == "ab" else self.generator_ba
        images = np.asarray(images, np.float32)
        expected = tuple(model.input_shape[1:])
        if images.ndim != 4 or images.shape[1:] != expected:
            shape = ", ".join(map(str, expected))
            raise ValueError(f"images have shape {images.shape}; expected (n, {shape}).")
        return self._in_batches(model, [images], batch_size)


__all__ = ["POOL_SIZE", "CycleGAN", "ImagePool", "mean_l1"]
