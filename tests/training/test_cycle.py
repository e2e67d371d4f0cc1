"""Tests of course_utils.training.cycle (CycleGAN, ImagePool), in the manner of test_paired.py."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from trainer_helpers import Interrupt, changed, weights

from course_utils.models.cycle import cycle_discriminator, cycle_generator
from course_utils.training import TrainingDiverged
from course_utils.training.cycle import CycleGAN, ImagePool, mean_l1

RNG = np.random.default_rng(0)
A = RNG.uniform(-1, 1, (64, 8, 8, 1)).astype("float32")
B = np.clip(-A[RNG.permutation(64)] * 0.5 + 0.2, -1, 1).astype("float32")  # unpaired order


def small_cycle(seed=0, lr=2e-3, pool_size=16, **compile_kwargs):
    gs = [cycle_generator((8, 8, 1), filters=4, residual_blocks=1, seed=seed + i)
          for i in range(2)]
    ds = [cycle_discriminator((8, 8, 1), filters=4, seed=seed + 2 + i) for i in range(2)]
    model = CycleGAN(*gs, *ds, pool_size=pool_size, seed=seed)
    model.compile(g_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
                  d_a_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
                  d_b_optimizer=keras.optimizers.Adam(lr, beta_1=0.5), **compile_kwargs)
    return model


# ------------------------------------------------------------------ ImagePool
def test_pool_shows_new_fakes_while_filling_then_swaps_about_half():
    pool = ImagePool((1, 1, 1), size=4)
    seed = keras.random.SeedGenerator(0)
    first = pool(tf.constant([[[[1.0]]], [[[2.0]]], [[[3.0]]]]), seed_generator=seed)
    np.testing.assert_array_equal(first.numpy().ravel(), [1, 2, 3])  # filling: unchanged
    shown, swapped = [], 0
    for k in range(200):
        fakes = tf.fill((2, 1, 1, 1), 10.0 + k)
        out = pool(fakes, seed_generator=seed).numpy().ravel()
        swapped += int(np.sum(out != 10.0 + k))
        shown.extend(out)
    assert int(pool.count.numpy()) == 4
    assert 0.4 < swapped / 400 < 0.6  # the paper's ½
    older = {1.0, 2.0, 3.0} | {10.0 + k for k in range(200)}
    assert set(shown) <= older  # only images that really were generated


def test_pool_keeps_the_new_fake_in_place_of_the_one_it_shows():
    pool = ImagePool((1, 1, 1), size=2, probability=1.0)
    seed = keras.random.SeedGenerator(1)
    pool(tf.constant([[[[1.0]]], [[[2.0]]]]), seed_generator=seed)
    out = pool(tf.constant([[[[5.0]]]]), seed_generator=seed).numpy().ravel()
    stored = sorted(pool.images.numpy().ravel())
    assert out[0] in (1.0, 2.0)
    assert stored == sorted([5.0, 3.0 - out[0]])


def test_pool_of_size_zero_is_off_and_bad_arguments_are_refused():
    pool = ImagePool((1, 1, 1), size=0)
    x = tf.constant([[[[4.0]]]])
    assert pool(x, seed_generator=keras.random.SeedGenerator(0)).numpy() == 4.0
    with pytest.raises(ValueError, match="size"):
        ImagePool((1, 1, 1), size=-1)
    with pytest.raises(ValueError, match="probability"):
        ImagePool((1, 1, 1), probability=1.5)
    with pytest.raises(ValueError, match="larger than the pool of 2"):
        ImagePool((1, 1, 1), size=2)(tf.zeros((3, 1, 1, 1)),
                                     seed_generator=keras.random.SeedGenerator(0))


# ------------------------------------------------------------------ the trainer
def test_fit_trains_all_four_players_and_reports_each_term():
    model = small_cycle()
    before = {n: weights(getattr(model, n)) for n in model.player_names}
    history = model.fit((A, B), batch_size=16, epochs=2, verbose=0)
    assert set(history.history) == {"g_loss", "adversarial", "cycle", "identity", "d_a_loss",
                                     "d_b_loss"}
    assert all(changed(before[n], getattr(model, n)) for n in model.player_names)
    assert model.g_optimizer.iterations.numpy() == model.d_a_optimizer.iterations.numpy() == 8


def test_generator_loss_is_the_weighted_sum_of_its_terms():
    h = small_cycle(cycle_weight=10.0, identity_weight=5.0).fit(
        (A, B), batch_size=16, epochs=1, verbose=0, shuffle=False).history
    np.testing.assert_allclose(h["g_loss"][0], h["adversarial"][0] + 10.0 * h["cycle"][0]
                               + 5.0 * h["identity"][0], rtol=1e-5)  # epoch means: linear


def test_cycle_term_is_both_directions_unless_backward_is_off():
    model = small_cycle(backward_cycle=False)
    a, b = tf.constant(A[:8]), tf.constant(B[:8])
    _, terms, _, _ = model.generators_loss(a, b)
    G, F = model.generator_ab, model.generator_ba
    np.testing.assert_allclose(terms["cycle"], mean_l1(F(G(a)), a), rtol=1e-5)
    model.backward_cycle = True
    _, terms, _, _ = model.generators_loss(a, b)
    np.testing.assert_allclose(terms["cycle"], mean_l1(F(G(a)), a) + mean_l1(G(F(b)), b),
                               rtol=1e-5)


@pytest.mark.slow
def test_the_cycle_error_falls_with_training():
    model = small_cycle(lr=5e-3)
    G, F = model.generator_ab, model.generator_ba

    def cycle():
        return float(mean_l1(F(G(A, training=False), training=False), A))

    start = cycle()
    model.fit((A, B), batch_size=16, epochs=15, verbose=0)
    assert cycle() < 0.6 * start


def test_fit_needs_two_domains_and_translate_checks_shapes():
    model = small_cycle()
    with pytest.raises(ValueError, match=r"\(a, b\) batches"):
        model.fit(A, batch_size=16, epochs=1, verbose=0)
    assert model.translate(A[:3]).shape == (3, 8, 8, 1)
    assert model.translate(B[:3], "ba").shape == (3, 8, 8, 1)
    with pytest.raises(ValueError, match=r"expected \(n, 8, 8, 1\)"):
        model.translate(np.zeros((2, 28, 28, 1)))
    with pytest.raises(ValueError, match="direction"):
        model.translate(A[:2], "ac")


@pytest.mark.parametrize("kwargs, word", [
    ({"cycle_weight": -1.0}, "cycle_weight"), ({"identity_weight": "big"}, "identity_weight"),
    ({"adversarial_weight": 0.0, "cycle_weight": 0.0}, "both 0"),
    ({"backward_cycle": 1}, "backward_cycle"),
])
def test_bad_compile_arguments_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        small_cycle(**kwargs)


def test_generators_that_do_not_map_between_the_domains_are_refused():
    g = cycle_generator((8, 8, 1), filters=4)
    wrong = cycle_generator((8, 8, 2), filters=4)
    d = cycle_discriminator((8, 8, 1), filters=4)
    with pytest.raises(ValueError, match="into the other"):
        CycleGAN(g, wrong, d, d)


def test_compile_is_required_and_optimizers_must_differ():
    gs = [cycle_generator((8, 8, 1), filters=4) for _ in range(2)]
    ds = [cycle_discriminator((8, 8, 1), filters=4) for _ in range(2)]
    model = CycleGAN(*gs, *ds)
    with pytest.raises(RuntimeError, match="compile"):
        model.fit((A, B), epochs=1, verbose=0)
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two optimizer objects"):
        model.compile(g_optimizer=opt, d_a_optimizer=opt, d_b_optimizer=keras.optimizers.Adam())


def test_a_huge_learning_rate_stops_with_a_divergence_message():
    model = small_cycle(lr=1e5)
    with pytest.raises(TrainingDiverged, match=r"diverged at generator step \d+"):
        model.fit((A * 1e3, B * 1e3), batch_size=16, epochs=50, verbose=0)




@pytest.mark.slow
def test_resumed_training_ends_where_an_uninterrupted_run_ends(tmp_path):
    straight = small_cycle(seed=2)
    straight.fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        small_cycle(seed=2).fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False,
                                callbacks=[backup, Interrupt(2)])
    resumed = small_cycle(seed=2)  # a fresh process rebuilds the model
    resumed.fit((A, B), batch_size=16, epochs=3, verbose=0, shuffle=False, callbacks=[backup])
    assert resumed.g_optimizer.iterations.numpy() == 12
    np.testing.assert_array_equal(straight.pool_b.images.numpy(), resumed.pool_b.images.numpy())
    for a, b in zip(weights(straight), weights(resumed), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)  # the pools' draws resumed too
