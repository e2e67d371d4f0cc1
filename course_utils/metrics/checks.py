"""Input checks shared by the metrics: a diverged run has nothing to measure."""

from __future__ import annotations

import numpy as np


def finite_array(name, x) -> np.ndarray:
    """``x`` as a float64 array; NaN or inf raise: a diverged run has no result to measure."""
    x = np.asarray(x.numpy() if hasattr(x, "numpy") else x, dtype=np.float64)
    bad = int(np.size(x) - np.isfinite(x).sum())
    if bad:
        raise ValueError(f"{name} holds {bad} NaN or inf value(s) of {x.size}: the training "
                         "that produced it probably diverged, so there is nothing to measure.")
    return x
