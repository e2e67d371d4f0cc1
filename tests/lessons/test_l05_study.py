"""Lesson 05's experiment code (study, divergences, plots), on tiny hand-checkable settings."""

import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf

from course_utils import i18n, models
from course_utils.lessons.l05_vanishing_gradients import divergences as dv
from course_utils.lessons.l05_vanishing_gradients import plots as gplots
from course_utils.lessons.l05_vanishing_gradients import study as gs

TINY = gs.StudySettings(latent_dim=4, g_hidden=(8,), d_hidden=(8,), batch_size=8, gan_epochs=1,
                        checkpoints=(0, 2, 5), eval_batches=2, eval_batch_size=4)
# Real data far from where the (tanh) generator starts, and a fast D: it wins within 30 steps.
SEPARABLE = gs.StudySettings(latent_dim=4, g_hidden=(8,), d_hidden=(16,), batch_size=16,
                             checkpoints=(0, 30, 100), eval_batches=2, eval_batch_size=16,
                             d_lr=1e-2)


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


@pytest.fixture(scope="module")
def separable():
    """A frozen generator, well-separated real data, and the study's curves on them."""
    x = (0.8 + 0.05 * np.random.default_rng(0).normal(size=(96, 6))).astype(np.float32)
    generator = models.mlp_generator(4, (6,), hidden=(8,), output_activation="tanh", seed=0)
    curves = gs.discriminator_study(generator, x[:64], x[64:], SEPARABLE, seed=0)
    noisy = gs.discriminator_study(generator, x[:64], x[64:], SEPARABLE, seed=0,
                                   costs=("minimax",), instance_noise=2.0)["minimax"]
    return curves, noisy


# ----------------------------------------------------------------- costs and norms
def _linear_players(w, b, v, c):
    """G(z) = z·W + b (2 → 3) and D(x) = x·v + c: a logit linear in z, gradients by hand."""
    z = keras.Input((2,))
    generator = keras.Model(z, keras.layers.Dense(3)(z))
    generator.set_weights([np.asarray(w, np.float32), np.asarray(b, np.float32)])
    return generator, lambda x: x @ tf.constant(np.asarray(v, np.float32)[:, None]) + c


W = [[0.5, -1.0, 0.2], [0.3, 0.4, -0.6]]
B, V = [0.1, 0.0, -0.2], [1.0, -2.0, 0.5]
Z = np.array([[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.1, 0.2]], np.float32)


def _by_hand(cost, c):
    """∂cost/∂W = mean_i g_i z_i ⊗ v and ∂cost/∂b = mean_i g_i v, with g = ∂cost_i/∂ℓ_i."""
    logits = (Z @ np.array(W) + B) @ np.array(V) + c
    sig = 1 / (1 + np.exp(-logits))
    g = {"minimax": -sig, "non_saturating": -(1 - sig), "wasserstein": -np.ones_like(sig)}[cost]
    grad_w = np.mean(g[:, None, None] * Z[:, :, None] * np.array(V)[None, None, :], axis=0)
    grad_b = np.mean(g[:, None] * np.array(V)[None, :], axis=0)
    return math.sqrt(np.sum(grad_w ** 2) + np.sum(grad_b ** 2))


@pytest.mark.parametrize("cost", gs.COSTS)
@pytest.mark.parametrize("c", [0.0, -5.0])
def test_gradient_norm_equals_the_hand_computed_one_for_linear_players(cost, c):
    generator, discriminator = _linear_players(W, B, V, c)
    got = gs.generator_gradient_norm(generator, discriminator, Z, cost)
    assert isinstance(got, float)
    assert got == pytest.approx(_by_hand(cost, c), rel=1e-5)


@pytest.mark.parametrize("logit", [-8.0, -2.0, 0.0, 3.0])
def test_minimax_over_non_saturating_gradient_is_d_over_one_minus_d(logit):
    """For one sample the two costs' gradients differ by the factor ∂/∂ℓ only:
    D(G(z)) / (1 − D(G(z))) = e^ℓ; tiny where D is sure the sample is fake."""
    z = Z[:1]
    generator, _ = _linear_players(W, B, V, 0.0)
    c = logit - float(((z @ np.array(W) + B) @ np.array(V))[0])  # makes ℓ(z) = logit
    generator, discriminator = _linear_players(W, B, V, c)
    minimax = gs.generator_gradient_norm(generator, discriminator, z, "minimax")
    non_saturating = gs.generator_gradient_norm(generator, discriminator, z, "non_saturating")
    assert minimax / non_saturating == pytest.approx(math.exp(logit), rel=1e-4)


