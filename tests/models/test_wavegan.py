"""The tiny WaveGAN players of lesson 14."""

import numpy as np
import pytest

from course_utils.models.wavegan import wavegan_discriminator, wavegan_generator


def test_generator_maps_noise_to_a_waveform_in_range():
    g = wavegan_generator(latent_dim=8, channels=4, length=256, seed=0)
    x = np.asarray(g(np.random.default_rng(0).standard_normal((3, 8)).astype("float32")))
    assert x.shape == (3, 256, 1)
    assert np.all(np.abs(x) <= 1)
    assert [layer.name for layer in g.layers][-3:] == ["up1", "up2", "waveform"]


def test_discriminator_gives_one_logit_per_waveform_and_seeds_fix_weights():
    d = wavegan_discriminator(channels=4, length=1024, seed=1)
    assert d(np.zeros((2, 1024, 1), "float32")).shape == (2, 1)
    again = wavegan_discriminator(channels=4, length=1024, seed=1)
    for a, b in zip(d.get_weights(), again.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_default_generator_matches_the_tones():
    from course_utils.data import tones

    g = wavegan_generator(seed=0)
    assert g.output_shape == (None, tones.LENGTH, 1)


@pytest.mark.parametrize("kwargs, match", [
    ({"length": 1000}, "multiple of 64"),
    ({"latent_dim": 0}, "latent_dim"),
    ({"channels": -2}, "channels"),
])
def test_generator_refuses_bad_sizes(kwargs, match):
    with pytest.raises(ValueError, match=match):
        wavegan_generator(**kwargs)


def test_phase_shuffle_shifts_each_example_by_at_most_its_radius_with_reflection():
    from course_utils.models.wavegan import PhaseShuffle

    x = np.tile(np.arange(10, dtype="float32")[None, :, None], (64, 1, 2))
    layer = PhaseShuffle(2, seed=0)
    y = np.asarray(layer(x, training=True))
    assert y.shape == x.shape
    shifts = set()
    for row in y[..., 0]:
        # a shift s moves sample i to i + s; the edge is the reflection of the signal
        matches = [s for s in range(-2, 3)
                   if np.array_equal(row, np.take(np.pad(np.arange(10.0), 2, mode="reflect"),
                                                  np.arange(10) + 2 - s))]
        assert len(matches) == 1, row
        shifts.add(matches[0])
    assert shifts == {-2, -1, 0, 1, 2}  # every shift occurs among 64 examples
    np.testing.assert_array_equal(y[..., 0], y[..., 1])  # one shift per example, all channels
    np.testing.assert_array_equal(np.asarray(layer(x)), x)  # inference: the identity
    np.testing.assert_array_equal(np.asarray(PhaseShuffle(0)(x, training=True)), x)


def test_phase_shuffle_refuses_bad_radii_and_sits_in_the_discriminator():
    from course_utils.models.wavegan import PhaseShuffle

    for radius in (-1, 1.5, True):
        with pytest.raises(ValueError, match="radius"):
            PhaseShuffle(radius)
    with pytest.raises(ValueError, match="more than radius"):
        PhaseShuffle(3)(np.zeros((1, 3, 1), "float32"), training=True)
    with pytest.raises(ValueError, match="phase_shuffle"):
        wavegan_discriminator(channels=4, length=256, phase_shuffle=-1)
    d = wavegan_discriminator(channels=4, length=256, phase_shuffle=2, seed=0)
    assert [layer.name for layer in d.layers if "phase" in layer.name] == \
        ["phase_shuffle1", "phase_shuffle2"]
    x = np.random.default_rng(0).standard_normal((4, 256, 1)).astype("float32")
    np.testing.assert_allclose(d(x), wavegan_discriminator(channels=4, length=256, seed=0)(x),
                               rtol=1e-5, atol=1e-6)  # same weights; identity at inference
