"""Tests of course_utils.training.paired.Pix2Pix, in the manner of test_gan.py."""

import keras
import numpy as np
import pytest
from trainer_helpers import Interrupt, changed, weights

from course_utils.models.patchgan import patchgan_discriminator
from course_utils.models.unet import unet_generator
from course_utils.training import TrainingDiverged
from course_utils.training.paired import Pix2Pix

RNG = np.random.default_rng(0)
SOURCE = RNG.uniform(-1, 1, (128, 8, 8, 1)).astype("float32")
TARGET = -SOURCE  # a translation a U-Net learns quickly: invert the grey levels


def small_pix2pix(seed=0, lr=1e-3, conditional=True, dropout=0.5, **compile_kwargs):
    g = unet_generator((8, 8, 1), (8, 16), dropout=dropout, seed=seed)
    d = patchgan_discriminator((8, 8, 1), (8, 8, 1) if conditional else None,
                               receptive_field=10, filters=4, seed=seed + 1)
    model = Pix2Pix(g, d, seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
                  g_optimizer=keras.optimizers.Adam(lr, beta_1=0.5), **compile_kwargs)
    return model


def test_fit_trains_both_players_and_reports_each_loss_term():
    model = small_pix2pix()
    g0, d0 = weights(model.generator), weights(model.discriminator)
    history = model.fit((SOURCE, TARGET), batch_size=32, epochs=2, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "g_adversarial", "l1", "d_acc_real",
                                    "d_acc_fake"}
    assert changed(g0, model.generator) and changed(d0, model.discriminator)
    assert model.g_optimizer.iterations.numpy() == model.d_optimizer.iterations.numpy() == 8


def test_generator_loss_is_adversarial_plus_lambda_l1():
    h = small_pix2pix(l1_weight=10.0).fit((SOURCE, TARGET), batch_size=32, epochs=1,
                                           verbose=0).history
    np.testing.assert_allclose(h["g_loss"][0], h["g_adversarial"][0] + 10.0 * h["l1"][0],
                               rtol=1e-5)
    alone = small_pix2pix(l1_weight=0.0).fit((SOURCE, TARGET), batch_size=32, epochs=1,
                                             verbose=0).history
    assert "l1" not in alone
    np.testing.assert_allclose(alone["g_loss"], alone["g_adversarial"], rtol=1e-6)


def test_l1_alone_learns_the_translation():
    model = small_pix2pix(adversarial_weight=0.0, lr=3e-3, dropout=0.0)
    start = np.abs(model.translate(SOURCE) - TARGET).mean()
    model.fit((SOURCE, TARGET), batch_size=32, epochs=30, verbose=0)
    end = np.abs(model.translate(SOURCE) - TARGET).mean()
    assert end < 0.5 * start  # seeds 0-4: 0.13-0.19 of the starting error


def test_an_unconditional_discriminator_sees_only_the_image():
    model = small_pix2pix(conditional=False)
    assert not model.conditional
    h = model.fit((SOURCE, TARGET), batch_size=32, epochs=1, verbose=0).history
    assert np.isfinite(h["d_loss"][0])


def test_fit_accepts_a_dataset_of_pairs_and_refuses_images_alone():
    import tensorflow as tf

    model = small_pix2pix()
    model.fit(tf.data.Dataset.from_tensor_slices((SOURCE, TARGET)).batch(32), epochs=1,
              verbose=0)
    with pytest.raises(ValueError, match=r"\(source, target\) pairs"):
        model.fit(SOURCE, batch_size=32, epochs=1, verbose=0)


def test_models_with_the_same_seed_train_identically():
    ha = small_pix2pix(seed=4).fit((SOURCE, TARGET), batch_size=32, epochs=1, verbose=0,
                                   shuffle=False).history
    hb = small_pix2pix(seed=4).fit((SOURCE, TARGET), batch_size=32, epochs=1, verbose=0,
                                   shuffle=False).history
    assert ha == hb


def test_translate_checks_the_source_shape():
    model = small_pix2pix()
    assert model.translate(SOURCE[:5]).shape == (5, 8, 8, 1)
    with pytest.raises(ValueError, match=r"expected \(n, 8, 8, 1\)"):
        model.translate(np.zeros((2, 28, 28, 1)))


@pytest.mark.parametrize("kwargs, word", [
    ({"l1_weight": 0.0, "adversarial_weight": 0.0}, "both 0"),
    ({"l1_weight": -1.0}, "l1_weight"), ({"adversarial_weight": "big"}, "adversarial_weight"),
    ({"loss": "nonsense"}, "minimax"),
])
def test_bad_compile_arguments_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        small_pix2pix(**kwargs)


def test_a_discriminator_with_three_inputs_is_refused():
    x = [keras.Input((8, 8, 1)) for _ in range(3)]
    d = keras.Model(x, keras.layers.Concatenate()(x))
    with pytest.raises(ValueError, match="takes 3 inputs"):
        Pix2Pix(unet_generator((8, 8, 1), (4,)), d)


def test_compile_is_required_and_optimizers_must_differ():
    model = Pix2Pix(unet_generator((8, 8, 1), (4,)), patchgan_discriminator((8, 8, 1)))
    with pytest.raises(RuntimeError, match="compile"):
        model.fit((SOURCE, TARGET), epochs=1, verbose=0)
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two optimizer objects"):
        model.compile(d_optimizer=opt, g_optimizer=opt)


def test_a_huge_learning_rate_stops_with_a_divergence_message():
    model = small_pix2pix(lr=1e4, loss="least_squares")
    with pytest.raises(TrainingDiverged, match=r"diverged at generator step \d+"):
        model.fit((SOURCE * 1e3, TARGET * 1e3), batch_size=32, epochs=50, verbose=0)




def test_resumed_training_ends_where_an_uninterrupted_run_ends(tmp_path):
    straight = small_pix2pix(seed=2)
    straight.fit((SOURCE, TARGET), batch_size=32, epochs=3, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        small_pix2pix(seed=2).fit((SOURCE, TARGET), batch_size=32, epochs=3, verbose=0,
                                  shuffle=False, callbacks=[backup, Interrupt(2)])
    resumed = small_pix2pix(seed=2)  # a fresh process rebuilds the model
    resumed.fit((SOURCE, TARGET), batch_size=32, epochs=3, verbose=0, shuffle=False,
                callbacks=[backup])
    assert resumed.g_optimizer.iterations.numpy() == 12
    for a, b in zip(weights(straight), weights(resumed), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)  # dropout's noise resumed too
