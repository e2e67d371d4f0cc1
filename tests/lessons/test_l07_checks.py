"""The checkers of lesson 07: references pass, plausible wrong answers fail, templates wait."""

import math

import numpy as np
import pytest
import tensorflow as tf

from course_utils import i18n, penalties
from course_utils.exercises import FAILED, NOT_DONE, PASSED
from course_utils.lessons.l07_failure_to_converge import checks


@pytest.fixture(autouse=True)
def english_only():
    i18n.set_language("en")
    yield
    i18n.set_language("both")


# --------------------------------------------------------------------------- r1_penalty
def _input_gradients(discriminator, x):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = discriminator(x)
    return tape.gradient(out, x)


def written_out(discriminator, real, fake):
    """A right answer written differently: per-example squared norms, then the mean."""
    grads = _input_gradients(discriminator, real)
    return tf.reduce_mean(tf.norm(grads, axis=1) ** 2)


def without_the_square(discriminator, real, fake):
    return tf.reduce_mean(tf.norm(_input_gradients(discriminator, real), axis=1))


def on_the_fakes(discriminator, real, fake):
    return penalties.r1_penalty(discriminator, fake)


def on_both(discriminator, real, fake):
    return penalties.r1_penalty(discriminator, real) + penalties.r1_penalty(discriminator, fake)


def wgan_gp_style(discriminator, real, fake):
    norms = tf.norm(_input_gradients(discriminator, real), axis=1)
    return tf.reduce_mean((norms - 1.0) ** 2)


def summed_over_the_batch(discriminator, real, fake):
    return tf.reduce_sum(tf.square(_input_gradients(discriminator, real)))


def per_example(discriminator, real, fake):
    return tf.reduce_sum(tf.square(_input_gradients(discriminator, real)), axis=1)


def r1_template(discriminator, real, fake):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_reference_is_the_shared_penalty_and_a_written_out_answer_passes(capsys):
    ex = checks.r1_penalty
    assert ex.check(ex.reference) is ex.reference and ex.result == PASSED
    assert ex.check(written_out) is written_out and ex.result == PASSED
    assert "all 3 cases passed" in capsys.readouterr().out


def test_the_reference_matches_gradients_worked_out_by_hand():
    """Independent of ``penalties``: ∇ₓ ½‖x‖² = x, and for D(x) = w₂ᵀ tanh(W₁ᵀx + b₁) + b₂
    the input gradient is W₁ (w₂ ⊙ (1 − tanh²(W₁ᵀx + b₁)))."""
    real = np.array([[0.3, -0.2], [1.0, 0.5]], np.float32)
    got = checks.reference_r1_penalty(checks.quadratic_d, tf.constant(real), tf.constant(real * 3))
    assert float(got) == pytest.approx(np.mean(np.sum(real**2, axis=1)), rel=1e-6)

    (w1, b1), (w2, _) = (layer.get_weights() for layer in checks.tanh_d.layers[1:])
    x = checks._REAL3.numpy()
    grads = (w2[:, 0] * (1.0 - np.tanh(x @ w1 + b1) ** 2)) @ w1.T  # (batch, 3)
    got = checks.reference_r1_penalty(checks.tanh_d, checks._REAL3, checks._FAKE3)
    assert float(got) == pytest.approx(np.mean(np.sum(grads**2, axis=1)), rel=1e-5)


def test_the_linear_case_is_the_squared_norm_of_w():
    got = checks.reference_r1_penalty(checks.linear_d, tf.zeros((4, 2)), tf.ones((2, 2)))
    assert float(got) == pytest.approx(1.5 ** 2 + 2.0 ** 2)


@pytest.mark.parametrize("wrong", [without_the_square, wgan_gp_style, summed_over_the_batch])
def test_a_wrong_formula_fails_on_the_first_case(wrong):
    ex = checks.r1_penalty
    assert ex.check(wrong) is ex.reference
    assert ex.result == FAILED and "case 1 of 3" in ex.message
    assert "Hint:" in ex.message


