"""Lesson 04's ring experiment: the D(G(z)) probe, the training helper and its tables."""

import math

import keras
import numpy as np
import pytest
import tensorflow as tf

from course_utils import losses, models, training
from course_utils.lessons.l04_loss_functions import ring


def sgd():
    return keras.optimizers.SGD(0.05)


def small_gan(cls, seed=3):
    return cls(models.mlp_generator(ring.LATENT_DIM, (2,), hidden=(8,), seed=seed),
               models.mlp_discriminator((2,), hidden=(8,), seed=seed + 1), seed=seed)


def real_batches(n=64, seed=0):
    x = np.random.default_rng(seed).normal(size=(4 * n, 2)).astype("float32")
    return tf.data.Dataset.from_tensor_slices(x).batch(n, drop_remainder=True).repeat()


def fake_run(means, lows, shares, chunk=50, coverage=None, diverged=None):
    probes = {"d_of_fake": means, "d_of_fake_min": lows, "confident_share": shares}
    samples = None if coverage is None else np.zeros((4, 2))
    return ring.RingRun(samples, coverage, probes, chunk, wall_s=1.0, cpu_s=0.5,
                        diverged=diverged)


def coverage(modes, share):
    return {"modes_captured": modes, "n_modes": 8, "high_quality_share": share,
            "counts": [10] * modes + [0] * (8 - modes)}


# ---------------------------------------------------------------- BlockMinimum
def test_block_minimum_keeps_the_smallest_value_and_resets_to_inf():
    metric = ring.BlockMinimum()
    assert math.isinf(float(metric.result()))
    for value in (0.4, 0.2, 0.3):
        metric.update_state(value)
    assert float(metric.result()) == pytest.approx(0.2)
    metric.reset_state()
    assert math.isinf(float(metric.result()))


# ---------------------------------------------------------------- ProbedGAN
def test_probed_gan_trains_exactly_like_the_shared_gan():
    """The probe only reads logits: same seeds, same weights after training."""
    weights = []
    for cls in (training.GAN, ring.ProbedGAN):
        gan = small_gan(cls)
        gan.compile(d_optimizer=sgd(), g_optimizer=sgd(), loss="minimax")
        gan.fit(real_batches(), epochs=1, steps_per_epoch=5, verbose=0)
        weights.append([w.numpy() for w in gan.generator.weights + gan.discriminator.weights])
    for a, b in zip(*weights, strict=True):
        np.testing.assert_array_equal(a, b)


def test_probe_reads_sigmoid_of_the_logits_the_generator_loss_receives():
    """A frozen D with constant logit -3 (weights zero, bias -3, learning rate 0)."""
    gan = small_gan(ring.ProbedGAN)
    for w in gan.discriminator.weights:
        w.assign(tf.zeros_like(w))
    gan.discriminator.get_layer("logit").bias.assign([-3.0])
    gan.compile(d_optimizer=keras.optimizers.SGD(0.0), g_optimizer=sgd(), loss="minimax")
    history = gan.fit(real_batches(), epochs=2, steps_per_epoch=3, verbose=0).history
    expected = 1.0 / (1.0 + math.exp(3.0))  # 0.047 < CONFIDENT
    np.testing.assert_allclose(history["d_of_fake"], [expected] * 2, rtol=1e-5)
    np.testing.assert_allclose(history["d_of_fake_min"], [expected] * 2, rtol=1e-5)
    np.testing.assert_allclose(history["confident_share"], [1.0, 1.0])
    assert "d_loss" in history and "g_loss" in history


def test_probed_gan_keeps_the_keyword_only_compile():
    gan = small_gan(ring.ProbedGAN)
    with pytest.raises(TypeError):
        gan.compile(sgd(), sgd())


# ---------------------------------------------------------------- train_ring_gan
def test_train_ring_gan_returns_samples_coverage_probes_and_times():
    run = ring.train_ring_gan(dict(loss="non_saturating"), sgd, 0, steps=20, hidden=(8,),
                              chunk=10, batch=32)
    assert run.diverged is None
    assert run.samples.shape == (ring.N_EVAL, 2)
    assert set(run.coverage) >= {"modes_captured", "high_quality_share", "counts"}
    assert {name: len(v) for name, v in run.probes.items()} == {name: 2 for name in ring.PROBES}
    assert all(0.0 < v < 1.0 for v in run.probes["d_of_fake"])
    assert run.chunk == 10 and run.wall_s > 0 and run.cpu_s > 0


def test_train_ring_gan_is_reproducible_for_a_seed_and_differs_across_seeds():
    args = (dict(loss="hinge"), sgd)
    kwargs = dict(steps=10, hidden=(8,), chunk=10, batch=32)
    a, b = (ring.train_ring_gan(*args, 1, **kwargs) for _ in range(2))
    c = ring.train_ring_gan(*args, 2, **kwargs)
    np.testing.assert_array_equal(a.samples, b.samples)
    assert not np.allclose(a.samples, c.samples)


