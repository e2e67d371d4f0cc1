"""Lesson 09's measures: conditioning accuracy, per-class Fréchet distance, coverage."""

import numpy as np
import pytest

from course_utils import i18n
from course_utils.data import load_mnist
from course_utils.lessons.l09_conditional_gan import evaluate
from course_utils.metrics import load_classifier


def test_conditioning_accuracy_is_the_share_read_as_requested_per_class():
    got = evaluate.conditioning_accuracy([0, 1, 1, 2, 2, 2], [0, 0, 1, 2, 2, 1], 3)
    np.testing.assert_allclose(got, [0.5, 0.5, 1.0])


@pytest.mark.parametrize("predicted, requested, match", [
    ([0, 1], [0, 1, 1], "same length"),
    ([0.0, 1.0], [0, 1], "integer labels"),
    ([0, 1], [0, 3], r"0 … 2"),
    ([0, 1], [0, 0], r"never requested: \[1, 2\]"),
])
def test_conditioning_accuracy_says_what_is_wrong(predicted, requested, match):
    with pytest.raises(ValueError, match=match):
        evaluate.conditioning_accuracy(np.asarray(predicted), np.asarray(requested), 3)


def test_fixed_request_does_not_depend_on_the_global_seed():
    np.random.seed(1)
    a = evaluate.fixed_request(3, latent_dim=4)
    np.random.seed(2)
    b = evaluate.fixed_request(3, latent_dim=4)
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_array_equal(a[0], np.repeat(np.arange(10), 3))
    assert a[1].dtype == np.float32 and a[1].shape == (30, 4)


def test_fixed_captions_cover_every_caption_equally():
    captions, digits, thick, slanted = evaluate.fixed_captions(per_caption=2)
    assert len(set(captions)) == 40 and len(captions) == 80
    assert captions[0] == "a thin, upright zero"
    assert thick.sum() == 40 and slanted.sum() == 40
    np.testing.assert_array_equal(np.bincount(digits), np.full(10, 8))


def test_coverage_counts_classes_at_or_above_half():
    assert evaluate.coverage([0.5, 0.49, 1.0, 0.0]) == 2


def test_format_table_shows_percent_and_the_mean():
    i18n.set_language("en")
    table = evaluate.format_table({"run": np.linspace(0, 0.9, 10)})
    assert table.splitlines()[0].startswith("digit") and table.rstrip().endswith("45%")
    assert table.splitlines()[1].startswith("run")
    i18n.set_language("both")


def test_format_table_aligns_chinese_row_names_and_checks_rows():
    table = evaluate.format_table({"粗细": np.ones(10), "thickness": np.zeros(10)},
                                  percent=False, header="x")
    first, second = table.splitlines()[1:]
    columns = evaluate._display_width  # CJK characters take two columns
    assert columns(first[:first.index("1.00")]) == columns(second[:second.index("0.00")])
    with pytest.raises(ValueError, match="10 values"):
        evaluate.format_table({"run": [0.5]})


@pytest.fixture(scope="module")
def classifier():
    return load_classifier("mnist")


def test_real_images_as_generated_are_as_close_as_the_real_baseline(classifier):
    x, y = load_mnist(split="all")
    fake_x, fake_y = load_mnist(split="test")  # real images standing in for generated ones
    res = evaluate.per_class_frechet(classifier, fake_x, fake_y, x, y, seed=0)
    assert res["n_per_class"] == 100 and len(res["generated"]) == 10
    # test images are part of `x`, so they sit at least as close as another real half
    assert res["generated_all"] < 3 * res["baseline_all"]
    noise = np.random.default_rng(0).uniform(-1, 1, fake_x.shape).astype(np.float32)
    bad = evaluate.per_class_frechet(classifier, noise, fake_y, x, y, seed=0)
    assert bad["generated_all"] > 10 * res["baseline_all"]


def test_per_class_frechet_equals_the_distances_of_each_split_measured_apart(classifier):
    from course_utils.metrics.features import disjoint_sets

    x, y = load_mnist(split="test")
    gen_x, gen_y = x[::-1], y[::-1]  # stand-ins for generated images, in another order
    res = evaluate.per_class_frechet(classifier, gen_x, gen_y, x, y, seed=3)
    rng, half = np.random.default_rng(3), res["n_per_class"]
    for k in range(10):  # the same halves, each set through the classifier on its own
        a, b = disjoint_sets(x[y == k], half, seed=rng)
        g = gen_x[gen_y == k][:half]
        assert res["generated"][k] == pytest.approx(classifier.frechet_distance(g, a), rel=1e-4)
        assert res["baseline"][k] == pytest.approx(classifier.frechet_distance(b, a), rel=1e-4)


def test_per_class_frechet_needs_labels_for_every_image(classifier):
    x, y = load_mnist(split="test")
    with pytest.raises(ValueError, match="one label per image"):
        evaluate.per_class_frechet(classifier, x, y[:-1], x, y)
