"""Lesson 14's tone GAN: the recipe, the data pipeline, the checkpoint keeper and the stored
generators (``data/tone_gan_generators.npz``)."""

import keras
import numpy as np
import pytest

from course_utils.data import tones
from course_utils.lessons.l14_evaluation_and_responsible_use import sounds


def test_build_follows_the_recipe():
    gan = sounds.build(seed=0)
    assert gan.generator.output_shape == (None, sounds.LENGTH, 1)
    assert gan.latent_dim == sounds.RECIPE["latent_dim"]
    names = [layer.name for layer in gan.discriminator.layers]
    assert "phase_shuffle1" in names and "minibatch_std" in names
    assert gan.rules.d_steps == 1
    again = sounds.build(seed=0)
    for a, b in zip(gan.generator.get_weights(), again.generator.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_dataset_gives_the_asked_number_of_seeded_batches():
    x = sounds.training_tones(n=100, seed=0)
    assert x.shape == (100, sounds.LENGTH, 1)
    batches = [np.asarray(b) for b in sounds.dataset(x, 5, seed=3)]
    assert len(batches) == 5 and all(b.shape == (64, sounds.LENGTH, 1) for b in batches)
    again = [np.asarray(b) for b in sounds.dataset(x, 5, seed=3)]
    np.testing.assert_array_equal(np.stack(batches), np.stack(again))


def test_pitch_scores_of_real_tones_and_of_one_pitch():
    reference = tones.pitch_histogram(tones.estimate_pitch(tones.tones(1000, seed=1)))
    real = sounds.pitch_scores(tones.tones(500, length=sounds.LENGTH, seed=5), reference)
    assert real["coverage"] == 5 and real["distance"] < 0.1 and len(real["histogram"]) == 6
    one = sounds.pitch_scores(tones.tones(500, pitches=(440.0,), seed=5), reference)
    assert one["coverage"] == 1 and one["distance"] == pytest.approx(0.8, abs=0.03)


def test_generate_is_seeded_and_shaped():
    g = sounds.build(seed=0).generator
    a = sounds.generate(g, 7, seed=1, batch_size=3)
    assert a.shape == (7, sounds.LENGTH, 1)
    np.testing.assert_array_equal(a, sounds.generate(g, 7, seed=1, batch_size=3))
    assert not np.array_equal(a, sounds.generate(g, 7, seed=2, batch_size=3))


def test_keep_best_keeps_the_lowest_validation_distance():
    gan = sounds.build(seed=0)
    keeper = sounds.KeepBest(every=2, n=20)
    keeper.set_model(gan)
    scores = iter([0.9, 0.4, 0.7])
    keeper._check = lambda: _fake_check(keeper, next(scores))
    for batch in range(6):
        keeper.on_train_batch_end(batch)
    assert keeper.best == 0.4 and keeper.best_step == 4 and len(keeper.log) == 3


def _fake_check(keeper, distance):
    keeper.log.append((keeper._step, distance, 0))
    if distance < keeper.best:
        keeper.best, keeper.best_step = distance, keeper._step
        keeper.best_weights = keeper.model.generator.get_weights()


def test_keep_best_measures_at_the_end_when_no_check_fell_due():
    gan = sounds.build(seed=0)
    keeper = sounds.KeepBest(every=100, n=20)
    x = sounds.training_tones(n=64, seed=0)
    gan.fit(sounds.dataset(x, 2, seed=0), epochs=1, steps_per_epoch=2, verbose=0,
            callbacks=[keeper])
    assert keeper.best_step == 2 and keeper.best_weights is not None
    assert [entry[0] for entry in keeper.log] == [2]


def test_load_generator_refuses_an_unknown_seed():
    with pytest.raises(ValueError, match="No stored tone generator for seed 9"):
        sounds.load_generator(9)


def test_generator_weights_are_float16_in_order():
    g = sounds.build(seed=0).generator
    w = sounds.generator_weights(g)
    assert list(w) == [f"w{i:03d}" for i in range(len(g.get_weights()))]
    assert all(v.dtype == np.float16 for v in w.values())


@pytest.mark.parametrize("seed", sounds.SEEDS)
def test_stored_tone_gan_covers_the_pitches_better_than_the_baselines(seed):
    keras.utils.set_random_seed(0)
    reference = tones.pitch_histogram(tones.estimate_pitch(tones.tones(1000, seed=1)))
    g = sounds.load_generator(seed)
    assert g.output_shape == (None, sounds.LENGTH, 1)
    for noise_seed in (0, 1):
        s = sounds.pitch_scores(sounds.generate(g, 500, seed=noise_seed), reference)
        assert s["coverage"] >= 4, s
        assert s["distance"] < 0.8, s  # the one-pitch baseline: 0.8
