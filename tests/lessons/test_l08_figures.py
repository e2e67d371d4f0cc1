"""Lesson 08's figures: they draw what they are given and refuse what they cannot draw."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.lessons.l08_dcgan import figures


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_class_histograms_draw_one_panel_per_data_set():
    hist = np.full(10, 0.1)
    fig = figures.class_histograms([("a", "甲", hist, [str(d) for d in range(10)]),
                                    ("b", "乙", hist, [f"class {d}" for d in range(10)])])
    assert len(fig.get_axes()) == 2
    assert len(fig.get_axes()[0].patches) == 10


def test_distance_bars_use_a_log_scale_and_label_every_bar():
    fig = figures.distance_bars([("baseline", "基线", 1.5), ("model", "模型", 40.0)])
    ax = fig.get_axes()[0]
    assert ax.get_yscale() == "log" and len(ax.texts) == 2


def test_image_rows_draw_rows_of_images():
    rows = [("a", "甲", np.zeros((3, 28, 28, 1))), ("b", "乙", np.ones((2, 28, 28, 1)))]
    fig = figures.image_rows(rows, title="t")
    assert len(fig.get_axes()) == 6 and sum(bool(ax.images) for ax in fig.get_axes()) == 5
    assert "甲" in fig.get_axes()[0].get_ylabel() and fig._suptitle.get_text() == "t"


def test_step_times_draw_one_bar_per_run():
    runs = [{"run": "one device", "replicas": 1, "per_replica_batch": 64, "step_ms": 50.0},
            {"run": "2 replicas", "replicas": 2, "per_replica_batch": 32, "step_ms": 70.0}]
    assert len(figures.step_times(runs).get_axes()[0].patches) == 2


@pytest.mark.parametrize("call,word", [
    (lambda: figures.class_histograms([]), "at least one panel"),
    (lambda: figures.class_histograms([("a", "甲", np.ones(3), ["x"] * 10)]), "10 classes"),
    (lambda: figures.distance_bars([("a", "甲", 1.0)]), "at least one model"),
    (lambda: figures.distance_bars([("a", "甲", 1.0), ("b", "乙", np.nan)]), "finite"),
    (lambda: figures.image_rows([]), "at least one row"),
    (lambda: figures.image_rows([("a", "甲", np.zeros((1, 28, 28, 1)))] * 2), "its own name"),
    (lambda: figures.step_times([]), "at least one run"),
])
def test_bad_input_gets_a_clear_error(call, word):
    with pytest.raises(ValueError, match=word):
        call()
