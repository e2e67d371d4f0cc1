"""Checkpoint and resume: a simulated disconnect, and how far two trained models are apart.
Defined in lesson 08.

``keras.callbacks.BackupAndRestore(backup_dir)`` saves the model (weights, optimizer state,
and for ``course_utils.training.GAN`` its noise generator's state) at the end of every
epoch; a later ``fit`` with the same callback starts from the last completed epoch and
deletes the backup once training finishes. :class:`DisconnectAt` plays the dropped Colab
session.
"""

from __future__ import annotations

import keras
import numpy as np


class SimulatedDisconnect(RuntimeError):
    """Raised by :class:`DisconnectAt`: the session "dropped" in the middle of training."""


class DisconnectAt(keras.callbacks.Callback):
    """Raise :class:`SimulatedDisconnect` when epoch ``epoch`` (0-based) begins, so epochs
    ``0 … epoch - 1`` completed (and were backed up) and epoch ``epoch`` never ran."""

    def __init__(self, epoch: int):
        super().__init__()
        if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 1:
            raise ValueError(f"epoch must be an int >= 1 (at least one epoch completes first), "
                             f"got {epoch!r}.")
        self.epoch = epoch

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == self.epoch:
            raise SimulatedDisconnect(f"simulated disconnect at the start of epoch {epoch + 1}")


def max_weight_difference(model_a, model_b) -> float:
    """Largest absolute difference between the weights (trainable or not, e.g. batch-norm
    statistics) of two models of the same architecture."""
    wa, wb = model_a.get_weights(), model_b.get_weights()
    shapes_a, shapes_b = [w.shape for w in wa], [w.shape for w in wb]
    if shapes_a != shapes_b:
        raise ValueError("The two models have different weight shapes: compare models of the "
                         "same architecture.")
    return float(max((np.abs(a - b).max() for a, b in zip(wa, wb, strict=True)), default=0.0))
