"""Tests of course_utils.data.domains: the paired image-to-image tasks and the photographs."""

import numpy as np
import pytest

from course_utils.data import domains


def test_every_paired_task_gives_aligned_float_pairs_in_range():
    for name in domains.PAIRED_TASKS:
        data = domains.paired_task(name, "test")
        assert data.source.shape == data.target.shape
        assert data.source.dtype == data.target.dtype == np.float32
        assert data.source.min() >= -1 and data.source.max() <= 1
        assert not np.array_equal(data.source, data.target)


def test_digit_tasks_keep_the_bundled_split_and_labels():
    from course_utils.data import load_mnist

    x, y = load_mnist(split="test")
    data = domains.paired_task("edges_to_digit", "test")
    np.testing.assert_array_equal(data.target, x)
    np.testing.assert_array_equal(data.labels, y)
    assert len(domains.paired_task("masked_to_whole", "train")) == 4000


def test_tasks_are_deterministic():
    a = domains.paired_task("photo_low_to_high", "train", n=40, seed=3)
    b = domains.paired_task("photo_low_to_high", "train", n=40, seed=3)
    np.testing.assert_array_equal(a.source, b.source)
    c = domains.paired_task("photo_low_to_high", "train", n=40, seed=4)
    assert not np.array_equal(a.target, c.target)


def test_outline_lies_just_outside_the_stroke():
    img = -np.ones((1, 7, 7, 1), np.float32)
    img[0, 3, 3] = 1.0  # one ink pixel
    edge = domains.outline(img)[0, ..., 0]
    assert edge[3, 3] == -1  # the stroke itself is empty
    assert sorted(zip(*np.nonzero(edge > 0), strict=True)) == [(2, 3), (3, 2), (3, 4), (4, 3)]


def test_mask_centre_greys_only_the_centre_square():
    x = -np.ones((2, 28, 28, 1), np.float32)
    masked = domains.mask_centre(x, size=12)
    mask = domains.centre_mask((28, 28), 12)
    assert mask.sum() == 144 and (masked[:, mask] == 0).all() and (masked[:, ~mask] == -1).all()
    with pytest.raises(ValueError, match="smaller than the image"):
        domains.mask_centre(x, size=28)


def test_bicubic_matches_tensorflow_away_from_the_border():
    import tensorflow as tf

    x = np.random.default_rng(0).uniform(-1, 1, (2, 9, 10, 1)).astype(np.float32)
    ours = domains.bicubic_upsample(x, 4)
    ref = tf.image.resize(x, (36, 40), method="bicubic").numpy()
    np.testing.assert_allclose(ours[:, 8:-8, 8:-8], ref[:, 8:-8, 8:-8], atol=1e-5)


def test_bicubic_keeps_a_constant_image_and_shrink_averages_blocks():
    x = np.full((1, 4, 4, 1), 0.3, np.float32)
    np.testing.assert_allclose(domains.bicubic_upsample(x, 4), 0.3, atol=1e-6)
    y = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
    np.testing.assert_allclose(domains.shrink(y, 2)[0, ..., 0], [[2.5, 4.5], [10.5, 12.5]])
    with pytest.raises(ValueError, match="multiple of factor"):
        domains.shrink(np.zeros((1, 6, 6, 1)), 4)


def test_low_resolution_input_has_only_low_resolution_detail():
    data = domains.paired_task("low_to_high", "test")
    again = domains.degrade(data.target)
    np.testing.assert_allclose(again, data.source)
    a, b = domains.shrink(data.source, 4).ravel(), domains.shrink(data.target, 4).ravel()
    assert np.corrcoef(a, b)[0, 1] > 0.95  # the coarse picture is kept ...
    detail = np.abs(np.diff(data.source, axis=2)).mean()
    assert detail < 0.6 * np.abs(np.diff(data.target, axis=2)).mean()  # ... the fine detail not


def test_held_out_photographs_are_not_used_for_training():
    assert not set(domains.TRAIN_PHOTOGRAPHS) & set(domains.TEST_PHOTOGRAPHS)
    both = set(domains.TRAIN_PHOTOGRAPHS) | set(domains.TEST_PHOTOGRAPHS)
    assert both == set(domains.PHOTOGRAPHS)
    test = domains.photo_patches("test")
    assert test.shape[1:] == (32, 32, 1) and len(test) > 100
    for name, photo in domains.PHOTOGRAPHS.items():
        assert photo.path().is_file(), name
        assert photo.licence in ("public domain", "CC0", "CC BY 2.0")


def test_load_photograph_is_grey_shrunk_and_a_fresh_copy():
    a = domains.load_photograph("camera")
    assert a.shape == (256, 256) and a.dtype == np.float32 and -1 <= a.min() < a.max() <= 1
    a[:] = 0
    assert domains.load_photograph("camera").std() > 0.1


@pytest.mark.parametrize("kwargs, word", [
    ({"name": "nonsense"}, "task"), ({"name": "edges_to_digit", "split": "val"}, "split"),
    ({"name": "edges_to_digit", "dataset": "cifar"}, "dataset"),
    ({"name": "photo_low_to_high", "split": "all"}, "held out"),
])
def test_bad_arguments_are_named(kwargs, word):
    with pytest.raises(ValueError, match=word):
        domains.paired_task(**kwargs)


def test_images_must_be_grey_batches():
    with pytest.raises(ValueError, match=r"\(n, h, w, 1\)"):
        domains.outline(np.zeros((28, 28)))
    with pytest.raises(ValueError, match="photograph"):
        domains.load_photograph("lena")


def test_the_task_table_holds_paired_and_unpaired_tasks():
    assert {task.kind for task in domains.TASKS.values()} == {"paired", "unpaired"}
    assert set(domains.PAIRED_TASKS) == {"edges_to_digit", "masked_to_whole", "low_to_high",
                                         "photo_low_to_high"}
    with pytest.raises(ValueError, match="unpaired"):
        domains.paired_task("thin_thick")
