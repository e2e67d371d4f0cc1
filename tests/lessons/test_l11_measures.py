"""Lesson 11's measures: stroke width, diversity, pair correlation, label agreement."""

import numpy as np
import pytest

from course_utils.data import domains
from course_utils.lessons.l11_unpaired_translation import measures


def _bar(width):
    x = -np.ones((1, 28, 28, 1), np.float32)
    x[0, 4:24, 14:14 + width, 0] = 1.0
    return x


def test_stroke_width_reads_the_width_of_a_bar():
    widths = measures.stroke_width(np.concatenate([_bar(1), _bar(3), _bar(5)]))
    assert widths[0] == pytest.approx(1.0, abs=0.2)
    assert widths[0] < widths[1] < widths[2]
    assert measures.stroke_width(-np.ones((1, 8, 8, 1)))[0] == 0.0  # no ink


def test_the_domain_threshold_separates_real_digits_from_bold_ones():
    d = domains.unpaired_task("thin_thick", "test")
    thr = measures.domain_threshold(d.a, d.b)
    assert measures.bold_share(d.b, thr) > 0.9 and measures.bold_share(d.a, thr) < 0.1


def test_diversity_is_zero_for_one_image_and_one_for_the_reference_itself():
    d = domains.unpaired_task("thin_thick", "test")
    assert measures.diversity(d.b, d.b) == pytest.approx(1.0)
    assert measures.diversity(np.repeat(d.b[:1], 50, axis=0), d.b) == 0.0


def test_pair_correlation_and_label_agreement():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (20, 4, 4, 1))
    assert measures.pair_correlation(x, x) == pytest.approx(1.0)
    assert measures.pair_correlation(x, -x) == pytest.approx(-1.0)
    assert measures.pair_correlation(x, np.zeros_like(x)) == 0.0  # constant: 0, not NaN
    assert measures.label_agreement([1, 2, 3, 4], [1, 2, 0, 0]) == 0.5


@pytest.mark.parametrize("call, word", [
    (lambda: measures.stroke_width(np.zeros((2, 4, 4))), "grey images"),
    (lambda: measures.l1(np.zeros((2, 4, 4, 1)), np.zeros((3, 4, 4, 1))), "same shape"),
    (lambda: measures.l1(np.full((1, 2, 2, 1), np.nan), np.zeros((1, 2, 2, 1))), "NaN"),
    (lambda: measures.mean_pair_distance(np.zeros((1, 2, 2, 1))), "at least 2"),
    (lambda: measures.label_agreement([1, 2], [1]), "1-D arrays of one length"),
])
def test_bad_inputs_get_clear_errors(call, word):
    with pytest.raises(ValueError, match=word):
        call()
