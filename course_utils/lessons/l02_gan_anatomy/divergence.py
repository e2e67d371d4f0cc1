"""The optimal discriminator, the value of the game and the Jensen–Shannon divergence, on a
1-D grid (lesson 02, sections 3 and 5).

Densities are NumPy arrays tabulated on an evenly spaced grid with spacing ``dx``; an
integral is the Riemann sum ``sum(f) * dx``. On a grid wide enough that each density
integrates to 1, Goodfellow et al. (2014), Theorem 1, reads

    C(G) = max_D V(D, G) = V(D*, G) = -log 4 + 2 JSD(p_data || p_g),

and lesson 02 checks it with :func:`value_function` (V at ``D*``) against
:func:`js_divergence` (computed from its definition, independently). Natural logarithms
throughout (nats): ``0 <= JSD <= log 2`` and ``-log 4 <= C(G) <= 0``.

Defined in lesson 02.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "LOG4",
    "density_on_grid",
    "js_divergence",
    "optimal_discriminator",
    "value_function",
]

LOG4 = math.log(4.0)
"""``log 4 ≈ 1.3863``: ``-log 4`` is the value of the game when ``p_g = p_data``."""


def _densities(*named) -> list[np.ndarray]:
    """Check ``(name, array)`` pairs: 1-D, same length, finite, ``>= 0``; return float64 arrays."""
    arrays = []
    for name, value in named:
        a = np.asarray(value, dtype=np.float64)
        if a.ndim != 1 or a.size == 0:
            raise ValueError(f"{name} must be a non-empty 1-D array of values on the grid, "
                             f"got shape {a.shape}.")
        if not np.all(np.isfinite(a)):
            raise ValueError(f"{name} contains NaN or inf: tabulate a finite density.")
        if np.any(a < 0):
            raise ValueError(f"{name} has negative values (min {a.min():.3g}): a density is >= 0.")
        arrays.append(a)
    sizes = {a.size for a in arrays}
    if len(sizes) > 1:
        raise ValueError("the arrays must be tabulated on the same grid; got lengths "
                         + ", ".join(f"{n}={a.size}" for (n, _), a in zip(named, arrays,
                                                                           strict=True)) + ".")
    return arrays


def _spacing(dx) -> float:
    if not (isinstance(dx, int | float | np.floating) and math.isfinite(dx) and dx > 0):
        raise ValueError(f"dx must be the grid spacing, a finite number > 0, got {dx!r}.")
    return float(dx)


_TINY = 1e-300  # log is floored at log(1e-300) ≈ -690.8


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``x * log(y)`` with ``0 * log(anything) = 0`` (no mass, no contribution).

    ``log(y)`` is floored at ``log(1e-300)``: where a density is far below double precision's
    resolution (``p_data / (p_data + 1e-310)`` rounds to 1), the product is then ~0 instead of
    ``1e-310 * -inf = -inf``; a real ``y = 0`` under real mass still gives a huge penalty.
    """
    out = np.zeros_like(x)
    mass = x > 0
    out[mass] = x[mass] * np.log(np.maximum(y[mass], _TINY))
    return out


def optimal_discriminator(p_data, p_g) -> np.ndarray:
    """``D*(x) = p_data(x) / (p_data(x) + p_g(x))`` at every grid point (Proposition 1).

    Args:
        p_data, p_g: densities ``(n,)`` on the same grid, ``>= 0``.

    Returns:
        ``(n,)`` float64 in ``[0, 1]``; ``1/2`` where both densities are 0 (no sample ever
        lands there, so any value is optimal).
    """
    p_data, p_g = _densities(("p_data", p_data), ("p_g", p_g))
    total = p_data + p_g
    return np.divide(p_data, total, out=np.full_like(total, 0.5), where=total > 0)


def value_function(d, p_data, p_g, dx) -> float:
    """``V(D, G) = ∫ p_data log D + p_g log(1 - D) dx`` on the grid (the negative expected loss
    of D). Its maximum over D is at :func:`optimal_discriminator`.

    Args:
        d: D's outputs ``(n,)`` in ``[0, 1]`` (probabilities, not logits).
        p_data, p_g: densities ``(n,)`` on the same grid.
        dx: grid spacing ``> 0``.

    Returns:
        A float ``<= 0``; hugely negative if D says exactly 0 where real data has mass (or 1
        where G has): ``log 0`` counts as ``log(1e-300) ≈ -690.8``.
    """
    d, p_data, p_g = _densities(("d", d), ("p_data", p_data), ("p_g", p_g))
    if np.any(d > 1):
        raise ValueError(f"d must be D's probabilities in [0, 1], got max {d.max():.3g}; "
                         "pass sigmoid(logits), not the logits.")
    return float(np.sum(_xlogy(p_data, d) + _xlogy(p_g, 1.0 - d)) * _spacing(dx))


