"""Tests of the pix2pix players: course_utils.models.unet and course_utils.models.patchgan."""

import keras
import numpy as np
import pytest

from course_utils.models.patchgan import RECEPTIVE_FIELDS, patchgan_discriminator, receptive_field
from course_utils.models.unet import unet_generator


def test_unet_keeps_the_image_size_and_range():
    g = unet_generator((28, 28, 1), (8, 16), seed=0)
    x = np.random.default_rng(0).uniform(-1, 1, (3, 28, 28, 1)).astype("float32")
    y = g(x, training=False).numpy()
    assert y.shape == (3, 28, 28, 1) and np.abs(y).max() < 1
    g3 = unet_generator((32, 32, 1), (8, 16, 32), out_channels=3, seed=0)
    assert g3.output_shape == (None, 32, 32, 3)


def test_skip_connections_join_encoder_and_decoder_features():
    with_skips = unet_generator((28, 28, 1), (8, 16), seed=0)
    without = unet_generator((28, 28, 1), (8, 16), skips=False, seed=0)
    assert "skip0" in [layer.name for layer in with_skips.layers]
    assert "skip0" not in [layer.name for layer in without.layers]
    assert with_skips.count_params() > without.count_params()


def test_the_same_seed_gives_the_same_weights():
    a, b = unet_generator(seed=3), unet_generator(seed=3)
    for u, v in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(u, v)


def test_dropout_is_noise_in_training_only():
    g = unet_generator((28, 28, 1), (8, 16), dropout=0.5, seed=0)
    x = np.random.default_rng(1).uniform(-1, 1, (2, 28, 28, 1)).astype("float32")
    np.testing.assert_array_equal(g(x, training=False), g(x, training=False))
    assert not np.allclose(g(x, training=True), g(x, training=True))


def test_a_linear_output_layer_can_leave_the_range():
    g = unet_generator((28, 28, 1), (8, 16), output_activation="linear", seed=0)
    assert g.get_layer("output").activation.__name__ == "linear"


@pytest.mark.parametrize("kwargs, word", [
    ({"input_shape": (30, 30, 1)}, "multiple of"), ({"filters": ()}, "at least one"),
    ({"dropout": 1.0}, "dropout"), ({"output_activation": "relu"}, "tanh, linear"),
    ({"input_shape": (28, 28)}, "height, width, channels"), ({"filters": (8, -1)}, "filters"),
])
def test_unet_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        unet_generator(**kwargs)


@pytest.mark.parametrize("r", RECEPTIVE_FIELDS)
def test_patchgan_has_the_receptive_field_it_was_built_for(r):
    d = patchgan_discriminator((28, 28, 1), (28, 28, 1), receptive_field=r, filters=4, seed=0)
    assert receptive_field(d) == r


@pytest.mark.parametrize("r", [10, 22])
def test_receptive_field_is_measured_not_just_declared(r):
    """The input pixels that one central logit's gradient reaches span exactly r × r."""
    import tensorflow as tf

    d = patchgan_discriminator((48, 48, 1), receptive_field=r, filters=4, seed=0)
    x = tf.constant(np.random.default_rng(0).uniform(-1, 1, (1, 48, 48, 1)), tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        logits = d(x, training=False)
        centre = logits[0, logits.shape[1] // 2, logits.shape[2] // 2, 0]
    reached = np.abs(tape.gradient(centre, x).numpy()[0, ..., 0]) > 0
    rows, cols = np.nonzero(reached.any(axis=1))[0], np.nonzero(reached.any(axis=0))[0]
    assert rows.max() - rows.min() + 1 == r and cols.max() - cols.min() + 1 == r


def test_patchgan_gives_one_logit_per_patch_and_takes_the_source():
    d = patchgan_discriminator((28, 28, 1), (28, 28, 1), receptive_field=22, filters=4, seed=0)
    x = np.zeros((2, 28, 28, 1), np.float32)
    assert d([x, x]).shape == (2, 7, 7, 1)
    assert patchgan_discriminator(receptive_field=1, filters=4)(x).shape == (2, 28, 28, 1)


def test_receptive_field_from_layer_lists():
    assert receptive_field([]) == 1
    assert receptive_field([(4, 2), (4, 2), (4, 2), (4, 1), (4, 1)]) == 70  # the paper's
    with pytest.raises(ValueError, match="kernel, stride"):
        receptive_field([(4, 0)])


def test_receptive_field_counts_dilation_and_pooling_and_refuses_transposed_convolutions():
    x = keras.Input((16, 16, 1))
    h = keras.layers.Conv2D(1, 3, dilation_rate=2, padding="same")(x)  # a 5-wide kernel
    h = keras.layers.MaxPooling2D(2)(h)
    assert receptive_field(keras.Model(x, h)) == 6
    with pytest.raises(ValueError, match="transposed"):
        receptive_field(unet_generator((28, 28, 1), (4, 8)))


@pytest.mark.parametrize("kwargs, word", [
    ({"receptive_field": 70}, r"one of \(1, 10, 22, 46, 94\)"),
    ({"condition_shape": (14, 14, 1)}, "height and width"), ({"filters": 0}, "filters"),
])
def test_patchgan_bad_arguments(kwargs, word):
    with pytest.raises(ValueError, match=word):
        patchgan_discriminator(**kwargs)
