"""Lesson 03, "convergence is fleeting": the noise floor of the energy distance and what one
training run's measurements say about reaching the data and leaving it again.

:func:`noise_floor` is the yardstick: the energy distance between two independent real sets
of the evaluation set's size, averaged over several pairs (one pair alone varies by a factor
of ten). :func:`summarize_run` turns a run's distance and mode curves into the
few numbers the lesson's verdict rests on. Defined in lesson 03.
"""

from __future__ import annotations

import numpy as np

from course_utils import metrics


def noise_floor(sample_real, n, draws=20, seed=10_000):
    """The energy distance between two independent real sets of ``n`` samples, averaged.

    What a perfect generator scores, on average, against ``n`` real samples: the yardstick of
    a measured distance. One pair alone varies about tenfold, hence the average over
    ``draws`` pairs; the pairs come from fixed seeds (``seed``, ``seed + 1``, …), so the floor
    is the same whatever the lesson's ``SEED``.

    Args:
        sample_real: ``(n, seed) -> (n, d)`` array of real samples.
        n: the size of the sets compared (that of the evaluation set), ≥ 2.
        draws: how many independent pairs to average over (≥ 2).

    Returns:
        A positive float.
    """
    if not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be an int ≥ 2 (the evaluation set's size), got {n!r}.")
    if not isinstance(draws, int) or draws < 2:
        raise ValueError(f"draws must be an int ≥ 2 (one pair alone is too noisy), got "
                         f"{draws!r}.")
    values = []
    for i in range(draws):
        a, b = (np.asarray(sample_real(n, seed + 2 * i + j)) for j in (0, 1))
        if a.ndim != 2 or len(a) != n or a.shape != b.shape:
            raise ValueError(f"sample_real(n, seed) must return (n, d) arrays with n = {n}, got "
                             f"{a.shape} and {b.shape}.")
        values.append(metrics.energy_distance(a, b))
    return float(np.mean(values))


def summarize_run(steps, distances, modes, floor):
    """The numbers of one run that the verdict uses.

    Args:
        steps: generator steps of the evaluations, increasing.
        distances: energy distance at each evaluation (finite, ≥ 0).
        modes: modes captured at each evaluation (ints).
        floor: the noise floor (> 0), see :func:`noise_floor`.

    Returns:
        ``best_step``, ``best_vs_floor`` (lowest distance / floor), ``modes_at_best``,
        ``peak_after_best`` (highest distance after the best / the best), ``end_vs_best``,
        ``fewest_modes_after_best``, ``modes_at_end``, ``end_vs_floor``.
    """
    steps, distances = np.asarray(steps), np.asarray(distances, float)
    modes = np.asarray(modes)
    if not (steps.ndim == distances.ndim == modes.ndim == 1) or not \
            (len(steps) == len(distances) == len(modes) > 0):
        raise ValueError(f"steps, distances and modes must be 1-D of one length, got "
                         f"{steps.shape}, {distances.shape}, {modes.shape}.")
    if not np.isfinite(distances).all() or (distances < 0).any():
        raise ValueError("distances must be finite and ≥ 0 (a diverged run has no summary).")
    if not (np.isfinite(floor) and floor > 0):
        raise ValueError(f"floor must be a positive number, got {floor!r}.")
    i = int(distances.argmin())
    best = max(float(distances[i]), 1e-12)
    return {"best_step": int(steps[i]), "best_vs_floor": best / floor,
            "modes_at_best": int(modes[i]), "peak_after_best": float(distances[i:].max()) / best,
            "end_vs_best": float(distances[-1]) / best,
            "fewest_modes_after_best": int(modes[i:].min()), "modes_at_end": int(modes[-1]),
            "end_vs_floor": float(distances[-1]) / floor}

