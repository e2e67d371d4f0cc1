"""The checkers of lesson 09: the conditional generator's input and conditioning accuracy."""

import numpy as np
import tensorflow as tf

from course_utils.lessons.l09_conditional_gan import checks


def generator_input_template(z, labels, num_classes):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def conditioning_accuracy_template(predicted, requested, num_classes):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


# ---------------------------------------------------------------- generator input
def test_generator_input_reference_passes_and_is_returned():
    ex = checks.generator_input
    assert ex.check(checks.generator_input_reference) is checks.generator_input_reference
    assert ex.result == "passed"


def test_generator_input_with_numpy_passes_too():
    def with_numpy(z, labels, num_classes):
        return np.concatenate([z, np.eye(num_classes, dtype=np.float32)[labels]], axis=1)

    ex = checks.generator_input
    assert ex.check(with_numpy) is with_numpy
    assert ex.result == "passed"


def test_generator_input_with_the_raw_label_fails_on_the_shape(capsys):
    def raw_label(z, labels, num_classes):
        return tf.concat([z, tf.cast(labels[:, None], tf.float32)], axis=-1)

    ex = checks.generator_input
    ex.check(raw_label)
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 3: got shape (3, 3), expected shape (3, 5)" in out
    assert "Hint: tf.one_hot" in out


def test_generator_input_with_the_code_first_fails_on_the_values(capsys):
    def code_first(z, labels, num_classes):
        return tf.concat([tf.one_hot(labels, num_classes), z], axis=-1)

    ex = checks.generator_input
    ex.check(code_first)
    assert ex.result == "failed"
    assert "case 1 of 3: expected" in capsys.readouterr().out


def test_generator_input_with_a_fixed_number_of_classes_fails_on_the_second_case(capsys):
    def ten_classes(z, labels, num_classes):
        return tf.concat([z, tf.one_hot(labels, 3)], axis=-1)

    ex = checks.generator_input
    ex.check(ten_classes)
    assert ex.result == "failed"
    assert "case 2 of 3" in capsys.readouterr().out


def test_generator_input_template_is_not_done(capsys):
    ex = checks.generator_input
    assert ex.check(generator_input_template) is checks.generator_input_reference
    assert ex.result == "not_done"
    assert "not finished yet" in capsys.readouterr().out


def test_generator_input_reference_puts_z_first_then_one_hot():
    z = np.array([[0.1, 0.2]], np.float32)
    got = checks.generator_input_reference(z, np.array([1]), 3).numpy()
    np.testing.assert_allclose(got, [[0.1, 0.2, 0.0, 1.0, 0.0]])


# ---------------------------------------------------------------- conditioning accuracy
def test_conditioning_accuracy_reference_passes():
    ex = checks.conditioning_accuracy_exercise
    assert ex.check(checks.conditioning_accuracy_reference) is \
        checks.conditioning_accuracy_reference
    assert ex.result == "passed"


def test_conditioning_accuracy_loop_version_passes():
    def loop(predicted, requested, num_classes):
        return np.array([np.mean(predicted[requested == k] == k) for k in range(num_classes)])

    ex = checks.conditioning_accuracy_exercise
    ex.check(loop)
    assert ex.result == "passed"


def test_conditioning_accuracy_overall_share_fails_on_the_shape(capsys):
    def overall(predicted, requested, num_classes):
        return np.mean(predicted == requested)

    ex = checks.conditioning_accuracy_exercise
    ex.check(overall)
    assert ex.result == "failed"
    assert "case 1 of 3: got shape (), expected shape (2,)" in capsys.readouterr().out


def test_conditioning_accuracy_grouped_by_prediction_fails_on_the_third_case(capsys):
    def precision(predicted, requested, num_classes):  # groups by what was read, not asked
        return np.array([np.mean(requested[predicted == k] == k) if (predicted == k).any()
                         else 0.0 for k in range(num_classes)])

    ex = checks.conditioning_accuracy_exercise
    ex.check(precision)
    assert ex.result == "failed"
    out = capsys.readouterr().out
    assert "case 2 of 3" in out or "case 3 of 3" in out
    assert "Hint: Group the samples" in out


def test_conditioning_accuracy_template_is_not_done():
    ex = checks.conditioning_accuracy_exercise
    assert ex.check(conditioning_accuracy_template) is checks.conditioning_accuracy_reference
    assert ex.result == "not_done"
