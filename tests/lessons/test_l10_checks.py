"""The checkers of lesson 10: the pix2pix generator loss and a PatchGAN's receptive field."""

import numpy as np
import tensorflow as tf

from course_utils.lessons.l10_image_to_image import checks


def loss_template(fake_logits, fake, target, l1_weight=100.0):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def test_the_template_is_not_done_and_the_reference_takes_over(capsys):
    ex = checks.pix2pix_generator_loss
    assert ex.check(loss_template) is checks.pix2pix_generator_loss_reference
    assert ex.result == "not_done" and "not finished yet" in capsys.readouterr().out


def test_loss_reference_passes_and_is_returned():
    ex = checks.pix2pix_generator_loss
    assert ex.check(checks.pix2pix_generator_loss_reference) is \
        checks.pix2pix_generator_loss_reference
    assert ex.result == "passed"


def test_loss_written_with_the_minimax_form_fails(capsys):
    def minimax(fake_logits, fake, target, l1_weight=100.0):
        adversarial = tf.reduce_mean(tf.math.log(1.0 - tf.sigmoid(fake_logits)))
        return adversarial + l1_weight * tf.reduce_mean(tf.abs(target - fake))

    ex = checks.pix2pix_generator_loss
    ex.check(minimax)
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 4: expected 0.6931" in out and "Hint: Two terms" in out


def test_loss_with_a_squared_error_fails_on_the_third_case(capsys):
    def squared(fake_logits, fake, target, l1_weight=100.0):
        adversarial = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            labels=tf.ones_like(fake_logits), logits=fake_logits))
        return adversarial + l1_weight * tf.reduce_mean(tf.square(target - fake))

    ex = checks.pix2pix_generator_loss
    ex.check(squared)
    assert ex.result == "failed" and "case 3 of 4" in capsys.readouterr().out


def test_loss_that_forgets_the_weight_fails(capsys):
    def unweighted(fake_logits, fake, target, l1_weight=100.0):
        return checks.pix2pix_generator_loss_reference(fake_logits, fake, target, 1.0)

    ex = checks.pix2pix_generator_loss
    ex.check(unweighted)
    assert ex.result == "failed" and "case 2 of 4" in capsys.readouterr().out


def test_receptive_field_reference_passes():
    ex = checks.receptive_field
    assert ex.check(checks.receptive_field_reference) is checks.receptive_field_reference
    assert ex.result == "passed"


def test_receptive_field_that_ignores_the_strides_fails(capsys):
    def no_strides(layers):
        return 1 + sum(k - 1 for k, _ in layers)

    ex = checks.receptive_field
    ex.check(no_strides)
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 3 of 6: expected 10, got 7" in out and "Hint: Walk from the input" in out


def test_receptive_field_that_multiplies_its_own_stride_too_early_fails(capsys):
    def own_stride_first(layers):
        r, jump = 1, 1
        for k, s in layers:
            jump *= s
            r += (k - 1) * jump
        return r

    ex = checks.receptive_field
    ex.check(own_stride_first)
    assert ex.result == "failed" and "case 3 of 6: expected 10, got 13" in capsys.readouterr().out


def test_a_working_numpy_answer_passes():
    def with_numpy(layers):
        k = np.array([layer[0] for layer in layers] or [1])
        s = np.array([layer[1] for layer in layers] or [1])
        jumps = np.concatenate([[1], np.cumprod(s)[:-1]])
        return int(1 + ((k - 1) * jumps).sum())

    ex = checks.receptive_field
    assert ex.check(with_numpy) is with_numpy
