"""Tests of course_utils.training.progressive: the growth schedule, the FadeIn callback and
ProgressiveGAN (fit, resume within and across a stage change, the divergence guard)."""

import keras
import numpy as np
import pytest
from trainer_helpers import Interrupt

from course_utils.models.progressive import progressive_discriminator, progressive_generator
from course_utils.training import TrainingDiverged
from course_utils.training.progressive import (
    FadeIn,
    GrowthSchedule,
    ProgressiveGAN,
    real_at_stage,
)

TINY = (4, 4, 2)
REAL = np.random.default_rng(0).uniform(-1, 1, (64, 28, 28, 1)).astype("float32")
SCHEDULE = GrowthSchedule((8, 8, 8), fade_steps=4)  # 4 rounds per epoch of batch 16


class CountingGAN(ProgressiveGAN):
    """Counts how often the step is traced (Python runs only while tracing)."""

    traces = 0

    def train_step(self, data):
        type(self).traces += 1
        return super().train_step(data)


def small(seed=0, lr=1e-3, cls=ProgressiveGAN, **compile_kwargs):
    model = cls(progressive_generator(8, TINY, seed=seed),
                progressive_discriminator(TINY, seed=seed + 1), seed=seed)
    model.compile(d_optimizer=keras.optimizers.Adam(lr, beta_1=0.0, beta_2=0.99),
                  g_optimizer=keras.optimizers.Adam(lr, beta_1=0.0, beta_2=0.99),
                  **compile_kwargs)
    return model


def _fit(model, epochs, callbacks=()):
    return model.fit(REAL, batch_size=16, epochs=epochs, verbose=0, shuffle=False,
                     callbacks=[FadeIn(SCHEDULE), *callbacks])


def test_schedule_gives_stage_and_a_linear_fade_in():
    s = GrowthSchedule((2, 4, 3), fade_steps=2)
    got = [s.at(i) for i in range(10)]
    assert got == [(0, 1.0), (0, 1.0), (1, 0.0), (1, 0.5), (1, 1.0), (1, 1.0),
                   (2, 0.0), (2, 0.5), (2, 1.0), (2, 1.0)]
    assert s.growth_steps == 6
    direct = GrowthSchedule((5,), 0, start_stage=2)
    assert direct.at(0) == (2, 1.0) and direct.at(99) == (2, 1.0)


@pytest.mark.parametrize("kwargs,word", [
    (dict(stage_steps=(1, 2), fade_steps=1), "one entry per stage"),
    (dict(stage_steps=(1, -2, 3), fade_steps=1), "ints ≥ 0"),
    (dict(stage_steps=(1, 2, 3), fade_steps=-1), "fade_steps"),
    (dict(stage_steps=(1,), fade_steps=0, start_stage=3), "stage must be 0, 1 or 2"),
])
def test_bad_schedules_get_clear_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        GrowthSchedule(**kwargs)


def test_real_images_are_pooled_to_the_stage_and_blended_during_the_fade():
    x = REAL[:2]
    assert tuple(real_at_stage(x, 0, 1.0).shape) == (2, 7, 7, 1)
    at1 = np.asarray(real_at_stage(x, 1, 1.0))
    faded = np.asarray(real_at_stage(x, 1, 0.0))
    np.testing.assert_allclose(faded[:, ::2, ::2], np.asarray(real_at_stage(x, 0, 1.0)),
                               atol=1e-6)  # α = 0: the 7×7 image, repeated
    assert not np.allclose(at1, faded)


def test_alpha_is_a_variable_read_by_the_step_so_a_fade_traces_once_per_stage():
    CountingGAN.traces = 0
    model = small(cls=CountingGAN)
    assert any(v is model.alpha for v in model.non_trainable_variables)
    _fit(model, 6)  # 24 rounds: α takes 8 values in two fades
    assert model.stage == 2 and float(model.alpha.numpy()) == 1.0
    assert CountingGAN.traces == 3


def test_a_stage_trains_only_its_own_layers():
    model = small()
    unused = [v.numpy().copy() for v in model.generator.to_rgb[2].trainable_variables]
    used = model.generator.to_rgb[0].kernel.numpy().copy()
    _fit(model, 2)  # 8 rounds: stage 0 only
    assert model.stage == 0
    for before, v in zip(unused, model.generator.to_rgb[2].trainable_variables, strict=True):
        np.testing.assert_array_equal(before, v.numpy())
    assert not np.array_equal(used, model.generator.to_rgb[0].kernel.numpy())




@pytest.mark.slow
@pytest.mark.parametrize("at_epoch", [1, 4], ids=["within_stage_0", "across_growth_to_28"])
def test_resumed_training_ends_where_an_uninterrupted_run_ends(tmp_path, at_epoch):
    straight = small(seed=2)
    _fit(straight, 6)
    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        _fit(small(seed=2), 6, [backup, Interrupt(at_epoch)])
    resumed = small(seed=2)  # a fresh process rebuilds the model
    _fit(resumed, 6, [backup])
    assert resumed.g_optimizer.iterations.numpy() == 24 and resumed.stage == 2
    for a, b in zip(straight.weights, resumed.weights, strict=True):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)


def test_a_huge_learning_rate_stops_with_a_divergence_message():
    model = small(lr=1e6, loss="least_squares")
    with pytest.raises(TrainingDiverged, match=r"diverged at generator step \d+"):
        model.fit(REAL * 1e3, batch_size=16, epochs=30, verbose=0)


def test_wrong_players_and_a_missing_schedule_get_clear_errors():
    with pytest.raises(ValueError, match="ProgressiveGenerator"):
        ProgressiveGAN(keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]),
                       progressive_discriminator(TINY))
    with pytest.raises(ValueError, match="GrowthSchedule"):
        FadeIn((1, 2, 3))
    model = small()
    with pytest.raises(RuntimeError, match="compile"):
        ProgressiveGAN(progressive_generator(8, TINY), progressive_discriminator(TINY)).fit(
            REAL, epochs=1, verbose=0)
    images = model.generate(3, stage=0)
    assert images.shape == (3, 28, 28, 1)
    with pytest.raises(ValueError, match="expected"):
        model.generate(2, z=np.zeros((2, 3)))
