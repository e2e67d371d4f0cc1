"""Lesson 04's playground: generator losses against D's logit, and their tangents."""

import numpy as np
import pytest
import tensorflow as tf
from matplotlib.figure import Figure

from course_utils import losses
from course_utils.lessons.l04_loss_functions import playground as lab

A = np.linspace(-6.0, 6.0, 25)
SIGMOID = 1.0 / (1.0 + np.exp(-A))


@pytest.mark.parametrize("name, slope", [
    ("minimax", -SIGMOID),
    ("non-saturating", -(1.0 - SIGMOID)),
    ("maximum likelihood", -np.exp(A)),
    ("least squares", A - 1.0),
    ("Wasserstein / hinge", -np.ones_like(A)),
])
def test_slopes_through_the_logit_match_the_closed_forms(name, slope):
    _, got = lab.loss_and_slope(name, A)
    np.testing.assert_allclose(got, slope, rtol=1e-10, atol=1e-12)


def test_minimax_saturates_and_non_saturating_does_not_at_small_d():
    a = lab.logit([0.02, 0.001])
    np.testing.assert_allclose(lab.loss_and_slope("minimax", a)[1], [-0.02, -0.001], rtol=1e-9)
    np.testing.assert_allclose(lab.loss_and_slope("non-saturating", a)[1], [-0.98, -0.999],
                               rtol=1e-9)


def test_losses_agree_with_the_course_loss_zoo_up_to_a_constant():
    logits = tf.constant(A.reshape(-1, 1), tf.float32)
    ours = {name: float(np.mean(lab.loss_and_slope(name, A)[0]))
            for name in ("minimax", "non-saturating", "least squares", "Wasserstein / hinge")}
    c = np.log1p(np.exp(-1.0))  # minimax_generator_loss's constant (TF-GAN's convention)
    assert ours["minimax"] == pytest.approx(float(losses.minimax_generator_loss(logits)) + c,
                                            rel=1e-5)
    assert ours["non-saturating"] == pytest.approx(
        float(losses.modified_generator_loss(logits)), rel=1e-5)
    assert ours["least squares"] == pytest.approx(
        float(losses.least_squares_generator_loss(logits)), rel=1e-5)
    assert ours["Wasserstein / hinge"] == pytest.approx(
        float(losses.wasserstein_generator_loss(logits)), abs=1e-6)


def test_logit_inverts_the_sigmoid_and_rejects_values_outside_0_1():
    np.testing.assert_allclose(lab.logit(SIGMOID), A, atol=1e-9)
    for bad in (0.0, 1.0, 1.5, [0.5, -0.1]):
        with pytest.raises(ValueError, match="strictly between 0 and 1"):
            lab.logit(bad)


def test_unknown_loss_names_are_refused_with_the_valid_names():
    with pytest.raises(ValueError, match="expected one of minimax, non-saturating"):
        lab.loss_and_slope("softmax", A)
    with pytest.raises(ValueError, match="Unknown generator loss"):
        lab.GeneratorLossPlayground(loss="softmax")
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        lab.GeneratorLossPlayground(d=1.0)


@pytest.mark.parametrize("name", list(lab.GENERATOR_LOSSES))
def test_every_loss_draws_against_the_logit_with_its_tangent(name):
    fig = Figure(figsize=(10, 4))
    lab.draw_generator_loss(fig, name, 0.02)
    left, right = fig.axes[:2]
    assert "logit" in left.get_xlabel() and left.get_xlim() == lab.LOGIT_RANGE
    curve, tangent = left.lines[:2]
    a0 = lab.logit(0.02)
    slope = lab.loss_and_slope(name, [a0])[1][0]
    x, y = tangent.get_data()
    np.testing.assert_allclose(np.diff(y) / np.diff(x), slope, rtol=1e-6, atol=1e-9)
    assert len(right.lines) == len(lab.GENERATOR_LOSSES) + 2  # curves, the dot, the marker line


def test_playground_renders_its_default_state_and_follows_the_controls():
    play = lab.GeneratorLossPlayground()
    assert play.values() == {"loss": "minimax", "d": 0.02}
    assert "-0.02" in play.render().axes[0].get_title()
    play.controls["loss"].value = "non-saturating"
    assert "-0.98" in play.render().axes[0].get_title()
