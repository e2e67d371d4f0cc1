"""A linear probe on the discriminator's features (DCGAN §5: "the discriminator's features
are a good representation"). Defined in lesson 08.

The probe is a logistic regression (scikit-learn, features standardised on the labelled
training set) trained on ``n`` labelled images and scored on held-out images. What it
compares: the same probe on raw pixels, on a trained D's features, and on the features of a
D with random initial weights — a random convolutional network's features are themselves a
strong baseline, so "D's features beat pixels" says little unless they also beat it.
"""

from __future__ import annotations

import keras
import numpy as np

from course_utils.metrics.checks import finite_array

FEATURE_LAYER = "features"
"""The layer of ``course_utils.models.dcgan_discriminator`` whose output the probe reads
(the flattened last feature map, just before the logit)."""


def discriminator_features(discriminator, images, batch_size=500) -> np.ndarray:
    """``(n, d)`` float32 features of ``images`` ``(n, 28, 28, 1)`` in [-1, 1]: the output of
    D's :data:`FEATURE_LAYER` in inference mode (batch norm's moving statistics)."""
    if not isinstance(discriminator, keras.Model):
        raise ValueError(f"Expected a keras.Model, got {type(discriminator).__name__}.")
    try:
        layer = discriminator.get_layer(FEATURE_LAYER)
    except ValueError:
        raise ValueError(f"The discriminator has no layer named {FEATURE_LAYER!r}: build it "
                         "with course_utils.models.dcgan_discriminator.") from None
    x = finite_array("images", images).astype(np.float32)
    extractor = keras.Model(discriminator.input, layer.output)
    return np.concatenate([np.asarray(extractor(x[i:i + batch_size], training=False))
                           for i in range(0, len(x), batch_size)])


def pixels(images) -> np.ndarray:
    """``(n, 784)`` raw pixels of ``images`` ``(n, 28, 28, 1)``: the probe's plainest input."""
    x = finite_array("images", images)
    return x.reshape(len(x), -1).astype(np.float32)


def linear_probe(train_features, train_labels, test_features, test_labels, seed=0) -> float:
    """Held-out accuracy in [0, 1] of a logistic regression trained on
    ``train_features`` ``(n, d)`` with integer ``train_labels`` ``(n,)`` and scored on
    ``test_features`` ``(m, d)`` / ``test_labels`` ``(m,)``. Features are standardised with
    the training set's mean and standard deviation (constant features are left at 0)."""
    from sklearn.linear_model import LogisticRegression

    f_train, f_test = finite_array("train_features", train_features), \
        finite_array("test_features", test_features)
    y_train, y_test = np.asarray(train_labels).reshape(-1), np.asarray(test_labels).reshape(-1)
    if f_train.ndim != 2 or f_test.ndim != 2 or f_train.shape[1] != f_test.shape[1]:
        raise ValueError(f"features must be (n, d) and (m, d) with the same d, got "
                         f"{f_train.shape} and {f_test.shape}.")
    if len(y_train) != len(f_train) or len(y_test) != len(f_test):
        raise ValueError(f"one label per row is needed: {len(y_train)} labels for "
                         f"{len(f_train)} training rows, {len(y_test)} for {len(f_test)} "
                         "test rows.")
    if len(np.unique(y_train)) < 2:
        raise ValueError("the training labels must hold at least two classes.")
    mean, std = f_train.mean(axis=0), f_train.std(axis=0)
    std = np.where(std > 1e-8, std, 1.0)
    model = LogisticRegression(max_iter=2000, random_state=seed)
    model.fit((f_train - mean) / std, y_train)
    return float(model.score((f_test - mean) / std, y_test))
