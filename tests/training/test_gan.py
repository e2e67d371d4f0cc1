import os
import subprocess
import sys

import keras
import numpy as np
import pytest
from trainer_helpers import Interrupt, changed, weights

from course_utils import models
from course_utils.callbacks import LiveLossPlot, SampleGrid
from course_utils.training import GAN, TrainingDiverged

REAL = np.random.default_rng(0).normal([2.0, -1.0], 0.1, size=(256, 2)).astype("float32")


def small_gan(seed=0, lr=1e-3, **compile_kwargs):
    gan = GAN(models.mlp_generator(4, (2,), hidden=(16,), seed=seed),
              models.mlp_discriminator((2,), hidden=(16,), seed=seed + 1), seed=seed)
    compile_kwargs.setdefault("loss", "non_saturating")
    gan.compile(d_optimizer=keras.optimizers.Adam(lr), g_optimizer=keras.optimizers.Adam(lr),
                **compile_kwargs)
    return gan


def test_fit_trains_both_players_and_reports_metrics():
    gan = small_gan()
    g_before, d_before = weights(gan.generator), weights(gan.discriminator)
    history = gan.fit(REAL, batch_size=32, epochs=2, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss", "d_acc_real", "d_acc_fake"}
    assert changed(g_before, gan.generator) and changed(d_before, gan.discriminator)
    assert gan.g_optimizer.iterations.numpy() == gan.d_optimizer.iterations.numpy() == 16


def test_generator_moves_towards_the_data():
    gan = small_gan(lr=3e-3)  # seeds 0-4 end at 0.12-0.33 of the starting distance
    start = np.abs(gan.generate(500).mean(0) - REAL.mean(0)).sum()
    gan.fit(REAL, batch_size=64, epochs=60, verbose=0)
    end = np.abs(gan.generate(500).mean(0) - REAL.mean(0)).sum()
    assert end < 0.5 * start


def test_models_with_the_same_seed_start_and_train_identically():
    a, b = small_gan(seed=4), small_gan(seed=4)
    for x, y in zip(weights(a.generator), weights(b.generator), strict=True):
        np.testing.assert_array_equal(x, y)
    ha = a.fit(REAL, batch_size=64, epochs=1, verbose=0, shuffle=False).history
    hb = b.fit(REAL, batch_size=64, epochs=1, verbose=0, shuffle=False).history
    assert ha == hb
    assert not np.array_equal(weights(small_gan(seed=5).generator)[0], weights(a.generator)[0])


def test_fit_on_a_dataset_gives_no_shuffle_warning(recwarn):
    import tensorflow as tf

    gan = small_gan()
    gan.fit(tf.data.Dataset.from_tensor_slices(REAL).batch(64), epochs=1, verbose=0)
    assert not [w for w in recwarn if "shuffle" in str(w.message)]


def test_d_steps_gives_k_discriminator_updates_per_generator_update_each_on_fresh_data():
    gan = small_gan(d_steps=3)
    gan.fit(REAL, batch_size=32, epochs=1, verbose=0)  # 8 batches: 2 groups of 3, 2 left over
    assert gan.g_optimizer.iterations.numpy() == 2
    assert gan.d_optimizer.iterations.numpy() == 6


def test_d_steps_on_a_dataset_groups_its_batches_and_refuses_pre_grouped_data():
    import tensorflow as tf

    gan = small_gan(d_steps=2)
    gan.fit(tf.data.Dataset.from_tensor_slices(REAL).batch(32, drop_remainder=True), epochs=1,
            verbose=0)
    assert (gan.g_optimizer.iterations.numpy(), gan.d_optimizer.iterations.numpy()) == (4, 8)
    with pytest.raises(ValueError, match="2 grouped batches, which fit"):
        gan.train_step(tf.constant(REAL[:32]))


def test_r1_and_drift_are_compile_options_with_checked_weights():
    from course_utils.training.steps import Regulariser

    gan = small_gan(r1_weight=10.0, drift_weight=1e-3)
    assert gan.rules.regularisers == (Regulariser("r1", 10.0), Regulariser("drift", 1e-3))
    history = gan.fit(REAL, batch_size=64, epochs=1, verbose=0).history
    assert np.isfinite(history["d_loss"][-1])
    with pytest.raises(ValueError, match="r1 weight"):
        small_gan(r1_weight=-1.0)
    with pytest.raises(ValueError, match="drift weight"):
        small_gan(drift_weight="a lot")


def test_weight_clipping_keeps_every_discriminator_weight_in_range():
    gan = small_gan(loss="wasserstein", clip_weights=0.01, lr=0.1)
    gan.fit(REAL, batch_size=64, epochs=1, verbose=0)
    assert max(np.abs(w.numpy()).max() for w in gan.discriminator.trainable_weights) <= 0.01
    assert max(np.abs(w.numpy()).max() for w in gan.generator.trainable_weights) > 0.01


@pytest.mark.parametrize("loss, keys", [
    ("non_saturating", {"d_acc_real", "d_acc_fake"}), ("least_squares", {"d_acc_real"}),
    ("wasserstein", set()),
])
def test_accuracy_is_reported_only_where_it_means_something(loss, keys):
    history = small_gan(loss=loss).fit(REAL, batch_size=64, epochs=1, verbose=0).history
    assert keys <= set(history)
    if loss == "wasserstein":
        assert "d_acc_real" not in history  # a critic scores, it does not decide


def _constant_d(value):
    """A discriminator whose output is ``value`` for every input (zero kernel, bias = value)."""
    x = keras.Input((2,))
    out = keras.layers.Dense(1, kernel_initializer="zeros",
                             bias_initializer=keras.initializers.Constant(value))(x)
    return keras.Model(x, out)


@pytest.mark.parametrize("loss, real_acc, fake_acc", [
    ("least_squares", 0.0, 1.0),  # 0.3 is below least squares' midpoint 0.5: "fake"
    ("minimax", 1.0, 0.0),        # a logit of 0.3 is above 0: "real"
])
def test_accuracy_threshold_follows_the_loss_targets(loss, real_acc, fake_acc):
    gan = GAN(models.mlp_generator(4, (2,), hidden=(16,), seed=0), _constant_d(0.3), seed=0)
    gan.compile(d_optimizer=keras.optimizers.SGD(0.0), g_optimizer=keras.optimizers.SGD(0.0),
                loss=loss)
    logs = gan.fit(REAL, batch_size=64, epochs=1, verbose=0).history
    assert (logs["d_acc_real"][-1], logs["d_acc_fake"][-1]) == (real_acc, fake_acc)


def test_label_smoothing_is_an_explicit_compile_argument():
    import tensorflow as tf

    logits = tf.fill((4, 1), 2.0)
    plain = float(small_gan().rules.d_loss(logits, -logits))
    smooth = float(small_gan(label_smoothing=0.25).rules.d_loss(logits, -logits))
    assert smooth > plain  # the real label 0.875 is further from sigmoid(2) than 1 is
    with pytest.raises(ValueError, match="label_smoothing= to compile"):
        small_gan(d_loss_kwargs={"label_smoothing": 0.1})
    with pytest.raises(ValueError, match="takes no label_smoothing"):
        small_gan(loss="wasserstein", label_smoothing=0.1)


def test_a_huge_learning_rate_stops_with_a_divergence_message():
    gan = small_gan(lr=1e3, loss="least_squares")
    with pytest.raises(TrainingDiverged, match=r"diverged at generator step \d+: (d|g)_loss"):
        gan.fit(REAL * 100, batch_size=32, epochs=50, verbose=0)
    assert gan.stop_training and gan.divergence.quantity in ("d_loss", "g_loss")


def test_compile_is_required_and_optimizers_are_keyword_only():
    gan = GAN(models.mlp_generator(2, (2,)), models.mlp_discriminator((2,)))
    with pytest.raises(RuntimeError, match="compile"):
        gan.fit(REAL, epochs=1, verbose=0)
    with pytest.raises(TypeError):
        gan.compile(keras.optimizers.Adam(), keras.optimizers.Adam())


def test_generate_uses_fixed_noise_reproducibly():
    gan = small_gan()
    z = np.ones((5, 4), "float32")
    np.testing.assert_array_equal(gan.generate(5, z=z), gan.generate(5, z=z))
    assert gan.generate(300).shape == (300, 2)
    with pytest.raises(ValueError, match=r"expected \(n, 4\)"):
        gan.generate(2, z=np.ones((2, 3), "float32"))


@pytest.mark.parametrize("kwargs, word", [
    ({"d_steps": 0}, "d_steps"), ({"loss": "nonsense"}, "minimax"),
    ({"clip_weights": -1.0}, "clip value"), ({"gradient_penalty_weight": -1}, "gradient_penalty"),
    ({"label_smoothing": 1.5}, "label_smoothing"),
])
def test_bad_compile_arguments_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        small_gan(**kwargs)


def test_one_optimizer_for_both_players_is_refused():
    gan = GAN(models.mlp_generator(2, (2,)), models.mlp_discriminator((2,)))
    opt = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="two optimizer objects"):
        gan.compile(d_optimizer=opt, g_optimizer=opt)


