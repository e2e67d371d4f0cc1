"""A digit's stroke thickness and slant (shared measures, defined in lesson 09)."""

import numpy as np
import pytest

from course_utils.metrics import strokes


def bar(width=3, length=16, shear=0.0, size=28):
    """A white bar on black, ``width`` columns wide, ``length`` rows long, leaning right by
    ``shear`` columns per row upwards; (size, size) in [-1, 1]."""
    img = -np.ones((size, size))
    top = (size - length) // 2
    for r in range(top, top + length):
        offset = int(round(shear * ((top + length / 2) - r)))
        c0 = size // 2 - width // 2 + offset
        img[r, c0:c0 + width] = 1.0
    return img


def test_thickness_of_a_rectangle_is_twice_area_over_outline():
    w, length = 3, 16
    got = strokes.stroke_thickness(bar(w, length)[None])
    np.testing.assert_allclose(got, [2 * w * length / (2 * (w + length))])


def test_thicker_bars_measure_thicker_and_channel_axis_is_accepted():
    imgs = np.stack([bar(2), bar(4)])[..., None]
    thin, thick = strokes.stroke_thickness(imgs)
    assert thick > thin > 0


def test_a_blank_image_has_zero_thickness_and_zero_slant():
    blank = -np.ones((1, 28, 28))
    assert strokes.stroke_thickness(blank)[0] == 0.0
    assert strokes.slant(blank)[0] == 0.0


def test_slant_is_zero_upright_positive_leaning_right_negative_leaning_left():
    upright, right, left = strokes.slant(np.stack([bar(), bar(shear=0.4), bar(shear=-0.4)]))
    assert abs(upright) < 1e-9
    assert right == pytest.approx(0.4, abs=0.05)
    assert left == pytest.approx(-0.4, abs=0.05)


@pytest.mark.parametrize("bad, match", [
    (np.zeros((28, 28)), "shape"),
    (np.zeros((0, 28, 28)), "shape"),
    (np.full((1, 28, 28), np.nan), "NaN"),
    (np.full((1, 28, 28), 255.0), r"\[-1, 1\]"),
])
def test_bad_images_say_what_is_wrong(bad, match):
    with pytest.raises(ValueError, match=match):
        strokes.stroke_thickness(bad)
