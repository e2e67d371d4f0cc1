"""Tests of the residual super-resolution generator: course_utils.models.srresnet."""

import numpy as np
import pytest

from course_utils.models.srresnet import srresnet_generator


def _images(n=3, size=28, channels=1, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (n, size, size, channels)).astype("float32")


def test_keeps_the_image_size_and_channels():
    g = srresnet_generator((28, 28, 1), filters=8, residual_blocks=2, seed=0)
    assert g(_images(), training=False).shape == (3, 28, 28, 1)
    g3 = srresnet_generator((32, 32, 3), filters=8, residual_blocks=1, seed=0)
    assert g3.output_shape == (None, 32, 32, 3)
    assert g3(_images(2, 32, 3), training=False).shape == (2, 32, 32, 3)


@pytest.mark.parametrize("batch_norm", [False, True])
def test_a_zero_initialised_output_convolution_gives_exactly_the_input(batch_norm):
    g = srresnet_generator((28, 28, 1), filters=8, residual_blocks=2, batch_norm=batch_norm,
                           seed=0)
    x = _images()
    np.testing.assert_array_equal(g(x, training=False).numpy(), x)
    np.testing.assert_array_equal(g(x, training=True).numpy(), x)


def test_a_random_output_convolution_adds_a_residual():
    g = srresnet_generator((28, 28, 1), filters=8, residual_blocks=2, zero_init_output=False,
                           seed=0)
    x = _images()
    assert np.abs(g(x, training=False).numpy() - x).mean() > 1e-3


def test_the_output_layer_is_linear_and_the_blocks_have_skips():
    g = srresnet_generator((28, 28, 1), filters=8, residual_blocks=3, seed=0)
    names = [layer.name for layer in g.layers]
    assert {"block0_skip", "block2_skip", "long_skip", "output"} <= set(names)
    assert "block3_skip" not in names
    assert g.get_layer("residual").activation.__name__ == "linear"
    assert not any("bn" in n for n in names)
    with_bn = srresnet_generator((28, 28, 1), filters=8, residual_blocks=1, batch_norm=True)
    assert "block0_bn1" in [layer.name for layer in with_bn.layers]


def test_the_same_seed_gives_the_same_weights():
    a = srresnet_generator(filters=8, residual_blocks=1, zero_init_output=False, seed=3)
    b = srresnet_generator(filters=8, residual_blocks=1, zero_init_output=False, seed=3)
    c = srresnet_generator(filters=8, residual_blocks=1, zero_init_output=False, seed=4)
    for u, v in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a.get_weights()[0], c.get_weights()[0])


def test_gradients_reach_the_output_convolution_from_the_identity_start():
    import tensorflow as tf

    g = srresnet_generator((28, 28, 1), filters=8, residual_blocks=1, seed=0)
    x, y = _images(seed=1), _images(seed=2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.abs(g(x, training=True) - y))
    grad = tape.gradient(loss, g.get_layer("residual").kernel)
    assert float(tf.reduce_max(tf.abs(grad))) > 0


@pytest.mark.parametrize("kwargs, word", [
    ({"input_shape": (28, 28)}, "height, width, channels"),
    ({"input_shape": (28, 0, 1)}, "input_shape"),
    ({"input_shape": (1, 28, 28, 1)}, "height, width, channels"),
    ({"filters": 0}, "filters"),
    ({"residual_blocks": 0}, "residual_blocks"),
    ({"residual_blocks": 1.5}, "residual_blocks"),
    ({"batch_norm": "yes"}, "batch_norm"),
    ({"zero_init_output": 1}, "zero_init_output"),
    ({"seed": "0"}, "seed"),
])
def test_bad_arguments_name_the_problem(kwargs, word):
    with pytest.raises(ValueError, match=word):
        srresnet_generator(**kwargs)