def js_divergence(p, q, dx) -> float:
    """``JSD(p || q) = ½ KL(p || M) + ½ KL(q || M)`` with ``M = (p + q) / 2``, in nats.

    Computed from this definition alone (no discriminator involved). For densities that
    integrate to 1 it lies in ``[0, log 2]``: 0 iff ``p = q``, ``log 2`` for disjoint supports.

    Args:
        p, q: densities ``(n,)`` on the same grid.
        dx: grid spacing ``> 0``.
    """
    p, q = _densities(("p", p), ("q", q))
    m = 0.5 * (p + q)
    kl_pm = np.sum(_xlogy(p, p) - _xlogy(p, m))
    kl_qm = np.sum(_xlogy(q, q) - _xlogy(q, m))
    return float(0.5 * (kl_pm + kl_qm) * _spacing(dx))


def density_on_grid(samples, grid, bandwidth) -> np.ndarray:
    """A Gaussian kernel density estimate of 1-D ``samples`` at the points of ``grid``.

    ``p̂(x) = mean_i N(x; s_i, bandwidth²)``, computed the fast way: each sample is shared
    between its two neighbouring grid points (linear binning), and the counts are convolved
    with the Gaussian kernel; the result integrates to 1 on the grid (``sum(p̂) * dx = 1``).

    Args:
        samples: ``(m,)`` or ``(m, 1)`` finite floats, ``m >= 2``.
        grid: evenly spaced points ``(n,)``, increasing, spacing ``dx``.
        bandwidth: the kernel's standard deviation, at least ``2 * dx``, in the units of x;
            well below the width of the features to resolve.

    Raises:
        ValueError: on bad input, or when more than 1 % of the samples lie off the grid.

    Returns:
        ``(n,)`` float64 ``>= 0`` that integrates to 1 on the grid.
    """
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim == 2 and x.shape[1] == 1:
        x = x[:, 0]
    if x.ndim != 1 or x.size < 2:
        raise ValueError(f"samples must be 1-D, shape (m,) or (m, 1) with m >= 2; got {x.shape}.")
    if not np.all(np.isfinite(x)):
        raise ValueError("samples contain NaN or inf: did training diverge?")
    grid = np.asarray(grid, dtype=np.float64)
    steps = np.diff(grid) if grid.ndim == 1 else np.array([])
    if grid.ndim != 1 or grid.size < 3 or steps[0] <= 0 or not np.allclose(steps, steps[0]):
        raise ValueError("grid must be an evenly spaced, increasing 1-D array of >= 3 points.")
    dx = float(steps[0])
    if not (isinstance(bandwidth, int | float | np.floating) and math.isfinite(bandwidth)
            and bandwidth >= 2 * dx):
        raise ValueError(f"bandwidth must be a number >= 2 grid spacings ({2 * dx:.3g}), "
                         f"got {bandwidth!r}.")
    position = (x - grid[0]) / dx  # in grid steps
    on_grid = (position >= 0) & (position <= grid.size - 1)
    if on_grid.mean() < 0.99:
        raise ValueError(f"only {on_grid.mean():.1%} of the samples lie on the grid "
                         f"[{grid[0]:g}, {grid[-1]:g}]: widen the grid.")
    position = position[on_grid]
    left = np.minimum(np.floor(position).astype(int), grid.size - 2)
    frac = position - left
    counts = np.bincount(left, weights=1.0 - frac, minlength=grid.size)
    counts += np.bincount(left + 1, weights=frac, minlength=grid.size)
    half = int(math.ceil(6.0 * bandwidth / dx))
    offsets = np.arange(-half, half + 1) * dx
    kernel = np.exp(-0.5 * (offsets / bandwidth) ** 2)
    density = np.convolve(counts, kernel / kernel.sum(), mode="same")[:grid.size]
    density = np.maximum(density, 0.0)
    return density / (density.sum() * dx)