def test_costs_at_an_unsure_discriminator_are_plus_minus_log_2():
    logits = tf.zeros((5, 1))
    tfgan_constant = math.log(1 / (1 + math.exp(-1)))  # -c: TF-GAN's minimax offset
    assert float(gs.generator_cost(logits, "minimax")) == pytest.approx(
        -math.log(2) + tfgan_constant, rel=1e-6)
    assert float(gs.generator_cost(logits, "non_saturating")) == pytest.approx(math.log(2))
    assert float(gs.generator_cost(logits, "wasserstein")) == 0.0


def test_an_unknown_cost_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="minimax, non_saturating, wasserstein"):
        gs.generator_cost(tf.zeros((2, 1)), "saturating")
    with pytest.raises(ValueError, match="Unknown cost 'hinge'"):
        gs.generator_gradient_norm(None, None, None, "hinge")


def test_decay_factor_and_orders():
    assert gs.decay_factor([10, 1]) == 10.0
    assert gs.decay_factor([10.0, 3.0, 0.01]) == pytest.approx(1000.0)
    assert gs.decay_orders([10.0, 3.0, 0.01]) == pytest.approx(3.0)
    assert gs.decay_orders(np.array([1.0, 100.0])) == pytest.approx(-2.0)


@pytest.mark.parametrize("bad", [[1.0], [[1.0, 2.0]], [1.0, 0.0], [1.0, float("nan")]])
def test_decay_rejects_short_or_non_positive_sequences(bad):
    with pytest.raises(ValueError, match="norms must be"):
        gs.decay_orders(bad)


# ----------------------------------------------------------------- settings and curves
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


def _curve():
    return gs.Curve(np.array([0, 10, 20]), np.array([[4.0, 2.0], [1.0, 1.0], [0.3, 0.3]]),
                    np.array([0.5, 0.9, 1.0]), ("a", "甲"))


def test_curve_mean_decay_and_orders():
    curve = _curve()
    np.testing.assert_allclose(curve.mean, [3.0, 1.0, 0.3])
    assert curve.decay == pytest.approx(10.0) and curve.orders == pytest.approx(1.0)


@pytest.mark.parametrize(("step", "kept"), [(10, [0, 10]), (15, [0, 10]), (0, [0]),
                                            (99, [0, 10, 20])])
def test_curve_until_keeps_the_checkpoints_up_to_a_step(step, kept):
    part = _curve().until(step)
    assert part.steps.tolist() == kept
    assert part.accuracy.tolist() == [0.5, 0.9, 1.0][:len(kept)]
    assert part.norms.shape == (len(kept), 2) and part.label == ("a", "甲")


def test_curve_until_a_step_before_the_first_checkpoint_is_an_error():
    with pytest.raises(ValueError, match="starts at D step 0"):
        _curve().until(-1)


# ----------------------------------------------------------------- the study
def test_a_fresh_d_wins_and_the_minimax_gradient_collapses_while_non_saturating_grows(
        separable):
    curves, _ = separable
    minimax, non_saturating = curves["minimax"], curves["non_saturating"]
    np.testing.assert_array_equal(minimax.accuracy, non_saturating.accuracy)  # one D for both
    assert minimax.accuracy[-1] == 1.0 and minimax.accuracy[0] < 0.9
    # At step 0 D is unsure (D(G(z)) ≈ ½) and the two costs pull about equally hard ...
    assert 0.5 < minimax.mean[0] / non_saturating.mean[0] < 2.0
    # ... once D wins, D(G(z)) → 0: the minimax factor D/(1 − D) is tiny.
    assert non_saturating.mean[-1] > 20 * minimax.mean[-1]
    assert minimax.decay > 2.0 and non_saturating.decay < 0.5


def test_instance_noise_keeps_d_from_becoming_perfect(separable):
    curves, noisy = separable
    assert noisy.accuracy[-1] < 0.95 <= curves["minimax"].accuracy[-1]
    assert noisy.settings["instance_noise"] == 2.0
    assert noisy.mean[-1] > 1.5 * curves["minimax"].mean[-1]


