"""Tests of the unpaired tasks of course_utils.data.domains (lesson 11)."""

import numpy as np
import pytest

from course_utils.data import domains


def test_thicken_adds_ink_and_keeps_shape_and_range():
    x = -np.ones((1, 7, 7, 1), np.float32)
    x[0, 3, 3, 0] = 1.0
    y = domains.thicken(x)
    assert y.shape == x.shape and y.min() == -1 and y.max() == 1
    assert (y > 0).sum() == 9  # one ink pixel becomes a 3 × 3 square


def test_thicken_refuses_colour_images_and_bad_sizes():
    with pytest.raises(ValueError, match=r"grey images \(n, h, w, 1\)"):
        domains.thicken(np.zeros((2, 5, 5, 3)))
    with pytest.raises(ValueError, match="size"):
        domains.thicken(np.zeros((2, 5, 5, 1)), size=0)


def test_thin_thick_is_registered_as_unpaired():
    assert domains.TASKS["thin_thick"].kind == "unpaired"
    assert "thin_thick" in domains.UNPAIRED_TASKS and "thin_thick" not in domains.PAIRED_TASKS


def test_the_two_domains_come_from_disjoint_images_with_balanced_classes():
    d = domains.unpaired_task("thin_thick", "train")
    assert d.a.shape == d.b.shape == (2000, 28, 28, 1) and d.a.dtype == np.float32
    assert np.array_equal(np.bincount(d.labels_a), np.full(10, 200))
    assert np.array_equal(np.bincount(d.labels_b), np.full(10, 200))
    a_src = {img.tobytes() for img in d.a}
    assert not a_src & {img.tobytes() for img in d.a_of_b}  # no digit in both domains
    np.testing.assert_array_equal(d.b, domains.thicken(d.a_of_b))
    np.testing.assert_array_equal(d.b_of_a, domains.thicken(d.a))
    assert (d.b > 0).mean() > 1.5 * (d.a > 0).mean()  # B is bolder


def test_unpaired_task_is_deterministic_and_seeded():
    one = domains.unpaired_task("thin_thick", "test")
    two = domains.unpaired_task("thin_thick", "test")
    np.testing.assert_array_equal(one.a, two.a)
    other = domains.unpaired_task("thin_thick", "test", seed=1)
    assert not np.array_equal(one.labels_a, other.labels_a) or not np.array_equal(one.a, other.a)


def test_unpaired_and_paired_accessors_refuse_each_others_tasks():
    with pytest.raises(ValueError, match="paired task"):
        domains.unpaired_task("edges_to_digit")
    with pytest.raises(ValueError, match="unpaired task"):
        domains.paired_task("thin_thick")
    with pytest.raises(ValueError, match="seed"):
        domains.unpaired_task("thin_thick", seed="0")
