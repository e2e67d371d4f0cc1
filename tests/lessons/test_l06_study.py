"""Lesson 06's mode experiment: settings, one stacked run per method, reading the runs."""

import dataclasses

import numpy as np
import pytest

from course_utils import training
from course_utils.lessons.l06_mode_collapse import study

TINY = study.ModeSettings(steps=20, eval_every=10, ring_seeds=2, grid_seeds=1, hidden=(8, 8),
                          batch_size=16, unroll_steps=1)


def test_for_mode_gives_the_documented_budgets():
    quick, standard, full = (study.ModeSettings.for_mode(m) for m in ("quick", "standard", "full"))
    assert (standard.steps, standard.hidden, standard.batch_size) == (2000, (64, 64), 128)
    assert (standard.ring_seeds, standard.grid_seeds) == (5, 0)
    assert (full.grid_seeds, quick.grid_seeds) == (10, 0)
    assert (full.steps, full.hidden, full.batch_size, full.ring_seeds) == (25_000, (128, 128), 512,
                                                                          10)
    assert quick.steps < standard.steps
    assert study.ModeSettings.for_mode("standard", pack=4).pack == 4


@pytest.mark.parametrize("kwargs, match", [
    (dict(steps=150, eval_every=100), "multiple"),
    (dict(batch_size=30, pack=4), "pack"),
    (dict(ring_seeds=0), "ring_seeds"),
    (dict(grid_seeds=-1), "grid_seeds"),
    (dict(unroll_steps=-1), "unroll_steps"),
])
def test_bad_settings_say_what_is_wrong(kwargs, match):
    with pytest.raises(ValueError, match=match):
        study.ModeSettings(**kwargs)


def test_unknown_mode_and_method_are_refused():
    with pytest.raises(ValueError, match="mode"):
        study.ModeSettings.for_mode("fast")
    with pytest.raises(ValueError, match="method"):
        study.build_trainer("vae", [0], TINY, 0)


def test_column_plan_puts_ring_seeds_first():
    assert study.column_plan(TINY, 7) == [("ring", 7), ("ring", 8), ("grid", 7)]


def test_measure_counts_a_mode_only_with_a_tenth_of_an_equal_share():
    centres, std = study.TARGETS["ring"]
    assert std == 0.05
    x = np.concatenate([np.repeat(centres[:1], 2468, 0), np.repeat(centres[1:2], 32, 0)])
    m = study.measure(x, "ring")
    assert m["captured"] == [0, 1] and m["veegan_modes"] == 2 and m["min_count"] == 32
    y = np.concatenate([np.repeat(centres[:1], 2469, 0), np.repeat(centres[2:3], 31, 0)])
    m = study.measure(y, "ring")
    assert m["captured"] == [0] and m["veegan_modes"] == 2  # 31 good samples: VEEGAN only


def test_the_fast_d_method_differs_from_the_gan_in_d_s_step_only():
    slow, fast = (study.build_trainer(m, [0], TINY, 0) for m in ("gan", "balanced"))
    assert float(slow.d_optimizer.learning_rate) == pytest.approx(TINY.d_lr)
    assert float(fast.d_optimizer.learning_rate) == pytest.approx(TINY.g_lr)
    assert float(fast.g_optimizer.learning_rate) == float(slow.g_optimizer.learning_rate)


def test_nearest_mode_share_sums_to_one():
    centres = study.TARGETS["ring"][0]
    share = study.nearest_mode_share(np.concatenate([centres[:1]] * 3 + [centres[2:3]]), centres)
    np.testing.assert_allclose(share, [0.75, 0, 0.25, 0, 0, 0, 0, 0])


@pytest.fixture(scope="module")
def gan_run():
    return study.run_method("gan", TINY, seed=3)


def test_run_method_measures_every_column_at_every_evaluation(gan_run):
    assert [(c.target, c.seed) for c in gan_run.columns] == [("ring", 3), ("ring", 4), ("grid", 3)]
    for col in gan_run.columns:
        assert col.steps == [0, 10, 20]
        assert col.samples.shape == (study.N_SAMPLES, 2)
        assert col.mass.shape == (3, len(study.TARGETS[col.target][0]))
        np.testing.assert_allclose(col.mass.sum(1), 1.0)
        assert sorted(col.snapshots) == [0, 10, 20]
        assert col.modes["modes_captured"] == len(col.captured[-1])
    assert gan_run.diverged is None and gan_run.cpu_s > 0
    assert len(gan_run.values("ring", "modes_captured")) == 2


def test_a_column_trains_as_the_same_gan_would_alone(gan_run):
    """Column 0 of a stack and a stack of that column alone draw from the same start."""
    alone = study.run_method("gan", TINY, seed=3, plan=[("ring", 3)])
    np.testing.assert_allclose(alone.columns[0].snapshots[0], gan_run.columns[0].snapshots[0],
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("method", ["balanced", "unrolled", "packing", "minibatch_std",
                                    "wgan_gp"])
def test_every_remedy_trains(method):
    run = study.run_method(method, TINY, seed=0, plan=[("ring", 0), ("grid", 0)])
    assert run.diverged is None
    assert [c.steps[-1] for c in run.columns] == [20, 20]
    assert all(np.isfinite(c.samples).all() for c in run.columns)


def test_a_diverged_run_says_so_and_keeps_what_was_measured(monkeypatch):
    def explode(self, *args, **kwargs):
        raise training.TrainingDiverged(7, "d_loss", float("nan"))

    monkeypatch.setattr(training.GAN, "fit", explode)
    run = study.run_method("gan", TINY, seed=0, plan=[("ring", 0)])
    assert "7" in run.diverged and run.columns[0].steps == [0]


def test_published_numbers_are_the_papers_table_1():
    v, p = study.PUBLISHED["veegan"], study.PUBLISHED["pacgan"]
    assert v["ring"]["gan"] == (1.0, 99.3) and v["ring"]["unrolled"] == (7.6, 35.6)
    assert v["grid"]["gan"] == (3.3, 0.5) and v["grid"]["unrolled"] == (23.6, 16.0)
    assert p["ring"] == {"gan": 6.3, "packing": 7.9} and p["grid"] == {"gan": 17.3, "packing": 23.8}


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        TINY.steps = 5