@pytest.mark.parametrize(("wrong", "case"), [(on_the_fakes, 2), (on_both, 1)])
def test_penalising_the_fakes_fails(wrong, case):
    ex = checks.r1_penalty
    ex.check(wrong)
    # only the fakes: a linear D (same gradient everywhere) cannot tell, the quadratic one can
    assert ex.result == FAILED and f"case {case} of 3" in ex.message


def test_a_per_example_vector_fails_with_a_shape_message():
    ex = checks.r1_penalty
    ex.check(per_example)
    assert ex.result == FAILED and "shape" in ex.message


def test_the_r1_template_is_not_done():
    ex = checks.r1_penalty
    assert ex.check(r1_template) is ex.reference and ex.result == NOT_DONE


# ------------------------------------------------------------------- annealed_noise_std
def linear_written_out(step, total_steps, sigma0, schedule="linear"):
    left = max(0.0, 1.0 - step / total_steps)
    if schedule == "linear":
        return sigma0 * left
    return sigma0 * math.exp(-5.0 * step / total_steps) if left > 0 else 0.0


def linear_not_clipped(step, total_steps, sigma0, schedule="linear"):
    if schedule == "linear":
        return sigma0 * (1.0 - step / total_steps)
    return checks.reference_annealed_noise_std(step, total_steps, sigma0, schedule)


def exponential_never_off(step, total_steps, sigma0, schedule="linear"):
    if schedule == "linear":
        return checks.reference_annealed_noise_std(step, total_steps, sigma0, schedule)
    return sigma0 * math.exp(-5.0 * step / total_steps)


def exponential_per_step(step, total_steps, sigma0, schedule="linear"):
    """exp(-5 t) instead of exp(-5 t / T): forgets to scale by the length of training."""
    if schedule == "linear":
        return checks.reference_annealed_noise_std(step, total_steps, sigma0, schedule)
    return sigma0 * math.exp(-5.0 * step) if step < total_steps else 0.0


def increasing(step, total_steps, sigma0, schedule="linear"):
    return sigma0 * min(1.0, step / total_steps)


def schedule_template(step, total_steps, sigma0, schedule="linear"):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_schedule_reference_and_a_written_out_answer_pass():
    ex = checks.annealed_noise_std
    assert ex.check(ex.reference) is ex.reference and ex.result == PASSED
    assert ex.check(linear_written_out) is linear_written_out and ex.result == PASSED


@pytest.mark.parametrize(("wrong", "case"), [
    (linear_not_clipped, 4), (exponential_never_off, 8), (exponential_per_step, 6),
    (increasing, 1)])
def test_a_wrong_schedule_fails_where_it_is_wrong(wrong, case):
    ex = checks.annealed_noise_std
    assert ex.check(wrong) is ex.reference
    assert ex.result == FAILED and f"case {case} of 9" in ex.message


def test_the_schedule_template_is_not_done():
    ex = checks.annealed_noise_std
    ex.check(schedule_template)
    assert ex.result == NOT_DONE


def test_the_reference_schedules_start_at_sigma0_decay_and_end_at_zero():
    ref = checks.reference_annealed_noise_std
    for schedule in checks.SCHEDULES:
        curve = checks.noise_curve(ref, 100, 2.0, schedule)
        assert curve.shape == (101,) and curve[0] == 2.0 and curve[-1] == 0.0
        assert np.all(np.diff(curve) <= 0) and np.all(curve >= 0)
    assert ref(50, 100, 2.0, "exponential") == pytest.approx(2.0 * math.exp(-2.5))


@pytest.mark.parametrize(("args", "match"), [
    ((0, 100, 1.0, "cosine"), "Unknown schedule 'cosine'"),
    ((0, 0, 1.0, "linear"), "total_steps must be > 0"),
    ((0, 100, -1.0, "linear"), "sigma0 must be"),
])
def test_the_reference_schedule_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        checks.reference_annealed_noise_std(*args)
