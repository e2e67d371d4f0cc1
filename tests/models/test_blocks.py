import numpy as np
import pytest

from course_utils import models


def test_minibatch_std_appends_the_mean_std_over_the_batch():
    x = np.random.default_rng(0).normal(size=(6, 3, 2)).astype("float32")
    out = np.asarray(models.MinibatchStdDev(epsilon=0.0)(x))
    assert out.shape == (6, 3, 3)
    np.testing.assert_allclose(out[..., :2], x)
    np.testing.assert_allclose(out[..., 2], x.std(axis=0).mean(), rtol=1e-5)


def test_minibatch_std_is_zero_for_a_collapsed_batch_and_grouped_per_group():
    same = np.ones((4, 5), "float32")
    assert np.allclose(np.asarray(models.MinibatchStdDev(epsilon=0.0)(same))[:, -1], 0.0)
    x = np.array([[0.0], [0.0], [2.0], [4.0]], "float32")  # groups pair rows (0, 2), (1, 3)
    out = np.asarray(models.MinibatchStdDev(group_size=2, epsilon=0.0)(x))[:, -1]
    np.testing.assert_allclose(out, [1.0, 2.0, 1.0, 2.0])  # each row gets its group's std


def test_pack_puts_consecutive_samples_side_by_side():
    x = np.arange(12, dtype="float32").reshape(6, 2)
    np.testing.assert_array_equal(np.asarray(models.Pack(3)(x)),
                                  [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])
    d = models.packed_discriminator(models.mlp_discriminator((6,)), 3, (2,))
    assert d(x).shape == (2, 1)
    with pytest.raises(ValueError, match="m must be a positive int"):
        models.Pack(0)


def test_a_packed_discriminator_trains_inside_a_compiled_fit():
    import keras

    from course_utils.training import GAN

    gan = GAN(models.mlp_generator(2, (2,), hidden=(8,), seed=0),
              models.packed_discriminator(models.mlp_discriminator((4,), hidden=(8,), seed=1),
                                          2, (2,)), seed=0)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
    real = np.random.default_rng(0).normal(size=(128, 2)).astype("float32")
    history = gan.fit(real, batch_size=32, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][-1])


def test_pack_flattens_images_inside_a_compiled_fit():
    import keras

    from course_utils.training import GAN

    d = models.packed_discriminator(models.mlp_discriminator((2 * 16,), hidden=(8,), seed=1), 2,
                                    (4, 4, 1))
    assert d(np.zeros((6, 4, 4, 1), "float32")).shape == (3, 1)
    gan = GAN(models.mlp_generator(2, (4, 4, 1), hidden=(8,), seed=0), d, seed=0)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3),
                steps_per_execution=2)
    real = np.random.default_rng(0).normal(size=(64, 4, 4, 1)).astype("float32")
    history = gan.fit(real, batch_size=16, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][-1])


def test_pack_refuses_a_batch_that_is_not_a_multiple_of_m():
    with pytest.raises(ValueError, match="multiple of 4, got 6"):
        models.Pack(4)(np.zeros((6, 2), "float32"))
