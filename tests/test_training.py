import os
import subprocess
import sys

import keras
import numpy as np
import pytest

from course_utils import models
from course_utils.callbacks import LiveLossPlot, SampleGrid
from course_utils.training import GAN

REAL = np.random.default_rng(0).normal([2.0, -1.0], 0.1, size=(256, 2)).astype("float32")


def small_gan(seed=0, **compile_kwargs):
    keras.utils.set_random_seed(seed)
    gan = GAN(models.mlp_generator(4, (2,), hidden=(16,)),
              models.mlp_discriminator((2,), hidden=(16,)), seed=seed)
    compile_kwargs.setdefault("loss", "modified")
    gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(1e-3), **compile_kwargs)
    return gan


def test_fit_trains_both_players_and_reports_metrics():
    gan = small_gan()
    g_before = [w.numpy().copy() for w in gan.generator.weights]
    history = gan.fit(REAL, batch_size=32, epochs=2, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "d_acc_real", "d_acc_fake"}
    assert all(0 <= v <= 1 for v in history.history["d_acc_real"])
    g_after = [w.numpy() for w in gan.generator.weights]
    assert any(not np.array_equal(a, b) for a, b in zip(g_before, g_after, strict=True))
    assert gan.g_optimizer.iterations.numpy() == 16


def test_fit_on_a_dataset_gives_no_shuffle_warning(recwarn):
    import tensorflow as tf

    gan = small_gan()
    gan.fit(tf.data.Dataset.from_tensor_slices(REAL).batch(64), epochs=1, verbose=0)
    assert not [w for w in recwarn if "shuffle" in str(w.message)]


def test_d_steps_gives_k_discriminator_updates_per_generator_update():
    gan = small_gan(d_steps=3)
    gan.fit(REAL, batch_size=64, epochs=1, verbose=0)
    assert gan.d_optimizer.iterations.numpy() == 3 * gan.g_optimizer.iterations.numpy() == 12


def test_weight_clipping_keeps_every_discriminator_weight_in_range():
    gan = small_gan(loss="wasserstein", clip_weights=0.01)
    gan.fit(REAL, batch_size=64, epochs=1, verbose=0)
    assert max(np.abs(w.numpy()).max() for w in gan.discriminator.trainable_weights) <= 0.01


def test_gradient_penalty_runs_and_changes_the_discriminator_loss():
    plain = small_gan(loss="wasserstein").fit(REAL, batch_size=64, epochs=1, verbose=0)
    penalised = small_gan(loss="wasserstein", gradient_penalty_weight=10.0).fit(
        REAL, batch_size=64, epochs=1, verbose=0)
    assert plain.history["d_loss"] != penalised.history["d_loss"]


def test_generate_uses_fixed_noise_reproducibly():
    gan = small_gan()
    z = np.ones((5, 4), "float32")
    np.testing.assert_array_equal(gan.generate(5, z=z), gan.generate(5, z=z))
    assert gan.generate(300).shape == (300, 2)
    with pytest.raises(ValueError, match=r"expected \(n, 4\)"):
        gan.generate(2, z=np.ones((2, 3), "float32"))


@pytest.mark.parametrize("kwargs, word", [
    ({"d_steps": 0}, "d_steps"), ({"loss": "nonsense"}, "minimax"),
    ({"clip_weights": -1.0}, "clip_weights"), ({"gradient_penalty_weight": -1}, "gradient_penalty"),
])
def test_bad_compile_arguments_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        small_gan(**kwargs)


def test_one_optimizer_for_both_players_is_refused():
    gan = GAN(models.mlp_generator(2, (2,)), models.mlp_discriminator((2,)))
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two optimizer objects"):
        gan.compile(opt, opt)


def test_unknown_latent_distribution_is_refused():
    with pytest.raises(ValueError, match="normal, uniform"):
        GAN(models.mlp_generator(2, (2,)), models.mlp_discriminator((2,)),
            latent_distribution="cauchy")


class _Interrupt(keras.callbacks.Callback):
    """Stops training by raising at the start of ``at_epoch`` (0-based)."""

    def __init__(self, at_epoch):
        super().__init__()
        self.at_epoch = at_epoch

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == self.at_epoch:
            raise KeyboardInterrupt


class _Trace(keras.callbacks.Callback):
    """Records the epochs that run and the weights at their start."""

    def __init__(self):
        super().__init__()
        self.epochs, self.start_weights, self.end_weights = [], {}, {}

    def on_epoch_begin(self, epoch, logs=None):
        self.epochs.append(epoch)
        self.start_weights[epoch] = [w.numpy().copy() for w in self.model.weights]

    def on_epoch_end(self, epoch, logs=None):
        self.end_weights[epoch] = [w.numpy().copy() for w in self.model.weights]


def test_resume_continues_from_last_completed_epoch(tmp_path):
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    first, second = _Trace(), _Trace()
    gan = small_gan(seed=1)
    with pytest.raises(KeyboardInterrupt):
        gan.fit(REAL, batch_size=64, epochs=5, verbose=0, callbacks=[backup, first, _Interrupt(3)])
    assert first.epochs == [0, 1, 2, 3]  # epochs 0–2 completed, 3 interrupted
    steps_done = 3 * 4

    resumed = small_gan(seed=99)  # a fresh process would rebuild the model from scratch
    resumed.fit(REAL, batch_size=64, epochs=5, verbose=0, callbacks=[backup, second])
    assert second.epochs == [3, 4]  # nothing re-run, nothing skipped
    for before, after in zip(first.end_weights[2], second.start_weights[3], strict=True):
        np.testing.assert_array_equal(before, after)  # weights of the last completed epoch
    assert resumed.g_optimizer.iterations.numpy() == steps_done + 2 * 4
    assert resumed.d_optimizer.iterations.numpy() == steps_done + 2 * 4


def test_sample_grid_keeps_samples_from_fixed_noise_every_n_epochs():
    gan = small_gan()
    grid = SampleGrid(every=2, n=6)
    gan.fit(REAL, batch_size=64, epochs=3, verbose=0, callbacks=[grid])
    assert sorted(grid.samples) == [2, 3]
    np.testing.assert_array_equal(grid.samples[3], gan.generate(6, z=grid._z))


def test_live_loss_plot_collects_history(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a) or _Handle())
    plot = LiveLossPlot()
    small_gan().fit(REAL, batch_size=64, epochs=2, verbose=0, callbacks=[plot])
    assert len(plot.history["d_loss"]) == 2 and len(shown) == 1


class _Handle:
    def update(self, obj):
        pass


MIRRORED = """
import course_utils, numpy as np
course_utils.setup(mode="quick", seed=0)
import keras, tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
from course_utils import models
from course_utils.training import GAN
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    gan = GAN(models.mlp_generator(4, (2,), hidden=(16,)),
              models.mlp_discriminator((2,), hidden=(16,)))
    gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(1e-3))
real = np.random.default_rng(0).normal(size=(256, 2)).astype("float32")
ds = tf.data.Dataset.from_tensor_slices(real).batch(64, drop_remainder=True)
h = gan.fit(ds, epochs=2, verbose=0)
print(strategy.num_replicas_in_sync, int(gan.g_optimizer.iterations.numpy()),
      all(np.isfinite(v[-1]) for v in h.history.values()))
"""


def test_training_runs_under_mirrored_strategy_with_two_cpu_devices():
    out = subprocess.run([sys.executable, "-c", MIRRORED], capture_output=True, text=True,
                         env=dict(os.environ), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-3:] == ["2", "8", "True"]
