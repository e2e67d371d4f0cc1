"""Lesson 12's recipe: the players it builds, the trackers and the growth snapshots."""

import numpy as np
import pytest

from course_utils.lessons.l12_growing_and_attention import recipe
from course_utils.models.attention import attention_layer
from course_utils.training.progressive import GrowthSchedule


def test_players_are_small_and_compiled_with_the_papers_settings():
    prog = recipe.build_progressive(seed=0)
    assert prog.generator.count_params() < 60_000
    assert prog.discriminator.count_params() < 60_000
    assert float(prog.g_optimizer.beta_1) == 0.0
    sagan = recipe.build_sagan(True, seed=0)
    assert float(sagan.d_optimizer.learning_rate) == pytest.approx(4e-4)
    assert float(sagan.g_optimizer.learning_rate) == pytest.approx(1e-4)
    assert attention_layer(sagan.generator) is not None


def test_schedules_train_whole_epochs_and_the_direct_run_starts_at_28():
    for schedule in (recipe.PRETRAIN_GROWTH, recipe.PRETRAIN_DIRECT):
        assert recipe.total_steps(schedule) % recipe.STEPS_PER_EPOCH == 0
    assert recipe.PRETRAIN_DIRECT.at(0) == (2, 1.0)
    assert recipe.LIVE_GROWTH["standard"].at(0) == (0, 1.0)


class _FakeClassifier:
    def features(self, x):
        x = np.asarray(x).reshape(len(x), -1)
        return np.stack([x.mean(1), x.std(1), x[:, 0]], axis=1)


@pytest.mark.slow
def test_a_short_progressive_run_records_snapshots_and_a_frechet_curve():
    schedule = GrowthSchedule((4, 4, 4), fade_steps=2)
    snaps = recipe.GrowthSnapshots(schedule, recipe.eval_noise(2, seed=0))
    run = recipe.train_progressive(schedule, seed=0, classifier=_FakeClassifier(), every=4,
                                   callbacks=[snaps])
    assert sorted(snaps.shots) == [(0, 1.0), (1, 0.0), (1, 0.5), (1, 1.0), (2, 0.0), (2, 0.5),
                                   (2, 1.0)]
    assert snaps.shots[(1, 0.5)].shape == (2, 14, 14, 1)
    assert run.curve.shape == (4, 4)  # before training and after rounds 4, 8, 12
    np.testing.assert_array_equal(run.curve[:, 0], [0, 4, 8, 12])
    assert np.all(np.diff(run.curve[:, 1]) > 0)  # training time accumulates


@pytest.mark.slow
def test_a_short_sagan_run_records_gamma_of_both_players():
    recipe_steps = recipe.STEPS_PER_EPOCH
    run = recipe.train_sagan(True, recipe_steps, seed=0, classifier=None, every=50)
    assert run.gamma.shape == (3, 3)
    assert run.gamma[0, 1] == 0.0 and run.gamma[0, 2] == 0.0  # γ starts at 0
    assert np.any(run.gamma[-1, 1:] != 0.0)  # and training moves it