@pytest.mark.parametrize("compile_kwargs", [
    dict(loss="minimax"),
    dict(loss="wasserstein", gradient_penalty_weight=1.0, d_steps=2),  # noise in the penalty
])
def test_train_ring_gans_on_one_trainer_equal_separate_runs(compile_kwargs):
    kwargs = dict(steps=20, hidden=(8,), chunk=10, batch=32)
    together = ring.train_ring_gans(compile_kwargs, sgd, [1, 2, 1], **kwargs)
    for seed, run in zip([1, 2, 1], together, strict=True):
        alone = ring.train_ring_gan(compile_kwargs, sgd, seed, **kwargs)
        np.testing.assert_array_equal(run.samples, alone.samples)
        assert run.probes == alone.probes
    assert not np.allclose(together[0].samples, together[1].samples)


def test_train_ring_gans_needs_a_seed_and_checks_each():
    with pytest.raises(ValueError, match="at least one seed"):
        ring.train_ring_gans(dict(loss="minimax"), sgd, [], steps=10, chunk=10)
    with pytest.raises(ValueError, match="seed must be an int ≥ 0"):
        ring.train_ring_gans(dict(loss="minimax"), sgd, [0, -2], steps=10, chunk=10)


def test_train_ring_gan_reports_divergence_instead_of_raising():
    def nan_generator_loss(fake_logits, **_):
        return tf.reduce_mean(fake_logits) * np.nan

    run = ring.train_ring_gan(dict(loss=(nan_generator_loss, losses.modified_discriminator_loss)),
                              sgd, 0, steps=20, hidden=(8,), chunk=10, batch=32)
    assert run.samples is None and run.coverage is None
    assert "Training diverged at generator step" in run.diverged and "nan" in run.diverged


@pytest.mark.parametrize("kwargs, match", [
    (dict(steps=25, chunk=10), "multiple of chunk"),
    (dict(steps=0), "steps must be an int"),
    (dict(steps=10, chunk=10, batch=0), "batch must be an int"),
])
def test_train_ring_gan_rejects_bad_budgets(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ring.train_ring_gan(dict(loss="minimax"), sgd, 0, **kwargs)


def test_train_ring_gan_rejects_a_negative_seed_and_an_optimizer_object():
    with pytest.raises(ValueError, match="seed must be an int ≥ 0"):
        ring.train_ring_gan(dict(loss="minimax"), sgd, -1, steps=10, chunk=10)
    with pytest.raises(ValueError, match="function returning a new optimizer"):
        ring.train_ring_gan(dict(loss="minimax"), sgd(), 0, steps=10, chunk=10)


def test_train_ring_gan_rejects_label_smoothing_in_d_loss_kwargs():
    with pytest.raises(ValueError, match="label_smoothing= to compile"):
        ring.train_ring_gan(dict(loss="minimax", d_loss_kwargs={"label_smoothing": 0.0}), sgd, 0,
                            steps=10, chunk=10)


# ---------------------------------------------------------------- early_confidence
def test_early_confidence_summarises_the_blocks_up_to_first():
    run = fake_run([0.5, 0.4, 0.45, 0.1], [0.42, 0.3, 0.35, 0.01], [0.0, 0.02, 0.01, 0.9])
    got = ring.early_confidence(run, first=150)  # three blocks of 50; the fourth is ignored
    assert got["updates"] == 150
    assert got["mean"] == pytest.approx(0.45)
    assert got["lowest"] == pytest.approx(0.3)
    assert got["confident_share"] == pytest.approx(0.01)


def test_early_confidence_rejects_too_short_a_window_or_too_few_blocks():
    run = fake_run([0.5, 0.4], [0.4, 0.3], [0.0, 0.0])
    with pytest.raises(ValueError, match="shorter than one block"):
        ring.early_confidence(run, first=20)
    with pytest.raises(ValueError, match="recorded 2 blocks"):
        ring.early_confidence(run, first=300)


# ---------------------------------------------------------------- tables
def test_summarize_format_table_and_best_per_seed():
    results = {
        "minimax": [fake_run([0.5], [0.4], [0.0], coverage=coverage(8, 0.72)),
                    fake_run([0.5], [0.4], [0.0], coverage=coverage(7, 0.60))],
        "hinge": [fake_run([0.5], [0.4], [0.0], coverage=coverage(8, 0.80)),
                  fake_run([], [], [], diverged="Training diverged at generator step 7")],
    }
    summary = ring.summarize(results, [0, 1])
    assert summary["minimax"]["modes_captured"] == [8, 7]
    assert summary["hinge"]["high_quality_share"] == [0.8, None]
    assert summary["hinge"]["diverged"] == [None, "Training diverged at generator step 7"]
    table = ring.format_table(results, [0, 1])
    assert "minimax" in table and "72%" in table and "step 7" in table and "nan" not in table
    assert ring.best_per_seed(results, [0, 1]) == ["hinge", "minimax"]


def test_summarize_rejects_a_run_count_that_does_not_match_the_seeds():
    with pytest.raises(ValueError, match="1 runs for 2 seeds"):
        ring.summarize({"minimax": [fake_run([0.5], [0.4], [0.0], coverage=coverage(8, 0.7))]},
                       [0, 1])


def test_a_run_depends_on_its_seed_alone_not_on_the_global_seeds():
    samples = []
    for global_seed in (1, 2):
        keras.utils.set_random_seed(global_seed)
        samples.append(ring.train_ring_gan(dict(loss="minimax"), sgd, 4, steps=20, hidden=(8,),
                                           chunk=10, batch=32).samples)
    np.testing.assert_array_equal(*samples)
