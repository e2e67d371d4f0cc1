"""course_utils.latent: BigGAN's truncated normal."""

import numpy as np
import pytest

from course_utils.latent import truncated_normal


def test_truncated_normal_stays_inside_psi_keeps_shape_and_is_seeded():
    z = truncated_normal(2000, 8, 0.5, seed=3)
    assert z.shape == (2000, 8) and z.dtype == np.float32
    assert np.abs(z).max() <= 0.5
    assert np.array_equal(z, truncated_normal(2000, 8, 0.5, seed=3))
    assert not np.array_equal(z, truncated_normal(2000, 8, 0.5, seed=4))
    # within [-ψ, ψ] the draws follow the normal's shape: more mass near 0 than near ±ψ
    assert (np.abs(z) < 0.1).mean() > (np.abs(z) > 0.4).mean()
    wide = truncated_normal(2000, 8, 10.0, seed=3)
    assert 0.95 < wide.std() < 1.05  # ψ far out: the plain normal


@pytest.mark.parametrize("psi", [0, -1.0, "1", True])
def test_truncated_normal_refuses_a_bad_psi(psi):
    with pytest.raises(ValueError, match="psi must be a number > 0"):
        truncated_normal(4, 2, psi)
