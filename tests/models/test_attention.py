"""The self-attention block and the SAGAN-style players."""

import keras
import numpy as np
import pytest

from course_utils.models.attention import (
    SelfAttention,
    attention_layer,
    attention_maps,
    sagan_discriminator,
    sagan_generator,
)

X = np.random.default_rng(0).normal(size=(2, 4, 5, 16)).astype("float32")


def test_output_has_the_input_shape_and_gamma_starts_at_zero_so_it_is_the_identity():
    layer = SelfAttention(seed=0)
    y = np.asarray(layer(X))
    assert y.shape == X.shape
    assert float(layer.gamma.numpy()) == 0.0
    np.testing.assert_allclose(y, X, atol=1e-6)


def test_attention_rows_are_distributions_over_positions():
    layer = SelfAttention(seed=0)
    _, beta = layer(X, return_attention=True)
    beta = np.asarray(beta)
    assert beta.shape == (2, 20, 20)  # (batch, h·w queries, h·w keys)
    assert np.all(beta >= 0)
    np.testing.assert_allclose(beta.sum(axis=-1), 1.0, rtol=1e-5)


def test_nonzero_gamma_adds_gamma_times_the_attended_values():
    layer = SelfAttention(spectral_norm=False, seed=0)
    layer(X)
    layer.gamma.assign(0.5)
    y, beta = layer(X, return_attention=True)
    v = np.asarray(layer.value(X)).reshape(2, 20, 16)
    expected = X + 0.5 * (np.asarray(beta) @ v).reshape(X.shape)
    np.testing.assert_allclose(np.asarray(y), expected, rtol=1e-4, atol=1e-5)


def test_query_and_key_have_an_eighth_of_the_channels():
    layer = SelfAttention(spectral_norm=False, seed=0)
    layer(X)
    assert layer.query.kernel.shape == (1, 1, 16, 2)
    assert layer.value.kernel.shape == (1, 1, 16, 16)


def test_bad_input_gives_a_clear_error():
    with pytest.raises(ValueError, match="feature maps"):
        SelfAttention()(np.zeros((2, 8), "float32"))
    with pytest.raises(ValueError, match="reduction must be a positive int"):
        SelfAttention(reduction=0)


@pytest.mark.parametrize("attention", [True, False])
def test_sagan_players_shapes_and_spectral_norm_everywhere(attention):
    g = sagan_generator(8, attention=attention, seed=0)
    d = sagan_discriminator(attention=attention, seed=1)
    x = np.asarray(g(np.zeros((3, 8), "float32")))
    assert x.shape == (3, 28, 28, 1) and np.all(np.abs(x) <= 1)
    assert tuple(d(x).shape) == (3, 1)
    for model in (g, d):
        weighted = [layer for layer in model.layers
                    if isinstance(layer, keras.layers.Dense | keras.layers.Conv2D
                               | keras.layers.Conv2DTranspose)]
        assert not weighted  # every dense / conv layer sits inside SpectralNormalization
        assert any(isinstance(layer, SelfAttention) for layer in model.layers) == attention


def test_spectral_norm_normalises_when_trained():
    d = sagan_discriminator(attention=False, seed=1)
    sn = [layer for layer in d.layers if isinstance(layer, keras.layers.SpectralNormalization)]
    x = np.zeros((2, 28, 28, 1), "float32")
    for _ in range(30):  # power iterations run on training calls
        d(x, training=True)
    for layer in sn:
        kernel = np.asarray(layer.layer.kernel)
        sigma = np.linalg.svd(kernel.reshape(-1, kernel.shape[-1]), compute_uv=False)[0]
        assert sigma == pytest.approx(1.0, abs=0.05)


def test_attention_maps_of_a_generator_and_a_clear_error_without_attention():
    g = sagan_generator(8, attention=True, seed=0)
    images, beta, (h, w) = attention_maps(g, np.zeros((2, 8), "float32"))
    assert images.shape == (2, 28, 28, 1) and beta.shape == (2, h * w, h * w) and h == 14
    with pytest.raises(ValueError, match="has no SelfAttention layer"):
        attention_layer(sagan_generator(8, attention=False, seed=0))


def _start_vectors(model):
    inner = [p for layer in model.layers if isinstance(layer, SelfAttention)
             for p in layer.projections]
    return [np.asarray(layer.vector_u) for layer in [*model.layers, *inner]
            if isinstance(layer, keras.layers.SpectralNormalization)]


def test_every_power_iteration_starts_from_a_seeded_vector():
    for build in (lambda s: sagan_generator(8, seed=s), lambda s: sagan_discriminator(seed=s)):
        a, b, other = _start_vectors(build(4)), _start_vectors(build(4)), _start_vectors(build(5))
        assert len(a) == 6  # three player layers and the query, key and value projections
        assert all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))
        assert not any(np.array_equal(u, v) for u, v in zip(a, other, strict=True))


def test_projections_are_the_three_1x1_convolutions_once_built():
    layer = SelfAttention(seed=0)
    assert layer.projections == ()
    layer(X)
    assert [p.name for p in layer.projections] == ["sn_query", "sn_key", "sn_value"]
