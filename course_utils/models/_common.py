"""Shared argument checks and seeded initialisers of the model builders."""

from __future__ import annotations

from collections.abc import Sequence

import keras


def check_positive_int(name: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} must be a positive int, got {value!r}.")
    return value


def check_shape(name: str, shape) -> tuple[int, ...]:
    shape = tuple(shape) if isinstance(shape, Sequence) else (shape,)
    if not shape or not all(isinstance(s, int) and s > 0 for s in shape):
        raise ValueError(f"{name} must be a tuple of positive ints, e.g. (2,) or (28, 28, 1); "
                         f"got {shape!r}.")
    return shape


class Seeds:
    """Distinct, reproducible initialiser seeds for the layers of one model.

    ``Seeds(None)`` gives Keras's defaults (drawn from the global seed that
    ``keras.utils.set_random_seed`` sets); ``Seeds(7)`` gives the same weights every time
    without touching the global random state.
    """

    def __init__(self, seed):
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise ValueError(f"seed must be an int or None, got {seed!r}.")
        self.seed, self.count = seed, 0

    def _next(self):
        self.count += 1
        return None if self.seed is None else self.seed * 1009 + self.count

    def glorot(self):
        return keras.initializers.GlorotUniform(seed=self._next())

    def normal(self, stddev=0.02):
        return keras.initializers.RandomNormal(0.0, stddev, seed=self._next())
