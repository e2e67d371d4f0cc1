"""Lesson 04's figures: modes drawn on top of the samples, captured and empty told apart."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Circle

from course_utils import data, metrics
from course_utils.lessons.l04_loss_functions import figures, ring

STD = 0.05
CENTRES = data.ring_centres()


def collapsed_samples(modes=(0, 1, 2), n=600, seed=0):
    """Samples on a few modes only (the others empty)."""
    rng = np.random.default_rng(seed)
    picks = rng.choice(modes, size=n)
    return CENTRES[picks] + rng.normal(scale=STD, size=(n, 2))


def run_for(samples):
    cov = metrics.mode_coverage(samples, CENTRES, STD)
    probes = {"d_of_fake": [0.5, 0.45], "d_of_fake_min": [0.4, 0.3],
              "confident_share": [0.0, 0.0]}
    return ring.RingRun(samples, cov, probes, 50, 1.0, 1.0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_captured_modes_are_the_ones_mode_coverage_counted():
    cov = metrics.mode_coverage(collapsed_samples(), CENTRES, STD)
    captured = figures.captured_modes(cov)
    assert captured.tolist() == [True, True, True] + [False] * 5
    assert captured.sum() == cov["modes_captured"]


def test_captured_modes_rejects_something_that_is_not_a_coverage_dict():
    with pytest.raises(ValueError, match="metrics.mode_coverage"):
        figures.captured_modes({"modes_captured": 3})
    with pytest.raises(ValueError, match="non-empty"):
        figures.captured_modes({"modes_captured": 0, "counts": []})


def test_modes_are_drawn_on_top_and_empty_ones_look_different():
    fig, ax = plt.subplots()
    samples = collapsed_samples()
    figures.draw_ring_panel(ax, samples, CENTRES, metrics.mode_coverage(samples, CENTRES, STD),
                            STD)
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == 8
    points = ax.collections[0]
    assert all(c.get_zorder() > points.get_zorder() for c in circles)
    assert points.get_alpha() < 0.5 and not any(c.get_fill() for c in circles)
    colours = [c.get_edgecolor() for c in circles]
    assert colours[:3] == [to_rgba(figures.CAPTURED)] * 3
    assert colours[3:] == [to_rgba(figures.EMPTY)] * 5
    assert len(ax.lines) == 5  # a cross on each empty mode
    np.testing.assert_allclose(circles[0].get_radius(), 3 * STD)


def test_draw_ring_panel_rejects_mismatched_shapes():
    fig, ax = plt.subplots()
    samples = collapsed_samples()
    cov = metrics.mode_coverage(samples, CENTRES, STD)
    with pytest.raises(ValueError, match="must be \\(n, 2\\)"):
        figures.draw_ring_panel(ax, samples[:, :1], CENTRES, cov, STD)
    with pytest.raises(ValueError, match="8 modes but there are 4 centres"):
        figures.draw_ring_panel(ax, samples, CENTRES[:4], cov, STD)


def test_ring_figure_has_a_row_per_seed_a_column_per_loss_and_says_divergence():
    diverged = ring.RingRun(None, None, {}, 50, 1.0, 1.0, "Training diverged at step 3")
    results = {"minimax": [run_for(collapsed_samples()), run_for(collapsed_samples(seed=1))],
               "hinge": [run_for(collapsed_samples((0, 4))), diverged]}
    fig = figures.ring_figure(results, CENTRES, STD, seeds=[7, 8], title="t")
    axes = np.array(fig.axes).reshape(2, 2)
    assert axes[0, 0].get_title() == "minimax" and axes[0, 1].get_title() == "hinge"
    assert "7" in axes[0, 0].get_ylabel() and "8" in axes[1, 0].get_ylabel()
    assert axes[0, 0].get_xlabel().startswith("3/8")
    assert any("diverged" in text.get_text() for text in axes[1, 1].texts)
    with pytest.raises(ValueError, match="one run per seed"):
        figures.ring_figure(results, CENTRES, STD, seeds=[7])


def test_d_of_fake_figure_draws_each_seed_and_refuses_missing_losses():
    results = {"minimax": [run_for(collapsed_samples())],
               "non-saturating": [run_for(collapsed_samples())]}
    fig = figures.d_of_fake_figure(results, [0], early=100)
    ax = fig.axes[0]
    assert len(ax.lines) == 2 * 2 + 1  # mean and lowest per loss and seed, the 0.1 line
    np.testing.assert_allclose(ax.lines[0].get_xdata(), [50, 100])
    with pytest.raises(ValueError, match="no results for \\['hinge'\\]"):
        figures.d_of_fake_figure(results, [0], names=("minimax", "hinge"))
