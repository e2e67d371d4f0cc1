"""Reading lesson 06's runs: trivial baselines, the shape of a collapse, the tables.

* :func:`baseline_run`: rows that learned nothing (uniform noise over the target's square)
  or everything (a perfect sampler: fresh real samples), measured like a method, so every
  checked verdict can be tried on them.
* :func:`pile_path`: is a run *piled up* at an evaluation (the two modes nearest to most
  samples hold at least ``PILE_SHARE`` of them; an even spread gives 2/8 = 25 % on the ring)
  and, if so, *where* is the pile (the mode nearest to most samples)? Collapse-and-rotation
  means piled most of the time and the pile in several places; a perfect sampler or noise
  is never piled, a generator stuck on one mode never moves.
* :func:`elongation`: a pile that is a streak (a thin line) rather than a blob on a mode.

Defined in lesson 06.
"""

from __future__ import annotations

import numpy as np

from course_utils.lessons.l06_mode_collapse.study import (
    METHODS,
    N_SAMPLES,
    PUBLISHED,
    SQUARES,
    TARGETS,
    Column,
    MethodRun,
    ModeSettings,
    measure,
    nearest_mode_share,
    real_pools,
)

BASELINES = ("noise", "perfect")
BASELINE_NAMES = {"noise": ("uniform noise", "均匀噪声"),
                  "perfect": ("perfect sampler", "完美采样器")}
PILE_SHARE = 0.6  # piled: the two most-held modes hold ≥ 60 % of the samples (even: 25 %)


def median(values) -> float:
    """The median of a list of numbers (a float)."""
    return float(np.median(np.asarray(values, dtype=float)))


def spread_text(values, fmt="{:.1f}") -> str:
    """``"median [min–max]"`` of a list of numbers."""
    v = np.asarray(values, dtype=float)
    return f"{fmt.format(np.median(v))} [{fmt.format(v.min())}–{fmt.format(v.max())}]"


def baseline_samples(kind: str, target: str, seed: int, n: int = N_SAMPLES) -> np.ndarray:
    """``(n, 2)`` float32 samples of a trivial baseline: ``"noise"`` (uniform over the square
    of half-width :data:`SQUARES` [target]), ``"perfect"`` (fresh real samples) or
    ``"one_mode"`` (every sample from mode 0: a collapse that never moves)."""
    if kind not in (*BASELINES, "one_mode"):
        raise ValueError(f"Unknown baseline {kind!r}: expected noise, perfect or one_mode.")
    if target not in TARGETS:
        raise ValueError(f"Unknown target {target!r}: expected ring or grid.")
    rng = np.random.default_rng(seed)
    if kind == "noise":
        half = SQUARES[target]
        return rng.uniform(-half, half, (n, 2)).astype("float32")
    if kind == "one_mode":
        centre, std = TARGETS[target][0][0], TARGETS[target][1]
        return (centre + rng.normal(0.0, std, (n, 2))).astype("float32")
    return real_pools([(target, seed + 10_000)], pool=n)[0]


def baseline_run(kind: str, settings: ModeSettings, seed: int = 0) -> MethodRun:
    """A :class:`MethodRun` of ``kind`` (see :func:`baseline_samples`) with the same
    columns (targets, seeds) as a method's run; no training, so no history."""
    plan = ([("ring", seed + i) for i in range(settings.ring_seeds)]
            + [("grid", seed + i) for i in range(settings.grid_seeds)])
    columns = []
    for target, s in plan:
        x = baseline_samples(kind, target, s)
        columns.append(Column(target, s, x, measure(x, target), [], [],
                              np.zeros((0, len(TARGETS[target][0]))), {}))
    return MethodRun(kind, settings, columns, 0.0, 0.0)


def elongation(samples) -> float:
    """``sqrt(λ_max / λ_min)`` of the samples' covariance: 1 for a round blob (one mode, or
    the whole ring), ≫ 1 for a streak."""
    lam = np.linalg.eigvalsh(np.cov(np.asarray(samples, dtype=np.float64).T))
    return float(np.sqrt(lam[-1] / max(lam[0], 1e-12)))


def pile_path(snapshots, target: str, limit: float = PILE_SHARE) -> dict:
    """Where the samples pile up over time.

    Args:
        snapshots: list of ``(n, 2)`` sample sets, one per evaluation.
        target: ``"ring"`` or ``"grid"``; limit: the two-mode share that counts as a pile.

    Returns:
        ``{"top_two": [share of the samples nearest the two most-held modes, per evaluation],
        "piled_share": share of evaluations with top_two ≥ limit, "piles": the mode nearest
        to most samples at each piled evaluation, "distinct": how many different modes the
        pile sat at}``
    """
    centres = TARGETS[target][0]
    mass = [np.sort(nearest_mode_share(np.asarray(x), centres)) for x in snapshots]
    top_two = [float(m[-2:].sum()) for m in mass]
    piles = [int(np.argmax(nearest_mode_share(np.asarray(x), centres)))
             for x, t in zip(snapshots, top_two, strict=True) if t >= limit]
    return {"top_two": top_two, "piled_share": float(np.mean([t >= limit for t in top_two])),
            "piles": piles, "distinct": len(set(piles))}


def collapses_and_rotates(path: dict, min_piled: float = 0.75, min_distinct: int = 3) -> bool:
    """Collapse and rotation: piled at ≥ ``min_piled`` of the evaluations, and the pile
    sat at ≥ ``min_distinct`` different modes."""
    return path["piled_share"] >= min_piled and path["distinct"] >= min_distinct