def test_the_study_leaves_the_generator_frozen(tiny_data, tiny_generator):
    before = [w.numpy().copy() for w in tiny_generator.weights]
    curves = gs.discriminator_study(tiny_generator, *tiny_data, TINY, seed=3)
    assert set(curves) == {"minimax", "non_saturating"}
    assert curves["minimax"].steps.tolist() == [0, 2, 5]
    assert curves["minimax"].norms.shape == (3, 2)
    assert all(np.array_equal(a, w.numpy()) for a, w in zip(before, tiny_generator.weights,
                                                            strict=True))


def test_the_same_seed_gives_the_same_curves_and_another_seed_others(tiny_data, tiny_generator):
    runs = [gs.discriminator_study(tiny_generator, *tiny_data, TINY, seed=s,
                                   costs=("minimax",))["minimax"].norms for s in (5, 5, 6)]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_the_critic_study_has_no_accuracy_and_records_its_settings(tiny_data, tiny_generator):
    critic = gs.discriminator_study(tiny_generator, *tiny_data, TINY, d_loss="wasserstein_gp",
                                    lr=TINY.d_lr / 4)
    assert set(critic) == {"wasserstein"} and critic["wasserstein"].accuracy is None
    assert critic["wasserstein"].settings["lr_ratio"] == pytest.approx(0.25)
    assert critic["wasserstein"].label == ("Wasserstein critic, D lr ×0.25",
                                           "Wasserstein 评论家，判别器学习率 ×0.25")


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


def test_run_all_returns_every_curve_with_its_remedy(tiny_data):
    curves = gs.run_all(*tiny_data, TINY, seed=1, instance_noise=0.5, slow_factor=10.0)
    assert set(curves) == {"minimax", "non_saturating", "wasserstein", "slow_minimax",
                           "noisy_minimax"}
    assert curves["slow_minimax"].settings["lr"] == pytest.approx(TINY.d_lr / 10)
    assert curves["noisy_minimax"].settings["instance_noise"] == 0.5
    assert curves["wasserstein"].accuracy is None


# ----------------------------------------------------------------- 1-D: WGAN paper, Fig. 2
def test_optimal_1d_d_saturates_while_the_critic_is_a_straight_slope():
    res = gs.optimal_1d(real_mean=0.0, fake_mean=6.0, std=0.5, steps=300, batch_size=64,
                        hidden=(16,), seed=0)
    assert res.grid.shape == res.d_prob.shape == res.critic_grad.shape == (400,)
    assert res.d_accuracy >= 0.99
    assert res.critic_r2 >= 0.98
    assert 0.5 < res.critic_grad_at_fake < 2.0  # the gradient penalty keeps |df/dx| near 1
    assert res.critic_grad_at_fake > 10 * res.d_grad_at_fake
    assert len(gplots.plot_optimal_1d(res).axes) == 3


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"real_mean": 1.0, "fake_mean": 1.0}, "real_mean != fake_mean"),
    ({"std": 0.0}, "std > 0"),
    ({"steps": -1}, "steps >= 0"),
])
def test_optimal_1d_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gs.optimal_1d(**kwargs)


# ----------------------------------------------------------------- JSD vs W1
def test_disjoint_uniforms_have_jsd_log_2_at_any_distance_and_w1_equal_to_it():
    sweep = dv.shifted_uniforms([0.0, 0.25, 0.5, 1.0, 2.0, 7.5], width=1.0, dx=1e-3)
    jsd, w1 = dv.closed_form(sweep.distances)
    np.testing.assert_allclose(sweep.jsd, jsd, atol=1e-9)
    np.testing.assert_allclose(sweep.w1, w1, atol=1e-9)
    np.testing.assert_allclose(sweep.jsd[sweep.disjoint], math.log(2), atol=1e-9)
    assert sweep.disjoint.tolist() == [False, False, False, True, True, True]
    np.testing.assert_allclose(sweep.jsd[:3], [0.0, 0.25 * math.log(2), 0.5 * math.log(2)],
                               atol=1e-9)


