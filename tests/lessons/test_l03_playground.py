"""The GAN Lab-style playground: default state, training, and settings that cannot train."""

import html

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import i18n
from course_utils.fonts import label
from course_utils.lessons.l03_training.playground import D_STEPS, LEARNING_RATES, TARGETS, GANLab

STEPS = 20  # generator steps per click: enough to move, fast enough for a unit test


@pytest.fixture(scope="module")
def lab():
    """One playground for the module (its compiled step is traced once per target and loss)."""
    i18n.set_language("both")
    return GANLab(target="ring", loss="modified", g_lr=3e-3, d_lr=3e-3, k=1, steps=STEPS, seed=0)


@pytest.fixture(autouse=True)
def fresh(lab, monkeypatch):
    """Every test starts from the default settings and the initial weights.

    Redrawing is counted, not done (``lab.redraws``): tests that look at the figure call
    ``lab.render()`` themselves, so the others stay fast.
    """
    i18n.set_language("both")
    lab.redraws = 0

    def count_redraw():
        lab.redraws += 1

    monkeypatch.setattr(lab, "update", count_redraw)
    defaults = {"target": "ring", "loss": "modified", "g_lr": 3e-3, "d_lr": 3e-3, "k": 1}
    for name, value in defaults.items():
        lab.controls[name].value = value
    lab.reset()
    lab.message("")
    plt.close("all")  # figures of earlier tests in this session are not this test's
    yield
    assert plt.get_fignums() == []  # the playground never leaves a pyplot figure open


def weights(model):
    return [w.copy() for w in model.get_weights()]


def same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def click_train(lab):
    lab.buttons[lab.train_label].click()


def message(lab):
    return html.unescape(lab.message_area.value)


def test_the_default_state_draws_samples_over_d_and_empty_curves():
    lab = GANLab(steps=STEPS)
    fig = lab.render()
    titles = [ax.get_title() for ax in fig.axes]
    # Figure text is bilingual where a CJK font is installed, English otherwise (fonts.label).
    assert label("ring of 8 Gaussians, step 0", "8 个高斯组成的环，第 0 步", sep="\n") in titles
    assert label("Losses", "损失") in titles and label("D's accuracy", "判别器准确率") in titles
    assert any("press “Train 20 steps”" in text.get_text() for ax in fig.axes for text in ax.texts)
    lab.show()  # outside IPython: renders, displays nothing, raises nothing
    assert lab.draws == 2


def test_the_controls_offer_every_target_loss_and_the_extreme_settings(lab):
    assert [value for _, value in lab.controls["target"].options] == list(TARGETS)
    assert "minimax" in lab.controls["loss"].options
    assert {0.0, 10.0} <= set(LEARNING_RATES) and {0, 50} <= set(D_STEPS)
    assert lab.train_label == "Train 20 steps / 训练 20 步" and lab.reset_label == "Reset / 重置"


def test_train_runs_the_steps_changes_both_players_and_redraws(lab):
    g0, d0 = weights(lab.G), weights(lab.D)
    click_train(lab)
    assert lab.history["step"] == list(range(1, STEPS + 1))
    assert all(np.isfinite(lab.history[key]).all() for key in ("d_loss", "g_loss"))
    assert not same(weights(lab.G), g0) and not same(weights(lab.D), d0)
    assert lab.redraws == 1
    fig = lab.render()
    assert any(ax.get_title().startswith("ring of 8 Gaussians, step 20") for ax in fig.axes)
    (losses,) = [ax for ax in fig.axes if ax.get_title() == label("Losses", "损失")]
    assert [line.get_label() for line in losses.lines] == ["d_loss", "g_loss"]
    assert "Step 20: D's accuracy real" in message(lab)
    click_train(lab)
    assert lab.history["step"][-1] == 2 * STEPS


