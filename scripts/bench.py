"""Benchmarks that print figures (not part of the tests): ``make bench``.

    python scripts/bench.py [--only overhead dcgan lessons] [--cap 600] [--out build/bench.json]

1. **Trainer overhead**: step time of ``GAN.fit`` against a bare ``tf.function`` loop doing
   the same discriminator and generator updates on the same models and batch (goal ≤ 1.1).
2. **Time to quality against TensorFlow's DCGAN tutorial**: the tutorial's architecture and
   hyper-parameters, re-created here (G: Dense 7·7·256 → Conv2DTranspose 128, 64, 1 with batch
   norm and LeakyReLU, ≈ 2.3 M parameters; D: Conv 64 and 128, stride 2, dropout 0.3; Adam 1e-4;
   batch 256; latent 100), and lesson 08's DCGAN recipe, each trained on the bundled MNIST
   until the course classifier's Fréchet distance reaches ``--threshold`` or ``--cap`` seconds
   pass (reported as not reached). Prints both wall times and their ratio.
3. **Lesson wall times** in standard mode from ``build/results.json`` (``make course``); run
   with ``--run-course`` to produce it first.
Results go to ``build/bench.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()


# ----------------------------------------------------------------- 1. trainer overhead
def _overhead_models(seed=0):
    from course_utils import models

    return (models.mlp_generator(32, (28, 28, 1), hidden=(256, 256), output_activation="tanh",
                                 seed=seed),
            models.mlp_discriminator((28, 28, 1), hidden=(256, 256), seed=seed + 1))


def bare_loop_step_time(x, batch_size, steps, seed=0) -> float:
    """Seconds per step of a hand-written ``tf.function`` loop (the same two updates)."""
    import keras
    import tensorflow as tf

    g, d = _overhead_models(seed)
    g_opt, d_opt = keras.optimizers.Adam(2e-4, beta_1=0.5), keras.optimizers.Adam(2e-4, beta_1=0.5)
    seeds = keras.random.SeedGenerator(seed)
    data = iter(tf.data.Dataset.from_tensor_slices(x).repeat().batch(batch_size, True))

    @tf.function
    def step(real):
        z = keras.random.normal((batch_size, 32), seed=seeds)
        with tf.GradientTape() as tape:
            real_logits, fake_logits = d(real, training=True), d(g(z, training=True), training=True)
            d_loss = tf.reduce_mean(tf.nn.softplus(-real_logits) + tf.nn.softplus(fake_logits))
        d_opt.apply_gradients(zip(tape.gradient(d_loss, d.trainable_variables),
                                  d.trainable_variables, strict=True))
        z = keras.random.normal((batch_size, 32), seed=seeds)
        with tf.GradientTape() as tape:
            g_loss = tf.reduce_mean(tf.nn.softplus(-d(g(z, training=True), training=True)))
        g_opt.apply_gradients(zip(tape.gradient(g_loss, g.trainable_variables),
                                  g.trainable_variables, strict=True))
        return d_loss, g_loss

    for _ in range(20):  # trace and warm up
        step(next(data))
    start = time.perf_counter()
    for _ in range(steps):
        out = step(next(data))
    float(out[0])
    return (time.perf_counter() - start) / steps


def fit_step_time(x, batch_size, steps, seed=0) -> float:
    """Seconds per step of ``GAN.fit`` on the same models (after one warm-up epoch)."""
    import keras
    import tensorflow as tf

    from course_utils.training import GAN

    gan = GAN(*_overhead_models(seed), seed=seed)
    gan.compile(d_optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5),
                g_optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5), loss="non_saturating")
    data = tf.data.Dataset.from_tensor_slices(x).repeat().batch(batch_size, True)
    gan.fit(data, epochs=1, steps_per_epoch=20, verbose=0)
    start = time.perf_counter()
    gan.fit(data, epochs=1, steps_per_epoch=steps, verbose=0)
    return (time.perf_counter() - start) / steps


def overhead(batch_size=64, steps=300) -> dict:
    from course_utils.data import load_mnist

    x, _ = load_mnist()
    bare = min(bare_loop_step_time(x, batch_size, steps) for _ in range(2))
    fit = min(fit_step_time(x, batch_size, steps) for _ in range(2))
    return {"bare_ms": 1e3 * bare, "fit_ms": 1e3 * fit, "ratio": fit / bare,
            "batch_size": batch_size, "steps": steps}


# ----------------------------------------------------------------- 2. time to quality
def tutorial_dcgan(seed=0):
    """TensorFlow's DCGAN tutorial's players, re-created: (generator, discriminator)."""
    import keras
    from keras import layers

    init = keras.initializers.GlorotUniform
    g = keras.Sequential([
        keras.Input((100,)),
        layers.Dense(7 * 7 * 256, use_bias=False, kernel_initializer=init(seed)),
        layers.BatchNormalization(), layers.LeakyReLU(), layers.Reshape((7, 7, 256)),
        layers.Conv2DTranspose(128, 5, strides=1, padding="same", use_bias=False,
                               kernel_initializer=init(seed + 1)),
        layers.BatchNormalization(), layers.LeakyReLU(),
        layers.Conv2DTranspose(64, 5, strides=2, padding="same", use_bias=False,
                               kernel_initializer=init(seed + 2)),
        layers.BatchNormalization(), layers.LeakyReLU(),
        layers.Conv2DTranspose(1, 5, strides=2, padding="same", use_bias=False,
                               activation="tanh", kernel_initializer=init(seed + 3)),
    ], name="tutorial_generator")
    d = keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(64, 5, strides=2, padding="same", kernel_initializer=init(seed + 4)),
        layers.LeakyReLU(), layers.Dropout(0.3, seed=seed),
        layers.Conv2D(128, 5, strides=2, padding="same", kernel_initializer=init(seed + 5)),
        layers.LeakyReLU(), layers.Dropout(0.3, seed=seed + 1),
        layers.Flatten(), layers.Dense(1, kernel_initializer=init(seed + 6)),
    ], name="tutorial_discriminator")
    return g, d


def _tutorial_gan(seed):
    import keras

    from course_utils.training import GAN

    gan = GAN(*tutorial_dcgan(seed), seed=seed)
    gan.compile(d_optimizer=keras.optimizers.Adam(1e-4), g_optimizer=keras.optimizers.Adam(1e-4),
                loss="non_saturating")
    return gan, 256


def _course_gan(seed):
    from course_utils.lessons.l08_dcgan import pretrained, recipe

    s = pretrained.SETTINGS
    return recipe.make_gan(s["latent_dim"], s["base_filters"], seed=seed), s["batch_size"]


def time_to_quality(make, x, x_test, threshold, cap, every_s=20.0, seed=0) -> dict:
    """Train until the classifier Fréchet distance of 1,000 samples ≤ ``threshold``."""
    import tensorflow as tf

    from course_utils.metrics.features import load_classifier

    clf = load_classifier("mnist")
    gan, batch = make(seed)
    data = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=seed).repeat()
    data = data.batch(batch, drop_remainder=True)
    params = int(sum(w.numpy().size for w in gan.generator.trainable_weights))
    trained, steps, history, chunk = 0.0, 0, [], 25
    while trained < cap:
        start = time.perf_counter()
        gan.fit(data, epochs=1, steps_per_epoch=chunk, verbose=0)
        trained += time.perf_counter() - start
        steps += chunk
        if history and trained - history[-1]["s"] < every_s and trained < cap:
            continue
        distance = clf.frechet_distance(gan.generate(1000), x_test)
        history.append({"s": round(trained, 1), "steps": steps, "distance": round(distance, 2)})
        print(f"    {trained:6.1f} s, {steps:5d} steps: distance {distance:.1f}", flush=True)
        if distance <= threshold:
            return {"reached": True, "seconds": trained, "steps": steps,
                    "generator_params": params, "history": history}
    return {"reached": False, "seconds": trained, "steps": steps, "generator_params": params,
            "history": history}


def dcgan_race(threshold, cap) -> dict:
    from course_utils.data import load_mnist
    from course_utils.metrics.features import load_classifier

    x, _ = load_mnist()
    x_test, _ = load_mnist(split="test")
    baseline = load_classifier("mnist").real_baseline(x_test)
    result = {"threshold": threshold, "cap_s": cap, "real_baseline": baseline}
    for name, make in (("course", _course_gan), ("tutorial", _tutorial_gan)):
        print(f"  {name} DCGAN …", flush=True)
        result[name] = time_to_quality(make, x, x_test[:1000], threshold, cap)
    course, tutorial = result["course"], result["tutorial"]
    result["ratio"] = tutorial["seconds"] / course["seconds"] if course["reached"] else None
    return result


# ----------------------------------------------------------------- 3. lesson wall times
def lesson_times(run_course: bool) -> dict:
    results = ROOT / "build" / "results.json"
    if run_course:
        subprocess.run([sys.executable, str(ROOT / "tools" / "run_course.py"), "--mode",
                        "standard", "--out", str(ROOT / "build" / "executed")], check=True)
    if not results.exists():
        return {"missing": "run `make course` (or bench.py --run-course) first"}
    rows = json.loads(results.read_text())
    times = {r["lesson"]: round(r["seconds"], 1) for r in rows["lessons"]}
    return {"mode": rows["mode"], "lessons": times, "total_s": round(sum(times.values()), 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=["overhead", "dcgan", "lessons"])
    parser.add_argument("--threshold", type=float, default=40.0,
                        help="classifier Fréchet distance to reach (real baseline ≈ 3)")
    parser.add_argument("--cap", type=float, default=600.0, help="seconds per model at most")
    parser.add_argument("--run-course", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args(argv)
    out = {}
    if "overhead" in args.only:
        print("1. trainer overhead (GAN.fit vs a bare tf.function loop) …", flush=True)
        r = out["overhead"] = overhead()
        print(f"   bare {r['bare_ms']:.2f} ms/step, fit {r['fit_ms']:.2f} ms/step: "
              f"ratio {r['ratio']:.2f} (goal ≤ 1.1)")
    if "dcgan" in args.only:
        print(f"2. time to distance ≤ {args.threshold:g} (cap {args.cap:g} s per model) …")
        r = out["dcgan"] = dcgan_race(args.threshold, args.cap)
        for name in ("course", "tutorial"):
            m = r[name]
            took = f"{m['seconds']:.0f} s"
            state = took if m["reached"] else f"not reached in {took}"
            print(f"   {name}: {state} ({m['steps']} steps, "
                  f"G {m['generator_params']:,} parameters)")
        if r["ratio"] is not None:
            bound = "≥" if not r["tutorial"]["reached"] else "="
            print(f"   tutorial / course wall time {bound} {r['ratio']:.1f}×")
    if "lessons" in args.only:
        r = out["lessons"] = lesson_times(args.run_course)
        print("3. lesson wall times (standard mode):", json.dumps(r, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