def test_js_divergence_and_w1_on_hand_made_masses():
    p, q = np.array([0.5, 0.5, 0.0]), np.array([0.0, 0.5, 0.5])
    # half of each mass is shared: JSD = ½ log 2; the CDFs differ by 0.5 on two cells.
    assert dv.js_divergence(p, q) == pytest.approx(0.5 * math.log(2))
    assert dv.js_divergence(p, p) == 0.0
    assert dv.wasserstein_1(p, q, dx=2.0) == pytest.approx(2.0)
    assert dv.js_divergence(p, q) == pytest.approx(dv.js_divergence(q, p))


@pytest.mark.parametrize(("call", "match"), [
    (lambda: dv.js_divergence([0.5, 0.6], [0.5, 0.5]), "must sum to 1"),
    (lambda: dv.js_divergence([1.5, -0.5], [0.5, 0.5]), "masses >= 0"),
    (lambda: dv.js_divergence([0.5, 0.5], [0.2, 0.3, 0.5]), "same grid"),
    (lambda: dv.js_divergence([1.0], [1.0]), "at least 2"),
    (lambda: dv.wasserstein_1([0.5, 0.5], [0.5, 0.5], dx=0.0), "dx must be > 0"),
    (lambda: dv.shifted_uniforms([0.5, 1.0005], dx=1e-3), "multiples of dx"),
    (lambda: dv.shifted_uniforms([-1.0]), "distances >= 0"),
    (lambda: dv.shifted_uniforms([]), "non-empty"),
    (lambda: dv.closed_form([1.0], width=0.0), "width > 0"),
])
def test_divergences_reject_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ----------------------------------------------------------------- plots, table, widget
def _curves():
    steps = np.array([0, 10, 100])
    return {
        "minimax": gs.Curve(steps, np.array([[1.0, 1.2], [0.1, 0.1], [1e-3, 2e-3]]),
                            np.array([0.5, 1.0, 1.0]), gs._LABELS["minimax"],
                            {"lr_ratio": 1.0, "instance_noise": 0.0}),
        "noisy": gs.Curve(steps, np.ones((3, 2)), np.array([0.5, 0.7, 0.8]),
                          gs._label("minimax", 1.0, 3.0), {"lr_ratio": 1.0, "instance_noise": 3.0}),
        "wasserstein": gs.Curve(steps, np.ones((3, 2)), None, gs._LABELS["wasserstein"]),
    }


def test_the_accuracy_panel_names_the_discriminators_not_the_cost():
    curves = _curves()
    fig = gplots.plot_curves(curves, accuracy=[curves["minimax"], curves["noisy"],
                                               curves["wasserstein"]])
    assert len(fig.axes) == 2 and fig.axes[0].get_yscale() == "log"
    names = [text.get_text() for text in fig.axes[1].get_legend().get_texts()]
    assert names == ["D's accuracy", "D's accuracy, instance noise σ=3"]
    left, right = fig.axes[0].get_lines(), fig.axes[1].get_lines()
    assert [line.get_color() for line in right] == [left[0].get_color(), left[1].get_color()]
    assert "samples" in fig.axes[1].get_title()
    i18n.set_language("zh")
    assert gplots.accuracy_label(curves["noisy"])[1] == "判别器准确率，实例噪声 σ=3"
    assert len(gplots.plot_curves(curves).axes) == 1


def test_the_remedy_table():
    curves = _curves()
    table = gplots.remedy_table({"none": curves["minimax"], "critic": curves["wasserstein"]})
    lines = table.splitlines()
    assert len(lines) == 4 and "733×" in lines[2] and "2.87" in lines[2] and "—" in lines[3]


def test_plot_divergences_shades_the_disjoint_range():
    fig = gplots.plot_divergences(dv.shifted_uniforms([0.0, 0.5, 1.0, 2.0, 4.0]))
    assert len(fig.axes) == 2
    assert fig.axes[0].get_lines()[0].get_ydata()[-1] == pytest.approx(math.log(2))


def test_playground_draws_the_default_and_a_chosen_state():
    playground = gplots.GradientPlayground(_curves())
    fig = playground.render()
    assert "decay ×733 (2.9 orders)" in fig.axes[0].get_title()
    playground.controls["cost"].value = "wasserstein"
    playground.controls["d_steps"].value = 10
    assert "decay ×1" in playground.render().axes[0].get_title()
    with pytest.raises(ValueError, match="minimax, noisy, wasserstein"):
        gplots.GradientPlayground(_curves(), cost="hinge")
