"""Lesson 05's experiment code (course_utils.gradient_study), on tiny settings."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf

from course_utils import i18n, metrics, models
from course_utils.lessons.l05_vanishing_gradients import plots as gplots
from course_utils.lessons.l05_vanishing_gradients import study as gs

TINY = gs.StudySettings(latent_dim=4, g_hidden=(8,), d_hidden=(8,), batch_size=8, gan_epochs=1,
                        checkpoints=(0, 2, 5), eval_batches=2, eval_batch_size=4)


@pytest.fixture(autouse=True)
def english_and_no_open_figures():
    i18n.set_language("en")
    yield
    i18n.set_language("both")
    plt.close("all")


@pytest.fixture(scope="module")
def tiny_data():
    rng = np.random.default_rng(0)
    x = np.tanh(rng.normal(0.5, 0.3, size=(48, 6))).astype(np.float32)
    return x[:32], x[32:]


@pytest.fixture(scope="module")
def tiny_generator(tiny_data):
    generator, history = gs.train_generator(tiny_data[0], TINY, seed=0)
    assert set(history) >= {"d_loss", "g_loss"}
    return generator


# ----------------------------------------------------------------- costs and norms
def test_costs_at_an_unsure_discriminator_are_plus_minus_log_2():
    logits = tf.zeros((5, 1))
    assert float(gs.generator_cost(logits, "minimax")) == pytest.approx(-math.log(2), rel=1e-6)
    assert float(gs.generator_cost(logits, "non_saturating")) == pytest.approx(math.log(2))
    assert float(gs.generator_cost(logits, "wasserstein")) == 0.0


def test_minimax_cost_saturates_and_non_saturating_does_not():
    logits = tf.Variable([[-12.0]])
    grads = {}
    for cost in ("minimax", "non_saturating"):
        with tf.GradientTape() as tape:
            value = gs.generator_cost(logits, cost)
        grads[cost] = abs(float(tape.gradient(value, logits)[0, 0]))
    assert grads["minimax"] == pytest.approx(1 / (1 + math.exp(12)), rel=1e-4)  # sigmoid(-12)
    assert grads["non_saturating"] == pytest.approx(1.0, rel=1e-4)


def test_an_unknown_cost_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="minimax, non_saturating, wasserstein"):
        gs.generator_cost(tf.zeros((2, 1)), "saturating")
    with pytest.raises(ValueError, match="Unknown cost 'hinge'"):
        gs.generator_gradient_norm(None, None, None, "hinge")


def test_gradient_norm_is_taken_wrt_the_generator_weights_only():
    generator = models.mlp_generator(3, (2,), hidden=(5,))
    discriminator = models.mlp_discriminator((2,), hidden=(4,))
    z = np.random.default_rng(1).normal(size=(6, 3)).astype(np.float32)
    with tf.GradientTape() as tape:
        cost = tf.reduce_mean(tf.nn.softplus(-discriminator(generator(z))))
    expected = metrics.gradient_norm(tape.gradient(cost, generator.trainable_variables))
    got = gs.generator_gradient_norm(generator, discriminator, z, "non_saturating")
    assert isinstance(got, float) and got == pytest.approx(expected, rel=1e-5) and got > 0


def test_decay_factor_and_orders():
    assert gs.decay_factor([10.0, 3.0, 0.01]) == pytest.approx(1000.0)
    assert gs.decay_orders([10.0, 3.0, 0.01]) == pytest.approx(3.0)
    assert gs.decay_orders(np.array([1.0, 100.0])) == pytest.approx(-2.0)


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0]], [1.0, 0.0], [1.0, float("nan")]])
def test_decay_rejects_short_or_non_positive_sequences(bad):
    with pytest.raises(ValueError, match="norms must be"):
        gs.decay_orders(bad)


# ----------------------------------------------------------------- settings
def test_checkpoints_must_start_at_zero_and_increase():
    with pytest.raises(ValueError, match="start at 0 and increase"):
        gs.StudySettings(checkpoints=(10, 20))
    with pytest.raises(ValueError, match="start at 0 and increase"):
        gs.StudySettings(checkpoints=(0, 20, 20))


def test_modes_and_overrides():
    assert gs.StudySettings.for_mode("standard") == gs.StudySettings()
    assert gs.StudySettings.for_mode("quick").checkpoints[-1] < gs.StudySettings().checkpoints[-1]
    assert gs.StudySettings.for_mode("full").checkpoints[-1] == 4000
    assert gs.StudySettings.for_mode("standard", d_lr=1e-3).d_lr == 1e-3
    with pytest.raises(ValueError, match="quick, standard, full"):
        gs.StudySettings.for_mode("fast")


# ----------------------------------------------------------------- the study
def test_discriminator_study_shapes_and_frozen_generator(tiny_data, tiny_generator):
    before = [w.numpy().copy() for w in tiny_generator.weights]
    curves = gs.discriminator_study(tiny_generator, *tiny_data, TINY, seed=3)
    assert set(curves) == {"minimax", "non_saturating"}
    for curve in curves.values():
        assert curve.steps.tolist() == [0, 2, 5]
        assert curve.norms.shape == (3, 2) and np.all(curve.norms > 0)
        assert curve.accuracy.shape == (3,) and np.all(np.abs(curve.accuracy - 0.5) <= 0.5)
        assert curve.mean.shape == (3,) and curve.decay == pytest.approx(10 ** curve.orders)
    assert all(np.array_equal(a, w.numpy()) for a, w in zip(before, tiny_generator.weights,
                                                            strict=True))


def test_the_same_seed_gives_the_same_curves(tiny_data, tiny_generator):
    first = gs.discriminator_study(tiny_generator, *tiny_data, TINY, seed=5, costs=("minimax",))
    again = gs.discriminator_study(tiny_generator, *tiny_data, TINY, seed=5, costs=("minimax",))
    np.testing.assert_array_equal(first["minimax"].norms, again["minimax"].norms)


def test_critic_and_instance_noise_studies(tiny_data, tiny_generator):
    critic = gs.discriminator_study(tiny_generator, *tiny_data, TINY, d_loss="wasserstein_gp")
    assert set(critic) == {"wasserstein"} and critic["wasserstein"].accuracy is None
    noisy = gs.discriminator_study(tiny_generator, *tiny_data, TINY, costs=("minimax",),
                                   instance_noise=0.5)
    assert noisy["minimax"].norms.shape == (3, 2)
    assert noisy["minimax"].settings["instance_noise"] == 0.5


def test_the_given_gradient_norm_function_is_the_one_used(tiny_data, tiny_generator):
    calls = []

    def fake_norm(generator, discriminator, z, cost):
        calls.append((z.shape, cost))
        return 2.0

    curves = gs.discriminator_study(tiny_generator, *tiny_data, TINY, gradient_norm_fn=fake_norm)
    assert np.all(curves["minimax"].norms == 2.0)
    assert len(calls) == 3 * 2 * 2 and calls[0] == ((4, 4), "minimax")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"d_loss": "hinge"}, "cross_entropy, wasserstein_gp"),
    ({"costs": ("minimax", "lsgan")}, "Unknown cost 'lsgan'"),
    ({"instance_noise": -1.0}, "instance_noise must be >= 0"),
])
def test_discriminator_study_rejects_bad_arguments(tiny_data, tiny_generator, kwargs, match):
    with pytest.raises(ValueError, match=match):
        gs.discriminator_study(tiny_generator, *tiny_data, TINY, **kwargs)


def test_curve_until_keeps_the_checkpoints_up_to_a_step():
    curve = gs.Curve(np.array([0, 10, 20]), np.array([[4.0, 2.0], [1.0, 1.0], [0.3, 0.3]]),
                     np.array([0.5, 0.9, 1.0]), ("a", "甲"))
    part = curve.until(10)
    assert part.steps.tolist() == [0, 10] and part.accuracy.tolist() == [0.5, 0.9]
    assert part.decay == pytest.approx(3.0)


def test_run_all_returns_every_curve(tiny_data):
    curves = gs.run_all(*tiny_data, TINY, seed=1, instance_noise=0.5)
    assert set(curves) == {"minimax", "non_saturating", "wasserstein", "slow_minimax",
                           "noisy_minimax"}
    assert curves["slow_minimax"].settings["lr"] == pytest.approx(TINY.d_lr / 10)


# ----------------------------------------------------------------- 1-D, plots, widget
def test_optimal_1d_shapes_and_bad_input():
    res = gs.optimal_1d(steps=3, batch_size=16, hidden=(4,), seed=0)
    assert res.grid.shape == res.d_prob.shape == res.critic_grad.shape == (400,)
    assert res.real.shape == res.fake.shape == (1000,)
    assert np.all((res.d_prob >= 0) & (res.d_prob <= 1)) and 0 <= res.d_accuracy <= 1
    assert res.d_grad_at_fake >= 0 and res.critic_grad_at_fake >= 0
    with pytest.raises(ValueError, match="real_mean != fake_mean"):
        gs.optimal_1d(real_mean=1.0, fake_mean=1.0)
    fig = gplots.plot_optimal_1d(res)
    assert len(fig.axes) == 3


def _curves():
    steps = np.array([0, 10, 100])
    return {
        "minimax": gs.Curve(steps, np.array([[1.0, 1.2], [0.1, 0.1], [1e-3, 2e-3]]),
                            np.array([0.5, 1.0, 1.0]), gs._LABELS["minimax"]),
        "wasserstein": gs.Curve(steps, np.ones((3, 2)), None, gs._LABELS["wasserstein"]),
    }


def test_plot_curves_and_the_remedy_table():
    curves = _curves()
    fig = gplots.plot_curves(curves, accuracy=curves["minimax"])
    assert len(fig.axes) == 2 and fig.axes[0].get_yscale() == "log"
    table = gplots.remedy_table({"none": curves["minimax"], "critic": curves["wasserstein"]})
    lines = table.splitlines()
    assert len(lines) == 4 and "733×" in lines[2] and "2.87" in lines[2] and "—" in lines[3]


def test_playground_draws_the_default_and_a_chosen_state():
    playground = gplots.GradientPlayground(_curves())
    fig = playground.render()
    assert "decay ×733 (2.9 orders)" in fig.axes[0].get_title()
    playground.controls["cost"].value = "wasserstein"
    playground.controls["d_steps"].value = 10
    assert "decay ×1" in playground.render().axes[0].get_title()
    with pytest.raises(ValueError, match="minimax, wasserstein"):
        gplots.GradientPlayground(_curves(), cost="hinge")
