"""Train the pretrained DCGAN generators of lesson 08 and write them into ``data/``.

    python scripts/pretrain_generators.py [--dataset mnist fashion_mnist] [--epochs 40]
        [--seed 0] [--out-dir data]

For each data set: trains lesson 08's DCGAN recipe (``course_utils.lessons.l08_dcgan.recipe``:
Adam 2e-4, β₁ = 0.5, N(0, 0.02) initial weights, non-saturating loss) in full mode —
``pretrained.SETTINGS``: latent size 64, base filters 32, batch 64 — on the bundled training
split (4,000 images), deterministically (Keras seed + TensorFlow op determinism). Then it
measures 1,000 samples (fixed noise) with the course classifier — the Fréchet distance next
to the real baseline, the classes present — saves the generator's weights alone
(``data/dcgan_<dataset>_generator.weights.h5``), updates their line in ``SHA256SUMS`` and
prints the training time. About 4–5 min per data set on 2 busy CPU cores (measured: 265 s
for MNIST, 244 s for Fashion-MNIST).

用法：以第 08 课的 DCGAN 配方（完整模式）在随附的训练集上训练生成器，打印质量指标与用时，
保存生成器权重并更新 ``SHA256SUMS`` 中对应的一行。
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bundle import update_checksum  # noqa: E402

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


def load_training_split(dataset: str):
    from course_utils.data import load_fashion_mnist, load_mnist

    loaders = {"mnist": load_mnist, "fashion_mnist": load_fashion_mnist}
    return loaders[dataset](split="train")[0]


def train(dataset: str, epochs: int, seed: int, verbose=0):
    """Train lesson 08's DCGAN on ``dataset``; returns ``(generator, seconds)``."""
    import keras
    import tensorflow as tf

    from course_utils.lessons.l08_dcgan import pretrained, recipe

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    s = pretrained.SETTINGS
    gan, seconds = recipe.train_dcgan(load_training_split(dataset), epochs=epochs,
                                      batch_size=s["batch_size"], seed=seed,
                                      latent_dim=s["latent_dim"],
                                      base_filters=s["base_filters"], verbose=verbose)
    return gan.generator, seconds


def save_generator(generator, path: Path) -> None:
    """Save the weights alone, copied into the fresh generator the lesson loads them into."""
    from course_utils.lessons.l08_dcgan import pretrained

    clean = pretrained.build_generator()
    clean.set_weights(generator.get_weights())
    clean.save_weights(path)


def main(argv: list[str] | None = None) -> int:
    from course_utils.lessons.l08_dcgan import pretrained

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", nargs="+", choices=pretrained.DATASETS,
                        default=list(pretrained.DATASETS))
    parser.add_argument("--epochs", type=int, default=pretrained.SETTINGS["epochs"])
    parser.add_argument("--seed", type=int, default=pretrained.SETTINGS["seed"])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data",
                        help="where to write the weights and update SHA256SUMS (default: data/)")
    parser.add_argument("--verbose", type=int, default=0, help="Keras fit verbosity")
    args = parser.parse_args(argv)
    if args.epochs <= 0:
        parser.error("--epochs must be positive")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for dataset in args.dataset:
        generator, seconds = train(dataset, args.epochs, args.seed, args.verbose)
        ev = pretrained.measure(generator, dataset)
        name = pretrained.FILE.format(name=dataset)
        save_generator(generator, args.out_dir / name)
        digest = update_checksum(args.out_dir, name)
        print(f"{dataset}: training time {seconds:.0f} s ({args.epochs} epochs, seed {args.seed})")
        print(f"  Fréchet distance (course classifier, n={ev.n}) {ev.distance:.2f}, real "
              f"baseline {ev.baseline:.2f}, ratio {ev.ratio:.1f}")
        print(f"  classes present {ev.classes_present()}/10 (over 1 %: "
              f"{ev.classes_present(0.01)}), smallest share {min(ev.histogram):.3f}, "
              f"mean confidence {ev.confidence:.3f}")
        print(f"  wrote {args.out_dir / name} "
              f"({(args.out_dir / name).stat().st_size / 1024:.0f} KB), sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
