"""Lesson 06's figures draw what they are given, in both languages, without pyplot."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from course_utils import i18n
from course_utils.lessons.l06_mode_collapse import figures, mnist, reading, study

TINY = study.ModeSettings(steps=20, eval_every=10, ring_seeds=1, grid_seeds=1, hidden=(8, 8),
                          batch_size=16)


def _column(target, seed=0):
    centres = study.TARGETS[target][0]
    samples = centres[np.arange(40) % len(centres)] + 0.01
    steps = [0, 100, 200]
    mass = np.tile(np.eye(len(centres))[0], (3, 1))
    captured = [[], [0], [0, 1]]
    modes = {"modes_captured": 2, "high_quality_share": 0.5, "captured": [0, 1]}
    return study.Column(target, seed, samples, modes, steps, captured, mass,
                        {s: samples + 0.1 * i for i, s in enumerate(steps)})


@pytest.fixture(params=["both", "zh"])
def lang(request):
    i18n.set_language(request.param)
    yield
    assert plt.get_fignums() == []  # no pyplot figure left behind


def test_snapshots_draw_one_panel_per_step_with_its_captured_count(lang):
    fig = figures.plot_snapshots(_column("ring"), [0, 200])
    assert len(fig.axes) == 2
    assert "0" in fig.axes[0].get_title() and "2" in fig.axes[1].get_title()
    assert all(ax.get_title() for ax in fig.axes) and fig._suptitle.get_text()


def test_sweep_draws_every_evaluation_after_step_zero(lang):
    fig = figures.plot_sweep(_column("ring"), real=_column("ring").samples)
    ax = fig.axes[0]
    # real samples, two sets of centre circles, then one scatter per evaluation after step 0
    assert len(ax.collections) == 1 + 2 + 2 and ax.get_title()
    assert len(fig.axes) == 2  # and its colour bar


def test_timeline_y_label_does_not_overlap_the_tick_labels(lang):
    fig = figures.plot_mode_timeline([_column("ring", 0), _column("ring", 1)])
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for ax in fig.axes:
        label_box = ax.yaxis.label.get_window_extent(renderer)
        for tick in ax.get_yticklabels():
            if tick.get_text():
                assert not label_box.overlaps(tick.get_window_extent(renderer))
        assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "2", "4", "6"]


def test_methods_and_baselines_are_titled_with_their_measured_numbers(lang):
    ring = _column("ring")
    runs = {"noise": reading.baseline_run("noise", TINY, 0),
            "gan": study.MethodRun("gan", TINY, [ring], 1, 1),
            "packing": study.MethodRun("packing", TINY, [ring], 1, 1)}
    fig = figures.plot_methods(runs, "ring")
    titles = [ax.get_title() for ax in fig.axes]
    assert len(titles) == 3 and "PacGAN" in titles[2] and "2" in titles[1]
    assert titles[0].count("0") >= 1 and ("noise" in titles[0] or "噪声" in titles[0])


def test_targets_and_mnist_panels_draw_their_data(lang):
    ring, grid = _column("ring"), _column("grid")
    fig = figures.plot_targets(ring.samples, grid.samples, ring.samples[:8])
    assert len(fig.axes) == 3 and all(ax.get_title() for ax in fig.axes)
    res = mnist.MnistRun("x", np.zeros((16, 28, 28, 1)), np.eye(10)[3], 0.0, 1.0, 0.1, 2.0, 1, 1)
    fig = figures.plot_mnist({("a", "甲"): res})
    bars = [ax for ax in fig.axes if ax.patches]
    assert len(bars) == 1
    np.testing.assert_allclose([p.get_height() for p in bars[0].patches], np.eye(10)[3])


def test_show_displays_a_png(capsys):
    fig = figures.plot_snapshots(_column("ring"), [0])
    figures.show(fig)  # outside IPython, display prints the text fallback
    assert "Figure" in capsys.readouterr().out
