"""Training the DCGAN under ``tf.distribute``: a GAN whose replicas draw different noise.
Defined in lesson 08.

``course_utils.training.GAN`` draws its latent noise from one ``keras.random.SeedGenerator``.
Under ``MirroredStrategy`` that generator's state is a mirrored variable, so every replica
reads the same state and draws **the same** ``z``: with two replicas, half of each step's
fakes are copies (lesson 08 measures it with :func:`replicas_draw_the_same_noise`).
:class:`ReplicaNoiseGAN` draws the noise of the whole global batch once per step and gives
each replica its own slice, so two replicas see exactly the fakes one device would see with
the same global batch. On one device it is :class:`GAN` unchanged.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from course_utils.training import GAN


class ReplicaNoiseGAN(GAN):
    """:class:`course_utils.training.GAN` with distinct latent noise on every replica."""

    def sample_latent(self, n):
        """``(n, latent_dim)`` for this replica: its slice of the global batch's noise."""
        replicas = tf.distribute.get_strategy().num_replicas_in_sync
        context = tf.distribute.get_replica_context()
        if replicas == 1 or context is None:
            return super().sample_latent(n)
        z = super().sample_latent(n * replicas)  # the same draw on every replica ...
        start = tf.cast(context.replica_id_in_sync_group, tf.int32) * n
        return z[start:start + n]  # ... each keeps its own part


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
