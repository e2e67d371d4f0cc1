"""Tests of the CycleGAN and CoGAN player builders (course_utils.models.cycle, .coupled)."""

import numpy as np
import pytest

from course_utils.models import receptive_field
from course_utils.models.coupled import coupled_discriminator, coupled_generator, shared_fraction
from course_utils.models.cycle import cycle_discriminator, cycle_generator


def test_cycle_generator_keeps_the_image_shape_and_range():
    g = cycle_generator((28, 28, 1), filters=8, residual_blocks=1, seed=0)
    x = np.random.default_rng(0).uniform(-1, 1, (3, 28, 28, 1)).astype("float32")
    y = g(x).numpy()
    assert y.shape == (3, 28, 28, 1) and np.all(np.abs(y) < 1)
    assert not any(layer.__class__.__name__ == "ReLU" for layer in g.layers)  # LeakyReLU only


def test_cycle_builders_are_reproducible_from_their_seed():
    a, b = cycle_generator(seed=3), cycle_generator(seed=3)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


def test_cycle_discriminator_gives_a_grid_of_patch_scores():
    d = cycle_discriminator((28, 28, 1), seed=0)
    assert d.output_shape == (None, 7, 7, 1)
    assert receptive_field(d) == 18


@pytest.mark.parametrize("builder, kwargs, word", [
    (cycle_generator, {"input_shape": (27, 28, 1)}, "multiple of 2"),
    (cycle_generator, {"residual_blocks": -1}, "residual_blocks"),
    (cycle_generator, {"filters": 0}, "filters"),
    (cycle_discriminator, {"input_shape": (30, 30, 1)}, "multiple of 4"),
    (cycle_discriminator, {"input_shape": (28, 28)}, "height, width, channels"),
])
def test_cycle_builders_refuse_bad_arguments(builder, kwargs, word):
    with pytest.raises(ValueError, match=word):
        builder(**kwargs)


def test_coupled_generator_gives_one_image_per_domain_from_one_z():
    g = coupled_generator(16, (28, 28, 1), filters=8, seed=0)
    xa, xb = g(np.zeros((2, 16), "float32"), training=False)
    assert xa.shape == xb.shape == (2, 28, 28, 1)


def test_sharing_is_a_flag_that_shares_the_trunk_and_the_tail():
    g_s, g_n = coupled_generator(share=True, seed=0), coupled_generator(share=False, seed=0)
    d_s, d_n = coupled_discriminator(share=True, seed=0), coupled_discriminator(share=False, seed=0)
    assert shared_fraction(g_s) > 0.5 and shared_fraction(d_s) > 0.5
    assert shared_fraction(g_n) == shared_fraction(d_n) == 0.0
    assert g_n.count_params() > g_s.count_params() and d_n.count_params() > d_s.count_params()


@pytest.mark.parametrize("builder, kwargs, word", [
    (coupled_generator, {"share": "yes"}, "share"),
    (coupled_generator, {"image_shape": (30, 30, 1)}, "multiples of 4"),
    (coupled_generator, {"latent_dim": 0}, "latent_dim"),
    (coupled_discriminator, {"filters": -2}, "filters"),
])
def test_coupled_builders_refuse_bad_arguments(builder, kwargs, word):
    with pytest.raises(ValueError, match=word):
        builder(**kwargs)
