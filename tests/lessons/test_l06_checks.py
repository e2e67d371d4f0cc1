"""Lesson 06's checkers: VEEGAN's mode count and the minibatch-std layer, with the reference
(passes) and plausible wrong answers (fail)."""

import numpy as np
import pytest
import tensorflow as tf

from course_utils import metrics
from course_utils.lessons.l06_mode_collapse import checks


def _nearest(samples, centres):
    d = np.sqrt(((samples[:, None, :] - centres[None]) ** 2).sum(-1))
    return d.argmin(1), d.min(1)


def modes_template(samples, centres, std):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def modes_right(samples, centres, std):
    nearest, dist = _nearest(samples, centres)
    good = dist <= 3 * std
    return len(set(nearest[good].tolist())), float(good.mean())


def modes_any_sample(samples, centres, std):
    """Wrong: a mode counts when it is nearest to any sample, good or not."""
    nearest, dist = _nearest(samples, centres)
    return len(set(nearest.tolist())), float((dist <= 3 * std).mean())


def modes_one_std(samples, centres, std):
    """Wrong: high quality within 1 std instead of 3."""
    nearest, dist = _nearest(samples, centres)
    good = dist <= std
    return len(set(nearest[good].tolist())), float(good.mean())


def modes_share(samples, centres, std):
    """Wrong: lesson 04's mode_coverage (a mode needs a tenth of an equal share)."""
    m = metrics.mode_coverage(samples, centres, std)
    return m["modes_captured"], m["high_quality_share"]


def modes_only_count(samples, centres, std):
    """Wrong: returns the count only."""
    return modes_right(samples, centres, std)[0]


def test_the_reference_and_a_right_answer_pass():
    ex = checks.modes_captured
    assert ex.check(checks.reference_modes_captured) is checks.reference_modes_captured
    assert ex.result == "passed"
    assert ex.check(modes_right) is modes_right and ex.result == "passed"


def test_the_template_is_not_done_and_the_reference_takes_over():
    ex = checks.modes_captured
    assert ex.check(modes_template) is checks.reference_modes_captured
    assert ex.result == "not_done"


@pytest.mark.parametrize("wrong", [modes_any_sample, modes_one_std, modes_share, modes_only_count])
def test_plausible_wrong_answers_fail(wrong):
    ex = checks.modes_captured
    assert ex.check(wrong) is checks.reference_modes_captured
    assert ex.result == "failed"


def test_the_any_sample_answer_fails_with_the_mode_count_named():
    ex = checks.modes_captured
    ex.check(modes_any_sample)
    assert "modes captured: expected" in ex.message


def test_every_case_agrees_with_veegan_modes():
    for (samples, centres, std), _ in checks._cases():
        m = metrics.veegan_modes(samples, centres, std)
        assert checks.reference_modes_captured(samples, centres, std) == (
            m["modes_captured"], m["high_quality_share"])


# ------------------------------------------------------------------ minibatch std
def std_template(x):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


def std_right(x):
    x = tf.convert_to_tensor(x)
    mean_std = tf.reduce_mean(tf.sqrt(tf.math.reduce_variance(x, axis=0) + 1e-8))
    stat = tf.fill(tf.concat([tf.shape(x)[:-1], [1]], 0), mean_std)
    return tf.concat([x, stat], axis=-1)


def std_numpy_right(x):
    x = np.asarray(x)
    s = np.sqrt(x.var(axis=0) + 1e-8).mean()
    return np.concatenate([x, np.full((*x.shape[:-1], 1), s, x.dtype)], axis=-1)


def std_unbiased(x):
    """Wrong: the sample standard deviation (ddof=1)."""
    x = np.asarray(x)
    s = np.sqrt(x.var(axis=0, ddof=1) + 1e-8).mean()
    return np.concatenate([x, np.full((*x.shape[:-1], 1), s, x.dtype)], axis=-1)


def std_over_features(x):
    """Wrong: the spread of each example's features, not of the batch."""
    x = np.asarray(x)
    axes = tuple(range(1, x.ndim))
    s = np.sqrt(x.var(axis=axes, keepdims=True) + 1e-8)
    return np.concatenate([x, np.broadcast_to(s, (*x.shape[:-1], 1))], axis=-1)


def std_no_mean(x):
    """Wrong: appends one std per feature instead of their mean."""
    x = np.asarray(x)
    s = np.sqrt(x.var(axis=0) + 1e-8)
    return np.concatenate([x, np.broadcast_to(s, x.shape)], axis=-1)


def std_variance(x):
    """Wrong: the variance instead of the standard deviation."""
    x = np.asarray(x)
    s = x.var(axis=0).mean()
    return np.concatenate([x, np.full((*x.shape[:-1], 1), s, x.dtype)], axis=-1)


@pytest.mark.parametrize("right", [checks.reference_minibatch_stddev, std_right, std_numpy_right])
def test_right_minibatch_stddev_answers_pass(right):
    ex = checks.minibatch_stddev
    assert ex.check(right) is right and ex.result == "passed"


def test_minibatch_stddev_template_is_not_done():
    ex = checks.minibatch_stddev
    assert ex.check(std_template) is checks.reference_minibatch_stddev
    assert ex.result == "not_done"


@pytest.mark.parametrize("wrong", [std_unbiased, std_over_features, std_no_mean, std_variance])
def test_plausible_wrong_minibatch_stddev_answers_fail(wrong):
    ex = checks.minibatch_stddev
    assert ex.check(wrong) is checks.reference_minibatch_stddev
    assert ex.result == "failed"
