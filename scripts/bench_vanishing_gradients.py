"""Lesson 05's claims across seeds: how far the generator's gradient falls, per cost.

For each seed (default 0, 1, 2) and the lesson's settings (default: standard mode), train
the small MLP GAN briefly, freeze G, train a fresh D / critic toward optimality and
measure G's gradient norm (``course_utils.lessons.l05_vanishing_gradients.study.run_all``);
then the 1-D discriminator vs critic of the WGAN paper. Prints one table of decay factors
(first / last gradient norm) per cost and seed, and the lesson's verdicts per seed::

    python scripts/bench_vanishing_gradients.py [--seeds 0 1 2] [--mode standard]

``--mode quick`` is a smoke run: its budgets (50 D steps) are too small for several
verdicts, which then print NO (exit status 1); the lesson's claims are for standard mode.

用法：对每个种子复现第 05 课的实验，打印各代价的梯度衰减倍数（首/末）与结论。
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

import course_utils  # noqa: E402  (sets TensorFlow's flags before it is imported)

ROWS = [  # (curve, what is measured)
    ("minimax", "minimax"),
    ("non_saturating", "non-saturating"),
    ("wasserstein", "Wasserstein critic (GP)"),
    ("slow_minimax", "minimax, slower D"),
    ("noisy_minimax", "minimax, instance noise"),
]


def claims(curves, one_d):
    """The lesson's checked verdicts for one seed: ``{text: bool}`` (same thresholds as the
    notebook's ``# NBVAL_CHECK_OUTPUT`` cells)."""
    mm, slow, noisy = curves["minimax"], curves["slow_minimax"], curves["noisy_minimax"]
    w = curves["wasserstein"].mean
    late = mm.steps >= 100
    at_10 = mm.accuracy[list(mm.steps).index(10)] if 10 in mm.steps else float("nan")
    return {
        "minimax falls by more than 2 orders": mm.orders > 2,
        "minimax falls at every checkpoint": bool(np.all(np.diff(mm.mean) < 0)),
        "non-saturating grows": curves["non_saturating"].decay < 1,
        "Wasserstein stays within 10x of its start": bool(np.all(np.abs(np.log10(w / w[0])) < 1)),
        "D accuracy >= 0.99 from step 100 on": bool(late.any() and mm.accuracy[late].min() >= 0.99),
        "D accuracy >= 0.95 already at step 10": bool(at_10 >= 0.95),
        "instance noise: minimax falls by less than 1 order": noisy.orders < 1,
        "instance noise: D accuracy < 0.95 at every checkpoint": noisy.accuracy.max() < 0.95,
        "slower D: accuracy still reaches >= 0.99": slow.accuracy.max() >= 0.99,
        "slower D: minimax still falls by more than 1 order": slow.orders > 1,
        "1-D: D accuracy >= 0.99": one_d.d_accuracy >= 0.99,
        "1-D: critic gradient >= 1,000x D's at the fake data":
            one_d.critic_grad_at_fake >= 1000 * one_d.d_grad_at_fake,
        "1-D: critic linear between the means (R2 >= 0.99)": one_d.critic_r2 >= 0.99,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--mode", default="standard", choices=["quick", "standard", "full"])
    parser.add_argument("--instance-noise", type=float, default=3.0)
    parser.add_argument("--slow-factor", type=float, default=10.0)
    args = parser.parse_args(argv)

    course_utils.setup(mode=args.mode, seed=args.seeds[0], lang="en")
    from course_utils import data
    from course_utils.lessons.l05_vanishing_gradients import study as gs

    settings = gs.StudySettings.for_mode(args.mode)
    x_train, _ = data.load_mnist(split="train")
    x_test, _ = data.load_mnist(split="test")
    decays, accuracy, one_d, seconds, verdicts = {}, {}, {}, {}, {}
    for seed in args.seeds:
        start = time.perf_counter()
        curves = gs.run_all(x_train, x_test, settings, seed=seed,
                            instance_noise=args.instance_noise, slow_factor=args.slow_factor)
        res = gs.optimal_1d(steps=1000 if args.mode != "quick" else 200, seed=seed)
        seconds[seed] = time.perf_counter() - start
        decays[seed] = {key: curves[key].decay for key, _ in ROWS}
        verdicts[seed] = claims(curves, res)
        accuracy[seed] = float(curves["minimax"].accuracy[-1])
        one_d[seed] = res.critic_grad_at_fake / res.d_grad_at_fake
        print(f"seed {seed}: done in {seconds[seed]:.0f} s", flush=True)

    last = settings.checkpoints[-1]
    print(f"\nDecay of G's gradient norm, first / last (0 -> {last} D steps), "
          f"mode {args.mode}, instance noise std {args.instance_noise}:")
    head = f"{'cost':<26}" + "".join(f"{'seed ' + str(s):>22}" for s in args.seeds)
    print(head + "\n" + "-" * len(head))
    for key, what in ROWS:
        cells = "".join(f"{decays[s][key]:>12.3g}x ({math.log10(decays[s][key]):+.2f})"
                        for s in args.seeds)
        print(f"{what:<26}{cells}")
    print(f"{'D accuracy at the end':<26}" + "".join(f"{accuracy[s]:>22.3f}" for s in args.seeds))
    print(f"{'1-D |df/dx| / |dD/dx|':<26}" + "".join(f"{one_d[s]:>21.3g}x" for s in args.seeds))
    print("\nVerdicts (must hold for every seed):")
    ok_all = True
    for text in verdicts[args.seeds[0]]:
        results = [verdicts[s][text] for s in args.seeds]
        ok_all &= all(results)
        print(f"  {text}: {'yes' if all(results) else 'NO'} "
              f"({', '.join('yes' if r else 'no' for r in results)})")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
