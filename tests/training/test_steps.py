"""THE discriminator and generator updates, and the three paths that use them.

``GAN.train_step``, the GAN-Lab playground (lesson 03) and lesson 05's study all call
``course_utils.training.steps``: from the same start and the same data they give the
same weights after one step.
"""

import keras
import numpy as np
import pytest
import tensorflow as tf
from trainer_helpers import assert_same, weights

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


def test_gan_playground_and_study_give_the_same_weights_after_one_step():
    lab = GANLab(target="ring", loss="non_saturating", g_lr=1e-3, d_lr=1e-3, k=1,
                 batch_size=64, seed=SEED)
    g0, d0 = weights(lab.G), weights(lab.D)
    # The batch the playground draws first (its data seed generator, as lab._reset_state left it).
    real = steps.sample_batch(tf.constant(lab.real), 64,
                              keras.random.SeedGenerator(SEED + 1)).numpy()

    gan = GAN(_copy(lab.G, "g"), _copy(lab.D, "d"), seed=SEED)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5), loss="non_saturating")
    gan.fit(real, batch_size=64, epochs=1, verbose=0, shuffle=False)

    lab.train(steps=1)
    assert_same(weights(lab.D), weights(gan.discriminator))
    assert_same(weights(lab.G), weights(gan.generator))
    assert any(not np.array_equal(a, b) for a, b in zip(g0, weights(lab.G), strict=True))
    assert any(not np.array_equal(a, b) for a, b in zip(d0, weights(lab.D), strict=True))

    # The study updates a discriminator against a frozen generator with the same step.
    frozen_g = keras.models.clone_model(lab.G)
    frozen_g.set_weights(g0)
    fresh_d = keras.models.clone_model(lab.D)
    fresh_d.set_weights(d0)
    settings = study.StudySettings(latent_dim=lab.latent_dim, batch_size=64, d_lr=1e-3)
    study._d_train_step(frozen_g, fresh_d, lab.real, settings, "cross_entropy", 1e-3, 0.0,
                        SEED)()
    assert_same(weights(fresh_d), weights(gan.discriminator))


def _players(seed=0):
    return (models.mlp_generator(2, (2,), hidden=(8,), seed=seed),
            models.mlp_discriminator((2,), hidden=(8,), seed=seed + 1))


REAL = np.random.default_rng(0).normal([2.0, -1.0], 0.1, size=(32, 2)).astype("float32")


def test_generator_step_changes_only_the_generator():
    g, d = _players()
    d_before = weights(d)
    rules = make_rules("non_saturating")
    z = keras.random.normal((32, 2), seed=1)
    g_before = weights(g)
    loss, fake, logits = steps.generator_step(g, d, keras.optimizers.SGD(0.1), z, rules)
    assert_same(weights(d), d_before, atol=0)
    assert any(not np.array_equal(a, b) for a, b in zip(g_before, weights(g), strict=True))
    assert fake.shape == (32, 2) and logits.shape == (32, 1)
    # the returned loss is the non-saturating loss of the returned logits: mean softplus(−l)
    assert float(loss) == pytest.approx(float(np.mean(np.logaddexp(0, -logits.numpy()))),
                                        rel=1e-5)


def _finite_difference_gradient_norms(fn, x, h=1e-3):
    """‖∇fn(x_i)‖ per row by central differences in float64 (fn: (n, 2) -> (n, 1))."""
    x = np.asarray(x, "float64")
    grads = np.zeros_like(x)
    for j in range(x.shape[1]):
        step = np.zeros_like(x)
        step[:, j] = h
        up = fn(tf.constant(x + step, tf.float32)).numpy().ravel().astype("float64")
        down = fn(tf.constant(x - step, tf.float32)).numpy().ravel().astype("float64")
        grads[:, j] = (up - down) / (2 * h)
    return np.sqrt((grads ** 2).sum(1))


def test_discriminator_step_adds_lambda_times_a_gradient_penalty_checked_by_finite_differences():
    g, d = _players()
    fake = g(keras.random.normal((32, 2), seed=2)).numpy()
    # α is the first draw of the step's seed generator: U(0, 1), one per example.
    alpha = keras.random.uniform((32, 1), seed=keras.random.SeedGenerator(5)).numpy()
    between = REAL + alpha * (fake - REAL)
    expected = np.mean((_finite_difference_gradient_norms(d, between) - 1.0) ** 2)
    results = []
    for rules in (make_rules("wasserstein"),
                  make_rules("wasserstein", gradient_penalty_weight=10.0)):
        clone = _copy(d, "d_clone")
        loss, *_ = steps.discriminator_step(clone, keras.optimizers.SGD(0.0), REAL, fake, rules,
                                            seed_generator=keras.random.SeedGenerator(5))
        results.append(float(loss))
    assert expected > 0.01
    assert results[1] - results[0] == pytest.approx(10.0 * expected, rel=1e-3)


