"""Lesson 03's "convergence is fleeting" helpers: the noise floor and one run's summary."""

import numpy as np
import pytest

from course_utils import data, metrics
from course_utils.lessons.l03_training import fleeting


def ring(n, seed):
    return data.ring_of_gaussians(n, std=0.1, seed=seed)


def test_the_noise_floor_is_small_but_positive_and_far_below_a_shifted_set():
    floor = fleeting.noise_floor(ring, 300, draws=5)
    assert 0 < floor < 0.05
    assert metrics.energy_distance(ring(300, 1), ring(300, 2) + 1.0) > 20 * floor


def test_the_noise_floor_is_the_mean_over_independent_pairs_from_fixed_seeds():
    each = [metrics.energy_distance(ring(200, 7 + 2 * i), ring(200, 8 + 2 * i)) for i in range(4)]
    floor = fleeting.noise_floor(ring, 200, draws=4, seed=7)
    assert floor == pytest.approx(np.mean(each))
    assert floor == fleeting.noise_floor(ring, 200, draws=4, seed=7)  # no hidden randomness


@pytest.mark.parametrize("draws", [1, 0, 2.5])
def test_a_single_draw_is_refused(draws):
    with pytest.raises(ValueError, match="draws must be an int ≥ 2"):
        fleeting.noise_floor(ring, 10, draws=draws)


def test_a_bad_size_or_sampler_is_refused():
    with pytest.raises(ValueError, match="n must be an int ≥ 2"):
        fleeting.noise_floor(ring, 1)
    with pytest.raises(ValueError, match=r"must return \(n, d\) arrays with n = 10"):
        fleeting.noise_floor(lambda n, s: np.zeros(n), 10)


def test_a_run_that_came_close_and_left_is_summarised():
    steps = [0, 50, 100, 150, 200]
    distances = [1.0, 0.03, 0.02, 0.08, 0.06]
    modes = [0, 7, 8, 6, 7]
    s = fleeting.summarize_run(steps, distances, modes, floor=0.01)
    assert s["best_step"] == 100 and s["modes_at_best"] == 8
    assert s["best_vs_floor"] == pytest.approx(2.0)
    assert s["peak_after_best"] == pytest.approx(4.0)
    assert s["end_vs_best"] == pytest.approx(3.0) and s["end_vs_floor"] == pytest.approx(6.0)
    assert s["fewest_modes_after_best"] == 6 and s["modes_at_end"] == 7


def test_a_run_that_stays_at_its_best_has_no_rise():
    s = fleeting.summarize_run([0, 1, 2], [0.5, 0.1, 0.1], [0, 8, 8], floor=0.05)
    assert s["best_step"] == 1 and s["peak_after_best"] == 1.0 and s["end_vs_best"] == 1.0


def test_a_diverged_run_or_bad_input_has_no_summary():
    with pytest.raises(ValueError, match="a diverged run has no summary"):
        fleeting.summarize_run([0, 1], [0.5, np.nan], [0, 1], floor=0.01)
    with pytest.raises(ValueError, match="1-D of one length"):
        fleeting.summarize_run([0, 1], [0.5], [0, 1], floor=0.01)
    with pytest.raises(ValueError, match="floor must be a positive number"):
        fleeting.summarize_run([0], [0.5], [0], floor=0.0)
