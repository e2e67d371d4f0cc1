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
