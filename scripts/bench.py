"""Benchmarks that print figures (not part of the tests): ``make bench``.

    python scripts/bench.py [--only overhead dcgan lessons] [--pairs 7] [--trial-s 2.5]
        [--steps-per-execution 1] [--clock cpu|wall] [--threads 1]
        [--thresholds 200 150 100 60 40] [--cap 600] [--course-cap S] [--tutorial-cap S]
        [--sides course tutorial] [--run-course] [--out build/bench.json]

    make bench BENCH_ARGS="--only dcgan --tutorial-cap 1200"

Timings on a shared machine move with the other jobs on it, so every figure here is a set
of trials and is printed as its **median (min–max over the trials)**; comparisons are made
per pair of interleaved trials (A, B, A, B, …), so a burst of load hits both sides of a
pair, and the printed ratio is the median (min–max) of the per-pair ratios. The statistics
live in ``scripts/benchstats.py``.

Two clocks are recorded for every timing: **wall** time, and **cpu**, this process's CPU
time (all its threads). TensorFlow runs with ``--threads`` intra- and inter-op threads
(default 1, so both sides of a comparison get the same single core's worth of work and the
CPU clock reads what the wall clock would read on an idle core); ``--clock`` picks the
headline (default ``cpu``: on a machine shared with other jobs, wall time measures mostly
the other jobs). ``--threads 0`` leaves TensorFlow's own choice.

1. **Trainer overhead**: seconds per step of ``GAN.fit`` (its divergence guard and metric
   trackers included) against a bare ``tf.function`` loop doing the same discriminator and
   generator updates on the same models, batch and data (goal: ratio ≤ 1.1). Both sides
   are built, traced and warmed up before the first pair (warm-up not measured); then
   ``--pairs`` (≥ 5) interleaved pairs of trials of one fixed number of steps, chosen from a
   timed probe so that a bare trial lasts about 1.2 × ``--trial-s`` (≥ 2; default 2.5) on
   the faster clock; the shortest trial is recorded (``trial_s_min``). Both sides run
   ``--steps-per-execution`` steps per call (default 1: what ``fit`` does unless told).
2. **Time to quality against TensorFlow's DCGAN tutorial**, as a threshold ladder: the
   tutorial's architecture and hyper-parameters, re-created here (G: Dense 7·7·256 →
   Conv2DTranspose 128, 64, 1 with batch norm and LeakyReLU, ≈ 2.3 M parameters; D: Conv 64
   and 128, stride 2, dropout 0.3; Adam 1e-4; batch 256; latent 100; trained here with
   ``GAN.fit``, i.e. D then G each step), and lesson 08's DCGAN recipe. Each trains ONCE
   (seed 0) on the bundled MNIST, and the course classifier's Fréchet distance of 1,000
   samples (against 1,000 test images) is measured on a geometric schedule of training time
   (every ``--check-growth`` × the time so far, at least 2 s apart; evaluations not counted,
   tracing counted). The ladder gives, for each of ``--thresholds``, the training time at
   which each run first measured a distance at or below it (and the check before, the
   resolution), and the tutorial / course ratio for every threshold both reach (a lower
   bound "≥" when only the course reached it). Each side stops at its lowest threshold or at
   its cap in seconds of the headline clock (``--cap``, or ``--course-cap`` /
   ``--tutorial-cap``: give the tutorial ≥ 1200 s). ``--sides`` runs one side and takes the
   other from ``--out``'s last race (same thresholds and clock). The untrained generator's
   distance and the real baseline (1,000 training vs 1,000 test images) are recorded.
   One run per side: these are single measurements, not medians.
3. **Lesson wall times** in standard mode from ``build/results.json`` (``make course JOBS=1``:
   one lesson at a time; one run per lesson, not a median); run with ``--run-course`` to
   produce it first.

Every section of ``build/bench.json`` records the machine it ran on (cores, CPU model,
platform, Python / TensorFlow / Keras versions, thread settings, load average) and when; a
run updates the sections it measured and keeps the others.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import benchstats  # noqa: E402

from course_utils.setup import quiet_tensorflow_env  # noqa: E402

quiet_tensorflow_env()

THRESHOLDS = (200.0, 150.0, 100.0, 60.0, 40.0)
MIN_PAIRS, MIN_TRIAL_S = 5, 2.0


def machine_info() -> dict:
    """Where and how a figure was measured (recorded beside it in ``bench.json``)."""
    import platform

    import keras
    import tensorflow as tf

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    return {
        "when_utc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cpu_count": os.cpu_count(), "usable_cores": usable, "cpu_model": benchstats.cpu_model(),
        "platform": platform.platform(), "python": platform.python_version(),
        "tensorflow": tf.__version__, "keras": keras.__version__,
        "threads_env": benchstats.thread_settings(),
        "tf_intra_op_threads": tf.config.threading.get_intra_op_parallelism_threads(),
        "tf_inter_op_threads": tf.config.threading.get_inter_op_parallelism_threads(),
        "gpus": len(tf.config.list_physical_devices("GPU")),
        "load_average_1_5_15": [round(v, 2) for v in os.getloadavg()]
        if hasattr(os, "getloadavg") else None,
    }


# ----------------------------------------------------------------- 1. trainer overhead
LATENT = 32


def _overhead_models(seed=0):
    from course_utils import models

    return (models.mlp_generator(LATENT, (28, 28, 1), hidden=(256, 256),
                                 output_activation="tanh", seed=seed),
            models.mlp_discriminator((28, 28, 1), hidden=(256, 256), seed=seed + 1))


def _adam():
    import keras

    return keras.optimizers.Adam(2e-4, beta_1=0.5)


def _dataset(x, batch_size):
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices(x).repeat().batch(batch_size, drop_remainder=True)


class BareLoop:
    """A hand-written loop: one ``tf.function`` call runs ``steps_per_execution`` rounds of
    the D update then the G update (non-saturating loss), reading batches from a
    ``tf.data`` iterator inside the function, as ``fit`` does."""

    def __init__(self, x, batch_size, steps_per_execution=1, seed=0):
        import keras
        import tensorflow as tf

        g, d = _overhead_models(seed)
        g_opt, d_opt = _adam(), _adam()
        seeds = keras.random.SeedGenerator(seed)
        self.iterator = iter(_dataset(x, batch_size))
        self.steps_per_execution = steps_per_execution

        def one_round(real):
            z = keras.random.normal((batch_size, LATENT), seed=seeds)
            with tf.GradientTape() as tape:
                real_logits = d(real, training=True)
                fake_logits = d(g(z, training=True), training=True)
                d_loss = tf.reduce_mean(tf.nn.softplus(-real_logits) +
                                        tf.nn.softplus(fake_logits))
            d_opt.apply_gradients(zip(tape.gradient(d_loss, d.trainable_variables),
                                      d.trainable_variables, strict=True))
            z = keras.random.normal((batch_size, LATENT), seed=seeds)
            with tf.GradientTape() as tape:
                g_loss = tf.reduce_mean(tf.nn.softplus(-d(g(z, training=True), training=True)))
            g_opt.apply_gradients(zip(tape.gradient(g_loss, g.trainable_variables),
                                      g.trainable_variables, strict=True))
            return d_loss, g_loss

        @tf.function
        def call(iterator):
            out = one_round(next(iterator))
            if steps_per_execution > 1:
                for _ in tf.range(steps_per_execution - 1):
                    out = one_round(next(iterator))
            return out

        self.call = call

    def run(self, steps: int) -> None:
        """Run ``steps`` steps (a multiple of ``steps_per_execution``)."""
        for _ in range(steps // self.steps_per_execution):
            out = self.call(self.iterator)
        float(out[0])  # wait for the last step


class FitLoop:
    """``GAN.fit`` (with its divergence guard and metric trackers) on the same models and
    data, ``steps_per_execution`` steps per call of its train function."""

    def __init__(self, x, batch_size, steps_per_execution=1, seed=0):
        from course_utils.training import GAN

        self.gan = GAN(*_overhead_models(seed), seed=seed)
        self.gan.compile(d_optimizer=_adam(), g_optimizer=_adam(), loss="non_saturating",
                         steps_per_execution=steps_per_execution)
        self.data = _dataset(x, batch_size)
        self.steps_per_execution = steps_per_execution

    def run(self, steps: int) -> None:
        """Run ``steps`` steps (a multiple of ``steps_per_execution``): one ``fit`` call."""
        self.gan.fit(self.data, epochs=1, steps_per_epoch=steps, verbose=0)


CLOCKS = ("cpu", "wall")


def timed(runner, steps) -> dict:
    """Seconds per step of ``runner.run(steps)`` on both clocks: ``wall`` (elapsed) and
    ``cpu`` (this process's CPU time, all its threads: with one TensorFlow thread, the time
    the same work takes on an idle core, whatever else the machine runs)."""
    wall, cpu = time.perf_counter(), time.process_time()
    runner.run(steps)
    return {"wall": (time.perf_counter() - wall) / steps,
            "cpu": (time.process_time() - cpu) / steps}


def calibrated_steps(per_step: dict, trial_s: float, multiple: int = 1) -> int:
    """Steps that make a trial last about 1.2 × ``trial_s`` on both clocks, given a probe's
    seconds per step ``{"wall", "cpu"}``; a multiple of ``multiple``."""
    fastest = min(v for v in per_step.values() if v > 0)
    steps = math.ceil(1.2 * trial_s / fastest)
    return max(multiple, math.ceil(steps / multiple) * multiple)


def interleaved_comparison(baseline, other, pairs, trial_s, warmup_steps=40) -> dict:
    """Warm both runners up, then ``pairs`` interleaved trials (baseline, other, …) of the
    same number of steps, chosen to last about 1.2 × ``trial_s`` on the baseline.
    Returns, per clock, spreads of both sides (ms/step) and of the per-pair ratio
    other / baseline, with the raw timings."""
    multiple = max(baseline.steps_per_execution, other.steps_per_execution)
    warmup_steps = math.ceil(warmup_steps / multiple) * multiple
    for runner in (baseline, other):  # trace and warm up; not measured
        runner.run(warmup_steps)
    steps = calibrated_steps(timed(baseline, warmup_steps), trial_s, multiple)
    base, oth = benchstats.interleaved(lambda: timed(baseline, steps),
                                       lambda: timed(other, steps), pairs)
    result = {"steps_per_trial": steps}
    for clock in CLOCKS:
        b, o = [1e3 * t[clock] for t in base], [1e3 * t[clock] for t in oth]
        result[clock] = benchstats.compare(b, o)
        result[clock]["raw_ms"] = {"baseline": [round(v, 4) for v in b],
                                   "other": [round(v, 4) for v in o]}
        result[clock]["trial_s_min"] = round(steps * min(b + o) / 1e3, 2)
    return result


def overhead(batch_size=64, pairs=7, trial_s=2.5, steps_per_execution=1) -> dict:
    """:class:`FitLoop` against :class:`BareLoop`, interleaved; ms/step on both clocks."""
    from course_utils.data import load_mnist

    if pairs < MIN_PAIRS or trial_s < MIN_TRIAL_S:
        raise ValueError(f"need at least {MIN_PAIRS} pairs of trials of at least "
                         f"{MIN_TRIAL_S} s, got {pairs} and {trial_s}.")
    x, _ = load_mnist()
    r = interleaved_comparison(BareLoop(x, batch_size, steps_per_execution),
                               FitLoop(x, batch_size, steps_per_execution), pairs, trial_s)
    out = {"pairs": pairs, "batch_size": batch_size, "steps_per_trial": r["steps_per_trial"],
           "steps_per_execution": steps_per_execution, "goal": "ratio ≤ 1.1"}
    for clock in CLOCKS:
        c = r[clock]
        out[clock] = {"bare_ms": c["baseline"], "fit_ms": c["other"], "ratio": c["ratio"],
                      "trial_s_min": c["trial_s_min"],
                      "raw_ms": {"bare": c["raw_ms"]["baseline"], "fit": c["raw_ms"]["other"]}}
    return out


def print_overhead(r, clock) -> None:
    fmt = benchstats.format_spread
    for name in (clock,) + tuple(c for c in CLOCKS if c != clock):
        c = r[name]
        print(f"   {name:4s} clock: bare {fmt(c['bare_ms'], unit='ms/step')}, fit "
              f"{fmt(c['fit_ms'], unit='ms/step')}")
        print(f"   {name:4s} clock: ratio fit / bare (per pair) {fmt(c['ratio'])}"
              + (" (goal ≤ 1.1)" if name == clock else ""))
    print(f"   {r['pairs']} interleaved pairs, {r['steps_per_trial']} steps per trial, "
          f"steps_per_execution {r['steps_per_execution']} on both sides", flush=True)


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


def check_times(cap, first=2.0, growth=1.2):
    """Training times (s) at which the race measures the distance: ``first``, then each
    at least 2 s and ``growth`` × after the one before, up to ``cap`` (included)."""
    if not (cap > 0 and first > 0 and growth > 1):
        raise ValueError(f"need cap > 0, first > 0 and growth > 1, got {cap}, {first}, {growth}.")
    times = [min(first, cap)]
    while times[-1] < cap:
        times.append(min(cap, max(times[-1] + 2.0, times[-1] * growth)))
    return times


def _clock(name):
    return time.perf_counter if name == "wall" else time.process_time


def time_to_quality(make, x, x_test, thresholds, cap, growth=1.2, seed=0, clock="wall") -> dict:
    """Train one run; measure the distance at :func:`check_times` of training time until it
    is ≤ the lowest threshold or ``cap`` training seconds pass. ``clock``: ``"wall"`` or
    ``"cpu"`` (this process's CPU time: with one thread, the wall time the run would take
    on an idle core — steadier on a shared machine). Both clocks are recorded; ``s`` in
    the history is the chosen one. Returns the history and the ladder column."""
    import tensorflow as tf

    from course_utils.metrics.features import load_classifier

    clf = load_classifier("mnist")
    gan, batch = make(seed)
    data = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=seed).repeat()
    data = data.batch(batch, drop_remainder=True)
    params = int(sum(w.numpy().size for w in gan.generator.trainable_weights))
    untrained = clf.frechet_distance(gan.generate(1000), x_test)
    print(f"    untrained generator: distance {untrained:.1f}", flush=True)
    trained, wall, steps, history, per_step = 0.0, 0.0, 0, [], None
    tick = _clock(clock)
    for target in check_times(cap, growth=growth):
        if trained >= target and history:
            continue  # a long call went past this check already
        while trained < target:
            # the first call runs 5 steps (and traces); then the steps that should reach the
            # target at the pace of the call before
            todo = 5 if per_step is None else max(1, round((target - trained) / per_step))
            start, start_wall = tick(), time.perf_counter()
            gan.fit(data, epochs=1, steps_per_epoch=todo, verbose=0)
            took = tick() - start
            trained, steps = trained + took, steps + todo
            wall += time.perf_counter() - start_wall
            per_step = took / todo
        distance = clf.frechet_distance(gan.generate(1000), x_test)
        history.append({"s": round(trained, 2), "wall_s": round(wall, 2), "steps": steps,
                        "distance": round(distance, 2)})
        print(f"    {trained:7.1f} s ({clock}), {wall:7.1f} s wall, {steps:6d} steps: "
              f"distance {distance:.1f}", flush=True)
        if distance <= min(thresholds):
            break
    return {"seconds": round(trained, 1), "wall_s": round(wall, 1), "steps": steps,
            "batch_size": batch, "generator_params": params, "clock": clock,
            "untrained_distance": round(untrained, 2), "history": history,
            "reached": benchstats.first_reached(history, thresholds)}


RACERS = {"course": _course_gan, "tutorial": _tutorial_gan}


def dcgan_race(thresholds, caps, growth=1.2, clock="wall", sides=("course", "tutorial")) -> dict:
    """Run the race's ``sides`` (one run each, seed 0); see :func:`merge_race` for the ladder."""
    from course_utils.data import load_mnist
    from course_utils.metrics.features import load_classifier

    x, _ = load_mnist()
    x_test, _ = load_mnist(split="test")
    x_test = x_test[:1000]
    baseline = load_classifier("mnist").frechet_distance(x[:1000], x_test)
    result = {"thresholds": list(thresholds), "real_baseline": round(baseline, 2),
              "clock": clock, "caps_s": {},
              "runs": "one run per side (seed 0); times are training time on the clock named, "
                      "tracing included, evaluations excluded"}
    for name in sides:
        print(f"  {name} DCGAN (cap {caps[name]:g} s, {clock} clock) …", flush=True)
        result["caps_s"][name] = caps[name]
        result[name] = time_to_quality(RACERS[name], x, x_test, thresholds, caps[name], growth,
                                       clock=clock)
    return result


