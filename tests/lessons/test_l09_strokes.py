"""Captions and the word gaps of lesson 09's text-to-image GAN (the stroke measures they
bucket are tested in tests/metrics/test_strokes.py)."""

import numpy as np
import pytest

from course_utils.lessons.l09_conditional_gan import strokes
from tests.metrics.test_strokes import bar


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
