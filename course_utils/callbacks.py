"""Keras callbacks for GAN training in a notebook.

``SampleGrid`` keeps (and shows) samples from fixed noise every N epochs,
so progress images are comparable across epochs; ``LiveLossPlot`` redraws
the loss curves in one notebook output while ``fit()`` runs.
"""

from __future__ import annotations

import keras
import matplotlib.pyplot as plt
import numpy as np

from course_utils import plotting
from course_utils.fonts import label


class SampleGrid(keras.callbacks.Callback):
    """Every ``every`` epochs, generate from the same fixed noise and keep the samples.

    Args:
        every: epoch interval (the last epoch is always kept).
        n: number of samples (fixed latent vectors drawn once, with ``seed``).
        show: display an image grid each time (images only).
        seed: seed of the fixed latent vectors.
        labels: for a ``ConditionalGAN``, the ``n`` integer labels to generate (e.g.
            ``label_rows(10, 8)`` from :mod:`course_utils.training.conditional`: one row
            per label); ``None`` for an unconditional GAN.

    After ``fit()``, ``self.samples`` maps epoch number (1-based) → array of
    samples ``(n, …)``.
    """

    def __init__(self, every=1, n=16, show=False, seed=0, labels=None):
        super().__init__()
        if not isinstance(every, int) or every < 1:
            raise ValueError(f"every must be an int ≥ 1, got {every!r}.")
        if labels is not None:
            labels = np.asarray(labels)
            if labels.shape != (n,):
                raise ValueError(f"labels must be n={n} integers, got shape {labels.shape}.")
        self.every, self.n, self.show, self.seed, self.labels = every, n, show, seed, labels
        self.samples: dict[int, np.ndarray] = {}
        self._z = None

    def on_train_begin(self, logs=None):
        if self._z is None:
            rng = np.random.default_rng(self.seed)
            self._z = rng.standard_normal((self.n, self.model.latent_dim)).astype("float32")

    def on_epoch_end(self, epoch, logs=None):
        number = epoch + 1
        last = self.params.get("epochs") == number
        if number % self.every and not last:
            return
        extra = {} if self.labels is None else {"labels": self.labels}
        self.samples[number] = self.model.generate(self.n, z=self._z, **extra)
        if self.show and self.samples[number].ndim >= 3:
            from IPython.display import display

            rows = 1 if self.labels is None else len(np.unique(self.labels))
            ncols = self.n // rows if self.n % rows == 0 and rows > 1 else None
            fig = plotting.image_grid(self.samples[number], ncols=ncols,
                                      title=label(f"epoch {number}", f"第 {number} 轮"))
            display(fig)
            plt.close(fig)


class LiveLossPlot(keras.callbacks.Callback):
    """Redraw the training curves in one notebook output every ``every`` epochs.

    Uses a display handle, so a headless run stores a single, final figure.
    ``self.history`` maps each logged metric to its per-epoch values.
    """

    def __init__(self, keys=("d_loss", "g_loss"), every=1):
        super().__init__()
        self.keys, self.every = tuple(keys), every
        self.history: dict[str, list[float]] = {}
        self._handle = None

    def on_epoch_end(self, epoch, logs=None):
        for k, v in (logs or {}).items():
            self.history.setdefault(k, []).append(float(v))
        last = self.params.get("epochs") == epoch + 1
        if (epoch + 1) % self.every and not last:
            return
        from IPython.display import display

        keys = [k for k in self.keys if k in self.history]
        if not keys:
            return
        fig = plotting.loss_curves(self.history, keys=keys)
        if self._handle is None:
            self._handle = display(fig, display_id=True)
        else:
            self._handle.update(fig)
        plt.close(fig)
