"""Lesson 14's tone GAN: its recipe, its stored generators and the pitch measurements.

The recipe (:data:`RECIPE`) trains the tiny WaveGAN of :mod:`course_utils.models.wavegan` on
:mod:`course_utils.data.tones` with the shared trainer (``GAN.fit``): the non-saturating
loss with R1 on D, phase shuffle and a minibatch standard deviation in D, Adam for both.
It makes sounds of :data:`LENGTH` samples (a quarter of the real tones' 1,024, to fit the
CPU budget); their pitch is read the same way. ``scripts/pretrain_tone_gan.py`` trains
:data:`SEEDS` and stores the generators' weights (float16) in ``data/tone_gan_generators.npz``
under ``"seed<s>/w<i>"``. Defined in lesson 14.
"""

from __future__ import annotations

import functools

import keras
import numpy as np

from course_utils.data import tones
from course_utils.data.images import verified_path
from course_utils.models.wavegan import wavegan_discriminator, wavegan_generator
from course_utils.pretrained import set_bundled_weights
from course_utils.training import GAN

FILE = "tone_gan_generators.npz"
SEEDS = (0, 1)
LENGTH = 256  # samples per generated sound: 32 ms at 8 kHz
RECIPE = {"latent_dim": 32, "channels": 16, "phase_shuffle": 2, "minibatch_std": True,
          "loss": "non_saturating", "r1_weight": 1.0, "learning_rate": 1e-3, "beta_1": 0.5,
          "batch_size": 64}
PRETRAIN_STEPS = 1500
CHECK_EVERY = 100  # steps between two validation checks of KeepBest


def build(seed: int = 0, recipe=None) -> GAN:
    """The compiled tone GAN of ``recipe`` (default :data:`RECIPE`), players seeded by
    ``seed``: G ``(batch, 32)`` → ``(batch, LENGTH, 1)``, D with phase shuffle and the
    minibatch standard deviation."""
    r = {**RECIPE, **(recipe or {})}
    g = wavegan_generator(r["latent_dim"], r["channels"], length=LENGTH, seed=seed)
    d = wavegan_discriminator(r["channels"], length=LENGTH, seed=seed + 1,
                              phase_shuffle=r["phase_shuffle"],
                              minibatch_std=r["minibatch_std"])
    gan = GAN(g, d, seed=seed)

    def adam():
        return keras.optimizers.Adam(r["learning_rate"], beta_1=r["beta_1"])

    gan.compile(d_optimizer=adam(), g_optimizer=adam(), loss=r["loss"],
                r1_weight=r["r1_weight"])
    return gan


def training_tones(n: int = 16384, seed: int = 100) -> np.ndarray:
    """``n`` real tones of :data:`LENGTH` samples ``(n, LENGTH, 1)`` (seeded)."""
    return tones.tones(n, length=LENGTH, seed=seed)


def dataset(x, steps: int, seed: int = 0):
    """``steps`` batches of ``RECIPE["batch_size"]`` tones of ``x``, reshuffled each pass
    (NumPy ``seed``: the order depends on the seed only), as a ``tf.data.Dataset``."""
    import tensorflow as tf

    batch = RECIPE["batch_size"]
    rng = np.random.default_rng(seed)
    passes = -(-steps * batch // len(x))
    order = np.concatenate([rng.permutation(len(x)) for _ in range(passes)])[:steps * batch]
    return tf.data.Dataset.from_tensor_slices(x[order]).batch(batch, drop_remainder=True)


def generate(generator, n: int = 500, seed: int = 0, batch_size: int = 250) -> np.ndarray:
    """``n`` sounds ``(n, LENGTH, 1)`` from fixed noise N(0, 1) (NumPy ``seed``)."""
    z = np.random.default_rng(seed).standard_normal(
        (n, generator.input_shape[-1])).astype(np.float32)
    return np.concatenate([keras.ops.convert_to_numpy(generator(z[i:i + batch_size],
                                                                training=False))
                           for i in range(0, n, batch_size)])


def pitch_scores(waves, reference) -> dict:
    """``{"histogram", "distance", "coverage"}`` of a set of sounds: its pitch histogram
    (:func:`tones.pitch_histogram`, 6 bins), the total variation distance to the
    ``reference`` histogram and the number of the five pitches covered."""
    h = tones.pitch_histogram(tones.estimate_pitch(waves))
    return {"histogram": h.tolist(), "distance": tones.histogram_distance(h, reference),
            "coverage": tones.pitch_coverage(h)}


class KeepBest(keras.callbacks.Callback):
    """Every ``every`` generator steps, measure the pitch histogram distance of ``n``
    sounds from fixed validation noise (seed ``seed``) against ``n`` validation real tones
    (seed ``seed``; neither is the lesson's) and keep the generator's weights with the
    lowest distance: ``best_weights``, ``best`` (the distance), ``best_step`` and ``log``
    (``[(step, distance, coverage)]``)."""

    def __init__(self, every: int = CHECK_EVERY, n: int = 250, seed: int = 11):
        super().__init__()
        self.every, self.n, self.seed = every, n, seed
        self.reference = tones.pitch_histogram(tones.estimate_pitch(tones.tones(n, seed=seed)))
        self.best, self.best_step, self.best_weights, self.log = np.inf, 0, None, []
        self._step = 0

    def on_train_batch_end(self, batch, logs=None):
        self._step += 1
        if self._step % self.every == 0:
            self._check()

    def on_train_end(self, logs=None):
        if self._step % self.every:  # the last steps too
            self._check()

    def _check(self):
        g = self.model.generator
        s = pitch_scores(generate(g, self.n, seed=self.seed), self.reference)
        self.log.append((self._step, round(s["distance"], 3), s["coverage"]))
        if s["distance"] < self.best:
            self.best, self.best_step, self.best_weights = s["distance"], self._step, \
                g.get_weights()


def _advice() -> str:
    return ("Rebuild it with `python scripts/pretrain_tone_gan.py` (a few minutes of CPU), "
            f"or restore it with `git checkout -- data/{FILE} data/SHA256SUMS`.")


def load_generator(seed: int = 0, data_dir=None) -> keras.Model:
    """The stored tone generator of ``seed`` (one of :data:`SEEDS`)."""
    if seed not in SEEDS:
        raise ValueError(f"No stored tone generator for seed {seed!r}; stored: {SEEDS}.")
    path, sha = verified_path(FILE, _advice(), data_dir)
    return _load(seed, str(path.resolve()), sha)


@functools.lru_cache(maxsize=8)
def _load(seed: int, path: str, sha256: str) -> keras.Model:
    del sha256  # part of the cache key only
    g = wavegan_generator(RECIPE["latent_dim"], RECIPE["channels"], length=LENGTH, seed=0)
    with np.load(path, allow_pickle=False) as f:
        return set_bundled_weights(g, f, f"seed{seed}/", path, _advice())


def generator_weights(generator) -> dict:
    """``{"w<i>": float16 array}`` of a generator, as the file stores them."""
    return {f"w{i:03d}": w.astype(np.float16) for i, w in enumerate(generator.get_weights())}
