"""Lesson 01's image measures: edge sharpness sees blur and ignores salt-and-pepper noise."""

import numpy as np
import pytest

from course_utils.lessons.l01_generative_vs_discriminative import measures


def stroke_images(n=4, size=12, width=3):
    """(n, size, size, 1) float32: black images, each with a white bar `width` pixels wide."""
    images = -np.ones((n, size, size, 1), dtype=np.float32)
    images[:, 2:-2, 4:4 + width] = 1.0
    return images


def test_gradient_sharpness_of_one_vertical_edge_is_hand_computed():
    image = -np.ones((1, 2, 2))
    image[0, :, 1] = 1.0  # rows: no change; columns: one jump of 2 per row
    assert measures.gradient_sharpness(image) == pytest.approx((0.0 + 2.0) / 2)


def test_median_filter_removes_a_lone_pixel_and_keeps_a_wide_stroke():
    images = stroke_images()
    images[:, 0, 11] = 1.0  # a lone "salt" pixel in the corner
    filtered = measures.median_filter3(images)
    assert filtered.shape == (4, 12, 12)
    assert filtered[0, 0, 11] == -1.0
    np.testing.assert_array_equal(filtered[:, 3:-3, 4:7], 1.0)


def test_salt_and_pepper_fools_the_plain_gradient_but_not_edge_sharpness():
    images = stroke_images(n=50, size=28)
    noisy = measures.salt_and_pepper(images, 0.05, np.random.default_rng(0))
    assert noisy.shape == images.shape and noisy.dtype == np.float32
    assert measures.gradient_sharpness(noisy) > 1.3 * measures.gradient_sharpness(images)
    assert measures.edge_sharpness(noisy) == pytest.approx(measures.edge_sharpness(images),
                                                           rel=0.05)


def test_blur_lowers_both_measures_and_keeps_shape_and_range():
    images = stroke_images(width=2)  # thin, like a pen stroke: blur lowers its peak
    blurred = measures.binomial_blur(images)
    assert blurred.shape == images.shape and blurred.dtype == np.float32
    assert blurred.min() >= -1.0 and blurred.max() <= 1.0
    assert measures.gradient_sharpness(blurred) < 0.9 * measures.gradient_sharpness(images)
    assert measures.edge_sharpness(blurred) < 0.9 * measures.edge_sharpness(images)


def test_measures_do_not_change_their_input():
    images = stroke_images()
    before = images.copy()
    measures.salt_and_pepper(images, 0.5, np.random.default_rng(1))
    measures.binomial_blur(images)
    measures.edge_sharpness(images)
    np.testing.assert_array_equal(images, before)


def test_median_filter_in_chunks_equals_one_pass(monkeypatch):
    images = measures.salt_and_pepper(stroke_images(n=7), 0.2, np.random.default_rng(2))
    whole = measures.median_filter3(images)
    monkeypatch.setattr(measures, "_CHUNK", 3)
    np.testing.assert_array_equal(measures.median_filter3(images), whole)


@pytest.mark.parametrize("bad, message", [
    (np.zeros((28, 28)), r"shape \(n, h, w\) or \(n, h, w, 1\)"),
    (np.zeros((2, 28, 28, 3)), r"shape \(n, h, w\) or \(n, h, w, 1\)"),
    (np.full((1, 4, 4), np.nan), "NaN or inf"),
])
def test_bad_images_give_a_clear_error(bad, message):
    with pytest.raises(ValueError, match=message):
        measures.edge_sharpness(bad)


def test_salt_and_pepper_rejects_a_bad_fraction_or_rng():
    with pytest.raises(ValueError, match=r"fraction must lie in \[0, 1\]"):
        measures.salt_and_pepper(stroke_images(), 1.5, np.random.default_rng(0))
    with pytest.raises(ValueError, match="numpy.random.Generator"):
        measures.salt_and_pepper(stroke_images(), 0.1, 0)
