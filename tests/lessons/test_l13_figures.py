"""Lesson 13's figures and playgrounds draw their default state."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_utils.lessons.l13_style_and_scale import figures
from course_utils.lessons.l13_style_and_scale.playground import StyleMixing, Truncation
from course_utils.models.style import StyleGenerator


class FakeClassifier:
    def features(self, x):
        x = np.asarray(x, np.float64)
        return x.reshape(len(x), 4, 7, 4, 7).mean(axis=(2, 4)).reshape(len(x), 16)

    def probabilities(self, x):
        f = self.features(x)[:, :10]
        e = np.exp(f - f.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)


def test_figures_draw():
    sweep = {"psi": [None, 1.0], "precision": [0.9, 1.0], "recall": [0.6, 0.2],
             "confidence": [0.98, 1.0], "spread": [8.0, 5.0]}
    real = {"precision": 0.8, "recall": 0.8, "confidence": 0.97, "spread": 9.0}
    curve = {"step": [0, 100], "train": [0.0, 1.0], "held_out": [0.0, -1.0]}
    imgs = np.zeros((10, 28, 28, 1))
    for fig in (figures.tradeoff(sweep, real, "t"), figures.gap_curves({"plain, seed 0": curve}),
                figures.rows({"a": imgs, "b": imgs}),
                figures.mixing_grid(imgs[:2], imgs[:3], [imgs[:3]] * 2),
                figures.noise_maps(imgs[:3], np.ones((3, 28, 28))),
                figures.path_length_hist({"Z": np.array([1.0, 10.0]), "W": np.array([2.0, 3.0])})):
        assert fig.axes
        plt.close(fig)


def test_playgrounds_draw_their_default_state():
    g = StyleGenerator(8, w_dim=8, channels=(8, 4, 4), mapping_depth=1, seed=0)
    fig = Figure()
    StyleMixing(g, n=2, seed=0).draw(fig, crossover=3)
    assert len(fig.axes) == 9

    def cgan(inputs, training=False):
        z, c = inputs
        blank = np.zeros((1, 28, 28, 1))
        return np.tanh(np.asarray(z)[:, :1, None, None] + blank).astype("float32")

    real = np.random.default_rng(0).uniform(-1, 1, (40, 28, 28, 1))
    playground = Truncation(cgan, FakeClassifier(), real, per_class=8, psi=0.5)
    fig = Figure()
    playground.draw(fig, psi=0.5)
    assert len(fig.axes) == 80 and "ψ = 0.50" in fig._suptitle.get_text()
