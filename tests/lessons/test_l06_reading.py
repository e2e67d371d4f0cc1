"""Reading lesson 06's runs: baselines, piles and streaks, the tables."""

import numpy as np
import pytest

from course_utils import i18n
from course_utils.lessons.l06_mode_collapse import reading, study

TINY = study.ModeSettings(steps=20, eval_every=10, ring_seeds=2, grid_seeds=0, hidden=(8, 8),
                          batch_size=16, unroll_steps=1)
CENTRES = study.TARGETS["ring"][0]


def _on(modes, n=2500, seed=0):
    """``n`` samples spread evenly over the given modes (real spread)."""
    rng = np.random.default_rng(seed)
    idx = np.asarray(modes)[np.arange(n) % len(modes)]
    return (CENTRES[idx] + rng.normal(0, 0.05, (n, 2))).astype("float32")


def _column(snapshots, seed=0):
    steps = list(range(0, 100 * len(snapshots), 100))
    mass = np.array([study.nearest_mode_share(x, CENTRES) for x in snapshots])
    last = study.measure(snapshots[-1], "ring")
    return study.Column("ring", seed, snapshots[-1], last, steps,
                        [study.measure(x, "ring")["captured"] for x in snapshots], mass,
                        dict(zip(steps, snapshots, strict=True)))


def test_noise_captures_nothing_and_the_perfect_sampler_everything():
    noise, perfect = (reading.baseline_run(k, TINY, seed=3) for k in reading.BASELINES)
    assert [c.seed for c in noise.columns] == [3, 4]
    assert noise.values("ring", "modes_captured") == [0, 0]
    assert min(noise.values("ring", "veegan_modes")) >= 6  # VEEGAN's rule is fooled
    assert perfect.values("ring", "modes_captured") == [8, 8]
    assert min(perfect.values("ring", "high_quality_share")) > 0.97


def test_baseline_samples_cover_their_square_or_sit_on_mode_zero():
    noise = reading.baseline_samples("noise", "ring", 0)
    assert noise.shape == (2500, 2) and np.abs(noise).max() <= 2.5 and noise.min() < -2.4
    one = reading.baseline_samples("one_mode", "ring", 0)
    assert study.measure(one, "ring")["captured"] == [0]
    with pytest.raises(ValueError, match="baseline"):
        reading.baseline_samples("gan", "ring", 0)
    with pytest.raises(ValueError, match="target"):
        reading.baseline_samples("noise", "torus", 0)


def test_a_moving_pile_collapses_and_rotates_and_no_baseline_does():
    moving = reading.pile_path([_on([m, m + 1]) for m in (0, 0, 2, 4, 4, 6)], "ring")
    assert moving["piled_share"] == 1.0 and moving["piles"] == [0, 0, 2, 4, 4, 6]
    assert moving["distinct"] == 4 and reading.collapses_and_rotates(moving)
    for kind in ("noise", "perfect", "one_mode"):
        path = reading.baseline_path(kind, "ring", 0, evaluations=5)
        assert not reading.collapses_and_rotates(path, min_piled=0.5), kind
    assert reading.baseline_path("one_mode", "ring", 0, 5)["distinct"] == 1


def test_hopping_top_mode_of_an_even_spread_is_not_a_pile():
    even = reading.pile_path([_on(range(8), seed=s) for s in range(6)], "ring")
    assert even["piled_share"] == 0.0 and even["distinct"] == 0
    assert max(even["top_two"]) < 0.3


def test_elongation_tells_a_streak_from_a_blob():
    t = np.linspace(0, 1, 500)
    streak = np.stack([2 + 2 * t, 0.02 * np.sin(40 * t)], 1)
    assert reading.elongation(streak) > 20
    assert reading.elongation(_on([0])) < 1.3 and reading.elongation(_on(range(8))) < 1.3


def test_column_path_skips_step_zero():
    col = _column([_on(range(8)), _on([3]), _on([5]), _on([7])])
    path = reading.column_path(col)
    assert path["piles"] == [3, 5, 7] and len(path["top_two"]) == 3
    assert reading.most_held(col) == [3, 5, 7]
    assert reading.snapshot_steps(col, 2) == [0, 300]


def test_median_and_spread_text():
    assert reading.median([3, 1, 2]) == 2.0
    assert reading.spread_text([1, 3, 2]) == "2.0 [1.0–3.0]"


def test_tables_show_every_seed_the_baselines_and_the_published_numbers():
    cols = [_column([_on([1]), _on([1, 2])], seed=s) for s in (0, 1)]
    runs = {"noise": reading.baseline_run("noise", TINY, 0),
            "gan": study.MethodRun("gan", TINY, cols, 1.0, 1.0),
            "packing": study.MethodRun("packing", TINY, cols, 1.0, 1.0)}
    rows = reading.summary_rows(runs, "ring")
    assert [r["method"] for r in rows] == ["noise", "gan", "packing"]
    assert rows[1]["modes"] == [2, 2] and rows[0]["modes"] == [0, 0]
    i18n.set_language("en")
    table = reading.format_table(rows, "ring", TINY, i18n.t)
    assert "uniform noise" in table and "0: 2/2/99" in table and "PacGAN2" in table
    assert "≥ 32 good samples" in table
    comparison = reading.comparison_table(rows, "ring", TINY, i18n.t)
    assert "1 / 99.3 %" in comparison and "7.9" in comparison and "VEEGAN" in comparison
