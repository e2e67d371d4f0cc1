"""Lesson 03's checkers: the alternating step and choosing k."""

import tensorflow as tf

from course_utils.lessons.l03_training import checks
from course_utils.lessons.l03_training.checks import d_loss_fn, g_loss_fn


def _update(tape, loss, optimizer, model):
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))


def step_template(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def step_right(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    with tf.GradientTape() as tape:
        fake = generator(z_d)
        d_loss = d_loss_fn(discriminator(real), discriminator(fake))
    _update(tape, d_loss, d_optimizer, discriminator)
    with tf.GradientTape() as tape:
        g_loss = g_loss_fn(discriminator(generator(z_g)))
    _update(tape, g_loss, g_optimizer, generator)
    return d_loss, g_loss


def step_g_descends_d_loss(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    """Wrong: the generator descends the discriminator's loss (the sign of D's objective)."""
    with tf.GradientTape() as tape:
        d_loss = d_loss_fn(discriminator(real), discriminator(generator(z_d)))
    _update(tape, d_loss, d_optimizer, discriminator)
    with tf.GradientTape() as tape:
        g_loss = d_loss_fn(discriminator(real), discriminator(generator(z_g)))
    _update(tape, g_loss, g_optimizer, generator)
    return d_loss, g_loss_fn(discriminator(generator(z_g)))


def step_one_tape(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    """Wrong: both losses from one forward pass, so G is updated against the old D."""
    with tf.GradientTape(persistent=True) as tape:
        fake_logits = discriminator(generator(z_d))
        d_loss = d_loss_fn(discriminator(real), fake_logits)
        g_loss = g_loss_fn(fake_logits)
    _update(tape, d_loss, d_optimizer, discriminator)
    _update(tape, g_loss, g_optimizer, generator)
    return d_loss, g_loss


def step_only_d(generator, discriminator, g_optimizer, d_optimizer, real, z_d, z_g):
    """Wrong: forgets the generator's update."""
    with tf.GradientTape() as tape:
        d_loss = d_loss_fn(discriminator(real), discriminator(generator(z_d)))
    _update(tape, d_loss, d_optimizer, discriminator)
    return d_loss, g_loss_fn(discriminator(generator(z_g)))


def step_updates_both_in_d_phase(generator, discriminator, g_optimizer, d_optimizer, real, z_d,
                                 z_g):
    """Wrong: the D phase also moves G (down D's loss), then the usual G phase."""
    variables = discriminator.trainable_variables + generator.trainable_variables
    with tf.GradientTape() as tape:
        d_loss = d_loss_fn(discriminator(real), discriminator(generator(z_d)))
    grads = tape.gradient(d_loss, variables)
    n = len(discriminator.trainable_variables)
    d_optimizer.apply_gradients(zip(grads[:n], variables[:n], strict=True))
    g_optimizer.apply_gradients(zip(grads[n:], variables[n:], strict=True))
    with tf.GradientTape() as tape:
        g_loss = g_loss_fn(discriminator(generator(z_g)))
    _update(tape, g_loss, g_optimizer, generator)
    return d_loss, g_loss


def test_the_reference_alternating_step_passes():
    ex = checks.alternating_step
    assert ex.check(checks.reference_alternating_step) is checks.reference_alternating_step
    assert ex.result == "passed"


def test_a_learners_right_alternating_step_passes_and_is_kept():
    assert checks.alternating_step.check(step_right) is step_right
    assert checks.alternating_step.result == "passed"


def test_the_alternating_step_template_is_not_done(capsys):
    ex = checks.alternating_step
    assert ex.check(step_template) is checks.reference_alternating_step
    assert ex.result == "not_done"
    assert "not finished yet" in capsys.readouterr().out


def test_descending_the_discriminators_loss_with_g_fails_naming_the_direction():
    ex = checks.alternating_step
    assert ex.check(step_g_descends_d_loss) is checks.reference_alternating_step
    assert ex.result == "failed"
    assert "generator moved the wrong way" in ex.message and "生成器朝错误的方向" in ex.message


def test_one_tape_for_both_players_fails_on_the_generator_loss():
    ex = checks.alternating_step
    ex.check(step_one_tape)
    assert ex.result == "failed"
    assert "generator's new weights differ" in ex.message
    assert "one tape for both players" in ex.message


def test_forgetting_the_generator_update_fails():
    ex = checks.alternating_step
    ex.check(step_only_d)
    assert ex.result == "failed" and "the generator did not change" in ex.message


def test_moving_g_in_the_discriminator_phase_fails():
    ex = checks.alternating_step
    ex.check(step_updates_both_in_d_phase)
    assert ex.result == "failed" and "generator's new weights differ" in ex.message


def test_returning_one_value_fails_with_what_to_return():
    ex = checks.alternating_step

    def step_one_value(*args):
        return step_right(*args)[0]

    ex.check(step_one_value)
    assert ex.result == "failed" and "return the pair (d_loss, g_loss)" in ex.message


def choose_k_template(curves, tail=0.25):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_reference_choose_k_passes():
    ex = checks.choose_k
    assert ex.check(checks.reference_choose_k) is checks.reference_choose_k
    assert ex.result == "passed" and "all 4 cases passed" in ex.message


def test_choose_k_template_is_not_done():
    checks.choose_k.check(choose_k_template)
    assert checks.choose_k.result == "not_done"


def test_returning_the_largest_k_fails_on_the_first_case():
    ex = checks.choose_k
    ex.check(lambda curves, tail=0.25: max(curves))
    assert ex.result == "failed" and "case 1 of 4: expected 1, got 5" in ex.message
    assert "not the largest k" in ex.message


def test_judging_by_the_last_value_alone_fails_on_the_second_case():
    ex = checks.choose_k
    ex.check(lambda curves, tail=0.25: min(curves, key=lambda k: curves[k][-1]))
    assert ex.result == "failed" and "case 2 of 4: expected 3, got 1" in ex.message


def test_breaking_ties_towards_the_larger_k_fails_on_the_third_case():
    def larger_on_tie(curves, tail=0.25):
        n = {k: max(1, round(tail * len(v))) for k, v in curves.items()}
        score = {k: sum(v[-n[k]:]) / n[k] for k, v in curves.items()}
        return min(sorted(curves, reverse=True), key=lambda k: score[k])

    ex = checks.choose_k
    ex.check(larger_on_tie)
    assert ex.result == "failed" and "case 3 of 4: expected 1, got 5" in ex.message
