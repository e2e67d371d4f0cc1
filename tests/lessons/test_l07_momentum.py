"""Negative momentum on the Dirac-GAN (Gidel et al. 2018): alternating steps with β < 0
converge, β = 0 circles, β > 0 spirals out — measured on the iteration's Jacobian and on runs."""

import numpy as np
import pytest

from course_utils.lessons.l07_failure_to_converge import dirac


@pytest.mark.parametrize("h", [0.1, 0.5])
def test_spectral_radius_is_below_at_and_above_one_for_negative_zero_positive_momentum(h):
    below, circle, above = (dirac.momentum_spectral_radius(b, h) for b in (-0.5, 0.0, 0.5))
    assert below < 1 - 1e-4 and abs(circle - 1) < 1e-6 and above > 1 + 1e-3


def test_runs_follow_the_spectral_radius():
    final = {b: dirac.simulate_momentum(b, h=0.5, n_steps=1000).final_distance
             for b in (-0.5, 0.0, 0.5)}
    start = np.hypot(1.0, 1.0)
    assert final[-0.5] < 1e-2 * start          # converges to the equilibrium
    assert 0.5 * start < final[0.0] < 2 * start  # keeps circling
    assert final[0.5] > 3 * start              # spirals out (until f′ saturates far away)


def test_momentum_step_without_momentum_is_the_alternating_step():
    point = np.array([0.3, -0.7])
    np.testing.assert_allclose(dirac.momentum_step(point, point, 0.2, 0.0),
                               dirac.step(point, 0.2, "plain", "alternating"))


def test_momentum_outside_the_unit_interval_is_refused():
    with pytest.raises(ValueError, match="beta must lie in"):
        dirac.momentum_step((1.0, 1.0), (1.0, 1.0), 0.1, 1.0)
