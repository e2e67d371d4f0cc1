"""Latent walks and arithmetic of lesson 08."""

import numpy as np
import pytest

from course_utils.lessons.l08_dcgan import latent


def test_lerp_includes_both_ends_and_is_straight():
    z0, z1 = np.zeros(4), np.arange(4.0)
    path = latent.lerp(z0, z1, 5)
    assert path.shape == (5, 4) and path.dtype == np.float32
    np.testing.assert_allclose(path[0], z0)
    np.testing.assert_allclose(path[-1], z1)
    np.testing.assert_allclose(path[2], z1 / 2)


def test_slerp_keeps_the_norm_where_lerp_shrinks_it():
    rng = np.random.default_rng(0)
    z0, z1 = rng.standard_normal((2, 64))
    mid_lerp, mid_slerp = latent.lerp(z0, z1, 3)[1], latent.slerp(z0, z1, 3)[1]
    ends = sorted([np.linalg.norm(z0), np.linalg.norm(z1)])
    assert np.linalg.norm(mid_lerp) < 0.8 * ends[0]
    assert ends[0] * 0.99 <= np.linalg.norm(mid_slerp) <= ends[1] * 1.01 * 1.05
    np.testing.assert_allclose(latent.slerp(z0, z1, 4)[[0, -1]], [z0, z1], atol=1e-5)


def test_slerp_of_orthogonal_unit_vectors_walks_the_quarter_circle():
    path = latent.slerp([1.0, 0.0], [0.0, 1.0], 3)
    np.testing.assert_allclose(path[1], [np.sqrt(0.5), np.sqrt(0.5)], atol=1e-6)


def test_slerp_of_parallel_vectors_falls_back_to_lerp():
    np.testing.assert_allclose(latent.slerp([1.0, 2.0], [2.0, 4.0], 3),
                               latent.lerp([1.0, 2.0], [2.0, 4.0], 3))


def test_ink_is_zero_on_background_and_one_on_white():
    images = np.stack([-np.ones((28, 28, 1)), np.ones((28, 28, 1)), np.zeros((28, 28, 1))])
    np.testing.assert_allclose(latent.ink(images), [0.0, 1.0, 0.5])


def test_attribute_vector_points_from_low_to_high_scores():
    rng = np.random.default_rng(1)
    z = rng.standard_normal((200, 8))
    scores = z[:, 3] + 0.1 * rng.standard_normal(200)  # the attribute lives on axis 3
    v = latent.attribute_vector(z, scores, share=0.1)
    assert v.shape == (8,) and v.dtype == np.float32
    assert np.argmax(np.abs(v)) == 3 and v[3] > 2.0


@pytest.mark.parametrize("call,word", [
    (lambda: latent.lerp(np.zeros(3), np.zeros(4)), "same size"),
    (lambda: latent.slerp(np.zeros(3), np.zeros(3), steps=1), "steps"),
    (lambda: latent.lerp([np.nan, 0.0], [0.0, 0.0]), "NaN"),
    (lambda: latent.ink(np.zeros(3)), "images"),
    (lambda: latent.attribute_vector(np.zeros((4, 2)), np.zeros(3)), "one score per row"),
    (lambda: latent.attribute_vector(np.zeros((4, 2)), np.zeros(4), share=0.9), "share"),
])
def test_bad_input_gets_a_clear_error(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_within_class_vector_ignores_what_separates_the_classes():
    rng = np.random.default_rng(2)
    z = rng.standard_normal((400, 6))
    labels = (z[:, 0] > 0).astype(int)  # axis 0 decides the class ...
    scores = 3.0 * labels + z[:, 4]  # ... and the class adds ink; within a class, axis 4 does
    plain = latent.attribute_vector(z, scores, share=0.25)
    within = latent.within_class_attribute_vector(z, scores, labels)
    assert plain[0] > 1.0  # the plain vector mixes in the class axis
    assert np.argmax(np.abs(within)) == 4 and abs(within[0]) < 0.2


def test_within_class_vector_needs_labels_and_enough_samples():
    z, scores = np.zeros((10, 2)), np.arange(10.0)
    with pytest.raises(ValueError, match="one class per row"):
        latent.within_class_attribute_vector(z, scores, np.zeros(9))
    with pytest.raises(ValueError, match="min_count"):
        latent.within_class_attribute_vector(z, scores, np.arange(10))
