"""A small detector of generated images (real = 1, generated = 0). Defined in lesson 14.

Trained on real digits against one generator's samples, then measured on held-out samples
of that generator and on another generator's samples (Wang et al. 2019, arXiv 1912.11035,
asked the same question at scale)."""

from __future__ import annotations

import numpy as np


def build_detector(seed=0):
    """Image ``(batch, 28, 28, 1)`` in [-1, 1] → logit "real" ``(batch, 1)``: two strided
    3×3 convolutions (8, 16 filters, LeakyReLU), global average pooling, one dense unit.
    About 1.4 k parameters."""
    import keras
    from keras import layers

    from course_utils.models._common import Seeds

    init = Seeds(seed)
    x = keras.Input((28, 28, 1), name="image")
    h = x
    for i, filters in enumerate((8, 16), start=1):
        h = layers.Conv2D(filters, 3, strides=2, padding="same", kernel_initializer=init.glorot(),
                          name=f"conv{i}")(h)
        h = layers.LeakyReLU(0.2, name=f"leaky{i}")(h)
    h = layers.GlobalAveragePooling2D(name="pool")(h)
    return keras.Model(x, layers.Dense(1, kernel_initializer=init.glorot(), name="logit")(h),
                       name="detector")


def train_detector(real, fake, epochs=5, batch_size=64, seed=0):
    """Train :func:`build_detector` on ``real`` (label 1) against ``fake`` (label 0), both
    ``(n, 28, 28, 1)`` in [-1, 1]; Adam 3e-3, a ``tf.data`` pipeline shuffled with
    ``seed``. Returns the model."""
    import keras

    from course_utils.data import make_dataset

    x = np.concatenate([real, fake]).astype("float32")
    y = np.concatenate([np.ones(len(real)), np.zeros(len(fake))]).astype("float32")
    model = build_detector(seed)
    model.compile(optimizer=keras.optimizers.Adam(3e-3),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    model.fit(make_dataset(x, y, batch_size=batch_size, shuffle=True, seed=seed),
              epochs=epochs, verbose=0, shuffle=False)  # the pipeline shuffles
    return model


def accuracy(model, real, fake) -> float:
    """Balanced accuracy: the mean of the share of ``real`` called real and the share of
    ``fake`` called generated (0.5 = chance, whatever the set sizes)."""
    said_real = [np.concatenate([np.asarray(model(np.asarray(x[i:i + 500], "float32"),
                                                  training=False)).reshape(-1)
                                 for i in range(0, len(x), 500)]) > 0 for x in (real, fake)]
    return float((said_real[0].mean() + (1 - said_real[1].mean())) / 2)
