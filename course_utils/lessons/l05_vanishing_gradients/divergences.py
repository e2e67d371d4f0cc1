"""The JS divergence and the Wasserstein-1 distance of two 1-D distributions, on a grid.

Defined in lesson 05. Two distributions with disjoint supports have a JS divergence of
exactly ``log 2`` however far apart they are (Arjovsky & Bottou 2017, arXiv 1701.04862,
§2; the WGAN paper's Example 1, arXiv 1701.07875), while their Wasserstein-1 distance
grows with the distance. :func:`shifted_uniforms` measures both for two uniform
distributions of the same width, one shifted by ``d``; :func:`closed_form` gives the
exact values to compare with: ``JSD = log 2 · min(d / width, 1)`` and ``W1 = d``.

Distributions are given as probability masses ``(m,)`` on the cells of a uniform grid of
spacing ``dx`` (non-negative, summing to 1), so a uniform distribution whose edges lie on
the grid is represented exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

LOG2 = math.log(2.0)


def _masses(name, p) -> np.ndarray:
    p = np.asarray(p, dtype=np.float64)
    if p.ndim != 1 or p.size < 2:
        raise ValueError(f"{name} must be a 1-D array of probability masses (at least 2 "
                         f"cells), got shape {p.shape}.")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError(f"{name} must hold finite masses >= 0.")
    if not math.isclose(float(p.sum()), 1.0, abs_tol=1e-6):
        raise ValueError(f"{name} must sum to 1 (a probability distribution), got "
                         f"{float(p.sum()):.6g}: normalise it first.")
    return p


def _pair(p, q):
    p, q = _masses("p", p), _masses("q", q)
    if p.shape != q.shape:
        raise ValueError(f"p and q must lie on the same grid, got shapes {p.shape} and "
                         f"{q.shape}.")
    return p, q


def js_divergence(p, q) -> float:
    """Jensen–Shannon divergence (natural log) of two mass vectors on the same grid.

    ``JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m)`` with ``m = (p + q) / 2`` and ``0 log 0 = 0``;
    in ``[0, log 2]``, ``log 2`` exactly when no cell holds mass of both.
    """
    p, q = _pair(p, q)
    m = 0.5 * (p + q)

    def kl_to_m(a):
        keep = a > 0
        return float(np.sum(a[keep] * np.log(a[keep] / m[keep])))

    return 0.5 * kl_to_m(p) + 0.5 * kl_to_m(q)


def wasserstein_1(p, q, dx: float) -> float:
    """Wasserstein-1 (earth mover's) distance in 1-D: ``∫ |F_p(x) - F_q(x)| dx``.

    ``F_p``, ``F_q`` are the cumulative distributions on the grid of spacing ``dx`` (> 0).
    """
    p, q = _pair(p, q)
    if not dx > 0:
        raise ValueError(f"dx must be > 0 (the grid spacing), got {dx!r}.")
    return float(np.sum(np.abs(np.cumsum(p) - np.cumsum(q))) * dx)


@dataclass
class Sweep:
    """JSD and W1 between U[0, width] and U[d, d + width] for each ``d`` in ``distances``.

    ``distances``, ``jsd``, ``w1`` ``(k,)`` float64; ``width`` the common width.
    """

    distances: np.ndarray
    jsd: np.ndarray
    w1: np.ndarray
    width: float

    @property
    def disjoint(self) -> np.ndarray:
        """``(k,)`` bool: the supports do not overlap (``d >= width``)."""
        return self.distances >= self.width


def closed_form(distances, width: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Exact ``(JSD, W1)`` between U[0, width] and U[d, d + width], ``d >= 0``.

    While they overlap (``d < width``) a share ``d / width`` of each lies where the other
    is absent, each such piece contributing ``log 2``: ``JSD = log 2 · min(d / width, 1)``.
    A shift by ``d`` moves every bit of mass by ``d``: ``W1 = d``.
    """
    d = np.asarray(distances, dtype=np.float64)
    if not width > 0 or np.any(d < 0):
        raise ValueError(f"Need width > 0 and distances >= 0, got width={width!r}, "
                         f"distances={d.tolist()}.")
    return LOG2 * np.minimum(d / width, 1.0), d.copy()


def shifted_uniforms(distances, width: float = 1.0, dx: float = 1e-3) -> Sweep:
    """Measure JSD and W1 on a grid between U[0, width] and U[d, d + width] for each ``d``.

    ``distances`` and ``width`` must be multiples of ``dx`` (so the edges lie on the grid and
    the masses are exact); the grid covers ``[0, max(d) + width]``.
    """
    d = np.asarray(distances, dtype=np.float64)
    if d.ndim != 1 or d.size == 0:
        raise ValueError(f"distances must be a non-empty 1-D sequence, got shape {d.shape}.")
    closed_form(d, width)  # validates width > 0 and d >= 0
    if not dx > 0:
        raise ValueError(f"dx must be > 0, got {dx!r}.")
    cells = np.rint(np.append(d, width) / dx)
    if not np.allclose(cells * dx, np.append(d, width), rtol=0, atol=1e-9 * max(1, d.max())):
        raise ValueError(f"distances and width must be multiples of dx={dx:g}, got "
                         f"{d.tolist()} and {width}.")
    cells = cells.astype(int)
    n_width, n_total = cells[-1], cells[:-1].max() + cells[-1]
    p = np.zeros(n_total)
    p[:n_width] = 1.0 / n_width
    jsd, w1 = [], []
    for shift in cells[:-1]:
        q = np.zeros(n_total)
        q[shift:shift + n_width] = 1.0 / n_width
        jsd.append(js_divergence(p, q))
        w1.append(wasserstein_1(p, q, dx))
    return Sweep(d, np.asarray(jsd), np.asarray(w1), float(width))
