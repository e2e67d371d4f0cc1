"""Lesson 03's figures: a visible noise floor, legends off the curves, labelled epoch rows."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import data
from course_utils.fonts import label
from course_utils.lessons.l03_training import figures

FLOOR_TEXT = label("noise floor: real vs real", "噪声底线：真实 vs 真实")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def log(n=5):
    steps = list(range(0, 50 * n, 50))
    return {"step": steps, "distance": list(np.geomspace(1.0, 0.05, n)),
            "acc_real": [0.5] * n, "acc_fake": [0.6] * n}


def _bbox(fig, artist):
    fig.canvas.draw()
    return artist.get_window_extent(fig.canvas.get_renderer())


def test_the_noise_floor_is_labelled_on_its_line_and_no_legend_covers_it():
    fig, (ax_dist, ax_acc) = plt.subplots(1, 2, layout="constrained")
    figures.plot_log(log(), 0.01, ax_dist, ax_acc, "(test)")
    texts = [t for t in ax_dist.texts if t.get_text() == FLOOR_TEXT]
    assert len(texts) == 1
    assert any(np.allclose(line.get_ydata(), 0.01) for line in ax_dist.lines)  # the floor line
    assert ax_dist.get_legend() is None  # one curve: its title says what it is
    legend = ax_acc.get_legend()  # the accuracy legend sits outside its axes
    assert _bbox(fig, legend).x0 >= _bbox(fig, ax_acc).x1 - 1
    assert ax_dist.get_yscale() == "log"


def test_several_curves_get_an_outside_legend_and_their_best_points():
    fig, ax = plt.subplots(layout="constrained")
    curves = {"k = 1": ([0, 1, 2], [1.0, 0.1, 0.3]), "k = 3": ([0, 1, 2], [1.0, 0.2, 0.1])}
    figures.distance_curves(ax, curves, 0.05, "title", best=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["k = 1", "k = 3"]
    assert _bbox(fig, ax.get_legend()).x0 >= _bbox(fig, ax).x1 - 1
    markers = [line for line in ax.lines if line.get_marker() == "o"]
    assert [(m.get_xdata()[0], m.get_ydata()[0]) for m in markers] == [(1, 0.1), (2, 0.1)]
    assert any(t.get_text() == FLOOR_TEXT for t in ax.texts)


def test_a_diverged_curve_or_a_bad_floor_is_refused():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="NaN or inf"):
        figures.distance_curves(ax, {"run": ([0, 1], [1.0, np.nan])}, 0.01, "t")
    with pytest.raises(ValueError, match="floor must be a positive number"):
        figures.floor_line(ax, 0.0)
    with pytest.raises(ValueError, match="at least one curve"):
        figures.distance_curves(ax, {}, 0.01, "t")


def test_the_runs_figure_shows_each_run_at_its_best_and_at_the_end():
    samples = data.ring_of_gaussians(100, std=0.1, seed=0)
    runs = {f"seed {s}": {"step": [0, 50, 100], "distance": [1.0, 0.02, 0.1],
                          "best": samples, "end": samples + 0.5} for s in (1, 2)}
    fig = figures.runs_figure(runs, 0.01, data.ring_centres(), 0.3, "Ring")
    titles = [ax.get_title() for ax in fig.axes]
    assert "seed 1\n" + label("best: step 50", "最好：第 50 步") in titles
    assert titles.count(label("end: step 100", "最后：第 100 步")) == 2
    with pytest.raises(ValueError, match="at least one run"):
        figures.runs_figure({}, 0.01, data.ring_centres(), 0.3, "Ring")


def test_samples_panel_refuses_points_that_are_not_2d():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="must be \\(n, 2\\)"):
        figures.samples_panel(ax, np.zeros((5, 3)), data.ring_centres(), 0.3, "t")


def test_every_epoch_row_is_labelled_in_order():
    images = {10: np.zeros((12, 28, 28, 1)), 0: np.ones((12, 28, 28)), 5: np.zeros((10, 28, 28))}
    fig = figures.epoch_rows(images, per_row=10, title="progress")
    row_labels = [ax.get_ylabel() for ax in fig.axes if ax.get_ylabel()]
    assert row_labels == [label(f"epoch {e}", f"第 {e} 轮") for e in (0, 5, 10)]
    assert len(fig.axes) == 30 and fig._suptitle.get_text() == "progress"


def test_epoch_rows_refuses_too_few_images_or_no_epochs():
    with pytest.raises(ValueError, match="epoch 3: expected at least 10 images"):
        figures.epoch_rows({3: np.zeros((4, 28, 28))})
    with pytest.raises(ValueError, match="at least one epoch"):
        figures.epoch_rows({})