def column_path(column: Column) -> dict:
    """:func:`pile_path` of a trained column's evaluations after step 0."""
    return pile_path([column.snapshots[s] for s in column.steps if s > 0], column.target)


def baseline_path(kind: str, target: str, seed: int, evaluations: int = 20) -> dict:
    """:func:`pile_path` of a baseline (:func:`baseline_samples`) drawn afresh at each of
    ``evaluations``."""
    return pile_path([baseline_samples(kind, target, seed + 100 * i)
                      for i in range(evaluations)], target)


def most_held(column: Column) -> list[int]:
    """At every evaluation after step 0: the mode nearest to most of the column's samples."""
    return [int(np.argmax(m)) for step, m in zip(column.steps, column.mass, strict=True)
            if step > 0]


def snapshot_steps(column: Column, n: int = 6) -> list[int]:
    """``n`` evaluation steps of ``column`` evenly spread from the first to the last."""
    idx = np.unique(np.linspace(0, len(column.steps) - 1, n).round().astype(int))
    return [column.steps[i] for i in idx]


def summary_rows(runs: dict, target: str) -> list[dict]:
    """One row per run on ``target`` (methods and baselines): per-seed modes captured,
    VEEGAN's count and % high quality, with medians."""
    rows = []
    for method, run in runs.items():
        modes = run.values(target, "modes_captured")
        if not modes:
            continue
        quality = [100 * q for q in run.values(target, "high_quality_share")]
        veegan = run.values(target, "veegan_modes")
        rows.append({"method": method, "seeds": [c.seed for c in run.of(target)],
                     "modes": modes, "veegan": veegan, "high_quality_pct": quality,
                     "modes_median": median(modes), "veegan_median": median(veegan),
                     "high_quality_median": median(quality), "wall_s": run.wall_s,
                     "cpu_s": run.cpu_s, "diverged": run.diverged})
    return rows


def short_name(method: str, settings: ModeSettings) -> str:
    """A language-neutral table label: ``GAN``, ``unrolled k=3``, ``PacGAN2`` …"""
    return {"gan": "GAN", "balanced": "GAN, fast D",
            "unrolled": f"unrolled k={settings.unroll_steps}", "packing": f"PacGAN{settings.pack}",
            "minibatch_std": "minibatch std",
            "wgan_gp": "WGAN-GP", "noise": "uniform noise",
            "perfect": "perfect sampler"}[method]


def format_table(rows, target: str, settings: ModeSettings, lang_pick) -> str:
    """The measured table as text; ``lang_pick(en, zh, sep)`` is :func:`course_utils.i18n.t`."""
    k = len(TARGETS[target][0])
    need = int(np.ceil(0.1 * N_SAMPLES / k))
    n = len(rows[0]["modes"])
    lines = [lang_pick(
        f"{target}: modes captured (of {k}; ≥ {need} good samples each), VEEGAN's count "
        f"(≥ 1) and % high quality, {n} seeds: median [min–max]; per seed: modes/VEEGAN/%HQ",
        f"{'环' if target == 'ring' else '网格'}：捕获的模式数（共 {k} 个；每个 ≥ {need} 个高质量"
        f"样本）、VEEGAN 的计数（≥ 1）与高质量比例 %，{n} 个种子：中位数 [最小–最大]；"
        "各种子：模式/VEEGAN/%高质量", sep="\n")]
    lines.append(f"{'':16s} {'modes':>14s} {'VEEGAN':>7s} {'% HQ':>17s}   seed: m/v/%HQ")
    for r in rows:
        per_seed = "  ".join(f"{s}: {m}/{v}/{q:.0f}" for s, m, v, q in
                             zip(r["seeds"], r["modes"], r["veegan"], r["high_quality_pct"],
                                 strict=True))
        flag = "  (diverged)" if r["diverged"] else ""
        lines.append(f"{short_name(r['method'], settings):16s} "
                     f"{spread_text(r['modes'], '{:.0f}'):>14s} {r['veegan_median']:>7.0f} "
                     f"{spread_text(r['high_quality_pct']):>17s}   {per_seed}{flag}")
    return "\n".join(lines)


def comparison_table(rows, target: str, settings: ModeSettings, lang_pick) -> str:
    """Our medians (VEEGAN's count / % high quality) beside VEEGAN's and PacGAN's Table 1."""
    ours = {r["method"]: r for r in rows}
    veegan, pacgan = PUBLISHED["veegan"][target], PUBLISHED["pacgan"][target]
    lines = [lang_pick("method           this lesson (median)   VEEGAN Table 1   PacGAN Table 1",
                       "方法             本课（中位数）         VEEGAN 表 1      PacGAN 表 1",
                       sep="\n")]
    for method in (*METHODS, "veegan"):
        mine = ours.get(method)
        mine = (f"{mine['veegan_median']:.0f} / {mine['high_quality_median']:.1f} %"
                if mine else "—")
        v = veegan.get(method)
        v = f"{v[0]:g} / {v[1]:g} %" if v else "—"
        p = pacgan.get(method)
        p = f"{p:g}" if p else "—"
        name = "VEEGAN" if method == "veegan" else short_name(method, settings)
        lines.append(f"{name:16s} {mine:>20s}   {v:>14s}   {p:>14s}")
    return "\n".join(lines)
