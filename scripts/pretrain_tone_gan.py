"""Train lesson 14's tone GAN (a tiny WaveGAN) and store its generators in ``data/``.

    python scripts/pretrain_tone_gan.py [--only seedS] [--work DIR] [--out-dir data]
        [--steps N] [--again] [--merge]

One run per seed of :data:`course_utils.lessons.l14_evaluation_and_responsible_use.sounds.SEEDS`
with ``sounds.RECIPE`` for ``sounds.PRETRAIN_STEPS`` generator steps (``GAN.fit``, one
thread is enough). The generator hops between subsets of the pitches as it trains, so the
run keeps the checkpoint (every ``sounds.CHECK_EVERY`` steps) with the lowest pitch
histogram distance on a **validation** set (its own real tones and noise, not the
lesson's: ``sounds.KeepBest``). Deterministic (Keras seed + TensorFlow op determinism). Only the
generator's weights are kept, as float16, in one file, ``data/tone_gan_generators.npz``;
its line in ``SHA256SUMS`` is written (the other lines are kept). A run whose file is
already in ``--work`` (default ``build/pretrain_l14``) is skipped (``--again`` retrains
it); ``--merge`` only writes the data file. It prints each run's CPU time and its pitch
histogram distance and coverage (measured with the float16 weights), and the wall time.

用法：训练第 14 课的音调 GAN（小型 WaveGAN），每个种子一次，只保存生成器权重（float16）到
``data/tone_gan_generators.npz``，并替换 ``SHA256SUMS`` 中它的那一行。
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bundle import job_arguments, merge_parts, part_file, run_jobs  # noqa: E402

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


def _key(seed: int) -> str:
    return f"seed{seed}"


def _run(seed: int, steps: int, work: Path) -> None:
    import course_utils
    from course_utils.data import tones
    from course_utils.lessons.l14_evaluation_and_responsible_use import sounds

    course_utils.setup(mode="full", seed=seed, lang="en")
    x = sounds.training_tones(seed=100 + seed)
    gan = sounds.build(seed)
    keeper = sounds.KeepBest()
    start = time.process_time()
    gan.fit(sounds.dataset(x, steps, seed), epochs=1, steps_per_epoch=steps, verbose=0,
            callbacks=[keeper])
    cpu = time.process_time() - start
    gan.generator.set_weights(keeper.best_weights)
    weights = sounds.generator_weights(gan.generator)
    gan.generator.set_weights([w.astype(np.float32) for w in weights.values()])
    reference = tones.pitch_histogram(tones.estimate_pitch(tones.tones(1000, seed=1)))
    scores = sounds.pitch_scores(sounds.generate(gan.generator, 500, seed=7), reference)
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, _key(seed)), **weights)
    print(f"{_key(seed)}: {steps} steps, kept step {keeper.best_step} (validation distance "
          f"{keeper.best:.2f}; every check: {keeper.log})", flush=True)
    print(f"{_key(seed)}: {steps} steps, {cpu:.0f} s CPU, pitch histogram distance "
          f"{scores['distance']:.2f}, {scores['coverage']} of 5 pitches covered, histogram "
          f"{np.round(scores['histogram'], 2).tolist()}", flush=True)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l14_evaluation_and_responsible_use import sounds

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l14", ROOT / "data")
    parser.add_argument("--steps", type=int, default=sounds.PRETRAIN_STEPS)
    args = parser.parse_args(argv)
    if args.steps <= 0:
        parser.error("--steps must be positive.")
    seeds = {_key(s): s for s in sounds.SEEDS}
    return run_jobs(parser, args, seeds, lambda key: _run(seeds[key], args.steps, args.work),
                    lambda: merge_parts(args.work, list(seeds), args.out_dir, sounds.FILE))


if __name__ == "__main__":
    raise SystemExit(main())
