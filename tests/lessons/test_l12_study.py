"""Lesson 12's reading of the stored curves: time to a threshold, ratios, γ."""

import numpy as np
import pytest

from course_utils.lessons.l12_growing_and_attention import study


def curve(frechet, cpu_per_row=10.0):
    frechet = np.asarray(frechet, float)
    k = len(frechet)
    return np.stack([np.arange(k) * 100.0, np.arange(k) * cpu_per_row, np.arange(k) * 20.0,
                     frechet], axis=1)


def test_time_to_threshold_is_the_first_measurement_at_or_below_it():
    c = curve([200, 120, 90, 110, 80])
    assert study.time_to_threshold(c, 100) == (200.0, 20.0)
    assert study.time_to_threshold(c, 90) == (200.0, 20.0)
    assert study.time_to_threshold(c, 50) is None


def test_ratio_is_direct_over_progressive_cpu_and_its_median_skips_runs_that_never_arrive():
    fast = curve([200, 90, 80], cpu_per_row=5.0)      # arrives at 5 s
    slow = curve([200, 150, 95], cpu_per_row=10.0)    # arrives at 20 s
    never = curve([200, 150, 140])
    race = study.ratio_to_threshold([fast, fast], [slow, never], 100)
    assert race["ratio"] == [4.0, None]
    assert race["median_ratio"] == 4.0
    assert study.ratio_to_threshold([never], [never], 100)["median_ratio"] is None


def test_final_and_best_frechet():
    c = curve([200, 50, 80, 70, 60])
    assert study.final_frechet(c) == 70.0
    assert study.best_frechet(c) == 50.0


def test_gamma_summary_reads_final_and_largest_values():
    trace = np.array([[0, 0.0, 0.0], [100, 0.2, -0.05], [200, 0.1, -0.3]])
    s = study.gamma_summary(trace)
    assert s == {"final_g": 0.1, "final_d": -0.3, "max_abs_g": 0.2, "max_abs_d": 0.3}


def test_bad_curves_get_clear_errors():
    with pytest.raises(ValueError, match="array \\(k, 4\\)"):
        study.time_to_threshold(np.zeros((3, 2)), 1.0)
    with pytest.raises(ValueError, match="diverged"):
        study.final_frechet(curve([1.0, np.nan]))
    with pytest.raises(ValueError, match="one progressive and one direct curve per seed"):
        study.ratio_to_threshold([curve([1.0])], [], 1.0)
    with pytest.raises(ValueError, match="γ trace"):
        study.gamma_summary(np.zeros((2, 2)))
