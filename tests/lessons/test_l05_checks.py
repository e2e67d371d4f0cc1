"""The checkers of lesson 05: references pass, plausible wrong answers fail, templates wait."""

import math

import numpy as np
import pytest
import tensorflow as tf

from course_utils import i18n, metrics
from course_utils.exercises import FAILED, NOT_DONE, PASSED
from course_utils.lessons.l05_vanishing_gradients import checks


@pytest.fixture(autouse=True)
def english_only():
    i18n.set_language("en")
    yield
    i18n.set_language("both")


def _cost(logits, cost, with_log=True):
    p = tf.sigmoid(logits)
    if cost == "minimax":
        return tf.reduce_mean(tf.math.log(1.0 - p) if with_log else 1.0 - p)
    return -tf.reduce_mean(tf.math.log(p) if with_log else p)


# ----------------------------------------------------------------- generator_gradient_norm
def written_out(generator, discriminator, z, cost):
    """A correct answer written differently from the reference (log of sigmoid)."""
    with tf.GradientTape() as tape:
        loss = _cost(discriminator(generator(z)), cost)
    return metrics.gradient_norm(tape.gradient(loss, generator.trainable_variables))


def wrt_discriminator(generator, discriminator, z, cost):
    with tf.GradientTape() as tape:
        loss = _cost(discriminator(generator(z)), cost)
    return metrics.gradient_norm(tape.gradient(loss, discriminator.trainable_variables))


def without_log(generator, discriminator, z, cost):
    with tf.GradientTape() as tape:
        loss = _cost(discriminator(generator(z)), cost, with_log=False)
    return metrics.gradient_norm(tape.gradient(loss, generator.trainable_variables))


def costs_swapped(generator, discriminator, z, cost):
    other = {"minimax": "non_saturating", "non_saturating": "minimax"}[cost]
    return written_out(generator, discriminator, z, other)


def gradient_template(generator, discriminator, z, cost):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_reference_and_a_written_out_answer_pass(capsys):
    ex = checks.generator_gradient_norm
    assert ex.check(ex.reference) is ex.reference and ex.result == PASSED
    assert ex.check(written_out) is written_out and ex.result == PASSED
    assert "all 4 cases passed" in capsys.readouterr().out


def test_the_gradient_wrt_the_discriminators_weights_fails_on_the_first_case():
    ex = checks.generator_gradient_norm
    assert ex.check(wrt_discriminator) is ex.reference
    assert ex.result == FAILED and "case 1 of 4" in ex.message
    assert "generator.trainable_variables" in ex.message  # the hint


def test_forgetting_the_log_fails():
    ex = checks.generator_gradient_norm
    ex.check(without_log)
    assert ex.result == FAILED and "case 1 of 4: expected 0.2097, got 0.096." in ex.message
    assert "minimax = mean log(1 - p)" in ex.message  # the hint names the cost with its log


def test_swapping_the_two_costs_fails_on_the_first_case_naming_both_costs():
    ex = checks.generator_gradient_norm
    ex.check(costs_swapped)
    assert ex.result == FAILED and "case 1 of 4: expected 0.2097, got 0.1805." in ex.message
    assert "non-saturating = -mean log p" in ex.message


def test_the_two_costs_differ_by_far_on_the_confident_discriminator():
    args = checks.generator_gradient_norm.cases[2][0]
    minimax = written_out(*args[:3], "minimax")
    non_saturating = written_out(*args[:3], "non_saturating")
    assert non_saturating > 10 * minimax > 0


def test_the_gradient_template_is_not_done(capsys):
    ex = checks.generator_gradient_norm
    assert ex.check(gradient_template) is ex.reference
    assert ex.result == NOT_DONE
    assert "not finished yet" in capsys.readouterr().out


# ----------------------------------------------------------------- decay_orders
def natural_log(norms):
    return math.log(norms[0] / norms[-1])


def last_over_first(norms):
    return math.log10(norms[-1] / norms[0])


def orders_template(norms):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_decay_orders_reference_and_a_numpy_answer_pass():
    ex = checks.decay_orders
    ex.check(ex.reference)
    assert ex.result == PASSED
    ex.check(lambda norms: np.log10(np.asarray(norms)[0] / np.asarray(norms)[-1]))
    assert ex.result == PASSED


@pytest.mark.parametrize(("wrong", "got"), [(natural_log, "6.908"), (last_over_first, "-3")])
def test_decay_orders_wrong_answers_fail_naming_the_case(wrong, got):
    ex = checks.decay_orders
    assert ex.check(wrong) is ex.reference
    assert ex.result == FAILED
    assert f"case 1 of 3: expected 3, got {got}." in ex.message


def test_decay_orders_template_is_not_done():
    ex = checks.decay_orders
    ex.check(orders_template)
    assert ex.result == NOT_DONE
