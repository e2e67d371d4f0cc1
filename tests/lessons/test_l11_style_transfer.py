"""Lesson 11's tiny neural style transfer: Gram matrices, the loss, the optimisation, errors."""

import numpy as np
import pytest

from course_utils.lessons.l11_unpaired_translation import measures, pretrained
from course_utils.lessons.l11_unpaired_translation import style_transfer as st
from course_utils.metrics import load_classifier


@pytest.fixture(scope="module")
def classifier():
    return load_classifier("mnist")


@pytest.fixture(scope="module")
def extractor(classifier):
    return st.feature_extractor(classifier.model)


@pytest.fixture(scope="module")
def test_data():
    return pretrained.task_data("test")


def test_gram_is_the_mean_outer_product_over_positions():
    f = np.array([[[[1.0, 2.0], [3.0, 0.0]]]], np.float32)  # (1, 1, 2, 2): two positions
    expected = (np.outer([1, 2], [1, 2]) + np.outer([3, 0], [3, 0])) / 2
    np.testing.assert_allclose(np.asarray(st.gram(f))[0], expected, rtol=1e-6)
    with pytest.raises(ValueError, match=r"\(n, h, w, c\)"):
        st.gram(np.zeros((2, 3, 4)))


def test_the_extractor_reads_the_named_layers_and_refuses_unknown_ones(classifier, test_data):
    out = st.feature_extractor(classifier.model)(test_data.a[:2])
    assert tuple(out["conv1"].shape) == (2, 28, 28, 16)
    assert tuple(out["conv3"].shape) == (2, 7, 7, 64)
    with pytest.raises(ValueError, match="no layer conv9"):
        st.feature_extractor(classifier.model, ("conv1", "conv9"))


def test_the_loss_is_zero_for_the_content_image_with_its_own_style(extractor, test_data):
    x = test_data.a[:1]
    f = extractor(x)
    grams = {k: st.gram(f[k]) for k in st.STYLE_LAYERS}
    loss = np.asarray(st.transfer_loss(f, f[st.CONTENT_LAYER], grams, 1.0, 100.0))
    assert loss.shape == (1,) and loss[0] == pytest.approx(0.0, abs=1e-6)
    other = extractor(test_data.b[:1])
    grams_b = {k: st.gram(other[k]) for k in st.STYLE_LAYERS}
    assert float(st.transfer_loss(f, f[st.CONTENT_LAYER], grams_b, 1.0, 100.0)[0]) > 0


def test_transfer_lowers_the_loss_and_keeps_images_in_range(extractor, test_data):
    content, style = test_data.a[:3], test_data.b[:1]
    run = st.transfer(extractor, content, style, steps=30, style_weight=[0.0, 100.0, 1000.0])
    assert run.images.shape == content.shape and run.losses.shape == (30,)
    assert run.images.min() >= -1 and run.images.max() <= 1
    assert run.losses[-1] < run.losses[0] and run.cpu_s > 0
    # without a style term the output stays the content image (up to the clip at ±0.999)
    assert measures.l1(run.images[:1], content[:1]) < 0.01
    assert measures.l1(run.images[2:], content[2:]) > measures.l1(run.images[:1], content[:1])


def test_transfer_refuses_bad_input_with_a_clear_message(extractor, test_data):
    content, style = test_data.a[:2], test_data.b[:1]
    with pytest.raises(ValueError, match="ONE image"):
        st.transfer(extractor, content, test_data.b[:2], steps=1)
    with pytest.raises(ValueError, match="steps must be an int"):
        st.transfer(extractor, content, style, steps=0)
    with pytest.raises(ValueError, match="style_weight must be"):
        st.transfer(extractor, content, style, steps=1, style_weight=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"in \[-1, 1\]"):
        st.transfer(extractor, content * 3, style, steps=1)
    with pytest.raises(ValueError, match="grey images"):
        st.transfer(extractor, content[..., 0], style, steps=1)


def test_measure_gives_section_5s_measures(classifier, test_data):
    t = test_data
    threshold = measures.domain_threshold(t.a, t.b)
    truth = st.measure(classifier, t.b_of_a[:100], t.labels_a[:100], t.b_of_a[:100], t.b,
                       threshold)
    copy = st.measure(classifier, t.a[:100], t.labels_a[:100], t.b_of_a[:100], t.b, threshold)
    assert truth["truth"] == 0.0 and truth["bold"] > 0.9 and copy["bold"] < 0.15
    assert copy["label"] > 0.9 and 0.5 < copy["diversity"] < 1.5
    with pytest.raises(ValueError, match="must match"):
        st.measure(classifier, t.a[:10], t.labels_a[:9], t.b_of_a[:10], t.b, threshold)
