"""Back to the start of a run: fresh optimizer state, a noise generator at its first draw."""

import keras
import numpy as np
import pytest

from course_utils.training import restart


def _trained_adam():
    w = keras.Variable(np.ones(3, "float32"))
    opt = keras.optimizers.Adam(0.1)
    opt.apply([keras.ops.ones((3,))], [w])
    return opt, w


def test_zero_optimizer_state_gives_the_steps_of_a_fresh_optimizer():
    opt, w = _trained_adam()
    assert int(opt.iterations) == 1 and any(np.abs(v.numpy()).max() > 0 for v in opt.variables
                                            if v is not opt.learning_rate)
    restart.zero_optimizer_state(opt)
    assert int(opt.iterations) == 0
    assert float(opt.learning_rate) == pytest.approx(0.1)
    w.assign(np.ones(3, "float32"))
    opt.apply([keras.ops.full((3,), 2.0)], [w])
    _, w2 = _trained_adam()  # one step with gradient 1 from w = 1: Adam's step is lr
    assert np.allclose(w.numpy(), w2.numpy())


def test_restart_seed_generator_draws_what_a_new_generator_draws():
    gen = keras.random.SeedGenerator(7)
    first = keras.random.normal((4,), seed=gen).numpy()
    keras.random.normal((4,), seed=gen)
    restart.restart_seed_generator(gen, 7)
    assert np.array_equal(keras.random.normal((4,), seed=gen).numpy(), first)
    fresh = keras.random.SeedGenerator(7)
    restart.restart_seed_generator(gen, 7)
    assert np.array_equal(keras.random.normal((4,), seed=gen).numpy(),
                          keras.random.normal((4,), seed=fresh).numpy())


def test_restart_refuses_what_is_not_an_optimizer_or_a_seed_generator():
    with pytest.raises(ValueError, match="Keras optimizers"):
        restart.zero_optimizer_state("adam")
    with pytest.raises(ValueError, match="SeedGenerator"):
        restart.restart_seed_generator(np.random.default_rng(0), 0)


def _gan(seed):
    from course_utils import models, training

    g = models.mlp_generator(2, (2,), hidden=(8,), seed=seed)
    d = models.mlp_discriminator((2,), hidden=(8,), seed=seed + 1)
    gan = training.GAN(g, d, seed=seed)
    gan.compile(d_optimizer=keras.optimizers.Adam(0.01), g_optimizer=keras.optimizers.Adam(0.01),
                loss="non_saturating")
    return gan


def _fit(gan):
    x = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
    gan.fit(x, batch_size=16, epochs=1, shuffle=False, verbose=0)
    return [w.numpy() for w in gan.generator.weights + gan.discriminator.weights]


def test_restart_gan_trains_as_a_new_gan_for_that_seed():
    from course_utils import models

    gan = _gan(3)
    _fit(gan)  # a trained state: weights, Adam's moments and the noise have all moved
    restart.restart_gan(gan, models.mlp_generator(2, (2,), hidden=(8,), seed=5),
                        models.mlp_discriminator((2,), hidden=(8,), seed=6), seed=5)
    for got, want in zip(_fit(gan), _fit(_gan(5)), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
