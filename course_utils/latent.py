"""Latent inputs for generators.

:func:`truncated_normal` is BigGAN's truncation trick (Brock et al. 2018, arXiv 1809.11096):
z drawn from N(0, 1) with every entry outside ``[-ψ, ψ]`` redrawn, which trades diversity
for typical, high-fidelity samples as ψ shrinks. Defined in lesson 13 (the fidelity–
diversity sweep); lesson 14 sweeps it against precision and recall. NumPy only.
"""

from __future__ import annotations

import numpy as np


def truncated_normal(n, dim, psi, seed=0) -> np.ndarray:
    """``(n, dim)`` float32 draws of N(0, 1) with every entry outside ``[-psi, psi]`` redrawn
    (``psi`` > 0; smaller = less diverse, more typical samples)."""
    if isinstance(psi, bool) or not (isinstance(psi, int | float) and psi > 0):
        raise ValueError(f"psi must be a number > 0, got {psi!r}.")
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, dim))
    bad = np.abs(z) > psi
    while bad.any():
        z[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(z) > psi
    return z.astype(np.float32)


__all__ = ["truncated_normal"]
