"""Divergence is said, not hidden: stop ``fit()`` at the first NaN or inf."""

from __future__ import annotations

import math

import keras
import numpy as np

from course_utils.i18n import t


class TrainingDiverged(FloatingPointError):
    """Training produced NaN or inf; ``step`` and ``quantity`` say where and what."""

    def __init__(self, step: int, quantity: str, value):
        self.step, self.quantity, self.value = step, quantity, value
        super().__init__(t(
            f"Training diverged at generator step {step}: {quantity} is {value}. Lower the "
            "learning rates (or add a gradient penalty) and train again from fresh weights.",
            f"训练在第 {step} 个生成器步发散：{quantity} 为 {value}。请调低学习率"
            "（或加上梯度惩罚），并从新的权重重新训练。"))


class DivergenceGuard(keras.callbacks.TerminateOnNaN):
    """Checks every logged loss after each batch (and both players' weights after each
    epoch) and raises :class:`TrainingDiverged` naming the step and the quantity.

    ``GAN.fit`` adds one; ``raise_error=False`` stops training quietly instead, with the
    reason in ``model.divergence``. With ``compile(steps_per_execution=k)`` Keras calls it
    once per k steps with the trackers' running means; a NaN or inf in any of those steps
    stays in the means, so it is still caught, at most k − 1 steps late.
    """

    def __init__(self, raise_error: bool = True):
        super().__init__(raise_error=raise_error)

    def _step(self) -> int:
        name = getattr(self.model, "step_optimizer_name", "g_optimizer")
        opt = getattr(self.model, name, None)
        return int(opt.iterations.numpy()) if opt is not None else -1

    def _stop(self, quantity, value):
        error = TrainingDiverged(self._step(), quantity, value)
        self.model.divergence = error
        self.model.stop_training = True
        if self.raise_error:
            raise error

    def on_train_begin(self, logs=None):
        self.model.divergence = None

    def on_batch_end(self, batch, logs=None):
        for name, value in (logs or {}).items():
            value = float(np.asarray(value))
            if not math.isfinite(value):
                self._stop(name, value)
                return

    def on_epoch_end(self, epoch, logs=None):
        for player in ("generator", "discriminator"):
            model = getattr(self.model, player, None)
            for w in getattr(model, "weights", []):
                if not np.isfinite(keras.ops.convert_to_numpy(w)).all():
                    self._stop(t(f"a {player} weight ({w.path})", f"{player} 的权重 {w.path}"),
                               "nan/inf")
                    return
