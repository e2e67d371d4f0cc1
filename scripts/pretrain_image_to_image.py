"""Train lesson 10's translators (full-mode settings) and store their generators in ``data/``.

    python scripts/pretrain_image_to_image.py [--shard I/N] [--only KEY] [--merge]
        [--work DIR] [--out-dir data] [--epochs N] [--again]

Runs (:data:`course_utils.lessons.l10_image_to_image.pretrained.JOBS` lists them):

* the pix2pix ablation on ``edges_to_digit``, seeds 0 and 1: L1 alone, cGAN alone, L1 + GAN
  with a D that does not see the input, L1 + cGAN — U-Net and a 22 × 22 PatchGAN;
* seed 0 only: the output-layer check (L1 alone with a linear output layer instead of tanh)
  and the PatchGAN receptive-field comparison (L1 + cGAN with 1 × 1 and 46 × 46 patches).

Every run trains ``recipe.PRETRAIN_EPOCHS`` (2) epochs on the 4,000 training pairs,
deterministically (Keras seed + TensorFlow op determinism). Only the generators' weights are
kept, as float16, in one file, ``data/image_to_image_generators.npz``, and its line of
``SHA256SUMS`` is updated.
A run whose file is already in ``--work`` is skipped (``--again`` retrains it).
``--shard I/N`` runs every N-th job (into ``--work``, default ``build/pretrain_l10``) so two
processes can share the work; ``--merge`` then writes the data file. Without either, it
runs everything and merges. It prints each run's CPU time and quality (test L1 and spectrum
distance) and the total wall time.

用法：训练第 10 课的所有图像转换模型（消融、输出层检查、感受野比较），只保存
生成器权重（float16）到 ``data/image_to_image_generators.npz`` 并更新 ``SHA256SUMS``。
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


def _run(job, epochs: int, work: Path) -> None:
    import course_utils
    from course_utils.lessons.l10_image_to_image import measures, pretrained, recipe

    course_utils.setup(mode="full", seed=job.seed, lang="en")
    data = pretrained.task_data(job.task, "train")
    test = pretrained.task_data(job.task, "test")
    start = time.process_time()
    run = recipe.train(job.variant_spec(), data, epochs, receptive_field=job.receptive_field,
                       output_activation=job.activation, seed=job.seed)
    out = run.model.translate(test.source)
    arrays = {f"w{i:03d}": w.astype(np.float16) for i, w in
              enumerate(run.model.generator.get_weights())}
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, job.key), **arrays)
    print(f"{job.key}: {time.process_time() - start:.0f} s CPU, test L1 "
          f"{measures.l1(np.clip(out, -1, 1), test.target):.3f}, spectrum "
          f"{measures.spectrum_distance(np.clip(out, -1, 1), data.target[:1000]):.3f}",
          flush=True)


def _merge(work: Path, out_dir: Path) -> Path:
    from course_utils.lessons.l10_image_to_image import pretrained

    return merge_parts(work, [job.key for job in pretrained.JOBS], out_dir, pretrained.FILE)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l10_image_to_image import pretrained, recipe

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l10", ROOT / "data")
    parser.add_argument("--epochs", type=int, default=recipe.PRETRAIN_EPOCHS)
    args = parser.parse_args(argv)
    if args.epochs <= 0:
        parser.error("--epochs must be positive.")
    jobs = {job.key: job for job in pretrained.JOBS}
    return run_jobs(parser, args, jobs, lambda key: _run(jobs[key], args.epochs, args.work),
                    lambda: _merge(args.work, args.out_dir))


if __name__ == "__main__":
    raise SystemExit(main())
