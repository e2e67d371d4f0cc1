"""Lesson 08's latent sliders: the default state draws headless, the controls move z."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import models
from course_utils.lessons.l08_dcgan.playground import N_SAMPLES, LatentSliders


class FakeClassifier:
    """Class probabilities from the mean brightness: enough to draw the bars."""

    def probabilities(self, x):
        p = np.full((len(x), 10), 0.05)
        p[:, 0] = 0.55
        return p

    def predict(self, x):
        return (np.asarray(x).mean(axis=(1, 2, 3)) > 0).astype(int)


@pytest.fixture(scope="module")
def sliders():
    g1 = models.dcgan_generator(8, 2, seed=0)
    g2 = models.dcgan_generator(8, 2, seed=1)
    return LatentSliders({"a": ("A", "甲", g1), "b": ("B", "乙", g2)},
                         classifiers={"a": (FakeClassifier(), [str(d) for d in range(10)])})


def test_default_state_draws_an_image_and_the_classifier_bars(sliders):
    fig = sliders.render()
    axes = fig.get_axes()
    assert len(axes) == 2 and axes[0].images and axes[1].patches
    assert plt.get_fignums() == []  # drawn outside pyplot


def test_a_data_set_without_classifier_draws_a_note(sliders):
    assert "dataset" in sliders.controls
    values = {**sliders.values(), "dataset": "b"}
    fig = plt.figure()
    sliders.draw(fig, **values)
    assert any("classifier" in t.get_text() for t in fig.get_axes()[1].texts)
    plt.close(fig)


def test_the_controls_move_the_latent_vector(sliders):
    base = sliders.latent(dataset="a", sample=3)
    np.testing.assert_allclose(base, sliders.base[3], atol=1e-6)
    np.testing.assert_allclose(sliders.latent(dataset="a", sample=3, walk=1.0), sliders.base[4],
                               atol=1e-5)
    moved = sliders.latent(dataset="a", sample=3, random_1=2.0)
    assert np.linalg.norm(moved - base) == pytest.approx(2.0, rel=1e-5)
    ink = sliders.latent(dataset="a", sample=3, ink=1.5)
    assert np.linalg.norm(ink - base) == pytest.approx(1.5, rel=1e-5)
    assert sliders.image(dataset="b", sample=0).shape == (28, 28, 1)


def test_moving_a_slider_redraws(sliders, monkeypatch):
    calls = []
    monkeypatch.setattr(sliders, "update", lambda: calls.append(1))
    sliders.controls["random_2"].value = 1.0
    sliders.controls["random_2"].value = 0.0
    assert len(calls) == 2


def test_bad_settings_get_clear_errors(sliders):
    with pytest.raises(ValueError, match="Unknown data set"):
        sliders.latent(dataset="c")
    with pytest.raises(ValueError, match="sample"):
        sliders.latent(dataset="a", sample=N_SAMPLES)
    with pytest.raises(ValueError, match="at least one generator"):
        LatentSliders({})
    g = models.dcgan_generator(8, 2)
    with pytest.raises(ValueError, match="unknown data sets"):
        LatentSliders({"a": ("A", "甲", g)}, classifiers={"z": (FakeClassifier(), [])})
    with pytest.raises(ValueError, match="same latent size"):
        LatentSliders({"a": ("A", "甲", g), "b": ("B", "乙", models.dcgan_generator(4, 2))})


def test_one_generator_needs_no_data_set_control():
    one = LatentSliders({"a": ("A", "甲", models.dcgan_generator(8, 2, seed=0))})
    assert "dataset" not in one.controls
    assert one.render().get_axes()
