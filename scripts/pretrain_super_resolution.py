"""Train lesson 10's super-resolution generators and store them in ``data/``.

    python scripts/pretrain_super_resolution.py [--shard I/N] [--only KEY] [--merge]
        [--work DIR] [--out-dir data] [--epochs N] [--again]

Runs (:data:`course_utils.lessons.l10_image_to_image.superres.JOBS` lists them): 4×
super-resolution of digits (``low_to_high``: 7 × 7 block means, bicubic back to 28 × 28 →
the original), a residual generator (SRResNet-style, 16 channels, 3 residual blocks)
trained with the pixel loss alone (L1, λ = 100) and with L1 + a conditional PatchGAN's
adversarial loss at weights 3 and 10; seeds 0, 1 and 2.

Every run trains ``superres.PRETRAIN_EPOCHS`` (2) epochs on the 4,000 training pairs
(batch 32, Adam 1e-3, β₁ = 0.5), deterministically (Keras seed + TensorFlow op
determinism). Only the generators' weights are kept, as float16, in one file,
``data/super_resolution_generators.npz``, and its line of ``SHA256SUMS`` is updated.
A run whose file is already in ``--work`` is skipped (``--again`` retrains it).
``--shard I/N`` runs every N-th job (into ``--work``, default ``build/pretrain_l10_sr``);
``--merge`` then writes the data file. Without either, it runs everything and merges. It
prints each run's CPU time and quality (test PSNR and spectrum distance) and the wall time.

用法：训练第 10 课的超分辨率生成器（只用像素损失；像素 + 对抗损失，权重 3 和 10；种子 0、1、2），
只保存生成器权重（float16）到 ``data/super_resolution_generators.npz`` 并更新 ``SHA256SUMS``。
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


def _run(key: str, epochs: int, work: Path) -> None:
    import course_utils
    from course_utils.lessons.l10_image_to_image import measures, pretrained, superres

    task, variant, seed = key.split("/")
    seed = int(seed.removeprefix("seed"))
    course_utils.setup(mode="full", seed=seed, lang="en")
    data, test = superres.task_data(task, "train"), superres.task_data(task, "test")
    run = superres.train(variant, data, epochs, seed=seed)
    out = pretrained.translate(run.model.generator, test.source)
    arrays = {f"w{i:03d}": w.astype(np.float16) for i, w in
              enumerate(run.model.generator.get_weights())}
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, key), **arrays)
    print(f"{key}: {run.cpu_s:.0f} s CPU, test PSNR {measures.psnr(out, test.target):.2f} dB "
          f"(bicubic {measures.psnr(test.source, test.target):.2f}), spectrum "
          f"{measures.spectrum_distance(out, data.target[:1000]):.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l10_image_to_image import superres

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l10_sr", ROOT / "data")
    parser.add_argument("--epochs", type=int, default=superres.PRETRAIN_EPOCHS)
    args = parser.parse_args(argv)
    if args.epochs <= 0:
        parser.error("--epochs must be positive.")
    return run_jobs(parser, args, superres.JOBS, lambda key: _run(key, args.epochs, args.work),
                    lambda: merge_parts(args.work, list(superres.JOBS), args.out_dir,
                                        superres.FILE))


if __name__ == "__main__":
    raise SystemExit(main())
