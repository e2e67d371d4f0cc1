"""Train lesson 11's CycleGAN ablation and CoGANs and store their generators in ``data/``.

    python scripts/pretrain_unpaired.py [--only KEY] [--work DIR] [--out-dir data]
        [--steps N] [--cogan-steps N] [--again] [--merge]

Runs (:data:`course_utils.lessons.l11_unpaired_translation.pretrained.JOBS` lists them), on
the ``thin_thick`` task (digits as drawn ↔ bold digits, disjoint halves of the training
split), seeds 0 and 1 (CoGAN: seeds 0, 1 and 2):

* CycleGAN: the full model (GAN + cycle + identity), GAN + cycle without identity, GAN +
  the forward cycle only, GAN alone, cycle alone — ``recipe.PRETRAIN_STEPS`` rounds each;
* CoGAN with and without weight sharing — ``recipe.COGAN_STEPS`` rounds each.

Deterministic (Keras seed + TensorFlow op determinism). Only the generators' weights are
kept, as float16, in one file, ``data/unpaired_translation_generators.npz``; its line in
``SHA256SUMS`` is written (the other lines are kept). A run whose
file is already in ``--work`` (default ``build/pretrain_l11``) is skipped (``--again``
retrains it); ``--merge`` only writes the data file. It prints each run's CPU time and a
quality line, and the total wall time.

用法：训练第 11 课的 CycleGAN 消融实验（种子 0、1）与 CoGAN（种子 0、1、2），
只保存生成器权重（float16）到 ``data/unpaired_translation_generators.npz``，
并替换 ``SHA256SUMS`` 中它的那一行。
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bundle import job_arguments, merge_parts, part_file, run_jobs  # noqa: E402

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


def _run(job, steps: int, cogan_steps: int, work: Path) -> None:
    import course_utils
    from course_utils.lessons.l11_unpaired_translation import pretrained, recipe

    course_utils.setup(mode="full", seed=job.seed, lang="en")
    train = pretrained.task_data("train")
    test = pretrained.task_data("test")
    if job.kind == "cycle":
        run = recipe.train(recipe.VARIANTS[job.variant], train, steps, seed=job.seed)
        out = run.model.translate(test.a)
        quality = (f"test L1(G(a), bold a) {np.abs(np.clip(out, -1, 1) - test.b_of_a).mean():.3f}"
                   f" (copy {np.abs(test.a - test.b_of_a).mean():.3f})")
    else:
        run = recipe.train_cogan(pretrained.COGAN_VARIANTS[job.variant], train, cogan_steps,
                                 seed=job.seed)
        xa, xb = run.model.pairs(200)
        quality = f"ink share a {np.mean(xa > 0):.3f}, b {np.mean(xb > 0):.3f}"
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, job.key), **pretrained.generator_weights(run.model, job.kind))
    print(f"{job.key}: {run.cpu_s:.0f} s CPU, {quality}", flush=True)


def _merge(work: Path, out_dir: Path) -> Path:
    from course_utils.lessons.l11_unpaired_translation import pretrained

    return merge_parts(work, [job.key for job in pretrained.JOBS], out_dir, pretrained.FILE)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l11_unpaired_translation import pretrained, recipe

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l11", ROOT / "data")
    parser.add_argument("--steps", type=int, default=recipe.PRETRAIN_STEPS)
    parser.add_argument("--cogan-steps", type=int, default=recipe.COGAN_STEPS)
    args = parser.parse_args(argv)
    if args.steps <= 0 or args.cogan_steps <= 0:
        parser.error("--steps and --cogan-steps must be positive.")
    jobs = {job.key: job for job in pretrained.JOBS}
    return run_jobs(parser, args, jobs,
                    lambda key: _run(jobs[key], args.steps, args.cogan_steps, args.work),
                    lambda: _merge(args.work, args.out_dir))


if __name__ == "__main__":
    raise SystemExit(main())