def merge_race(result: dict, previous: dict | None) -> dict:
    """Take a side that ``result`` did not run from ``previous`` (the last ``bench.json``
    race, if measured with the same thresholds and clock); add the ladder when both sides
    are there."""
    previous = previous or {}
    if previous.get("thresholds") == result["thresholds"] \
            and previous.get("clock") == result["clock"]:
        for name in RACERS:
            if name not in result and name in previous:
                result[name] = previous[name]
                result["caps_s"][name] = previous.get("caps_s", {}).get(name)
                result.setdefault("machine", {})[name] = previous.get("machine", {}).get(name)
    if "course" in result and "tutorial" in result:
        result["ladder"] = benchstats.ladder(
            {float(k): v for k, v in result["course"]["reached"].items()},
            {float(k): v for k, v in result["tutorial"]["reached"].items()},
            slow_total_s=result["tutorial"]["seconds"])
    return result


def print_ladder(r) -> None:
    def at(m):
        return "not reached" if m is None else f"{m['s']:.0f} s ({m['steps']} steps)"

    for name in ("course", "tutorial"):
        if name not in r:
            print(f"   {name}: not run")
            continue
        m = r[name]
        print(f"   {name}: trained {m['seconds']:.0f} s ({m['clock']} clock; {m['wall_s']:.0f} s "
              f"wall), {m['steps']} steps of {m['batch_size']}, G {m['generator_params']:,} "
              f"parameters, untrained distance {m['untrained_distance']:.0f}")
    print(f"   real baseline (1,000 train vs 1,000 test images) {r['real_baseline']:.1f}")
    if "ladder" not in r:
        return
    print("   threshold | course | tutorial | tutorial / course")
    for row in r["ladder"]:
        ratio = "—" if row["ratio"] is None else f"{row['bound']} {row['ratio']:.1f}×"
        print(f"   {row['threshold']:9g} | {at(row['fast'])} | {at(row['slow'])} | {ratio}")


