"""Statistics of ``scripts/bench.py``: interleaved trials, medians with their range, ladders.

A timing on a shared machine is one draw from a noisy distribution: another job may take
the core for a second. So every figure of ``make bench`` is a set of trials, summarised by
its median and its range (min–max), and every comparison is made *per pair*: trials run
interleaved (A, B, A, B, …), the ratio B/A is computed inside each pair, and the median of
those ratios is the figure. A burst of load then hits both sides of a pair instead of one
side of the comparison.

Everything here is plain Python on numbers (no TensorFlow), so it is tested on hand-made
timings. :func:`interleaved` runs the trials; :func:`first_reached` and :func:`ladder`
turn training histories into the threshold ladder of the DCGAN race.
"""

from __future__ import annotations

import math
import os
import platform
from collections.abc import Callable, Sequence


def _numbers(name: str, values: Sequence[float], *, positive=False) -> list[float]:
    values = [float(v) for v in values]
    if not values:
        raise ValueError(f"{name} is empty: need at least one timing.")
    bad = [v for v in values if not math.isfinite(v) or (positive and v <= 0)]
    if bad:
        kind = "positive finite numbers" if positive else "finite numbers"
        raise ValueError(f"{name} must hold {kind}, got {bad[0]!r}.")
    return values


def median(values: Sequence[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    v = sorted(_numbers("values", values))
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def spread(values: Sequence[float]) -> dict:
    """``{"median", "min", "max", "n"}`` of ``values``."""
    v = _numbers("values", values)
    return {"median": median(v), "min": min(v), "max": max(v), "n": len(v)}


def pair_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """``numerators[i] / denominators[i]`` for every pair i (the ratio inside each pair)."""
    num = _numbers("numerators", numerators, positive=True)
    den = _numbers("denominators", denominators, positive=True)
    if len(num) != len(den):
        raise ValueError(f"pairs need as many numerators as denominators, got {len(num)} "
                         f"and {len(den)}.")
    return [a / b for a, b in zip(num, den, strict=True)]


def compare(baseline: Sequence[float], other: Sequence[float]) -> dict:
    """Spreads of both sides and of the per-pair ratio ``other / baseline``."""
    return {"baseline": spread(baseline), "other": spread(other),
            "ratio": spread(pair_ratios(other, baseline))}


def format_spread(s: dict, digits: int = 2, unit: str = "") -> str:
    """``"5.12 ms (4.98–5.40, 7 trials)"``: the median, then min–max."""
    unit = f" {unit}" if unit else ""
    return (f"{s['median']:.{digits}f}{unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f}, "
            f"{s['n']} trials)")


def interleaved(run_a: Callable[[], float], run_b: Callable[[], float], pairs: int) -> tuple:
    """Run ``a, b, a, b, …`` for ``pairs`` pairs; returns the two lists of results.

    Each callable runs one timed trial and returns its figure (e.g. seconds per step, or a
    dict of them per clock), kept as returned.
    Warm-up (tracing, first batches) belongs before the first pair, outside these calls.
    """
    if not isinstance(pairs, int) or isinstance(pairs, bool) or pairs < 1:
        raise ValueError(f"pairs must be an int ≥ 1, got {pairs!r}.")
    a, b = [], []
    for _ in range(pairs):
        a.append(run_a())
        b.append(run_b())
    return a, b


# ------------------------------------------------------------------ the threshold ladder
def first_reached(history: Sequence[dict], thresholds: Sequence[float]) -> dict:
    """When a run first measured a distance ≤ each threshold.

    ``history``: evaluations in training order, each ``{"s", "steps", "distance"}`` (``s``:
    training seconds so far). Returns ``{threshold: {"s", "steps", "after_s"} or None}``;
    ``after_s`` is the previous evaluation's time, so the threshold was first crossed in
    ``(after_s, s]`` (the resolution of the ladder).
    """
    out = {}
    for threshold in thresholds:
        out[float(threshold)] = None
        previous = None
        for entry in history:
            if entry["distance"] <= threshold:
                out[float(threshold)] = {"s": entry["s"], "steps": entry["steps"],
                                         "after_s": None if previous is None else previous["s"]}
                break
            previous = entry
    return out


def ladder(fast: dict, slow: dict, slow_total_s: float | None = None) -> list[dict]:
    """Per threshold, highest first: both runs' times (from :func:`first_reached`) and
    ``ratio`` = slow / fast.

    ``bound`` is ``"="`` when both reached the threshold; ``"≥"`` when only the fast run did
    and ``slow_total_s`` (how long the slow run trained in all) is given: the ratio is then
    ``slow_total_s / fast`` time, a lower bound; ``None`` (no ratio) otherwise.
    """
    rows = []
    for threshold in sorted(fast, reverse=True):
        f, s = fast[threshold], slow.get(threshold)
        row = {"threshold": threshold, "fast": f, "slow": s, "ratio": None, "bound": None}
        if f is not None and s is not None:
            row["ratio"], row["bound"] = s["s"] / f["s"], "="
        elif f is not None and slow_total_s is not None:
            row["ratio"], row["bound"] = slow_total_s / f["s"], "≥"
        rows.append(row)
    return rows


# ------------------------------------------------------------------ the machine
def cpu_model(cpuinfo_text: str | None = None) -> str:
    """The CPU's model name from ``/proc/cpuinfo`` text (read if not given), else
    ``platform.processor()`` or ``platform.machine()``."""
    if cpuinfo_text is None:
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as f:
                cpuinfo_text = f.read()
        except OSError:
            cpuinfo_text = ""
    for line in cpuinfo_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "Hardware") and value.strip():
            return value.strip()
    return platform.processor() or platform.machine() or "unknown"


def thread_settings() -> dict:
    """TensorFlow's thread environment variables (``None``: unset, TensorFlow picks)."""
    return {var: os.environ.get(var) for var in
            ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS")}
