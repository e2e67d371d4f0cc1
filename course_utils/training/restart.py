"""Back to the start of a run without building anything again: fresh optimizer state and a
noise generator at its first draw. Used by the playgrounds' Reset buttons (lesson 03) and
by studies that rerun one compiled trainer from several seeds (lessons 04 and 07).
"""

from __future__ import annotations

import keras
import numpy as np


def zero_optimizer_state(*optimizers) -> None:
    """Set every variable of each ``keras.optimizers.Optimizer`` (Adam's moments, the
    iteration count) to zero, as a freshly built optimizer has them; the learning rate is
    kept."""
    for opt in optimizers:
        if not isinstance(opt, keras.optimizers.Optimizer):
            raise ValueError(f"Expected Keras optimizers, got {opt!r}.")
        for var in opt.variables:
            if var is not opt.learning_rate:
                var.assign(np.zeros(var.shape, var.dtype))


def restart_gan(gan, generator, discriminator, seed: int) -> None:
    """Put a compiled ``GAN`` (``gan.generator``, ``gan.discriminator``, ``d_optimizer``,
    ``g_optimizer``, ``seed_generator``) in the state of a new one built for ``seed``: the
    players take the weights of ``generator`` and ``discriminator`` (freshly built with that
    seed's initial weights), both optimizers start over and the noise is drawn from its
    start. The compiled training step is kept, so a study of several seeds traces it once."""
    for player, fresh in zip((gan.generator, gan.discriminator), (generator, discriminator),
                             strict=True):
        player.set_weights(fresh.get_weights())
    zero_optimizer_state(gan.d_optimizer, gan.g_optimizer)
    restart_seed_generator(gan.seed_generator, seed)


def restart_seed_generator(generator, seed: int) -> None:
    """Put a ``keras.random.SeedGenerator`` back at Keras's initial state for ``seed``
    (``[seed, 0]``): it draws the same numbers as a new ``SeedGenerator(seed)``."""
    if not isinstance(generator, keras.random.SeedGenerator):
        raise ValueError(f"Expected a keras.random.SeedGenerator, got {generator!r}.")
    generator.state.assign(np.array([int(seed), 0], generator.state.dtype))


__all__ = ["restart_gan", "restart_seed_generator", "zero_optimizer_state"]
