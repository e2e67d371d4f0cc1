"""Helpers for the trainer tests: weight snapshots and an interrupted ``fit``.

Imported by the test modules of this folder (pytest puts it on ``sys.path``)."""

import keras
import numpy as np


def weights(model) -> list:
    """Copies of every weight of ``model`` (NumPy arrays, in ``model.weights`` order)."""
    return [w.numpy().copy() for w in model.weights]


def changed(before, model) -> bool:
    """Whether any weight of ``model`` differs from the snapshot ``before``."""
    return any(not np.array_equal(a, b) for a, b in zip(before, weights(model), strict=True))


def assert_same(a, b, atol=1e-6):
    """Two snapshots agree entry by entry within ``atol``."""
    for x, y in zip(a, b, strict=True):
        np.testing.assert_allclose(x, y, atol=atol)


class Interrupt(keras.callbacks.Callback):
    """Stops training by raising ``KeyboardInterrupt`` at the start of ``at_epoch``
    (0-based), as a crash would: ``BackupAndRestore`` must resume from there."""

    def __init__(self, at_epoch=2):
        super().__init__()
        self.at_epoch = at_epoch

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == self.at_epoch:
            raise KeyboardInterrupt
