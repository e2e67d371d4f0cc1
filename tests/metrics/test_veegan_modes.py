import numpy as np
import pytest

from course_utils import metrics

CENTRES = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])


def test_one_good_sample_captures_its_mode_and_far_samples_are_low_quality():
    samples = np.array([[0.05, 0.0], [0.0, 0.05], [10.2, 0.0], [5.0, 5.0]])
    result = metrics.veegan_modes(samples, CENTRES, std=0.1)
    assert result["captured"] == [0, 1]  # [10.2, 0] is 2 std from mode 1; [5, 5] is nowhere
    assert result["modes_captured"] == 2 and result["n_modes"] == 3
    assert result["high_quality_share"] == pytest.approx(0.75)


def test_the_quality_radius_is_three_stds_by_default():
    just_in, just_out = np.array([[0.29, 0.0]]), np.array([[0.31, 0.0]])
    assert metrics.veegan_modes(just_in, CENTRES, 0.1)["modes_captured"] == 1
    assert metrics.veegan_modes(just_out, CENTRES, 0.1)["modes_captured"] == 0
    assert metrics.veegan_modes(just_out, CENTRES, 0.1, quality_stds=4)["modes_captured"] == 1


def test_bad_input_gets_clear_errors():
    with pytest.raises(ValueError, match="dimension"):
        metrics.veegan_modes(np.zeros((3, 3)), CENTRES, 0.1)
    with pytest.raises(ValueError, match="> 0"):
        metrics.veegan_modes(np.zeros((3, 2)), CENTRES, 0.0)
    with pytest.raises(ValueError, match="NaN"):
        metrics.veegan_modes(np.full((3, 2), np.nan), CENTRES, 0.1)


RING = np.array([[2.0 * np.cos(a), 2.0 * np.sin(a)] for a in 2 * np.pi * np.arange(8) / 8])


def test_veegan_rule_counts_modes_that_uniform_noise_only_grazes():
    noise = np.random.default_rng(0).uniform(-2.5, 2.5, size=(2500, 2))
    veegan = metrics.veegan_modes(noise, RING, std=0.05)
    strict = metrics.mode_coverage(noise, RING, std=0.05)
    assert veegan["modes_captured"] == 8  # about 7 good samples per mode: all "captured"
    assert strict["modes_captured"] == 0 and strict["min_count"] == 32  # a tenth of 312.5
    assert veegan["counts"] == strict["counts"] and max(strict["counts"]) < 20


def test_a_mode_needs_a_tenth_of_an_equal_share_of_good_samples():
    # 2,500 samples, 8 modes: an equal share is 312.5, a tenth of it 31.25 -> 32 samples
    samples = np.concatenate([np.repeat(RING[:1], 2400, 0), np.repeat(RING[1:2], 32, 0),
                              np.repeat(RING[2:3], 31, 0), np.repeat(RING[3:4], 37, 0) + 1.0])
    out = metrics.mode_coverage(samples, RING, std=0.02)
    assert out["captured"] == [0, 1] and out["counts"][:3] == [2400, 32, 31]
    assert out["high_quality_share"] == pytest.approx(2463 / 2500)
    assert metrics.veegan_modes(samples, RING, std=0.02)["captured"] == [0, 1, 2]


def test_a_perfect_sampler_captures_every_mode_by_both_rules():
    rng = np.random.default_rng(1)
    real = RING[rng.integers(0, 8, 2500)] + rng.normal(0, 0.02, (2500, 2))
    for out in (metrics.veegan_modes(real, RING, 0.02), metrics.mode_coverage(real, RING, 0.02)):
        assert out["modes_captured"] == 8
        assert out["high_quality_share"] == pytest.approx(1 - np.exp(-4.5), abs=0.01)


def test_min_share_outside_zero_one_is_refused():
    with pytest.raises(ValueError, match="min_share must be in"):
        metrics.mode_coverage(np.zeros((3, 2)), CENTRES, 0.1, min_share=1.5)
