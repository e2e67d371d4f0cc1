"""ConditionalGAN: labels reach both players; fit, resume and MirroredStrategy work."""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest

from course_utils import models
from course_utils.callbacks import SampleGrid
from course_utils.training import ConditionalGAN
from course_utils.training.conditional import label_rows

CENTRES = np.array([[-3.0, 0.0], [3.0, 0.0]], "float32")
LABELS = np.arange(512) % 2
REAL = (CENTRES[LABELS] + np.random.default_rng(0).normal(0, 0.2, (512, 2))).astype("float32")


def small_cgan(seed=0, conditioning="concat", lr=3e-3):
    gan = ConditionalGAN(
        models.conditional_mlp_generator(4, 2, (2,), hidden=(32, 32), seed=seed),
        models.conditional_mlp_discriminator((2,), 2, hidden=(32, 32),
                                             conditioning=conditioning, seed=seed + 1),
        num_classes=2, seed=seed)
    gan.compile(d_optimizer=keras.optimizers.Adam(lr, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(lr, beta_1=0.5))
    return gan


@pytest.mark.parametrize("conditioning", ["concat", "projection"])
def test_generated_samples_follow_the_requested_label(conditioning):
    gan = small_cgan(conditioning=conditioning)
    gan.fit(REAL, LABELS, batch_size=64, epochs=40, verbose=0)
    for label, centre in enumerate(CENTRES):
        samples = gan.generate(200, labels=np.full(200, label))
        own = np.linalg.norm(samples - centre, axis=1).mean()
        other = np.linalg.norm(samples - CENTRES[1 - label], axis=1).mean()
        assert own < 0.5 * other, (label, own, other)


def test_fit_takes_a_dataset_of_pairs_and_updates_both_players():
    import tensorflow as tf

    gan = small_cgan()
    d_before = [w.numpy().copy() for w in gan.discriminator.weights]
    ds = tf.data.Dataset.from_tensor_slices((REAL, LABELS)).batch(64)
    history = gan.fit(ds, epochs=1, verbose=0)
    assert {"d_loss", "g_loss", "d_acc_real", "d_acc_fake"} == set(history.history)
    assert any(not np.array_equal(a, b.numpy())
               for a, b in zip(d_before, gan.discriminator.weights, strict=True))


def test_fit_without_labels_says_what_is_missing():
    with pytest.raises(ValueError, match=r"needs \(images, labels\)"):
        small_cgan().fit(REAL, batch_size=64, epochs=1, verbose=0)


def test_generate_checks_labels():
    gan = small_cgan()
    assert gan.generate(5).shape == (5, 2)
    with pytest.raises(ValueError, match=r"lie in 0 … 1"):
        gan.generate(2, labels=[0, 2])
    with pytest.raises(ValueError, match=r"shape \(3,\)"):
        gan.generate(3, labels=[0, 1])
    with pytest.raises(ValueError, match="num_classes"):
        ConditionalGAN(gan.generator, gan.discriminator, num_classes=1)


def test_sample_grid_shows_one_row_per_label():
    gan = small_cgan()
    labels = label_rows(2, 3)
    assert labels.tolist() == [0, 0, 0, 1, 1, 1]
    grid = SampleGrid(n=6, labels=labels)
    gan.fit(REAL, LABELS, batch_size=64, epochs=1, verbose=0, callbacks=[grid])
    np.testing.assert_array_equal(grid.samples[1], gan.generate(6, z=grid._z, labels=labels))


def test_resume_after_an_interruption_equals_an_uninterrupted_run(tmp_path):
    class Interrupt(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 2:
                raise KeyboardInterrupt

    straight = small_cgan(seed=1)
    straight.fit(REAL, LABELS, batch_size=128, epochs=4, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    first = small_cgan(seed=1)
    with pytest.raises(KeyboardInterrupt):
        first.fit(REAL, LABELS, batch_size=128, epochs=4, verbose=0, shuffle=False,
                  callbacks=[backup, Interrupt()])
    resumed = small_cgan(seed=1)
    resumed.fit(REAL, LABELS, batch_size=128, epochs=4, verbose=0, shuffle=False,
                callbacks=[backup])
    assert resumed.g_optimizer.iterations.numpy() == 4 * 4
    for a, b in zip(straight.generator.weights, resumed.generator.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)


MIRRORED = """
import course_utils, numpy as np
course_utils.setup(mode="quick", seed=0)
import keras, tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
from course_utils import models
from course_utils.training import ConditionalGAN
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = ConditionalGAN(models.conditional_mlp_generator(4, 3, (2,), hidden=(16,)),
                         models.conditional_mlp_discriminator((2,), 3, hidden=(16,)), 3)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
x = np.random.default_rng(0).normal(size=(256, 2)).astype("float32")
y = np.arange(256) % 3
ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(64, drop_remainder=True)
h = gan.fit(ds, epochs=2, verbose=0)
print(strategy.num_replicas_in_sync, int(gan.g_optimizer.iterations.numpy()),
      all(np.isfinite(v[-1]) for v in h.history.values()), gan.generate(4).shape)
"""


@pytest.mark.slow
def test_conditional_training_runs_under_mirrored_strategy():
    out = subprocess.run([sys.executable, "-c", MIRRORED], capture_output=True, text=True,
                         env=dict(os.environ), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-5:] == ["2", "8", "True", "(4,", "2)"]



def test_matching_aware_d_learns_to_reject_real_samples_with_the_wrong_label():
    """GAN-CLS (Reed et al. 2016): real pairs with a rolled label are negatives, so D's
    logit on (x, wrong y) falls below its logit on (x, y); the plain D is not taught that."""
    margins = {}
    for aware in (False, True):
        gan = small_cgan(seed=1)
        gan.matching_aware = aware
        gan.fit(REAL, LABELS, batch_size=64, epochs=5, verbose=0, shuffle=False)
        right = gan.discriminator([REAL, LABELS]).numpy().mean()
        wrong = gan.discriminator([REAL, 1 - LABELS]).numpy().mean()
        margins[aware] = right - wrong
    assert margins[True] > 2.0, margins
    assert margins[True] > margins[False] + 0.5, margins


def test_matching_aware_round_inputs_roll_the_conditions_and_bad_flags_are_refused():
    import tensorflow as tf

    gan = ConditionalGAN(small_cgan().generator, small_cgan().discriminator, num_classes=2,
                         matching_aware=True)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
    inputs = gan.round_inputs((tf.constant(REAL[:4]), tf.constant([0, 1, 1, 0])))
    assert inputs["mismatch"].numpy().tolist() == [0, 0, 1, 1]
    with pytest.raises(ValueError, match="matching_aware must be True or False"):
        ConditionalGAN(gan.generator, gan.discriminator, num_classes=2, matching_aware="yes")