def test_reset_returns_to_the_same_initial_weights(lab):
    g0 = weights(lab.G)
    click_train(lab)
    lab.buttons[lab.reset_label].click()
    assert same(weights(lab.G), g0) and lab.history["step"] == []
    assert "back to the initial weights" in message(lab)


def test_zero_learning_rates_say_nothing_changes(lab):
    lab.controls["g_lr"].value = 0.0
    lab.controls["d_lr"].value = 0.0
    g0, d0 = weights(lab.G), weights(lab.D)
    click_train(lab)
    assert "nothing changes" in message(lab) and "什么都不会改变" in message(lab)
    assert same(weights(lab.G), g0) and same(weights(lab.D), d0) and lab.history["step"] == []


def test_generator_learning_rate_zero_freezes_g_and_says_so(lab):
    lab.controls["g_lr"].value = 0.0
    g0, d0 = weights(lab.G), weights(lab.D)
    click_train(lab)
    assert same(weights(lab.G), g0) and not same(weights(lab.D), d0)
    assert "G's learning rate is 0: the generator never changes" in message(lab)


def test_k_zero_means_the_discriminator_never_trains(lab):
    lab.controls["k"].value = 0
    g0, d0 = weights(lab.G), weights(lab.D)
    click_train(lab)
    assert same(weights(lab.D), d0) and not same(weights(lab.G), g0)
    assert "the discriminator never trains" in message(lab) and "判别器从不训练" in message(lab)


def test_k_fifty_trains_fifty_discriminator_steps_per_generator_step(lab):
    lab.controls["k"].value = 50
    lab.train(steps=2)
    assert lab.d_opt.iterations.numpy() == 100 and lab.g_opt.iterations.numpy() == 2
    assert "Step 2: D's accuracy" in message(lab)


def test_a_learning_rate_of_ten_trains_without_error_and_warns(lab):
    lab.controls["g_lr"].value = 10.0
    lab.controls["d_lr"].value = 10.0
    click_train(lab)
    assert "Error" not in message(lab)
    assert "Press Reset and lower it" in message(lab)
    lab.render()  # huge or non-finite samples still draw


def test_nan_losses_stop_training_report_the_step_and_ask_for_a_reset(lab):
    lab.D.weights[0].assign(np.full(lab.D.weights[0].shape, np.nan, "float32"))
    click_train(lab)
    assert "NaN/inf at step 1: training stopped" in message(lab)
    assert "press Reset" in message(lab) and lab.history["step"] == [] and lab.broken
    lab.render()  # a broken state still draws, without D's surface
    click_train(lab)
    assert "press Reset first" in message(lab)
    lab.buttons[lab.reset_label].click()
    click_train(lab)
    assert not lab.broken and lab.history["step"][-1] == STEPS


def test_choosing_the_1d_mixture_starts_a_new_1d_game(lab):
    lab.controls["target"].value = "mixture_1d"
    assert lab.dim == 1 and "New target or loss" in message(lab)
    click_train(lab)
    assert lab.history["step"][-1] == STEPS
    titles = [ax.get_title() for ax in lab.render().axes]
    assert any(title.startswith("1-D mixture, step 20") for title in titles)


@pytest.mark.parametrize("target", ["grid", "swiss_roll"])
def test_every_2d_target_draws_its_default_state(lab, target):
    lab.controls["target"].value = target
    fig = lab.render()
    assert lab.real.shape == (4000, 2)
    assert any(title.startswith(TARGETS[target][0]) for title in (a.get_title() for a in fig.axes))


def test_another_loss_trains_too(lab):
    lab.controls["loss"].value = "least_squares"
    click_train(lab)
    assert lab.history["step"][-1] == STEPS and "Step 20" in message(lab)


def test_unknown_settings_are_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match="expected one of mixture_1d, ring, grid, swiss_roll"):
        GANLab(target="moons")
    with pytest.raises(ValueError, match="Valid names"):
        GANLab(loss="softmax")
    with pytest.raises(ValueError, match="k must be one of"):
        GANLab(k=4)
