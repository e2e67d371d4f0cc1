"""Lesson 09's figures: they draw what they are given and refuse what does not fit."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.lessons.l09_conditional_gan import figures

IMAGES = np.linspace(-1, 1, 20 * 28 * 28).reshape(20, 28, 28, 1)


@pytest.fixture(autouse=True)
def close_all():
    yield
    plt.close("all")


def test_grids_draw_one_panel_per_set_with_one_row_per_digit():
    fig = figures.grids({"a": IMAGES, "b": IMAGES}, per_row=4, title="t")
    assert len(fig.axes) == 2 * 20
    assert fig.axes[0].get_ylabel() == "0" and fig.axes[4].get_ylabel() == "1"


def test_grids_refuse_sets_of_different_sizes():
    with pytest.raises(ValueError, match="rows"):
        figures.grids({"a": IMAGES, "b": IMAGES[:8]}, per_row=4)
    with pytest.raises(ValueError, match="at least one"):
        figures.grids({}, per_row=4)


def test_bar_figures_have_ten_digits_and_labels():
    fig = figures.per_digit_bars({"x": np.linspace(0, 1, 10)}, "acc", "title", reference=0.1,
                                 reference_label="chance")
    ax = fig.axes[0]
    assert len(ax.patches) == 10 and ax.get_title() == "title"
    fig = figures.frechet_bars(np.ones(10), np.ones(10) / 2, "fd")
    assert len(fig.axes[0].patches) == 20


def test_captioned_writes_each_caption_under_its_image():
    fig = figures.captioned(IMAGES[:3], ["a thin, upright zero"] * 3, ncols=2, title="t")
    assert fig.axes[0].get_xlabel() == "a thin,\nupright zero"
    with pytest.raises(ValueError, match="as many captions"):
        figures.captioned(IMAGES[:3], ["one"])


def test_gap_bars_show_both_gaps():
    fig = figures.gap_bars({"real": {"thickness": 0.7, "slant": 0.4},
                            "fake": {"thickness": 0.5, "slant": -0.1}}, "gaps")
    left, right = fig.axes
    assert [p.get_height() for p in left.patches] == [0.7, 0.5]
    assert [p.get_height() for p in right.patches] == [0.4, -0.1]
