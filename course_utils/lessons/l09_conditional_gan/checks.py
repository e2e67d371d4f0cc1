"""Exercise checkers of lesson 09 (conditional GAN). Defined in lesson 09.

1. ``generator_input(z, labels, num_classes)``: what a conditional generator takes in —
   the noise ``z`` ``(batch, latent_dim)`` float32 followed by the one-hot code of the
   integer ``labels`` ``(batch,)``: ``(batch, latent_dim + num_classes)``, z first.
2. ``conditioning_accuracy(predicted, requested, num_classes)``: for every requested class
   ``k``, the share of the samples asked for ``k`` that the classifier read as ``k``:
   ``(num_classes,)`` float in [0, 1] (every class is requested at least once).
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.exercises import Exercise
from course_utils.lessons.l09_conditional_gan.evaluate import conditioning_accuracy


# ---------------------------------------------------------------- reference solutions
def generator_input_reference(z, labels, num_classes):
    """``[z, one_hot(labels)]`` along the last axis: ``(batch, latent_dim + num_classes)``."""
    z = tf.convert_to_tensor(z, tf.float32)
    code = tf.one_hot(tf.cast(labels, tf.int32), num_classes, dtype=z.dtype)
    return tf.concat([z, code], axis=-1)


def conditioning_accuracy_reference(predicted, requested, num_classes):
    """Per requested class, the share of its samples read as that class."""
    return conditioning_accuracy(predicted, requested, num_classes)


# ---------------------------------------------------------------- generator input
_Z2 = np.array([[0.5, -1.0], [2.0, 0.25], [-0.75, 1.5]], np.float32)
_Z1 = np.array([[3.0], [-3.0]], np.float32)

generator_input = Exercise(
    "generator_input",
    generator_input_reference,
    [
        ((_Z2, np.array([0, 2, 1]), 3), np.array([[0.5, -1.0, 1, 0, 0], [2.0, 0.25, 0, 0, 1],
                                                  [-0.75, 1.5, 0, 1, 0]], np.float32)),
        ((_Z1, np.array([3, 3]), 4), np.array([[3.0, 0, 0, 0, 1], [-3.0, 0, 0, 0, 1]],
                                              np.float32)),
        ((np.zeros((4, 3), np.float32), np.array([9, 0, 5, 9]), 10), None),
    ],
    hint_en="tf.one_hot(labels, num_classes) turns each label into a row with a single 1; "
    "tf.concat([...], axis=-1) puts it after z.",
    hint_zh="tf.one_hot(labels, num_classes) 把每个标签变成只有一个 1 的一行；"
    "tf.concat([...], axis=-1) 把它接在 z 后面。",
)

# ---------------------------------------------------------------- conditioning accuracy
# Hand-made classifier readings: (predicted, requested, num_classes) -> per-class share.
conditioning_accuracy_exercise = Exercise(
    "conditioning_accuracy",
    conditioning_accuracy_reference,
    [
        ((np.array([0, 0, 1, 1]), np.array([0, 0, 1, 1]), 2), np.array([1.0, 1.0])),
        # asked 0: read 0, 1, 0 -> 2/3; asked 1: read 1 -> 1; asked 2: read 0, 0 -> 0
        ((np.array([0, 1, 0, 1, 0, 0]), np.array([0, 0, 0, 1, 2, 2]), 3),
         np.array([2 / 3, 1.0, 0.0])),
        # many samples read as 0: a per-class precision would differ from this recall
        ((np.array([0, 0, 0, 0, 1, 0]), np.array([0, 0, 1, 1, 1, 2]), 3),
         np.array([1.0, 1 / 3, 0.0])),
    ],
    rtol=1e-6,
    hint_en="Group the samples by the label they were asked for (requested == k), then take "
    "the share of that group whose prediction equals k.",
    hint_zh="按请求的标签分组（requested == k），再求每组中预测等于 k 的样本所占的比例。",
)

__all__ = ["conditioning_accuracy_exercise", "conditioning_accuracy_reference",
           "generator_input", "generator_input_reference"]
