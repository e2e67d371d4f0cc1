"""The same DCGAN training on one device and under ``MirroredStrategy`` on two logical CPUs.
Defined in lesson 08.

Logical devices must be configured before TensorFlow initialises its devices, which a
lesson's set-up has already done; so the lesson runs this file in a fresh process::

    python course_utils/lessons/l08_dcgan/strategy_demo.py [--steps 12] [--batch 64]
        [--base-filters 16] [--seed 0]

or calls :func:`run` (which does exactly that). It trains, from the same initial weights on
the same real images (no shuffling), for ``--steps`` steps with global batch ``--batch``:

* ``one device``: ``OneDeviceStrategy("/cpu:0")``;
* ``2 replicas``: ``MirroredStrategy`` over ``/cpu:0`` and ``/cpu:1``, each replica gets
  half of every batch and computes its own batch-norm statistics on it;
* ``2 replicas, sync BN``: the same with synchronised batch norm (statistics over the
  global batch).

Every run uses the course's ``GAN``, whose replicas together draw the latent noise one
device draws (each takes its slice of the global batch's noise). The last line of stdout is
JSON: for each run the number of replicas, the median step time (ms, first step excluded:
it traces the graph), the final losses, and the largest, mean and median absolute difference
of its generator weights from the one-device run; plus whether the course's ``GAN`` gives
both replicas the same noise (it should not).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--batch", type=int, default=64, help="global batch size (even)")
    parser.add_argument("--base-filters", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.steps < 2 or args.batch < 2 or args.batch % 2 or args.base_filters < 1:
        parser.error("--steps >= 2, an even --batch >= 2 and --base-filters >= 1 are needed")
    return args


def _differences(weights, reference) -> dict:
    """Max, mean and median absolute difference between two lists of weight arrays."""
    import numpy as np

    diff = np.concatenate([np.abs(a - b).ravel() for a, b in zip(weights, reference, strict=True)])
    return {"max_weight_difference": float(diff.max()),
            "mean_weight_difference": float(diff.mean()),
            "median_weight_difference": float(np.median(diff))}


def main(argv=None) -> int:
    args = _parse(argv)
    sys.path.insert(0, str(ROOT))
    import course_utils

    course_utils.setup(mode="quick", seed=args.seed, lang="en")
    import keras
    import numpy as np
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    from course_utils.data import load_mnist, make_dataset
    from course_utils.lessons.l08_dcgan import distributed, recipe
    from course_utils.training import GAN

    x = load_mnist()[0][: args.steps * args.batch]

    def mirrored():
        # ReductionToOneDevice: the default all-reduce of two CPU devices fails with
        # synchronised batch norm (collectives out of order between the replicas).
        return tf.distribute.MirroredStrategy(
            ["/cpu:0", "/cpu:1"], cross_device_ops=tf.distribute.ReductionToOneDevice())

    runs = [("one device", tf.distribute.OneDeviceStrategy("/cpu:0"), False),
            ("2 replicas", mirrored(), False), ("2 replicas, sync BN", mirrored(), True)]

    class StepTimer(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            self.start = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            self.times = getattr(self, "times", []) + [time.perf_counter() - self.start]

    results, reference = [], None
    for name, strategy, sync in runs:
        with strategy.scope():
            gan = recipe.make_gan(64, args.base_filters, seed=args.seed, sync_batch_norm=sync)
        timer = StepTimer()
        history = gan.fit(make_dataset(x, batch_size=args.batch, shuffle=False), epochs=1,
                          verbose=0, callbacks=[timer])
        weights = [np.asarray(w) for w in gan.generator.weights]
        reference = weights if reference is None else reference
        results.append({
            "run": name, "replicas": int(strategy.num_replicas_in_sync),
            "global_batch": args.batch,
            "per_replica_batch": args.batch // strategy.num_replicas_in_sync,
            "step_ms": float(np.median(timer.times[1:]) * 1000), "steps": len(timer.times),
            "d_loss": float(history.history["d_loss"][-1]),
            "g_loss": float(history.history["g_loss"][-1]),
            **_differences(weights, reference)})
    strategy = mirrored()
    with strategy.scope():
        plain = recipe.make_gan(64, args.base_filters, seed=args.seed, gan_class=GAN)
    same = {"GAN": distributed.replicas_draw_the_same_noise(plain, strategy)}
    print(json.dumps({"runs": results, "replicas_draw_the_same_noise": same}))
    return 0


def run(steps=12, batch=64, base_filters=16, seed=0, timeout=600) -> dict:
    """Run this file in a fresh Python process and return its JSON result.

    Raises ``RuntimeError`` with the end of the child's stderr if it fails.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--steps", str(steps), "--batch",
           str(batch), "--base-filters", str(base_filters), "--seed", str(seed)]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", TF_ENABLE_ONEDNN_OPTS="0")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout,
                         check=False)
    lines = out.stdout.strip().splitlines()
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"The tf.distribute run failed (exit code {out.returncode}):\n"
                           f"{out.stderr[-2000:]}")
    return json.loads(lines[-1])


if __name__ == "__main__":
    raise SystemExit(main())
