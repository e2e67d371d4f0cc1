"""Train the course classifier and write ``data/<dataset>_classifier.weights.h5``.

    python scripts/train_classifier.py [--dataset mnist] [--epochs 15] [--seed 0]
        [--out-dir data]

Trains :func:`course_utils.metrics.features.build_classifier` on the bundled training
split (4,000 images) with Adam, deterministically (``keras.utils.set_random_seed`` and
TensorFlow op determinism), prints the held-out accuracy on the bundled test split
(1,000 images) and the wall time, saves the weights and updates the file's line in
``SHA256SUMS`` (other lines kept). About 30–40 s on 2 CPU cores.

用法：在随仓库附带的训练集上训练课程分类器，打印测试集准确率与用时，保存权重并
更新 ``SHA256SUMS`` 中对应的一行。
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


def _mnist(split):
    from course_utils.data import load_mnist

    return load_mnist(split=split)


# One loader per data set: ``split`` ("train" / "test") → (images (N, 28, 28, 1) in
# [-1, 1], int labels).
def _fashion_mnist(split):
    from course_utils.data import load_fashion_mnist

    return load_fashion_mnist(split=split)


DATASETS = {"mnist": _mnist, "fashion_mnist": _fashion_mnist}


def train(dataset="mnist", epochs=15, seed=0, batch_size=64, verbose=0):
    """Train a fresh classifier; returns ``(model, held-out accuracy, seconds)``.

    Training sees each image shifted by up to ±2 pixels (a seeded ``RandomTranslation``
    in front of the classifier, active in training only and not saved), which makes the
    classifier less sensitive to where a generated digit sits.
    """
    import keras
    import tensorflow as tf

    from course_utils.metrics.features import IMAGE_SHAPE, build_classifier

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    x_train, y_train = DATASETS[dataset]("train")
    x_test, y_test = DATASETS[dataset]("test")
    start = time.perf_counter()
    model = build_classifier(seed=seed)
    image = keras.Input(IMAGE_SHAPE)
    shift = keras.layers.RandomTranslation(0.08, 0.08, fill_mode="constant", fill_value=-1.0,
                                           seed=seed + 1)
    trainer = keras.Model(image, model(shift(image)))
    trainer.compile(optimizer=keras.optimizers.Adam(1e-3),
                    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                    metrics=["accuracy"])
    trainer.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, shuffle=True,
                verbose=verbose)
    seconds = time.perf_counter() - start
    pred = np.asarray(model.predict(x_test, batch_size=500, verbose=0)).argmax(axis=1)
    return model, float((pred == y_test).mean()), seconds


def save_weights(model, path: Path, seed=0) -> None:
    """Save the weights alone (no optimizer state): copied into a fresh, uncompiled model."""
    from course_utils.metrics.features import build_classifier

    clean = build_classifier(seed=seed)
    clean.set_weights(model.get_weights())
    clean.save_weights(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="mnist")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data",
                        help="where to write the weights and update SHA256SUMS (default: data/)")
    parser.add_argument("--verbose", type=int, default=0, help="Keras fit verbosity")
    args = parser.parse_args(argv)
    if args.epochs <= 0:
        parser.error("--epochs must be positive")

    from course_utils.metrics.features import CLASSIFIER_FILE

    model, acc, seconds = train(args.dataset, args.epochs, args.seed, verbose=args.verbose)
    print(f"held-out accuracy {acc:.4f} ({args.dataset}, bundled test split)")
    print(f"training time {seconds:.1f} s ({args.epochs} epochs)")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    filename = CLASSIFIER_FILE.format(name=args.dataset)
    path = args.out_dir / filename
    save_weights(model, path, args.seed)
    digest = update_checksum(args.out_dir, filename)
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB, "
          f"{model.count_params()} parameters)\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
