"""Stroke thickness, slant, captions and the word gaps of lesson 09's text-to-image GAN."""

import numpy as np
import pytest

from course_utils.lessons.l09_conditional_gan import strokes


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


def test_caption_reads_like_english():
    assert strokes.caption(7, True, True) == "a thick, slanted seven"
    assert strokes.caption(0, False, False) == "a thin, upright zero"
    with pytest.raises(ValueError, match="digit"):
        strokes.caption(10, True, True)


def test_every_caption_word_is_in_the_vocabulary():
    words = {w.strip(",") for d in range(10) for a in (0, 1) for b in (0, 1)
             for w in strokes.caption(d, a, b).split()}
    assert words == set(strokes.VOCABULARY)


def small_set():
    """Two images per digit: a thin upright bar and a thick slanted one."""
    images = np.stack([img for _ in range(10) for img in (bar(2), bar(5, shear=0.5))])
    return images, np.repeat(np.arange(10), 2)


def test_caption_rule_splits_at_the_per_digit_medians():
    images, labels = small_set()
    rule = strokes.CaptionRule.fit(images, labels)
    thick, slanted = rule.words(images, labels)
    np.testing.assert_array_equal(thick, np.tile([False, True], 10))
    np.testing.assert_array_equal(slanted, np.tile([False, True], 10))
    caps = rule.captions(images, labels)
    assert caps[0] == "a thin, upright zero" and caps[-1] == "a thick, slanted nine"


def test_caption_rule_needs_every_digit_and_integer_labels():
    images, labels = small_set()
    with pytest.raises(ValueError, match="missing"):
        strokes.CaptionRule.fit(images[:4], labels[:4])
    with pytest.raises(ValueError, match="integer digits"):
        strokes.CaptionRule.fit(images, labels.astype(float))


def test_word_gaps_of_perfectly_obedient_images_are_positive():
    images, labels = small_set()
    asked = np.tile([False, True], 10)
    gaps = strokes.word_gaps(images, labels, asked, asked)
    assert gaps["thickness"] > 0.5 and gaps["slant"] > 0.3
    flipped = strokes.word_gaps(images, labels, ~asked, ~asked)
    assert flipped["thickness"] == pytest.approx(-gaps["thickness"])


def test_word_gaps_need_both_words_asked():
    images, labels = small_set()
    with pytest.raises(ValueError, match="opposite"):
        strokes.word_gaps(images, labels, np.ones(20, bool), np.ones(20, bool))
    with pytest.raises(ValueError, match="one bool per image"):
        strokes.word_gaps(images, labels, np.ones(3, bool), np.ones(20, bool))
