"""Back to the start of a run without building anything again: fresh optimizer state and a
noise generator at its first draw. Used by the playgrounds' Reset buttons (lesson 03) and
by studies that rerun one compiled trainer from several seeds (lesson 07).
"""

from __future__ import annotations

import keras
import numpy as np


def zero_optimizer_state(*optimizers) -> None:
    """Set every variable of each ``keras.optimizers.Optimizer`` (Adam's moments, the
    iteration count) to zero, as a freshly built optimizer has them; the learning rate is
    kept."""
    for opt in optimizers:
        if not isinstance(opt, keras.optimizers.Optimizer):
            raise ValueError(f"Expected Keras optimizers, got {opt!r}.")
        for var in opt.variables:
            if var is not opt.learning_rate:
                var.assign(np.zeros(var.shape, var.dtype))


def restart_seed_generator(generator, seed: int) -> None:
    """Put a ``keras.random.SeedGenerator`` back at Keras's initial state for ``seed``
    (``[seed, 0]``): it draws the same numbers as a new ``SeedGenerator(seed)``."""
    if not isinstance(generator, keras.random.SeedGenerator):
        raise ValueError(f"Expected a keras.random.SeedGenerator, got {generator!r}.")
    generator.state.assign(np.array([int(seed), 0], generator.state.dtype))


__all__ = ["restart_seed_generator", "zero_optimizer_state"]
