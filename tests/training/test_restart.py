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
