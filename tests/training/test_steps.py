"""THE discriminator and generator updates, and the three paths that use them.

``GAN.train_step``, the GAN-Lab playground (lesson 03) and lesson 05's study all call
``course_utils.training.steps``: from the same start and the same data they give the
same weights after one step.
"""

import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils import models, penalties
from course_utils.lessons.l03_training.playground import GANLab
from course_utils.lessons.l05_vanishing_gradients import study
from course_utils.training import GAN, make_rules, steps

SEED = 3


def _copy(model, name):
    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    clone.name = name
    return clone


def _weights(model):
    return [w.numpy().copy() for w in model.weights]


def _assert_same(a, b, atol=1e-6):
    for x, y in zip(a, b, strict=True):
        np.testing.assert_allclose(x, y, atol=atol)


def test_gan_playground_and_study_give_the_same_weights_after_one_step():
    lab = GANLab(target="ring", loss="non_saturating", g_lr=1e-3, d_lr=1e-3, k=1,
                 batch_size=64, seed=SEED)
    g0, d0 = _weights(lab.G), _weights(lab.D)
    # The batch the playground draws first (its data seed generator, as lab._reset_state left it).
    real = steps.sample_batch(tf.constant(lab.real), 64,
                              keras.random.SeedGenerator(SEED + 1)).numpy()

    gan = GAN(_copy(lab.G, "g"), _copy(lab.D, "d"), seed=SEED)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5), loss="non_saturating")
    gan.fit(real, batch_size=64, epochs=1, verbose=0, shuffle=False)

    lab.train(steps=1)
    _assert_same(_weights(lab.D), _weights(gan.discriminator))
    _assert_same(_weights(lab.G), _weights(gan.generator))
    assert any(not np.array_equal(a, b) for a, b in zip(g0, _weights(lab.G), strict=True))
    assert any(not np.array_equal(a, b) for a, b in zip(d0, _weights(lab.D), strict=True))

    # The study updates a discriminator against a frozen generator with the same step.
    frozen_g = keras.models.clone_model(lab.G)
    frozen_g.set_weights(g0)
    fresh_d = keras.models.clone_model(lab.D)
    fresh_d.set_weights(d0)
    settings = study.StudySettings(latent_dim=lab.latent_dim, batch_size=64, d_lr=1e-3)
    study._d_train_step(frozen_g, fresh_d, lab.real, settings, "cross_entropy", 1e-3, 0.0,
                        SEED)()
    _assert_same(_weights(fresh_d), _weights(gan.discriminator))


def _players(seed=0):
    return (models.mlp_generator(2, (2,), hidden=(8,), seed=seed),
            models.mlp_discriminator((2,), hidden=(8,), seed=seed + 1))


REAL = np.random.default_rng(0).normal([2.0, -1.0], 0.1, size=(32, 2)).astype("float32")


def test_generator_step_changes_only_the_generator():
    g, d = _players()
    d_before = _weights(d)
    rules = make_rules("non_saturating")
    z = keras.random.normal((32, 2), seed=1)
    g_before = _weights(g)
    loss, fake = steps.generator_step(g, d, keras.optimizers.SGD(0.1), z, rules)
    _assert_same(_weights(d), d_before, atol=0)
    assert any(not np.array_equal(a, b) for a, b in zip(g_before, _weights(g), strict=True))
    assert fake.shape == (32, 2) and np.isfinite(float(loss))


def test_discriminator_step_loss_is_plain_loss_plus_lambda_times_penalty():
    g, d = _players()
    fake = g(keras.random.normal((32, 2), seed=2))
    alpha = penalties.interpolation_weights(tf.constant(REAL), keras.random.SeedGenerator(5))
    gp = float(penalties.gradient_penalty(d, tf.constant(REAL), fake, alpha))
    plain = make_rules("wasserstein")
    penalised = make_rules("wasserstein", gradient_penalty_weight=10.0)
    results = []
    for rules in (plain, penalised):
        clone = _copy(d, "d_clone")
        loss, *_ = steps.discriminator_step(clone, keras.optimizers.SGD(0.0), REAL, fake, rules,
                                            seed_generator=keras.random.SeedGenerator(5))
        results.append(float(loss))
    assert gp > 0
    assert results[1] - results[0] == pytest.approx(10.0 * gp, rel=1e-5)


def test_gradient_penalty_matches_a_hand_computed_linear_critic():
    w = tf.constant([[3.0], [4.0]])  # f(x) = x·w has |∇f| = 5 everywhere: penalty (5 − 1)² = 16
    alpha = tf.fill((4, 1), 0.5)
    value = penalties.gradient_penalty(lambda x: x @ w, tf.zeros((4, 2)), tf.ones((4, 2)), alpha)
    assert float(value) == pytest.approx(16.0, rel=1e-6)
    assert float(penalties.r1_penalty(lambda x: x @ w, tf.zeros((4, 2)))) == pytest.approx(25.0)


def test_clip_weights_constraint_is_applied_by_the_optimizer():
    _, d = _players()
    for v in d.trainable_variables:
        v.constraint = steps.ClipWeights(0.01)
    steps.discriminator_step(d, keras.optimizers.SGD(1.0), REAL, -REAL,
                             make_rules("wasserstein"))
    assert max(np.abs(v.numpy()).max() for v in d.trainable_variables) <= 0.01 + 1e-7
    with pytest.raises(ValueError, match="> 0"):
        steps.ClipWeights(0.0)


def test_instance_noise_changes_what_d_sees_and_is_seeded():
    x = tf.zeros((1000, 2))
    a = penalties.add_instance_noise(x, 0.5, keras.random.SeedGenerator(1))
    b = penalties.add_instance_noise(x, 0.5, keras.random.SeedGenerator(1))
    np.testing.assert_array_equal(a, b)
    assert float(tf.math.reduce_std(a)) == pytest.approx(0.5, rel=0.1)
    with pytest.raises(ValueError, match="≥ 0"):
        penalties.add_instance_noise(x, -1.0, None)


def test_decision_accuracy_uses_the_threshold():
    real, fake = tf.constant([0.6, 0.4]), tf.constant([0.4, 0.6])
    assert [float(v) for v in steps.decision_accuracy(real, fake, 0.5)] == [0.5, 0.5]
    assert [float(v) for v in steps.decision_accuracy(real, fake, 0.0)] == [1.0, 0.0]


def test_sample_batch_draws_rows_without_replacement():
    pool = tf.range(10)[:, None]
    batch = steps.sample_batch(pool, 10, keras.random.SeedGenerator(0)).numpy().ravel()
    assert sorted(batch) == list(range(10))


@pytest.mark.parametrize("kwargs, word", [
    ({"d_steps": -1}, "d_steps"), ({"gradient_penalty_weight": -1.0}, "gradient_penalty"),
    ({"instance_noise": -0.1}, "instance_noise"),
])
def test_rules_refuse_bad_values(kwargs, word):
    with pytest.raises(ValueError, match=word):
        make_rules("non_saturating", **kwargs)
