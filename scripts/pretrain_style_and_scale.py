"""Train lesson 13's stored runs and write ``data/style_and_scale_generators.npz``.

    python scripts/pretrain_style_and_scale.py [--work DIR] [--out-dir data] [--merge]
        [--only KEY] [--again]

Runs (:data:`course_utils.lessons.l13_style_and_scale.pretrained.JOBS`):

* ``faces/plain/seed{0,1}`` and ``faces/diffaugment/seed{0,1}``: the faces DCGAN of
  :mod:`~course_utils.lessons.l13_style_and_scale.recipe` on the 80 training faces of
  ``lfw_subset`` for ``recipe.STORED_FACE_STEPS`` steps of batch 32, without and with
  DiffAugment; D's mean logit on the training and held-out faces every 100 steps is kept
  (``…/curve_step``, ``…/curve_train``, ``…/curve_held_out``) with the generator's weights;
* ``style/seed{0,1}``: the small StyleGAN on the 4,000 bundled MNIST training digits for
  ``recipe.STORED_STYLE_STEPS`` steps of batch 32, with ``recipe.STYLE_RECIPE`` (D without
  batch norm, with a minibatch-standard-deviation feature, R1 γ = 1 on reals, Adam 1e-3).

Deterministic (Keras seed + TensorFlow op determinism), one TensorFlow thread. Generator
weights are kept as float16 (D is not kept). Each run is written to ``--work`` (default
``build/pretrain_l13``) and skipped when already there (``--again`` retrains); then the runs
are merged into the data file. Its SHA-256 is printed: put it in ``data/SHA256SUMS``.

用法：训练第 13 课存储的运行（人脸 DCGAN：有无 DiffAugment 各两个种子；小型 StyleGAN：两个种子），
StyleGAN 的判别器不用批归一化、加小批量标准差特征和 R1 惩罚；
把生成器权重（float16）和判别器的差距曲线写入 ``data/style_and_scale_generators.npz``。
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

os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


def _weights(model):
    return {f"g{i:03d}": w.astype(np.float16) for i, w in enumerate(model.get_weights())}


def _run(key: str, work: Path) -> None:
    import course_utils
    from course_utils.data import load_mnist
    from course_utils.data.image_folder import load_faces
    from course_utils.lessons.l13_style_and_scale import recipe

    kind, *rest = key.split("/")
    seed = int(key.rsplit("seed", 1)[1])
    course_utils.setup(mode="full", seed=seed, lang="en")
    start = time.process_time()
    if kind == "faces":
        augment = rest[0] == "diffaugment"
        run = recipe.train_faces(load_faces(split="train"), load_faces(split="held_out"),
                                 recipe.STORED_FACE_STEPS, augment=augment, seed=seed)
        arrays = _weights(run.gan.generator)
        for name in ("step", "train", "held_out"):
            arrays[f"curve_{name}"] = np.asarray(run.curve[name], np.float32)
        note = f"final gap {run.curve['gap'][-1]:+.2f}"
    else:
        x, _ = load_mnist()
        gan, _ = recipe.train_style(x, recipe.STORED_STYLE_STEPS, seed=seed)
        arrays = _weights(gan.generator)
        note = f"{recipe.STORED_STYLE_STEPS} steps"
    work.mkdir(parents=True, exist_ok=True)
    np.savez(part_file(work, key), **arrays)
    print(f"{key}: {time.process_time() - start:.0f} s CPU, {note}", flush=True)


def _merge(work: Path, out_dir: Path) -> Path:
    from course_utils.lessons.l13_style_and_scale import pretrained

    return merge_parts(work, pretrained.JOBS, out_dir, pretrained.FILE)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l13_style_and_scale import pretrained

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    job_arguments(parser, ROOT / "build" / "pretrain_l13", ROOT / "data")
    args = parser.parse_args(argv)
    return run_jobs(parser, args, pretrained.JOBS, lambda key: _run(key, args.work),
                    lambda: _merge(args.work, args.out_dir))


if __name__ == "__main__":
    raise SystemExit(main())