# ----------------------------------------------------------------- 3. lesson wall times
def lesson_times(run_course: bool) -> dict:
    results = ROOT / "build" / "results.json"
    if run_course:
        subprocess.run([sys.executable, str(ROOT / "tools" / "run_course.py"), "--mode",
                        "standard", "--out", str(ROOT / "build" / "executed")], check=True)
    if not results.exists():
        return {"missing": "run `make course` (or bench.py --run-course) first"}
    rows = json.loads(results.read_text())
    if rows.get("jobs", 1) != 1:
        return {"missing": "build/results.json holds lessons run several at a time: run "
                           "`make course JOBS=1` (or bench.py --run-course) first"}
    times = {r["lesson"]: round(r["seconds"], 1) for r in rows["lessons"]}
    written = datetime.fromtimestamp(results.stat().st_mtime, UTC)
    return {"mode": rows["mode"], "lessons": times, "total_s": round(sum(times.values()), 1),
            "runs": "one run per lesson (build/results.json), not a median",
            "results_written_utc": written.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine_note": "machine below is the one running bench.py; it is the one that "
                            "ran the lessons when --run-course was given"}


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def _write(path: Path, sections: dict) -> None:
    """Update ``path``'s JSON with ``sections`` (other sections kept)."""
    old = _read(path)
    old.update(sections)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(old, indent=2, ensure_ascii=False) + "\n")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=["overhead", "dcgan", "lessons"],
                        choices=["overhead", "dcgan", "lessons"])
    parser.add_argument("--pairs", type=int, default=7,
                        help=f"interleaved pairs of trials (≥ {MIN_PAIRS})")
    parser.add_argument("--trial-s", type=float, default=2.5,
                        help=f"seconds each trial lasts at least (≥ {MIN_TRIAL_S})")
    parser.add_argument("--steps-per-execution", type=int, default=1,
                        help="steps per call on both sides of the overhead comparison")
    parser.add_argument("--thresholds", nargs="+", type=float, default=list(THRESHOLDS),
                        help="classifier Fréchet distances of the ladder")
    parser.add_argument("--cap", type=float, default=600.0,
                        help="training seconds per DCGAN at most (both sides)")
    parser.add_argument("--course-cap", type=float, default=None, help="overrides --cap")
    parser.add_argument("--tutorial-cap", type=float, default=None,
                        help="overrides --cap, e.g. 1200 to give the tutorial 20 minutes")
    parser.add_argument("--clock", choices=CLOCKS, default="cpu",
                        help="the headline clock: this process's CPU time (default; with one "
                             "thread, the time on an idle core: steady on a shared machine) "
                             "or wall time; both are recorded")
    parser.add_argument("--sides", nargs="+", choices=sorted(RACERS),
                        default=["course", "tutorial"],
                        help="race sides to run; the other is kept from --out's last run")
    parser.add_argument("--check-growth", type=float, default=1.2,
                        help="each distance check comes this many times later than the last")
    parser.add_argument("--threads", type=int, default=1,
                        help="TensorFlow intra- and inter-op threads (default 1; 0: "
                             "TensorFlow's choice)")
    parser.add_argument("--run-course", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench.json")
    args = parser.parse_args(argv)
    if args.pairs < MIN_PAIRS:
        parser.error(f"--pairs must be ≥ {MIN_PAIRS}")
    if args.trial_s < MIN_TRIAL_S:
        parser.error(f"--trial-s must be ≥ {MIN_TRIAL_S}")
    if args.steps_per_execution < 1:
        parser.error("--steps-per-execution must be ≥ 1")
    if args.threads < 0:
        parser.error("--threads must be ≥ 0")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.threads:  # before TensorFlow starts
        for var in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
            os.environ[var] = str(args.threads)
    out = {}
    if "overhead" in args.only:
        print(f"1. trainer overhead (GAN.fit vs a bare tf.function loop), {args.pairs} "
              f"interleaved pairs …", flush=True)
        machine = machine_info()
        r = out["overhead"] = overhead(pairs=args.pairs, trial_s=args.trial_s,
                                       steps_per_execution=args.steps_per_execution)
        r["machine"], r["clock"] = machine, args.clock
        print_overhead(r, args.clock)
    if "dcgan" in args.only:
        caps = {"course": args.course_cap or args.cap, "tutorial": args.tutorial_cap or args.cap}
        print(f"2. time to distance thresholds {args.thresholds} (one run each; cap "
              f"{caps['course']:g} s course, {caps['tutorial']:g} s tutorial, {args.clock} "
              "clock) …", flush=True)
        machine = machine_info()
        r = dcgan_race(args.thresholds, caps, args.check_growth, args.clock, args.sides)
        r["machine"] = {name: machine for name in args.sides}
        r = out["dcgan"] = merge_race(r, _read(args.out).get("dcgan"))
        print_ladder(r)
    if "lessons" in args.only:
        r = out["lessons"] = lesson_times(args.run_course)
        r["machine"] = machine_info()
        shown = {k: v for k, v in r.items() if k != "machine"}
        print("3. lesson wall times (standard mode, one run each):",
              json.dumps(shown, ensure_ascii=False))
    _write(args.out, out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
