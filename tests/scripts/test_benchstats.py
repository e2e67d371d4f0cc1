"""The benchmarks' statistics, on hand-made timings (nothing here is timed)."""

import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location(
    "benchstats", Path(__file__).resolve().parents[2] / "scripts" / "benchstats.py")
benchstats = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(benchstats)


def test_median_takes_the_middle_value_or_the_mean_of_the_two_middle_ones():
    assert benchstats.median([5.0, 1.0, 3.0]) == 3.0
    assert benchstats.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert benchstats.median([7.0]) == 7.0


def test_median_ignores_one_burst_of_load_that_the_mean_would_follow():
    timings = [5.0, 5.1, 4.9, 5.0, 50.0]
    assert benchstats.median(timings) == 5.0
    assert sum(timings) / len(timings) == pytest.approx(14.0)


def test_spread_gives_median_min_max_and_count():
    assert benchstats.spread([3.0, 1.0, 2.0, 10.0]) == {"median": 2.5, "min": 1.0, "max": 10.0,
                                                       "n": 4}


def test_ratios_are_taken_inside_each_pair_not_between_medians():
    # a burst of load slows both trials of pair 2 threefold: the per-pair ratio does not move
    bare = [5.0, 15.0, 5.0, 5.0, 5.0]
    fit = [5.5, 16.5, 5.5, 5.5, 5.5]
    ratios = benchstats.pair_ratios(fit, bare)
    assert ratios == pytest.approx([1.1] * 5)
    # a burst that hits one side only shows up in that pair's ratio, and the median holds
    fit_burst = [5.5, 5.5, 16.5, 5.5, 5.5]
    bare_burst = [5.0, 5.0, 5.0, 5.0, 5.0]
    summary = benchstats.spread(benchstats.pair_ratios(fit_burst, bare_burst))
    assert summary["median"] == pytest.approx(1.1)
    assert summary["max"] == pytest.approx(3.3)


def test_compare_summarises_both_sides_and_the_per_pair_ratio():
    r = benchstats.compare([2.0, 4.0, 2.0], [3.0, 4.0, 2.4])
    assert r["baseline"]["median"] == 2.0
    assert r["other"]["median"] == 3.0
    assert r["ratio"] == {"median": pytest.approx(1.2), "min": pytest.approx(1.0),
                          "max": pytest.approx(1.5), "n": 3}


@pytest.mark.parametrize("values, message", [([], "empty"), ([1.0, float("nan")], "finite"),
                                             ([1.0, float("inf")], "finite")])
def test_spread_rejects_empty_or_non_finite_timings(values, message):
    with pytest.raises(ValueError, match=message):
        benchstats.spread(values)


def test_pair_ratios_reject_unpaired_or_non_positive_timings():
    with pytest.raises(ValueError, match="as many numerators as denominators"):
        benchstats.pair_ratios([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="denominators must hold positive"):
        benchstats.pair_ratios([1.0], [0.0])


def test_format_spread_prints_median_then_range_and_count():
    s = {"median": 5.123, "min": 4.98, "max": 5.4, "n": 7}
    assert benchstats.format_spread(s, unit="ms/step") == "5.12 ms/step (4.98–5.40, 7 trials)"
    assert benchstats.format_spread(s, digits=1) == "5.1 (5.0–5.4, 7 trials)"


def test_interleaved_alternates_the_two_sides_pair_by_pair():
    calls = []
    a_values, b_values = iter([1.0, 2.0, 3.0]), iter([10.0, 20.0, 30.0])

    def run_a():
        calls.append("a")
        return next(a_values)

    def run_b():
        calls.append("b")
        return next(b_values)

    a, b = benchstats.interleaved(run_a, run_b, pairs=3)
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert (a, b) == ([1.0, 2.0, 3.0], [10.0, 20.0, 30.0])


@pytest.mark.parametrize("pairs", [0, -1, 2.5, True])
def test_interleaved_needs_a_positive_int_of_pairs(pairs):
    with pytest.raises(ValueError, match="pairs must be an int"):
        benchstats.interleaved(lambda: 1.0, lambda: 1.0, pairs)


HISTORY = [{"s": 2.0, "steps": 10, "distance": 300.0},
           {"s": 4.0, "steps": 20, "distance": 180.0},
           {"s": 6.0, "steps": 30, "distance": 120.0},
           {"s": 8.0, "steps": 40, "distance": 130.0},  # a step back does not count
           {"s": 10.0, "steps": 50, "distance": 55.0}]


def test_first_reached_gives_the_first_check_at_or_below_each_threshold_and_the_one_before():
    reached = benchstats.first_reached(HISTORY, [200, 150, 100, 60, 40])
    assert reached[200.0] == {"s": 4.0, "steps": 20, "after_s": 2.0}
    assert reached[150.0] == {"s": 6.0, "steps": 30, "after_s": 4.0}
    assert reached[100.0] == {"s": 10.0, "steps": 50, "after_s": 8.0}
    assert reached[60.0] == {"s": 10.0, "steps": 50, "after_s": 8.0}
    assert reached[40.0] is None
    first = benchstats.first_reached(HISTORY, [400])[400.0]
    assert first == {"s": 2.0, "steps": 10, "after_s": None}


def test_ladder_gives_a_ratio_where_both_reach_and_a_bound_where_only_the_fast_one_does():
    fast = benchstats.first_reached(HISTORY, [200, 100, 40])
    slow_history = [{"s": 30.0, "steps": 5, "distance": 250.0},
                    {"s": 60.0, "steps": 10, "distance": 190.0},
                    {"s": 90.0, "steps": 15, "distance": 170.0}]
    slow = benchstats.first_reached(slow_history, [200, 100, 40])
    rows = benchstats.ladder(fast, slow, slow_total_s=90.0)
    assert [r["threshold"] for r in rows] == [200.0, 100.0, 40.0]
    assert rows[0]["ratio"] == pytest.approx(60.0 / 4.0) and rows[0]["bound"] == "="
    assert rows[1]["ratio"] == pytest.approx(90.0 / 10.0) and rows[1]["bound"] == "≥"
    assert rows[2]["ratio"] is None and rows[2]["bound"] is None  # neither reached 40
    no_total = benchstats.ladder(fast, slow)
    assert no_total[1]["ratio"] is None


def test_cpu_model_reads_the_model_name_line_of_proc_cpuinfo():
    text = ("processor\t: 0\nvendor_id\t: GenuineIntel\n"
            "model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n")
    assert benchstats.cpu_model(text) == "Intel(R) Xeon(R) CPU @ 2.20GHz"
    assert benchstats.cpu_model("processor : 0\n")  # falls back to platform, never empty


def test_thread_settings_reports_the_environment(monkeypatch):
    monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "1")
    monkeypatch.delenv("TF_NUM_INTEROP_THREADS", raising=False)
    settings = benchstats.thread_settings()
    assert settings["TF_NUM_INTRAOP_THREADS"] == "1"
    assert settings["TF_NUM_INTEROP_THREADS"] is None
