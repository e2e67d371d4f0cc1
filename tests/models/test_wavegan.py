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
