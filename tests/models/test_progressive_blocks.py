"""Equalized learning rate, pixelwise normalisation and the progressive G and D."""

import math

import numpy as np
import pytest

from course_utils.models.progressive import (
    EqualizedConv2D,
    EqualizedDense,
    PixelNorm,
    ProgressiveDiscriminator,
    check_stage,
    progressive_discriminator,
    progressive_generator,
    to_full_size,
)

TINY = (4, 4, 2)


def test_equalized_dense_stores_unit_normal_weights_and_scales_them_by_he_constant():
    layer = EqualizedDense(3, seed=0)
    x = np.random.default_rng(0).normal(size=(5, 50)).astype("float32")
    y = np.asarray(layer(x))
    w = np.asarray(layer.kernel)
    assert abs(w.std() - 1.0) < 0.15  # stored weights ~ N(0, 1)
    np.testing.assert_allclose(y, x @ (w * math.sqrt(2.0 / 50)), rtol=1e-4, atol=1e-5)


def test_equalized_conv_scales_by_gain_over_sqrt_fan_in():
    layer = EqualizedConv2D(2, 3, gain=1.0, seed=1)
    x = np.zeros((1, 5, 5, 4), "float32")
    x[0, 2, 2, 0] = 1.0  # one impulse: the output around it is the scaled kernel
    y = np.asarray(layer(x))
    w = np.asarray(layer.kernel)
    assert layer.scale == pytest.approx(1.0 / math.sqrt(3 * 3 * 4))
    np.testing.assert_allclose(y[0, 2, 2], w[1, 1, 0] * layer.scale, rtol=1e-5)


def test_equalized_conv_refuses_a_non_image_with_a_clear_error():
    with pytest.raises(ValueError, match="takes images"):
        EqualizedConv2D(2)(np.zeros((3, 4), "float32"))
    with pytest.raises(ValueError, match="filters must be a positive int"):
        EqualizedConv2D(0)


def test_pixel_norm_gives_every_pixel_unit_root_mean_square():
    x = np.random.default_rng(2).normal(0, 5, size=(2, 3, 3, 6)).astype("float32")
    y = np.asarray(PixelNorm()(x))
    np.testing.assert_allclose(np.sqrt((y ** 2).mean(axis=-1)), 1.0, rtol=1e-4)
    np.testing.assert_allclose(y / np.linalg.norm(y, axis=-1, keepdims=True),
                               x / np.linalg.norm(x, axis=-1, keepdims=True), rtol=1e-4)


@pytest.mark.parametrize("stage,size", [(0, 7), (1, 14), (2, 28)])
def test_each_stage_has_its_resolution(stage, size):
    g = progressive_generator(8, TINY, seed=0)
    d = progressive_discriminator(TINY, seed=1)
    images = np.asarray(g(np.zeros((3, 8), "float32"), stage=stage, alpha=0.5))
    assert images.shape == (3, size, size, 1)
    assert np.all(np.abs(images) <= 1.0)
    assert tuple(d(images, stage=stage, alpha=0.5).shape) == (3, 1)


def test_alpha_zero_is_the_previous_stage_upsampled_and_alpha_one_the_new_block():
    g = progressive_generator(8, TINY, seed=0)
    z = np.random.default_rng(3).normal(size=(2, 8)).astype("float32")
    small = np.asarray(g(z, stage=1, alpha=1.0))
    np.testing.assert_allclose(np.asarray(g(z, stage=2, alpha=0.0)), to_full_size(small),
                               atol=1e-6)
    full = np.asarray(g(z, stage=2, alpha=1.0))
    assert not np.allclose(full, to_full_size(small), atol=1e-3)


def test_stage_variables_are_the_layers_that_stage_uses():
    g = progressive_generator(8, TINY, seed=0)
    names = {v.path.split("/")[-2] for v in g.stage_variables(0)}
    assert names == {"project", "conv_7", "to_rgb_7"}
    assert len(g.stage_variables(2)) < len(g.trainable_variables)  # to_rgb_7 not at stage 2
    d = progressive_discriminator(TINY, seed=1)
    assert {v.path.split("/")[-2] for v in d.stage_variables(1)} >= {"from_rgb_14", "from_rgb_7"}


def test_the_same_seed_gives_the_same_networks():
    a, b = progressive_generator(8, TINY, seed=5), progressive_generator(8, TINY, seed=5)
    for x, y in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(x, y)


def test_bad_stage_and_bad_input_give_clear_errors():
    with pytest.raises(ValueError, match="stage must be 0, 1 or 2"):
        check_stage(3)
    d = ProgressiveDiscriminator(TINY, seed=0)
    with pytest.raises(ValueError, match="at stage 1 takes images"):
        d(np.zeros((2, 28, 28, 1), "float32"), stage=1)
    with pytest.raises(ValueError, match="widths needs 3 entries"):
        progressive_generator(8, (4, 4))
