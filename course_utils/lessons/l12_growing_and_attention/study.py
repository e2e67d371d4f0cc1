"""What lesson 12 reads off the stored curves: time to a Fréchet threshold, final distances,
γ. Pure NumPy on the arrays of :mod:`.pretrained` (or of a live :class:`.recipe.Run`).
Defined in lesson 12.
"""

from __future__ import annotations

import numpy as np

ROUND, CPU, WALL, FRECHET = range(4)  # columns of a curve


def _curve(curve) -> np.ndarray:
    curve = np.asarray(curve, np.float64)
    if curve.ndim != 2 or curve.shape[1] != 4 or len(curve) == 0:
        raise ValueError("A curve is an array (k, 4) of rows (round, CPU s, wall s, Fréchet) "
                         f"with k ≥ 1, got shape {curve.shape}.")
    if not np.all(np.isfinite(curve)):
        raise ValueError("The curve holds NaN or inf: the run diverged.")
    return curve


def time_to_threshold(curve, threshold: float) -> tuple[float, float] | None:
    """``(round, CPU seconds)`` of the first measurement whose Fréchet distance is ≤
    ``threshold``; ``None`` if the run never got there."""
    curve = _curve(curve)
    hit = np.nonzero(curve[:, FRECHET] <= threshold)[0]
    if len(hit) == 0:
        return None
    row = curve[hit[0]]
    return float(row[ROUND]), float(row[CPU])


def final_frechet(curve, last: int = 3) -> float:
    """Median Fréchet distance of the last ``last`` measurements (one measurement is noisy)."""
    curve = _curve(curve)
    return float(np.median(curve[-last:, FRECHET]))


def best_frechet(curve) -> float:
    """The lowest Fréchet distance the run reached."""
    return float(_curve(curve)[:, FRECHET].min())


def ratio_to_threshold(progressive_curves, direct_curves, threshold: float) -> dict:
    """Per seed, CPU seconds to ``threshold`` for both methods and their ratio
    direct / progressive (> 1: growing got there sooner); ``None`` where a run never did.
    Returns ``{"progressive": [...], "direct": [...], "ratio": [...], "median_ratio": x}``
    (``median_ratio`` over the seeds where both arrived; ``None`` if none)."""
    if len(progressive_curves) != len(direct_curves) or not progressive_curves:
        raise ValueError("Pass one progressive and one direct curve per seed.")
    prog = [time_to_threshold(c, threshold) for c in progressive_curves]
    direct = [time_to_threshold(c, threshold) for c in direct_curves]
    ratio = [None if p is None or d is None else d[1] / max(p[1], 1e-9)
             for p, d in zip(prog, direct, strict=True)]
    both = [r for r in ratio if r is not None]
    return {"progressive": prog, "direct": direct, "ratio": ratio,
            "median_ratio": float(np.median(both)) if both else None}


def gamma_summary(gamma) -> dict:
    """From a γ trace ``(k, 3)`` (round, γ_G, γ_D): the final values and the largest |γ|
    each player reached."""
    gamma = np.asarray(gamma, np.float64)
    if gamma.ndim != 2 or gamma.shape[1] != 3 or len(gamma) == 0:
        raise ValueError(f"A γ trace is an array (k, 3) with k ≥ 1, got shape {gamma.shape}.")
    return {"final_g": float(gamma[-1, 1]), "final_d": float(gamma[-1, 2]),
            "max_abs_g": float(np.abs(gamma[:, 1]).max()),
            "max_abs_d": float(np.abs(gamma[:, 2]).max())}


__all__ = ["best_frechet", "final_frechet", "gamma_summary", "ratio_to_threshold",
           "time_to_threshold"]