def test_unknown_latent_distribution_is_refused():
    with pytest.raises(ValueError, match="normal, uniform"):
        GAN(models.mlp_generator(2, (2,)), models.mlp_discriminator((2,)),
            latent_distribution="cauchy")




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
        gan.fit(REAL, batch_size=64, epochs=5, verbose=0, callbacks=[backup, first, Interrupt(3)])
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


def test_sample_grid_with_labels_needs_one_label_per_sample():
    with pytest.raises(ValueError, match="n=6"):
        SampleGrid(n=6, labels=[0, 1])


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
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-3), g_optimizer=keras.optimizers.Adam(1e-3))
real = np.random.default_rng(0).normal(size=(256, 2)).astype("float32")
ds = tf.data.Dataset.from_tensor_slices(real).batch(64, drop_remainder=True)
h = gan.fit(ds, epochs=2, verbose=0)
draw = tf.function(lambda: strategy.run(lambda: gan.sample_latent(3)))
z = [np.asarray(v) for v in strategy.experimental_local_results(draw())]
print(strategy.num_replicas_in_sync, int(gan.g_optimizer.iterations.numpy()),
      all(np.isfinite(v[-1]) for v in h.history.values()), not np.array_equal(z[0], z[1]))
"""


@pytest.mark.slow
def test_training_runs_under_mirrored_strategy_with_two_cpu_devices():
    out = subprocess.run([sys.executable, "-c", MIRRORED], capture_output=True, text=True,
                         env=dict(os.environ), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-4:] == ["2", "8", "True", "True"]  # replicas: distinct noise


def test_resumed_training_ends_where_an_uninterrupted_run_ends(tmp_path):
    straight = small_gan(seed=2)
    straight.fit(REAL, batch_size=64, epochs=4, verbose=0, shuffle=False)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        small_gan(seed=2).fit(REAL, batch_size=64, epochs=4, verbose=0, shuffle=False,
                              callbacks=[backup, Interrupt(2)])
    resumed = small_gan(seed=2)
    resumed.fit(REAL, batch_size=64, epochs=4, verbose=0, shuffle=False, callbacks=[backup])
    for a, b in zip(weights(straight.generator), weights(resumed.generator), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
