"""The synthetic tones and the pitch measurements of lesson 14."""

import numpy as np
import pytest

from course_utils.data import tones


def test_tones_are_seeded_in_range_and_shaped():
    a, pitches = tones.tones(64, seed=3, return_pitches=True)
    assert a.shape == (64, tones.LENGTH, 1) and a.dtype == np.float32
    assert a.min() >= -1 and a.max() <= 1
    assert set(pitches.tolist()) <= set(tones.PITCHES)
    np.testing.assert_array_equal(a, tones.tones(64, seed=3))
    assert not np.array_equal(a, tones.tones(64, seed=4))


def test_estimate_pitch_reads_back_every_pitch_within_one_percent():
    waves, pitches = tones.tones(200, seed=0, return_pitches=True)
    estimate = tones.estimate_pitch(waves)
    assert np.all(np.abs(estimate - pitches) / pitches < 0.01)


def test_estimate_pitch_of_a_pure_sine_and_of_silence():
    t = np.arange(1024) / 8000
    sine = np.sin(2 * np.pi * 500.0 * t)[None]
    assert tones.estimate_pitch(sine)[0] == pytest.approx(500.0, rel=0.005)
    assert tones.estimate_pitch(np.zeros((1, 1024)))[0] == 0.0


def test_pitch_histogram_and_coverage_of_real_one_pitch_and_noise():
    real = tones.pitch_histogram(tones.estimate_pitch(tones.tones(1000, seed=1)))
    assert real[-1] == 0 and np.all(real[:-1] > 0.15) and real.sum() == pytest.approx(1)
    one = tones.pitch_histogram(tones.estimate_pitch(tones.tones(300, pitches=(440.0,), seed=2)))
    noise = tones.pitch_histogram(tones.estimate_pitch(
        np.random.default_rng(0).uniform(-1, 1, (300, 1024))))
    assert tones.pitch_coverage(real) == 5 and tones.pitch_coverage(one) == 1
    assert tones.pitch_coverage(noise) == 0
    assert tones.histogram_distance(real, real) == 0
    assert tones.histogram_distance(real, one) == pytest.approx(1 - real[1])
    assert tones.histogram_distance(real, noise) > 0.8


def test_pitch_histogram_by_hand():
    h = tones.pitch_histogram([330.0, 335.0, 440.0, 1000.0], known=(330.0, 440.0))
    np.testing.assert_allclose(h, [0.5, 0.25, 0.25])  # 335 Hz is within 3 % of 330 Hz


@pytest.mark.parametrize("kwargs, match", [
    ({"n": 0}, "n must be"),
    ({"n": 2, "pitches": (5000.0,)}, "Nyquist"),
    ({"n": 2, "noise": -1.0}, "noise must be"),
])
def test_tones_refuse_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        tones.tones(**kwargs)


def test_measures_refuse_bad_input():
    with pytest.raises(ValueError, match="waveforms"):
        tones.estimate_pitch(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="finite"):
        tones.pitch_histogram([np.nan])
    with pytest.raises(ValueError, match="same length"):
        tones.histogram_distance([0.5, 0.5], [1.0])
    with pytest.raises(ValueError, match="at least 5 bins"):
        tones.pitch_coverage([1.0, 0.0])
