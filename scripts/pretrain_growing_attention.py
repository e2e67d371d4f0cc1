"""Train lesson 12's stored runs and keep their generators and measurements in ``data/``.

    python scripts/pretrain_growing_attention.py [--only KEY] [--merge] [--work DIR]
        [--out-dir data] [--again]

Runs (:data:`course_utils.lessons.l12_growing_and_attention.pretrained.JOBS` lists them),
each for seeds 0 and 1, one thread, deterministically (Keras seed + op determinism):

* ``progressive`` — progressive growing 7 → 14 → 28 pixels (300, 500, 900 rounds, each new
  block faded in over 250 rounds);
* ``direct`` — the same final network trained at 28×28 from the start (1,000 rounds, about
  the CPU time of the 1,700 progressive ones);
* ``sagan/attention`` and ``sagan/plain`` — the SAGAN-style pair with and without the
  self-attention blocks (1,600 rounds, hinge loss, D 4e-4 / G 1e-4).

Every 100 rounds each run measures the Fréchet distance of 1,000 samples (fixed noise) to the
1,000 bundled test digits on the course classifier's features, with the training time spent
so far; the SAGAN runs also record γ of both attention blocks. The generators' weights
(float16), the curves and the γ traces go into ``data/growing_attention_generators.npz``, and
its line of ``data/SHA256SUMS`` is written (the other lines are kept).
A run whose file is already in ``--work`` (default ``build/pretrain_l12``) is skipped.

用法：训练第 12 课保存的各次运行（渐进式增长、直接训练、带/不带自注意力的 SAGAN，
各两个种子），保存生成器权重（float16）、Fréchet 曲线和 γ 轨迹，并更新 ``SHA256SUMS``。
"""

from __future__ import annotations

import argparse
import os
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
os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")


def _run(job, work: Path) -> None:
    import course_utils
    from course_utils.lessons.l12_growing_and_attention import recipe
    from course_utils.metrics import load_classifier

    course_utils.setup(mode="full", seed=job.seed, lang="en")
    classifier = load_classifier()
    start, wall = time.process_time(), time.perf_counter()
    if job.kind in ("progressive", "direct"):
        schedule = recipe.PRETRAIN_GROWTH if job.kind == "progressive" else recipe.PRETRAIN_DIRECT
        run = recipe.train_progressive(schedule, job.seed, classifier)
    else:
        run = recipe.train_sagan(job.kind == "sagan/attention", recipe.PRETRAIN_SAGAN_STEPS,
                                 job.seed, classifier)
    arrays = {f"g/w{i:03d}": w.astype(np.float16)
              for i, w in enumerate(run.model.generator.get_weights())}
    arrays["curve"], arrays["gamma"] = run.curve, run.gamma
    arrays["cpu_s"] = np.float64(time.process_time() - start)
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, job.key), **arrays)
    print(f"{job.key}: {arrays['cpu_s']:.0f} s CPU ({time.perf_counter() - wall:.0f} s wall), "
          f"Fréchet {run.curve[0, 3]:.1f} -> {run.curve[-1, 3]:.1f}"
          + (f", γ_G {run.gamma[-1, 1]:+.3f} γ_D {run.gamma[-1, 2]:+.3f}"
             if len(run.gamma) else ""), flush=True)


def _merge(work: Path, out_dir: Path) -> Path:
    from course_utils.lessons.l12_growing_and_attention import pretrained

    return merge_parts(work, [job.key for job in pretrained.JOBS], out_dir, pretrained.FILE)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l12_growing_and_attention import pretrained

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l12", ROOT / "data")
    args = parser.parse_args(argv)
    jobs = {job.key: job for job in pretrained.JOBS}
    return run_jobs(parser, args, jobs, lambda key: _run(jobs[key], args.work),
                    lambda: _merge(args.work, args.out_dir))


if __name__ == "__main__":
    raise SystemExit(main())
