"""Checkpoint and resume of lesson 08: a simulated disconnect, and resuming gives the
uninterrupted run's weights."""

import keras
import numpy as np
import pytest

from course_utils import models
from course_utils.lessons.l08_dcgan import recipe, resume

X = np.random.default_rng(0).uniform(-1, 1, (128, 28, 28, 1)).astype("float32")


def small(seed=0):
    return recipe.make_gan(8, 2, seed=seed)


def test_disconnect_at_raises_when_its_epoch_begins():
    gan = small()
    epochs = []
    seen = keras.callbacks.LambdaCallback(on_epoch_begin=lambda e, logs: epochs.append(e))
    with pytest.raises(resume.SimulatedDisconnect, match="epoch 2"):
        gan.fit(X, batch_size=64, epochs=3, verbose=0, shuffle=False,
                callbacks=[seen, resume.DisconnectAt(1)])
    assert epochs == [0, 1]


@pytest.mark.parametrize("epoch", [0, -1, 1.5, True])
def test_disconnect_at_needs_a_completed_epoch_first(epoch):
    with pytest.raises(ValueError, match="epoch"):
        resume.DisconnectAt(epoch)


def test_resumed_dcgan_ends_where_an_uninterrupted_one_ends(tmp_path):
    straight = small(seed=5)
    straight.fit(X, batch_size=32, epochs=3, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(resume.SimulatedDisconnect):
        small(seed=5).fit(X, batch_size=32, epochs=3, verbose=0, shuffle=False,
                          callbacks=[backup, resume.DisconnectAt(2)])
    resumed = small(seed=5)
    resumed.fit(X, batch_size=32, epochs=3, verbose=0, shuffle=False, callbacks=[backup])
    assert resume.max_weight_difference(straight.generator, resumed.generator) <= 1e-6
    assert resume.max_weight_difference(straight.discriminator, resumed.discriminator) <= 1e-6
    assert resume.max_weight_difference(straight.generator, small(seed=5).generator) > 1e-3


def test_max_weight_difference_is_zero_for_a_model_and_its_copy():
    g = models.dcgan_generator(8, 2, seed=1)
    copy = models.dcgan_generator(8, 2, seed=2)
    assert resume.max_weight_difference(g, copy) > 0
    copy.set_weights(g.get_weights())
    assert resume.max_weight_difference(g, copy) == 0.0


def test_max_weight_difference_refuses_different_architectures():
    with pytest.raises(ValueError, match="same architecture"):
        resume.max_weight_difference(models.dcgan_generator(8, 2), models.dcgan_generator(8, 3))
