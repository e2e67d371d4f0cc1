"""The checkers of lesson 04: critic loss and gradient penalty."""

import numpy as np
import tensorflow as tf

from course_utils import losses as zoo
from course_utils.lessons.l04_loss_functions import checks


def critic_loss_template(real_scores, fake_scores):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def gradient_penalty_template(critic, real, fake, alpha):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def _penalty(critic, x_hat, reduce):
    with tf.GradientTape() as tape:
        tape.watch(x_hat)
        scores = critic(x_hat)
    return reduce(tape.gradient(scores, x_hat))


def per_example(grads):
    return tf.reduce_mean(tf.square(tf.norm(grads, axis=1) - 1.0))


# ---------------------------------------------------------------- critic loss
def test_critic_loss_reference_passes_and_is_returned():
    ex = checks.critic_loss
    assert ex.check(checks.critic_loss_reference) is checks.critic_loss_reference
    assert ex.result == "passed"


def test_critic_loss_reference_agrees_with_the_loss_zoo():
    real, fake = tf.constant([[1.0], [-2.0], [0.5]]), tf.constant([[3.0], [0.25], [-1.0]])
    np.testing.assert_allclose(checks.critic_loss_reference(real, fake),
                               zoo.wasserstein_discriminator_loss(real, fake), rtol=1e-6)


def test_critic_loss_with_the_sign_flipped_fails_on_the_first_case(capsys):
    ex = checks.critic_loss
    ex.check(lambda real, fake: tf.reduce_mean(real) - tf.reduce_mean(fake))
    assert ex.result == "failed"
    assert "case 1 of 3: expected -3, got 3" in capsys.readouterr().out


def test_critic_loss_mean_of_differences_fails_when_batch_sizes_differ(capsys):
    ex = checks.critic_loss
    ex.check(lambda real, fake: tf.reduce_mean(fake - real))
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 3 of 3: raised" in out


def test_critic_loss_template_is_not_done(capsys):
    ex = checks.critic_loss
    assert ex.check(critic_loss_template) is checks.critic_loss_reference
    assert ex.result == "not_done"
    assert "not finished yet" in capsys.readouterr().out


# ---------------------------------------------------------------- gradient penalty
def test_gradient_penalty_reference_passes():
    ex = checks.gradient_penalty
    assert ex.check(checks.gradient_penalty_reference) is checks.gradient_penalty_reference
    assert ex.result == "passed"


def test_gradient_penalty_with_alpha_on_the_other_side_also_passes():
    def tfgan_convention(critic, real, fake, alpha):
        return _penalty(critic, real + alpha * (fake - real), per_example)

    ex = checks.gradient_penalty
    ex.check(tfgan_convention)
    assert ex.result == "passed"


def test_gradient_penalty_reference_agrees_with_the_loss_zoo_at_the_same_alpha():
    real = tf.constant([[0.5, -1.0], [1.0, 1.0], [-0.3, 0.2]])
    fake = tf.constant([[-1.0, 0.5], [0.2, -0.4], [0.9, 0.1]])
    alpha = tf.random.stateless_uniform((3, 1), seed=[7, 0])  # what the zoo draws for seed=7
    ours = checks.gradient_penalty_reference(checks.tanh_critic, real, fake, 1.0 - alpha)
    theirs = zoo.wasserstein_gradient_penalty(real, fake, None,
                                              lambda x, _: checks.tanh_critic(x), None, seed=7)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)


def test_linear_critic_gives_the_analytic_penalty():
    real, fake = tf.zeros((4, 2)), tf.ones((4, 2))
    value = checks.gradient_penalty_reference(checks.linear_critic([3.0, 4.0]), real, fake,
                                              tf.fill((4, 1), 0.3))
    np.testing.assert_allclose(value, 16.0, rtol=1e-6)


def test_penalising_the_squared_norm_fails_on_the_linear_case(capsys):
    ex = checks.gradient_penalty
    ex.check(lambda critic, real, fake, alpha: _penalty(
        critic, alpha * real + (1 - alpha) * fake,
        lambda g: tf.reduce_mean(tf.reduce_sum(tf.square(g), axis=1))))
    assert ex.result == "failed"
    assert "case 1 of 3: expected 16, got 25" in capsys.readouterr().out


def test_norm_over_the_whole_batch_fails_on_the_linear_case(capsys):
    ex = checks.gradient_penalty
    ex.check(lambda critic, real, fake, alpha: _penalty(
        critic, alpha * real + (1 - alpha) * fake, lambda g: tf.square(tf.norm(g) - 1.0)))
    assert ex.result == "failed"
    assert "case 1 of 3: expected 16, got 36.86" in capsys.readouterr().out


def test_penalty_at_the_real_points_fails_on_the_quadratic_case(capsys):
    ex = checks.gradient_penalty
    ex.check(lambda critic, real, fake, alpha: _penalty(critic, real, per_example))
    assert ex.result == "failed"
    assert "case 2 of 3: expected 0 (or 2 with alpha and 1 - alpha swapped), got 5" in (
        capsys.readouterr().out)


def test_per_example_penalties_without_the_mean_are_named_as_a_shape_problem(capsys):
    ex = checks.gradient_penalty
    ex.check(lambda critic, real, fake, alpha: _penalty(
        critic, alpha * real + (1 - alpha) * fake,
        lambda g: tf.square(tf.norm(g, axis=1) - 1.0)))
    assert ex.result == "failed"
    assert "expected a scalar" in capsys.readouterr().out


def test_gradient_penalty_template_is_not_done():
    ex = checks.gradient_penalty
    assert ex.check(gradient_penalty_template) is checks.gradient_penalty_reference
    assert ex.result == "not_done"
