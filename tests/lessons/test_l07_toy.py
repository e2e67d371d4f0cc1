"""Lesson 07's toy GAN: spectral normalisation really happens inside GAN.fit (training=True
calls) and not with training=False calls alone; runs measure what they say."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils.lessons.l07_failure_to_converge import figures, toy
from course_utils.training import GAN

TOL = 0.05


def test_the_wrapper_does_not_change_the_initial_kernels():
    plain = toy.discriminator(2, (16, 16), spectral_norm=False, seed=3)
    wrapped = toy.discriminator(2, (16, 16), spectral_norm=True, seed=3)
    for a, b in zip(toy.dense_kernels(plain), toy.dense_kernels(wrapped), strict=True):
        assert np.array_equal(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b))
    assert len(toy.spectral_norms(wrapped)) == 3
    assert max(toy.spectral_norms(wrapped)) > 1 + TOL  # Glorot kernels are not normalised


def test_training_false_calls_alone_do_not_normalise():
    d = toy.discriminator(2, (16, 16), spectral_norm=True, seed=0)
    before = toy.spectral_norms(d)
    x = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
    for _ in range(20):
        d(x)  # training=False, the default
        d.predict(x, verbose=0)
    assert toy.spectral_norms(d) == before
    assert max(before) > 1 + TOL


def test_training_true_calls_normalise_by_power_iteration():
    d = toy.discriminator(2, (16, 16), spectral_norm=True, seed=0)
    x = np.zeros((4, 2), "float32") + 0.5
    for _ in range(100):  # one power iteration per call
        d(x, training=True)
    assert all(abs(s - 1.0) < TOL for s in toy.spectral_norms(d))


def test_gan_fit_normalises_the_wrapped_kernels_and_not_the_plain_ones():
    real = toy.ring(512, seed=0)
    norms = {}
    for sn in (False, True):
        gan = GAN(toy.generator(4, 2, (16,), seed=0),
                  toy.discriminator(2, (16, 16), spectral_norm=sn, seed=0), seed=0)
        gan.compile(d_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5),
                    g_optimizer=keras.optimizers.Adam(1e-3, beta_1=0.5))
        gan.fit(real, batch_size=64, epochs=5, verbose=0)  # 40 generator steps
        norms[sn] = toy.spectral_norms(gan.discriminator)
    assert all(s <= 1 + TOL for s in norms[True])
    assert all(s >= 1 - TOL for s in norms[True])
    assert max(norms[False]) > 1 + TOL


def test_a_short_run_measures_energy_and_drift_at_every_evaluation():
    run = toy.train(toy.Setting("tiny", spectral_norm=True), seed=0, steps=40, eval_every=10,
                    batch_size=32, n_eval=64, hidden=(8,), latent_dim=2)
    assert list(run.steps) == [10, 20, 30, 40]
    assert run.energy.shape == (4,) and np.all(run.energy >= 0)
    assert run.samples.shape == (4, 64, 2)
    assert run.final(2) == pytest.approx(np.median(run.energy[-2:]))
    moves = np.linalg.norm(np.diff(run.samples[-3:], axis=0), axis=-1).mean()
    assert run.drift(2) == pytest.approx(moves)
    assert len(run.d_sigma_max) == 2 and all(abs(s - 1) < 0.2 for s in run.d_sigma_max)
    with pytest.raises(ValueError, match="n_last must be <"):
        run.drift(4)
    fig = figures.toy_curves({"tiny": [run, run]}, toy.ring(100, seed=1))
    assert len(fig.axes) == 2
    plt.close(fig)


def test_a_reused_game_gives_the_same_runs_as_fresh_ones():
    kw = dict(steps=20, eval_every=10, batch_size=32, n_eval=32, hidden=(8,), latent_dim=2)
    setting = toy.Setting("x", spectral_norm=True)
    reused = toy.train_seeds(setting, [1, 2, 1], **kw)
    fresh = [toy.train(setting, seed=seed, **kw) for seed in (1, 2)]
    assert np.array_equal(reused[0].energy, fresh[0].energy)
    assert np.array_equal(reused[1].energy, fresh[1].energy)
    assert np.array_equal(reused[2].energy, reused[0].energy)  # back to seed 1's start
    assert not np.array_equal(reused[0].energy, reused[1].energy)


def test_the_power_iteration_start_is_seeded():
    a, b, c = (toy.discriminator(2, (8,), spectral_norm=True, seed=s) for s in (4, 4, 5))
    u = [[keras.ops.convert_to_numpy(layer.vector_u) for layer in m.layers
          if isinstance(layer, keras.layers.SpectralNormalization)] for m in (a, b, c)]
    assert len(u[0]) == 2
    assert all(np.array_equal(x, y) for x, y in zip(u[0], u[1], strict=True))
    assert not np.array_equal(u[0][0], u[2][0])


@pytest.mark.parametrize(("call", "match"), [
    (lambda: toy.Setting("x", d_lr=0.0), "d_lr must be"),
    (lambda: toy.Setting("x", g_lr=np.nan), "g_lr must be"),
    (lambda: toy.ToyGAN(toy.Setting("x"), steps=45, eval_every=10), "multiple of eval_every"),
    (lambda: toy.ToyGAN(toy.Setting("x"), n_eval=0), "n_eval must be"),
    (lambda: toy.discriminator(hidden=(0,)), "hidden width must be"),
    (lambda: toy.generator(latent_dim=0), "latent_dim must be"),
    (lambda: toy.spectral_norms(keras.Sequential([keras.Input((2,)), keras.layers.ReLU()])),
     "has no Dense layer"),
])
def test_bad_input_gives_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
