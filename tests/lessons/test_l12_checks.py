"""The checkers of lesson 12: the fade-in blend and the self-attention block."""

import numpy as np
import tensorflow as tf

from course_utils.lessons.l12_growing_and_attention import checks
from course_utils.models.attention import SelfAttention


def fade_in_template(old, new, alpha):
    # START YOUR CODE
    raise NotImplementedError  # remove this line
    # END YOUR CODE


# ---------------------------------------------------------------- fade-in
def test_fade_in_reference_passes_and_is_returned():
    ex = checks.fade_in
    assert ex.check(checks.fade_in_reference) is checks.fade_in_reference
    assert ex.result == "passed"


def test_fade_in_with_numpy_passes_too():
    def with_numpy(old, new, alpha):
        return (1 - alpha) * old.repeat(2, axis=1).repeat(2, axis=2) + alpha * new

    assert checks.fade_in.check(with_numpy) is with_numpy
    assert checks.fade_in.result == "passed"


def test_fade_in_template_is_not_done_and_the_reference_takes_over(capsys):
    assert checks.fade_in.check(fade_in_template) is checks.fade_in_reference
    assert checks.fade_in.result == "not_done"
    assert "reference" in capsys.readouterr().out


def test_fade_in_with_alpha_on_the_old_image_fails_on_the_first_case(capsys):
    def swapped(old, new, alpha):
        return alpha * old.repeat(2, axis=1).repeat(2, axis=2) + (1 - alpha) * new

    checks.fade_in.check(swapped)
    assert checks.fade_in.result == "failed"
    out = capsys.readouterr().out
    assert "case 1 of 4: expected" in out and "Hint: Repeat every pixel" in out


def test_fade_in_with_a_bilinear_upsampling_fails_on_the_values(capsys):
    def bilinear(old, new, alpha):
        up = tf.image.resize(old, (2 * old.shape[1], 2 * old.shape[2]), "bilinear")
        return (1 - alpha) * up + alpha * new

    checks.fade_in.check(bilinear)
    assert checks.fade_in.result == "failed"
    assert "case 1 of 4: expected" in capsys.readouterr().out


def test_fade_in_that_tiles_the_old_image_instead_of_repeating_pixels_fails(capsys):
    def tiled(old, new, alpha):
        return (1 - alpha) * np.tile(old, (1, 2, 2, 1)) + alpha * new

    checks.fade_in.check(tiled)
    assert checks.fade_in.result == "failed"


# ---------------------------------------------------------------- self-attention
def test_self_attention_reference_passes():
    ex = checks.self_attention
    assert ex.check(checks.self_attention_reference) is checks.self_attention_reference
    assert ex.result == "passed"


def test_self_attention_reference_equals_the_course_layer():
    layer = SelfAttention(spectral_norm=False, seed=0)
    x = np.random.default_rng(1).normal(size=(2, 3, 4, 16)).astype(np.float32)
    layer(x)
    layer.gamma.assign(0.7)
    mats = [layer.query, layer.key, layer.value]
    for m in mats:
        m.bias.assign(np.zeros(m.bias.shape, np.float32))
    got = checks.self_attention_reference(x, *(m.kernel.numpy()[0, 0] for m in mats), 0.7)
    np.testing.assert_allclose(np.asarray(got), np.asarray(layer(x)), rtol=1e-4, atol=1e-5)


def test_self_attention_with_softmax_over_the_query_axis_fails(capsys):
    def wrong_axis(x, w_query, w_key, w_value, gamma):
        b, h, w, c = x.shape
        flat = x.reshape(b, h * w, c)
        scores = (flat @ w_query) @ (flat @ w_key).transpose(0, 2, 1)
        beta = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)  # columns, not rows
        return x + gamma * (beta @ (flat @ w_value)).reshape(x.shape)

    checks.self_attention.check(wrong_axis)
    assert checks.self_attention.result == "failed"
    assert "case 2 of 4: expected" in capsys.readouterr().out


def test_self_attention_without_the_residual_fails_on_the_gamma_zero_identity(capsys):
    def no_residual(x, w_query, w_key, w_value, gamma):
        return gamma * checks.self_attention_reference(x, w_query, w_key, w_value, 1.0) - x * 0

    checks.self_attention.check(no_residual)
    assert checks.self_attention.result == "failed"
    assert "case 1 of 4: expected" in capsys.readouterr().out


def test_self_attention_that_keeps_positions_flat_fails_on_the_shape(capsys):
    def flat(x, w_query, w_key, w_value, gamma):
        b, h, w, c = x.shape
        out = checks.self_attention_reference(x, w_query, w_key, w_value, gamma)
        return np.asarray(out).reshape(b, h * w, c)

    checks.self_attention.check(flat)
    assert checks.self_attention.result == "failed"
    assert "expected shape (2, 3, 2, 4)" in capsys.readouterr().out
