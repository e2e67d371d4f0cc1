"""Train lesson 09's conditional generators (full mode) and store them in ``data/``.

    python scripts/pretrain_conditional.py [--only label|text] [--seed 0] [--out-dir data]
        [--epochs N] [--text-epochs N]

* ``label``: a digit-conditional GAN (one-hot code in the generator, projection
  discriminator; :func:`course_utils.lessons.l09_conditional_gan.recipe.train_label_gan`,
  ``recipe.EPOCHS["full"]`` epochs) → ``data/mnist_cgan_generator.weights.h5``;
* ``text``: the toy text-to-image GAN (captions such as "a thick, slanted seven" from each
  training digit's label, stroke thickness and slant) → ``data/mnist_text_generator.weights.h5``.

Both train on the bundled MNIST training split (4,000 images), deterministically (Keras
seed + TensorFlow op determinism), store the generator's weights only, update their lines
of ``SHA256SUMS`` (other lines kept), and print the quality the lesson measures
(conditioning accuracy per digit with the course classifier, the thickness and slant gaps)
and the CPU and wall time.

用法：以 full 模式训练第 09 课的两个条件生成器（按数字标签、按文字描述），只保存生成器
权重并更新 ``SHA256SUMS`` 中对应的行，打印条件准确率、粗细与倾斜差距以及用时。
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
from bundle import update_checksum  # noqa: E402

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()

KINDS = ("label", "text")


def _save(generator, kind, out_dir: Path, seed: int) -> Path:
    """Weights alone, copied into a fresh generator (no optimizer state)."""
    from course_utils.lessons.l09_conditional_gan import pretrained

    clean = pretrained.build(kind)
    clean.set_weights(generator.get_weights())
    path = out_dir / pretrained.FILES[kind]
    clean.save_weights(path)
    return path


def _quality(kind, generator) -> str:
    from course_utils.lessons.l09_conditional_gan import evaluate
    from course_utils.metrics.features import load_classifier

    clf = load_classifier("mnist")
    if kind == "label":
        acc = evaluate.label_generator_accuracy(generator, clf)
        return (f"conditioning accuracy {acc.mean():.3f} (per digit "
                f"{np.round(acc, 3).tolist()})")
    res = evaluate.text_generator_quality(generator, clf)
    return (f"digit agreement {res['digit_accuracy']:.3f}, thickness gap "
            f"{res['gaps']['thickness']:+.3f} px, slant gap {res['gaps']['slant']:+.3f}")


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l09_conditional_gan import recipe

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=KINDS, action="append",
                        help="train only this generator (repeatable; default: both)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=recipe.EPOCHS["full"])
    parser.add_argument("--text-epochs", type=int, default=recipe.TEXT_EPOCHS["full"])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data",
                        help="where to write the weights and update SHA256SUMS (default: data/)")
    args = parser.parse_args(argv)
    if args.epochs <= 0 or args.text_epochs <= 0:
        parser.error("--epochs and --text-epochs must be positive")

    import keras
    import tensorflow as tf

    from course_utils.data import load_mnist
    from course_utils.lessons.l09_conditional_gan import strokes

    x, y = load_mnist()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for kind in args.only or KINDS:
        keras.utils.set_random_seed(args.seed)
        tf.config.experimental.enable_op_determinism()
        wall = time.perf_counter()
        if kind == "label":
            run = recipe.train_label_gan(x, y, args.epochs, seed=args.seed)
        else:
            rule = strokes.CaptionRule.fit(x, y)
            run = recipe.train_text_gan(x, rule.captions(x, y), args.text_epochs,
                                        seed=args.seed)
        wall = time.perf_counter() - wall
        path = _save(run.gan.generator, kind, args.out_dir, args.seed)
        digest = update_checksum(args.out_dir, path.name)
        print(f"{kind}: {_quality(kind, run.gan.generator)}")
        print(f"{kind}: training {run.cpu_s:.0f} s CPU, {wall:.0f} s wall")
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
