"""Tests of course_utils.training.cogan.CoGAN, in the manner of test_paired.py."""

import keras
import numpy as np
import pytest
from trainer_helpers import Interrupt, weights

from course_utils.models.coupled import coupled_discriminator, coupled_generator
from course_utils.training import TrainingDiverged
from course_utils.training.cogan import CoGAN

RNG = np.random.default_rng(0)
A = RNG.uniform(-1, 1, (64, 8, 8, 1)).astype("float32")
B = (-A[RNG.permutation(64)]).astype("float32")  # unpaired order


def small_cogan(seed=0, lr=1e-3, share=True, **compile_kwargs):
    g = coupled_generator(4, (8, 8, 1), filters=4, share=share, seed=seed)
    d = coupled_discriminator((8, 8, 1), filters=4, share=share, seed=seed + 1)
    model = CoGAN(g, d, seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(lr, beta_1=0.5), **compile_kwargs)
    return model


def test_fit_trains_both_coupled_players_and_reports_each_game():
    model = small_cogan()
    g0, d0 = weights(model.generator), weights(model.discriminator)
    history = model.fit((A, B), batch_size=16, epochs=2, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "d_loss_a", "d_loss_b"}
    np.testing.assert_allclose(history.history["d_loss"], np.add(history.history["d_loss_a"],
                                                                 history.history["d_loss_b"]),
                               rtol=1e-5)
    assert any(not np.array_equal(a, b) for a, b in zip(g0, weights(model.generator),
                                                        strict=True))
    assert any(not np.array_equal(a, b) for a, b in zip(d0, weights(model.discriminator),
                                                        strict=True))
    assert model.g_optimizer.iterations.numpy() == model.d_optimizer.iterations.numpy() == 8


def test_pairs_come_from_one_z_and_check_their_input():
    model = small_cogan()
    xa, xb = model.pairs(5)
    assert xa.shape == xb.shape == (5, 8, 8, 1)
    again = model.pairs(z=np.random.default_rng(0).normal(size=(5, 4)))
    np.testing.assert_allclose(again[0], xa, atol=1e-6)
    with pytest.raises(ValueError, match=r"z must have shape \(n, 4\)"):
        model.pairs(z=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="pass z, or n"):
        model.pairs()


def test_without_sharing_the_two_domains_train_independent_weights():
    shared, separate = small_cogan(share=True), small_cogan(share=False)
    assert separate.generator.count_params() > shared.generator.count_params()
    h = separate.fit((A, B), batch_size=16, epochs=1, verbose=0).history
    assert np.isfinite(h["g_loss"][0])


def test_players_that_are_not_coupled_are_refused_and_fit_needs_two_domains():
    g = coupled_generator(4, (8, 8, 1), filters=4)
    x = keras.Input((8, 8, 1))
    single = keras.Model(x, keras.layers.Dense(1)(keras.layers.Flatten()(x)))
    with pytest.raises(ValueError, match="coupled"):
        CoGAN(g, single)
    model = small_cogan()
    with pytest.raises(ValueError, match=r"\(a, b\) batches"):
        model.fit(A, batch_size=16, epochs=1, verbose=0)


def test_compile_is_required_and_optimizers_must_differ():
    model = CoGAN(coupled_generator(4, (8, 8, 1), filters=4),
                  coupled_discriminator((8, 8, 1), filters=4))
    with pytest.raises(RuntimeError, match="compile"):
        model.fit((A, B), epochs=1, verbose=0)
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two optimizer objects"):
        model.compile(d_optimizer=opt, g_optimizer=opt)


def test_a_huge_learning_rate_stops_with_a_divergence_message():
    model = small_cogan(lr=1e6, loss="least_squares")
    with pytest.raises(TrainingDiverged, match=r"diverged at generator step \d+"):
        model.fit((A * 1e3, B * 1e3), batch_size=16, epochs=50, verbose=0)




@pytest.mark.slow
def test_resumed_training_ends_where_an_uninterrupted_run_ends(tmp_path):
    straight = small_cogan(seed=2)
    straight.fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        small_cogan(seed=2).fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False,
                                callbacks=[backup, Interrupt()])
    resumed = small_cogan(seed=2)
    resumed.fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False, callbacks=[backup])
    for a, b in zip(weights(straight), weights(resumed), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)  # the latent draws resumed too
