"""Lesson 00's ring measurements: distinct centres, and samples per centre by angle.

Exercise 2 of lesson 00 compares two rings of centres, the right one (angles ``2πk/n``)
and the ``np.linspace(0, 2π, n)`` slip, whose last centre repeats the first. Bars that
stand side by side in its figure must mean the same centre, so the shares are laid out
on the angles of the centres, not on the index of a centre within its own ring.

Defined in lesson 00.
"""

from __future__ import annotations

import numpy as np

__all__ = ["ANGLE_DECIMALS", "distinct_centres", "shares_by_angle"]

ANGLE_DECIMALS = 3  # two centres whose angles agree to 0.001° are the same centre


def _points(points, name: str = "points") -> np.ndarray:
    arr = np.asarray(points, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2 or len(arr) == 0:
        raise ValueError(f"{name} must be a non-empty (n, 2) array of (x, y) rows, "
                         f"got shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or inf; expected finite (x, y) rows.")
    return arr


def _unique_rows(points, decimals: int):
    """Rounded unique rows (``-0.0`` turned into ``0.0``) and each row's index among them."""
    rounded = np.round(_points(points), decimals) + 0.0
    unique, index = np.unique(rounded, axis=0, return_inverse=True)
    return unique, index.ravel()


def distinct_centres(points, decimals: int = 5) -> int:
    """How many different points there are among the rows of ``points`` ``(n, 2)``.

    Rows that agree to ``decimals`` decimal places count once (the linspace ring's first
    and last centres differ by round-off only).
    """
    return len(_unique_rows(points, decimals)[0])


def shares_by_angle(rings: dict, picks, decimals: int = 5):
    """Share of samples at each centre, for several rings, aligned on the centres' angles.

    Args:
        rings: ``{name: centres}``, each ``(n, 2)`` with the same ``n``: row ``k`` is the
            centre that a sample with pick ``k`` is drawn around.
        picks: ``(m,)`` integers in ``[0, n)``: which row each of ``m`` samples uses.
        decimals: rows that agree to this many decimals are the same centre.

    Returns:
        ``(angles, shares)``: ``angles`` ``(a,)`` float64, the sorted angles in degrees,
        ``[0, 360)``, of every distinct centre of any ring; ``shares[name]`` ``(a,)`` the
        share of the ``m`` samples at that angle's centre of ring ``name``, NaN where that
        ring has no centre. Each ring's non-NaN shares sum to 1, so entry ``i`` of two rings
        refers to the same point of the circle.
    """
    if not isinstance(rings, dict) or not rings:
        raise ValueError("rings must be a non-empty dict {name: (n, 2) centres}.")
    picks = np.asarray(picks)
    if picks.ndim != 1 or len(picks) == 0 or not np.issubdtype(picks.dtype, np.integer):
        raise ValueError(f"picks must be a non-empty 1-D integer array, got {picks.dtype} "
                         f"with shape {picks.shape}.")
    per_ring = {}
    for name, centres in rings.items():
        unique, index = _unique_rows(centres, decimals)
        n = len(index)
        if picks.min() < 0 or picks.max() >= n:
            raise ValueError(f"picks must lie in [0, {n}) for ring {name!r} of {n} centres, "
                             f"got values from {picks.min()} to {picks.max()}.")
        counts = np.bincount(index[picks], minlength=len(unique))
        angles = np.round(np.degrees(np.arctan2(unique[:, 1], unique[:, 0])) % 360.0,
                          ANGLE_DECIMALS) % 360.0
        per_ring[name] = dict(zip(angles.tolist(), (counts / len(picks)).tolist(), strict=True))
    all_angles = np.array(sorted(set().union(*per_ring.values())))
    shares = {name: np.array([found.get(a, np.nan) for a in all_angles.tolist()])
              for name, found in per_ring.items()}
    return all_angles, shares