def _linear_d(w=(3.0, 4.0), b=0.5):
    """D(x) = x·w + b: ‖∇D‖² = |w|² = 25 everywhere."""
    x = keras.Input((2,))
    out = keras.layers.Dense(1, kernel_initializer=keras.initializers.Constant(
        np.array(w, "float32")[:, None]), bias_initializer=keras.initializers.Constant(b))(x)
    return keras.Model(x, out)


@pytest.mark.parametrize("kwargs, expected", [
    ({"r1_weight": 2.0}, 2.0 / 2 * 25.0),                                # γ/2 · E_real ‖∇D‖²
    ({"r2_weight": 4.0}, 4.0 / 2 * 25.0),                                # γ/2 · E_fake ‖∇D‖²
    ({"drift_weight": 0.1}, 0.1 * float(np.mean((REAL @ [3.0, 4.0] + 0.5) ** 2))),  # ε E D(x)²
])
def test_r1_r2_and_drift_add_their_hand_computed_values_to_d_loss(kwargs, expected):
    fake = -REAL
    plain, regularised = (
        float(steps.discriminator_step(_linear_d(), keras.optimizers.SGD(0.0), REAL, fake,
                                       make_rules("wasserstein", **kw))[0])
        for kw in ({}, kwargs))
    assert regularised - plain == pytest.approx(expected, rel=1e-4)


def test_unknown_regulariser_and_negative_weight_are_refused():
    with pytest.raises(ValueError, match="Unknown regulariser 'r3'"):
        steps.Regulariser("r3", 1.0)
    with pytest.raises(ValueError, match="r1 weight must be ≥ 0"):
        steps.Regulariser("r1", -1.0)


def test_gradient_penalty_matches_a_hand_computed_linear_critic():
    w = tf.constant([[3.0], [4.0]])  # f(x) = x·w has |∇f| = 5 everywhere: penalty (5 − 1)² = 16
    alpha = tf.fill((4, 1), 0.5)
    value = penalties.gradient_penalty(lambda x: x @ w, tf.zeros((4, 2)), tf.ones((4, 2)), alpha)
    assert float(value) == pytest.approx(16.0, rel=1e-6)
    assert float(penalties.r1_penalty(lambda x: x @ w, tf.zeros((4, 2)))) == pytest.approx(25.0)
    # TF-GAN's target t: (‖∇f‖/t − 1)² = (5/2 − 1)²; one-sided: only norms above t count
    per_example = penalties.gradient_penalties(lambda x: x @ w, tf.zeros((4, 2)),
                                               tf.ones((4, 2)), alpha, target=2.0)
    np.testing.assert_allclose(per_example, [2.25] * 4, rtol=1e-6)
    below = penalties.gradient_penalties(lambda x: x @ w, tf.zeros((4, 2)), tf.ones((4, 2)),
                                         alpha, target=10.0, one_sided=True)
    np.testing.assert_array_equal(below, [0.0] * 4)


def test_tfgan_gradient_penalty_is_the_same_formula_as_the_trainers():
    from course_utils import losses

    w = tf.constant([[3.0], [4.0]])
    tfgan = losses.wasserstein_gradient_penalty(tf.zeros((4, 2)), tf.ones((4, 2)), None,
                                                lambda x, _: x @ w, None, target=2.0, seed=1)
    assert float(tfgan) == pytest.approx(2.25, rel=1e-6)  # (5 / 2 − 1)², whatever α is


def test_apply_update_names_a_variable_the_loss_does_not_reach():
    g, d = _players()
    with pytest.raises(ValueError, match="does not depend on"):
        steps.apply_update(keras.optimizers.SGD(0.1), g.trainable_variables + d.trainable_variables,
                           lambda: tf.reduce_mean(d(REAL)))


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


def test_mismatched_conditions_join_the_fakes_in_d_loss():
    """GAN-CLS: L_D = L_real(D(x, c)) + L_fake over [D(G(z), c); D(x, ĉ)] — by hand."""
    d = models.conditional_mlp_discriminator((2,), 2, hidden=(8,), conditioning="concat", seed=3)
    labels = tf.constant(np.arange(len(REAL)) % 2, tf.int32)
    wrong = 1 - labels
    real, fake = tf.constant(REAL), tf.constant(-REAL)
    rules = make_rules("non_saturating")
    loss = float(steps.discriminator_step(d, keras.optimizers.SGD(0.0), real, fake, rules,
                                          condition=labels, mismatch=wrong)[0])
    real_l, fake_l, wrong_l = (d([x, c]).numpy().ravel()
                               for x, c in ((real, labels), (fake, labels), (real, wrong)))
    softplus = lambda v: np.logaddexp(0.0, v)  # noqa: E731
    expected = softplus(-real_l).mean() + softplus(np.concatenate([fake_l, wrong_l])).mean()
    assert loss == pytest.approx(expected, rel=1e-5)
    plain = float(steps.discriminator_step(d, keras.optimizers.SGD(0.0), real, fake, rules,
                                           condition=labels)[0])
    assert plain == pytest.approx(softplus(-real_l).mean() + softplus(fake_l).mean(), rel=1e-5)
    assert abs(loss - plain) > 1e-3  # the wrong pairs changed the loss
