"""Lesson 06's figures draw from hand-made runs, in both languages, without pyplot."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import i18n
from course_utils.lessons.l06_mode_collapse import figures, mnist, study

TINY = study.ModeSettings(steps=20, eval_every=10, ring_seeds=1, grid_seeds=1, hidden=(8, 8),
                          batch_size=16)


def _column(target):
    centres = study.TARGETS[target][0]
    samples = centres[np.arange(40) % len(centres)] + 0.01
    steps = [0, 100, 200]
    mass = np.tile(np.eye(len(centres))[0], (3, 1))
    captured = [[], [0], [0, 1]]
    modes = {"modes_captured": 2, "high_quality_share": 0.5, "captured": [0, 1]}
    return study.Column(target, 0, samples, modes, steps, captured, mass,
                        {s: samples for s in steps})


@pytest.fixture(params=["both", "zh"])
def lang(request):
    i18n.set_language(request.param)
    yield
    assert plt.get_fignums() == []


def test_every_figure_draws(lang):
    ring, grid = _column("ring"), _column("grid")
    runs = {"gan": study.MethodRun("gan", TINY, [ring, grid], 1, 1),
            "packing": study.MethodRun("packing", TINY, [ring, grid], 1, 1)}
    figs = [figures.plot_targets(ring.samples, grid.samples, ring.samples[:8]),
            figures.plot_snapshots(ring, [0, 200]), figures.plot_mode_timeline([ring, ring]),
            figures.plot_methods(runs, "ring"), figures.plot_methods(runs, "grid")]
    res = mnist.MnistRun("x", np.zeros((16, 28, 28, 1)), np.eye(10)[3], 0.0, 1.0, 0.1, 1, 1)
    figs.append(figures.plot_mnist({("a", "甲"): res, ("b", "乙"): res}))
    for fig in figs:
        assert fig.axes and all(ax.get_title() is not None for ax in fig.axes)


def test_show_displays_a_png(capsys):
    fig = figures.plot_snapshots(_column("ring"), [0])
    figures.show(fig)  # outside IPython, display prints the text fallback
    assert "Figure" in capsys.readouterr().out
