"""Checking ``tf.distribute`` training of the DCGAN: do the replicas draw different noise?
Defined in lesson 08.

``course_utils.training.GAN`` draws its latent noise from one ``keras.random.SeedGenerator``.
Under ``MirroredStrategy`` that generator's state is a mirrored variable, so without care every
replica would draw **the same** ``z`` and, with two replicas, half of each step's fakes would be
copies. ``GAN.sample_latent`` therefore draws the noise of the whole global batch once per step
and gives each replica its own slice; :func:`replicas_draw_the_same_noise` measures it.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf


def replicas_draw_the_same_noise(gan, strategy, n=4) -> bool:
    """True if every replica of ``strategy`` gets the same ``gan.sample_latent(n)``.

    ``gan`` must have been built inside ``strategy.scope()``. Draws once (advances the noise).
    """
    if strategy.num_replicas_in_sync < 2:
        raise ValueError("replicas_draw_the_same_noise needs a strategy with two or more "
                         f"replicas, got {strategy.num_replicas_in_sync}.")

    @tf.function
    def draw():
        return strategy.run(lambda: gan.sample_latent(n))

    values = [np.asarray(v) for v in strategy.experimental_local_results(draw())]
    return all(np.array_equal(values[0], v) for v in values[1:])
