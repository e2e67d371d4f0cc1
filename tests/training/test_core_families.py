"""The trainer core carries more than the plain GAN: two small families written here on
``AdversarialModel`` and ``steps`` (the real ``Pix2Pix`` and ``CycleGAN`` come with their
lessons) — an image-input *paired* trainer and a two-generator *cycle* trainer."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from trainer_helpers import Interrupt

from course_utils import losses, models
from course_utils.training import AdversarialModel, steps

RNG = np.random.default_rng(0)
X = RNG.normal([1.0, -1.0], 0.3, (256, 2)).astype("float32")
Y = (2.0 * X[RNG.permutation(256)] + 1.0).astype("float32")  # an affine map, unpaired order


def _mlp(inputs, seed):
    return models.mlp_generator(inputs, (2,), hidden=(16,), output_activation=None, seed=seed)


def _paired_d(seed):
    x, source = keras.Input((2,)), keras.Input((2,))
    h = keras.layers.Concatenate()([x, source])
    init = keras.initializers.GlorotUniform
    h = keras.layers.Dense(16, activation="relu", kernel_initializer=init(seed))(h)
    return keras.Model([x, source], keras.layers.Dense(1, kernel_initializer=init(seed + 1))(h))


class TinyPaired(AdversarialModel):
    """pix2pix's shape: G(source) → output; D([output, source]); G's loss adds λ·|G − target|."""

    def __init__(self, seed=0):
        super().__init__({"generator": _mlp(2, seed), "discriminator": _paired_d(seed + 1)},
                         seed=seed)

    def compile(self, l1_weight=10.0):
        super().compile()
        ns_g, ns_d = losses.get_loss_pair("non_saturating")
        self.rules = steps.Rules(
            d_loss=lambda r, f: ns_d(r, f, label_smoothing=0.0),
            g_loss=lambda logits, fake, target: ns_g(logits)
            + l1_weight * tf.reduce_mean(tf.abs(fake - target)))
        self._set_optimizers(g_optimizer=(keras.optimizers.Adam(1e-2),
                                          self.generator.trainable_variables),
                             d_optimizer=(keras.optimizers.Adam(1e-2),
                                          self.discriminator.trainable_variables))
        self.trackers = {"d_loss": keras.metrics.Mean(name="d_loss"),
                         "g_loss": keras.metrics.Mean(name="g_loss")}

    def train_step(self, data):
        source, target = data
        values = steps.adversarial_round(
            self.generator, self.discriminator, self.g_optimizer, self.d_optimizer, target,
            self.rules, lambda n: source, condition=source, target=target,
            seed_generator=self.seed_generator)
        return self._update_trackers(values)


def _paired_data():
    return tf.data.Dataset.from_tensor_slices((X, -X)).batch(32)  # the task: negate


def test_paired_trainer_learns_its_mapping_through_the_shared_round():
    model = TinyPaired()
    model.compile()
    before = np.abs(model.generator.predict(X, verbose=0) + X).mean()
    model.fit(_paired_data(), epochs=30, verbose=0)
    after = np.abs(model.generator.predict(X, verbose=0) + X).mean()
    assert after < 0.25 * before, (before, after)




def test_paired_trainer_resumes_where_an_uninterrupted_run_ends(tmp_path):
    straight = TinyPaired(seed=3)
    straight.compile()
    straight.fit(_paired_data(), epochs=4, verbose=0)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    first = TinyPaired(seed=3)
    first.compile()
    with pytest.raises(KeyboardInterrupt):
        first.fit(_paired_data(), epochs=4, verbose=0, callbacks=[backup, Interrupt()])
    resumed = TinyPaired(seed=3)
    resumed.compile()
    resumed.fit(_paired_data(), epochs=4, verbose=0, callbacks=[backup])
    for a, b in zip(straight.generator.get_weights(), resumed.generator.get_weights(),
                    strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)


class TinyCycle(AdversarialModel):
    """CycleGAN's shape: G: X→Y and F: Y→X under ONE loss (adversarial + λ·cycle), updated by
    one ``steps.apply_update`` over both generators' variables; D_X, D_Y by
    ``steps.discriminator_step``. Least-squares losses."""

    def __init__(self, seed=0):
        super().__init__({"g": _mlp(2, seed), "f": _mlp(2, seed + 1),
                          "d_x": models.mlp_discriminator((2,), hidden=(16,), seed=seed + 2),
                          "d_y": models.mlp_discriminator((2,), hidden=(16,), seed=seed + 3)},
                         seed=seed)

    def compile(self, cycle_weight=10.0):
        super().compile()
        ls_g, ls_d = losses.get_loss_pair("least_squares")
        self.rules = steps.Rules(d_loss=ls_d, g_loss=None, accuracy_threshold=None)
        self.cycle_weight, self.ls_g = cycle_weight, ls_g
        self._set_optimizers(
            gen_optimizer=(keras.optimizers.Adam(5e-3),
                           self.g.trainable_variables + self.f.trainable_variables),
            dx_optimizer=(keras.optimizers.Adam(5e-3), self.d_x.trainable_variables),
            dy_optimizer=(keras.optimizers.Adam(5e-3), self.d_y.trainable_variables))
        self.step_optimizer_name = "gen_optimizer"
        self.trackers = {"cycle": keras.metrics.Mean(name="cycle")}

    def generators_loss(self, x, y):
        fake_y, fake_x = self.g(x, training=True), self.f(y, training=True)
        adversarial = self.ls_g(self.d_y(fake_y)) + self.ls_g(self.d_x(fake_x))
        cycle = losses.cycle_consistency_loss(x, self.f(fake_y, training=True),
                                              y, self.g(fake_x, training=True))
        return adversarial + self.cycle_weight * cycle, cycle, fake_x, fake_y

    def train_step(self, data):
        x, y = data
        _, cycle, fake_x, fake_y = steps.apply_update(
            self.gen_optimizer, self.g.trainable_variables + self.f.trainable_variables,
            lambda: self.generators_loss(x, y))
        steps.discriminator_step(self.d_y, self.dy_optimizer, y, fake_y, self.rules)
        steps.discriminator_step(self.d_x, self.dx_optimizer, x, fake_x, self.rules)
        return self._update_trackers({"cycle": cycle})


def test_cycle_trainer_moves_both_generators_in_one_update_and_no_discriminator():
    model = TinyCycle()
    model.compile()
    before = {name: [w.copy() for w in getattr(model, name).get_weights()]
              for name in ("g", "f", "d_x", "d_y")}
    steps.apply_update(model.gen_optimizer,
                       model.g.trainable_variables + model.f.trainable_variables,
                       lambda: model.generators_loss(tf.constant(X[:32]), tf.constant(Y[:32])))
    moved = {name: any(not np.array_equal(a, b) for a, b in
                       zip(before[name], getattr(model, name).get_weights(), strict=True))
             for name in before}
    assert moved == {"g": True, "f": True, "d_x": False, "d_y": False}


def test_cycle_trainer_lowers_the_cycle_error_with_fit():
    model = TinyCycle()
    model.compile()
    data = tf.data.Dataset.from_tensor_slices((X, Y)).batch(32)
    history = model.fit(data, epochs=15, verbose=0).history
    assert history["cycle"][-1] < 0.3 * history["cycle"][0], history["cycle"]
