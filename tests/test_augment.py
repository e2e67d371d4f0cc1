import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils.data.augment import (
    DiffAugment,
    augmented_discriminator,
    cutout,
    diff_augment,
    translation,
)


def _images(n=4, size=8):
    return tf.constant(np.random.default_rng(0).uniform(-1, 1, (n, size, size, 1)), tf.float32)


@pytest.mark.parametrize("policy", [("color",), ("translation",), ("cutout",),
                                    ("color", "translation", "cutout")])
def test_each_policy_keeps_the_shape_and_lets_gradients_through(policy):
    x = _images()
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = diff_augment(x, keras.random.SeedGenerator(0), policy)
        loss = tf.reduce_sum(y ** 2)
    grad = tape.gradient(loss, x)
    assert y.shape == x.shape and y.dtype == x.dtype
    assert grad is not None and float(tf.reduce_sum(tf.abs(grad))) > 0


def test_translation_shifts_whole_images_and_fills_with_zeros():
    x = tf.ones((16, 8, 8, 1))
    y = translation(x, keras.random.SeedGenerator(0)).numpy()
    zero_rows = [(row == 0).all(axis=1).sum() for row in y[..., 0]]  # up to 1 px of border
    assert max(zero_rows) <= 1 and set(np.unique(y)) <= {0.0, 1.0}
    assert (y == 0).any()  # some image moved


def test_cutout_zeroes_one_square_of_half_the_side():
    y = cutout(tf.ones((8, 8, 8, 1)), keras.random.SeedGenerator(1)).numpy()[..., 0]
    for img in y:
        rows, cols = np.nonzero(img == 0)
        assert rows.max() - rows.min() < 4 and cols.max() - cols.min() < 4
        assert 0 < (img == 0).sum() <= 16


def test_the_seed_generator_fixes_the_draw_and_the_draws_differ_per_example():
    x = tf.tile(_images(1), (6, 1, 1, 1))  # six copies of one image
    a = diff_augment(x, keras.random.SeedGenerator(3)).numpy()
    b = diff_augment(x, keras.random.SeedGenerator(3)).numpy()
    np.testing.assert_array_equal(a, b)
    assert len({img.tobytes() for img in a}) > 1  # each example draws its own parameters


def test_the_layer_augments_in_training_only_and_names_a_bad_policy():
    x = _images()
    layer = DiffAugment(seed=0)
    np.testing.assert_array_equal(layer(x, training=False).numpy(), x.numpy())
    assert not np.allclose(layer(x, training=True).numpy(), x.numpy())
    with pytest.raises(ValueError, match="Unknown DiffAugment policy 'flip'"):
        DiffAugment(policy=("flip",))
    with pytest.raises(ValueError, match=r"images \(batch, height, width, channels\)"):
        diff_augment(tf.ones((4, 8)), keras.random.SeedGenerator(0))


def test_augmented_discriminator_shares_the_weights_of_d():
    from course_utils.models.dcgan import dcgan_discriminator

    d = dcgan_discriminator(4, batch_norm=False, seed=0)
    seen = augmented_discriminator(d, seed=0)
    assert {id(w) for w in seen.trainable_weights} == {id(w) for w in d.trainable_weights}
    x = np.zeros((2, 28, 28, 1), "float32")
    np.testing.assert_allclose(seen(x, training=False).numpy(), d(x).numpy())
